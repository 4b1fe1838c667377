from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import RetailLoyaltyCase


@tagged("post_install", "-at_install")
class TestBirthdayAndMemberDays(RetailLoyaltyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leapling = cls._member(name="Sinh 29/2", tier=cls.member_tier, birthday=date(1996, 2, 29))
        cls.november = cls._member(name="Sinh 23/11", tier=cls.member_tier, birthday=date(1990, 11, 23))

    def _multipliers(self, partner, day):
        benefit = partner._retail_benefit(day)
        return benefit["discount_multiplier"], benefit["points_multiplier"]

    def test_birthday_day_doubles_discount_and_points(self):
        self.assertEqual(self._multipliers(self.november, date(2026, 11, 23)), (2, 2))
        self.assertEqual(self._multipliers(self.november, date(2026, 11, 22)), (1, 1))
        self.assertEqual(self.november._retail_discount_percent(self.november._retail_benefit(date(2026, 11, 23))), 10)

    def test_29_february_birthday_is_celebrated_on_28_february_in_other_years(self):
        self.assertEqual(self._multipliers(self.leapling, date(2027, 2, 28)), (2, 2))
        self.assertEqual(self._multipliers(self.leapling, date(2027, 3, 1)), (1, 1))
        self.assertEqual(self._multipliers(self.leapling, date(2028, 2, 29)), (2, 2))
        self.assertEqual(self._multipliers(self.leapling, date(2028, 2, 28)), (1, 1))

    def test_birthday_week_is_the_monday_to_sunday_week_of_the_birthday(self):
        self.member_tier.birthday_period = "week"
        # 23 November 2026 is a Monday
        self.assertEqual(self._multipliers(self.november, date(2026, 11, 29)), (2, 2))
        self.assertEqual(self._multipliers(self.november, date(2026, 11, 30)), (1, 1))
        self.assertEqual(self._multipliers(self.november, date(2026, 11, 22)), (1, 1))
        # 28 February 2027 is a Sunday: its week starts on Monday 22 February
        self.assertEqual(self._multipliers(self.leapling, date(2027, 2, 22)), (2, 2))
        self.assertEqual(self._multipliers(self.leapling, date(2027, 3, 1)), (1, 1))

    def test_birthday_week_across_new_year(self):
        self.member_tier.birthday_period = "week"
        new_year_eve = self._member(name="Sinh 31/12", tier=self.member_tier, birthday=date(1985, 12, 31))
        # 31 December 2026 is a Thursday: Sunday 3 January 2027 is still that birthday's week
        self.assertEqual(new_year_eve._retail_benefit(date(2027, 1, 3))["period_key"], "birthday-2026")
        self.assertEqual(self._multipliers(new_year_eve, date(2027, 1, 4)), (1, 1))

    def test_birthday_month_with_a_triple_points_multiplier(self):
        self.member_tier.write({"birthday_period": "month", "birthday_points_multiplier": 3})
        self.assertEqual(self._multipliers(self.leapling, date(2027, 2, 1)), (2, 3))
        self.assertEqual(self._multipliers(self.leapling, date(2028, 2, 29)), (2, 3))
        self.assertEqual(self._multipliers(self.leapling, date(2027, 3, 1)), (1, 1))

    def test_birthday_order_earns_multiplied_points_once_per_period(self):
        self.member_tier.write({"birthday_period": "month", "birthday_points_multiplier": 3,
                                "birthday_once_per_period": True})
        first = self._sell(self.november, 1000000, "2026-11-05 10:00")
        second = self._sell(self.november, 1000000, "2026-11-06 10:00")
        self.assertEqual((first.retail_points_earned, first.retail_points_multiplier), (300, 3))
        self.assertEqual((second.retail_points_earned, second.retail_points_multiplier), (100, 1))
        use = self.november.retail_benefit_use_ids
        self.assertEqual((use.kind, use.order_id, use.branch_id, use.period_key),
                         ("birthday", first, self.branch, "birthday-2026"))

    def test_branch_date_decides_today(self):
        # 23:30 UTC on 22 November is already 06:30 on 23 November in Hà Nội
        order = self._sell(self.november, 1000000, "2026-11-23 06:30")
        self.assertEqual(order.date_order.day, 22)
        self.assertEqual(order.retail_points_multiplier, 2)
        with freeze_time("2026-11-22 23:30:00"):
            info = self.env["res.partner"].retail_pos_member_info(self.november.id, self.branch.id)
        self.assertTrue(info["birthday_today"])
        self.assertEqual((info["discount_percent"], info["benefit_kind"]), (10, "birthday"))

    def test_member_days_multiply_like_birthdays_without_stacking(self):
        fifteenth = self.env["retail.member.day"].create({
            "name": "Ngày 15", "kind": "month_day", "month_day": 15, "points_multiplier": 3})
        last_day = self.env["retail.member.day"].create({
            "name": "Cuối tháng", "kind": "month_day", "month_day": 31, "discount_multiplier": 1.5,
            "points_multiplier": 1})
        saturday = self.env["retail.member.day"].create({
            "name": "Thứ bảy VIP", "kind": "weekday", "weekday": "5", "points_multiplier": 2,
            "tier_ids": [(6, 0, self.vip_tier.ids)]})
        listed = self.env["retail.member.day"].create({
            "name": "Giáng sinh", "kind": "dates", "date_list": "2026-12-24\n2026-12-25", "discount_multiplier": 3,
            "points_multiplier": 1})
        partner = self.november
        self.assertEqual(self._multipliers(partner, date(2026, 12, 15)), (1, 3))
        self.assertEqual(self._multipliers(partner, date(2027, 2, 28)), (1.5, 1))  # 31 -> last day of February
        self.assertEqual(self._multipliers(partner, date(2026, 11, 28)), (1, 1))  # Saturday, but VIP only
        self.assertEqual(self._multipliers(partner, date(2026, 12, 25)), (3, 1))
        # on the birthday (x2/x2) and a x3-points member day, the better one applies, never both
        fifteenth.write({"kind": "dates", "date_list": "2026-11-23"})
        self.assertEqual(self._multipliers(partner, date(2026, 11, 23)), (2, 2))
        self.assertTrue(saturday.active and listed.active and last_day.active)

    def test_member_day_dates_are_validated(self):
        with self.assertRaisesRegex(Exception, "is not a date"):
            self.env["retail.member.day"].create({"name": "Bad", "kind": "dates", "date_list": "24/12/2026"})
