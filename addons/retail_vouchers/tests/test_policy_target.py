from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from .common_policy import RetailPolicyCase


@tagged("post_install", "-at_install")
class TestPolicyTarget(RetailPolicyCase):
    """Each target alone, and targets of different kinds together (all must hold)."""

    def test_customer_group_includes_its_sub_groups(self):
        groups = self.env["retail.customer.group"]
        office = groups.create({"name": "Test office workers"})
        bank = groups.create({"name": "Test bank staff", "parent_id": office.id})
        policy = self._policy(retail_group_ids=[Command.set(office.ids)])
        banker = self._member("Test banker")
        banker.retail_group_ids = bank
        stranger = self._member("Test stranger")
        self.assertFalse(self._refusal(policy, "2026-11-23 10:00", banker))
        self.assertIn(office.id, banker.retail_policy_facts["group_ids"])
        self.assertIn("groups", self._refusal(policy, "2026-11-23 10:00", stranger))
        self.assertTrue(self._refusal(policy, "2026-11-23 10:00", None), "an anonymous bill is in no group")

    def test_individual_customers(self):
        chosen, other = self._member("Test chosen"), self._member("Test other")
        policy = self._policy(retail_partner_ids=[Command.set(chosen.ids)])
        self.assertFalse(self._refusal(policy, "2026-11-23 10:00", chosen))
        self.assertTrue(self._refusal(policy, "2026-11-23 10:00", other))

    def test_member_tier(self):
        policy = self._policy(retail_tier_ids=[Command.set(self.gold_tier.ids)])
        self.assertFalse(self._refusal(policy, "2026-11-23 10:00", self._member("Test gold", tier=self.gold_tier)))
        self.assertIn("tier", self._refusal(policy, "2026-11-23 10:00", self._member("Test vip", tier=self.vip_tier)))

    def test_new_members_joined_today_or_within_days(self):
        with freeze_time("2026-11-20 03:00:00"):
            member = self._member("Test newcomer")
        self.assertEqual(member._retail_member_since().isoformat(), "2026-11-20")
        today_only = self._policy("Welcome", retail_new_members=True, retail_new_member_days=0)
        first_week = self._policy("First week", retail_new_members=True, retail_new_member_days=7)
        self.assertFalse(self._refusal(today_only, "2026-11-20 18:00", member))
        self.assertTrue(self._refusal(today_only, "2026-11-21 09:00", member))
        self.assertFalse(self._refusal(first_week, "2026-11-27 21:00", member))
        self.assertTrue(self._refusal(first_week, "2026-11-28 09:00", member))
        self.assertTrue(self._refusal(first_week, "2026-11-23 09:00", self.env["res.partner"].create(
            {"name": "Test no card"})), "a customer without a card is no member")

    def test_bill_total_threshold_is_odoo_rule_minimum_amount(self):
        policy = self._policy(rule={"minimum_amount": 500000})
        self.assertTrue(self._refusal(policy, "2026-11-23 10:00", lines=[(self.service, 1, 499000, 499000)]))
        self.assertFalse(self._refusal(policy, "2026-11-23 10:00", lines=[(self.service, 1, 500000, 500000)]))

    def test_product_category_and_product(self):
        by_category = self._policy("Drinks", rule={"product_category_id": self.category.id, "minimum_qty": 1})
        by_product = self._policy("Beer", rule={"product_ids": [Command.set(self.beer.ids)], "minimum_qty": 2})
        spa_only = [(self.service, 1, 100000, 100000)]
        one_beer = [(self.service, 1, 100000, 100000), (self.beer, 1, 50000, 50000)]
        two_beers = [(self.beer, 2, 100000, 100000)]
        self.assertTrue(self._refusal(by_category, "2026-11-23 10:00", lines=spa_only))
        self.assertFalse(self._refusal(by_category, "2026-11-23 10:00", lines=one_beer))
        self.assertTrue(self._refusal(by_product, "2026-11-23 10:00", lines=one_beer), "two beers needed")
        self.assertFalse(self._refusal(by_product, "2026-11-23 10:00", lines=two_beers))

    def test_targets_of_different_kinds_must_all_hold(self):
        gold = self._member("Test gold chosen", tier=self.gold_tier)
        vip = self._member("Test vip chosen", tier=self.vip_tier)
        policy = self._policy(retail_tier_ids=[Command.set(self.gold_tier.ids)],
                              retail_partner_ids=[Command.set((gold | vip).ids)])
        self.assertFalse(self._refusal(policy, "2026-11-23 10:00", gold))
        self.assertTrue(self._refusal(policy, "2026-11-23 10:00", vip))

    def test_branch_restriction(self):
        policy = self._policy()
        other_branch = self.env["pos.config"].create({"name": "Test other branch", "company_id": self.company.id})
        lines = [(self.service, 1, 100000, 100000)]
        self.assertIn("not valid at", policy._retail_policy_refusal(
            other_branch, self._utc("2026-11-23 10:00"), None, lines))
