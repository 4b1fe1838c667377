from odoo import fields, models


class RetailBenefitUse(models.Model):
    """One use of a birthday or member-day benefit: which order, where, when, how much."""

    _name = "retail.benefit.use"
    _description = "Member Benefit Use"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True, ondelete="cascade")
    kind = fields.Selection([("birthday", "Birthday"), ("member_day", "Member day")], required=True)
    member_day_id = fields.Many2one("retail.member.day", ondelete="set null")
    period_key = fields.Char(
        required=True, index=True,
        help="The birthday (year) or member day the benefit belongs to; a once-per-period rule counts uses per key.")
    order_id = fields.Many2one("pos.order", ondelete="cascade", index="btree_not_null")
    branch_id = fields.Many2one("pos.config")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    local_date = fields.Date(string="Branch Date")
    tier_id = fields.Many2one("retail.tier")
    discount_multiplier = fields.Float()
    points_multiplier = fields.Float()

    _sql_constraints = [
        ("order_kind_uniq", "unique(order_id, kind)", "This benefit was already recorded for the order."),
    ]
