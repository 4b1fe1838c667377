from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_retail_discount_approval = fields.Boolean(related="pos_config_id.retail_discount_approval", readonly=False)
    pos_retail_discount_limit = fields.Float(related="pos_config_id.retail_discount_limit", readonly=False)
