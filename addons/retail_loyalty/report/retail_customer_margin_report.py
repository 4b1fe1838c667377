from odoo import fields, models, tools

# the tables the view reads: the ORM flushes them before reading it
MARGIN_REPORT_DEPENDS = {
    "pos.order.line": ["order_id", "product_id", "qty", "price_subtotal", "total_cost",
                       "is_total_cost_computed", "reward_id"],
    "pos.order": ["date_order", "partner_id", "company_id", "session_id", "state", "currency_rate",
                  "retail_tier_id"],
    "pos.session": ["config_id"],
    "pos.config": ["retail_tz"],
    "res.partner": ["retail_rfm_segment_id"],
    "retail.rfm.segment.history": ["partner_id", "date", "segment_from_id", "segment_to_id"],
    "product.product": ["product_tmpl_id"],
    "product.template": ["categ_id"],
    "loyalty.reward": ["program_id"],
    "loyalty.program": ["program_type"],
    "loyalty.rule": ["program_id", "product_ids"],
    "retail.product.card.type": ["product_id"],
}


class RetailCustomerMarginReport(models.Model):
    """Revenue, cost of goods sold and margin per POS order line, with the customer, the member's
    tier at the time of the order, the RFM segment at the time and now, the branch and the local date.

    One row per order line, so totals per customer, tier, segment, branch or period never count a
    sale twice. Amounts are in the company currency; the cost is the line's ``total_cost``, which Odoo
    fixes when the order is paid (or when the session closes for FIFO/AVCO products valued at closing:
    until then ``cost_pending`` is set and the cost reads 0).

    Lines that are not sales of goods or services are left out: prepaid value sold (Recoin top-ups,
    gift cards, product cards) is a liability, and stored value spent as a reward line is a payment."""

    _name = "retail.customer.margin.report"
    _description = "Customer Margin Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "order_id"
    _depends = MARGIN_REPORT_DEPENDS

    order_id = fields.Many2one("pos.order", readonly=True)
    date = fields.Datetime(string="Order Date", readonly=True)
    local_date = fields.Date(string="Date", readonly=True, help="The order's date in the branch's timezone.")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    branch_id = fields.Many2one("pos.config", readonly=True)
    session_id = fields.Many2one("pos.session", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    product_categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    tier_id = fields.Many2one("retail.tier", readonly=True,
                              help="The member's tier once the order was recorded.")
    rfm_segment_id = fields.Many2one(
        "retail.rfm.segment", string="Segment", readonly=True,
        help="The customer's RFM segment on the order's date, read from the segment history.")
    current_rfm_segment_id = fields.Many2one("retail.rfm.segment", string="Segment Now", readonly=True)
    qty = fields.Float(string="Quantity", readonly=True)
    revenue = fields.Monetary(readonly=True, help="Untaxed amount after discounts.")
    cost = fields.Monetary(string="Cost of Goods Sold", readonly=True,
                           help="Product cost at the time of the sale, as Odoo fixed it on the order line.")
    margin = fields.Monetary(readonly=True)
    cost_pending = fields.Boolean(readonly=True,
                                  help="Cost not fixed yet: FIFO/AVCO product valued when the session closes.")

    def _select(self):
        return """
            SELECT l.id AS id,
                   l.order_id AS order_id,
                   s.date_order AS date,
                   ld.local_date AS local_date,
                   s.partner_id AS partner_id,
                   s.company_id AS company_id,
                   co.currency_id AS currency_id,
                   ps.config_id AS branch_id,
                   s.session_id AS session_id,
                   l.product_id AS product_id,
                   pt.categ_id AS product_categ_id,
                   s.retail_tier_id AS tier_id,
                   CASE WHEN seg.found THEN seg.segment_id ELSE p.retail_rfm_segment_id END AS rfm_segment_id,
                   p.retail_rfm_segment_id AS current_rfm_segment_id,
                   l.qty AS qty,
                   l.price_subtotal / COALESCE(NULLIF(s.currency_rate, 0), 1.0) AS revenue,
                   COALESCE(l.total_cost, 0) / COALESCE(NULLIF(s.currency_rate, 0), 1.0) AS cost,
                   (l.price_subtotal - COALESCE(l.total_cost, 0)) / COALESCE(NULLIF(s.currency_rate, 0), 1.0)
                       AS margin,
                   NOT COALESCE(l.is_total_cost_computed, FALSE) AS cost_pending
        """

    def _from(self):
        # The segment on the order's local date: the last change on or before it, else the segment
        # the first later change started from (or, before the first segment computation, the first
        # segment computed), else (never changed) the current one; one probe of the history's
        # partner index per line.
        return """
              FROM pos_order_line l
              JOIN pos_order s ON s.id = l.order_id
              JOIN pos_session ps ON ps.id = s.session_id
              JOIN pos_config cfg ON cfg.id = ps.config_id
             CROSS JOIN LATERAL (
                    SELECT (s.date_order AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(cfg.retail_tz, 'UTC'))::date
                               AS local_date
              ) ld
              JOIN res_company co ON co.id = s.company_id
              JOIN product_product pp ON pp.id = l.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              LEFT JOIN res_partner p ON p.id = s.partner_id
              LEFT JOIN loyalty_reward rw ON rw.id = l.reward_id
              LEFT JOIN loyalty_program rp ON rp.id = rw.program_id
              LEFT JOIN LATERAL (
                    SELECT TRUE AS found,
                           CASE WHEN h.date <= ld.local_date THEN h.segment_to_id
                                ELSE COALESCE(h.segment_from_id, h.segment_to_id) END AS segment_id
                      FROM retail_rfm_segment_history h
                     WHERE h.partner_id = s.partner_id
                  ORDER BY h.date <= ld.local_date DESC,
                           abs(h.date - ld.local_date),
                           CASE WHEN h.date <= ld.local_date THEN -h.id ELSE h.id END
                     LIMIT 1
              ) seg ON TRUE
        """

    def _where(self):
        return """
             WHERE s.state IN ('paid', 'done', 'invoiced')
               AND (rp.program_type IS NULL OR rp.program_type NOT IN ('gift_card', 'ewallet'))
               AND NOT EXISTS (
                    SELECT 1
                      FROM loyalty_rule_product_product_rel rel
                      JOIN loyalty_rule rule ON rule.id = rel.loyalty_rule_id
                      JOIN loyalty_program prog ON prog.id = rule.program_id
                     WHERE rel.product_product_id = l.product_id AND prog.program_type IN ('gift_card', 'ewallet'))
               AND NOT EXISTS (SELECT 1 FROM retail_product_card_type card WHERE card.product_id = l.product_id)
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"CREATE OR REPLACE VIEW {self._table} AS ({self._select()} {self._from()} {self._where()})")
