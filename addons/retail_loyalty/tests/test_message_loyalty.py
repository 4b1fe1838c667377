from freezegun import freeze_time

from odoo.addons.retail_crm.tests.message_common import MessageTransportsMixin
from odoo.tests import tagged

from .common import RetailLoyaltyCase


@tagged("post_install", "-at_install")
class TestMessageLoyalty(MessageTransportsMixin, RetailLoyaltyCase):
    """Loyalty events announced through retail_crm's message API, delivered to the loopback SMTP
    server and SMS gateway: card activation, near upgrade with the points remaining, tier changes,
    and the thank-you after checkout with the member's standing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_transports(cls.company)
        cls.company.write({"retail_quiet_start": 0.0, "retail_quiet_end": 0.0})  # no quiet hours here
        cls.env["retail.message.event"]._create_default_rules(cls.company)
        cls.near_rule = cls.env["retail.message.event"]._rule_for("near_upgrade", cls.company)
        cls.near_rule.write({"near_points": 30.0, "near_percent": 0.0})
        cls.member_sequence = 0

    @classmethod
    def _consenting_member(cls, name, tier=None):
        cls.member_sequence += 1
        partner = cls._member(name=name, tier=tier)
        partner.write({
            "email": f"{name.lower().replace(' ', '.')}@example.com", "mobile": f"0912{cls.member_sequence:06d}",
            "country_id": cls.env.ref("base.vn").id, "tz": "Asia/Ho_Chi_Minh",
            "retail_email_consent": "opt_in", "retail_sms_consent": "opt_in",
        })
        return partner

    def _logs(self, partner, event):
        return self.env["retail.message.log"].search([("partner_id", "=", partner.id), ("event", "=", event)])

    def _deliver(self):
        self._send_emails()
        self._send_sms()

    def _sms_to(self, partner):
        number = partner.retail_mobile_e164.lstrip("+")
        return [r["payload"]["message"] for r in self.gateway.requests if r["payload"]["phone"] == number]

    def test_activation_notice_when_a_stock_card_is_issued(self):
        partner = self._consenting_member("Card Receiver")
        card = self.env["retail.member.card"].create({"barcode": "SEN99990001", "company_id": self.company.id})
        card.action_activate(partner, self.branch)
        logs = self._logs(partner, "activation")
        self.assertEqual(set(logs.mapped("channel")), {"email", "sms"})
        self.assertEqual(set(logs.mapped("card_name")), {"SEN99990001"})
        self._deliver()
        self.assertEqual(set(logs.mapped("state")), {"sent"})
        [mail] = self._received_by("card.receiver@example.com")
        self.assertIn("SEN99990001", mail["Subject"])
        self.assertIn("Member", mail.get_body(("html",)).get_content(), "the tier the card enrolled into")
        [sms] = self._sms_to(partner)
        self.assertIn("SEN99990001", sms)
        card._retail_send_activation()
        self.assertEqual(len(self._logs(partner, "activation")), 2, "one notice per card")

    def test_replacement_card_gets_its_own_activation_notice(self):
        partner = self._consenting_member("Lost Wallet")
        card = partner.retail_member_card_ids
        card.write({"state": "active"})
        card._replace_with({"barcode": "SEN99990002"})
        self.assertEqual(set(self._logs(partner, "activation").mapped("card_name")), {"SEN99990002"})

    def test_near_upgrade_says_how_many_points_remain(self):
        partner = self._consenting_member("Almost Vip", tier=self.member_tier)
        self._history(partner, "2026-10-01", 4800000)  # 480 points; VIP needs 500
        self._sell(partner, 100000, "2026-11-23 10:00")  # 490: 10 missing, within 30
        logs = self._logs(partner, "near_upgrade")
        self.assertEqual(len(logs), 2)
        self.assertEqual(set(logs.mapped("points_remaining")), {10.0})
        self.assertEqual(set(logs.mapped("next_tier_name")), {"VIP"})
        self._deliver()
        [mail] = [m for m in self._received_by("almost.vip@example.com") if "VIP" in m["Subject"]]
        self.assertIn("Only 10 points to VIP", mail["Subject"])
        self.assertIn("<strong>10 points</strong> away from <strong>VIP</strong>",
                      mail.get_body(("html",)).get_content())
        self.assertTrue(any("only 10 points to VIP" in sms for sms in self._sms_to(partner)))
        self._sell(partner, 50000, "2026-11-23 11:00")  # 495: still near, already told
        self.assertEqual(len(self._logs(partner, "near_upgrade")), 2)

    def test_no_near_upgrade_when_far_from_the_next_tier(self):
        partner = self._consenting_member("Far Away", tier=self.member_tier)
        self._history(partner, "2026-10-01", 1000000)
        self._sell(partner, 100000, "2026-11-23 10:00")  # 110 points: 390 missing
        self.assertFalse(self._logs(partner, "near_upgrade"))

    def test_near_upgrade_by_percentage_of_the_threshold(self):
        self.near_rule.write({"near_points": 0.0, "near_percent": 10.0})  # within 50 of VIP's 500
        partner = self._consenting_member("Percent Near", tier=self.member_tier)
        self._history(partner, "2026-10-01", 4450000)
        self._sell(partner, 100000, "2026-11-23 10:00")  # 455: 45 missing
        self.assertEqual(set(self._logs(partner, "near_upgrade").mapped("points_remaining")), {45.0})

    @freeze_time("2026-11-23 03:30:00")  # half an hour after the sale: the thank-you goes only for recent orders
    def test_tier_upgrade_notice_on_the_crossing_order_and_thank_you_with_standing(self):
        partner = self._consenting_member("Crossing Member", tier=self.member_tier)
        self._history(partner, "2026-10-01", 4950000)
        order = self._sell(partner, 100000, "2026-11-23 10:00")
        self.assertEqual(partner.retail_tier_id, self.vip_tier)
        upgrade = self._logs(partner, "tier_upgrade")
        self.assertEqual(set(upgrade.mapped("tier_name")), {"VIP"})
        thank_you = self._logs(partner, "thank_you")
        self.assertEqual(set(thank_you.mapped("pos_order_id")), {order})
        self.assertEqual(set(thank_you.mapped("tier_name")), {"VIP"})
        self.assertEqual(set(thank_you.mapped("points_remaining")), {order.retail_next_tier_missing})
        self._deliver()
        subjects = [m["Subject"] for m in self._received_by("crossing.member@example.com")]
        self.assertIn("Welcome to VIP, Crossing Member!", subjects)
        self.assertIn("Thank you for your visit, Crossing Member", subjects)

    def test_tier_downgrade_notice_from_the_daily_job_once(self):
        partner = self._consenting_member("Quiet Vip", tier=self.vip_tier)
        self.env["retail.tier"]._cron_evaluate_tiers()
        self.assertEqual(partner.retail_tier_id, self.member_tier)
        downgrade = self._logs(partner, "tier_downgrade")
        self.assertEqual(len(downgrade), 2)
        self.assertEqual(set(downgrade.mapped("tier_name")), {"Member"})
        self.env["retail.tier"]._cron_evaluate_tiers()
        self.assertEqual(len(self._logs(partner, "tier_downgrade")), 2)
