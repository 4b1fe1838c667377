from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .purchase_common import RetailPurchaseCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-23 05:00:00")
class TestRfm(RetailPurchaseCase):
    """Ten customers: customer i bought i times, last on 1 November + i days, i x 100,000 ₫ a time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.segment = {code: cls.env.ref(f"retail_crm.rfm_segment_{code}") for code in (
            "champions", "loyal", "potential", "new", "attention", "at_risk", "hibernating", "lost")}

    def setUp(self):
        super().setUp()
        self.customers = [self._customer(f"Khách RFM {i:02d}") for i in range(1, 11)]
        for i, customer in enumerate(self.customers, start=1):
            for j in range(i):
                day = date(2026, 11, 1) + timedelta(days=i) - timedelta(days=j * 3)
                self._sell(customer, f"{day} 10:00", [(self.product_a, 1, i * 100000, 0)])

    def _compute(self, extra=None):
        partners = self.env["res.partner"].union(*self.customers, *(extra or []))
        return self.env["res.partner"]._retail_compute_rfm([("id", "in", partners.ids)])

    def test_quintile_boundaries(self):
        self._compute()
        expected = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
        self.assertEqual([c.retail_rfm_recency for c in self.customers], expected)
        self.assertEqual([c.retail_rfm_frequency for c in self.customers], expected)
        self.assertEqual([c.retail_rfm_monetary for c in self.customers], expected)

    def test_equal_values_share_a_score(self):
        twin = self._customer("Khách RFM sinh đôi")
        for j in range(10):
            day = date(2026, 11, 11) - timedelta(days=j * 3)
            self._sell(twin, f"{day} 10:00", [(self.product_a, 1, 1000000, 0)])
        self._compute([twin])
        self.assertEqual(twin.retail_rfm_frequency, self.customers[-1].retail_rfm_frequency)
        self.assertEqual(twin.retail_rfm_recency, self.customers[-1].retail_rfm_recency)
        self.assertEqual(twin.retail_rfm_frequency, 5)

    def test_segments_follow_the_score_grid(self):
        self._compute()
        self.assertEqual(self.customers[-1].retail_rfm_segment_id, self.segment["champions"])
        self.assertEqual(self.customers[0].retail_rfm_segment_id, self.segment["lost"])
        self.assertEqual(self.customers[4].retail_rfm_segment_id, self.segment["attention"])
        grouped = self.env["res.partner"]._read_group(
            [("id", "in", [c.id for c in self.customers])], ["retail_rfm_segment_id"], ["__count"])
        self.assertEqual(sum(count for _segment, count in grouped), 10)
        self.assertEqual(self.env["res.partner"].search_count([
            ("id", "in", [c.id for c in self.customers]), ("retail_rfm_segment_id.code", "=", "champions")]), 2)

    def test_history_records_changes_only(self):
        History = self.env["retail.rfm.segment.history"]
        scope = [("partner_id", "in", [c.id for c in self.customers])]
        self._compute()
        first = History.search(scope)
        self.assertEqual(len(first), 10)
        self.assertFalse(first.segment_from_id)
        self.assertEqual(first.mapped("date"), [date(2026, 11, 23)] * 10)
        self._compute()
        self.assertEqual(History.search_count(scope), 10, "nothing changed, nothing recorded")

        lost = self.customers[0]
        for _order in range(12):
            self._sell(lost, "2026-11-22 10:00", [(self.product_a, 1, 5000000, 0)])
        self._compute()
        change = History.search([("partner_id", "=", lost.id)], limit=1)
        self.assertEqual(change.segment_from_id, self.segment["lost"])
        self.assertEqual(change.segment_to_id, self.segment["champions"])
        self.assertEqual(lost.retail_rfm_segment_id, self.segment["champions"])
        self.assertIn(change, lost.retail_rfm_history_ids)

    def test_score_grid_is_editable(self):
        self.env.ref("retail_crm.rfm_rule_r5_f5").segment_id = self.segment["loyal"]
        self._compute()
        self.assertEqual(self.customers[-1].retail_rfm_segment_id, self.segment["loyal"])

    def test_window_is_configurable(self):
        old = self._customer("Khách cũ")
        self._sell(old, "2026-09-01 10:00", [(self.product_a, 1, 90000000, 0)])
        self._compute([old])
        self.assertEqual(old.retail_rfm_monetary, 5, "inside the 12-month window")
        self.env["ir.config_parameter"].set_param("retail_crm.rfm_window_months", 1)
        self._compute([old])
        self.assertEqual((old.retail_rfm_frequency, old.retail_rfm_monetary), (1, 1))
        self.assertEqual(old.retail_rfm_recency, 1)

    def test_customer_without_purchases_leaves_its_segment(self):
        self._compute()
        customer = self.customers[3]
        self.env["pos.order"].search([("partner_id", "=", customer.id)]).partner_id = False
        self.assertFalse(customer.retail_last_purchase_date)
        self._compute()
        self.assertFalse(customer.retail_rfm_segment_id)
        self.assertFalse(customer.retail_rfm_recency)
        change = self.env["retail.rfm.segment.history"].search([("partner_id", "=", customer.id)], limit=1)
        self.assertFalse(change.segment_to_id)

    def test_demo_customers_have_segments(self):
        company = self.env.ref("retail_crm.demo_company_sen")
        segmented = self.env["res.partner"].search_count([
            ("company_id", "=", company.id), ("retail_rfm_segment_id", "!=", False)])
        self.assertGreater(segmented, 50)
        self.assertTrue(self.env.ref("retail_crm.ir_cron_rfm_segments").active)
