import random
from collections import Counter
from datetime import timedelta
from itertools import permutations

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_suggestion import RetailSuggestionCase


@tagged("post_install", "-at_install")
class TestProductAssociation(RetailSuggestionCase):
    """The nightly job's rules over generated bills, against the same figures counted in Python from
    the bills as generated. The job runs "as of" a day long before the demo shop's sales, so that the
    month it reads holds the generated bills only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now().replace(microsecond=0) - timedelta(days=400)
        cls.goods = {key: cls._goods_for_sale(f"Test basket {key}") for key in "ABCDEF"}
        # products that are never a purchase of their own
        cls.gift_card = cls._goods_for_sale("Test gift card 500k", price=500000)
        cls.env["loyalty.program"].create({
            "name": "Test gift cards", "program_type": "gift_card", "company_id": cls.company.id,
            "rule_ids": [Command.create({"product_ids": [Command.set(cls.gift_card.ids)],
                                         "reward_point_mode": "money", "reward_point_amount": 1})],
        })
        cls.card_type = cls.env["retail.product.card.type"].create({
            "name": "Test 5 washes", "company_id": cls.company.id, "price": 500000,
            "line_ids": [Command.create({"product_id": cls.goods["A"].id, "quantity": 5})],
        })
        cls.tip = cls._goods_for_sale("Test tip", price=10000, available_in_pos=False)
        cls.top_up = cls._goods_for_sale("Test top-up", retail_no_points=True)
        cls.free_gift = cls._goods_for_sale("Test free gift", price=0)
        cls.discount = cls._goods_for_sale("Test bill discount", price=0)
        cls.excluded = cls.gift_card | cls.card_type.product_id | cls.tip | cls.top_up | cls.free_gift | cls.discount

    def _generated_baskets(self, count, seed):
        """Bills of products A-F: B mostly with A, D mostly with C, E and F alone now and then."""
        rng = random.Random(seed)
        baskets = []
        for _index in range(count):
            basket = set()
            if rng.random() < 0.5:
                basket.add("A")
            if rng.random() < (0.7 if "A" in basket else 0.15):
                basket.add("B")
            if rng.random() < 0.3:
                basket.add("C")
            if rng.random() < (0.6 if "C" in basket else 0.1):
                basket.add("D")
            if rng.random() < 0.2 or not basket:
                basket.add("E")
            if rng.random() < 0.1:
                basket.add("F")
            baskets.append(sorted(basket))
        return baskets

    def _noise(self, index):
        """Lines that are not purchases, put on some of the generated bills."""
        noise = []
        for every, line in (
            (7, (self.gift_card, 1, 500000)),
            (9, (self.card_type.product_id, 1, 500000)),
            (5, (self.tip, 1, 10000)),
            (6, (self.top_up, 1, 100000)),
            (4, (self.free_gift, 1, 0, {"is_reward_line": True})),
            (3, (self.discount, 1, -10000)),
        ):
            if index % every == 0:
                noise.append(line)
        return noise

    def _sell_generated(self, baskets, first_date):
        partners = [False, self.env["res.partner"].create({"name": "Test basket customer"})]
        for index, basket in enumerate(baskets):
            lines = [(self.goods[key], 1 + index % 2, 100000) for key in basket]
            # the same product twice on a bill counts once
            if index % 8 == 0:
                lines.append((self.goods[basket[0]], 1, 100000))
            self._sell_bill(partners[index % 2], lines + self._noise(index), first_date + timedelta(hours=5 * index))

    def _sell_outside_the_baskets(self):
        """Bills the job must not read: only prepaid value, refunds, drafts, older than the month,
        and after the day the job runs as of."""
        a, b, f = self.goods["A"], self.goods["B"], self.goods["F"]
        day = self.now - timedelta(days=3)
        for _index in range(3):
            self._sell_bill(False, [(self.gift_card, 1, 500000)], day)
            self._sell_bill(False, [(a, -1, 100000), (f, -1, 100000)], day)
            self._sell_bill(False, [(b, 1, 100000), (f, 1, 100000)], day, state="draft")
            self._sell_bill(False, [(a, 1, 100000), (f, 1, 100000)], self.now - timedelta(days=45))
            self._sell_bill(False, [(b, 1, 100000), (f, 1, 100000)], self.now + timedelta(hours=1))

    def _expected_rules(self, baskets):
        """Support, confidence and lift counted in Python, with the thresholds of the job."""
        bills = len(baskets)
        items = Counter(key for basket in baskets for key in basket)
        pairs = Counter(pair for basket in baskets for pair in permutations(basket, 2))
        min_bills = max(self.thresholds["min_bills"], self.thresholds["min_support"] / 100 * bills)
        expected = {}
        for (first, second), both in pairs.items():
            confidence = both / items[first]
            if both >= min_bills and confidence >= self.thresholds["min_confidence"] / 100:
                expected[(self.goods[first].id, self.goods[second].id)] = {
                    "bill_count": both, "antecedent_bill_count": items[first],
                    "consequent_bill_count": items[second], "total_bill_count": bills,
                    "support": both / bills, "confidence": confidence,
                    "lift": both * bills / (items[first] * items[second]),
                }
        return expected

    def _computed_rules(self):
        rules = self.env["retail.product.association"].search([("company_id", "=", self.company.id)])
        return {(rule.antecedent_id.id, rule.consequent_id.id): rule for rule in rules}

    def _assert_rules_equal(self, computed, expected):
        self.assertEqual(set(computed), set(expected))
        for key, values in expected.items():
            for field, value in values.items():
                self.assertAlmostEqual(computed[key][field], value, places=9, msg=f"{field} of {key}")
            self.assertAlmostEqual(computed[key].score, values["confidence"] * values["lift"], places=9)

    def test_rules_equal_an_independent_computation_on_generated_bills(self):
        baskets = self._generated_baskets(80, seed=20261123)
        self._sell_generated(baskets, self.now - timedelta(days=25))
        self._sell_outside_the_baskets()

        count = self.env["retail.product.association"]._retail_compute(self.company, now=self.now)

        expected = self._expected_rules(baskets)
        computed = self._computed_rules()
        self.assertEqual(count, len(expected))
        self.assertGreater(len(expected), 6, "the generated bills give rules in both directions")
        self.assertIn((self.goods["A"].id, self.goods["B"].id), expected, "B is mostly bought with A")
        self._assert_rules_equal(computed, expected)
        involved = {key for pair in computed for key in pair}
        self.assertFalse(involved & set(self.excluded.ids), "prepaid value, tips and reward lines form no rule")
        self.assertEqual({rule.date_from for rule in computed.values()}, {self.now - relativedelta(months=1)})

    def test_thresholds_cut_rare_and_weak_pairs(self):
        baskets = self._generated_baskets(80, seed=7)
        self._sell_generated(baskets, self.now - timedelta(days=25))
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("retail_loyalty.association_min_confidence", 50)
        params.set_param("retail_loyalty.association_min_support", 10)
        self.thresholds.update(min_confidence=50.0, min_support=10.0)
        self.addCleanup(self.thresholds.update, min_confidence=20.0, min_support=5.0)

        self.env["retail.product.association"]._retail_compute(self.company, now=self.now)

        computed = self._computed_rules()
        self._assert_rules_equal(computed, self._expected_rules(baskets))
        self.assertTrue(all(rule.confidence >= 0.5 and rule.support >= 0.1 for rule in computed.values()))

    def test_recompute_replaces_the_previous_rules(self):
        Association = self.env["retail.product.association"]
        other = Association.create({
            "company_id": self.env.ref("base.main_company").id, "antecedent_id": self.goods["E"].id,
            "consequent_id": self.goods["F"].id, "bill_count": 1,
        })
        first = self._generated_baskets(40, seed=1)
        self._sell_generated(first, self.now - timedelta(days=15))
        Association._retail_compute(self.company, now=self.now)
        before = self._computed_rules()
        before_counts = {key: rule.bill_count for key, rule in before.items()}
        self.assertTrue(before)

        Association._retail_compute(self.company, now=self.now)
        again = self._computed_rules()
        self.assertEqual({key: rule.bill_count for key, rule in again.items()}, before_counts,
                         "the same rules, once each")
        self.assertFalse(any(rule.exists() for rule in before.values()), "the previous rows are replaced")

        # ten days later, the month holds more bills: the rules are those of every bill in it
        second = self._generated_baskets(40, seed=2)
        self._sell_generated(second, self.now + timedelta(days=1))
        Association._retail_compute(self.company, now=self.now + timedelta(days=10))
        self._assert_rules_equal(self._computed_rules(), self._expected_rules(first + second))
        self.assertTrue(other.exists(), "another company's rules are left alone")

    def test_cron_and_recompute_button(self):
        # today's month also holds the demo shop's bills
        self.env["ir.config_parameter"].sudo().set_param("retail_loyalty.association_min_support", 1)
        self._sell_generated(self._generated_baskets(30, seed=3), fields.Datetime.now() - timedelta(days=8))
        cron = self.env.ref("retail_loyalty.ir_cron_product_association")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        cron.method_direct_trigger()
        rules = self._computed_rules()
        self.assertIn((self.goods["A"].id, self.goods["B"].id), rules)

        manager = self.env["res.users"].create({
            "name": "Test suggestion manager", "login": "test_suggestion_manager",
            "company_id": self.company.id, "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set([self.env.ref("retail_crm.group_retail_manager").id])],
        })
        Association = self.env["retail.product.association"].with_user(manager)
        Association.action_retail_compute()
        self.assertEqual(set(self._computed_rules()), set(rules))
        self.assertFalse(any(rule.exists() for rule in rules.values()), "recomputed")

        analyst = manager.copy({"login": "test_suggestion_analyst", "groups_id": [
            Command.set([self.env.ref("retail_crm.group_retail_analyst").id])]})
        self.assertTrue(self.env["retail.product.association"].with_user(analyst).search_count([]), "reads them")
        with self.assertRaises(AccessError):
            self.env["retail.product.association"].with_user(analyst).action_retail_compute()
