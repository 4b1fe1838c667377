import pytz

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPolicyTour(HttpCase):
    """A happy-hour policy applied automatically at the demo shop's till and stacked after a tier discount."""

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        self.company = self.config.company_id
        self.member_tier = self.env.ref("retail_loyalty.tier_member")
        self.env["retail.member.day"].search([]).write({"active": False})
        self.env["loyalty.program"].search([("program_type", "=", "promotion"), ("trigger", "=", "auto")]).write(
            {"active": False})
        self.massage = self.env.ref("retail_crm.demo_product_spa_massage_60")
        self.partner = self.env["res.partner"].create({"name": "Tour Policy Member"})
        self.env["retail.member.card"].create({
            "barcode": "RM-POLICY-0001", "partner_id": self.partner.id, "company_id": self.company.id})
        # the happy hour runs around the branch's current hour, whatever time the test runs
        local_hour = self._local_hour()
        self.happy_hour = self._policy("Happy hour", 1, {"discount_mode": "percent", "discount": 10}, window={
            "hour_from": (local_hour - 1) % 24, "hour_to": (local_hour + 2) % 24 or 24})
        self.member_gift = self._policy("Member gift", 2, {"discount_mode": "per_order", "discount": 10000},
                                        retail_tier_ids=[Command.set(self.member_tier.ids)])
        self.small = self._policy("Small of group", 3, {"discount_mode": "per_order", "discount": 5000},
                                  retail_exclusive_group="weekday")
        self.big = self._policy("Big of group", 4, {"discount_mode": "per_order", "discount": 20000},
                                retail_exclusive_group="weekday")
        self.closed = self._policy("Closed window", 5, {"discount_mode": "percent", "discount": 50}, window={
            "hour_from": (local_hour + 6) % 24, "hour_to": (local_hour + 8) % 24 or 24})

    def _policy(self, name, sequence, discount, window=None, **values):
        return self.env["loyalty.program"].create({
            "name": name, "retail_policy": True, "company_id": self.company.id, "sequence": sequence,
            "pos_config_ids": [Command.set(self.config.ids)],
            "rule_ids": [Command.create({"reward_point_amount": 1, "reward_point_mode": "order", "minimum_qty": 0})],
            "reward_ids": [Command.create({
                "reward_type": "discount", "discount_applicability": "order", "required_points": 1,
                "description": name, **discount})],
            "retail_window_ids": [Command.create(window)] if window else [],
            **values,
        })

    def _local_hour(self):
        now = pytz.utc.localize(fields.Datetime.now()).astimezone(pytz.timezone(self.config.retail_tz or "UTC"))
        return now.hour

    def test_happy_hour_applied_automatically_after_the_tier_discount(self):
        self.assertEqual(self.partner.retail_tier_id, self.member_tier)
        self.assertEqual(self.member_tier.discount_percent, 5)
        previous = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_policy_happy_hour_tour", login="admin")

        order = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "paid")
        massage_line = order.lines.filtered(lambda line: line.product_id == self.massage)
        self.assertEqual(massage_line.discount, 5, "the tier discount first, on the line")
        reward_lines = order.lines.filtered("is_reward_line").sorted("id")
        self.assertEqual(reward_lines.reward_id.program_id.mapped("name"),
                         ["Happy hour", "Member gift", "Big of group"],
                         "policies stack in their declared sequence; the best of the exclusive group only")
        # 450,000 - 5 % tier = 427,500; then 10 % of it, then 10,000, then 20,000
        self.assertEqual(reward_lines.mapped("price_subtotal_incl"), [-42750, -10000, -20000])
        self.assertAlmostEqual(order.amount_total, 354750)
        self.assertFalse(order.retail_prepaid_flagged, "the server agrees with the till")
        self.assertEqual(order.retail_policy_ids, self.happy_hour | self.member_gift | self.big)
        self.assertEqual([(step["name"], step["amount"]) for step in order.retail_policy_steps], [
            ("Member tier discount", 22500), ("Happy hour", 42750), ("Member gift", 10000), ("Big of group", 20000)],
            "the server keeps the list the till showed and printed, in the same order")

    def test_cap_per_bill_holds_for_free_products_at_the_till(self):
        (self.happy_hour | self.member_gift | self.small | self.big | self.closed).write({"active": False})
        beer = self.env.ref("retail_crm.demo_product_beer_hanoi")
        self.assertEqual(beer.list_price, 20000)
        free_beer = self.env["loyalty.program"].create({
            "name": "Free beer", "retail_policy": True, "company_id": self.company.id, "sequence": 1,
            "pos_config_ids": [Command.set(self.config.ids)], "retail_cap_amount": 50000,
            "rule_ids": [Command.create({"reward_point_amount": 1, "reward_point_mode": "unit", "minimum_qty": 1,
                                         "product_ids": [Command.set(self.massage.ids)]})],
            "reward_ids": [Command.create({"reward_type": "product", "reward_product_id": beer.id,
                                           "reward_product_qty": 1, "required_points": 1})],
        })
        previous = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_policy_cap_tour", login="admin")

        order = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous
        self.assertEqual(len(order), 1)
        reward_line = order.lines.filtered("is_reward_line")
        self.assertEqual(reward_line.reward_id.program_id, free_beer)
        self.assertEqual((reward_line.qty, reward_line.price_subtotal_incl), (2, -40000))
        self.assertFalse(order.retail_prepaid_flagged, "within the cap: the server agrees with the till")
        self.assertEqual(order.retail_policy_ids, free_beer)
        self.assertEqual([(step["name"], step["amount"]) for step in order.retail_policy_steps], [("Free beer", 40000)])
