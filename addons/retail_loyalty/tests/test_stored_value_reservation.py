from datetime import timedelta

from odoo import fields

from .common_stored_value import RetailStoredValueCase


class TestStoredValueReservation(RetailStoredValueCase):
    """What the server does with a Recoin payment whose reservation is missing, expired, spent or
    wrong: the order is kept, the payment is not honoured, a manager is told what is due."""

    def setUp(self):
        super().setUp()
        self.partner = self._customer()
        self._topup(self.partner, 1000000)
        self.card = self._card(self.partner)

    def assertFlagged(self, order, amount, text):
        self.assertEqual(order.state, "paid", "the order is kept")
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertEqual(order.retail_prepaid_amount_due, amount)
        self.assertIn(text, order.retail_prepaid_flag_note)
        self.assertTrue(order.activity_ids, "a manager has a to-do")
        self.assertFalse(order.retail_sv_move_ids.filtered(lambda m: m.kind == "spend"), "nothing was spent")

    def test_offline_payment_without_a_reservation_is_flagged(self):
        order = self._pay(self.partner, 300000, 300000, token=None)
        self.assertFlagged(order, 300000, "without a reservation")
        self.assertEqual(self.card.points, 1500000 + order.retail_sv_accrued)

    def test_offline_double_spend_with_the_same_token_pays_once(self):
        token = self._reserve(self.card, 1500000)["token"]
        first = self._pay(self.partner, 1500000, 1500000, token)
        second = self._pay(self.partner, 1500000, 1500000, token)
        self.assertFalse(first.retail_prepaid_flagged)
        self.assertFlagged(second, 1500000, "already spent")
        spends = self.card.retail_sv_move_ids.filtered(lambda m: m.kind == "spend")
        self.assertEqual(len(spends), 1, "the token was spent exactly once")
        self.assertGreaterEqual(self.card.points, 0)

    def test_offline_orders_without_tokens_never_overdraw(self):
        orders = [self._pay(self.partner, 1500000, 1500000, token=None) for _index in range(2)]
        for order in orders:
            self.assertFlagged(order, 1500000, "without a reservation")
        self.assertEqual(self.card.points, 1500000 + sum(order.retail_sv_accrued for order in orders))

    def test_missing_reservation_is_flagged(self):
        order = self._pay(self.partner, 200000, 200000, token="not-a-token")
        self.assertFlagged(order, 200000, "no reservation has this token")

    def test_expired_reservation_is_flagged_and_frees_the_amount(self):
        token = self._reserve(self.card, 200000)["token"]
        reservation = self.Reservation.search([("token", "=", token)])
        self.env.cr.execute("UPDATE retail_stored_value_reservation SET expires_at = %s WHERE id = %s",
                            [fields.Datetime.now() - timedelta(minutes=1), reservation.id])
        order = self._pay(self.partner, 200000, 200000, token)
        self.assertFlagged(order, 200000, "expired")
        self.assertEqual(reservation.state, "expired")
        self.assertEqual(self.card.retail_sv_reserved, 0)

    def test_amount_mismatch_is_flagged_and_releases_the_reservation(self):
        token = self._reserve(self.card, 200000)["token"]
        order = self._pay(self.partner, 300000, 300000, token)
        self.assertFlagged(order, 300000, "was for 200,000")
        self.assertEqual(self.Reservation.search([("token", "=", token)]).state, "released")
        self.assertEqual(self.card.retail_sv_reserved, 0)

    def test_released_reservation_cannot_be_spent(self):
        token = self._reserve(self.card, 200000)["token"]
        self.assertTrue(self.Reservation.retail_pos_release(token))
        self.assertEqual(self.card.retail_sv_reserved, 0)
        self.assertFalse(self.Reservation.retail_pos_release(token), "released once")
        order = self._pay(self.partner, 200000, 200000, token)
        self.assertFlagged(order, 200000, "Released")

    def test_scheduled_job_expires_stale_reservations(self):
        stale = self._reserve(self.card, 100000)["token"]
        fresh = self._reserve(self.card, 50000)["token"]
        self.env.cr.execute("UPDATE retail_stored_value_reservation SET expires_at = %s WHERE token = %s",
                            [fields.Datetime.now() - timedelta(minutes=1), stale])
        self.assertEqual(self.Reservation._cron_expire_reservations(), 1)
        states = {r.token: r.state for r in self.Reservation.search([("token", "in", (stale, fresh))])}
        self.assertEqual(states, {stale: "expired", fresh: "reserved"})
        self.assertEqual(self.card.retail_sv_reserved, 50000)
        self.assertEqual(self.card.retail_sv_available, 1450000)

    def test_reservation_of_another_programs_card_is_refused_at_a_branch_without_it(self):
        other_branch = self.env.ref("retail_crm.demo_pos_cau_giay")
        other_branch.with_context(bypass_payment_method_ids_forbidden_change=True).payment_method_ids = [
            (3, self.recoin.id)]
        with self.assertRaisesRegex(Exception, "takes no Recoin"):
            self.Reservation.retail_pos_reserve(self.card.id, 1000, "x", other_branch.id)
