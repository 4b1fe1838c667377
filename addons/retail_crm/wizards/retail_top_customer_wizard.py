"""Top N customers by revenue in a period: one SQL statement, the result listed by rank."""
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..models.res_partner_purchase import PURCHASE_STATES

TOP_SQL = """
SELECT o.partner_id, sum(o.amount_total) AS revenue, count(*) FILTER (WHERE o.amount_total >= 0) AS orders
  FROM pos_order o
 WHERE o.partner_id IS NOT NULL
   AND o.state = ANY(%(states)s)
   AND o.date_order >= %(date_from)s AND o.date_order < %(date_to)s
   AND (%(config_ids)s::int[] IS NULL OR o.config_id = ANY(%(config_ids)s::int[]))
   AND o.company_id = ANY(%(company_ids)s::int[])
 GROUP BY o.partner_id
 ORDER BY revenue DESC, o.partner_id
 LIMIT %(limit)s
"""


class RetailTopCustomerWizard(models.TransientModel):
    _name = "retail.top.customer.wizard"
    _description = "Top customers by revenue"

    limit = fields.Integer(string="Number of Customers", default=100, required=True)
    date_from = fields.Date(required=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    config_ids = fields.Many2many("pos.config", string="Branches", help="All branches when empty.")
    line_ids = fields.One2many("retail.top.customer.line", "wizard_id", string="Customers", readonly=True)

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self) - relativedelta(months=12)

    def _prepare_query_params(self):
        self.ensure_one()
        return {
            "states": list(PURCHASE_STATES),
            "date_from": datetime.combine(self.date_from, time.min),
            "date_to": datetime.combine(self.date_to + relativedelta(days=1), time.min),
            "config_ids": self.config_ids.ids or None,
            "company_ids": self.env.companies.ids,
            "limit": max(self.limit, 1),
        }

    def _fetch_top_customers(self):
        self.env["pos.order"].flush_model()
        self.env.cr.execute(TOP_SQL, self._prepare_query_params())
        return self.env.cr.fetchall()

    def action_compute(self):
        self.ensure_one()
        self.line_ids.unlink()
        self.env["retail.top.customer.line"].create([
            {"wizard_id": self.id, "rank": rank, "partner_id": partner_id, "revenue": revenue, "order_count": orders}
            for rank, (partner_id, revenue, orders) in enumerate(self._fetch_top_customers(), start=1)
        ])
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Top %(limit)s customers by revenue", limit=self.limit),
            "res_model": "retail.top.customer.line",
            "view_mode": "list",
            "domain": [("wizard_id", "=", self.id)],
            "target": "current",
        }


class RetailTopCustomerLine(models.TransientModel):
    _name = "retail.top.customer.line"
    _description = "Top customer by revenue"
    _order = "rank"

    wizard_id = fields.Many2one("retail.top.customer.wizard", required=True, ondelete="cascade")
    rank = fields.Integer(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True, ondelete="cascade")
    revenue = fields.Float(readonly=True, digits="Product Price")
    order_count = fields.Integer(string="Purchases", readonly=True)
