import calendar
from datetime import date, timedelta

from odoo import api, fields, models


def birthday_in_year(birthday, year):
    """The birthday as celebrated in ``year``: 29 February falls on 28 February in other years."""
    day = min(birthday.day, calendar.monthrange(year, birthday.month)[1])
    return date(year, birthday.month, day)


class ResPartner(models.Model):
    _inherit = "res.partner"

    retail_tier_id = fields.Many2one(
        "retail.tier", string="Member Tier", index=True, ondelete="restrict", copy=False, tracking=True)
    retail_tier_date = fields.Datetime(string="Tier Since", copy=False, readonly=True)
    retail_points_balance = fields.Float(
        string="Points", digits=(16, 2), copy=False, readonly=True,
        help="Sum of the customer's points ledger.")
    retail_member_card_ids = fields.One2many("retail.member.card", "partner_id", string="Member Cards")
    retail_card_count = fields.Integer(compute="_compute_retail_card_count", string="Cards")
    retail_tier_history_ids = fields.One2many("retail.tier.history", "partner_id", string="Tier History")
    retail_points_move_ids = fields.One2many("retail.points.move", "partner_id", string="Points Ledger")
    retail_benefit_use_ids = fields.One2many("retail.benefit.use", "partner_id", string="Benefit Uses")

    def _compute_retail_card_count(self):
        counts = dict(self.env["retail.member.card"]._read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]))
        for partner in self:
            partner.retail_card_count = counts.get(partner, 0)

    def write(self, vals):
        if "retail_tier_id" not in vals or self.env.context.get("retail_tier_change"):
            return super().write(vals)
        new_tier = self.env["retail.tier"].browse(vals["retail_tier_id"])
        changed = self.filtered(lambda partner: partner.retail_tier_id != new_tier)
        previous = {partner: partner.retail_tier_id for partner in changed}
        result = super().write({**vals, "retail_tier_date": fields.Datetime.now()})
        for partner in changed:
            partner._retail_log_tier_change(previous[partner], new_tier, "manual")
        return result

    def _retail_log_tier_change(self, from_tier, to_tier, reason, branch=None, order=None):
        self.ensure_one()
        if not from_tier:
            direction = "enrol"
        elif not to_tier:
            direction = "leave"
        else:
            direction = "upgrade" if to_tier.sequence > from_tier.sequence else "downgrade"
        self.env["retail.tier.history"].sudo().create({
            "partner_id": self.id, "from_tier_id": from_tier.id, "to_tier_id": to_tier.id,
            "direction": direction, "reason": reason, "branch_id": branch.id if branch else False,
            "order_id": order.id if order else False, "user_id": self.env.uid,
        })

    def _retail_enrol_member(self, branch=None):
        """A customer who receives a card becomes a member of the lowest tier."""
        lowest = self.env["retail.tier"]._lowest()
        for partner in self.filtered(lambda partner: not partner.retail_tier_id):
            partner.with_context(retail_tier_change=True).write(
                {"retail_tier_id": lowest.id, "retail_tier_date": fields.Datetime.now()})
            partner._retail_log_tier_change(self.env["retail.tier"], lowest, "card", branch=branch)

    # ------------------------------------------------------------------ benefits
    def _retail_birthday_period_key(self, tier, local_date):
        """The birthday occurrence whose period (day, week or month) contains ``local_date``, else False."""
        self.ensure_one()
        if not self.birthday or tier.birthday_period == "none":
            return False
        for year in (local_date.year - 1, local_date.year, local_date.year + 1):
            celebrated = birthday_in_year(self.birthday, year)
            if tier.birthday_period == "day":
                hit = celebrated == local_date
            elif tier.birthday_period == "week":
                monday = celebrated - timedelta(days=celebrated.weekday())
                hit = monday <= local_date <= monday + timedelta(days=6)
            else:
                hit = (celebrated.year, celebrated.month) == (local_date.year, local_date.month)
            if hit:
                return f"birthday-{celebrated.year}"
        return False

    def _retail_benefit(self, local_date, exclude_order=None):
        """Multipliers of the member's tier discount and points on ``local_date``: the best of the
        birthday benefit and the member days (they do not stack)."""
        self.ensure_one()
        tier = self.retail_tier_id
        benefit = {"kind": False, "discount_multiplier": 1.0, "points_multiplier": 1.0, "period_key": False,
                   "member_day_id": False, "label": ""}
        if not tier:
            return benefit
        candidates = []
        birthday_key = self._retail_birthday_period_key(tier, local_date)
        used_up = tier.birthday_once_per_period and self._retail_benefit_used(birthday_key, exclude_order)
        if birthday_key and not used_up:
            candidates.append({
                "kind": "birthday", "discount_multiplier": tier.birthday_discount_multiplier,
                "points_multiplier": tier.birthday_points_multiplier, "period_key": birthday_key,
                "member_day_id": False, "label": self.env._("Birthday"),
            })
        member_days = self.env["retail.member.day"].search(
            ["|", ("tier_ids", "=", False), ("tier_ids", "in", tier.ids)])
        for member_day in member_days:
            if member_day._falls_on(local_date):
                candidates.append({
                    "kind": "member_day", "discount_multiplier": member_day.discount_multiplier,
                    "points_multiplier": member_day.points_multiplier,
                    "period_key": f"member-day-{member_day.id}-{local_date.isoformat()}",
                    "member_day_id": member_day.id, "label": member_day.name,
                })
        if candidates:
            benefit = max(candidates, key=lambda c: (c["discount_multiplier"], c["points_multiplier"]))
        return benefit

    def _retail_benefit_used(self, period_key, exclude_order=None):
        domain = [("partner_id", "=", self.id), ("period_key", "=", period_key)]
        if exclude_order:
            domain.append(("order_id", "!=", exclude_order.id))
        return bool(self.env["retail.benefit.use"].sudo().search_count(domain, limit=1))

    def _retail_discount_percent(self, benefit):
        """The tier's direct discount with the day's multiplier (see _retail_benefit), 100 % at most."""
        self.ensure_one()
        return min(100.0, self.retail_tier_id.discount_percent * benefit["discount_multiplier"])

    def _retail_next_tier_status(self, today):
        """The next tier and what is still missing to reach it (points or revenue, in its basis)."""
        self.ensure_one()
        next_tier = self.retail_tier_id._next() if self.retail_tier_id else self.env["retail.tier"]._lowest()
        if not next_tier:
            return next_tier, 0.0
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT COALESCE(SUM(amount), 0), COALESCE(SUM(points), 0)
              FROM retail_points_move
             WHERE partner_id = %s AND local_date > %s AND local_date <= %s
        """, [self.id, next_tier._window_start(today), today])
        revenue, points = self.env.cr.fetchone()
        reached = points if next_tier.qualify_basis == "points" else revenue
        return next_tier, max(0.0, next_tier.qualify_threshold - reached)

    @api.model
    def retail_pos_member_info(self, partner_id, config_id):
        """What the till shows and applies for a member today, in the branch's time."""
        partner = self.browse(partner_id)
        config = self.env["pos.config"].browse(config_id)
        local_date = config._retail_local_date()
        tier = partner.retail_tier_id
        if not tier:
            return {"is_member": False}
        benefit = partner._retail_benefit(local_date)
        next_tier, missing = partner._retail_next_tier_status(local_date)
        return {
            "is_member": True,
            "tier_id": tier.id,
            "tier_name": tier.name,
            "base_discount_percent": tier.discount_percent,
            "discount_percent": partner._retail_discount_percent(benefit),
            "points_multiplier": benefit["points_multiplier"],
            "benefit_kind": benefit["kind"],
            "benefit_label": benefit["label"],
            "birthday_today": bool(
                partner.birthday and birthday_in_year(partner.birthday, local_date.year) == local_date),
            "points_balance": partner.retail_points_balance,
            "next_tier_name": next_tier.name or False,
            "next_tier_basis": next_tier.qualify_basis or False,
            "next_tier_missing": missing,
        }

    def action_view_retail_cards(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Member Cards"),
            "res_model": "retail.member.card",
            "view_mode": "list,form",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), "retail_tier_id", "retail_points_balance", "birthday"]
