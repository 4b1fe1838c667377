from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_product_card import RetailProductCardCase


@tagged("post_install", "-at_install")
class TestProductCard(RetailProductCardCase):

    def test_type_allocates_price_over_units_by_standalone_value(self):
        # 10 beers at 20,000 and 2 massages at 400,000: 200,000 + 800,000 standalone, price 300,000
        self.assertAlmostEqual(self.beer_line.unit_value, 6000)
        self.assertAlmostEqual(self.massage_line.unit_value, 120000)
        shares = self.card_type._retail_allocate(100001)
        self.assertEqual(sum(shares.values()), 100001, "the shares add up to what was paid, to the đồng")
        self.assertTrue(self.card_product.retail_no_points and self.card_product.retail_no_member_discount,
                        "a card sold is prepaid value: no points, no tier discount")
        self.assertTrue(self.card_product.retail_is_product_card)

    def test_selling_the_type_product_issues_one_card_per_unit_with_its_units(self):
        order, cards = self._buy_card(qty=2)
        self.assertEqual(len(cards), 2, "one card per unit of quantity sold")
        for card in cards:
            self.assertEqual((card.partner_id, card.type_id, card.state, card.is_free),
                             (self.customer, self.card_type, "active", False))
            self.assertEqual(card.expiry_date, card.issue_date + timedelta(days=30))
            self.assertEqual(self._remaining(card, self.beer), (10, 60000))
            self.assertEqual(self._remaining(card, self.massage), (2, 240000))
            self.assertEqual(card.remaining_value, 300000, "the liability is what was paid for the card")
        sale_moves = cards.move_ids
        self.assertEqual(set(sale_moves.mapped("kind")), {"sale"})
        self.assertEqual(sale_moves.order_id, order)
        self.assertEqual(sale_moves.branch_id, self.branch)
        self.assertEqual(sum(sale_moves.mapped("value")), 600000)
        self.assertTrue(all(move.value == move.quantity * move.unit_value for move in sale_moves))
        self.assertFalse(order.retail_points_move_ids.filtered(lambda move: move.points),
                         "buying a card earns no points")

    def test_card_sold_at_a_discount_carries_what_was_paid(self):
        _order, card = self._buy_card(price=240000)
        self.assertEqual(card.remaining_value, 240000)
        self.assertEqual(self._remaining(card, self.beer), (10, 48000))

    def test_syncing_the_sale_again_issues_no_second_card(self):
        data = self._order_lines_data(self.customer, [{"product": self.card_product, "qty": 1, "price": 300000}])
        self.env["pos.order"].sync_from_ui([data])
        self.env["pos.order"].sync_from_ui([dict(data)])
        self.assertEqual(self.env["retail.product.card"].search_count([("partner_id", "=", self.customer.id)]), 1)

    def test_use_at_price_zero_moves_stock_and_recognises_unit_value(self):
        _order, card = self._buy_card()
        stock_before = self._stock(self.beer)
        order, _token = self._use(card, self.beer, qty=2)
        line = order.lines
        self.assertEqual((line.price_unit, line.price_subtotal_incl, order.amount_total), (0, 0, 0))
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual(self._remaining(card, self.beer), (8, 48000))
        use = order.retail_product_card_move_ids
        self.assertEqual((use.kind, use.quantity, use.value, use.cost_value), ("use", -2, -12000, 0))
        self.assertEqual(use.order_line_id, line)
        self.assertEqual(order.picking_ids.state, "done", "a use is a normal sale: the POS picking is done")
        self.assertEqual(order.picking_ids.move_ids.product_id, self.beer)
        self.assertEqual(self._stock(self.beer), stock_before - 2, "the beers left the shop's stock")
        self.assertEqual(order.retail_product_card_receipt,
                         [{"code": card.code, "product": self.beer.display_name, "remaining": 8}])

    def test_last_units_take_the_rounding_left(self):
        _order, card = self._buy_card(price=100001)
        value = self._remaining(card, self.massage)[1]
        self._use(card, self.massage)
        self._use(card, self.massage)
        self.assertEqual(self._remaining(card, self.massage), (0, 0.0))
        uses = card.move_ids.filtered(lambda move: move.kind == "use")
        self.assertEqual(-sum(uses.mapped("value")), value, "a card used up owes nothing")

    def test_free_card_carries_no_liability_and_uses_cost_the_product(self):
        wizard = self.env["retail.product.card.give"].with_user(self.manager).create({
            "type_id": self.card_type.id, "partner_id": self.customer.id, "company_id": self.company.id,
            "reason": "Grand opening",
        })
        action = wizard.action_give()
        card = self.env["retail.product.card"].browse(action["res_id"])
        self.assertTrue(card.is_free)
        self.assertEqual(set(card.move_ids.mapped("kind")), {"gift"})
        self.assertEqual(card.remaining_value, 0, "no liability on a free card")
        self.assertEqual(card.move_ids.user_id, self.manager)
        self.assertEqual(self._remaining(card, self.beer), (10, 0))
        order, _token = self._use(card, self.beer, qty=2)
        use = order.retail_product_card_move_ids
        self.assertEqual((use.value, use.cost_value), (0, 24000), "a marketing expense at product cost")
        refund = self._sync(self.customer, [{"product": self.beer, "qty": -1, "refunded_line": order.lines}])
        back = refund.retail_product_card_move_ids
        self.assertEqual((back.kind, back.quantity, back.value, back.cost_value), ("refund", 1, 0, -12000))

    def test_only_managers_give_free_cards(self):
        wizard = self.env["retail.product.card.give"].with_user(self.manager).create({
            "type_id": self.card_type.id, "partner_id": self.customer.id, "reason": "Gesture"})
        with self.assertRaises(AccessError):
            wizard.with_user(self.cashier).action_give()

    def test_retail_pos_cards_lists_units_left_without_preloading(self):
        _order, card = self._buy_card()
        self._use(card, self.beer, qty=3)
        self._reserve(card, self.beer, 1, uuid="open-order")
        cards = self.env["retail.product.card"].with_user(self.cashier).retail_pos_cards(
            self.customer.id, self.branch.id, order_uuid="open-order")
        self.assertEqual(len(cards), 1)
        listed = cards[0]
        self.assertEqual((listed["card_id"], listed["code"], listed["per_visit"], listed["used_this_visit"]),
                         (card.id, card.code, 4, 1))
        beer = next(product for product in listed["products"] if product["product_id"] == self.beer.id)
        self.assertEqual((beer["remaining"], beer["available"], beer["per_visit"], beer["used_this_visit"]),
                         (7, 6, 3, 1))
        self.assertEqual((beer["extra_allowed"], beer["extra_price"]), (True, 9000))
        other = self._member("Khách không có thẻ")
        self.assertEqual(self.env["retail.product.card"].with_user(self.cashier).retail_pos_cards(
            other.id, self.branch.id), [])
        self.assertNotIn("retail.product.card", self.env["pos.session"]._load_pos_data_models(self.branch.id),
                         "cards are fetched on demand, never loaded with the till")

    def test_extra_units_at_the_preset_price_for_a_card_holder(self):
        _order, card = self._buy_card()
        quote = self.env["retail.product.card.reservation"].with_user(self.cashier).retail_pos_extra(
            card.id, self.beer.id, 5, "visit-extra", self.branch.id)
        self.assertEqual((quote["price_unit"], quote["product_id"], quote["quantity"]), (9000, self.card_product.id, 5))
        order = self._sync(self.customer, [
            {"product": self.card_product, "qty": 5, "price": 9000, "token": quote["token"]}], uuid="visit-extra")
        self.assertEqual(order.amount_total, 45000)
        extra = order.retail_product_card_move_ids
        self.assertEqual((extra.kind, extra.card_id, extra.product_id, extra.quantity, extra.value),
                         ("extra", card, self.beer, 5, 45000))
        self.assertEqual(self._remaining(card, self.beer), (15, 105000))
        self.assertEqual(self.env["retail.product.card"].search_count([("partner_id", "=", self.customer.id)]), 1,
                         "extra units go on the card held, no new card")
        with self.assertRaisesRegex(UserError, "no extra units"):
            self.env["retail.product.card.reservation"].with_user(self.cashier).retail_pos_extra(
                card.id, self.massage.id, 1, "visit-extra", self.branch.id)

    def test_ledger_is_append_only(self):
        _order, card = self._buy_card()
        move = card.move_ids[:1]
        with self.assertRaises(UserError):
            move.write({"quantity": 99})
        with self.assertRaises(UserError):
            move.unlink()
        with self.assertRaises(ValidationError):
            self.env["retail.product.card.move"].with_user(self.manager).create({
                "kind": "use", "card_id": card.id, "product_id": self.beer.id, "quantity": -1})

    def test_remaining_units_never_go_negative(self):
        _order, card = self._buy_card()
        with self.assertRaisesRegex(ValidationError, "no .* units left"):
            self.env["retail.product.card.move"].sudo().create({
                "kind": "use", "card_id": card.id, "product_id": self.massage.id, "quantity": -3})

    def test_manual_correction_needs_manager_or_accountant_and_reason(self):
        _order, card = self._buy_card()
        wizard_model = self.env["retail.product.card.adjust"]
        with self.assertRaises(AccessError):
            wizard_model.with_user(self.cashier).create({
                "card_id": card.id, "product_id": self.beer.id, "quantity": 1, "reason": "x"})
        wizard = wizard_model.with_user(self.manager).create({
            "card_id": card.id, "product_id": self.beer.id, "quantity": -2, "reason": "Broken cans replaced"})
        self.assertEqual(wizard.remaining, 10)
        wizard.action_confirm()
        adjust = card.move_ids.filtered(lambda move: move.kind == "adjust")
        self.assertEqual((adjust.quantity, adjust.value, adjust.user_id, adjust.reason),
                         (-2, -12000, self.manager, "Broken cans replaced"))
        with self.assertRaises(ValidationError):
            self.env["retail.product.card.move"].with_user(self.manager).create({
                "kind": "adjust", "card_id": card.id, "product_id": self.beer.id, "quantity": 1, "reason": " "})
        wizard_model.with_user(self.chief_accountant).create({
            "card_id": card.id, "product_id": self.beer.id, "quantity": 1, "reason": "Count"}).action_confirm()
        self.assertEqual(self._remaining(card, self.beer)[0], 9)

    def test_blocking_needs_a_manager_and_stops_use(self):
        _order, card = self._buy_card()
        with self.assertRaises(AccessError):
            card.with_user(self.cashier).action_block()
        with self.assertRaises(UserError):
            card.with_user(self.manager).action_block()  # no reason
        card.with_user(self.manager).write({"block_reason": "Reported stolen"})
        card.with_user(self.manager).action_block()
        self.assertEqual(card.state, "blocked")
        with self.assertRaisesRegex(UserError, "blocked"):
            self._reserve(card, self.beer)
        self.assertEqual(self.env["retail.product.card"].with_user(self.cashier).retail_pos_cards(
            self.customer.id, self.branch.id), [])
        card.with_user(self.manager).action_unblock()
        self.assertEqual(card.state, "active")

    def test_read_access_for_analysts_and_accountants_only(self):
        _order, card = self._buy_card()
        for user in (self.analyst, self.accountant):
            self.assertTrue(card.with_user(user).move_ids.read(["value"]))
            self.assertTrue(card.with_user(user).balance_ids.read(["remaining"]))
            with self.assertRaises(AccessError):
                card.with_user(user).write({"partner_id": False})
        with self.assertRaises(UserError):
            self.env["retail.product.card.move"].with_user(self.cashier).create({
                "kind": "adjust", "card_id": card.id, "product_id": self.beer.id, "quantity": 1, "reason": "x"})
        with self.assertRaises(AccessError):
            self.env["retail.product.card"].with_user(self.analyst).retail_pos_cards(self.customer.id, self.branch.id)

    def test_expiry_writes_off_units_past_validity(self):
        _order, card = self._buy_card()
        self._use(card, self.beer, qty=1)
        token = self._reserve(card, self.beer, 1, uuid="late")["token"]
        cards_model = self.env["retail.product.card"]
        self.assertFalse(cards_model._cron_expire(today=card.expiry_date), "valid through its last day")
        with freeze_time(card.expiry_date + timedelta(days=1)):
            cards_model._cron_expire()
        self.assertEqual(card.state, "expired")
        expiry = card.move_ids.filtered(lambda move: move.kind == "expiry")
        self.assertEqual(sorted(expiry.mapped("quantity")), [-9, -2])
        self.assertEqual(-sum(expiry.mapped("value")), 300000 - 6000)
        self.assertEqual(card.remaining_units, 0)
        self.assertEqual(card.remaining_value, 0)
        reservation = self.env["retail.product.card.reservation"].search([("token", "=", token)])
        self.assertEqual(reservation.state, "expired")
        self.assertFalse(cards_model._cron_expire(today=card.expiry_date + timedelta(days=2)), "written off once")

    def test_refunding_a_use_returns_the_unit(self):
        _order, card = self._buy_card()
        order, _token = self._use(card, self.beer, qty=2)
        stock = self._stock(self.beer)
        refund = self._sync(self.customer, [{"product": self.beer, "qty": -1, "refunded_line": order.lines}])
        back = refund.retail_product_card_move_ids
        self.assertEqual((back.kind, back.quantity, back.value), ("refund", 1, 6000))
        self.assertEqual(self._remaining(card, self.beer), (9, 54000))
        self.assertEqual(self._stock(self.beer), stock + 1, "the beer came back to stock")
        refund2 = self._sync(self.customer, [{"product": self.beer, "qty": -2, "refunded_line": order.lines}])
        self.assertEqual(refund2.retail_product_card_move_ids.quantity, 1, "never more than the line used")
        self.assertEqual(self._remaining(card, self.beer)[0], 10)

    def test_refunding_a_card_sale_takes_back_remaining_units(self):
        order, card = self._buy_card()
        self._use(card, self.massage)
        refund = self._sync(self.customer, [
            {"product": self.card_product, "qty": -1, "price": 300000, "refunded_line": order.lines}])
        self.assertEqual(card.state, "refunded")
        self.assertEqual(card.remaining_units, 0)
        self.assertEqual(card.remaining_value, 0)
        self.assertEqual(set(refund.retail_product_card_move_ids.mapped("kind")), {"refund"})
        self.assertTrue(refund.retail_prepaid_flagged, "the massage used was refunded with the card")
        self.assertEqual(refund.retail_prepaid_amount_due, 120000)

    def test_refunding_extra_units_takes_them_back(self):
        _order, card = self._buy_card()
        quote = self.env["retail.product.card.reservation"].with_user(self.cashier).retail_pos_extra(
            card.id, self.beer.id, 2, "extra", self.branch.id)
        order = self._sync(self.customer, [
            {"product": self.card_product, "qty": 2, "price": 9000, "token": quote["token"]}], uuid="extra")
        self._sync(self.customer, [
            {"product": self.card_product, "qty": -2, "price": 9000, "refunded_line": order.lines}])
        self.assertEqual(self._remaining(card, self.beer)[0], 10)
        self.assertEqual(self.env["retail.product.card"].search_count([("partner_id", "=", self.customer.id)]), 1)

    def test_card_prints_its_code_as_a_barcode(self):
        _order, card = self._buy_card()
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "retail_loyalty.retail_product_card_report", card.ids)
        html = html.decode()
        self.assertIn(card.code, html)
        self.assertIn("<img", html, "the code is printed as a barcode image")

    def test_a_card_line_that_cannot_be_recorded_is_left_to_a_manager(self):
        other_company = self.env["res.company"].create({"name": "Another shop"})
        stranger = self.env["res.partner"].create({"name": "Khách công ty khác", "company_id": other_company.id})
        order = self._sync(stranger, [{"product": self.card_product, "qty": 1, "price": 300000}])
        self.assertEqual(order.state, "paid", "the order is kept")
        self.assertFalse(self.env["retail.product.card"].search([("order_id", "=", order.id)]), "nothing half done")
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertIn("could not be recorded", order.retail_prepaid_flag_note)
