import re
import time

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKiosk(HttpCase):
    """The store kiosk: a tablet logged in as a point-of-sale employee shows a member their account
    once they scan their card, lets them update their answers, and forgets them when they are done
    or idle."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.env.ref("retail_crm.demo_pos_hoan_kiem")
        cls.company = cls.config.company_id
        cls.kiosk_user = new_test_user(cls.env, "kiosk_tablet", groups="base.group_user,point_of_sale.group_pos_user",
                                       company_id=cls.company.id, name="Kiosk Tablet")
        new_test_user(cls.env, "kiosk_portal", groups="base.group_portal", company_id=cls.company.id)
        Card = cls.env["retail.member.card"]
        cls.alice = cls.env["res.partner"].create({"name": "Kiosk Alice Nguyễn", "company_id": cls.company.id})
        cls.bob = cls.env["res.partner"].create({"name": "Kiosk Bob Trần", "company_id": cls.company.id})
        cls.alice_card = Card.create({"barcode": "KIOSK-A-0001", "partner_id": cls.alice.id,
                                      "company_id": cls.company.id})
        cls.bob_card = Card.create({"barcode": "KIOSK-B-0001", "partner_id": cls.bob.id,
                                    "company_id": cls.company.id})
        cls.env["retail.question"].search([]).active = False
        cls.drink = cls.env["retail.question"].create({
            "name": "Kiosk: favourite drink?", "question_type": "char_box", "is_registration": True,
            "company_id": cls.company.id,
        })
        cls.env["retail.answer"].create({"partner_id": cls.bob.id, "question_id": cls.drink.id,
                                         "value_char": "Bob's oolong", "company_id": cls.company.id})
        cls.kiosk = f"/retail/kiosk/{cls.config.id}"

    def _csrf(self, page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _scan(self, number):
        page = self.url_open(self.kiosk).text
        return self.url_open(f"{self.kiosk}/scan", data={"csrf_token": self._csrf(page), "number": number})

    def test_only_a_point_of_sale_employee_opens_the_kiosk(self):
        response = self.url_open(self.kiosk, allow_redirects=False)
        self.assertEqual(response.status_code, 303, "a visitor is sent to log in")
        self.assertIn("/web/login", response.headers["Location"])
        self.authenticate("kiosk_portal", "kiosk_portal")
        self.assertEqual(self.url_open(self.kiosk).status_code, 404, "a portal user cannot run a kiosk")
        self.authenticate("kiosk_tablet", "kiosk_tablet")
        self.assertEqual(self.url_open(self.kiosk).status_code, 200)
        self.assertEqual(self.url_open(f"{self.kiosk}/member", allow_redirects=False).status_code, 303,
                         "no member until a card is scanned")

    def test_scanned_member_sees_own_account_answers_and_is_forgotten_when_done(self):
        self.authenticate("kiosk_tablet", "kiosk_tablet")
        page = self._scan(" KIOSK-A-0001 ").text
        self.assertIn("Kiosk Alice Nguyễn", page)
        self.assertIn("KIOSK-A-0001", page)
        self.assertIn("barcode_type=QR&amp;value=KIOSK-A-0001", page)
        self.assertNotIn("KIOSK-B-0001", page)
        self.assertNotIn("Kiosk Bob Trần", page)
        self.assertNotIn("Bob's oolong", page)
        self.assertIn("Kiosk: favourite drink?", page)

        response = self.url_open(f"{self.kiosk}/answers", data={
            "csrf_token": self._csrf(page), f"question_{self.drink.id}": "Cà phê trứng"})
        self.assertIn("your answers were saved", response.text)
        answer = self.env["retail.answer"].search([("partner_id", "=", self.alice.id)])
        self.assertEqual((answer.value_char, answer.source, answer.branch_id), ("Cà phê trứng", "portal", self.config))

        self.url_open(f"{self.kiosk}/end", data={"csrf_token": self._csrf(response.text)})
        response = self.url_open(f"{self.kiosk}/member", allow_redirects=False)
        self.assertEqual(response.status_code, 303, "after Done the next customer starts from the scan screen")
        self.assertTrue(response.headers["Location"].endswith(self.kiosk))

    def test_member_switches_consent_at_the_kiosk(self):
        self.authenticate("kiosk_tablet", "kiosk_tablet")
        page = self._scan("KIOSK-A-0001")
        self.assertIn("o_retail_consent_sms", page.text)
        self.assertIn("o_retail_kiosk_purchases", page.text)
        response = self.url_open(f"{self.kiosk}/consent", data={
            "csrf_token": self._csrf(page.text), "channel": "sms", "consent": "opt_in"})
        self.assertIn("Kiosk Alice Nguyễn", response.text, "back on the member's page")
        self.env.invalidate_all()
        self.assertEqual((self.alice.retail_sms_consent, self.bob.retail_sms_consent), ("opt_in", "unknown"))
        self.assertTrue(self.alice.message_ids.filtered(lambda message: "at the store kiosk" in str(message.body)),
                        "the chatter says where the customer changed it")

    def test_unknown_and_blocked_cards_are_refused(self):
        self.authenticate("kiosk_tablet", "kiosk_tablet")
        self.assertIn("No member card has the number KIOSK-X-9999", self._scan("KIOSK-X-9999").text)
        self.bob_card.write({"state": "blocked", "block_reason": "card reported stolen"})
        page = self._scan("KIOSK-B-0001").text
        self.assertIn("is blocked", page)
        self.assertNotIn("Kiosk Bob Trần", page)
        self.assertEqual(self.url_open(f"{self.kiosk}/member", allow_redirects=False).status_code, 303)

    def test_server_forgets_an_idle_member(self):
        self.env["ir.config_parameter"].sudo().set_param("retail_loyalty.kiosk_idle_seconds", 1)
        self.authenticate("kiosk_tablet", "kiosk_tablet")
        self.assertIn("Kiosk Alice Nguyễn", self._scan("KIOSK-A-0001").text)
        time.sleep(1.5)
        self.assertEqual(self.url_open(f"{self.kiosk}/member", allow_redirects=False).status_code, 303,
                         "the member is forgotten even if the tablet's browser did not go back by itself")

    def test_tablet_goes_back_to_the_scan_screen_when_idle(self):
        self.env["ir.config_parameter"].sudo().set_param("retail_loyalty.kiosk_idle_seconds", 3)
        self.start_tour(self.kiosk, "retail_kiosk_idle_tour", login="kiosk_tablet")
        self.assertEqual(self.url_open(f"{self.kiosk}/member", allow_redirects=False).status_code, 303)
