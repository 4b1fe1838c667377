from datetime import timedelta
from uuid import uuid4

from odoo import Command, fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPosSuggestionTour(HttpCase):
    """A regular at the demo shop's till: beer every ten days, due again today; beer drinkers take
    roasted peanuts with it. Their bills are in Quận 1, the till is Hoàn Kiếm (same shop)."""

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        self.company = self.config.company_id
        self.env = self.env(context=dict(self.env.context, allowed_company_ids=self.company.ids))
        # every customer of the test can be picked from the till's customer list
        self.env["ir.config_parameter"].sudo().set_param("point_of_sale.limited_customer_count", 5000)
        self.beer = self.env.ref("retail_crm.demo_product_beer_hanoi")
        self.peanuts = self.env.ref("retail_crm.demo_product_food_peanuts")
        self.customer = self.env["res.partner"].create({"name": "Tour Khách Quen Gợi Ý", "company_id": self.company.id})
        branch = self.env.ref("retail_crm.demo_pos_quan_1")
        session = branch.current_session_id or self.env["pos.session"].create(
            {"config_id": branch.id, "user_id": self.env.uid})
        now = fields.Datetime.now()
        for days in (20, 10):
            self._sell(session, self.customer, [self.beer], now - timedelta(days=days))
        for hours in range(12, 12 * 16, 12):
            self._sell(session, False, [self.beer, self.peanuts], now - timedelta(hours=hours))
        self.env["retail.product.association"]._retail_compute(self.company)

    def _sell(self, session, partner, products, date):
        amount = sum(product.lst_price for product in products)
        uuid = str(uuid4())
        self.env["pos.order"].sync_from_ui([{
            "amount_paid": amount, "amount_return": 0, "amount_tax": 0, "amount_total": amount,
            "date_order": fields.Datetime.to_string(date), "fiscal_position_id": False,
            "pricelist_id": session.config_id.pricelist_id.id, "name": f"Order {uuid}",
            "last_order_preparation_change": "{}", "partner_id": partner.id if partner else False,
            "session_id": session.id, "sequence_number": 1, "uuid": uuid, "user_id": self.env.uid,
            "to_invoice": False, "state": "paid",
            "lines": [Command.create({
                "product_id": product.id, "qty": 1, "price_unit": product.lst_price, "discount": 0,
                "price_subtotal": product.lst_price, "price_subtotal_incl": product.lst_price,
                "tax_ids": [Command.set([])], "pack_lot_ids": [],
            }) for product in products],
            "payment_ids": [Command.create({
                "amount": amount, "name": fields.Datetime.now(),
                "payment_method_id": session.config_id.payment_method_ids.filtered("is_cash_count")[:1].id,
            })],
        }])

    def test_suggestions_appear_when_the_customer_is_set_and_a_tap_adds_the_product(self):
        suggestions = self.env["res.partner"].retail_pos_product_suggestions(self.customer.id, self.config.id)
        self.assertEqual([(s["product_id"], s["kind"], s["due"]) for s in suggestions[:2]], [
            (self.beer.id, "repeat", True), (self.peanuts.id, "association", False)])
        previous = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_product_suggestion_tour", login="admin")

        order = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.lines.product_id, self.peanuts, "the suggestion tapped, once")
        self.assertEqual(order.lines.qty, 1)

    def test_offline_till_shows_no_suggestion_and_keeps_selling(self):
        previous = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_product_suggestion_offline_tour",
                        login="admin")

        order = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous
        self.assertEqual((order.state, order.partner_id, order.lines.product_id),
                         ("paid", self.customer, self.peanuts))
