from odoo import fields, models, tools

from .retail_customer_margin_report import MARGIN_REPORT_DEPENDS


class RetailCustomerGroupMarginReport(models.Model):
    """The customer margin analysis per customer group.

    Customers can belong to several groups, and a group is a folder inside its parent groups: a line
    counts once in every group its customer belongs to, directly or through a sub-group (a member of
    "Wholesale / Hà Nội" counts in that group and once in "Wholesale"). Each group's figures are
    therefore complete, but groups overlap: adding groups together counts a customer in two groups
    twice. Lines of customers in no group (and of anonymous sales) have no group, so that the
    group-less share stays visible. Membership is the current one (groups keep no history)."""

    _name = "retail.customer.group.margin.report"
    _description = "Customer Group Margin Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "group_id"
    _depends = {
        **MARGIN_REPORT_DEPENDS,
        "res.partner": ["retail_rfm_segment_id", "retail_group_ids"],
        "retail.customer.group": ["parent_id", "parent_path", "partner_ids"],
    }

    group_id = fields.Many2one("retail.customer.group", string="Customer Group", readonly=True)
    line_id = fields.Many2one("retail.customer.margin.report", string="Order Line", readonly=True)
    order_id = fields.Many2one("pos.order", readonly=True)
    date = fields.Datetime(string="Order Date", readonly=True)
    local_date = fields.Date(string="Date", readonly=True, help="The order's date in the branch's timezone.")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    branch_id = fields.Many2one("pos.config", readonly=True)
    product_categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    tier_id = fields.Many2one("retail.tier", readonly=True)
    rfm_segment_id = fields.Many2one("retail.rfm.segment", string="Segment", readonly=True)
    qty = fields.Float(string="Quantity", readonly=True)
    revenue = fields.Monetary(readonly=True)
    cost = fields.Monetary(string="Cost of Goods Sold", readonly=True)
    margin = fields.Monetary(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # A row's id packs the line and the group (ids stay below 2^31), so it is stable; the
        # ancestors come from the groups' parent_path ("1/4/9/"), each group once per customer.
        self.env.cr.execute(f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                WITH partner_group AS (
                    SELECT DISTINCT rel.partner_id, ancestor.id::int AS group_id
                      FROM retail_customer_group_partner_rel rel
                      JOIN retail_customer_group g ON g.id = rel.group_id
                     CROSS JOIN LATERAL unnest(string_to_array(rtrim(g.parent_path, '/'), '/')) AS ancestor(id)
                )
                SELECT (m.id::bigint << 31) + COALESCE(pg.group_id, 0) AS id,
                       pg.group_id AS group_id,
                       m.id AS line_id,
                       m.order_id, m.date, m.local_date, m.partner_id, m.company_id, m.currency_id,
                       m.branch_id, m.product_categ_id, m.tier_id, m.rfm_segment_id,
                       m.qty, m.revenue, m.cost, m.margin
                  FROM retail_customer_margin_report m
                  LEFT JOIN partner_group pg ON pg.partner_id = m.partner_id
            )
        """)
