from odoo import api, fields, models, tools
from odoo.tools import SQL

from .retail_policy_report import PAID_STATES

# the tables the view reads: the ORM flushes them before reading it
DISCOUNT_EFFECT_DEPENDS = {
    "pos.order": ["config_id", "company_id", "date_order", "state", "currency_rate", "retail_tier_id",
                  "retail_tier_upgraded"],
    "pos.order.line": ["order_id", "product_id", "qty", "price_unit", "discount", "price_subtotal", "total_cost",
                       "reward_id", "is_reward_line", "refunded_orderline_id", "retail_policy_refused",
                       "retail_voucher_serial", "retail_coupon_serial"],
    "pos.config": ["retail_tz"],
    "loyalty.reward": ["program_id"],
    "loyalty.program": ["name", "program_type", "retail_policy"],
    "loyalty.rule": ["program_id", "product_ids"],
    "retail.product.card.type": ["product_id"],
    "product.product": ["product_tmpl_id"],
    "product.template": ["categ_id", "retail_no_member_discount"],
    "product.category": ["parent_path", "retail_no_member_discount"],
    "retail.tier": ["name", "discount_percent"],
    "retail.tier.history": ["order_id", "from_tier_id", "direction", "date"],
    "retail.benefit.use": ["order_id", "discount_multiplier"],
    "retail.voucher.type": ["name", "product_id"],
    "retail.voucher.move": ["kind", "value", "voucher_id", "type_id", "order_id"],
    "retail.coupon.type": ["name"],
    "retail.coupon": ["type_id", "serial", "state", "used_order_id"],
}

# weighted averages of a group: sums divided by counts, never an average of the rows' averages
GROUP_RATIOS = {
    "avg_basket:avg": ("revenue", "bills"),
    "avg_basket_without:avg": ("revenue_without", "bills_without"),
    "return_ratio:avg": ("net_return", "discount_cost"),
}


class RetailDiscountEffectReport(models.Model):
    """What each benefit costs and what it brings, per branch and day (the branch's local date): member
    tier discounts, discount policies, voucher types and coupon types.

    A bill is a paid POS order with goods or services on it; refunds are left out. Its revenue and
    margin are untaxed, in the company currency, without prepaid value sold or spent (vouchers, gift
    cards, e-wallets, product cards), as in the customer margin analysis. A bill with two benefits
    counts in each of them.

    Discount cost (untaxed, company currency), per kind:

    - tier: what the member's tier discount took off the lines it sits on: the line's discount up to the
      tier's percent (as configured now, times the birthday or member-day multiplier of the sale), the
      rest of a larger discount being the cashier's, and nothing on products the tier never discounts;
      the tier is the member's tier at the sale (before an upgrade the order earned);
    - policy: the policy's reward lines the server honoured;
    - voucher: what the shop gave beyond what it received for the voucher: the value the bill took minus
      the invoice value the voucher was sold for, never below zero. The unused part of a voucher
      (breakage) is income of the voucher ledger, neither a cost nor a saving here;
    - coupon: the coupon's discount line, for coupons the server honoured.

    Bills without the benefit are the other bills of the same branch on the same day. The incremental
    revenue is (average basket with - average basket without) x bills with, day by day, and the return
    is the incremental revenue minus the discount cost; a day whose every bill had the benefit has no
    comparison and no incremental revenue. Rows hold sums and counts, so a pivot adds them up by any
    grouping and its averages and ratios are the group's sums divided (``_read_group_select``)."""

    _name = "retail.discount.effect.report"
    _description = "Discount Cost and Incremental Revenue"
    _auto = False
    _rec_name = "benefit_name"
    _order = "date desc, kind, benefit_name"
    _depends = DISCOUNT_EFFECT_DEPENDS

    kind = fields.Selection(
        [("tier", "Member Tier"), ("policy", "Discount Policy"), ("voucher", "Voucher"), ("coupon", "Coupon")],
        string="Benefit Kind", readonly=True)
    benefit_name = fields.Char(string="Benefit", translate=True, readonly=True,
                               help="The tier, policy, voucher type or coupon type.")
    tier_id = fields.Many2one("retail.tier", string="Member Tier", readonly=True)
    program_id = fields.Many2one("loyalty.program", string="Discount Policy", readonly=True)
    voucher_type_id = fields.Many2one("retail.voucher.type", readonly=True)
    coupon_type_id = fields.Many2one("retail.coupon.type", readonly=True)
    config_id = fields.Many2one("pos.config", string="Branch", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(readonly=True, help="The day of the bills, in the branch's timezone.")
    bills = fields.Integer(string="Bills with Benefit", readonly=True)
    discount_cost = fields.Monetary(
        readonly=True, help="What the benefit cost on these bills, untaxed. A voucher costs what its use gave "
        "beyond the invoice value it was sold for; its breakage is no cost.")
    revenue = fields.Monetary(string="Revenue with Benefit", readonly=True,
                              help="Untaxed revenue of the bills with the benefit, after discounts.")
    margin = fields.Monetary(string="Margin with Benefit", readonly=True)
    avg_basket = fields.Monetary(string="Average Basket with Benefit", readonly=True, aggregator="avg",
                                 help="Revenue with the benefit divided by its bills.")
    bills_without = fields.Integer(string="Bills without Benefit", readonly=True,
                                   help="The other bills of the branch on the same days.")
    revenue_without = fields.Monetary(string="Revenue without Benefit", readonly=True)
    avg_basket_without = fields.Monetary(string="Average Basket without Benefit", readonly=True, aggregator="avg")
    incremental_revenue = fields.Monetary(
        readonly=True, help="(Average basket with - average basket without) x bills with the benefit, day by "
        "day, added up.")
    net_return = fields.Monetary(string="Return", readonly=True,
                                 help="Incremental revenue minus discount cost.")
    return_ratio = fields.Float(string="Return on Discount", readonly=True, aggregator="avg", digits=(16, 2),
                                help="Return divided by discount cost: 1.0 means each unit of discount brought "
                                "two units of extra revenue, below 0 the benefit did not pay for itself.")

    def _retail_without_jit(self):
        """PostgreSQL's JIT compiles the view's few hundred expressions on every read: measured with 1M order
        lines (bench/analytics.py), a read takes 6-8 s with JIT and 2 s without. This transaction only."""
        self.env.cr.execute("SET LOCAL jit = off")

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        self._retail_without_jit()
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _fetch_query(self, query, fields):
        self._retail_without_jit()
        return super()._fetch_query(query, fields)

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec not in GROUP_RATIOS:
            return super()._read_group_select(aggregate_spec, query)
        numerator, denominator = GROUP_RATIOS[aggregate_spec]
        return SQL("COALESCE(SUM(%s) / NULLIF(SUM(%s), 0), 0)",
                   self._field_to_sql(self._table, numerator, query),
                   self._field_to_sql(self._table, denominator, query))

    # -- the view ---------------------------------------------------------------------------------------
    def _prepaid_product_query(self):
        """Products whose lines sell or spend prepaid value: no sale (as in the customer margin analysis)."""
        return SQL("""
            SELECT product_id FROM retail_voucher_type WHERE product_id IS NOT NULL
             UNION
            SELECT product_id FROM retail_product_card_type WHERE product_id IS NOT NULL
             UNION
            SELECT rel.product_product_id
              FROM loyalty_rule_product_product_rel rel
              JOIN loyalty_rule rule ON rule.id = rel.loyalty_rule_id
              JOIN loyalty_program prog ON prog.id = rule.program_id
             WHERE prog.program_type IN ('gift_card', 'ewallet')
        """)

    def _bill_query(self):
        """One row per paid order: its branch, local day, untaxed revenue and margin in the company
        currency, and whether it is a bill (a sale on it and no refund). The lines are summed per order in
        one pass, in order of the order index, before the orders are joined; ``is_bill`` is filtered by
        the readers rather than here, so PostgreSQL still sees one row per order and hashes the join."""
        return SQL("""
            SELECT o.id AS order_id, o.config_id, o.company_id,
                   (o.date_order AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(c.retail_tz, 'UTC'))::date AS local_date,
                   line_sum.revenue / COALESCE(NULLIF(o.currency_rate, 0), 1.0) AS revenue,
                   line_sum.margin / COALESCE(NULLIF(o.currency_rate, 0), 1.0) AS margin,
                   line_sum.sale_lines > 0 AND line_sum.refund_lines = 0 AS is_bill
              FROM (
                    SELECT l.order_id,
                           SUM(l.price_subtotal) FILTER (WHERE sale.is_sale) AS revenue,
                           SUM(l.price_subtotal - COALESCE(l.total_cost, 0)) FILTER (WHERE sale.is_sale) AS margin,
                           COUNT(*) FILTER (WHERE sale.is_sale) AS sale_lines,
                           COUNT(l.refunded_orderline_id) AS refund_lines
                      FROM pos_order_line l
                     CROSS JOIN LATERAL (
                           -- the lists are computed once (InitPlans): no join, the lines stay in index order
                           SELECT l.product_id <> ALL (ARRAY(%(prepaid)s))
                                  AND (l.reward_id IS NULL OR l.reward_id <> ALL (ARRAY(
                                       SELECT reward.id
                                         FROM loyalty_reward reward
                                         JOIN loyalty_program program ON program.id = reward.program_id
                                        WHERE program.program_type IN ('gift_card', 'ewallet')))) AS is_sale
                     ) sale
                  GROUP BY l.order_id
              ) line_sum
              JOIN pos_order o ON o.id = line_sum.order_id
              JOIN pos_config c ON c.id = o.config_id
             WHERE o.state IN %(states)s
        """, prepaid=self._prepaid_product_query(), states=PAID_STATES)

    def _tier_line_query(self):
        """(kind, benefit, order, cost) of the member tier discounts: the line discount up to the tier's
        percent at the sale (the tier before an upgrade the order earned, the day's multiplier)."""
        return SQL("""
            WITH tier_order AS (
                SELECT o.id AS order_id, tier.id AS tier_id, COALESCE(NULLIF(o.currency_rate, 0), 1.0) AS rate,
                       LEAST(100.0, tier.discount_percent * COALESCE(day_benefit.multiplier, 1.0)) AS percent
                  FROM pos_order o
                  LEFT JOIN (
                       SELECT order_id, (ARRAY_AGG(from_tier_id ORDER BY date, id))[1] AS from_tier_id
                         FROM retail_tier_history
                        WHERE order_id IS NOT NULL AND direction = 'upgrade'
                     GROUP BY order_id
                  ) upgrade ON o.retail_tier_upgraded AND upgrade.order_id = o.id
                  JOIN retail_tier tier ON tier.id = COALESCE(upgrade.from_tier_id, o.retail_tier_id)
                  LEFT JOIN (
                       SELECT order_id, MAX(discount_multiplier) AS multiplier
                         FROM retail_benefit_use
                        WHERE order_id IS NOT NULL
                     GROUP BY order_id
                  ) day_benefit ON day_benefit.order_id = o.id
                 WHERE o.retail_tier_id IS NOT NULL AND tier.discount_percent > 0
            ), no_member_discount_category AS (
                -- the till never puts the tier discount on these categories and their sub-categories
                SELECT DISTINCT c.id
                  FROM product_category excluded
                  JOIN product_category c ON STARTS_WITH(c.parent_path, excluded.parent_path)
                 WHERE excluded.retail_no_member_discount
            )
            SELECT 'tier' AS kind, t.tier_id AS benefit_id, l.order_id,
                   CASE WHEN l.discount < 100 THEN l.price_subtotal / (1 - l.discount / 100.0)
                        ELSE l.price_unit * l.qty END
                       * LEAST(l.discount, t.percent) / 100.0 / t.rate AS cost
              FROM pos_order_line l
              JOIN tier_order t ON t.order_id = l.order_id
              JOIN product_product product ON product.id = l.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
              LEFT JOIN (%(prepaid)s) prepaid ON prepaid.product_id = l.product_id
             WHERE l.discount > 0 AND l.qty > 0 AND l.reward_id IS NULL AND l.is_reward_line IS NOT TRUE
               AND l.retail_voucher_serial IS NULL AND l.retail_coupon_serial IS NULL AND prepaid.product_id IS NULL
               AND template.retail_no_member_discount IS NOT TRUE
               AND NOT EXISTS (SELECT 1 FROM no_member_discount_category nc WHERE nc.id = template.categ_id)
        """, prepaid=self._prepaid_product_query())

    def _policy_line_query(self):
        """(kind, benefit, order, cost) of the discount policies: the reward lines the server honoured."""
        return SQL("""
            SELECT 'policy' AS kind, reward.program_id AS benefit_id, l.order_id,
                   -l.price_subtotal / COALESCE(NULLIF(o.currency_rate, 0), 1.0) AS cost
              FROM pos_order_line l
              JOIN loyalty_reward reward ON reward.id = l.reward_id
              JOIN loyalty_program program ON program.id = reward.program_id AND program.retail_policy
              JOIN pos_order o ON o.id = l.order_id
             WHERE l.retail_policy_refused IS NOT TRUE
        """)

    def _voucher_line_query(self):
        """(kind, benefit, order, cost) of the vouchers, from their ledger (company currency): what each
        use took beyond what the voucher's sale received, never below zero (breakage is no saving)."""
        return SQL("""
            SELECT 'voucher' AS kind, used.type_id AS benefit_id, used.order_id,
                   GREATEST(0.0, -used.value - COALESCE(sold.received, 0.0)) AS cost
              FROM retail_voucher_move used
              LEFT JOIN (
                   SELECT voucher_id, SUM(value) AS received
                     FROM retail_voucher_move
                    WHERE kind = 'sale'
                 GROUP BY voucher_id
              ) sold ON sold.voucher_id = used.voucher_id
             WHERE used.kind = 'use' AND used.order_id IS NOT NULL
        """)

    def _coupon_line_query(self):
        """(kind, benefit, order, cost) of the coupons the server honoured: their discount lines."""
        return SQL("""
            SELECT 'coupon' AS kind, coupon.type_id AS benefit_id, l.order_id,
                   -l.price_subtotal / COALESCE(NULLIF(o.currency_rate, 0), 1.0) AS cost
              FROM retail_coupon coupon
              JOIN pos_order_line l ON l.order_id = coupon.used_order_id AND l.retail_coupon_serial = coupon.serial
              JOIN pos_order o ON o.id = l.order_id
             WHERE coupon.state = 'used'
        """)

    def _benefit_line_queries(self):
        """Every kind of benefit as (kind, benefit_id, order_id, cost in the company currency)."""
        return [self._tier_line_query(), self._policy_line_query(), self._voucher_line_query(),
                self._coupon_line_query()]

    def _query(self):
        return SQL("""
            WITH bill AS (%(bill)s),
            day_total AS (
                SELECT config_id, company_id, local_date, COUNT(*) AS bills, SUM(revenue) AS revenue
                  FROM bill
                 WHERE is_bill
              GROUP BY config_id, company_id, local_date
            ), benefit_bill AS (
                SELECT kind, benefit_id, order_id, SUM(cost) AS cost
                  FROM (%(benefit_lines)s) benefit_line
              GROUP BY kind, benefit_id, order_id
            ), benefit_day AS (
                SELECT bb.kind, bb.benefit_id, b.config_id, b.company_id, b.local_date, COUNT(*) AS bills,
                       SUM(bb.cost) AS cost, SUM(b.revenue) AS revenue, SUM(b.margin) AS margin
                  FROM benefit_bill bb
                  JOIN bill b ON b.order_id = bb.order_id AND b.is_bill
              GROUP BY bb.kind, bb.benefit_id, b.config_id, b.company_id, b.local_date
            ), effect AS (
                SELECT bd.*, dt.bills - bd.bills AS bills_without, dt.revenue - bd.revenue AS revenue_without,
                       CASE WHEN dt.bills > bd.bills
                            THEN bd.revenue - bd.bills * (dt.revenue - bd.revenue) / (dt.bills - bd.bills)
                            ELSE 0 END AS incremental_revenue
                  FROM benefit_day bd
                  JOIN day_total dt ON dt.config_id = bd.config_id AND dt.company_id = bd.company_id
                                   AND dt.local_date = bd.local_date
            )
            SELECT ROW_NUMBER() OVER (ORDER BY e.kind, e.benefit_id, e.config_id, e.local_date) AS id,
                   e.kind,
                   COALESCE(tier.name, program.name, voucher_type.name, coupon_type.name) AS benefit_name,
                   tier.id AS tier_id, program.id AS program_id,
                   voucher_type.id AS voucher_type_id, coupon_type.id AS coupon_type_id,
                   e.config_id, e.company_id, e.local_date AS date,
                   e.bills, e.cost AS discount_cost, e.revenue, e.margin, e.revenue / e.bills AS avg_basket,
                   e.bills_without, e.revenue_without,
                   COALESCE(e.revenue_without / NULLIF(e.bills_without, 0), 0) AS avg_basket_without,
                   e.incremental_revenue,
                   e.incremental_revenue - e.cost AS net_return,
                   COALESCE((e.incremental_revenue - e.cost) / NULLIF(e.cost, 0), 0) AS return_ratio
              FROM effect e
              LEFT JOIN retail_tier tier ON e.kind = 'tier' AND tier.id = e.benefit_id
              LEFT JOIN loyalty_program program ON e.kind = 'policy' AND program.id = e.benefit_id
              LEFT JOIN retail_voucher_type voucher_type ON e.kind = 'voucher' AND voucher_type.id = e.benefit_id
              LEFT JOIN retail_coupon_type coupon_type ON e.kind = 'coupon' AND coupon_type.id = e.benefit_id
        """, bill=self._bill_query(), benefit_lines=SQL(" UNION ALL ").join(
            SQL("(%s)", query) for query in self._benefit_line_queries()))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))
