from odoo import fields, models


class RetailCoupon(models.Model):
    """A coupon handed to one customer: the member finds it among their coupons in the portal."""

    _inherit = "retail.coupon"

    partner_id = fields.Many2one(
        "res.partner", string="Owner", index="btree_not_null",
        help="The customer the coupon was given to; empty for coupons handed out anonymously.")
