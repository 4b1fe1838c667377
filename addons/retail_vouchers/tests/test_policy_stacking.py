from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from .common_policy import RetailPolicyCase


@tagged("post_install", "-at_install")
class TestPolicyStacking(RetailPolicyCase):
    """Sequence, exclusive groups (best of), combination with tier discounts and coupons, cap per bill."""

    def test_stack_keeps_sequence_order_and_the_best_of_each_exclusive_group(self):
        first = self._policy("First", sequence=1)
        small = self._policy("Small of group", sequence=2, retail_exclusive_group="weekend")
        big = self._policy("Big of group", sequence=3, retail_exclusive_group="weekend")
        last = self._policy("Last", sequence=4)
        kept, beaten = (first | small | big | last)._retail_policy_stack({first: 5, small: 10, big: 30, last: 1})
        self.assertEqual(kept.mapped("name"), ["First", "Big of group", "Last"])
        self.assertEqual(beaten, small)
        kept, beaten = (small | big)._retail_policy_stack({small: 10, big: 10})
        self.assertEqual(kept, small, "on a tie the earlier policy in sequence stays")

    def test_two_policies_of_one_exclusive_group_on_a_bill_flag_the_smaller(self):
        small = self._policy("Small", percent=5, sequence=2, retail_exclusive_group="weekend")
        big = self._policy("Big", percent=15, sequence=3, retail_exclusive_group="weekend")
        other = self._policy("Independent", percent=2, sequence=1)
        with freeze_time(self._now("2026-11-28 10:01")):
            order = self._sell_with_policies(
                None, "2026-11-28 10:00", 100000, [(other, 2000), (small, 5000), (big, 15000)])
        self.assertEqual(order.retail_prepaid_amount_due, 5000)
        self.assertEqual(order.retail_policy_ids, other | big)
        self.assertIn("exclusive group weekend", order.retail_prepaid_flag_note)

    def test_policy_not_combining_with_tier_discount(self):
        exclusive = self._policy("No tier", percent=10, retail_combine_tier=False)
        stacking = self._policy("With tier", percent=5)
        gold = self._member("Test gold member", tier=self.gold_tier)
        with freeze_time(self._now("2026-11-24 10:01")):
            # the gold tier's 15 % sits on the line, then both policies
            order = self._sell_with_policies(
                gold, "2026-11-24 10:00", 100000, [(stacking, 4250), (exclusive, 8500)], discount=15)
        self.assertEqual(order.retail_prepaid_amount_due, 8500)
        self.assertIn("tier discount", order.retail_prepaid_flag_note)
        self.assertEqual(order.retail_policy_ids, stacking)
        with freeze_time(self._now("2026-11-24 10:06")):
            plain = self._sell_with_policies(gold, "2026-11-24 10:05", 100000, [(exclusive, 10000)])
        self.assertFalse(plain.retail_prepaid_flagged, "without a tier discount on the bill it applies")

    def test_policy_not_combining_with_coupons(self):
        policy = self._policy("No coupons", percent=10, retail_combine_coupon=False)
        coupon_program = self.env["loyalty.program"].create({
            "name": "Test coupon", "program_type": "coupons", "company_id": self.company.id,
            "pos_config_ids": [Command.set(self.branch.ids)],
            "reward_ids": [Command.create({"reward_type": "discount", "discount_mode": "per_order", "discount": 10000,
                                           "required_points": 1})],
        })
        coupon_reward = coupon_program.reward_ids[:1]
        lines = [self._line(self.service, 1, 100000),
                 self._line(coupon_reward.discount_line_product_id, 1, -10000, reward=coupon_reward),
                 self._line(policy.reward_ids.discount_line_product_id, 1, -9000, reward=policy.reward_ids)]
        with freeze_time(self._now("2026-11-24 10:01")):
            order = self._sell_lines(None, "2026-11-24 10:00", lines)
        self.assertEqual(order.retail_prepaid_amount_due, 9000)
        self.assertIn("coupon", order.retail_prepaid_flag_note)

    def test_cap_per_bill_is_odoo_max_discount_and_rechecked(self):
        policy = self._policy("Capped", percent=20, retail_cap_amount=15000)
        self.assertEqual(policy.reward_ids.discount_max_amount, 15000)
        with freeze_time(self._now("2026-11-24 10:01")):
            order = self._sell_with_policies(None, "2026-11-24 10:00", 100000, [(policy, 20000)])
        self.assertEqual(order.retail_prepaid_amount_due, 5000)
        self.assertEqual(order.retail_policy_ids, policy)

    def test_policy_not_combining_with_vouchers(self):
        policy = self._policy("No vouchers", percent=10, retail_combine_voucher=False)
        voucher_line = {**self._line(self.service, 1, -50000), "retail_voucher_serial": "TEST-NOT-RESERVED"}
        lines = [self._line(self.service, 1, 100000), voucher_line,
                 self._line(policy.reward_ids.discount_line_product_id, 1, -10000, reward=policy.reward_ids)]
        with freeze_time(self._now("2026-11-24 10:01")):
            order = self._sell_lines(None, "2026-11-24 10:00", lines)
        self.assertIn("does not combine with a voucher", order.retail_prepaid_flag_note)
        self.assertTrue(order.lines.filtered("is_reward_line").retail_policy_refused)
        self.assertFalse(order.retail_policy_ids)
        self.assertFalse(policy._retail_policy_combination_refusal(True, False, True), "tier and coupons combine")

    def test_steps_list_the_tier_discount_then_the_policies_in_their_sequence(self):
        first = self._policy("First", percent=10, sequence=1)
        second = self._policy("Second", sequence=2, reward={
            "reward_type": "discount", "discount_mode": "per_order", "discount": 5000,
            "discount_applicability": "order", "required_points": 1, "description": "5,000 off"})
        gold = self._member("Test gold steps", tier=self.gold_tier)
        with freeze_time(self._now("2026-11-24 10:01")):
            # the till sends the reward lines in any order: the steps follow the stacking order
            order = self._sell_with_policies(
                gold, "2026-11-24 10:00", 100000, [(second, 5000), (first, 8500)], discount=15)
        self.assertFalse(order.retail_prepaid_flagged)
        steps = order.retail_policy_steps
        self.assertEqual([(step["index"], step["kind"], step["name"], step["amount"]) for step in steps], [
            (1, "tier", "Member tier discount", 15000), (2, "policy", "First", 8500), (3, "policy", "Second", 5000)])
        self.assertEqual(steps[0]["detail"], "-15 %")
        self.assertEqual(steps[2]["detail"], "5,000 off")
        self.assertEqual([step["program_id"] for step in steps[1:]], [first.id, second.id])
        self.assertTrue(order.retail_policy_steps_text.startswith("1. Member tier discount (-15 %): -"))
        self.assertIn("3. Second (5,000 off): -", order.retail_policy_steps_text)

    def test_steps_mark_a_policy_the_server_did_not_honour(self):
        small = self._policy("Small", percent=5, sequence=2, retail_exclusive_group="weekend")
        big = self._policy("Big", percent=15, sequence=3, retail_exclusive_group="weekend")
        with freeze_time(self._now("2026-11-28 10:01")):
            order = self._sell_with_policies(None, "2026-11-28 10:00", 100000, [(small, 5000), (big, 15000)])
        steps = order.retail_policy_steps
        self.assertEqual([(step["name"], step["refused"]) for step in steps], [("Small", True), ("Big", False)])
        self.assertIn("not honoured", order.retail_policy_steps_text.splitlines()[0])
        plain = self._sell_with_policies(None, "2026-11-28 10:00", 100000, [])
        self.assertFalse(plain.retail_policy_steps, "a bill without tier discount or policy lists nothing")

    def test_cap_per_bill_holds_for_free_products(self):
        """A free product counts in the cap: one free beer (50,000) fits a cap of 60,000, two do not."""
        policy = self._policy("Free beer", sequence=1, retail_cap_amount=60000, reward={
            "reward_type": "product", "reward_product_id": self.beer.id, "reward_product_qty": 1,
            "required_points": 1})
        self.assertEqual(policy.retail_policy_pos_data["cap_amount"], 60000, "the till knows the cap")
        reward = policy.reward_ids
        with freeze_time(self._now("2026-11-24 10:01")):
            one = self._sell_lines(None, "2026-11-24 10:00", [
                self._line(self.beer, 2, 50000), self._line(reward.discount_line_product_id, 1, -50000, reward=reward)])
            two = self._sell_lines(None, "2026-11-24 10:05", [
                self._line(self.beer, 3, 50000), self._line(reward.discount_line_product_id, 2, -50000, reward=reward)])
        self.assertFalse(one.retail_prepaid_flagged)
        self.assertEqual(one.retail_policy_steps[0]["detail"], f"1 x {reward.description}")
        self.assertEqual(two.retail_prepaid_amount_due, 40000, "what the free products took above the cap")
        self.assertIn("above its cap", two.retail_prepaid_flag_note)
        self.assertEqual(two.retail_policy_steps[0]["amount"], 100000)
