from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class RetailPointsMove(models.Model):
    """Append-only ledger of loyalty points and of the revenue that earned them.

    The tier evaluation reads revenue and points per branch-local day from this table only, so an
    order counts once, on the date the customer saw on the receipt.
    """

    _name = "retail.points.move"
    _description = "Points Ledger Line"
    _order = "date desc, id desc"
    _rec_name = "kind"

    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True, ondelete="restrict")
    card_id = fields.Many2one("retail.member.card", ondelete="set null")
    order_id = fields.Many2one("pos.order", index="btree_not_null", ondelete="restrict")
    kind = fields.Selection(
        [("earn", "Earned on an order"), ("refund", "Returned on a refund"), ("redeem", "Redeemed"),
         ("adjust", "Manual adjustment"), ("import", "Imported history")],
        required=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    local_date = fields.Date(
        string="Branch Date", required=True,
        help="The day in the branch's timezone: rolling windows are counted in branch days.")
    branch_id = fields.Many2one("pos.config")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user, required=True)
    amount = fields.Monetary(
        string="Qualifying Revenue",
        help="Amount actually paid that counts for points and tiers (after discounts, without "
        "stored-value top-ups and vouchers sold); negative on refunds.")
    points = fields.Float(digits=(16, 2))
    multiplier = fields.Float(default=1.0, help="Birthday or member-day multiplier applied to these points.")
    reason = fields.Char()

    _sql_constraints = [
        # one earn line and one refund line per order: a till that syncs an order twice changes nothing
        ("order_kind_uniq", "unique(order_id, kind)", "These points were already recorded for this order."),
    ]

    def init(self):
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS retail_points_move_partner_local_date_idx
                ON retail_points_move (partner_id, local_date) INCLUDE (amount, points)
        """)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su and vals.get("kind") != "adjust":
                raise ValidationError(self.env._(
                    "Points are earned and returned by orders only; record a manual adjustment instead."))
            if vals.get("kind") == "adjust" and not vals.get("reason"):
                raise ValidationError(self.env._("A manual points adjustment needs a reason."))
        moves = super().create(vals_list)
        moves._apply_to_balances()
        return moves

    def _apply_to_balances(self):
        """Keep the partner's cached balance equal to the sum of its ledger, in the same transaction."""
        self.env.flush_all()
        partners = self.partner_id
        self.env.cr.execute("""
            UPDATE res_partner p
               SET retail_points_balance = COALESCE(
                       (SELECT SUM(m.points) FROM retail_points_move m WHERE m.partner_id = p.id), 0)
             WHERE p.id = ANY(%s)
         RETURNING p.id, p.retail_points_balance
        """, [partners.ids])
        negative = [partner_id for partner_id, balance in self.env.cr.fetchall() if balance < 0]
        partners.invalidate_recordset(["retail_points_balance"])
        if negative:
            raise ValidationError(self.env._(
                "A points balance cannot go below zero (%(customers)s).",
                customers=", ".join(self.env["res.partner"].browse(negative).mapped("display_name"))))

    def write(self, vals):
        if self:
            raise UserError(self.env._(
                "Points ledger lines cannot be changed: record a correcting adjustment instead."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Points ledger lines cannot be deleted: record a correcting adjustment instead."))
