from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoShop(TransactionCase):
    """The demo chain that `./retail run` shows and that tests may build on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("retail_crm.demo_company_sen")
        cls.branches = (
            cls.env.ref("retail_crm.demo_pos_hoan_kiem")
            | cls.env.ref("retail_crm.demo_pos_cau_giay")
            | cls.env.ref("retail_crm.demo_pos_quan_1")
        )

    def test_company_is_vietnamese_and_counts_in_dong(self):
        self.assertEqual(self.company.country_id.code, "VN")
        self.assertEqual(self.company.currency_id.name, "VND")
        self.assertEqual(self.company.currency_id.decimal_places, 0)
        self.assertTrue(self.company.chart_template)

    def test_three_branches_each_with_its_own_warehouse(self):
        self.assertEqual(len(self.branches), 3)
        self.assertEqual(len(self.branches.warehouse_id), 3)
        self.assertEqual(self.branches.company_id, self.company)
        self.assertEqual(set(self.branches.mapped("currency_id.name")), {"VND"})
        self.assertTrue(all(config.payment_method_ids.filtered("is_cash_count") for config in self.branches))

    def test_products_include_spa_services_and_beer(self):
        spa = self.env.ref("retail_crm.demo_product_spa_massage_60")
        beer = self.env.ref("retail_crm.demo_product_beer_hanoi")
        self.assertEqual(spa.type, "service")
        self.assertTrue(beer.is_storable)
        self.assertEqual(beer.with_company(self.company).qty_available > 0, True)
        self.assertTrue(spa.available_in_pos and beer.available_in_pos)

    def test_customers_have_vietnamese_phones_birthdays_and_groups(self):
        customers = self.env["res.partner"].search([("email", "=like", "khachhang%@example.com")])
        self.assertEqual(len(customers), 200)
        self.assertTrue(all(phone.startswith("+84 ") for phone in customers.mapped("phone")))
        self.assertEqual(len(customers.filtered("birthday")), 200)
        self.assertTrue(customers.filtered(lambda p: (p.birthday.month, p.birthday.day) == (2, 29)))
        groups = customers.retail_group_ids.mapped("name")
        self.assertEqual(set(groups), {"Retail", "Wholesale", "VIP"})

    def test_weeks_of_closed_pos_history_in_every_branch(self):
        today = fields.Date.today()
        for config in self.branches:
            sessions = self.env["pos.session"].search([("config_id", "=", config.id)])
            self.assertGreaterEqual(len(sessions), 3)
            self.assertEqual(set(sessions.mapped("state")), {"closed"})
            orders = sessions.order_ids
            self.assertGreater(len(orders), 50)
            self.assertEqual(set(orders.mapped("state")), {"done"})
            oldest = min(orders.mapped("date_order")).date()
            self.assertLessEqual(oldest, today - timedelta(days=14))
            self.assertTrue(orders.partner_id, "most demo receipts name a customer")
