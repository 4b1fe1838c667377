from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common_suggestion import RetailSuggestionCase


@tagged("post_install", "-at_install")
class TestPortalSuggestion(HttpCase, RetailSuggestionCase):
    """Two portal members with their own habits: each one's Membership page suggests from their own
    purchases only, without prices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = None  # HttpCase keeps its HTTP session here; the POS session is ``pos_session``
        now = fields.Datetime.now()
        cls.oolong = cls._goods_for_sale("Test Alice oolong")
        cls.kettle = cls._goods_for_sale("Test Alice kettle", price=987654)
        cls.espresso = cls._goods_for_sale("Test Bob espresso")
        cls.grinder = cls._goods_for_sale("Test Bob grinder", price=876543)
        cls.alice = cls._portal_member("portal_suggest_alice", "Alice Suggestion")
        cls.bob = cls._portal_member("portal_suggest_bob", "Bob Suggestion")
        for days in (9, 2):
            cls._sell_bill(cls.alice, [(cls.oolong, 1, 80000)], now - timedelta(days=days))
            cls._sell_bill(cls.bob, [(cls.espresso, 1, 60000)], now - timedelta(days=days))
        cls._rule(cls.oolong, cls.kettle, 0.4, 2.5)
        cls._rule(cls.espresso, cls.grinder, 0.5, 3.0)

    @classmethod
    def _portal_member(cls, login, name):
        user = new_test_user(cls.env, login, groups="base.group_portal", name=name, company_id=cls.company.id)
        user.partner_id.company_id = cls.company
        return user.partner_id

    def _membership_page(self, login):
        self.authenticate(login, login)
        response = self.url_open("/my/retail/membership")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_each_member_sees_only_their_own_suggestions(self):
        alice_page = self._membership_page("portal_suggest_alice")
        self.assertIn("Suggested for you", alice_page)
        self.assertIn("Test Alice oolong", alice_page, "her repeat purchase")
        self.assertIn("Bought regularly: on 2 bills", alice_page)
        self.assertIn("Test Alice kettle", alice_page, "what buyers of her tea also buy")
        self.assertIn("Customers who buy Test Alice oolong also buy this", alice_page)
        self.assertNotIn("Test Bob", alice_page)
        self.assertNotIn("987,654", alice_page, "suggestions show no prices")

        bob_page = self._membership_page("portal_suggest_bob")
        self.assertIn("Test Bob espresso", bob_page)
        self.assertIn("Test Bob grinder", bob_page)
        self.assertNotIn("Test Alice", bob_page)
        self.assertNotIn("876,543", bob_page)

    def test_member_without_purchases_sees_no_section(self):
        new_test_user(self.env, "portal_suggest_carol", groups="base.group_portal", name="Carol Suggestion",
                      company_id=self.company.id)
        page = self._membership_page("portal_suggest_carol")
        self.assertNotIn("Suggested for you", page)
        self.assertNotIn("Test Alice", page)
