from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common_policy import RetailPolicyCase


@tagged("post_install", "-at_install")
class TestPolicyRecheck(RetailPolicyCase):
    """The server re-checks each policy reward line when the order arrives: the order is always kept,
    a line that should not have been granted is flagged for a manager with the amount."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Friday 18:00-20:00, 20 % off the bill
        cls.happy_hour = cls._policy("Happy hour", percent=20, windows=[cls._window(["fri"], 18.0, 20.0)])

    def test_happy_hour_honoured_when_the_till_clock_is_right(self):
        with freeze_time(self._now("2026-11-27 18:31")):
            order = self._sell_with_policies(None, "2026-11-27 18:30", 100000, [(self.happy_hour, 20000)])
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual(order.retail_policy_ids, self.happy_hour)
        self.assertFalse(order.lines.filtered("retail_policy_refused"))

    def test_till_clock_running_fast_gains_nothing(self):
        # the till shows 18:30 but it is 15:30 at the branch when the order arrives
        with freeze_time(self._now("2026-11-27 15:30")):
            order = self._sell_with_policies(None, "2026-11-27 18:30", 100000, [(self.happy_hour, 20000)])
        self.assertEqual(order.state, "paid", "the order is kept")
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertEqual(order.retail_prepaid_amount_due, 20000)
        self.assertIn("Happy hour", order.retail_prepaid_flag_note)
        self.assertTrue(order.lines.filtered("is_reward_line").retail_policy_refused)
        self.assertFalse(order.retail_policy_ids)
        self.assertTrue(order.activity_ids, "a manager has a to-do")

    def test_till_clock_set_back_before_the_session_opened_gains_nothing(self):
        afternoon = self._policy("Afternoon", percent=10, windows=[self._window(["fri"], 15.0, 17.0)])
        self.session.start_at = self._utc("2026-11-27 17:00")
        with freeze_time(self._now("2026-11-27 17:30")):
            order = self._sell_with_policies(None, "2026-11-27 16:00", 100000, [(afternoon, 10000)])
        self.assertEqual(order.retail_prepaid_amount_due, 10000)

    def test_offline_till_order_arriving_late_keeps_its_sale_time(self):
        with freeze_time(self._now("2026-11-27 23:00")):
            order = self._sell_with_policies(None, "2026-11-27 19:00", 100000, [(self.happy_hour, 20000)])
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual(order.retail_policy_ids, self.happy_hour)

    def test_customer_outside_the_target_is_flagged(self):
        gold_only = self._policy("Gold day", percent=15, retail_tier_ids=[Command.set(self.gold_tier.ids)],
                                 retail_combine_tier=True)
        member = self._member("Test plain member", tier=self.member_tier)
        with freeze_time(self._now("2026-11-24 10:01")):
            order = self._sell_with_policies(member, "2026-11-24 10:00", 200000, [(gold_only, 30000)])
        self.assertEqual(order.retail_prepaid_amount_due, 30000)
        self.assertIn("tier", order.retail_prepaid_flag_note)

    def test_refunds_are_not_rechecked(self):
        with freeze_time(self._now("2026-11-27 18:31")):
            order = self._sell_with_policies(None, "2026-11-27 18:30", 100000, [(self.happy_hour, 20000)])
        refund = order._refund()
        refund._retail_policy_recheck()
        self.assertFalse(refund.retail_prepaid_flagged)

    def test_only_retail_managers_edit_policies(self):
        cashier = new_test_user(self.env, login="test_policy_cashier", groups="point_of_sale.group_pos_manager",
                                company_id=self.company.id, company_ids=self.company.ids)
        with self.assertRaises(AccessError):
            self.happy_hour.with_user(cashier).write({"name": "Free for all"})
        with self.assertRaises(AccessError):
            self.env["loyalty.program"].with_user(cashier).create({"name": "Sneaky", "retail_policy": True})
        manager = new_test_user(
            self.env, login="test_policy_manager",
            groups="point_of_sale.group_pos_manager,retail_crm.group_retail_manager",
            company_id=self.company.id, company_ids=self.company.ids)
        self.happy_hour.with_user(manager).write({"name": "Happy hour (late)"})
        self.assertEqual(self.happy_hour.name, "Happy hour (late)")
