from odoo.tests import tagged
from odoo.tools import SQL

from .common import FootfallCase


@tagged("post_install", "-at_install")
class TestConversion(FootfallCase):
    """The report's figures against a computation straight from counts and orders."""

    def independent_figures(self):
        """Per branch: entrance visitors, and receipts of the hours that have entrance data."""
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            WITH covered AS (
                SELECT DISTINCT c.pos_config_id,
                       date_trunc('hour', (c.interval_start AT TIME ZONE 'UTC') AT TIME ZONE pc.retail_tz) AS hour
                  FROM retail_footfall_count c JOIN pos_config pc ON pc.id = c.pos_config_id
                 WHERE c.zone_id IS NULL
            ), visitors AS (
                SELECT pos_config_id, sum(visitors_in) AS visitors
                  FROM retail_footfall_count WHERE zone_id IS NULL GROUP BY pos_config_id
            ), receipts AS (
                SELECT o.config_id AS pos_config_id, count(*) AS receipts
                  FROM pos_order o
                  JOIN pos_config pc ON pc.id = o.config_id
                  JOIN covered ON covered.pos_config_id = o.config_id
                   AND covered.hour = date_trunc('hour', (o.date_order AT TIME ZONE 'UTC') AT TIME ZONE pc.retail_tz)
                 WHERE o.state IN ('paid', 'done', 'invoiced') AND o.amount_total > 0
                 GROUP BY o.config_id
            )
            SELECT v.pos_config_id, v.visitors, coalesce(r.receipts, 0)
              FROM visitors v LEFT JOIN receipts r ON r.pos_config_id = v.pos_config_id
            """
        ))
        return {branch: (visitors, receipts) for branch, visitors, receipts in self.env.cr.fetchall()}

    def report_figures(self):
        Report = self.env["retail.footfall.report"]
        groups = Report.read_group([("zone_id", "=", False)], ["visitors", "covered_receipts", "conversion_rate"],
                                   ["pos_config_id"])
        return {group["pos_config_id"][0]: group for group in groups}

    def test_demo_conversion_equals_an_independent_sql_computation(self):
        self.Hour._refresh_receipts(full=True)
        expected = self.independent_figures()
        self.assertEqual(len(expected), 3, "the three demo branches have entrance counters")
        report = self.report_figures()
        for branch_id, (visitors, receipts) in expected.items():
            group = report[branch_id]
            self.assertEqual(group["visitors"], visitors)
            self.assertEqual(group["covered_receipts"], receipts)
            self.assertAlmostEqual(group["conversion_rate"], 100.0 * receipts / visitors, places=6)
            self.assertTrue(8 <= group["conversion_rate"] <= 40, "the demo shop converts about one visitor in five")

    def test_conversion_ignores_receipts_of_hours_without_counter_data(self):
        self.store([{"start": "2025-02-01T09:00:00+07:00", "minutes": 60, "in": 50}])
        self.sell("2025-02-01 09:10:00")
        self.sell("2025-02-01 09:40:00")
        self.sell("2025-02-01 15:00:00")  # the counter sent nothing for 15:00
        self.Hour._refresh_receipts()
        groups = self.env["retail.footfall.report"].read_group(
            [("pos_config_id", "=", self.branch.id), ("date", ">=", "2025-02-01"), ("date", "<", "2025-02-02"),
             ("zone_id", "=", False)],
            ["visitors", "receipts", "conversion_rate", "average_basket", "revenue_per_visitor"], [])
        self.assertEqual(groups[0]["receipts"], 3)
        self.assertEqual(groups[0]["visitors"], 50)
        self.assertAlmostEqual(groups[0]["conversion_rate"], 4.0)
        revenue = groups[0]["revenue_per_visitor"] * 50
        self.assertAlmostEqual(revenue, 2 * self.beer.taxes_id.compute_all(20000)["total_excluded"], places=2)

    def test_weekday_and_hour_of_day_are_branch_time(self):
        self.store([{"start": "2025-02-02T23:30:00+07:00", "in": 2}])  # a Sunday, late evening locally
        row = self.env["retail.footfall.report"].search([
            ("pos_config_id", "=", self.branch.id), ("date", "=", "2025-02-02 23:00:00"), ("zone_id", "=", False),
        ])
        self.assertEqual((row.weekday, row.hour_of_day), ("7", "23"))
