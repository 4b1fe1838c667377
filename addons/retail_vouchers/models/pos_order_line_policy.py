from odoo import fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    retail_policy_refused = fields.Boolean(
        string="Policy Not Honoured", readonly=True, copy=False,
        help="A discount policy reward line the server found ineligible when the order arrived (wrong till "
        "clock, customer or bill outside the policy, or beaten in its exclusive group): the order is kept and "
        "flagged with the amount due; the line counts in no policy statistics.")
