from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDashboard(HttpCase):
    def test_dashboard_figures_of_the_demo_shop(self):
        self.env["retail.footfall.hour"]._refresh_receipts(full=True)
        data = self.env["retail.footfall.report"].with_user(self.env.ref("base.user_admin")).get_dashboard_data(28)
        kpis = {kpi["key"]: kpi for kpi in data["kpis"]}
        self.assertIn("%", kpis["conversion_rate"]["value"])
        names = {branch["name"] for branch in data["branches"]}
        self.assertTrue({"Hà Nội - Hoàn Kiếm", "Hà Nội - Cầu Giấy", "TP.HCM - Quận 1"} <= names)
        self.assertEqual(len(data["heatmap"]["rows"]), 7)
        self.assertIn("09:00", data["heatmap"]["hours"])

    def test_dashboard_renders_in_the_browser(self):
        self.env["retail.footfall.hour"]._refresh_receipts(full=True)
        action = self.env.ref("retail_footfall.retail_footfall_dashboard_action")
        self.start_tour(f"/odoo/action-{action.id}", "retail_footfall_dashboard", login="admin")
