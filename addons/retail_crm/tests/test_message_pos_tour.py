from odoo.tests import HttpCase, tagged

from .message_common import MessageTransportsMixin


@tagged("post_install", "-at_install")
class TestMessagePosTour(MessageTransportsMixin, HttpCase):
    """Checkout at the demo shop's till thanks the customer by email and SMS through the loopback
    SMTP server and gateway; the unsubscribe link in the email works without a login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.env.ref("retail_crm.demo_pos_hoan_kiem")
        cls.company = cls.config.company_id
        cls._start_transports(cls.company)
        cls.env["retail.message.event"]._create_default_rules(cls.company)

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param("point_of_sale.limited_customer_count", 5000)
        self.env["retail.question"].search([("is_repeat", "=", True)]).write({"active": False})
        self.partner = self.env["res.partner"].create({
            "name": "Tour Thank You Customer", "email": "thank.you@example.com", "mobile": "0903111222",
            "country_id": self.env.ref("base.vn").id, "company_id": self.company.id,
            "retail_email_consent": "opt_in",
        })

    def test_thank_you_after_checkout_at_the_till(self):
        previous_orders = self.env["pos.order"].search([("config_id", "=", self.config.id)])
        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_pos_message_tour", login="admin")

        order = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous_orders
        self.assertEqual((order.state, order.partner_id), ("paid", self.partner))
        self.assertEqual(self.partner.retail_sms_consent, "opt_in", "recorded at the till")
        logs = self.env["retail.message.log"].search([("partner_id", "=", self.partner.id)])
        self.assertEqual(set(logs.mapped("event")), {"thank_you"})
        self.assertEqual(set(logs.mapped("channel")), {"email", "sms"})
        self.assertEqual(set(logs.mapped("period_key")), {f"pos.order-{order.id}"})
        self.assertEqual(set(logs.mapped("state")), {"queued"}, "checkout never waits for a gateway")

        self._send_emails()
        self._send_sms()
        self.assertEqual(set(logs.mapped("state")), {"sent"})
        [mail] = self._received_by("thank.you@example.com")
        self.assertIn("Thank you for your visit", mail["Subject"])
        self.assertIn("Massage body 60 phút", mail.get_body(("html",)).get_content())
        [sms] = [r for r in self.gateway.requests if r["payload"]["phone"] == "84903111222"]
        self.assertIn("Thank you for your visit", sms["payload"]["message"])

    def test_unsubscribe_link_opts_the_customer_out(self):
        path = self.partner._retail_unsubscribe_path("email")
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Stop receiving emails", page.text)
        self.assertEqual(self.partner.retail_email_consent, "opt_in", "a GET (a mail scanner) changes nothing")
        self.assertEqual(self.url_open(path[:-4] + "0000").status_code, 404, "a forged token is refused")
        done = self.url_open(path, data={"confirm": "1"})
        self.assertEqual(done.status_code, 200)
        self.assertIn("no longer receive emails", done.text)
        self.partner.invalidate_recordset()
        self.assertEqual(self.partner.retail_email_consent, "opt_out")
        self.assertTrue(self.partner.is_blacklisted)
        log = self.partner._retail_message_event("activation", "card-tour", {"card_name": "X"})
        self.assertEqual(log.filtered(lambda row: row.channel == "email").state, "skipped")
