from odoo.exceptions import AccessError, UserError

from .common_stored_value import RetailStoredValueCase


class TestStoredValueBlock(RetailStoredValueCase):
    """A lost, stolen or disputed Recoin card is blocked by a manager or an accountant with a reason:
    its balance stays the customer's, but nobody spends it until it is unblocked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cashier = cls._user("recoin.block.cashier",
                                ["point_of_sale.group_pos_user", "retail_crm.group_retail_user"])
        cls.manager = cls._user("recoin.block.manager", ["retail_crm.group_retail_manager"])
        cls.accountant = cls._user("recoin.block.accountant", ["account.group_account_manager"])

    @classmethod
    def _user(cls, login, groups):
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": login, "login": login, "company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)],
            "groups_id": [(6, 0, [cls.env.ref(group).id for group in ["base.group_user", *groups]])],
        })

    def setUp(self):
        super().setUp()
        self.partner = self._customer()
        self._topup(self.partner, 1000000)
        self.card = self._card(self.partner)

    def _block(self, user, reason="Card reported stolen"):
        action = self.card.with_user(user).action_retail_sv_block()
        self.env[action["res_model"]].with_user(user).with_context(**action["context"]).create(
            {"reason": reason}).action_block()

    def test_cashier_can_neither_block_nor_unblock(self):
        with self.assertRaises(AccessError):
            self.card.with_user(self.cashier).action_retail_sv_block()
        with self.assertRaises(AccessError):
            self.card.with_user(self.cashier)._retail_sv_block("mine")
        with self.assertRaises(AccessError):
            self.card.with_user(self.cashier).retail_sv_block_reason = "mine"
        self._block(self.manager)
        with self.assertRaises(AccessError):
            self.card.with_user(self.cashier).action_retail_sv_unblock()
        self.assertTrue(self.card.retail_sv_blocked)

    def test_blocking_needs_a_reason_and_is_logged_with_the_user(self):
        with self.assertRaisesRegex(UserError, "Say why"):
            self.card.with_user(self.manager)._retail_sv_block("  ")
        self.assertFalse(self.card.retail_sv_blocked)
        self._block(self.manager, "Lost at the spa")
        self.assertTrue(self.card.retail_sv_blocked)
        log = self.card.message_ids[0]
        self.assertIn("blocked by recoin.block.manager", log.body)
        self.assertIn("Lost at the spa", log.body)
        with self.assertRaises(AccessError, msg="the reason of a blocked card is not changed by a cashier"):
            self.card.with_user(self.cashier).retail_sv_block_reason = "found again"

    def test_a_blocked_card_is_not_spent_at_the_till(self):
        self._block(self.accountant)
        info = self.Card.with_user(self.cashier).retail_pos_stored_value(self.partner.id, self.branch.id)
        self.assertTrue(info["blocked"])
        self.assertEqual(info["block_reason"], "Card reported stolen")
        with self.assertRaisesRegex(UserError, "is blocked \\(Card reported stolen\\)"):
            self.Reservation.with_user(self.cashier).retail_pos_reserve(self.card.id, 100000, "uuid-b", self.branch.id)
        self.assertEqual(self.card.retail_sv_reserved, 0)
        self.assertEqual(self.card.points, 1500000, "the balance stays the customer's")

    def test_blocking_releases_held_amounts_and_their_order_is_flagged(self):
        token = self._reserve(self.card, 400000)["token"]
        self.assertEqual(self.card.retail_sv_reserved, 400000)
        self._block(self.manager)
        self.assertEqual(self.card.retail_sv_reserved, 0)
        self.assertEqual(self.Reservation.search([("token", "=", token)]).state, "released")
        order = self._pay(self.partner, 400000, 400000, token)
        self.assertTrue(order.retail_prepaid_flagged, "the order is kept and flagged")
        self.assertEqual(order.retail_prepaid_amount_due, 400000)
        self.assertIn("was blocked before the order arrived", order.retail_prepaid_flag_note)
        self.assertFalse(order.retail_sv_move_ids.filtered(lambda move: move.kind == "spend"))
        self.assertEqual(self.card.points, 1500000 + order.retail_sv_accrued)

    def test_top_ups_still_land_and_unblocking_restores_spending(self):
        self._block(self.manager)
        before = self.card.points
        topup = self._topup(self.partner, 500000)
        credited = sum(topup.retail_sv_move_ids.mapped("amount"))
        self.assertGreaterEqual(credited, 500000, "the money paid is loaded, with its bonus")
        self.assertEqual(self.card.points, before + credited)
        self.card.with_user(self.accountant).action_retail_sv_unblock()
        self.assertFalse(self.card.retail_sv_blocked)
        self.assertFalse(self.card.retail_sv_block_reason)
        self.assertIn("unblocked by recoin.block.accountant", self.card.message_ids[0].body)
        reservation = self.Reservation.with_user(self.cashier).retail_pos_reserve(
            self.card.id, 100000, "uuid-u", self.branch.id)
        self.assertEqual(reservation["amount"], 100000)
