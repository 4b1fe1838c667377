from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common_analytics import RetailAnalyticsCase

NOON_IN_HANOI = "2026-11-23 05:00:00"


@tagged("post_install", "-at_install")
class TestCustomerDashboard(RetailAnalyticsCase):
    """The dashboard's figures are those of the margin report for the same period and branch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._member("Test dashboard member", tier=cls.member_tier)
        cls.vip = cls._member("Test dashboard VIP", tier=cls.vip_tier)

    def _dashboard(self, **kwargs):
        return self.env["retail.customer.dashboard"].with_context(tz="Asia/Ho_Chi_Minh").get_dashboard_data(**kwargs)

    def _independent(self, local_from, local_to, branch=None):
        """Revenue, margin, customers and bills of the period straight from the order lines."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT COALESCE(sum(l.price_subtotal), 0), COALESCE(sum(l.price_subtotal - l.total_cost), 0),
                   count(DISTINCT o.partner_id), count(DISTINCT o.id)
              FROM pos_order_line l
              JOIN pos_order o ON o.id = l.order_id
              JOIN pos_session s ON s.id = o.session_id
             WHERE o.state IN ('paid', 'done', 'invoiced')
               AND (o.date_order AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN %s AND %s
               AND (%s IS NULL OR s.config_id = %s)
               AND o.company_id = %s
        """, [local_from, local_to, branch and branch.id, branch and branch.id, self.company.id])
        return self.env.cr.fetchone()

    def _sell_period(self):
        """This week: the member twice (one at Quận 1), the VIP once; the week before: the VIP once."""
        serum, shampoo = self.serum, self.shampoo
        self._sell_lines(self.member, [(serum, 2, 200000, 0), (shampoo, 1, 120000, 10)], "2026-11-20 10:00")
        self._sell_lines(self.member, [(shampoo, 1, 120000, 0)], "2026-11-22 19:00", self.branch_q1)
        self._sell_lines(self.vip, [(serum, 1, 200000, 0)], "2026-11-23 09:00")
        self._sell_lines(self.vip, [(serum, 1, 180000, 0)], "2026-11-14 09:00")

    def test_kpis_equal_the_order_lines_of_the_period_and_the_one_before(self):
        self._sell_period()
        with freeze_time(NOON_IN_HANOI):
            data = self._dashboard(days=7)
        self.assertEqual((data["date_from"], data["date_to"]), ("2026-11-17", "2026-11-23"))
        kpis = {kpi["key"]: kpi for kpi in data["kpis"]}
        revenue, margin, customers, bills = self._independent("2026-11-17", "2026-11-23")
        self.assertGreaterEqual(revenue, 400000 + 108000 + 120000 + 200000)
        self.assertAlmostEqual(kpis["revenue"]["value"], revenue)
        self.assertAlmostEqual(kpis["margin"]["value"], margin)
        self.assertEqual(kpis["customers"]["value"], customers)
        self.assertAlmostEqual(kpis["average_basket"]["value"], revenue / bills)
        self.assertAlmostEqual(kpis["margin_rate"]["value"], margin / revenue * 100)
        before_revenue = self._independent("2026-11-10", "2026-11-16")[0]
        self.assertAlmostEqual(kpis["revenue"]["change"], (revenue - before_revenue) / before_revenue * 100)

    def _independent_rows(self, key_sql, branch=None, order="2 DESC", limit=None):
        """Revenue and margin per ``key_sql`` over this week's paid lines (demo sales included)."""
        self.env.flush_all()
        self.env.cr.execute(f"""
            SELECT {key_sql}, sum(l.price_subtotal) AS revenue, sum(l.price_subtotal - l.total_cost) AS margin
              FROM pos_order_line l
              JOIN pos_order o ON o.id = l.order_id
              JOIN pos_session s ON s.id = o.session_id
             WHERE o.state IN ('paid', 'done', 'invoiced') AND o.company_id = %s
               AND (o.date_order AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                   BETWEEN '2026-11-17' AND '2026-11-23'
               AND (%s IS NULL OR s.config_id = %s)
               AND {key_sql} IS NOT NULL
             GROUP BY 1 ORDER BY {order}, 1 LIMIT %s
        """, [self.company.id, branch and branch.id, branch and branch.id, limit])
        return [(key, round(revenue), round(margin)) for key, revenue, margin in self.env.cr.fetchall()]

    def test_tiers_and_best_customers_per_branch(self):
        self._sell_period()
        with freeze_time(NOON_IN_HANOI):
            data = self._dashboard(days=7, branch_id=self.branch_q1.id)
        revenue = self._independent("2026-11-17", "2026-11-23", self.branch_q1)[0]
        self.assertAlmostEqual(next(k for k in data["kpis"] if k["key"] == "revenue")["value"], revenue)
        self.assertIn(["branch_id", "=", self.branch_q1.id], [list(term) for term in data["domain"]])
        tiers = [(row["id"], round(row["revenue"]), round(row["margin"])) for row in data["tiers"] if row["id"]]
        self.assertEqual(sorted(tiers), sorted(self._independent_rows("o.retail_tier_id", self.branch_q1)))
        best = [(row["id"], round(row["revenue"]), round(row["margin"])) for row in data["customers"]]
        self.assertEqual(best, self._independent_rows("o.partner_id", self.branch_q1, order="3 DESC", limit=10))

    def test_a_members_margin_this_week(self):
        self._sell_period()
        with freeze_time(NOON_IN_HANOI):
            customers = self._dashboard(days=7)["customers"]
        expected = {key: margin for key, _revenue, margin in self._independent_rows("o.partner_id")}
        # member: 400,000 - 160,000 + 108,000 - 70,000 + 120,000 - 70,000; VIP: 200,000 - 80,000
        self.assertEqual((expected[self.member.id], expected[self.vip.id]), (328000, 120000))
        for row in customers:
            self.assertEqual(round(row["margin"]), expected[row["id"]])
        margins = [row["margin"] for row in customers]
        self.assertEqual(margins, sorted(margins, reverse=True))

    def test_forecast_block_reads_next_weeks_run(self):
        with freeze_time(NOON_IN_HANOI):
            empty = self._dashboard(days=7)["forecast"]
        self.assertEqual(empty["categories"], [])
        Forecast = self.env["retail.demand.forecast"]
        common = {"company_id": self.company.id, "dimension": "segment", "method": "seasonal_naive"}
        Forecast.create([
            {**common, "week_start": "2026-11-30", "product_categ_id": self.categ_skin.id, "qty": 3, "revenue": 600000,
             "improvement": 10},
            {**common, "week_start": "2026-11-30", "product_categ_id": self.categ_skin.id, "qty": 2, "revenue": 400000,
             "improvement": 30},
            {**common, "week_start": "2026-11-30", "product_categ_id": self.categ_hair.id, "qty": 1, "revenue": 120000},
            {**common, "week_start": "2026-12-07", "product_categ_id": self.categ_hair.id, "qty": 9, "revenue": 900000},
        ])
        with freeze_time(NOON_IN_HANOI):
            forecast = self._dashboard(days=7)["forecast"]
        self.assertEqual(forecast["week_start"], "2026-11-30")
        self.assertEqual([(row["id"], row["qty"], row["improvement"]) for row in forecast["categories"]],
                         [(self.categ_skin.id, 5, 20), (self.categ_hair.id, 1, 0)])


@tagged("post_install", "-at_install")
class TestCustomerDashboardClient(HttpCase):

    def test_the_dashboard_opens_for_a_manager(self):
        self.start_tour("/odoo/action-retail_loyalty.retail_customer_dashboard_action",
                        "retail_customer_dashboard_tour", login="admin")
