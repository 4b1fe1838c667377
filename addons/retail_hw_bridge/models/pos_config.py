import re
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

BRIDGE_FIELDS = ["retail_hw_bridge_enabled", "retail_hw_bridge_url", "retail_hw_bridge_token", "retail_card_pattern"]


class PosConfig(models.Model):
    _inherit = "pos.config"

    retail_hw_bridge_enabled = fields.Boolean(
        string="Card Reader Bridge",
        help="Read member cards from the chip, magnetic-stripe and RFID readers of this till through the "
             "retail-hw-bridge service running on the till machine.")
    retail_hw_bridge_url = fields.Char(
        string="Bridge Address", default="ws://127.0.0.1:8765",
        help="The WebSocket address of the bridge service as the till's browser reaches it (loopback).")
    retail_hw_bridge_token = fields.Char(
        string="Pairing Token", copy=False,
        help="The token configured in the bridge service (retail-hw-bridge --generate-token).")
    retail_card_pattern = fields.Char(
        string="Card Number Pattern",
        help="A regular expression for what a keyboard-wedge card reader types, e.g. ^;(\\d{8,19})\\?$ for "
             "track 2 with its sentinels. Input that matches goes straight to the member card lookup; the "
             "first group, when there is one, is the card number.")

    @api.constrains("retail_hw_bridge_enabled", "retail_hw_bridge_url", "retail_hw_bridge_token")
    def _check_retail_hw_bridge(self):
        for config in self.filtered("retail_hw_bridge_enabled"):
            address = urlsplit(config.retail_hw_bridge_url or "")
            if address.scheme not in ("ws", "wss") or not address.hostname:
                raise ValidationError(self.env._(
                    "The card reader bridge address of %(pos)s must be a WebSocket address such as "
                    "ws://127.0.0.1:8765.", pos=config.name))
            if len(config.retail_hw_bridge_token or "") < 16:
                raise ValidationError(self.env._(
                    "Enter the pairing token of the card reader bridge for %(pos)s (at least 16 characters, "
                    "as printed by retail-hw-bridge --generate-token).", pos=config.name))

    @api.constrains("retail_card_pattern")
    def _check_retail_card_pattern(self):
        for config in self.filtered("retail_card_pattern"):
            try:
                re.compile(config.retail_card_pattern)
            except re.error as error:
                raise ValidationError(self.env._(
                    "The card number pattern of %(pos)s is not a valid regular expression: %(error)s",
                    pos=config.name, error=error))

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_list = super()._load_pos_data_fields(config_id)
        # an empty list loads every field of the POS configuration, ours included
        return [*fields_list, *BRIDGE_FIELDS] if fields_list else fields_list
