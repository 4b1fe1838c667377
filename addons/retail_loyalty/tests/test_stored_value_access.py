from odoo.exceptions import AccessError, UserError, ValidationError

from .common_stored_value import RetailStoredValueCase


class TestStoredValueAccess(RetailStoredValueCase):
    """Cashiers sell top-ups and spend through the till only; managers and accountants adjust with a
    reason; analysts and read-only accountants read the ledger."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create({"name": "Khách Quyền", "company_id": cls.company.id})
        cls.cashier = cls._make_user("recoin.cashier", ["point_of_sale.group_pos_user", "retail_crm.group_retail_user"])
        cls.manager = cls._make_user("recoin.manager", ["retail_crm.group_retail_manager"])
        cls.accountant = cls._make_user("recoin.accountant", ["account.group_account_manager"])
        cls.analyst = cls._make_user("recoin.analyst", ["retail_crm.group_retail_analyst"])
        cls.auditor = cls._make_user("recoin.auditor", ["account.group_account_readonly"])

    @classmethod
    def _make_user(cls, login, groups):
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": login, "login": login, "company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)],
            "groups_id": [(6, 0, [cls.env.ref(group).id for group in ["base.group_user", *groups]])],
        })

    def setUp(self):
        super().setUp()
        self._topup(self.partner, 1000000)
        self.card = self._card(self.partner)

    def test_cashier_spends_through_the_till_api_only(self):
        Card = self.Card.with_user(self.cashier)
        info = Card.retail_pos_stored_value(self.partner.id, self.branch.id)
        self.assertEqual(info["available"], 1500000)
        reservation = self.Reservation.with_user(self.cashier).retail_pos_reserve(
            self.card.id, 100000, "uuid-1", self.branch.id)
        self.assertTrue(self.Reservation.with_user(self.cashier).retail_pos_release(reservation["token"]))
        with self.assertRaises(UserError):
            self.Move.with_user(self.cashier).create({"card_id": self.card.id, "kind": "adjust", "amount": 1000,
                                                      "reason": "mine"})
        with self.assertRaises(UserError):
            self.card.with_user(self.cashier).points = 5000000
        with self.assertRaises(AccessError):
            self.env["retail.stored.value.adjust"].with_user(self.cashier).create({
                "card_id": self.card.id, "amount": 1000, "reason": "mine"})

    def test_manager_and_accountant_adjust_with_a_reason(self):
        for user in (self.manager, self.accountant):
            self.env["retail.stored.value.adjust"].with_user(user).create({
                "card_id": self.card.id, "amount": -1000, "reason": f"correction by {user.login}"}).action_adjust()
        adjustments = self.card.retail_sv_move_ids.filtered(lambda m: m.kind == "adjust")
        self.assertEqual(adjustments.user_id, self.manager | self.accountant, "each line keeps its user")
        self.assertEqual(self.card.points, 1500000 - 2000)
        with self.assertRaises(ValidationError):
            self.Move.with_user(self.manager).create({"card_id": self.card.id, "kind": "adjust", "amount": 1000})
        with self.assertRaises(UserError):
            self.env["retail.stored.value.adjust"].with_user(self.manager).create({
                "card_id": self.card.id, "amount": -9999999, "reason": "too much"}).action_adjust()

    def test_backend_topup_needs_a_manager_or_an_accountant(self):
        journal = self.env["account.journal"].search([("company_id", "=", self.company.id), ("type", "=", "bank")],
                                                     limit=1)
        vals = {"program_id": self.program.id, "partner_id": self.partner.id, "amount": 100000,
                "journal_id": journal.id, "reference": "T-1"}
        with self.assertRaises(AccessError):
            self.env["retail.stored.value.topup"].with_user(self.cashier).create(vals)
        self.env["retail.stored.value.topup"].with_user(self.accountant).create(vals).action_topup()
        self.assertEqual(self.card.points, 1600000)

    def test_analysts_and_read_only_accountants_read_the_ledger(self):
        for user in (self.analyst, self.auditor):
            moves = self.Move.with_user(user).search([("card_id", "=", self.card.id)])
            self.assertEqual(len(moves), 2)
            self.assertEqual(self.card.with_user(user).points, 1500000)
            with self.assertRaises(UserError):
                self.Move.with_user(user).create({"card_id": self.card.id, "kind": "adjust", "amount": 1,
                                                  "reason": "no"})
