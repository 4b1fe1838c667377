from datetime import timedelta

from freezegun import freeze_time

from odoo import api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import race_two_tills
from .common_product_card import RetailProductCardCase


@tagged("post_install", "-at_install")
class TestProductCardReservation(RetailProductCardCase):

    def setUp(self):
        super().setUp()
        _order, self.card = self._buy_card()

    def test_per_visit_limit_per_product_counts_this_orders_reservations(self):
        self._reserve(self.card, self.beer, 2, uuid="visit")
        with self.assertRaisesRegex(UserError, "3 Test beer 330ml unit"):
            self._reserve(self.card, self.beer, 2, uuid="visit")
        self._reserve(self.card, self.beer, 1, uuid="visit")
        self._reserve(self.card, self.beer, 3, uuid="another visit")  # a new visit starts again

    def test_per_visit_limit_for_the_whole_card(self):
        self.card_type.max_units_per_visit = 3
        self._reserve(self.card, self.beer, 2, uuid="visit")
        self._reserve(self.card, self.massage, 1, uuid="visit")
        with self.assertRaisesRegex(UserError, "allows 3 unit"):
            self._reserve(self.card, self.beer, 1, uuid="visit")

    def test_consumed_units_count_for_the_visit_too(self):
        order, _token = self._use(self.card, self.beer, qty=3, uuid="same-visit")
        self.assertFalse(order.retail_prepaid_flagged)
        with self.assertRaisesRegex(UserError, "per visit"):
            self._reserve(self.card, self.beer, 1, uuid="same-visit")

    def test_reserved_units_are_not_available_to_another_till(self):
        self._reserve(self.card, self.massage, 1, uuid="till-1")
        self._reserve(self.card, self.massage, 1, uuid="till-2")
        with self.assertRaisesRegex(UserError, "0 Test massage"):
            self._reserve(self.card, self.massage, 1, uuid="till-3")

    def test_released_units_come_back(self):
        token = self._reserve(self.card, self.massage, 1, uuid="till-1")["token"]
        self._reserve(self.card, self.massage, 1, uuid="till-2")
        self.assertTrue(self.env["retail.product.card.reservation"].with_user(self.cashier).retail_pos_release(token))
        self._reserve(self.card, self.massage, 1, uuid="till-3")
        self.assertFalse(self.env["retail.product.card.reservation"].with_user(self.cashier).retail_pos_release(token),
                         "releasing twice changes nothing")

    def test_reservation_is_consumed_exactly_once(self):
        token = self._reserve(self.card, self.beer, 1, uuid="order-a")["token"]
        first = self._sync(self.customer, [{"product": self.beer, "qty": 1, "token": token}], uuid="order-a")
        self.assertFalse(first.retail_prepaid_flagged)
        # the same token arrives again on another order (a till duplicated the order)
        second = self._sync(self.customer, [{"product": self.beer, "qty": 1, "token": token}], uuid="order-b")
        self.assertTrue(second.retail_prepaid_flagged, "kept, but the unit is not honoured twice")
        self.assertEqual(second.state, "paid")
        self.assertEqual(second.retail_prepaid_amount_due, 6000, "due at the card's unit value")
        self.assertIn("already used", second.retail_prepaid_flag_note)
        self.assertFalse(second.retail_product_card_move_ids)
        self.assertEqual(self._remaining(self.card, self.beer)[0], 9, "one unit taken, not two")
        self.assertTrue(second.activity_ids, "a manager has a to-do")

    def test_same_order_synced_twice_consumes_once(self):
        token = self._reserve(self.card, self.beer, 2, uuid="order-a")["token"]
        data = self._order_lines_data(self.customer, [{"product": self.beer, "qty": 2, "token": token}], uuid="order-a")
        self.env["pos.order"].sync_from_ui([data])
        self.env["pos.order"].sync_from_ui([dict(data)])
        self.assertEqual(self._remaining(self.card, self.beer)[0], 8)
        order = self.env["pos.order"].search([("uuid", "=", "order-a")])
        self.assertEqual(len(order), 1)
        self.assertFalse(order.retail_prepaid_flagged)

    def test_expired_reservation_is_flagged_not_honoured(self):
        now = fields.Datetime.now()
        token = self._reserve(self.card, self.beer, 1, uuid="slow")["token"]
        with freeze_time(now + timedelta(hours=13)):
            order = self._sync(self.customer, [{"product": self.beer, "qty": 1, "token": token}], uuid="slow")
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertIn("expired", order.retail_prepaid_flag_note)
        self.assertEqual(self._remaining(self.card, self.beer)[0], 10)

    def test_missing_and_released_reservations_are_flagged(self):
        order = self._sync(self.customer, [{"product": self.beer, "qty": 1, "token": "no-such-token"}])
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertEqual(order.retail_prepaid_amount_due, self.beer.lst_price, "no card known: at list price")
        token = self._reserve(self.card, self.beer, 1, uuid="gone")["token"]
        self.env["retail.product.card.reservation"].with_user(self.cashier).retail_pos_release(token)
        order = self._sync(self.customer, [{"product": self.beer, "qty": 1, "token": token}], uuid="gone")
        self.assertIn("released", order.retail_prepaid_flag_note)

    def test_reservation_cron_frees_units_not_synced_in_time(self):
        token = self._reserve(self.card, self.massage, 1, uuid="left-open")["token"]
        self._reserve(self.card, self.massage, 1, uuid="left-open-2")
        reservations = self.env["retail.product.card.reservation"]
        with freeze_time(fields.Datetime.now() + timedelta(hours=13)):
            reservations._cron_expire()
        self.assertEqual(reservations.search([("token", "=", token)]).state, "expired")
        self._reserve(self.card, self.massage, 1, uuid="next")

    def test_till_of_another_company_cannot_reserve(self):
        other_config = self.env["pos.config"].sudo().search([("company_id", "!=", self.company.id)], limit=1)
        if not other_config:
            self.skipTest("no till of another company in this database")
        other_config.company_id.sudo().write({"user_ids": [(4, self.manager.id)]})
        with self.assertRaises(UserError):
            self.env["retail.product.card.reservation"].with_user(self.manager).retail_pos_reserve(
                self.card.id, self.beer.id, 1, "x", other_config.id)


@tagged("post_install", "-at_install")
class TestProductCardReservationRace(TransactionCase):
    """Two tills take the last unit of the same card at the same moment, each on its own database
    connection: exactly one gets it, the other is refused, and nothing is lost."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            card_type = env.ref("retail_loyalty.demo_product_card_type_spa10", raise_if_not_found=False) or \
                env["retail.product.card.type"].search([], limit=1)
            partner = env["res.partner"].search([("company_id", "=", card_type.company_id.id)], limit=1)
            card = env["retail.product.card"]._retail_issue(card_type, partner, free=True, reason="race test")
            product = card_type.line_ids[:1].product_id
            units = card._retail_remaining()[(card.id, product.id)][0]
            env["retail.product.card.move"].create({
                "kind": "adjust", "card_id": card.id, "product_id": product.id, "quantity": 1 - units,
                "reason": "race test: one unit left"})
            config = env["pos.config"].search([("company_id", "=", card_type.company_id.id)], limit=1)
            self.card_id, self.product_id, self.config_id = card.id, product.id, config.id
            self.cashier_id = env.ref("base.user_admin").id
            self.company_id = card_type.company_id.id
        self.addCleanup(self._remove_card)

    def _remove_card(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM retail_product_card_reservation WHERE card_id = %s", [self.card_id])
            cr.execute("DELETE FROM retail_product_card_move WHERE card_id = %s", [self.card_id])
            cr.execute("DELETE FROM mail_message WHERE model = 'retail.product.card' AND res_id = %s", [self.card_id])
            cr.execute("DELETE FROM retail_product_card WHERE id = %s", [self.card_id])

    def test_two_connections_race_for_the_last_unit(self):
        results, _hung = race_two_tills(
            self.registry, self.cashier_id, self.company_id,
            lambda env, till: env["retail.product.card.reservation"].retail_pos_reserve(
                self.card_id, self.product_id, 1, f"order-{till}", self.config_id))
        self.assertEqual(len(results), 2, results)
        won = [result for result in results.values() if isinstance(result, dict)]
        lost = [result for result in results.values() if isinstance(result, UserError)]
        self.assertEqual((len(won), len(lost)), (1, 1), results)
        self.assertIn("0", str(lost[0]), "the loser is told nothing is available")
        with self.registry.cursor() as cr:
            cr.execute("SELECT COUNT(*) FROM retail_product_card_reservation WHERE card_id = %s AND state = 'reserved'",
                       [self.card_id])
            self.assertEqual(cr.fetchone()[0], 1, "one reservation, the last unit held once")
