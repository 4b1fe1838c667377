from datetime import datetime, timedelta
from uuid import uuid4

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .message_common import GATEWAY_TIMEOUT, RetailMessageCase, free_port


@tagged("post_install", "-at_install")
class TestMessageChannels(RetailMessageCase):
    """The message API, consent, quiet hours, the SMS gateway's failures and retries, the email
    queue, exactly-once on order syncs, the timeline and template previews."""

    def _announce(self, partner, event="activation", key="card-1", **values):
        return partner._retail_message_event(event, key, values, branch=self.branch)

    # ------------------------------------------------------------------ transactional vs marketing
    def test_transactional_message_goes_at_once_even_in_quiet_hours(self):
        customer = self._customer("Late Shopper", retail_email_consent="unknown", retail_sms_consent="unknown")
        with freeze_time("2027-01-05 16:30:00"):  # 23:30 in Hà Nội
            logs = self._announce(customer, card_name="SEN00000777")
            self.assertEqual(set(logs.mapped("state")), {"queued"})
            self.assertFalse(any(logs.mapped("scheduled_date")))
            self._send_emails()
            self._send_sms()
        self.assertEqual(set(logs.mapped("state")), {"sent"})
        [mail] = self._received_by("late.shopper@example.com")
        self.assertIn("SEN00000777", mail["Subject"])

    def test_marketing_message_waits_for_the_end_of_quiet_hours(self):
        customer = self._customer("Night Member")
        with freeze_time("2027-01-05 16:30:00"):  # 23:30 in Hà Nội
            logs = self._announce(customer, "tier_upgrade", "tier-1-2", tier_name="Gold")
            morning = datetime(2027, 1, 6, 1, 0)  # 08:00 in Hà Nội
            self.assertEqual(set(logs.mapped("scheduled_date")), {morning})
            self.assertEqual(logs.filtered(lambda log: log.channel == "email").mail_id.scheduled_date, morning)
            self._send_emails()
            self._send_sms()
            self.assertEqual(set(logs.mapped("state")), {"queued"})
            self.assertFalse(self._received_by("night.member@example.com"))
        with freeze_time("2027-01-06 01:05:00"):
            self._send_emails()
            self._send_sms()
        self.assertEqual(set(logs.mapped("state")), {"sent"})
        [mail] = self._received_by("night.member@example.com")
        self.assertIn("Gold", mail["Subject"])

    def test_opt_out_is_respected_and_put_on_odoo_blacklists(self):
        customer = self._customer("Opting Out")
        customer.write({"retail_email_consent": "opt_out", "retail_sms_consent": "opt_out"})
        self.assertTrue(customer.is_blacklisted)
        self.assertTrue(customer.mobile_blacklisted)
        logs = self._announce(customer)
        self.assertEqual(set(logs.mapped("state")), {"skipped"})
        self.assertTrue(all("opted out" in reason or "unsubscribed" in reason for reason in logs.mapped("reason")))
        customer.write({"retail_email_consent": "opt_in", "retail_sms_consent": "opt_in"})
        self.assertFalse(customer.is_blacklisted)
        self.assertFalse(customer.mobile_blacklisted)

    def test_blacklisted_elsewhere_in_odoo_opts_the_customer_out(self):
        customer = self._customer("Blacklisted Elsewhere")
        self.env["mail.blacklist"].sudo()._add(customer.email)
        self.env["phone.blacklist"].sudo()._add([customer.retail_mobile_e164])
        self.assertEqual((customer.retail_email_consent, customer.retail_sms_consent), ("opt_out", "opt_out"))
        logs = self._announce(customer)
        self.assertEqual(set(logs.mapped("state")), {"skipped"})
        self.assertTrue(all("opted out" in reason for reason in logs.mapped("reason")))

    def test_event_switched_off_sends_nothing(self):
        customer = self._customer("Switched Off")
        rule = self._rule("activation")
        rule.active = False
        self.assertFalse(self._announce(customer))
        rule.write({"active": True, "sms_enabled": False})
        self.assertEqual(self._announce(customer, key="card-2").mapped("channel"), ["email"])

    def test_same_period_twice_sends_nothing_new(self):
        customer = self._customer("Called Twice")
        self.assertEqual(len(self._announce(customer)), 2)
        self.assertFalse(self._announce(customer))
        self.assertEqual(len(self._announce(customer, key="card-2")), 2)

    @freeze_time("2027-01-05 03:00:00")  # 10:00 in Hà Nội, outside quiet hours
    def test_message_in_the_customer_language_with_the_rule_offer_in_it(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        rule = self._rule("birthday_day")
        rule.with_context(lang="en_US").offer = "A free foot massage"
        rule.with_context(lang="vi_VN").offer = "Tặng một lần massage chân"
        rule.mail_template_id.update_field_translations(
            "subject", {"vi_VN": "Chúc mừng sinh nhật, {{ object.partner_name }}!"})
        rule.sms_template_id.update_field_translations(
            "body", {"vi_VN": "Chúc mừng sinh nhật {{ object.partner_name }}! {{ object.offer }}"})
        viet = self._customer("Khach Viet", lang="vi_VN")
        english = self._customer("English Guest")
        for customer in viet | english:
            self._announce(customer, "birthday_day", "2027")
        self._send_emails()
        self._send_sms()
        [mail] = self._received_by("khach.viet@example.com")
        self.assertEqual(mail["Subject"], "Chúc mừng sinh nhật, Khach Viet!")
        self.assertIn("Tặng một lần massage chân", mail.get_body(("html",)).get_content())
        [english_mail] = self._received_by("english.guest@example.com")
        self.assertIn("Happy birthday", english_mail["Subject"])
        self.assertIn("A free foot massage", english_mail.get_body(("html",)).get_content())
        [sms] = [r["payload"]["message"] for r in self.gateway.requests
                 if r["payload"]["phone"] == viet.retail_mobile_e164.lstrip("+")]
        self.assertEqual(sms, "Chúc mừng sinh nhật Khach Viet! Tặng một lần massage chân")

    # ------------------------------------------------------------------ the SMS gateway
    def test_sms_request_carries_brand_credentials_and_number(self):
        customer = self._customer("Gateway Check")
        log = self._announce(customer).filtered(lambda log: log.channel == "sms")
        self._send_sms()
        request = self.gateway.requests[-1]
        self.assertEqual(request["payload"]["username"], "sen")
        self.assertEqual(request["payload"]["password"], "secret")
        self.assertEqual(request["payload"]["brandname"], "SENSPA")
        self.assertEqual(request["payload"]["phone"], customer.retail_mobile_e164.lstrip("+"))
        self.assertEqual(request["payload"]["ref"], str(log.id))
        self.assertEqual(log.state, "sent")
        self.assertEqual(log.provider_message_id, f"MSG-{len(self.gateway.requests)}")
        self.assertEqual(log.attempts, 1)

    def test_sms_http_500_retried_with_backoff_then_sent(self):
        self.provider.url = f"{self.gateway.url}/flaky"
        self.gateway.server.flaky_failures = 1
        customer = self._customer("Flaky Gateway")
        with freeze_time("2027-01-05 03:00:00"):
            log = self._announce(customer).filtered(lambda log: log.channel == "sms")
            self._send_sms()
            self.assertEqual(log.state, "retry")
            self.assertIn("500", log.reason)
            self.assertEqual(log.next_attempt_date, datetime(2027, 1, 5, 3, 5))
        with freeze_time("2027-01-05 03:04:00"):
            self._send_sms()
            self.assertEqual(log.attempts, 1, "not before the backoff")
        with freeze_time("2027-01-05 03:06:00"):
            self._send_sms()
        self.assertEqual(log.state, "sent")
        self.assertEqual(log.attempts, 2)

    def test_sms_final_failure_status_kept_after_the_last_attempt(self):
        self.provider.url = f"{self.gateway.url}/error500"
        customer = self._customer("Broken Gateway")
        start = datetime(2027, 1, 5, 3, 0)
        with freeze_time(start):
            log = self._announce(customer).filtered(lambda log: log.channel == "sms")
            self._send_sms()
        with freeze_time(start + timedelta(minutes=6)):
            self._send_sms()
            self.assertEqual(log.state, "retry")
            self.assertEqual(log.next_attempt_date, start + timedelta(minutes=16), "5 then 10 minutes")
        with freeze_time(start + timedelta(minutes=17)):
            self._send_sms()
        self.assertEqual(log.state, "failed")
        self.assertEqual(log.attempts, 3)
        self.assertIn("500", log.reason)
        self.assertIn("Internal Server Error", log.provider_response)
        with freeze_time(start + timedelta(hours=5)):
            self._send_sms()
        self.assertEqual(log.attempts, 3, "a failed message stays failed")
        self.assertEqual(len([r for r in self.gateway.requests if r["path"] == "/error500"]), 3)

    def test_sms_timeout_is_retried(self):
        self.provider.url = f"{self.gateway.url}/slow"
        log = self._announce(self._customer("Slow Gateway")).filtered(lambda log: log.channel == "sms")
        started = datetime.now()
        self._send_sms()
        self.assertLess((datetime.now() - started).total_seconds(), GATEWAY_TIMEOUT * 4)
        self.assertEqual(log.state, "retry")
        self.assertIn("in time", log.reason)

    def test_sms_malformed_reply_is_retried(self):
        self.provider.url = f"{self.gateway.url}/malformed"
        log = self._announce(self._customer("Malformed Reply")).filtered(lambda log: log.channel == "sms")
        self._send_sms()
        self.assertEqual(log.state, "retry")
        self.assertIn("Unreadable", log.reason)
        self.assertIn("maintenance", log.provider_response)

    def test_sms_refused_by_the_gateway_fails_at_once(self):
        self.provider.url = f"{self.gateway.url}/refuse"
        log = self._announce(self._customer("Refused Brand")).filtered(lambda log: log.channel == "sms")
        self._send_sms()
        self.assertEqual(log.state, "failed")
        self.assertIn("Brand name not registered", log.reason)

    def test_gateway_unreachable_is_retried(self):
        self.provider.url = f"http://127.0.0.1:{free_port()}/send"
        log = self._announce(self._customer("No Gateway")).filtered(lambda log: log.channel == "sms")
        self._send_sms()
        self.assertEqual(log.state, "retry")
        self.assertIn("unreachable", log.reason)

    def test_no_sms_provider_skips_with_reason(self):
        self.company.retail_sms_provider_id = False
        log = self._announce(self._customer("No Provider")).filtered(lambda log: log.channel == "sms")
        self.assertEqual(log.state, "skipped")
        self.assertIn("No SMS provider", log.reason)

    # ------------------------------------------------------------------ email
    def test_email_smtp_down_retried_with_backoff_then_failed(self):
        working_port = self.mail_server.smtp_port
        self.mail_server.smtp_port = free_port()  # nothing listens there
        start = datetime(2027, 1, 5, 3, 0)
        with freeze_time(start):
            log = self._announce(self._customer("Smtp Down")).filtered(lambda log: log.channel == "email")
            mail = log.mail_id
            self._send_emails()
            self.assertEqual((log.state, log.attempts), ("retry", 1))
            self.assertEqual((mail.state, mail.scheduled_date), ("outgoing", start + timedelta(minutes=5)))
        with freeze_time(start + timedelta(minutes=6)):
            self._send_emails()
            self.assertEqual((log.state, log.attempts), ("retry", 2))
            self.assertEqual(log.next_attempt_date, start + timedelta(minutes=16))
        with freeze_time(start + timedelta(minutes=17)):
            self._send_emails()
        self.assertEqual((log.state, log.attempts), ("failed", 3))
        self.assertTrue(log.reason)
        self.mail_server.smtp_port = working_port
        with freeze_time(start + timedelta(hours=2)):
            self._send_emails()
        self.assertEqual(log.state, "failed", "the final status is kept")
        self.assertFalse(self._received_by("smtp.down@example.com"))

    def test_email_sent_once_the_smtp_server_is_back(self):
        working_port = self.mail_server.smtp_port
        self.mail_server.smtp_port = free_port()
        start = datetime(2027, 1, 5, 3, 0)
        with freeze_time(start):
            log = self._announce(self._customer("Smtp Back")).filtered(lambda log: log.channel == "email")
            self._send_emails()
        self.assertEqual(log.state, "retry")
        self.mail_server.smtp_port = working_port
        with freeze_time(start + timedelta(minutes=6)):
            self._send_emails()
        self.assertEqual((log.state, log.attempts), ("sent", 2))
        self.assertEqual(len(self._received_by("smtp.back@example.com")), 1)

    def test_unsubscribe_token_is_per_customer_and_channel(self):
        customer, other = self._customer("Token One"), self._customer("Token Two")
        self.assertNotEqual(customer._retail_unsubscribe_token("email"), other._retail_unsubscribe_token("email"))
        self.assertNotEqual(customer._retail_unsubscribe_token("email"), customer._retail_unsubscribe_token("sms"))

    # ------------------------------------------------------------------ checkout, timeline, preview
    def _order_data(self, partner, amount, uuid, date_order=None):
        session = self.branch.current_session_id or self.env["pos.session"].create(
            {"config_id": self.branch.id, "user_id": self.env.uid})
        cash = self.branch.payment_method_ids.filtered("is_cash_count")[:1]
        product = self.env.ref("retail_crm.demo_product_cos_serum")
        return {
            "amount_paid": amount, "amount_return": 0, "amount_tax": 0, "amount_total": amount,
            "date_order": fields.Datetime.to_string(date_order or fields.Datetime.now()), "fiscal_position_id": False,
            "pricelist_id": self.branch.pricelist_id.id, "name": f"Order {uuid}", "last_order_preparation_change": "{}",
            "lines": [(0, 0, {"product_id": product.id, "qty": 1, "price_unit": amount, "discount": 0,
                              "price_subtotal": amount, "price_subtotal_incl": amount, "tax_ids": [(6, 0, [])],
                              "pack_lot_ids": []})],
            "partner_id": partner.id, "session_id": session.id, "sequence_number": 1, "uuid": uuid,
            "user_id": self.env.uid, "to_invoice": False, "state": "paid",
            "payment_ids": [(0, 0, {"amount": amount, "name": fields.Datetime.now(), "payment_method_id": cash.id})],
        }

    def test_thank_you_once_when_the_order_is_synced_twice(self):
        customer = self._customer("Double Sync")
        uuid = str(uuid4())
        self.env["pos.order"].sync_from_ui([self._order_data(customer, 350000, uuid)])
        self.env["pos.order"].sync_from_ui([self._order_data(customer, 350000, uuid)])
        logs = self._logs(customer, "thank_you")
        self.assertEqual(len(logs), 2)
        self.assertEqual(len(set(logs.mapped("period_key"))), 1)
        self._send_emails()
        [mail] = self._received_by("double.sync@example.com")
        body = mail.get_body(("html",)).get_content()
        self.assertIn("Serum", body, "the receipt is in the email")
        self.assertIn("350", body)

    def test_no_thank_you_for_an_order_synced_days_later(self):
        customer = self._customer("Old Receipt")
        three_days_ago = fields.Datetime.now() - timedelta(days=3)
        self.env["pos.order"].sync_from_ui([self._order_data(customer, 90000, str(uuid4()), three_days_ago)])
        self.assertFalse(self._logs(customer, "thank_you"), "history imported or replayed is not thanked for")

    def test_cashier_without_crm_rights_triggers_the_thank_you(self):
        cashier = self.env["res.users"].create({
            "name": "Message Cashier", "login": "message_cashier", "company_id": self.company.id,
            "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set([self.env.ref("point_of_sale.group_pos_user").id])],
        })
        customer = self._customer("Cashier Customer")
        self.env["pos.order"].with_user(cashier).sync_from_ui([self._order_data(customer, 120000, str(uuid4()))])
        self.assertEqual(set(self._logs(customer, "thank_you").mapped("state")), {"queued"})

    def test_failed_message_sent_again_by_a_manager(self):
        self.provider.url = f"{self.gateway.url}/refuse"
        log = self._announce(self._customer("Second Chance")).filtered(lambda log: log.channel == "sms")
        self._send_sms()
        self.assertEqual(log.state, "failed")
        self.provider.url = f"{self.gateway.url}/ok"
        log.action_retry()
        self._send_sms()
        self.assertEqual((log.state, log.attempts), ("sent", 1))

    def test_message_log_shown_on_the_timeline(self):
        customer = self._customer("Timeline Reader")
        logs = self._announce(customer)
        timeline = self.env["retail.customer.timeline"].search(
            [("partner_id", "=", customer.id), ("kind", "=", "customer_message")])
        self.assertEqual(len(timeline), 2)
        self.assertEqual(set(timeline.mapped("res_id")), set(logs.ids))
        self.assertEqual(sorted(name.split(":")[0] for name in timeline.mapped("name")), ["Email", "SMS"])
        self.assertTrue(all("is active" in name for name in timeline.mapped("name")), "the subject or the text")

    def test_template_preview_renders_placeholders(self):
        rule = self._rule("near_upgrade")
        action = rule.action_preview_email()
        preview = self.env["mail.template.preview"].with_context(**action["context"]).create({})
        self.assertIn("Gold", preview.subject)
        self.assertIn("50", preview.body_html)
        sms_action = rule.action_preview_sms()
        sms_preview = self.env["sms.template.preview"].with_context(**sms_action["context"]).create({})
        self.assertIn("Gold", sms_preview.body)
        self.assertFalse(self.env.user.partner_id.retail_message_log_ids, "previews are not messages")

    def test_till_panel_shows_and_records_consent(self):
        customer = self._customer("Panel Consent", retail_sms_consent="unknown")
        panel = customer._prepare_retail_pos_panel()
        self.assertEqual(panel["consent"]["email"], "opt_in")
        self.assertEqual(panel["consent"]["sms"], "unknown")
        self.assertTrue(panel["consent"]["has_mobile"])
        consent = self.env["res.partner"].retail_pos_set_consent(customer.id, "sms", "opt_out")
        self.assertEqual(consent["sms"], "opt_out")
        self.assertTrue(customer.retail_sms_consent_date)

    # ------------------------------------------------------------------ campaigns to segments
    def test_segments_are_campaign_recipients_with_the_channel_opt_in(self):
        vip = self.env.ref("retail_crm.customer_group_vip")
        club = self.env["retail.customer.group"].create({"name": "VIP campaign club", "parent_id": vip.id})
        member = self._customer("Club Member", retail_group_ids=[Command.set(club.ids)])
        silent = self._customer("Club Silent", retail_group_ids=[Command.set(club.ids)],
                                retail_email_consent="unknown")
        recipients = self.env["res.partner"].search(vip._retail_segment_domain() + vip._retail_consent_domain("email"))
        self.assertIn(member, recipients, "a sub-group's customer is in the group's segment")
        self.assertNotIn(silent, recipients, "campaigns go to opted-in customers only")
        for segment in (self.env["retail.rfm.segment"].search([], limit=1),
                        self.env["retail.partner.attribute.option"].search([], limit=1)):
            self.env["res.partner"].search(segment._retail_segment_domain(), limit=1)
        if "mailing.mailing" in self.env:
            action = vip.action_retail_sms_campaign()
            self.assertEqual(action["context"]["default_mailing_type"], "sms")
        else:
            self.assertFalse(vip.retail_mailing_available)
            with self.assertRaises(UserError):
                vip.action_retail_email_campaign()
