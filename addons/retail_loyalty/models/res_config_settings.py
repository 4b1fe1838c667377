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
    retail_association_months = fields.Integer(
        string="Sales Analysed (months)", config_parameter="retail_loyalty.association_months", default=12,
        help="Product suggestions read the paid bills of this many months: the products bought together for "
        "the association rules, and each customer's repeat purchases.")
    retail_association_min_support = fields.Float(
        string="Minimum Support (%)", config_parameter="retail_loyalty.association_min_support", default=0.1,
        digits=(16, 3), help="A pair of products is kept when at least this share of the bills has both.")
    retail_association_min_confidence = fields.Float(
        string="Minimum Confidence (%)", config_parameter="retail_loyalty.association_min_confidence",
        default=10.0, digits=(16, 2),
        help="A rule \"customers who buy A also buy B\" is kept when at least this share of the bills with A "
        "also has B.")
    retail_association_min_bills = fields.Integer(
        string="Minimum Bills", config_parameter="retail_loyalty.association_min_bills", default=3,
        help="A pair of products is kept only when at least this many bills have both, however many bills "
        "there are.")
