from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

PAID_POS_STATES = ("paid", "done", "invoiced")

PARAMS = {
    # ir.config_parameter key: (type, default)
    "retail_loyalty.association_months": (int, 12),
    "retail_loyalty.association_min_support": (float, 0.1),
    "retail_loyalty.association_min_confidence": (float, 10.0),
    "retail_loyalty.association_min_bills": (int, 3),
}

# The line of a paid bill that counts as buying its product: a sale of goods or services. Refunds
# (negative quantities), discounts and vouchers redeemed (negative amounts), reward lines, the parts
# of a combo (the combo itself counts), products not for sale at the till (tips), products that are
# no sale (``retail_no_points``: top-ups, product cards...) and the excluded products are left out.
# Used by the association job and by one customer's suggestions: both see the same baskets.
SOLD_LINE_SQL = """
        SELECT o.company_id, o.partner_id, o.id AS order_id, o.date_order, l.product_id
          FROM pos_order o
          JOIN pos_order_line l ON l.order_id = o.id
          JOIN product_product pp ON pp.id = l.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id
         WHERE o.state IN %(states)s
           AND l.qty > 0
           AND l.price_subtotal >= 0
           AND l.combo_parent_id IS NULL
           AND l.reward_id IS NULL
           AND NOT COALESCE(l.is_reward_line, FALSE)
           AND pp.active AND pt.active AND pt.sale_ok AND pt.available_in_pos
           AND NOT COALESCE(pt.retail_no_points, FALSE)
           AND l.product_id NOT IN (%(excluded)s)
"""

# Rules over one bill's products. Items below the thresholds cannot be in a pair above them, so
# they are dropped before the pairs are formed (the pairs are what grows with the basket size).
ASSOCIATION_SQL = """
    WITH basket AS MATERIALIZED (
        SELECT DISTINCT sold.company_id, sold.order_id, sold.product_id
          FROM (""" + SOLD_LINE_SQL + """
                AND o.company_id IN %(companies)s
                AND o.date_order >= %(since)s AND o.date_order < %(now)s) sold
    ), bill AS (
        SELECT company_id, count(DISTINCT order_id) AS bills,
               GREATEST(%(min_bills)s, ceil(%(min_support)s * count(DISTINCT order_id))) AS min_bills
          FROM basket
         GROUP BY company_id
    ), item AS (
        SELECT basket.company_id, basket.product_id, count(*) AS bills
          FROM basket
          JOIN bill ON bill.company_id = basket.company_id
         GROUP BY basket.company_id, basket.product_id, bill.min_bills
        HAVING count(*) >= bill.min_bills
    ), frequent AS MATERIALIZED (
        SELECT basket.company_id, basket.order_id, basket.product_id
          FROM basket
          JOIN item ON item.company_id = basket.company_id AND item.product_id = basket.product_id
    ), pair AS (
        SELECT a.company_id, a.product_id AS antecedent_id, c.product_id AS consequent_id, count(*) AS bills
          FROM frequent a
          JOIN frequent c ON c.order_id = a.order_id AND c.product_id <> a.product_id
         GROUP BY a.company_id, a.product_id, c.product_id
    )
    INSERT INTO retail_product_association (
        company_id, antecedent_id, consequent_id, bill_count, antecedent_bill_count, consequent_bill_count,
        total_bill_count, support, confidence, lift, score, date_from,
        create_uid, create_date, write_uid, write_date)
    SELECT pair.company_id, pair.antecedent_id, pair.consequent_id, pair.bills, a.bills, c.bills, bill.bills,
           pair.bills::float / bill.bills,
           pair.bills::float / a.bills,
           pair.bills::float * bill.bills / (a.bills * c.bills),
           pair.bills::float / a.bills * (pair.bills::float * bill.bills / (a.bills * c.bills)),
           %(since)s, %(uid)s, %(now)s, %(uid)s, %(now)s
      FROM pair
      JOIN bill ON bill.company_id = pair.company_id
      JOIN item a ON a.company_id = pair.company_id AND a.product_id = pair.antecedent_id
      JOIN item c ON c.company_id = pair.company_id AND c.product_id = pair.consequent_id
     WHERE pair.bills >= bill.min_bills
       AND pair.bills::float / a.bills >= %(min_confidence)s
"""


class RetailProductAssociation(models.Model):
    """Association rules between products bought on the same bill: "customers who buy A also buy C".

    The basket is one paid POS bill (anonymous bills included): what is bought together at one visit,
    the shape a cashier can act on. Over the bills of the last months, per company:

    - support = bills with A and C / all bills,
    - confidence = bills with A and C / bills with A (how often A's buyers also take C),
    - lift = confidence / share of bills with C (above 1: A makes C more likely than usual).

    A daily job replaces every rule of a company in one transaction, in SQL; a rule is kept when both
    its support and its confidence reach the configured minimums (and at least a minimum number of
    bills has both products). Each pair gives two rules, one each way."""

    _name = "retail.product.association"
    _description = "Product Association Rule"
    _order = "company_id, score desc, antecedent_id, consequent_id"
    _rec_name = "antecedent_id"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    antecedent_id = fields.Many2one("product.product", string="Customers Who Buy", required=True, readonly=True,
                                    ondelete="cascade")
    consequent_id = fields.Many2one("product.product", string="Also Buy", required=True, readonly=True,
                                    ondelete="cascade")
    bill_count = fields.Integer(string="Bills with Both", readonly=True)
    antecedent_bill_count = fields.Integer(string="Bills with the First", readonly=True, aggregator="max")
    consequent_bill_count = fields.Integer(string="Bills with the Second", readonly=True, aggregator="max")
    total_bill_count = fields.Integer(string="Bills Analysed", readonly=True, aggregator="max")
    support = fields.Float(readonly=True, aggregator="avg", digits=(16, 6),
                           help="Share of the bills that have both products.")
    confidence = fields.Float(readonly=True, aggregator="avg", digits=(16, 4),
                              help="Share of the bills with the first product that also have the second.")
    lift = fields.Float(readonly=True, aggregator="avg", digits=(16, 2),
                        help="Confidence divided by the share of all bills that have the second product: above 1, "
                        "buying the first makes the second more likely than on an average bill.")
    score = fields.Float(readonly=True, aggregator="max", digits=(16, 4),
                         help="Confidence x lift: how suggestions are ranked.")
    date_from = fields.Datetime(string="Sales Since", readonly=True)

    # also the index of one customer's suggestions: the rules of a company whose antecedent they bought
    _sql_constraints = [(
        "rule_unique", "UNIQUE (company_id, antecedent_id, consequent_id)",
        "A company has one rule per pair of products and direction.",
    )]

    @api.model
    def _retail_params(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        values = {}
        for key, (kind, default) in PARAMS.items():
            try:
                values[key.split(".association_")[1]] = kind(get(key) or default)
            except ValueError:
                values[key.split(".association_")[1]] = default
        return values

    @api.model
    def _retail_since(self, now=None):
        """Start of the sales analysed: the configured number of months before ``now``."""
        now = now or fields.Datetime.now()
        return now - relativedelta(months=max(1, self._retail_params()["months"]))

    @api.model
    def _retail_compute(self, companies, now=None):
        """Replace the rules of ``companies`` with those of their bills of the last months. One
        statement for every company; readers see the previous rules until the transaction commits, and
        a second run at the same time waits for this one."""
        if not companies:
            return 0
        params = self._retail_params()
        now = now or fields.Datetime.now()
        self.env.flush_all()
        self.env.cr.execute("LOCK TABLE retail_product_association IN SHARE ROW EXCLUSIVE MODE")
        self.env.cr.execute("DELETE FROM retail_product_association WHERE company_id IN %s",
                            [tuple(companies.ids)])
        self.env.cr.execute(SQL(
            ASSOCIATION_SQL,
            states=PAID_POS_STATES,
            since=self._retail_since(now),
            companies=tuple(companies.ids),
            excluded=self.env["product.product"]._retail_unsuggested_products_sql(),
            min_support=max(0.0, params["min_support"]) / 100,
            min_confidence=max(0.0, params["min_confidence"]) / 100,
            min_bills=max(1, params["min_bills"]),
            uid=self.env.uid,
            now=now,
        ))
        count = self.env.cr.rowcount
        self.invalidate_model()
        return count

    def action_retail_compute(self):
        self.check_access("unlink")
        self.sudo()._retail_compute(self.env.companies)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    @api.model
    def _cron_compute_associations(self):
        companies = self.env["res.company"].search([("active", "=", True)])
        if companies:
            self._retail_compute(companies)
