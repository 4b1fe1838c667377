import re

from odoo.tests import HttpCase, new_test_user, tagged

from .purchase_common import RetailPurchaseCase


@tagged("post_install", "-at_install")
class TestRetailPortal(HttpCase, RetailPurchaseCase):
    """The member's own pages in the customer portal, with two portal members: each sees their own
    purchases (at every branch), answers and consent, never the other's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice_user = new_test_user(cls.env, "portal_alice", groups="base.group_portal", name="Alice Portal",
                                       company_id=cls.company.id, email="alice.portal@example.com")
        cls.bob_user = new_test_user(cls.env, "portal_bob", groups="base.group_portal", name="Bob Portal",
                                     company_id=cls.company.id, email="bob.portal@example.com")
        cls.alice, cls.bob = cls.alice_user.partner_id, cls.bob_user.partner_id
        (cls.alice | cls.bob).company_id = cls.company
        cls.env["retail.question"].search([]).active = False
        cls.drink = cls.env["retail.question"].create({
            "name": "Test: favourite drink?", "question_type": "char_box", "is_registration": True,
            "company_id": cls.company.id,
        })
        cls.skin = cls.env["retail.question"].create({
            "name": "Test: skin type?", "question_type": "simple_choice", "is_registration": True,
            "option_ids": [(0, 0, {"name": "Dry"}), (0, 0, {"name": "Oily"})],
        })
        cls.secret = cls.env["retail.question"].create({
            "name": "Test: asked to Bob only", "question_type": "char_box", "is_registration": False,
        })
        cls.env["retail.answer"].create([
            {"partner_id": cls.bob.id, "question_id": cls.drink.id, "value_char": "Bob's oolong tea",
             "company_id": cls.company.id},
            {"partner_id": cls.bob.id, "question_id": cls.secret.id, "value_char": "Bob's private answer",
             "company_id": cls.company.id},
        ])

    def setUp(self):
        super().setUp()
        self.alice_order_1 = self._sell(self.alice, "2026-10-01 10:00", [(self.product_a, 1, 100000, 0)])
        self.alice_order_2 = self._sell(self.alice, "2026-10-05 18:00", [(self.product_b, 1, 100000, 0)],
                                        branch=self.branch_2)
        self.bob_order = self._sell(self.bob, "2026-10-03 11:00", [(self.product_c, 1, 100000, 0)])

    def _csrf(self, page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def test_purchases_at_every_branch_and_no_leakage(self):
        self.authenticate("portal_alice", "portal_alice")
        page = self.url_open("/my/retail/purchases").text
        for order in self.alice_order_1 | self.alice_order_2:
            self.assertIn(order.pos_reference, page)
        self.assertIn(self.branch.name, page)
        self.assertIn(self.branch_2.name, page, "purchases across branches")
        self.assertNotIn(self.bob_order.pos_reference, page)
        receipt = self.url_open(f"/my/retail/purchases/{self.alice_order_2.id}")
        self.assertEqual(receipt.status_code, 200)
        self.assertIn("Test serum", receipt.text)
        self.assertEqual(self.url_open(f"/my/retail/purchases/{self.bob_order.id}").status_code, 404,
                         "another member's receipt does not exist for Alice")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["retail_order_count"]})
        self.assertEqual(counters["retail_order_count"], 2)
        home = self.url_open("/my").text
        for entry in ("/my/retail/purchases", "/my/retail/answers", "/my/retail/preferences"):
            self.assertIn(entry, home)

    def test_portal_user_reads_only_own_answers_through_the_orm(self):
        answers = self.env["retail.answer"].with_user(self.alice_user).search([])
        self.assertFalse(answers, "the portal rule hides Bob's answers from Alice")
        self.assertEqual(len(self.env["retail.answer"].with_user(self.bob_user).search([])), 2)

    def test_member_edits_answers(self):
        self.authenticate("portal_alice", "portal_alice")
        page = self.url_open("/my/retail/answers").text
        self.assertIn("Test: favourite drink?", page)
        self.assertNotIn("Bob's oolong tea", page)
        self.assertNotIn("Test: asked to Bob only", page, "a question Alice was never asked is not shown")
        dry = self.skin.option_ids[0]
        data = {"csrf_token": self._csrf(page), f"question_{self.drink.id}": "Trà sen",
                f"question_{self.skin.id}": str(dry.id), f"question_{self.secret.id}": "smuggled"}
        response = self.url_open("/my/retail/answers", data=data)
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        answers = self.env["retail.answer"].search([("partner_id", "=", self.alice.id)])
        self.assertEqual(set(answers.mapped("value_display")), {"Trà sen", "Dry"})
        self.assertEqual(set(answers.mapped("source")), {"portal"})
        self.assertEqual(self.env["retail.answer"].search_count([("question_id", "=", self.secret.id)]), 1,
                         "an answer to a question outside Alice's form is ignored")
        self.assertIn('value="Trà sen"', response.text, "the current answer is shown for editing")

        # the same answers again record nothing; a changed one is a new row, the old one stays
        data[f"question_{self.drink.id}"] = "Cà phê sữa"
        self.url_open("/my/retail/answers", data={**data, "csrf_token": self._csrf(response.text)})
        self.env.invalidate_all()
        drinks = self.env["retail.answer"].search(
            [("partner_id", "=", self.alice.id), ("question_id", "=", self.drink.id)], order="id")
        self.assertEqual(drinks.mapped("value_char"), ["Trà sen", "Cà phê sữa"])
        self.assertEqual(len(self.env["retail.answer"].search(
            [("partner_id", "=", self.alice.id), ("question_id", "=", self.skin.id)])), 1)

        # a choice of another question is refused, nothing is written
        page = self.url_open("/my/retail/answers").text
        bad = {"csrf_token": self._csrf(page), f"question_{self.skin.id}": "999999",
               f"question_{self.drink.id}": "Nước cam"}
        response = self.url_open("/my/retail/answers", data=bad)
        self.assertIn("is not valid", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.env["retail.answer"].search_count([("partner_id", "=", self.alice.id)]), 3)

    def test_consent_switches(self):
        self.authenticate("portal_alice", "portal_alice")
        page = self.url_open("/my/retail/preferences").text
        self.assertIn("o_retail_consent_email", page)
        self.assertIn("o_retail_consent_sms", page)
        response = self.url_open("/my/retail/consent", data={
            "csrf_token": self._csrf(page), "channel": "email", "consent": "opt_in"})
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(self.alice.retail_email_consent, "opt_in")
        self.assertEqual(self.bob.retail_email_consent, "unknown", "only the logged-in member changes")
        self.url_open("/my/retail/consent", data={
            "csrf_token": self._csrf(response.text), "channel": "sms", "consent": "opt_out"})
        self.env.invalidate_all()
        self.assertEqual(self.alice.retail_sms_consent, "opt_out")
        self.assertEqual(self.alice.retail_email_consent, "opt_in")

        # no CSRF token, an unknown channel: refused, nothing changes
        self.assertEqual(self.url_open("/my/retail/consent", data={
            "channel": "email", "consent": "opt_out"}).status_code, 400)
        self.assertEqual(self.url_open("/my/retail/consent", data={
            "csrf_token": self._csrf(page), "channel": "fax", "consent": "opt_out"}).status_code, 404)
        self.env.invalidate_all()
        self.assertEqual(self.alice.retail_email_consent, "opt_in")

    def test_public_visitor_is_sent_to_login(self):
        response = self.url_open("/my/retail/purchases", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
