from datetime import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_policy import RetailPolicyCase


@tagged("post_install", "-at_install")
class TestPolicyWindow(RetailPolicyCase):
    """Golden hours: weekday and hour windows, crossing midnight, in the branch's time zone.
    2026-11-27 is a Friday."""

    def test_friday_night_window_covers_saturday_small_hours(self):
        policy = self._policy(windows=[self._window(["fri"], 22.0, 2.0)])
        window = policy.retail_window_ids
        self.assertTrue(window.crosses_midnight)
        self.assertTrue(window._contains(datetime(2026, 11, 27, 22, 0)))
        self.assertTrue(window._contains(datetime(2026, 11, 27, 23, 59)))
        self.assertTrue(window._contains(datetime(2026, 11, 28, 1, 0)), "Saturday 01:00 is Friday's golden hour")
        self.assertFalse(window._contains(datetime(2026, 11, 28, 2, 0)), "the end is excluded")
        self.assertFalse(window._contains(datetime(2026, 11, 27, 21, 59)))
        self.assertFalse(window._contains(datetime(2026, 11, 28, 22, 30)), "Saturday night is not in the window")
        self.assertFalse(window._contains(datetime(2026, 11, 27, 1, 0)), "Thursday's window is not declared")
        self.assertFalse(self._refusal(policy, "2026-11-28 01:00"))
        self.assertTrue(self._refusal(policy, "2026-11-28 02:30"))

    def test_sunday_night_window_wraps_to_monday(self):
        window = self._policy(windows=[self._window(["sun"], 23.0, 1.0)]).retail_window_ids
        self.assertTrue(window._contains(datetime(2026, 11, 30, 0, 30)), "Monday 00:30 ends Sunday's window")
        self.assertFalse(window._contains(datetime(2026, 11, 24, 0, 30)))

    def test_window_is_read_in_the_branch_timezone_not_utc(self):
        policy = self._policy(windows=[self._window(["mon", "tue", "wed", "thu", "fri"], 10.0, 12.0)])
        moment = self._utc("2026-11-27 10:30")  # 03:30 UTC
        lines = [(self.service, 1, 100000, 100000)]
        self.assertFalse(policy._retail_policy_refusal(self.branch, moment, None, lines))
        self.branch.retail_tz = "UTC"
        refusal = policy._retail_policy_refusal(self.branch, moment, None, lines)
        self.assertIn("03:30", refusal)

    def test_validity_dates_use_the_branch_local_date(self):
        policy = self._policy(date_from="2026-11-20", date_to="2026-11-27")
        self.assertFalse(self._refusal(policy, "2026-11-27 23:30"))
        # 00:30 on the 28th in Hanoi is still the 27th in UTC: the branch's date decides
        self.assertEqual(self._utc("2026-11-28 00:30").day, 27)
        self.assertIn("not valid on 2026-11-28", self._refusal(policy, "2026-11-28 00:30"))
        self.assertTrue(self._refusal(policy, "2026-11-19 23:59"))

    def test_several_windows_any_one_suffices(self):
        policy = self._policy(windows=[self._window(["mon"], 8.0, 9.0), self._window(["sat"], 14.0, 16.0)])
        self.assertFalse(self._refusal(policy, "2026-11-23 08:30"))
        self.assertFalse(self._refusal(policy, "2026-11-28 15:00"))
        self.assertTrue(self._refusal(policy, "2026-11-28 08:30"))

    def test_window_hours_are_validated(self):
        with self.assertRaises(ValidationError):
            self._policy(windows=[self._window(["mon"], 9.0, 9.0)])
        with self.assertRaises(ValidationError):
            self._policy(windows=[self._window(["mon"], 9.0, 25.0)])
        with self.assertRaises(ValidationError):
            self._policy(windows=[self._window([], 9.0, 10.0)])

    def test_policy_must_be_an_automatic_promotion(self):
        with self.assertRaises(ValidationError):
            self._policy(trigger="with_code")
