"""RFM scores and segment per customer, recomputed by a scheduled job in set-based SQL.

Recency is scored on the last purchase date, frequency and monetary value on the purchases in a
configurable window (default 12 months). Scores are quintiles 1-5 computed with cume_dist(), so
that customers with equal values share a score (ntile(5) would split ties arbitrarily); customers
without a purchase in the window score 1 for frequency and monetary value.
"""
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .res_partner_purchase import PURCHASE_STATES

WINDOW_PARAM = "retail_crm.rfm_window_months"
DEFAULT_WINDOW_MONTHS = 12

RFM_SQL = """
WITH in_window AS (
    SELECT partner_id, count(*) FILTER (WHERE amount_total >= 0) AS frequency, sum(amount_total) AS monetary
      FROM pos_order
     WHERE partner_id IN (%(scope)s) AND state = ANY(%(states)s) AND date_order >= %(since)s
     GROUP BY partner_id
), active AS (
    SELECT partner_id,
           ceil(5 * cume_dist() OVER (ORDER BY frequency))::int AS f,
           ceil(5 * cume_dist() OVER (ORDER BY monetary))::int AS m
      FROM in_window
     WHERE frequency > 0
), scored AS (
    SELECT p.id AS partner_id,
           ceil(5 * cume_dist() OVER (ORDER BY p.retail_last_purchase_date))::int AS r,
           COALESCE(a.f, 1) AS f,
           COALESCE(a.m, 1) AS m
      FROM res_partner p
      LEFT JOIN active a ON a.partner_id = p.id
     WHERE p.retail_last_purchase_date IS NOT NULL AND p.id IN (%(scope)s)
), mapped AS (
    SELECT s.partner_id, s.r, s.f, s.m, rule.segment_id
      FROM scored s
      LEFT JOIN retail_rfm_segment_rule rule ON rule.recency_score = s.r AND rule.frequency_score = s.f
), changes AS (
    INSERT INTO retail_rfm_segment_history
                (partner_id, segment_from_id, segment_to_id, date, create_uid, create_date, write_uid, write_date)
    SELECT m.partner_id, p.retail_rfm_segment_id, m.segment_id, %(today)s, %(uid)s, now(), %(uid)s, now()
      FROM mapped m
      JOIN res_partner p ON p.id = m.partner_id
     WHERE p.retail_rfm_segment_id IS DISTINCT FROM m.segment_id
)
UPDATE res_partner p
   SET retail_rfm_recency = m.r, retail_rfm_frequency = m.f, retail_rfm_monetary = m.m,
       retail_rfm_segment_id = m.segment_id
  FROM mapped m
 WHERE p.id = m.partner_id
   AND (p.retail_rfm_recency, p.retail_rfm_frequency, p.retail_rfm_monetary, p.retail_rfm_segment_id)
       IS DISTINCT FROM (m.r, m.f, m.m, m.segment_id)
"""

CLEAR_SQL = """
WITH gone AS (
    SELECT id, retail_rfm_segment_id FROM res_partner
     WHERE retail_last_purchase_date IS NULL AND id IN (%(scope)s)
       AND (retail_rfm_segment_id IS NOT NULL OR retail_rfm_recency IS NOT NULL)
), changes AS (
    INSERT INTO retail_rfm_segment_history
                (partner_id, segment_from_id, segment_to_id, date, create_uid, create_date, write_uid, write_date)
    SELECT id, retail_rfm_segment_id, NULL, %(today)s, %(uid)s, now(), %(uid)s, now()
      FROM gone WHERE retail_rfm_segment_id IS NOT NULL
)
UPDATE res_partner p
   SET retail_rfm_recency = NULL, retail_rfm_frequency = NULL, retail_rfm_monetary = NULL,
       retail_rfm_segment_id = NULL
  FROM gone WHERE p.id = gone.id
"""


class ResPartner(models.Model):
    _inherit = "res.partner"

    retail_rfm_recency = fields.Integer(string="Recency Score", readonly=True, copy=False)
    retail_rfm_frequency = fields.Integer(string="Frequency Score", readonly=True, copy=False)
    retail_rfm_monetary = fields.Integer(string="Monetary Score", readonly=True, copy=False)
    retail_rfm_segment_id = fields.Many2one(
        "retail.rfm.segment", string="RFM Segment", readonly=True, copy=False, index="btree_not_null",
        ondelete="set null")
    retail_rfm_history_ids = fields.One2many(
        "retail.rfm.segment.history", "partner_id", string="Segment History", readonly=True)

    @api.model
    def _retail_rfm_window_months(self):
        value = self.env["ir.config_parameter"].sudo().get_param(WINDOW_PARAM, DEFAULT_WINDOW_MONTHS)
        return max(int(value), 1)

    @api.model
    def _retail_compute_rfm(self, domain=None):
        """Score every customer who ever bought and record segment changes: two statements.

        ``domain`` limits the population the quintiles are taken over (e.g. one company's customers).
        """
        self.env.flush_all()
        scope = self.with_context(active_test=False)._search(domain or [])
        params = {
            "scope": scope.subselect(),
            "states": list(PURCHASE_STATES),
            "since": fields.Datetime.now() - relativedelta(months=self._retail_rfm_window_months()),
            "today": fields.Date.context_today(self),
            "uid": self.env.uid,
        }
        self.env.cr.execute(SQL(RFM_SQL, **params))
        changed = self.env.cr.rowcount
        self.env.cr.execute(SQL(CLEAR_SQL, **params))
        changed += self.env.cr.rowcount
        self.env["res.partner"].invalidate_model([
            "retail_rfm_recency", "retail_rfm_frequency", "retail_rfm_monetary", "retail_rfm_segment_id",
            "retail_rfm_history_ids",
        ])
        self.env["retail.rfm.segment.history"].invalidate_model()
        return changed
