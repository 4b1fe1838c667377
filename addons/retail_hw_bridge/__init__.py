# The bridge service (bridge/retail_hw_bridge_service) runs on the till, outside Odoo: never imported here.
from . import models
