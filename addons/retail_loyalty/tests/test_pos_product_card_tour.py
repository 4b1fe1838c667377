from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPosProductCardTour(HttpCase):
    """At the demo shop's till: sell a beer card, then redeem one beer from it on a later order at
    price 0; the beer leaves the branch's stock as a normal sale."""

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        self.company = self.config.company_id
        self.env["retail.member.day"].search([]).write({"active": False})
        self.beer = self.env.ref("retail_crm.demo_product_beer_hanoi")
        self.card_type = self.env["retail.product.card.type"].create({
            "name": "Tour beer card 20", "company_id": self.company.id, "price": 350000,
            "validity_number": 6, "validity_unit": "months",
            "line_ids": [Command.create({"product_id": self.beer.id, "quantity": 20, "max_per_visit": 6,
                                         "extra_allowed": True, "extra_price": 17000})],
        })
        self.card_type.product_id.write({
            "taxes_id": [Command.clear()],
            "pos_categ_ids": [Command.set(self.env.ref("retail_crm.demo_pos_category_beer").ids)],
        })
        self.partner = self.env["res.partner"].create({"name": "Tour Product Card Lê Văn Bia",
                                                       "company_id": self.company.id})
        self.env["retail.member.card"].create({
            "barcode": "RM-PC-TOUR-01", "partner_id": self.partner.id, "company_id": self.company.id})
        self.stock_location = self.config.picking_type_id.default_location_src_id

    def _beer_stock(self):
        return self.beer.with_context(location=self.stock_location.id).qty_available

    def test_sell_a_product_card_then_redeem_one_unit_at_price_zero(self):
        stock_before = self._beer_stock()
        previous_orders = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_product_card_tour", login="admin")

        orders = self.env["pos.order"].search([("config_id", "=", self.config.id)], order="id") - previous_orders
        self.assertEqual(len(orders), 2)
        sale, use = orders
        card = self.env["retail.product.card"].search([("order_id", "=", sale.id)])
        self.assertEqual((len(card), card.partner_id, card.type_id), (1, self.partner, self.card_type))
        self.assertEqual(sum(card.move_ids.filtered(lambda move: move.kind == "sale").mapped("value")), 350000,
                         "the card's liability is what the till took for it")
        self.assertEqual(card.remaining_value, 350000 - 17500 + 34000)
        self.assertEqual(use.amount_total, 34000, "the beer used is free, the two extra beers cost 17,000 each")
        use_line = use.lines.filtered(lambda line: line.product_id == self.beer)
        self.assertEqual(use_line.price_unit, 0)
        self.assertTrue(use_line.retail_product_card_token)
        self.assertFalse(use.retail_prepaid_flagged)
        moves = use.retail_product_card_move_ids
        used = moves.filtered(lambda move: move.kind == "use")
        self.assertEqual((used.card_id, used.quantity, used.value), (card, -1, -17500))
        extra = moves.filtered(lambda move: move.kind == "extra")
        self.assertEqual((extra.card_id, extra.product_id, extra.quantity, extra.value), (card, self.beer, 2, 34000))
        self.assertEqual(card._retail_remaining()[(card.id, self.beer.id)][0], 21)
        self.assertEqual(use.picking_ids.state, "done")
        self.assertEqual(self._beer_stock(), stock_before - 1, "the beer used left the branch's stock")
        reservation = self.env["retail.product.card.reservation"].search(
            [("token", "=", use_line.retail_product_card_token)])
        self.assertEqual((reservation.state, reservation.order_id), ("consumed", use))
        released = self.env["retail.product.card.reservation"].search(
            [("card_id", "=", card.id), ("kind", "=", "use"), ("state", "=", "released")])
        self.assertEqual(len(released), 1, "the line removed at the till gave its unit back")
