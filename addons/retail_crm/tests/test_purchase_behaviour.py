from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .purchase_common import RetailPurchaseCase

# Written independently of the job's statement: one correlated sub-query per figure.
INDEPENDENT_SQL = """
SELECT p.id,
       (SELECT count(*) FROM pos_order o WHERE o.partner_id = p.id
           AND o.state IN ('paid', 'done', 'invoiced') AND o.amount_total >= 0),
       (SELECT COALESCE(sum(o.amount_total), 0) FROM pos_order o WHERE o.partner_id = p.id
           AND o.state IN ('paid', 'done', 'invoiced')),
       (SELECT COALESCE(sum(o.amount_total), 0) FROM pos_order o WHERE o.partner_id = p.id
           AND o.state IN ('paid', 'done', 'invoiced')
           AND o.date_order >= now() at time zone 'UTC' - interval '1 year'),
       (SELECT max(timezone(c.retail_tz, timezone('UTC', o.date_order))::date)
          FROM pos_order o JOIN pos_config c ON c.id = o.config_id WHERE o.partner_id = p.id
           AND o.state IN ('paid', 'done', 'invoiced') AND o.amount_total >= 0),
       (SELECT min(timezone(c.retail_tz, timezone('UTC', o.date_order))::date)
          FROM pos_order o JOIN pos_config c ON c.id = o.config_id WHERE o.partner_id = p.id
           AND o.state IN ('paid', 'done', 'invoiced') AND o.amount_total >= 0),
       (SELECT COALESCE(sum(l.qty * l.price_unit * l.discount / 100), 0)
          FROM pos_order_line l JOIN pos_order o ON o.id = l.order_id
         WHERE o.partner_id = p.id AND o.state IN ('paid', 'done', 'invoiced'))
  FROM res_partner p
 WHERE p.id = ANY(%s)
"""


@tagged("post_install", "-at_install")
class TestPurchaseBehaviour(RetailPurchaseCase):

    def test_validated_order_updates_its_customer_in_the_same_transaction(self):
        customer = self._customer("Khách Mới")
        other = self._customer("Khách Khác")
        self._sell(customer, "2026-11-20 10:00", [(self.product_a, 2, 150000, 0), (self.product_b, 1, 100000, 10)])
        self.assertEqual(customer.retail_purchase_count, 1)
        self.assertAlmostEqual(customer.retail_revenue_total, 390000)
        self.assertAlmostEqual(customer.retail_average_basket, 390000)
        self.assertAlmostEqual(customer.retail_discount_total, 10000)
        self.assertEqual(customer.retail_first_purchase_date, date(2026, 11, 20))
        self.assertEqual(customer.retail_last_purchase_date, date(2026, 11, 20))
        self.assertEqual(customer.retail_favourite_config_id, self.branch)
        self.assertEqual(other.retail_purchase_count, 0, "only the order's customer is refreshed")

    def test_last_purchase_date_is_the_branch_local_day(self):
        customer = self._customer("Khách Đêm Khuya")
        self._sell(customer, "2026-11-20 06:30", [(self.product_a, 1, 100000, 0)])  # 23:30 UTC the day before
        self.assertEqual(customer.retail_last_purchase_date, date(2026, 11, 20))

    def test_refund_reduces_revenue_and_discount_but_not_purchases(self):
        customer = self._customer("Khách Trả Hàng")
        self._sell(customer, "2026-11-10 10:00", [(self.product_a, 2, 200000, 10)])
        self._sell(customer, "2026-11-12 10:00", [(self.product_a, -1, 200000, 10)])
        self.assertEqual(customer.retail_purchase_count, 1)
        self.assertAlmostEqual(customer.retail_revenue_total, 180000)
        self.assertAlmostEqual(customer.retail_discount_total, 20000)
        self.assertEqual(customer.retail_last_purchase_date, date(2026, 11, 10), "a refund is not a purchase")
        self.assertEqual(customer.retail_favourite_product_ids, self.product_a, "one unit kept")

    def test_refund_made_with_the_pos_refund_action(self):
        customer = self._customer("Khách Hoàn Tiền")
        order = self._sell(customer, "2026-11-10 10:00", [(self.product_b, 3, 100000, 0)])
        refund = self.env["pos.order"].browse(order.refund()["res_id"])
        self.env["pos.make.payment"].with_context(active_id=refund.id).create({
            "amount": refund.amount_total,
            "payment_method_id": self.branch.payment_method_ids.filtered("is_cash_count")[:1].id,
        }).check()
        self.assertEqual(refund.state, "paid")
        self.assertAlmostEqual(customer.retail_revenue_total, 0)
        self.assertEqual(customer.retail_purchase_count, 1)
        self.assertFalse(customer.retail_favourite_product_ids)

    def test_average_days_between_purchases(self):
        customer = self._customer("Khách Đều Đặn")
        for day in ("2026-10-01", "2026-10-11", "2026-10-31"):
            self._sell(customer, f"{day} 10:00", [(self.product_c, 1, 50000, 0)])
        self.assertEqual(customer.retail_purchase_count, 3)
        self.assertAlmostEqual(customer.retail_purchase_interval_days, 15.0)
        self.assertEqual(customer.retail_first_purchase_date, date(2026, 10, 1))
        self.assertAlmostEqual(customer.retail_average_basket, 50000)

    def test_favourite_branch_and_top_three_products(self):
        customer = self._customer("Khách Quen")
        self._sell(customer, "2026-11-01 10:00", [(self.product_a, 5, 10000, 0), (self.product_b, 1, 10000, 0)],
                   branch=self.branch_2)
        self._sell(customer, "2026-11-02 10:00", [(self.product_c, 3, 10000, 0), (self.product_d, 2, 10000, 0)],
                   branch=self.branch_2)
        self._sell(customer, "2026-11-03 10:00", [(self.product_a, 1, 10000, 0)])
        self.assertEqual(customer.retail_favourite_config_id, self.branch_2)
        self.assertEqual(customer.retail_favourite_product_ids, self.product_a | self.product_c | self.product_d)

    def test_customer_changed_on_a_paid_order_moves_the_figures(self):
        first, second = self._customer("Khách Một"), self._customer("Khách Hai")
        order = self._sell(first, "2026-11-01 10:00", [(self.product_a, 1, 70000, 0)])
        order.partner_id = second
        self.assertEqual(first.retail_purchase_count, 0)
        self.assertAlmostEqual(first.retail_revenue_total, 0)
        self.assertEqual(second.retail_purchase_count, 1)
        self.assertAlmostEqual(second.retail_revenue_total, 70000)

    @freeze_time("2026-11-23 05:00:00")
    def test_full_refresh_matches_an_independent_recomputation(self):
        customer = self._customer("Khách Kiểm Tra")
        self._sell(customer, "2026-11-01 10:00", [(self.product_a, 2, 100000, 5)])
        self._sell(customer, "2026-11-05 10:00", [(self.product_a, -1, 100000, 5)])
        self._sell(customer, "2025-06-01 10:00", [(self.product_b, 1, 300000, 0)])
        self.env.cr.execute("UPDATE res_partner SET retail_purchase_count = 0, retail_revenue_total = 0, "
                            "retail_revenue_12m = 0, retail_last_purchase_date = NULL")
        self.env["res.partner"].invalidate_model()
        refreshed = self.env["res.partner"]._retail_refresh_all_purchase_stats(batch_size=37)
        self.env.cr.execute("SELECT DISTINCT partner_id FROM pos_order WHERE partner_id IS NOT NULL")
        buyers = [row[0] for row in self.env.cr.fetchall()]
        self.assertGreater(len(buyers), 100, "the demo customers and this one")
        self.assertEqual(refreshed, len(buyers))
        self.env.cr.execute(INDEPENDENT_SQL, (buyers,))
        expected = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self.env["res.partner"].browse(buyers):
            count, revenue, revenue_12m, last, first, discount = expected[partner.id]
            self.assertEqual(partner.retail_purchase_count, count, partner.name)
            self.assertAlmostEqual(partner.retail_revenue_total, float(revenue), places=2)
            self.assertAlmostEqual(partner.retail_revenue_12m, float(revenue_12m), places=2)
            self.assertEqual(partner.retail_last_purchase_date, last)
            self.assertEqual(partner.retail_first_purchase_date, first)
            self.assertAlmostEqual(partner.retail_discount_total, float(discount), places=2)
            if count:
                self.assertAlmostEqual(partner.retail_average_basket, float(revenue) / count, places=2)
        self.assertEqual(customer.retail_purchase_count, 2)
        self.assertAlmostEqual(customer.retail_revenue_total, 395000)
        self.assertAlmostEqual(customer.retail_revenue_12m, 95000)

    def test_daily_ageing_refreshes_customers_whose_orders_left_the_window(self):
        customer = self._customer("Khách Một Năm")
        with freeze_time("2026-11-20 05:00:00"):
            self._sell(customer, "2025-11-22 10:00", [(self.product_a, 1, 120000, 0)])
            self.env["res.partner"]._retail_refresh_all_purchase_stats()
            self.assertAlmostEqual(customer.retail_revenue_12m, 120000)
        with freeze_time("2026-11-23 05:00:00"):
            aged = self.env["res.partner"]._retail_age_revenue_12m()
        self.assertGreaterEqual(aged, 1, "the customer with an order that left the window")
        self.assertAlmostEqual(customer.retail_revenue_12m, 0)
        self.assertAlmostEqual(customer.retail_revenue_total, 120000)
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("retail_crm.purchase_stats_revenue_12m_since"),
            "2025-11-23 05:00:00")

    def test_demo_customers_have_purchase_figures(self):
        buyers = self.env["res.partner"].search_count([
            ("company_id", "=", self.company.id), ("retail_purchase_count", ">", 0)])
        self.assertGreater(buyers, 50)
