from odoo import Command
from odoo.tests import tagged

from .message_common import RetailMessageCase

HOOK_LOGGER = "odoo.addons.retail_crm.models.sale_order_message"


@tagged("post_install", "-at_install")
class TestMessageSaleOrder(RetailMessageCase):
    """The thank-you after a confirmed sales order (Sales installed, not a dependency): queued once per
    order at confirmation, the order's PDF attached to the email when the rule includes the receipt,
    delivered by the loopback SMTP server and SMS gateway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert "sale.order" in cls.env, "these tests need Sales in the test database (./retail test installs it)"
        cls.product = cls.env["product.product"].create({
            "name": "Wholesale serum box", "type": "service", "list_price": 450000,
            "taxes_id": [Command.clear()], "company_id": cls.company.id,
        })

    def _order(self, partner, price=450000):
        return self.env["sale.order"].create({
            "partner_id": partner.id, "company_id": self.company.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 2, "price_unit": price})],
        })

    def _gateway_requests_to(self, partner):
        return [r for r in self.gateway.requests if r["payload"]["phone"] == partner.retail_mobile_e164.lstrip("+")]

    def test_confirmed_order_thanks_the_customer_by_email_and_sms(self):
        customer = self._customer("Sale Thanks")
        order = self._order(customer)
        self.assertFalse(self._logs(customer), "a quotation is not thanked for")
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        logs = self._logs(customer, "thank_you")
        self.assertEqual(sorted(logs.mapped("channel")), ["email", "sms"])
        self.assertEqual(set(logs.mapped("period_key")), {f"sale.order-{order.id}"})
        self.assertEqual(set(logs.mapped("state")), {"queued"}, "queued, not sent during the confirmation")
        self.assertFalse(self._received_by("sale.thanks@example.com"))
        self.assertFalse(self._gateway_requests_to(customer))
        self._send_emails()
        self._send_sms()
        self.assertEqual(set(logs.mapped("state")), {"sent"})
        [mail] = self._received_by("sale.thanks@example.com")
        self.assertIn("Thank you", mail["Subject"])
        [receipt] = list(mail.iter_attachments())
        self.assertEqual(receipt.get_filename().rsplit(".", 1)[0], f"Order - {order.name}")
        self.assertIn(order.name, receipt.get_payload(decode=True).decode())
        [sms] = self._gateway_requests_to(customer)
        self.assertIn("Sale Thanks", sms["payload"]["message"])
        self.assertEqual(sms["payload"]["ref"], str(logs.filtered(lambda log: log.channel == "sms").id))

    def test_confirming_again_sends_nothing_new(self):
        customer = self._customer("Sale Twice")
        order = self._order(customer)
        order.action_confirm()
        self._send_emails()
        self._send_sms()
        order._action_cancel()
        order.action_draft()
        order.action_confirm()
        self.assertFalse(self.env["retail.message.log"]._retail_thank_sale_orders(order), "a re-run sends nothing")
        self._send_emails()
        self._send_sms()
        self.assertEqual(len(self._logs(customer, "thank_you")), 2)
        self.assertEqual(len(self._received_by("sale.twice@example.com")), 1)
        self.assertEqual(len(self._gateway_requests_to(customer)), 1)

    def test_each_order_of_a_batch_is_thanked_once(self):
        first, second = self._customer("Batch First"), self._customer("Batch Second")
        orders = self._order(first) | self._order(second) | self._order(first, price=90000)
        orders.action_confirm()
        self.assertEqual(len(self._logs(first, "thank_you")), 4, "two orders, two channels")
        self.assertEqual(len(self._logs(second, "thank_you")), 2)
        self._send_emails()
        self.assertEqual(len(self._received_by("batch.first@example.com")), 2)

    def test_customer_who_opted_out_gets_nothing(self):
        customer = self._customer("Sale Opted Out", retail_email_consent="opt_out", retail_sms_consent="opt_out")
        self._order(customer).action_confirm()
        logs = self._logs(customer, "thank_you")
        self.assertEqual(set(logs.mapped("state")), {"skipped"})
        self._send_emails()
        self._send_sms()
        self.assertFalse(self._received_by("sale.opted.out@example.com"))
        self.assertFalse(self._gateway_requests_to(customer))

    def test_receipt_left_out_when_the_rule_says_so(self):
        self._rule("thank_you").attach_receipt = False
        customer = self._customer("Sale No Receipt")
        self._order(customer).action_confirm()
        self._send_emails()
        [mail] = self._received_by("sale.no.receipt@example.com")
        self.assertFalse(list(mail.iter_attachments()))

    def test_event_switched_off_sends_nothing(self):
        self._rule("thank_you").active = False
        customer = self._customer("Sale Switched Off")
        self._order(customer).action_confirm()
        self.assertFalse(self._logs(customer))

    def test_a_failing_thank_you_never_blocks_the_confirmation(self):
        broken = self.env["mail.template"].create({
            "name": "Broken thank-you", "model_id": self.env.ref("retail_crm.model_retail_message_log").id,
            "subject": "{{ object.no_such_field }}", "body_html": "<p>x</p>",
        })
        self._rule("thank_you").mail_template_id = broken
        customer = self._customer("Sale Broken Template")
        order = self._order(customer)
        with self.assertLogs(HOOK_LOGGER, "ERROR"):
            order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(self._logs(customer), "nothing half-written")

    def test_patch_installed_once_and_removed_by_unregister_hook(self):
        logs = self.env["retail.message.log"]
        sale_order_class = self.registry["sale.order"]
        patched = vars(sale_order_class)["action_confirm"]
        logs._register_hook()
        self.assertIs(vars(sale_order_class)["action_confirm"], patched, "registering again changes nothing")
        logs._unregister_hook()
        self.addCleanup(logs._register_hook)
        self.assertNotIn("action_confirm", vars(sale_order_class))
        customer = self._customer("Sale Unpatched")
        self._order(customer).action_confirm()
        self.assertFalse(self._logs(customer))
        logs._register_hook()
        self._order(customer).action_confirm()
        self.assertEqual(len(self._logs(customer, "thank_you")), 2)
