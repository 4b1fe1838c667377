from odoo.addons.retail_crm.tests.message_common import MessageTransportsMixin
from odoo.tests import tagged

from .common_stored_value import RetailStoredValueCase


@tagged("post_install", "-at_install")
class TestMessageStoredValue(MessageTransportsMixin, RetailStoredValueCase):
    """Recoin cards through retail_crm's message API, delivered to the loopback SMTP server: the
    activation notice of a new card, the level reached and the revenue the next level needs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_transports(cls.company)
        cls.company.write({"retail_quiet_start": 0.0, "retail_quiet_end": 0.0})
        cls.env["retail.message.event"]._create_default_rules(cls.company)
        near_rule = cls.env["retail.message.event"]._rule_for("near_upgrade", cls.company)
        near_rule.write({"near_points": 0.0, "near_percent": 10.0})  # Potential needs 10,000,000: within 1,000,000

    def _consenting_customer(self, name):
        partner = self._customer(name)
        partner.write({"email": f"{name.lower().replace(' ', '.')}@example.com", "tz": "Asia/Ho_Chi_Minh",
                       "retail_email_consent": "opt_in", "retail_sms_consent": "opt_out"})
        return partner

    def _logs(self, partner, event):
        """The email log lines (the SMS ones are logged as skipped: no SMS consent here)."""
        return self.env["retail.message.log"].search(
            [("partner_id", "=", partner.id), ("event", "=", event), ("channel", "=", "email")])

    def test_first_topup_issues_the_card_and_announces_it_once(self):
        partner = self._consenting_customer("Recoin Newcomer")
        self._topup(partner, 500000)
        self._topup(partner, 500000, "2026-11-23 10:00")
        card = self._card(partner)
        [log] = self._logs(partner, "activation")
        self.assertEqual((log.state, log.card_name), ("queued", card.code))
        self._send_emails()
        mails = self._received_by("recoin.newcomer@example.com")
        self.assertEqual(len([mail for mail in mails if card.code in mail["Subject"]]), 1,
                         "one activation notice (the other mails thank for the top-ups)")

    def test_near_the_next_level_then_the_level_reached_are_announced_once_each(self):
        partner = self._consenting_customer("Recoin Climber")
        self._topup(partner, 100000)
        self._sell(partner, 9200000)  # 800,000 short of Potential: near
        [near] = self._logs(partner, "near_upgrade")
        self.assertEqual((near.next_tier_name, near.points_remaining, near.points_basis),
                         ("Potential", 800000, "revenue"))
        self._sell(partner, 100000, "2026-11-23 11:00")  # still near: already told
        self.assertEqual(len(self._logs(partner, "near_upgrade")), 1)
        self._sell(partner, 800000, "2026-11-23 12:00")  # 10,100,000: Potential
        self.assertEqual(self._card(partner).retail_sv_level_id, self.level_potential)
        [reached] = self._logs(partner, "tier_upgrade")
        self.assertEqual(reached.tier_name, "Potential")
        self._send_emails()
        subjects = [mail["Subject"] for mail in self._received_by("recoin.climber@example.com")]
        self.assertTrue(any("Potential" in subject for subject in subjects), subjects)

    def test_far_from_the_next_level_nothing_is_sent(self):
        partner = self._consenting_customer("Recoin Far")
        self._topup(partner, 100000)
        self._sell(partner, 2000000)
        self.assertFalse(self._logs(partner, "near_upgrade"))
