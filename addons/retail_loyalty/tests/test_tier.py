from datetime import date

from odoo.tests import tagged

from .common import RetailLoyaltyCase

TODAY = date(2026, 11, 23)


@tagged("post_install", "-at_install")
class TestTier(RetailLoyaltyCase):

    def test_upgrade_happens_on_the_order_that_crosses_the_threshold(self):
        partner = self._member(tier=self.member_tier)
        self._history(partner, "2026-10-01", 4900000)  # 490 points, VIP needs 500 within 6 months
        below = self._sell(partner, 90000, "2026-11-23 10:00")
        self.assertEqual(partner.retail_tier_id, self.member_tier)
        self.assertFalse(below.retail_tier_upgraded)
        self.assertEqual((below.retail_next_tier_name, below.retail_next_tier_missing), ("VIP", 1))

        crossing = self._sell(partner, 10000, "2026-11-23 10:05")
        self.assertEqual(partner.retail_tier_id, self.vip_tier)
        self.assertTrue(crossing.retail_tier_upgraded)
        self.assertEqual(crossing.retail_tier_id, self.vip_tier)
        self.assertEqual((crossing.retail_next_tier_name, crossing.retail_next_tier_missing), ("Gold", 1500))
        change = partner.retail_tier_history_ids.filtered(lambda h: h.reason == "order")
        self.assertEqual((change.from_tier_id, change.to_tier_id, change.direction),
                         (self.member_tier, self.vip_tier, "upgrade"))
        self.assertEqual((change.order_id, change.branch_id), (crossing, self.branch))

    def test_points_outside_the_window_do_not_count_for_the_upgrade(self):
        partner = self._member(tier=self.member_tier)
        self._history(partner, "2026-05-23", 4950000)  # VIP window: 6 months, i.e. after 2026-05-23
        self._sell(partner, 100000, "2026-11-23 10:00")
        self.assertEqual(partner.retail_tier_id, self.member_tier)

    def test_upgrade_can_skip_a_tier(self):
        partner = self._member(tier=self.member_tier)
        self._history(partner, "2026-11-01", 19990000)
        self._sell(partner, 100000)
        self.assertEqual(partner.retail_tier_id, self.gold_tier)

    def test_rolling_window_downgrade_at_the_day_boundary(self):
        """VIP keeps on 3,000,000 ₫ in 6 months: on 2026-11-23 the window holds 2026-05-24 onwards,
        in branch time. A sale at 23:59 on 2026-05-23 no longer counts, one at 00:01 the next day does."""
        late = self._member(name="Bought at 23:59", tier=self.vip_tier)
        early = self._member(name="Bought at 00:01", tier=self.vip_tier)
        self._sell(late, 3000000, "2026-05-23 23:59")
        self._sell(early, 3000000, "2026-05-24 00:01")
        self.assertEqual(late.retail_points_move_ids.local_date, date(2026, 5, 23))
        self.assertEqual(early.retail_points_move_ids.local_date, date(2026, 5, 24))

        self.env["retail.tier"]._cron_evaluate_tiers(today=TODAY)
        self.assertEqual(late.retail_tier_id, self.member_tier)
        self.assertEqual(early.retail_tier_id, self.vip_tier)
        change = late.retail_tier_history_ids.filtered(lambda h: h.reason == "job")
        self.assertEqual((change.from_tier_id, change.to_tier_id, change.direction),
                         (self.vip_tier, self.member_tier, "downgrade"))

        # the next day, the 00:01 sale leaves the window too
        self.env["retail.tier"]._cron_evaluate_tiers(today=date(2026, 11, 24))
        self.assertEqual(early.retail_tier_id, self.member_tier)

    def test_downgrade_one_step_or_straight_to_the_tier_kept(self):
        step = self._member(name="Step", tier=self.gold_tier)
        self.env["retail.tier"]._cron_evaluate_tiers(today=TODAY)
        self.assertEqual(step.retail_tier_id, self.vip_tier)

        self.env["ir.config_parameter"].sudo().set_param("retail_loyalty.downgrade_mode", "straight")
        straight = self._member(name="Straight", tier=self.gold_tier)
        kept_vip = self._member(name="Keeps VIP", tier=self.gold_tier)
        self._history(kept_vip, "2026-10-01", 4000000, points=0)
        self.env["retail.tier"]._cron_evaluate_tiers(today=TODAY)
        self.assertEqual(straight.retail_tier_id, self.member_tier)
        self.assertEqual(kept_vip.retail_tier_id, self.vip_tier)

    def test_grace_period_protects_a_recent_tier(self):
        self.env["ir.config_parameter"].sudo().set_param("retail_loyalty.grace_days", 30)
        partner = self._member(tier=self.vip_tier)
        partner.with_context(retail_tier_change=True).retail_tier_date = "2026-11-10 08:00:00"
        self.env["retail.tier"]._cron_evaluate_tiers(today=TODAY)
        self.assertEqual(partner.retail_tier_id, self.vip_tier)
        self.env["retail.tier"]._cron_evaluate_tiers(today=date(2026, 12, 11))
        self.assertEqual(partner.retail_tier_id, self.member_tier)

    def test_members_who_keep_their_revenue_stay(self):
        partner = self._member(tier=self.gold_tier)
        self._history(partner, "2026-01-10", 15000000, points=0)
        self.assertEqual(self.env["retail.tier"]._tier_decisions(TODAY, [partner.id]), [])

    def test_manual_change_is_recorded_with_the_user(self):
        partner = self._member(tier=self.member_tier)
        partner.retail_tier_id = self.gold_tier
        change = partner.retail_tier_history_ids.filtered(lambda h: h.reason == "manual")
        self.assertEqual((change.from_tier_id, change.to_tier_id, change.user_id),
                         (self.member_tier, self.gold_tier, self.env.user))

    def test_member_info_for_the_till(self):
        partner = self._member(tier=self.vip_tier)
        self._history(partner, "2026-11-01", 5500000)
        info = self.env["res.partner"].retail_pos_member_info(partner.id, self.branch.id)
        self.assertEqual(info["tier_name"], "VIP")
        self.assertEqual(info["discount_percent"], 10)
        self.assertEqual(info["points_balance"], 550)
        self.assertEqual(info["next_tier_name"], "Gold")
        self.assertFalse(self.env["res.partner"].retail_pos_member_info(
            self.env["res.partner"].create({"name": "Not a member"}).id, self.branch.id)["is_member"])
