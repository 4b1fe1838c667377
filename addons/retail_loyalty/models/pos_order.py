import math

from odoo import fields, models


class PosOrder(models.Model):
    _inherit = "pos.order"

    retail_tier_id = fields.Many2one("retail.tier", string="Member Tier", readonly=True,
                                     help="The member's tier once this order was recorded.")
    retail_tier_name = fields.Char(related="retail_tier_id.name", string="Tier Name")
    retail_tier_upgraded = fields.Boolean(string="Upgraded by this Order", readonly=True)
    retail_points_earned = fields.Float(string="Points Earned", digits=(16, 2), readonly=True)
    retail_points_multiplier = fields.Float(string="Points Multiplier", readonly=True)
    retail_points_balance = fields.Float(string="Points Balance", digits=(16, 2), readonly=True)
    retail_next_tier_name = fields.Char(string="Next Tier", readonly=True)
    retail_next_tier_basis = fields.Char(readonly=True)
    retail_next_tier_missing = fields.Float(string="Missing for Next Tier", readonly=True)
    retail_points_move_ids = fields.One2many("retail.points.move", "order_id", string="Points Ledger")

    def action_pos_order_paid(self):
        result = super().action_pos_order_paid()
        self._retail_record_loyalty()
        return result

    def _retail_qualifying_amount(self):
        """Amount actually paid that counts for points and tiers: after discounts, without prepaid
        value sold (top-ups, gift cards) and without stored value spent as a reward line."""
        self.ensure_one()
        no_points = self.lines.product_id._retail_earning_no_points()
        earning_lines = self.lines.filtered(lambda line: line.product_id not in no_points and not (
            line.reward_id and line.reward_id.program_id.program_type in ("gift_card", "ewallet")))
        return self.currency_id.round(sum(earning_lines.mapped("price_subtotal_incl")))

    def _retail_record_loyalty(self):
        for order in self.filtered(lambda order: order.partner_id.retail_tier_id):
            if order.retail_points_move_ids:
                continue  # the same order synced again: its points are already in the ledger
            order._retail_record_points()

    def _retail_record_points(self):
        self.ensure_one()
        partner = self.partner_id
        branch = self.config_id
        local_date = branch._retail_local_date(self.date_order)
        amount = self._retail_qualifying_amount()
        tier_before = partner.retail_tier_id
        per_point = tier_before._amount_per_point(self.company_id)
        benefit = {"kind": False, "points_multiplier": 1.0}
        if amount >= 0:
            kind = "earn"
            benefit = partner._retail_benefit(local_date, exclude_order=self)
            points = math.floor(amount / per_point * benefit["points_multiplier"])
        else:
            kind = "refund"
            points = -min(partner.retail_points_balance, self._retail_refunded_points(amount, per_point))
        card = partner.retail_member_card_ids.filtered(lambda card: card.state == "active")[:1]
        self.env["retail.points.move"].sudo().create({
            "partner_id": partner.id, "card_id": card.id, "order_id": self.id, "kind": kind,
            "date": self.date_order, "local_date": local_date, "branch_id": branch.id,
            "company_id": self.company_id.id, "amount": amount, "points": points,
            "multiplier": benefit["points_multiplier"],
        })
        if benefit["kind"]:
            self._retail_record_benefit_use(benefit, local_date)
        tiers = self.env["retail.tier"].sudo()
        tiers._apply_tier_decisions(
            tiers._tier_decisions(local_date, [partner.id], allow_downgrade=False),
            reason="order", branch=branch, order=self, when=self.date_order)
        self._retail_write_member_summary(tier_before, points, benefit["points_multiplier"], local_date)

    def _retail_refunded_points(self, amount, per_point):
        """Points to take back for a refund: at the multiplier the refunded order earned them with."""
        refunded = self.lines.refunded_orderline_id.order_id.retail_points_move_ids.filtered(
            lambda move: move.kind == "earn")[:1]
        multiplier = refunded.multiplier or 1.0
        return math.floor(-amount / per_point * multiplier)

    def _retail_record_benefit_use(self, benefit, local_date):
        self.env["retail.benefit.use"].sudo().create({
            "partner_id": self.partner_id.id, "kind": benefit["kind"], "member_day_id": benefit["member_day_id"],
            "period_key": benefit["period_key"], "order_id": self.id, "branch_id": self.config_id.id,
            "date": self.date_order, "local_date": local_date, "tier_id": self.partner_id.retail_tier_id.id,
            "discount_multiplier": benefit["discount_multiplier"], "points_multiplier": benefit["points_multiplier"],
        })

    def _retail_write_member_summary(self, tier_before, points, multiplier, local_date):
        """What the receipt prints: tier after the order, points, and what the next tier still needs."""
        partner = self.partner_id
        next_tier, missing = partner._retail_next_tier_status(local_date)
        self.write({
            "retail_tier_id": partner.retail_tier_id.id,
            "retail_tier_upgraded": partner.retail_tier_id.sequence > tier_before.sequence,
            "retail_points_earned": points,
            "retail_points_multiplier": multiplier,
            "retail_points_balance": partner.retail_points_balance,
            "retail_next_tier_name": next_tier.name or False,
            "retail_next_tier_basis": next_tier.qualify_basis or False,
            "retail_next_tier_missing": missing,
        })
