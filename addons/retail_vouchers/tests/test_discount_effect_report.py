from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta

import pytz
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common_policy import RetailPolicyCase
from .common_voucher import RetailVoucherCase

DAY_ONE = "2025-06-10"
DAY_TWO = "2025-06-11"
MEASURES = ["bills", "discount_cost", "revenue", "margin", "bills_without", "revenue_without",
            "incremental_revenue", "net_return"]


@tagged("post_install", "-at_install")
class TestDiscountEffectReport(RetailVoucherCase):
    """Bills with a member tier discount, a discount policy, vouchers and coupons at Hoàn Kiếm over two
    days, and a coupon at Cầu Giấy: the report's figures equal the same figures computed here from the
    orders, line by line, and the amounts worked out by hand."""

    # the policy tests' way of making a policy (their order helpers differ from the voucher tests')
    _policy = vars(RetailPolicyCase)["_policy"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the policies' sale time is never earlier than the session's opening: open it before the test days
        cls.session.start_at = "2025-01-01 00:00:00"
        cls.other_branch.retail_tz = "Asia/Ho_Chi_Minh"
        cls.other_session = cls.other_branch.current_session_id or cls.env["pos.session"].create(
            {"config_id": cls.other_branch.id, "user_id": cls.env.uid})
        cls.other_cash = cls.other_branch.payment_method_ids.filtered("is_cash_count")[:1]
        cls.member = cls._member("Test effect member", tier=cls.member_tier)
        cls.second_member = cls._member("Test effect second member", tier=cls.member_tier)
        cls.policy = cls._policy("Test effect 10 % policy", percent=10)
        cls.Report = cls.env["retail.discount.effect.report"]

    @contextmanager
    def _at(self, local_string):
        """The clock of the branch shows ``local_string`` (the till's sale time and the server's now)."""
        with freeze_time(self._utc(local_string)):
            yield

    def _discounted(self, product, price, percent):
        subtotal = price * (1 - percent / 100)
        return self._line(product, price, discount=percent, price_subtotal=subtotal, price_subtotal_incl=subtotal)

    def _policy_line(self, amount):
        reward = self.policy.reward_ids[:1]
        return self._line(reward.discount_line_product_id, -amount, reward_id=reward.id, is_reward_line=True)

    def _coupon_line(self, coupon, amount, branch=None):
        token = self._reserve(coupon, branch=branch)["token"]
        return self._line(coupon.type_id.product_id, -amount, retail_coupon_serial=coupon.serial,
                          retail_coupon_token=token)

    def _voucher_line(self, voucher, amount):
        token = self._reserve(voucher)["token"]
        return self._line(self.voucher_product, -amount, retail_voucher_serial=voucher.serial,
                          retail_voucher_token=token)

    def _sell_scenario(self):
        """Day one at Hoàn Kiếm: 7 bills worth 905,500 (the two voucher sales are no bills); day two: 3
        bills worth 245,000; day one at Cầu Giấy: 2 bills worth 260,000."""
        with self._at(f"{DAY_ONE} 09:00"):
            first_voucher = self._sold_voucher()
            second_voucher = self._sold_voucher()
        orders = {}
        with self._at(f"{DAY_ONE} 10:00"):
            # two benefits: the member's 5 % (5,000) and the policy's 10 % of the rest (9,500)
            orders["tier_and_policy"] = self._serial_order(
                self.member, [self._discounted(self.service, 100000, 5), self._policy_line(9500)])
        with self._at(f"{DAY_ONE} 11:00"):
            # 20 % by hand: the tier's 5 % of 200,000 is its cost, the rest is the cashier's
            orders["manual_discount"] = self._serial_order(
                self.second_member, [self._discounted(self.service, 200000, 20)])
        with self._at(f"{DAY_ONE} 12:00"):
            # the 100K voucher sold for 90K pays 100,000: 10,000 beyond what the shop received
            orders["voucher_full"] = self._serial_order(
                None, [self._line(self.service, 150000), self._voucher_line(first_voucher, 100000)])
        with self._at(f"{DAY_ONE} 13:00"):
            # 60,000 of a voucher sold for 90,000: no cost, the 40,000 left is breakage
            orders["voucher_smaller_bill"] = self._serial_order(
                None, [self._line(self.service, 60000), self._voucher_line(second_voucher, 60000)])
        with self._at(f"{DAY_ONE} 14:00"):
            orders["coupon"] = self._serial_order(
                None, [self._line(self.service, 300000), self._coupon_line(self._coupons(), 50000)])
        with self._at(f"{DAY_ONE} 15:00"):
            orders["plain_1"] = self._serial_order(None, [self._line(self.service, 80000)])
        with self._at(f"{DAY_ONE} 16:00"):
            orders["plain_2"] = self._serial_order(None, [self._line(self.service, 120000)])
        with self._at(f"{DAY_ONE} 17:00"):
            coupon = self._coupons(coupon_type=self.percent_coupon_type)
            orders["other_branch_coupon"] = self._serial_order(
                None, [self._line(self.scoped_product, 200000),
                       self._coupon_line(coupon, 40000, branch=self.other_branch)],
                session=self.other_session, cash=self.other_cash)
            orders["other_branch_plain"] = self._serial_order(
                None, [self._line(self.service, 100000)], session=self.other_session, cash=self.other_cash)
        with self._at(f"{DAY_TWO} 10:00"):
            orders["day_two_tier"] = self._serial_order(self.member, [self._discounted(self.service, 100000, 5)])
            orders["day_two_plain_1"] = self._serial_order(None, [self._line(self.service, 100000)])
            orders["day_two_plain_2"] = self._serial_order(None, [self._line(self.service, 50000)])
        for name, order in orders.items():
            self.assertFalse(order.retail_prepaid_flagged, f"{name}: {order.retail_prepaid_flag_note}")
        self.env.flush_all()
        return orders

    # -- the same figures, computed from the orders ---------------------------------------------------------
    def _local_date(self, order):
        return pytz.utc.localize(order.date_order).astimezone(self.tz).date()

    def _order_benefits(self, order):
        """{(kind, benefit): discount cost} of one bill, from its lines and ledgers."""
        self.assertFalse(order.retail_tier_upgraded, "the tier at the sale is the tier recorded")
        costs = defaultdict(float)
        tier = order.retail_tier_id
        for line in order.lines:
            program = line.reward_id.program_id
            if program.retail_policy and not line.retail_policy_refused:
                costs[("policy", program)] -= line.price_subtotal
            elif coupon := order.retail_coupon_ids.filtered(
                    lambda used, serial=line.retail_coupon_serial: used.serial == serial):
                costs[("coupon", coupon.type_id)] -= line.price_subtotal
            elif (tier.discount_percent and line.discount and not line.reward_id and not line.retail_voucher_serial
                  and not line.product_id.retail_member_discount_excluded):
                costs[("tier", tier)] += line.price_unit * line.qty * min(line.discount, tier.discount_percent) / 100
        for use in order.retail_voucher_move_ids.filtered(lambda move: move.kind == "use"):
            received = sum(use.voucher_id.move_ids.filtered(lambda move: move.kind == "sale").mapped("value"))
            costs[("voucher", use.type_id)] += max(0.0, -use.value - received)
        return costs

    def _independent_rows(self, branches, days):
        """{(kind, benefit, branch, day): figures} from every paid bill of ``branches`` on ``days``."""
        voucher_products = self.env["retail.voucher.type"].search([]).product_id
        first = self._utc(f"{min(days)} 00:00")
        last = self._utc(f"{max(days)} 00:00") + timedelta(days=1)
        orders = self.env["pos.order"].search([
            ("config_id", "in", branches.ids), ("state", "in", ("paid", "done", "invoiced")),
            ("date_order", ">=", first), ("date_order", "<", last)])
        day_totals = defaultdict(lambda: [0, 0.0])
        rows = defaultdict(lambda: dict.fromkeys(MEASURES, 0.0))
        for order in orders:
            sales = order.lines.filtered(lambda line: line.product_id not in voucher_products)
            if not sales or order.lines.refunded_orderline_id:
                continue
            revenue = sum(sales.mapped("price_subtotal"))
            key = (order.config_id, self._local_date(order))
            day_totals[key][0] += 1
            day_totals[key][1] += revenue
            for (kind, benefit), cost in self._order_benefits(order).items():
                row = rows[(kind, benefit, *key)]
                row["bills"] += 1
                row["discount_cost"] += cost
                row["revenue"] += revenue
                row["margin"] += sum(line.price_subtotal - line.total_cost for line in sales)
        for (_kind, _benefit, branch, day), row in rows.items():
            bills, revenue = day_totals[(branch, day)]
            row["bills_without"] = bills - row["bills"]
            row["revenue_without"] = revenue - row["revenue"]
            average_without = row["revenue_without"] / row["bills_without"] if row["bills_without"] else 0
            row["incremental_revenue"] = (
                (row["revenue"] / row["bills"] - average_without) * row["bills"] if row["bills_without"] else 0)
            row["net_return"] = row["incremental_revenue"] - row["discount_cost"]
        return rows

    def _report_rows(self, domain=()):
        rows = {}
        for row in self.Report.search(list(domain)):
            benefit = row.tier_id or row.program_id or row.voucher_type_id or row.coupon_type_id
            rows[(row.kind, benefit, row.config_id, row.date)] = row
        return rows

    def _assert_row(self, row, expected, label):
        for measure, value in expected.items():
            self.assertAlmostEqual(row[measure], value, places=2, msg=f"{label}: {measure}")

    # -- tests ----------------------------------------------------------------------------------------------
    def test_every_figure_equals_the_computation_from_the_orders(self):
        self._sell_scenario()
        branches = self.branch | self.other_branch
        expected = self._independent_rows(branches, [DAY_ONE, DAY_TWO])
        actual = self._report_rows([("config_id", "in", branches.ids), ("date", "in", [DAY_ONE, DAY_TWO])])
        self.assertEqual(set(actual), set(expected))
        self.assertEqual(len(actual), 6, "tier x 2 days, policy, voucher, two coupon types")
        for key, figures in expected.items():
            row = actual[key]
            self._assert_row(row, figures, f"{row.kind} {row.benefit_name} {row.date}")
            self.assertAlmostEqual(row.avg_basket, figures["revenue"] / figures["bills"], places=2)
            self.assertAlmostEqual(row.avg_basket_without, figures["revenue_without"] / figures["bills_without"],
                                   places=2)

    def test_each_kind_costs_what_it_gave_by_hand(self):
        self._sell_scenario()
        rows = self._report_rows([("config_id", "=", self.branch.id), ("date", "=", DAY_ONE)])
        tier = rows[("tier", self.member_tier, self.branch, self._day(DAY_ONE))]
        # 5,000 on the member's bill and 5 % of 200,000 on the bill discounted 20 % by hand
        self._assert_row(tier, {"bills": 2, "discount_cost": 15000, "revenue": 245500, "bills_without": 5,
                                "revenue_without": 660000, "incremental_revenue": 245500 - 2 * 132000,
                                "net_return": -18500 - 15000}, "tier")
        policy = rows[("policy", self.policy, self.branch, self._day(DAY_ONE))]
        self._assert_row(policy, {"bills": 1, "discount_cost": 9500, "revenue": 85500, "bills_without": 6,
                                  "revenue_without": 820000}, "policy")
        voucher = rows[("voucher", self.voucher_type, self.branch, self._day(DAY_ONE))]
        # goods of 150,000 + 60,000; the voucher lines are payments with prepaid value, not revenue
        self._assert_row(voucher, {"bills": 2, "discount_cost": 10000, "revenue": 210000, "bills_without": 5,
                                   "revenue_without": 695500, "incremental_revenue": 210000 - 2 * 139100,
                                   "net_return": -68200 - 10000}, "voucher")
        coupon = rows[("coupon", self.coupon_type, self.branch, self._day(DAY_ONE))]
        self._assert_row(coupon, {"bills": 1, "discount_cost": 50000, "revenue": 250000, "bills_without": 6,
                                  "revenue_without": 655500, "avg_basket_without": 109250,
                                  "incremental_revenue": 140750, "net_return": 90750, "return_ratio": 1.815},
                         "coupon")

    def test_a_bill_with_two_benefits_counts_in_each(self):
        orders = self._sell_scenario()
        both = orders["tier_and_policy"]
        self.assertEqual(both.retail_tier_id, self.member_tier)
        self.assertEqual(both.retail_policy_ids, self.policy)
        rows = self._report_rows([("config_id", "=", self.branch.id), ("date", "=", DAY_ONE)])
        tier = rows[("tier", self.member_tier, self.branch, self._day(DAY_ONE))]
        policy = rows[("policy", self.policy, self.branch, self._day(DAY_ONE))]
        self.assertEqual(policy.bills, 1)
        self.assertEqual(policy.revenue, 85500)
        self.assertEqual(tier.revenue, 85500 + 160000, "the same bill's revenue in the tier's row too")
        # a total over the two benefits counts the bill once for each
        totals = self.Report._read_group(
            [("config_id", "=", self.branch.id), ("date", "=", DAY_ONE), ("kind", "in", ("tier", "policy"))],
            [], ["bills:sum", "revenue:sum"])
        self.assertEqual(totals[0], (3, 85500 * 2 + 160000))

    def test_a_discount_on_a_product_the_tier_never_discounts_is_the_cashiers(self):
        parent = self.env["product.category"].create({"name": "Test no member discount",
                                                      "retail_no_member_discount": True})
        child = self.env["product.category"].create({"name": "Test gift boxes", "parent_id": parent.id})
        gift_box = self.env["product.product"].create({
            "name": "Test gift box", "type": "service", "available_in_pos": True, "list_price": 100000,
            "categ_id": child.id, "taxes_id": [fields.Command.clear()], "company_id": self.company.id})
        flagged = self.env["product.product"].create({
            "name": "Test flagged service", "type": "service", "available_in_pos": True, "list_price": 100000,
            "retail_no_member_discount": True, "taxes_id": [fields.Command.clear()], "company_id": self.company.id})
        with self._at(f"{DAY_ONE} 10:00"):
            order = self._serial_order(self.member, [
                self._discounted(gift_box, 100000, 5), self._discounted(flagged, 100000, 5),
                self._discounted(self.service, 100000, 5)])
            self._serial_order(None, [self._line(self.service, 100000)])
        self.env.flush_all()
        self.assertEqual(order.retail_tier_id, self.member_tier)
        row = self.Report.search([("kind", "=", "tier"), ("config_id", "=", self.branch.id), ("date", "=", DAY_ONE)])
        self._assert_row(row, {"bills": 1, "discount_cost": 5000, "revenue": 285000, "bills_without": 1},
                         "only the service's 5 % is the tier's")

    def test_the_policy_rows_tie_to_the_policy_effectiveness_report(self):
        self._sell_scenario()
        row = self.Report.search([("program_id", "=", self.policy.id), ("config_id", "=", self.branch.id)])
        effectiveness = self.env["retail.policy.report"].search(
            [("program_id", "=", self.policy.id), ("config_id", "=", self.branch.id)])
        self.assertEqual(len(row), 1)
        self.assertEqual(
            (row.bills, row.discount_cost, row.revenue, row.margin),
            (effectiveness.bills_touched, effectiveness.discount_amount, effectiveness.revenue, effectiveness.margin),
            "an untaxed bill without prepaid lines: the same bills, discount, revenue and margin")

    def test_a_branch_filter_compares_with_that_branch_only(self):
        self._sell_scenario()
        rows = self.Report.search([("config_id", "=", self.other_branch.id), ("date", "=", DAY_ONE)])
        self.assertEqual(rows.mapped("kind"), ["coupon"])
        self.assertEqual(rows.coupon_type_id, self.percent_coupon_type)
        self._assert_row(rows, {"bills": 1, "discount_cost": 40000, "revenue": 160000, "bills_without": 1,
                                "revenue_without": 100000, "incremental_revenue": 60000, "net_return": 20000,
                                "return_ratio": 0.5}, "Cầu Giấy coupon")
        grouped = self.Report._read_group([("config_id", "=", self.other_branch.id)], ["kind"], ["bills:sum"])
        self.assertEqual(grouped, [("coupon", 1)])

    def test_group_averages_divide_sums_and_incremental_revenue_adds_up_days(self):
        self._sell_scenario()
        domain = [("kind", "=", "tier"), ("config_id", "=", self.branch.id), ("date", "in", [DAY_ONE, DAY_TWO])]
        days = self.Report.search(domain)
        self.assertEqual(len(days), 2)
        [(bills, revenue, bills_without, revenue_without, average, average_without, incremental, cost,
          ratio)] = self.Report._read_group(domain, [], [
              "bills:sum", "revenue:sum", "bills_without:sum", "revenue_without:sum", "avg_basket:avg",
              "avg_basket_without:avg", "incremental_revenue:sum", "discount_cost:sum", "return_ratio:avg"])
        self.assertEqual((bills, revenue, bills_without, revenue_without), (3, 340500, 7, 810000))
        self.assertAlmostEqual(average, 340500 / 3, places=2)
        self.assertAlmostEqual(average_without, 810000 / 7, places=2)
        # day one -18,500, day two (95,000 - 75,000) x 1
        self.assertAlmostEqual(incremental, -18500 + 20000, places=2)
        self.assertAlmostEqual(cost, 20000, places=2)
        self.assertAlmostEqual(ratio, (1500 - 20000) / 20000, places=4)
        self.assertNotAlmostEqual(average, sum(days.mapped("avg_basket")) / 2, places=0,
                                  msg="not the average of the days' averages")
        by_benefit = self.Report._read_group(domain, ["benefit_name"], ["bills:sum", "avg_basket:avg"])
        self.assertEqual([(name, count) for name, count, _average in by_benefit], [(self.member_tier.name, 3)])
        self.assertAlmostEqual(by_benefit[0][2], 340500 / 3, places=2)

    @staticmethod
    def _day(day_string):
        return fields.Date.to_date(day_string)
