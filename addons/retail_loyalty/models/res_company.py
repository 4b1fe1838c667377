from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    retail_points_amount = fields.Monetary(
        string="Amount per Point", currency_field="currency_id", default=1.0,
        help="Paid amount that earns one loyalty point (e.g. 10,000 ₫), unless the member's tier sets its own.")

    _sql_constraints = [
        ("retail_points_amount_positive", "CHECK(retail_points_amount > 0)",
         "The amount that earns one point must be positive."),
    ]
