from datetime import date, timedelta

import numpy as np

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged

from .common_analytics import RetailAnalyticsCase


def seasonal_weeks(weeks, season, seed=7):
    """Weekly demand with a level, a slow trend, a season and noise; revenue at 150,000 a unit."""
    rng = np.random.default_rng(seed)
    week = np.arange(weeks)
    qty = np.round(60 + 0.05 * week + 25 * np.sin(2 * np.pi * week / season) + rng.normal(0, 4, weeks))
    return qty, qty * 150000


@tagged("post_install", "-at_install")
class TestDemandForecast(RetailAnalyticsCase):

    def test_yearly_seasonal_series_beats_the_naive_baseline(self):
        qty, revenue = seasonal_weeks(3 * 52, 52)
        history, future = qty[:-13], qty[-13:]
        forecast = self.env["retail.demand.forecast"]._retail_forecast_series(
            history, revenue[:-13], horizon=13, holdout=13, season=52)
        self.assertIn(forecast["method"], ("seasonal_naive", "holt_winters"))
        self.assertLess(forecast["backtest_error"], forecast["naive_error"])
        self.assertGreater(forecast["improvement"], 30)
        self.assertLess(forecast["revenue_backtest_error"], forecast["revenue_naive_error"])
        self.assertEqual((len(forecast["qty"]), len(forecast["revenue"]), forecast["history_weeks"]), (13, 13, 143))
        # and on the weeks that really followed
        naive_error = np.mean(np.abs(future - history[-1]))
        self.assertLess(np.mean(np.abs(future - forecast["qty"])), naive_error)

    def test_series_without_season_long_enough_uses_smoothing(self):
        rng = np.random.default_rng(3)
        qty = np.round(40 + rng.normal(0, 6, 30))
        forecast = self.env["retail.demand.forecast"]._retail_forecast_series(
            qty, qty * 1000, horizon=4, holdout=8, season=52)
        self.assertEqual(forecast["method"], "exponential_smoothing")
        self.assertLess(forecast["backtest_error"], forecast["naive_error"])
        self.assertIsNone(self.env["retail.demand.forecast"]._retail_forecast_series(
            qty[:9], qty[:9], horizon=4, holdout=8, season=52))

    def test_forecast_from_the_sales_per_category_and_segment(self):
        """Twenty weeks of sales to a Champion with a four-week season: the stored forecast continues it."""
        params = self.env["ir.config_parameter"].sudo()
        for key, value in (("season_weeks", 4), ("holdout_weeks", 4), ("history_weeks", 20), ("horizon_weeks", 8)):
            params.set_param(f"retail_loyalty.forecast_{key}", value)
        champions = self.env.ref("retail_crm.rfm_segment_champions")
        customer = self.env["res.partner"].create({"name": "Test forecast customer", "company_id": self.company.id,
                                                   "retail_rfm_segment_id": champions.id})
        pattern = [2, 6, 10, 6]
        today = date(2026, 6, 3)
        first_week = date(2026, 6, 1) - timedelta(weeks=20)
        for week in range(20):
            day = first_week + timedelta(weeks=week, days=2)
            self._sell_lines(customer, [(self.serum, pattern[week % 4], 200000, 0)], f"{day} 10:00")

        forecast = self.env["retail.demand.forecast"]._retail_compute(self.company, today)

        rows = forecast.filtered(lambda row: row.product_categ_id == self.categ_skin and row.dimension == "segment")
        self.assertEqual(rows.rfm_segment_id, champions)
        self.assertEqual(rows.mapped("week_start"), [date(2026, 6, 1) + timedelta(weeks=step) for step in range(8)])
        self.assertEqual(rows.mapped("qty"), [pattern[week % 4] for week in range(20, 28)])
        self.assertEqual(rows.mapped("revenue"), [200000 * pattern[week % 4] for week in range(20, 28)])
        self.assertEqual(set(rows.mapped("method")), {"seasonal_naive"})
        self.assertEqual(rows[0].backtest_error, 0)
        self.assertEqual(rows[0].naive_error, 2)  # last week (6) against 2, 6, 10, 6
        self.assertEqual(rows[0].improvement, 100)
        by_tier = forecast.filtered(lambda row: row.product_categ_id == self.categ_skin and row.dimension == "tier")
        self.assertEqual((len(by_tier), by_tier.tier_id), (8, self.env["retail.tier"]))
        # recomputing replaces the forecast
        again = self.env["retail.demand.forecast"]._retail_compute(self.company, today)
        self.assertFalse(forecast.exists())
        self.assertEqual(len(again), len(forecast))

    def test_analysts_read_the_analytics_and_only_managers_recompute(self):
        analyst = self.env["res.users"].create({
            "name": "Test analyst", "login": "test_retail_analyst", "company_id": self.company.id,
            "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set(self.env.ref("retail_crm.group_retail_analyst").ids)],
        })
        self._sell_lines(False, [(self.serum, 1, 200000, 0)], "2026-04-20 10:00")
        self.env["retail.demand.forecast"].create({
            "company_id": self.company.id, "dimension": "segment", "week_start": "2026-06-01",
            "product_categ_id": self.categ_skin.id, "qty": 3, "revenue": 600000, "method": "seasonal_naive"})
        for model in ("retail.customer.margin.report", "retail.customer.group.margin.report",
                      "retail.demand.forecast"):
            with self.subTest(model=model):
                self.assertTrue(self.env[model].with_user(analyst).search_count([]))
        with self.assertRaises(AccessError):
            self.env["retail.demand.forecast"].with_user(analyst).action_retail_compute()
