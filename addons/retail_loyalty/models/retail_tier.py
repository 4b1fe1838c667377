from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetailTier(models.Model):
    """A member tier (Member, VIP, Gold): its direct discount, how it is reached and kept."""

    _name = "retail.tier"
    _inherit = ["pos.load.mixin"]
    _description = "Member Tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Tiers are ranked by sequence: a higher sequence is a better tier.")
    active = fields.Boolean(default=True)
    color = fields.Integer()
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id, required=True)
    discount_percent = fields.Float(
        string="Direct Discount (%)", digits="Discount",
        help="Applied at the till to every eligible line as soon as the member is on the order.",
    )
    qualify_basis = fields.Selection(
        [("points", "Points"), ("revenue", "Revenue")], default="points", required=True,
        string="Qualify On",
    )
    qualify_threshold = fields.Float(
        string="Qualification Threshold",
        help="Points or revenue inside the evaluation window that lift a member to this tier.",
    )
    window_months = fields.Integer(
        string="Evaluation Window (months)", default=12, required=True,
        help="Rolling window, in months up to today in the branch's time, over which the threshold "
        "and the revenue required to keep the tier are measured.",
    )
    keep_revenue = fields.Monetary(
        string="Revenue to Keep the Tier",
        help="Revenue the member must reach inside the window to keep this tier; below it the "
        "scheduled evaluation moves the member down.",
    )
    points_amount = fields.Monetary(
        string="Amount per Point",
        help="Paid amount that earns one point for members of this tier; empty uses the company's rate.",
    )
    birthday_period = fields.Selection(
        [("none", "No birthday benefit"), ("day", "On the birthday"), ("week", "Birthday week"),
         ("month", "Birthday month")],
        default="none", required=True, string="Birthday Benefit",
    )
    birthday_discount_multiplier = fields.Float(default=1.0)
    birthday_points_multiplier = fields.Float(default=1.0)
    birthday_once_per_period = fields.Boolean(
        string="Once per Birthday",
        help="The birthday benefit applies to the first order of the birthday period only.",
    )
    partner_ids = fields.One2many("res.partner", "retail_tier_id", string="Members")
    member_count = fields.Integer(compute="_compute_member_count")

    _sql_constraints = [
        ("discount_range", "CHECK(discount_percent >= 0 AND discount_percent <= 100)",
         "The direct discount must be between 0 and 100 %."),
        ("window_range", "CHECK(window_months BETWEEN 1 AND 60)",
         "The evaluation window must be between 1 and 60 months."),
        ("threshold_positive", "CHECK(qualify_threshold >= 0 AND keep_revenue >= 0)",
         "Thresholds cannot be negative."),
        ("points_amount_positive", "CHECK(points_amount IS NULL OR points_amount >= 0)",
         "The amount per point cannot be negative."),
    ]

    def _compute_member_count(self):
        counts = dict(self.env["res.partner"]._read_group(
            [("retail_tier_id", "in", self.ids)], ["retail_tier_id"], ["__count"]))
        for tier in self:
            tier.member_count = counts.get(tier, 0)

    @api.constrains("birthday_discount_multiplier", "birthday_points_multiplier")
    def _check_multipliers(self):
        for tier in self:
            if tier.birthday_discount_multiplier < 1 or tier.birthday_points_multiplier < 1:
                raise ValidationError(self.env._("Birthday multipliers must be 1 or more (x2, x3...)."))

    @api.constrains("sequence", "active")
    def _check_unique_rank(self):
        for tier in self.filtered("active"):
            if self.search_count([("sequence", "=", tier.sequence), ("id", "!=", tier.id)]):
                raise ValidationError(self.env._(
                    "Another tier already has the rank (sequence) %(sequence)s: tiers are ordered by it.",
                    sequence=tier.sequence))

    @api.model
    def _load_pos_data_domain(self, data):
        return [("active", "=", True)]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return ["id", "name", "sequence", "discount_percent", "qualify_basis", "color"]

    @api.model
    def _lowest(self):
        return self.search([], limit=1)

    def _next(self):
        self.ensure_one()
        return self.search([("sequence", ">", self.sequence)], limit=1)

    def _window_start(self, today):
        """Last day outside the rolling window: the window holds the dates after it, up to today."""
        self.ensure_one()
        return today - relativedelta(months=self.window_months)

    def _amount_per_point(self, company):
        self.ensure_one()
        return self.points_amount or company.retail_points_amount

    def action_view_members(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("retail_tier_id", "=", self.id)],
        }

    # ------------------------------------------------------------------ evaluation
    @api.model
    def _tier_decisions(self, today, partner_ids=None, allow_upgrade=True, allow_downgrade=True):
        """Members whose tier must change on ``today`` (branch-local date), in one set-based statement.

        Upgrade: the best tier above the current one whose threshold (points or revenue inside its
        own window) is met. Downgrade, once the grace period after the last change is over: when
        the revenue inside the current tier's window is below what the tier requires to be kept,
        one step down, or straight to the best lower tier whose requirement is met (the lowest
        tier at worst). Returns [(partner_id, from_tier_id, to_tier_id)].
        """
        self.env.flush_all()
        params = self.env["ir.config_parameter"].sudo()
        grace_days = int(params.get_param("retail_loyalty.grace_days", 0) or 0)
        straight = params.get_param("retail_loyalty.downgrade_mode", "step") == "straight"
        longest_window = max(self.search([("active", "=", True)]).mapped("window_months") or [0])
        self.env.cr.execute("""
            WITH tier AS (
                SELECT id, qualify_basis, qualify_threshold, COALESCE(keep_revenue, 0) AS keep_revenue,
                       window_months, (%(today)s::date - make_interval(months => window_months))::date AS window_start,
                       ROW_NUMBER() OVER (ORDER BY sequence, id) AS rank
                  FROM retail_tier
                 WHERE active
            ), win AS (
                SELECT DISTINCT window_months, window_start FROM tier
            ), member AS (
                SELECT p.id AS partner_id, t.id AS tier_id, t.rank,
                       p.retail_tier_date IS NULL OR p.retail_tier_date::date <= %(grace_limit)s AS past_grace
                  FROM res_partner p
                  JOIN tier t ON t.id = p.retail_tier_id
                 WHERE (%(partner_ids)s::int[] IS NULL OR p.id = ANY(%(partner_ids)s::int[]))
            ), bucket AS (
                -- one pass over the ledger: each line counts in the narrowest window holding it...
                SELECT l.partner_id, narrowest.window_months, SUM(l.amount) AS revenue, SUM(l.points) AS points
                  FROM retail_points_move l
                 CROSS JOIN LATERAL (
                     SELECT MIN(w.window_months) AS window_months FROM win w WHERE l.local_date > w.window_start
                 ) narrowest
                 WHERE l.local_date > %(oldest_start)s AND l.local_date <= %(today)s
                   AND (%(partner_ids)s::int[] IS NULL OR l.partner_id = ANY(%(partner_ids)s::int[]))
                 GROUP BY l.partner_id, narrowest.window_months
            ), measure AS (
                -- ...and a window's totals are those of the windows it contains
                SELECT b.partner_id, w.window_months, SUM(b.revenue) AS revenue, SUM(b.points) AS points
                  FROM bucket b
                  JOIN win w ON b.window_months <= w.window_months
                 GROUP BY b.partner_id, w.window_months
            ), standing AS (
                SELECT m.partner_id, m.tier_id AS current_tier_id, m.rank AS current_rank, m.past_grace,
                       MAX(t.rank) FILTER (
                           WHERE t.rank > m.rank AND t.qualify_threshold <= CASE t.qualify_basis
                               WHEN 'points' THEN COALESCE(x.points, 0) ELSE COALESCE(x.revenue, 0) END
                       ) AS qualified_rank,
                       BOOL_OR(COALESCE(x.revenue, 0) >= t.keep_revenue) FILTER (WHERE t.rank = m.rank) AS keeps,
                       MAX(t.rank) FILTER (
                           WHERE t.rank < m.rank AND COALESCE(x.revenue, 0) >= t.keep_revenue
                       ) AS kept_rank,
                       MAX(t.rank) FILTER (WHERE t.rank < m.rank) AS step_rank
                  FROM member m
                 CROSS JOIN tier t
                  LEFT JOIN measure x ON x.partner_id = m.partner_id AND x.window_months = t.window_months
                 GROUP BY m.partner_id, m.tier_id, m.rank, m.past_grace
            ), decision AS (
                SELECT s.partner_id, s.current_tier_id,
                       CASE
                           WHEN %(allow_upgrade)s AND s.qualified_rank IS NOT NULL THEN s.qualified_rank
                           WHEN %(allow_downgrade)s AND s.past_grace AND NOT s.keeps AND s.current_rank > 1 THEN
                               CASE WHEN %(straight)s THEN COALESCE(s.kept_rank, 1) ELSE s.step_rank END
                       END AS target_rank
                  FROM standing s
            )
            SELECT d.partner_id, d.current_tier_id, t.id
              FROM decision d
              JOIN tier t ON t.rank = d.target_rank
             WHERE t.id <> d.current_tier_id
             ORDER BY d.partner_id
        """, {
            "today": today,
            "oldest_start": today - relativedelta(months=longest_window),
            "grace_limit": today - relativedelta(days=grace_days),
            "partner_ids": partner_ids,
            "allow_upgrade": allow_upgrade,
            "allow_downgrade": allow_downgrade,
            "straight": straight,
        })
        return self.env.cr.fetchall()

    @api.model
    def _cron_evaluate_tiers(self, today=None):
        """Scheduled evaluation: downgrades (and late upgrades, e.g. after imported history) in bulk."""
        today = today or fields.Date.context_today(self)
        # the per-member aggregates of a whole shop spill to disk with PostgreSQL's default 4 MB:
        # measured 17 s -> 7 s for 250,000 members (bench/tier_job.py); this transaction only
        self.env.cr.execute("SET LOCAL work_mem = '256MB'")
        decisions = self._tier_decisions(today)
        self._apply_tier_decisions(decisions, reason="job")
        return len(decisions)

    @api.model
    def _apply_tier_decisions(self, decisions, reason, branch=None, order=None, when=None):
        """Write the new tiers and their history rows with two statements, whatever the number of members."""
        if not decisions:
            return
        partner_ids, from_ids, to_ids = (list(column) for column in zip(*decisions, strict=False))
        self.env.cr.execute("""
            WITH change AS (
                SELECT * FROM unnest(%(partner_ids)s::int[], %(from_ids)s::int[], %(to_ids)s::int[])
                    AS c(partner_id, from_tier_id, to_tier_id)
            ), ranked AS (
                SELECT c.*, f.sequence AS from_sequence, t.sequence AS to_sequence
                  FROM change c JOIN retail_tier f ON f.id = c.from_tier_id JOIN retail_tier t ON t.id = c.to_tier_id
            ), moved AS (
                UPDATE res_partner p SET retail_tier_id = r.to_tier_id, retail_tier_date = %(now)s
                  FROM ranked r WHERE p.id = r.partner_id
                RETURNING p.id
            )
            INSERT INTO retail_tier_history (partner_id, from_tier_id, to_tier_id, direction, date, branch_id,
                                             reason, order_id, user_id, create_uid, write_uid, create_date, write_date)
            SELECT r.partner_id, r.from_tier_id, r.to_tier_id,
                   CASE WHEN r.to_sequence > r.from_sequence THEN 'upgrade' ELSE 'downgrade' END,
                   %(now)s, %(branch_id)s, %(reason)s, %(order_id)s, %(uid)s, %(uid)s, %(uid)s, %(now)s, %(now)s
              FROM ranked r
        """, {
            "partner_ids": partner_ids, "from_ids": from_ids, "to_ids": to_ids,
            "now": when or fields.Datetime.now(), "branch_id": branch.id if branch else None,
            "reason": reason, "order_id": order.id if order else None, "uid": self.env.uid,
        })
        self.env["res.partner"].browse(partner_ids).invalidate_recordset(["retail_tier_id", "retail_tier_date"])
        self.env["retail.tier.history"].invalidate_model()
