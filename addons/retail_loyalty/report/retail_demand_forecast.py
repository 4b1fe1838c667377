from datetime import timedelta

import numpy as np

from odoo import api, fields, models

from . import retail_demand_forecast_methods as methods

PARAMS = {
    # ir.config_parameter key: default
    "retail_loyalty.forecast_horizon_weeks": 8,
    "retail_loyalty.forecast_holdout_weeks": 13,
    "retail_loyalty.forecast_season_weeks": 52,
    "retail_loyalty.forecast_history_weeks": 156,
}

# dimension: column of the margin analysis the weekly series are split by
DIMENSION_COLUMNS = {"segment": "rfm_segment_id", "tier": "tier_id"}

WEEKLY_SERIES_SQL = """
    SELECT date_trunc('week', local_date)::date AS week, product_categ_id, {column} AS key_id,
           sum(qty) AS qty, sum(revenue) AS revenue
      FROM retail_customer_margin_report
     WHERE company_id = %(company)s
       AND date >= %(since)s::date - 1 AND date < %(until)s::date + 1
       AND local_date >= %(since)s AND local_date < %(until)s
     GROUP BY 1, 2, 3
"""


class RetailDemandForecast(models.Model):
    """Next weeks' demand per product category and RFM segment (or tier), from the weekly quantities
    and revenue of the customer margin analysis.

    Per series, each method is fitted on all weeks but the last few (the holdout) and scored on them
    by mean absolute error; the method with the lowest error is refitted on every week and forecasts
    the next weeks. The naive baseline (last week repeated) is scored the same way, for comparison."""

    _name = "retail.demand.forecast"
    _description = "Demand Forecast"
    _order = "company_id, dimension, product_categ_id, rfm_segment_id, tier_id, week_start"
    _rec_name = "product_categ_id"

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    dimension = fields.Selection([("segment", "RFM Segment"), ("tier", "Tier")], required=True, readonly=True)
    week_start = fields.Date(string="Week", required=True, readonly=True, help="Monday of the forecast week.")
    product_categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    rfm_segment_id = fields.Many2one("retail.rfm.segment", string="Segment", readonly=True)
    tier_id = fields.Many2one("retail.tier", readonly=True)
    qty = fields.Float(string="Forecast Quantity", readonly=True)
    revenue = fields.Monetary(string="Forecast Revenue", readonly=True)
    method = fields.Selection([
        ("seasonal_naive", "Seasonal naive"),
        ("exponential_smoothing", "Exponential smoothing"),
        ("holt_winters", "Holt-Winters additive"),
    ], readonly=True, help="The method with the lowest backtest error on this series' quantities.")
    backtest_error = fields.Float(readonly=True, aggregator="avg",
                                  help="Mean absolute error of the method on the held-out weeks (units/week).")
    naive_error = fields.Float(readonly=True, aggregator="avg",
                               help="Mean absolute error of the naive baseline (last week repeated), same weeks.")
    improvement = fields.Float(string="Better than Naive (%)", readonly=True, aggregator="avg",
                               help="How much smaller the method's backtest error is than the naive one's.")
    revenue_backtest_error = fields.Float(readonly=True, aggregator="avg")
    revenue_naive_error = fields.Float(readonly=True, aggregator="avg")
    history_weeks = fields.Integer(readonly=True, aggregator="max", help="Weeks of sales the series had.")

    @api.model
    def _retail_params(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return {key.split(".forecast_")[1]: int(get(key, default)) for key, default in PARAMS.items()}

    @api.model
    def _retail_forecast_series(self, qty, revenue, horizon, holdout, season):
        """Forecast one weekly series (quantities and revenue, oldest week first): the method is chosen
        on the quantities' backtest and used for both. None when the series is too short to score."""
        qty, revenue = np.asarray(qty, dtype=float), np.asarray(revenue, dtype=float)
        if qty.size < holdout + 2:
            return None
        errors = methods.backtest(qty, holdout, season)
        method = methods.best_method(errors)
        revenue_errors = methods.backtest(revenue, holdout, season)
        naive_error = errors["naive"]
        return {
            "method": method,
            "qty": methods.forecast(method, qty, horizon, season),
            "revenue": methods.forecast(method, revenue, horizon, season),
            "backtest_error": errors[method],
            "naive_error": naive_error,
            "improvement": 100 * (naive_error - errors[method]) / naive_error if naive_error else 0.0,
            "revenue_backtest_error": revenue_errors.get(method, 0.0),
            "revenue_naive_error": revenue_errors["naive"],
            "history_weeks": qty.size,
        }

    @api.model
    def _retail_weekly_series(self, company, dimension, first_week, weeks):
        """{(category id, segment or tier id): (quantities, revenue)} over ``weeks`` weeks from the
        Monday ``first_week``, weeks without sales at 0, each series starting at its first sale."""
        until = first_week + timedelta(weeks=weeks)
        self.env.flush_all()
        self.env.cr.execute(WEEKLY_SERIES_SQL.format(column=DIMENSION_COLUMNS[dimension]),
                            {"company": company.id, "since": first_week, "until": until})
        series = {}
        for week, categ_id, key_id, qty, revenue in self.env.cr.fetchall():
            values = series.setdefault((categ_id, key_id), np.zeros((2, weeks)))
            index = (week - first_week).days // 7
            values[:, index] = (qty, revenue)
        trimmed = {}
        for key, values in series.items():
            sold = np.flatnonzero((values[0] != 0) | (values[1] != 0))
            if sold.size:
                trimmed[key] = values[:, sold[0]:]
        return trimmed

    @api.model
    def _retail_compute(self, company, today=None):
        """Replace the company's forecast with one from the complete weeks before ``today``'s week."""
        params = self._retail_params()
        today = today or fields.Date.context_today(self)
        this_week = today - timedelta(days=today.weekday())
        first_week = this_week - timedelta(weeks=params["history_weeks"])
        rows = []
        for dimension, column in DIMENSION_COLUMNS.items():
            series = self._retail_weekly_series(company, dimension, first_week, params["history_weeks"])
            for (categ_id, key_id), (qty, revenue) in series.items():
                result = self._retail_forecast_series(
                    qty, revenue, params["horizon_weeks"], params["holdout_weeks"], params["season_weeks"])
                if result:
                    rows += self._retail_forecast_rows(result, company, dimension, {
                        "product_categ_id": categ_id, column: key_id}, this_week)
        self.search([("company_id", "=", company.id)]).unlink()
        return self.create(rows)

    @api.model
    def _retail_forecast_rows(self, result, company, dimension, keys, this_week):
        common = {field: result[field] for field in (
            "method", "backtest_error", "naive_error", "improvement", "revenue_backtest_error",
            "revenue_naive_error", "history_weeks")}
        return [{
            **common, **keys, "company_id": company.id, "dimension": dimension,
            "week_start": this_week + timedelta(weeks=step), "qty": qty, "revenue": revenue,
        } for step, (qty, revenue) in enumerate(zip(result["qty"], result["revenue"], strict=True))]

    def action_retail_compute(self):
        for company in self.env.companies:
            self._retail_compute(company)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    @api.model
    def _cron_compute_forecast(self):
        for company in self.env["res.company"].search([("active", "=", True)]):
            self.with_company(company)._retail_compute(company)
