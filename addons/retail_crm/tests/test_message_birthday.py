from datetime import date, datetime

from odoo.tests import tagged

from .message_common import RetailMessageCase


@tagged("post_install", "-at_install")
class TestMessageBirthday(RetailMessageCase):
    """The hourly birthday job: 7 days before and on the day, at the local send hour of each
    customer's timezone, once per birthday, through the loopback SMTP server and SMS gateway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.before_rule = cls.env["retail.message.event"]._rule_for("birthday_before", cls.company)
        cls.day_rule = cls.env["retail.message.event"]._rule_for("birthday_day", cls.company)
        (cls.before_rule | cls.day_rule).write({"send_hour": 9.0})
        cls.before_rule.with_context(lang="en_US").offer = "Double points and 20% off spa services all week"
        cls.day_rule.with_context(lang="en_US").offer = "A free foot massage today"
        # only the test's customers have birthdays in the test's weeks
        cls.env["res.partner"].search([("birthday", "!=", False), ("company_id", "=", cls.company.id)]).write(
            {"birthday": False})

    def _run(self, utc_string):
        count = self.env["res.partner"]._cron_retail_birthday_messages(now=datetime.fromisoformat(utc_string))
        self._send_emails()
        self._send_sms()
        return count

    def test_birthday_before_and_on_the_day_at_local_hour_across_timezone_boundary(self):
        hanoi = self._customer("Hanoi Birthday", birthday=date(1990, 3, 10), tz="Asia/Ho_Chi_Minh")
        los_angeles = self._customer("Los Angeles Birthday", birthday=date(1985, 3, 10), tz="America/Los_Angeles")

        # 02:00 UTC on 3 March: 09:00 in Hà Nội (7 days before), still 18:00 on 2 March in Los Angeles
        self._run("2027-03-03 02:00:00")
        self.assertEqual(set(self._logs(hanoi, "birthday_before").mapped("channel")), {"email", "sms"})
        self.assertFalse(self._logs(los_angeles), "not yet the 3rd in Los Angeles")
        [mail] = self._received_by("hanoi.birthday@example.com")
        self.assertIn("birthday is coming", mail["Subject"])
        self.assertIn("Double points and 20% off spa services", mail.get_body(("html",)).get_content())
        self.assertTrue(mail["List-Unsubscribe"].startswith("<http"))
        sms = [r for r in self.gateway.requests if r["payload"]["phone"] == hanoi.retail_mobile_e164.lstrip("+")]
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms[0]["payload"]["brandname"], "SENSPA")
        self.assertIn("Double points", sms[0]["payload"]["message"])
        self.assertEqual(set(self._logs(hanoi).mapped("state")), {"sent"})

        # 17:00 UTC: 09:00 on 3 March in Los Angeles; Hà Nội already has its message
        self._run("2027-03-03 17:00:00")
        self.assertEqual(len(self._logs(los_angeles, "birthday_before")), 2)
        self.assertEqual(len(self._logs(hanoi, "birthday_before")), 2)
        self.assertEqual(len(self._received_by("hanoi.birthday@example.com")), 1)

        # on the day, at 09:00 local in each zone
        self._run("2027-03-10 02:00:00")
        self.assertEqual(len(self._logs(hanoi, "birthday_day")), 2)
        self.assertFalse(self._logs(los_angeles, "birthday_day"))
        self._run("2027-03-10 17:00:00")
        self.assertEqual(len(self._logs(los_angeles, "birthday_day")), 2)
        greeting = self._received_by("los.angeles.birthday@example.com")[-1]
        self.assertIn("Happy birthday", greeting["Subject"])
        self.assertIn("A free foot massage today", greeting.get_body(("html",)).get_content())
        self.assertEqual(self._logs(hanoi, "birthday_day").mapped("period_key"), ["2027", "2027"])

    def test_february_29_birthday_celebrated_on_the_28th_in_common_years(self):
        leapling = self._customer("Leap Day", birthday=date(2000, 2, 29))
        self._run("2027-02-21 02:00:00")
        self.assertEqual(len(self._logs(leapling, "birthday_before")), 2, "7 days before 28 February 2027")
        self._run("2027-02-28 02:00:00")
        self.assertEqual(len(self._logs(leapling, "birthday_day")), 2, "celebrated on 28 February in 2027")
        # a leap year: the real day, not the 28th
        self._run("2028-02-28 02:00:00")
        self.assertFalse(self._logs(leapling, "birthday_day").filtered(lambda log: log.period_key == "2028"))
        self._run("2028-02-29 02:00:00")
        self.assertEqual(len(self._logs(leapling, "birthday_day").filtered(lambda log: log.period_key == "2028")), 2)

    def test_job_run_twice_sends_nothing_new(self):
        customer = self._customer("Twice Run", birthday=date(1992, 6, 1))
        self.assertEqual(self._run("2027-06-01 03:00:00"), 2)
        self.assertEqual(self._run("2027-06-01 03:00:00"), 0)
        self.assertEqual(self._run("2027-06-01 05:00:00"), 0)
        self.assertEqual(len(self._logs(customer)), 2)
        self.assertEqual(len(self._received_by("twice.run@example.com")), 1)
        self.assertEqual(len([r for r in self.gateway.requests
                              if r["payload"]["phone"] == customer.retail_mobile_e164.lstrip("+")]), 1)

    def test_before_the_send_hour_nothing_then_sent(self):
        customer = self._customer("Early Bird", birthday=date(1992, 7, 8))
        self._run("2027-07-08 00:30:00")  # 07:30 in Hà Nội, before 09:00
        self.assertFalse(self._logs(customer))
        self._run("2027-07-08 02:30:00")
        self.assertEqual(len(self._logs(customer, "birthday_day")), 2)

    def test_send_hour_inside_quiet_hours_is_held(self):
        customer = self._customer("Night Owl", birthday=date(1992, 8, 20))
        self.day_rule.send_hour = 22.0
        self._run("2027-08-20 15:30:00")  # 22:30 in Hà Nội: after the send hour but inside quiet hours
        self.assertFalse(self._logs(customer))

    def test_marketing_birthday_needs_opt_in_and_skips_are_logged(self):
        unknown = self._customer("Never Asked", birthday=date(1980, 9, 9), retail_email_consent="unknown",
                                 retail_sms_consent="opt_out")
        self._run("2027-09-09 02:00:00")
        logs = self._logs(unknown, "birthday_day")
        self.assertEqual(set(logs.mapped("state")), {"skipped"})
        self.assertIn("opted in", logs.filtered(lambda log: log.channel == "email").reason)
        self.assertIn("opted out", logs.filtered(lambda log: log.channel == "sms").reason)
        self.assertFalse(self._received_by("never.asked@example.com"))

    def test_invalid_email_and_phone_skipped_with_reason(self):
        broken = self._customer("Broken Contact", birthday=date(1980, 10, 10), email="not-an-email",
                                mobile="12", phone=False)
        self._run("2027-10-10 02:00:00")
        logs = self._logs(broken, "birthday_day")
        self.assertEqual(set(logs.mapped("state")), {"skipped"})
        self.assertIn("Invalid email", logs.filtered(lambda log: log.channel == "email").reason)
        self.assertIn("no valid mobile", logs.filtered(lambda log: log.channel == "sms").reason)

    def test_branch_rule_switches_the_event_off_for_its_customers(self):
        customer = self._customer("Branch Regular", birthday=date(1991, 11, 11))
        customer.retail_favourite_config_id = self.branch
        self.env["retail.message.event"].create({
            "event": "birthday_day", "company_id": self.company.id, "branch_id": self.branch.id,
            "email_enabled": False, "sms_enabled": False,
        })
        self._run("2027-11-11 02:00:00")
        self.assertFalse(self._logs(customer))

    def test_selection_goes_through_the_month_day_index(self):
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute("""
            EXPLAIN SELECT id FROM res_partner WHERE retail_birthday_md = ANY(%s) AND active AND birthday IS NOT NULL
        """, [[309, 310, 311]])
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("res_partner__retail_birthday_md_index", plan)
