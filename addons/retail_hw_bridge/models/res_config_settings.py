from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_retail_hw_bridge_enabled = fields.Boolean(
        related="pos_config_id.retail_hw_bridge_enabled", readonly=False)
    pos_retail_hw_bridge_url = fields.Char(related="pos_config_id.retail_hw_bridge_url", readonly=False)
    pos_retail_hw_bridge_token = fields.Char(related="pos_config_id.retail_hw_bridge_token", readonly=False)
    pos_retail_card_pattern = fields.Char(related="pos_config_id.retail_card_pattern", readonly=False)
