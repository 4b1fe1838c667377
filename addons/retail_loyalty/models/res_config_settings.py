from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    retail_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    retail_points_amount = fields.Monetary(
        related="company_id.retail_points_amount", readonly=False, currency_field="retail_currency_id")
    retail_downgrade_mode = fields.Selection(
        [("step", "One tier at a time"), ("straight", "Straight to the tier the revenue keeps")],
        string="Downgrade", default="step", config_parameter="retail_loyalty.downgrade_mode")
    retail_grace_days = fields.Integer(
        string="Grace Period (days)", config_parameter="retail_loyalty.grace_days",
        help="A member is not moved down before this many days have passed since the last tier change.")
