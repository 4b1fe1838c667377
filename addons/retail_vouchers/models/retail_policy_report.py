from odoo import fields, models
from odoo.tools import SQL

from .retail_policy_window import WEEKDAY_FIELDS

PAID_STATES = ("paid", "done", "invoiced")


def _weekday_flag(weekday_sql):
    """SQL: whether the window ``w`` starts on the ISO weekday ``weekday_sql``."""
    cases = " ".join(f"WHEN {day} THEN w.{name}" for name, day in WEEKDAY_FIELDS)
    return f"(CASE {weekday_sql} {cases} END)"


# a branch-local timestamp ``lt.local`` inside window ``w``; same rule as retail.policy.window._contains
WINDOW_MATCH = f"""
    ({_weekday_flag("lt.dow")} AND lt.hour >= w.hour_from AND (w.hour_to <= w.hour_from OR lt.hour < w.hour_to))
    OR (w.hour_to <= w.hour_from AND {_weekday_flag("MOD(lt.dow + 5, 7) + 1")} AND lt.hour < w.hour_to)
"""


class RetailPolicyReport(models.Model):
    """Effectiveness of each discount policy per branch: the bills it touched (reward lines the server
    honoured), the discount granted, revenue (untaxed) and margin of those bills, next to the bills of
    the same branch in the same periods (validity dates and time windows, branch-local) that the
    policy did not touch."""

    _name = "retail.policy.report"
    _description = "Discount Policy Effectiveness"
    _auto = False
    _rec_name = "program_id"
    _order = "program_id, config_id"

    program_id = fields.Many2one("loyalty.program", string="Discount Policy", readonly=True)
    config_id = fields.Many2one("pos.config", string="Branch", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    bills_touched = fields.Integer(string="Bills with Policy", readonly=True)
    discount_amount = fields.Monetary(string="Discount Granted", readonly=True)
    revenue = fields.Monetary(string="Revenue with Policy", readonly=True)
    margin = fields.Monetary(string="Margin with Policy", readonly=True)
    avg_basket = fields.Monetary(string="Average Basket with Policy", readonly=True, aggregator="avg")
    bills_without = fields.Integer(string="Bills without Policy", readonly=True)
    revenue_without = fields.Monetary(string="Revenue without Policy", readonly=True)
    avg_basket_without = fields.Monetary(string="Average Basket without Policy", readonly=True, aggregator="avg")

    def _query(self):
        return SQL(f"""
            WITH bill AS (
                SELECT o.id, o.config_id, o.company_id, o.date_order,
                       SUM(l.price_subtotal) AS revenue,
                       SUM(l.price_subtotal - COALESCE(l.total_cost, 0)) AS margin
                  FROM pos_order o
                  JOIN pos_order_line l ON l.order_id = o.id
                 WHERE o.state IN %(states)s
              GROUP BY o.id
            ), policy_bill AS (
                SELECT r.program_id, l.order_id, -SUM(l.price_subtotal_incl) AS discount
                  FROM pos_order_line l
                  JOIN loyalty_reward r ON r.id = l.reward_id
                  JOIN loyalty_program p ON p.id = r.program_id AND p.retail_policy
                 WHERE l.retail_policy_refused IS NOT TRUE
              GROUP BY r.program_id, l.order_id
            ), touched AS (
                SELECT pb.program_id, b.config_id, MIN(b.company_id) AS company_id, COUNT(*) AS bills,
                       SUM(pb.discount) AS discount, SUM(b.revenue) AS revenue, SUM(b.margin) AS margin
                  FROM policy_bill pb
                  JOIN bill b ON b.id = pb.order_id
              GROUP BY pb.program_id, b.config_id
            ), comparable AS (
                SELECT p.id AS program_id, b.config_id, MIN(b.company_id) AS company_id, COUNT(*) AS bills,
                       SUM(b.revenue) AS revenue
                  FROM loyalty_program p
                  JOIN bill b ON p.company_id IS NULL OR p.company_id = b.company_id
                  JOIN pos_config c ON c.id = b.config_id
                  CROSS JOIN LATERAL (
                      SELECT b.date_order AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(c.retail_tz, 'UTC') AS local
                  ) loc
                  CROSS JOIN LATERAL (
                      SELECT EXTRACT(ISODOW FROM loc.local)::int AS dow,
                             EXTRACT(HOUR FROM loc.local) + EXTRACT(MINUTE FROM loc.local) / 60.0
                                 + EXTRACT(SECOND FROM loc.local) / 3600.0 AS hour
                  ) lt
                 WHERE p.retail_policy
                   AND (p.date_from IS NULL OR loc.local::date >= p.date_from)
                   AND (p.date_to IS NULL OR loc.local::date <= p.date_to)
                   AND (NOT EXISTS (SELECT 1 FROM loyalty_program_pos_config_rel pc WHERE pc.loyalty_program_id = p.id)
                        OR EXISTS (SELECT 1 FROM loyalty_program_pos_config_rel pc
                                    WHERE pc.loyalty_program_id = p.id AND pc.pos_config_id = b.config_id))
                   AND (NOT EXISTS (SELECT 1 FROM retail_policy_window w WHERE w.program_id = p.id)
                        OR EXISTS (SELECT 1 FROM retail_policy_window w WHERE w.program_id = p.id AND ({WINDOW_MATCH})))
                   AND NOT EXISTS (SELECT 1 FROM policy_bill pb WHERE pb.program_id = p.id AND pb.order_id = b.id)
              GROUP BY p.id, b.config_id
            )
            SELECT ROW_NUMBER() OVER (ORDER BY COALESCE(t.program_id, cmp.program_id),
                                               COALESCE(t.config_id, cmp.config_id)) AS id,
                   COALESCE(t.program_id, cmp.program_id) AS program_id,
                   COALESCE(t.config_id, cmp.config_id) AS config_id,
                   COALESCE(t.company_id, cmp.company_id) AS company_id,
                   COALESCE(t.bills, 0) AS bills_touched,
                   COALESCE(t.discount, 0) AS discount_amount,
                   COALESCE(t.revenue, 0) AS revenue,
                   COALESCE(t.margin, 0) AS margin,
                   COALESCE(t.revenue / NULLIF(t.bills, 0), 0) AS avg_basket,
                   COALESCE(cmp.bills, 0) AS bills_without,
                   COALESCE(cmp.revenue, 0) AS revenue_without,
                   COALESCE(cmp.revenue / NULLIF(cmp.bills, 0), 0) AS avg_basket_without
              FROM touched t
              FULL OUTER JOIN comparable cmp ON cmp.program_id = t.program_id AND cmp.config_id = t.config_id
        """, states=PAID_STATES)

    def init(self):
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))
