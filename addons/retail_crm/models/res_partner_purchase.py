"""Purchase behaviour per customer, stored on res.partner and refreshed in set-based SQL.

The figures are plain stored columns written by SQL (not ORM computes): a POS order validation
refreshes only its customer, a batched full refresh corrects everything, and a daily job ages the
12-month revenue of the customers whose orders left the window since the previous run.
"""
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# pos.order states that count as a purchase (refunds are orders with a negative total).
PURCHASE_STATES = ("paid", "done", "invoiced")
FAVOURITE_PRODUCT_COUNT = 3
REVENUE_WINDOW_MONTHS = 12
CUTOFF_PARAM = "retail_crm.purchase_stats_revenue_12m_since"

STATS_SQL = """
WITH target AS (
    SELECT DISTINCT unnest(%(partner_ids)s::int[]) AS partner_id
), orders AS (
    SELECT o.id, o.partner_id, o.config_id, o.amount_total, o.date_order,
           (o.date_order AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(c.retail_tz, 'UTC'))::date AS local_date
      FROM pos_order o
      JOIN target t ON t.partner_id = o.partner_id
      LEFT JOIN pos_config c ON c.id = o.config_id
     WHERE o.state = ANY(%(states)s)
), totals AS (
    SELECT partner_id,
           count(*) FILTER (WHERE amount_total >= 0) AS purchases,
           min(local_date) FILTER (WHERE amount_total >= 0) AS first_date,
           max(local_date) FILTER (WHERE amount_total >= 0) AS last_date,
           sum(amount_total) AS revenue,
           COALESCE(sum(amount_total) FILTER (WHERE date_order >= %(since)s), 0) AS revenue_12m
      FROM orders
     GROUP BY partner_id
), discounts AS (
    SELECT o.partner_id, sum(l.qty * l.price_unit * l.discount / 100.0) AS discount
      FROM orders o
      JOIN pos_order_line l ON l.order_id = o.id
     WHERE l.discount <> 0
     GROUP BY o.partner_id
), branches AS (
    SELECT DISTINCT ON (partner_id) partner_id, config_id
      FROM orders
     WHERE amount_total >= 0 AND config_id IS NOT NULL
     GROUP BY partner_id, config_id
     ORDER BY partner_id, count(*) DESC, max(date_order) DESC, config_id
)
UPDATE res_partner p
   SET retail_purchase_count = COALESCE(s.purchases, 0),
       retail_first_purchase_date = s.first_date,
       retail_last_purchase_date = s.last_date,
       retail_purchase_interval_days = CASE WHEN s.purchases > 1
            THEN (s.last_date - s.first_date)::numeric / (s.purchases - 1) END,
       retail_revenue_total = COALESCE(s.revenue, 0),
       retail_revenue_12m = COALESCE(s.revenue_12m, 0),
       retail_average_basket = CASE WHEN s.purchases > 0 THEN s.revenue / s.purchases ELSE 0 END,
       retail_discount_total = COALESCE(d.discount, 0),
       retail_favourite_config_id = b.config_id
  FROM target t
  LEFT JOIN totals s ON s.partner_id = t.partner_id
  LEFT JOIN discounts d ON d.partner_id = t.partner_id
  LEFT JOIN branches b ON b.partner_id = t.partner_id
 WHERE p.id = t.partner_id
"""

CLEAR_FAVOURITE_PRODUCTS_SQL = """
DELETE FROM retail_partner_favourite_product_rel WHERE partner_id = ANY(%(partner_ids)s::int[])
"""

FAVOURITE_PRODUCTS_SQL = """
WITH target AS (
    SELECT DISTINCT unnest(%(partner_ids)s::int[]) AS partner_id
), ranked AS (
    SELECT o.partner_id, l.product_id,
           row_number() OVER (PARTITION BY o.partner_id
                              ORDER BY sum(l.qty) DESC, sum(l.price_subtotal_incl) DESC, l.product_id) AS rank
      FROM pos_order o
      JOIN target t ON t.partner_id = o.partner_id
      JOIN pos_order_line l ON l.order_id = o.id
     WHERE o.state = ANY(%(states)s)
     GROUP BY o.partner_id, l.product_id
    HAVING sum(l.qty) > 0
)
INSERT INTO retail_partner_favourite_product_rel (partner_id, product_id)
SELECT partner_id, product_id FROM ranked WHERE rank <= %(top)s
"""


class ResPartner(models.Model):
    _inherit = "res.partner"

    retail_purchase_count = fields.Integer(
        string="Purchases", readonly=True, copy=False, default=0, index=True,
        help="Paid POS orders of this customer (refunds not counted).")
    retail_first_purchase_date = fields.Date(string="First Purchase", readonly=True, copy=False)
    retail_last_purchase_date = fields.Date(string="Last Purchase", readonly=True, copy=False, index=True)
    retail_purchase_interval_days = fields.Float(
        string="Days Between Purchases", readonly=True, copy=False, digits=(16, 1),
        help="Average number of days between two purchases.")
    retail_revenue_total = fields.Float(
        string="Lifetime Revenue", readonly=True, copy=False, default=0.0, index=True, digits="Product Price",
        help="Amount paid on POS orders, taxes included, refunds deducted.")
    retail_revenue_12m = fields.Float(
        string="Revenue (12 Months)", readonly=True, copy=False, default=0.0, index=True, digits="Product Price")
    retail_average_basket = fields.Float(
        string="Average Basket", readonly=True, copy=False, default=0.0, digits="Product Price")
    retail_discount_total = fields.Float(
        string="Discounts Received", readonly=True, copy=False, default=0.0, digits="Product Price",
        help="Line discounts granted on the customer's POS orders, refunds deducted.")
    retail_favourite_config_id = fields.Many2one(
        "pos.config", string="Favourite Branch", readonly=True, copy=False, index="btree_not_null",
        help="Branch where the customer bought most often.")
    retail_favourite_product_ids = fields.Many2many(
        "product.product", "retail_partner_favourite_product_rel", "partner_id", "product_id",
        string="Favourite Products", readonly=True, copy=False)

    @api.model
    def _retail_purchase_stat_fields(self):
        return [
            "retail_purchase_count", "retail_first_purchase_date", "retail_last_purchase_date",
            "retail_purchase_interval_days", "retail_revenue_total", "retail_revenue_12m",
            "retail_average_basket", "retail_discount_total", "retail_favourite_config_id",
            "retail_favourite_product_ids",
        ]

    @api.model
    def _retail_revenue_window_start(self):
        return fields.Datetime.now() - relativedelta(months=REVENUE_WINDOW_MONTHS)

    def _retail_refresh_purchase_stats(self):
        """Recompute the purchase figures of these customers: three statements whatever their number."""
        partner_ids = [pid for pid in self.ids if pid]
        if not partner_ids:
            return
        self.env["pos.order"].flush_model()
        self.env["pos.order.line"].flush_model()
        params = {
            "partner_ids": partner_ids,
            "states": list(PURCHASE_STATES),
            "since": self._retail_revenue_window_start(),
            "top": FAVOURITE_PRODUCT_COUNT,
        }
        self.env.cr.execute(STATS_SQL, params)
        self.env.cr.execute(CLEAR_FAVOURITE_PRODUCTS_SQL, params)
        self.env.cr.execute(FAVOURITE_PRODUCTS_SQL, params)
        # Written in SQL: drop the cached figures and what is computed from them (searches' helpers).
        self.browse(partner_ids).invalidate_recordset(
            [*self._retail_purchase_stat_fields(), "retail_days_since_purchase", "retail_purchased_config_ids"])

    @api.model
    def _retail_purchase_stats_partner_ids(self):
        """Every customer with an order, and every customer whose figures are not empty."""
        self.env.cr.execute("""
            SELECT partner_id FROM pos_order WHERE partner_id IS NOT NULL
             UNION
            SELECT id FROM res_partner WHERE retail_purchase_count <> 0 OR retail_revenue_total <> 0
             ORDER BY 1
        """)
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _retail_refresh_all_purchase_stats(self, batch_size=50000):
        """Full refresh for corrections, in batches of customers (one pair of statements each)."""
        partner_ids = self._retail_purchase_stats_partner_ids()
        for start in range(0, len(partner_ids), batch_size):
            self.browse(partner_ids[start:start + batch_size])._retail_refresh_purchase_stats()
        self.env["res.partner"].invalidate_model(self._retail_purchase_stat_fields())
        self.env["ir.config_parameter"].sudo().set_param(
            CUTOFF_PARAM, fields.Datetime.to_string(self._retail_revenue_window_start()))
        return len(partner_ids)

    @api.model
    def _retail_age_revenue_12m(self):
        """Daily: refresh only customers with orders that left the 12-month window since the last run."""
        parameters = self.env["ir.config_parameter"].sudo()
        new_since = self._retail_revenue_window_start()
        old_since = parameters.get_param(CUTOFF_PARAM)
        if not old_since:
            return self._retail_refresh_all_purchase_stats()
        self.env["pos.order"].flush_model()
        self.env.cr.execute("""
            SELECT DISTINCT partner_id FROM pos_order
             WHERE partner_id IS NOT NULL AND date_order >= %s AND date_order < %s
        """, (fields.Datetime.to_datetime(old_since), new_since))
        partners = self.browse([row[0] for row in self.env.cr.fetchall()])
        partners._retail_refresh_purchase_stats()
        parameters.set_param(CUTOFF_PARAM, fields.Datetime.to_string(new_since))
        return len(partners)
