from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.misc import format_amount

MEASURES = ["revenue:sum", "cost:sum", "margin:sum", "partner_id:count_distinct", "order_id:count_distinct"]
TOP_CUSTOMERS = 10
TOP_CATEGORIES = 8


class RetailCustomerDashboard(models.AbstractModel):
    """Customer analytics at a glance for managers: the period's revenue and margin against the period
    before, margin per tier and per segment, the best customers, and next week's demand forecast.

    Every figure is a ``_read_group`` over the SQL views (``retail.customer.margin.report``,
    ``retail.demand.forecast``), so it is what the pivot views show for the same filters."""

    _name = "retail.customer.dashboard"
    _description = "Customer Analytics Dashboard"

    @api.model
    def get_dashboard_data(self, days=28, branch_id=False):
        """Figures of the last ``days`` days (branch-local dates, today included) against the ``days``
        before, for one branch or all of them."""
        days = max(1, min(int(days), 366))
        today = fields.Date.context_today(self)
        date_from = today - timedelta(days=days - 1)
        current = self._period_domain(date_from, today, branch_id)
        previous = self._period_domain(date_from - timedelta(days=days), date_from - timedelta(days=1), branch_id)
        Margin = self.env["retail.customer.margin.report"]
        totals = self._totals(Margin._read_group(current, [], MEASURES)[0])
        before = self._totals(Margin._read_group(previous, [], MEASURES)[0])
        return {
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(today),
            "domain": current,
            "kpis": self._kpis(totals, before),
            "tiers": self._breakdown(current, "tier_id", self.env._("Not a member")),
            "segments": self._breakdown(current, "rfm_segment_id", self.env._("No segment")),
            "customers": self._top_customers(current),
            "forecast": self._forecast(today),
        }

    def _period_domain(self, date_from, date_to, branch_id):
        domain = [("local_date", ">=", fields.Date.to_string(date_from)),
                  ("local_date", "<=", fields.Date.to_string(date_to)),
                  ("company_id", "in", self.env.companies.ids)]
        if branch_id:
            domain.append(("branch_id", "=", int(branch_id)))
        return domain

    @staticmethod
    def _totals(values):
        revenue, cost, margin, customers, bills = values
        return {
            "revenue": revenue, "cost": cost, "margin": margin, "customers": customers, "bills": bills,
            "margin_rate": margin / revenue * 100 if revenue else None,
            "average_basket": revenue / bills if bills else None,
        }

    def _format(self, key, value):
        if value is None:
            return "-"
        if key == "margin_rate":
            return f"{value:.1f} %"
        if key in ("revenue", "cost", "margin", "average_basket"):
            return format_amount(self.env, value, self.env.company.currency_id)
        return f"{int(value):,}"

    def _kpis(self, totals, before):
        labels = {
            "revenue": self.env._("Revenue"),
            "margin": self.env._("Margin"),
            "margin_rate": self.env._("Margin rate"),
            "customers": self.env._("Customers"),
            "average_basket": self.env._("Average basket"),
        }
        kpis = []
        for key, label in labels.items():
            value, previous = totals[key], before[key]
            if key == "margin_rate":
                change = value - previous if value is not None and previous is not None else None
            else:
                change = (value - previous) / previous * 100 if value is not None and previous else None
            kpis.append({
                "key": key, "label": label, "value": value, "formatted": self._format(key, value),
                "previous": self._format(key, previous), "change": change,
                # the margin rate moves in points, the others in percent
                "change_unit": "pt" if key == "margin_rate" else "%",
            })
        return kpis

    def _row(self, record, label, values):
        totals = self._totals(values)
        return {
            "id": record.id or False, "name": record.display_name if record else label,
            **{key: totals[key] for key in ("revenue", "margin", "customers")},
            "revenue_formatted": self._format("revenue", totals["revenue"]),
            "margin_formatted": self._format("margin", totals["margin"]),
            "margin_rate_formatted": self._format("margin_rate", totals["margin_rate"]),
        }

    def _breakdown(self, domain, groupby, empty_label):
        groups = self.env["retail.customer.margin.report"]._read_group(
            domain, [groupby], MEASURES, order="revenue:sum desc")
        return [self._row(record, empty_label, values) for record, *values in groups]

    def _top_customers(self, domain):
        groups = self.env["retail.customer.margin.report"]._read_group(
            [*domain, ("partner_id", "!=", False)], ["partner_id"], MEASURES,
            order="margin:sum desc", limit=TOP_CUSTOMERS)
        return [self._row(partner, "", values) for partner, *values in groups]

    def _forecast(self, today):
        """Next week's forecast per product category (over every segment), from the last weekly run."""
        Forecast = self.env["retail.demand.forecast"]
        base = [("dimension", "=", "segment"), ("company_id", "in", self.env.companies.ids),
                ("week_start", ">", today - timedelta(days=7))]
        first_week = Forecast._read_group(base, [], ["week_start:min"])[0][0]
        if not first_week:
            return {"week_start": False, "categories": []}
        groups = Forecast._read_group(
            [*base, ("week_start", "=", first_week)], ["product_categ_id"],
            ["qty:sum", "revenue:sum", "improvement:avg"], order="revenue:sum desc", limit=TOP_CATEGORIES)
        return {
            "week_start": fields.Date.to_string(first_week),
            "categories": [{
                "id": category.id, "name": category.display_name or self.env._("No category"),
                "qty": round(qty, 1), "revenue_formatted": self._format("revenue", revenue),
                "improvement": round(improvement, 1) if improvement is not None else None,
            } for category, qty, revenue, improvement in groups],
        }
