from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common_suggestion import RetailSuggestionCase


@tagged("post_install", "-at_install")
class TestProductSuggestion(RetailSuggestionCase):
    """One customer's short list: tea bought every five days (due again), cake on two bills lately
    (not due), honey once; rules from what they bought towards what they never bought."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now().replace(microsecond=0)
        names = {
            "tea": "Test tea", "cake": "Test cake", "honey": "Test honey", "jam": "Test old jam",
            "teapot": "Test teapot", "spoon": "Test spoon", "retired": "Test retired tea",
            "unsellable": "Test unsellable cup", "back_office": "Test back office item", "sugar": "Test sugar",
            "other_shop": "Test other shop mug",
        }
        cls.products = {key: cls._goods_for_sale(name) for key, name in names.items()}
        cls.card_type = cls.env["retail.product.card.type"].create({
            "name": "Test 10 teas", "company_id": cls.company.id, "price": 900000,
            "line_ids": [Command.create({"product_id": cls.products["tea"].id, "quantity": 10})],
        })
        cls.customer = cls.env["res.partner"].create({"name": "Test suggestion customer"})
        p = cls.products
        cls._buy(cls.customer, [
            (16, [p["tea"], p["retired"], cls.card_type.product_id]),
            (11, [p["tea"], p["honey"], p["retired"], cls.card_type.product_id]),
            (6, [p["tea"]]),
            (3, [p["cake"]]),
            (1, [p["cake"]]),
            # three months ago: bought then, not one of their habits now
            (95, [p["jam"]]),
            (90, [p["jam"]]),
        ])
        p["retired"].sale_ok = False
        (p["unsellable"] | p["other_shop"]).sale_ok = False
        p["back_office"].available_in_pos = False
        rule = cls._rule
        rule(p["tea"], p["teapot"], 0.5, 2.0)
        rule(p["honey"], p["spoon"], 0.4, 1.5)
        rule(p["cake"], p["teapot"], 0.3, 1.2)
        rule(p["tea"], p["cake"], 0.9, 3.0)  # already bought
        rule(p["tea"], p["jam"], 0.9, 3.0)  # bought long ago: not new to them
        rule(p["tea"], p["unsellable"], 0.9, 3.0)
        rule(p["honey"], p["back_office"], 0.9, 3.0)
        rule(p["tea"], p["sugar"], 0.9, 0.8)  # tea makes sugar less likely
        cls.env["retail.product.association"].create({
            "company_id": cls.env.ref("base.main_company").id, "antecedent_id": p["tea"].id,
            "consequent_id": p["other_shop"].id, "confidence": 0.9, "lift": 3.0, "score": 2.7,
        })

    @classmethod
    def _buy(cls, partner, bills):
        """Bills [(days ago, products)] of the customer, one unit each at 50,000 ₫."""
        for days, products in bills:
            cls._sell_bill(partner, [(product, 1, 50000) for product in products], cls.now - timedelta(days=days))

    def _listed(self, suggestions):
        names = {product.id: key for key, product in self.products.items()}
        return [(names[suggestion["product_id"]], suggestion["kind"], suggestion["due"]) for suggestion in suggestions]

    def test_repeat_purchases_and_rules_towards_products_never_bought(self):
        suggestions = self.customer._retail_portal_product_suggestions()

        self.assertEqual(self._listed(suggestions), [
            ("tea", "repeat", True),
            ("teapot", "association", False),
            ("cake", "repeat", False),
            ("spoon", "association", False),
        ], "due first, then the best rule and the other repeat purchases in turn")
        reasons = [suggestion["reason"] for suggestion in suggestions]
        self.assertEqual(reasons, [
            "Bought regularly, about every 5 days: due again",
            "Customers who buy Test tea also buy this",
            "Bought regularly: on 2 bills",
            "Customers who buy Test honey also buy this",
        ])
        self.assertEqual(suggestions[1]["name"], "Test teapot")

    def test_till_suggests_what_it_sells_and_a_short_list(self):
        till = self.env["res.partner"].retail_pos_product_suggestions
        # the demo branch sells the categories it lists
        self.assertTrue(self.branch.limit_categories)
        for product in self.products.values():
            product.pos_categ_ids = self.branch.iface_available_categ_ids[:1]
        self.assertEqual(self._listed(till(self.customer.id, self.branch.id)), [
            ("tea", "repeat", True), ("teapot", "association", False), ("cake", "repeat", False),
            ("spoon", "association", False),
        ])
        self.assertEqual(len(till(self.customer.id, self.branch.id, limit=2)), 2)

        # a branch without an open session, selling only the tea corner
        tea_shop = self.env.ref("retail_crm.demo_pos_cau_giay")
        tea_corner = self.env["pos.category"].create({"name": "Test tea corner"})
        (self.products["tea"] | self.products["teapot"]).pos_categ_ids |= tea_corner
        tea_shop.write({"limit_categories": True, "iface_available_categ_ids": [Command.set(tea_corner.ids)]})
        self.assertEqual(self._listed(till(self.customer.id, tea_shop.id)), [
            ("tea", "repeat", True), ("teapot", "association", False),
        ], "only products this till sells")

    def test_no_history_no_suggestion(self):
        newcomer = self.env["res.partner"].create({"name": "Test newcomer"})
        self.assertEqual(newcomer._retail_portal_product_suggestions(), [])
        self.assertEqual(self.env["res.partner"].retail_pos_product_suggestions(newcomer.id, self.branch.id), [])

    def test_as_many_queries_for_a_long_history(self):
        regular = self.env["res.partner"].create({"name": "Test regular customer"})
        p = self.products
        self._buy(regular, [(day, [p["tea"], p["honey"], p["cake"]]) for day in range(1, 29)])

        def queries(partner):
            self.env.invalidate_all()
            partner._retail_portal_product_suggestions()  # warm the registry caches
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partner._retail_portal_product_suggestions()
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries(regular), queries(self.customer), "a few queries, however long the history")
        self.assertLessEqual(queries(regular), 8)
