"""Retail CRM card reader bridge: the till's card readers to the POS page over a local WebSocket.

Not an Odoo module: the addon ``retail_hw_bridge`` never imports it. Installed on the till with
``pip install addons/retail_hw_bridge/bridge`` and started as ``retail-hw-bridge``.
"""

__version__ = "1.1.0"
PROTOCOL_VERSION = 1
