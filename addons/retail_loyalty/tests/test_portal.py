from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common_stored_value import RetailStoredValueCase


@tagged("post_install", "-at_install")
class TestLoyaltyPortal(HttpCase, RetailStoredValueCase):
    """Two portal members, each with every kind of card (a printed member card, a Recoin card, a
    product card): each one's portal pages show their own cards, balances and units, never the other's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = None  # the branch's POS session of RetailLoyaltyCase: HttpCase keeps its HTTP session here
        cls.journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1)
        cls.spa = cls.env["product.product"].create({
            "name": "Test portal facial", "type": "service", "available_in_pos": True, "list_price": 300000,
            "taxes_id": [Command.clear()], "company_id": cls.company.id,
        })
        cls.card_type = cls.env["retail.product.card.type"].create({
            "name": "Test portal 10 facials", "company_id": cls.company.id, "price": 2000000,
            "validity_number": 90, "validity_unit": "days",
            "line_ids": [Command.create({"product_id": cls.spa.id, "quantity": 10})],
        })
        cls.member_tier.write({"birthday_period": "week", "birthday_discount_multiplier": 2,
                               "birthday_points_multiplier": 3})
        cls.alice_user, cls.alice = cls._portal_member("portal_loyalty_alice", "Alice Loyalty", "PORTAL-A-0001",
                                                       1000000, free=False)
        cls.bob_user, cls.bob = cls._portal_member("portal_loyalty_bob", "Bob Loyalty", "PORTAL-B-0001",
                                                   2000000, free=True)
        cls.env["retail.points.move"].create({
            "partner_id": cls.alice.id, "kind": "earn", "date": fields.Datetime.now() - timedelta(days=2),
            "local_date": fields.Date.today() - timedelta(days=2), "branch_id": cls.branch.id,
            "company_id": cls.company.id, "amount": 1200000, "points": 120,
        })

    @classmethod
    def _portal_member(cls, login, name, barcode, topup, free):
        user = new_test_user(cls.env, login, groups="base.group_portal", name=name, company_id=cls.company.id)
        partner = user.partner_id
        partner.write({"company_id": cls.company.id, "birthday": fields.Date.today() + timedelta(days=10)})
        cls.env["retail.member.card"].create({"barcode": barcode, "partner_id": partner.id,
                                              "company_id": cls.company.id})
        cls.env["retail.stored.value.topup"].create({
            "program_id": cls.program.id, "partner_id": partner.id, "amount": topup,
            "journal_id": cls.journal.id, "reference": f"TOPUP-{login}"}).action_topup()
        cls.env["retail.product.card"]._retail_issue(cls.card_type, partner, free=free, branch=cls.branch)
        return user, partner

    def _recoin(self, partner):
        return self._card(partner)

    def _product_card(self, partner):
        return self.env["retail.product.card"].search([("partner_id", "=", partner.id)])

    def test_member_sees_own_cards_tier_balances_and_units_only(self):
        self.authenticate("portal_loyalty_alice", "portal_loyalty_alice")
        membership = self.url_open("/my/retail/membership").text
        self.assertIn("PORTAL-A-0001", membership)
        self.assertIn("barcode_type=Code128&amp;value=PORTAL-A-0001", membership, "barcode shown for the till")
        self.assertIn("barcode_type=QR&amp;value=PORTAL-A-0001", membership, "and a QR code")
        self.assertNotIn("PORTAL-B-0001", membership)
        self.assertIn("o_retail_portal_tier_name\">Member", membership)
        # VIP needs 500 points in 6 months: 120 earned, 380 missing
        self.assertIn("o_retail_portal_missing\">380", membership)
        self.assertIn("points to VIP", membership)
        self.assertIn("o_retail_portal_birthday", membership, "the birthday week is coming up")
        self.assertIn("x3", membership, "the birthday points multiplier")

        recoin = self.url_open("/my/retail/recoin").text
        alice_recoin, bob_recoin = self._recoin(self.alice), self._recoin(self.bob)
        self.assertIn(alice_recoin.code, recoin)
        self.assertNotIn(bob_recoin.code, recoin)
        self.assertEqual(alice_recoin.points, 1500000, "1,000,000 loaded + 500,000 bonus")
        self.assertIn("1,500,000", recoin)
        self.assertIn("Top-up bonus", recoin, "the ledger lines are listed")
        self.assertNotIn("2,500,000", recoin, "Bob's balance is not shown")

        units = self.url_open("/my/retail/product-cards").text
        self.assertIn(self._product_card(self.alice).code, units)
        self.assertNotIn(self._product_card(self.bob).code, units)
        self.assertIn("Test portal facial", units)
        self.assertIn("o_retail_portal_units_left\">10", units)

        counters = self.make_jsonrpc_request("/my/counters", {"counters": [
            "retail_card_count", "retail_recoin_count", "retail_product_card_count"]})
        self.assertEqual(counters, {"retail_card_count": 1, "retail_recoin_count": 1,
                                    "retail_product_card_count": 1})
        home = self.url_open("/my").text
        for entry in ("/my/retail/membership", "/my/retail/recoin", "/my/retail/product-cards"):
            self.assertIn(entry, home)

    def test_the_other_member_sees_theirs(self):
        self.authenticate("portal_loyalty_bob", "portal_loyalty_bob")
        membership = self.url_open("/my/retail/membership").text
        self.assertIn("PORTAL-B-0001", membership)
        self.assertNotIn("PORTAL-A-0001", membership)
        recoin = self.url_open("/my/retail/recoin").text
        self.assertIn(self._recoin(self.bob).code, recoin)
        self.assertNotIn(self._recoin(self.alice).code, recoin)
        units = self.url_open("/my/retail/product-cards").text
        self.assertIn(self._product_card(self.bob).code, units)
        self.assertNotIn(self._product_card(self.alice).code, units)

    def test_portal_rules_limit_orm_reads_to_own_records(self):
        for user, partner in ((self.alice_user, self.alice), (self.bob_user, self.bob)):
            env = self.env(user=user)
            self.assertEqual(env["retail.member.card"].search([]).partner_id, partner)
            self.assertEqual(env["retail.points.move"].search([]).partner_id, partner.filtered(
                lambda p: p == self.alice))
            self.assertEqual(env["retail.product.card"].search([]).partner_id, partner)
            self.assertEqual(env["retail.product.card.balance"].search([]).partner_id, partner)
            self.assertEqual(env["retail.stored.value.move"].search([]).partner_id, partner)
            self.assertFalse(env["retail.member.card"].has_access("write"))

    def test_birthday_benefit_period_and_tier_progress(self):
        self.alice.birthday = date(1990, 3, 12)  # Thursday 12 March 2026: birthday week 9-15 March
        benefit = self.alice._retail_portal_birthday(date(2026, 3, 1))
        self.assertEqual((benefit["start"], benefit["end"], benefit["current"]),
                         (date(2026, 3, 9), date(2026, 3, 15), False))
        self.assertEqual(benefit["discount_percent"], self.member_tier.discount_percent * 2)
        self.assertTrue(self.alice._retail_portal_birthday(date(2026, 3, 15))["current"])
        self.assertEqual(self.alice._retail_portal_birthday(date(2026, 3, 16))["start"], date(2027, 3, 8),
                         "once the week is over, next year's week is the next one")
        self.member_tier.birthday_period = "none"
        self.assertFalse(self.alice._retail_portal_birthday(date(2026, 3, 1)))
        progress = self.alice._retail_portal_tier_progress(fields.Date.today())
        self.assertEqual((progress["next_tier"], progress["missing"], progress["percent"]),
                         (self.vip_tier, 380, 24.0))
        stranger = self.env["res.partner"].create({"name": "Not a member yet", "company_id": self.company.id})
        self.assertFalse(stranger._retail_portal_tier_progress()["next_tier"], "no tier to reach without a card")

    def test_public_visitor_is_sent_to_login(self):
        response = self.url_open("/my/retail/membership", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
