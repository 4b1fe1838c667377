from odoo import fields, models, tools
from odoo.tools import SQL

# POS orders in the last FREQUENCY_WINDOW_DAYS: at least LOYAL_MIN_ORDERS is loyal,
# at most RARE_MAX_ORDERS is rarely visiting, in between occasional.
FREQUENCY_WINDOW_DAYS = 365
LOYAL_MIN_ORDERS = 4
RARE_MAX_ORDERS = 1


class RetailAnswerReport(models.Model):
    """Each customer's latest answer to each question (one row per choice for multiple choice)
    against the customer's POS revenue and visit frequency: revenue by answer, loyal vs rare."""

    _name = "retail.answer.report"
    _description = "Questionnaire Answers Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "answer_label"

    answer_id = fields.Many2one("retail.answer", string="Answer Record", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    question_id = fields.Many2one("retail.question", readonly=True)
    category = fields.Selection(related="question_id.category", readonly=True)
    option_id = fields.Many2one("retail.question.option", string="Choice", readonly=True)
    answer_label = fields.Char(string="Answer", readonly=True)
    date = fields.Datetime(string="Answered On", readonly=True)
    branch_id = fields.Many2one("pos.config", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    frequency = fields.Selection(
        [("loyal", "Loyal"), ("occasional", "Occasional"), ("rare", "Rarely visiting")],
        string="Visit Frequency", readonly=True,
    )
    order_count = fields.Integer(string="Orders (12 months)", readonly=True, aggregator="sum")
    revenue = fields.Monetary(string="Revenue (12 months)", readonly=True, currency_field="currency_id")
    revenue_lifetime = fields.Monetary(string="Revenue (lifetime)", readonly=True, currency_field="currency_id")
    customer_count = fields.Integer(string="Customers", readonly=True, aggregator="sum")

    def _query(self):
        return f"""
            WITH latest AS (
                SELECT DISTINCT ON (ra.partner_id, ra.question_id)
                       ra.id, ra.partner_id, ra.question_id, ra.date, ra.branch_id, ra.company_id, ra.value_display
                  FROM retail_answer ra
                 ORDER BY ra.partner_id, ra.question_id, ra.date DESC, ra.id DESC
            ), sales AS (
                SELECT po.partner_id,
                       COUNT(*) FILTER (
                           WHERE po.date_order >= now() - interval '{FREQUENCY_WINDOW_DAYS} days') AS order_count,
                       COALESCE(SUM(po.amount_total) FILTER (
                           WHERE po.date_order >= now() - interval '{FREQUENCY_WINDOW_DAYS} days'), 0) AS revenue,
                       SUM(po.amount_total) AS revenue_lifetime
                  FROM pos_order po
                 WHERE po.state IN ('paid', 'done', 'invoiced')
                   AND po.partner_id IN (SELECT partner_id FROM latest)
                 GROUP BY po.partner_id
            )
            SELECT row_number() OVER (ORDER BY latest.id, opt.id) AS id,
                   latest.id AS answer_id, latest.partner_id, latest.question_id, opt.id AS option_id,
                   COALESCE(opt.name->>'en_US', latest.value_display) AS answer_label,
                   latest.date, latest.branch_id, latest.company_id, company.currency_id,
                   CASE WHEN COALESCE(sales.order_count, 0) >= {LOYAL_MIN_ORDERS} THEN 'loyal'
                        WHEN COALESCE(sales.order_count, 0) <= {RARE_MAX_ORDERS} THEN 'rare'
                        ELSE 'occasional' END AS frequency,
                   COALESCE(sales.order_count, 0) AS order_count,
                   COALESCE(sales.revenue, 0) AS revenue,
                   COALESCE(sales.revenue_lifetime, 0) AS revenue_lifetime,
                   1 AS customer_count
              FROM latest
              JOIN res_company company ON company.id = latest.company_id
              LEFT JOIN retail_answer_retail_question_option_rel rel ON rel.retail_answer_id = latest.id
              LEFT JOIN retail_question_option opt ON opt.id = rel.retail_question_option_id
              LEFT JOIN sales ON sales.partner_id = latest.partner_id"""

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), SQL(self._query())))
