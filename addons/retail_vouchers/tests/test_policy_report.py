from freezegun import freeze_time

from odoo.tests import tagged

from .common_policy import RetailPolicyCase


@tagged("post_install", "-at_install")
class TestPolicyReport(RetailPolicyCase):
    """The effectiveness view's figures equal the same figures computed here from the orders."""

    def _independent_figures(self, policy):
        """Bills touched (honoured lines only) and comparable bills of the branch in the policy's periods."""
        orders = self.env["pos.order"].search([("config_id", "=", self.branch.id),
                                               ("state", "in", ("paid", "done", "invoiced"))])
        touched, without = [], []
        for order in orders:
            honoured = order.lines.filtered(
                lambda line: line.reward_id.program_id == policy and not line.retail_policy_refused)
            if honoured:
                touched.append((order, -sum(honoured.mapped("price_subtotal_incl"))))
                continue
            local = policy._retail_policy_local_moment(self.branch, order.date_order)
            in_dates = (not policy.date_from or local.date() >= policy.date_from) and (
                not policy.date_to or local.date() <= policy.date_to)
            in_windows = not policy.retail_window_ids or any(w._contains(local) for w in policy.retail_window_ids)
            if in_dates and in_windows:
                without.append(order)
        revenue = sum(sum(order.lines.mapped("price_subtotal")) for order, _granted in touched)
        return {
            "bills_touched": len(touched),
            "discount_amount": sum(granted for _order, granted in touched),
            "revenue": revenue,
            "margin": sum(sum(line.price_subtotal - line.total_cost for line in order.lines) for order, _g in touched),
            "avg_basket": revenue / len(touched) if touched else 0,
            "bills_without": len(without),
            "avg_basket_without": sum(sum(order.lines.mapped("price_subtotal")) for order in without) / len(without)
            if without else 0,
        }

    def test_report_matches_an_independent_computation(self):
        policy = self._policy("Golden hours", percent=10, date_from="2026-11-27", date_to="2026-11-28",
                              windows=[self._window(["fri"], 22.0, 2.0)])
        with freeze_time(self._now("2026-11-28 03:00")):
            self._sell_with_policies(None, "2026-11-27 22:30", 200000, [(policy, 20000)], product=self.beer, qty=4)
            self._sell_with_policies(None, "2026-11-28 01:30", 100000, [(policy, 10000)])
            self._sell(None, 80000, "2026-11-27 23:00")  # in the window, without the policy
            self._sell(None, 60000, "2026-11-28 01:59")  # Friday's window after midnight, without the policy
            self._sell(None, 90000, "2026-11-27 21:00")  # outside the window
            self._sell(None, 70000, "2026-11-29 23:00")  # outside the dates
        with freeze_time(self._now("2026-11-27 20:00")):
            # a till clock 3 hours fast: refused, so not a bill of the policy
            refused = self._sell_with_policies(None, "2026-11-27 23:00", 50000, [(policy, 5000)])
        self.assertTrue(refused.retail_prepaid_flagged)
        self.env.flush_all()
        row = self.env["retail.policy.report"].search(
            [("program_id", "=", policy.id), ("config_id", "=", self.branch.id)])
        self.assertEqual(len(row), 1)
        expected = self._independent_figures(policy)
        self.assertEqual(expected["bills_touched"], 2)
        self.assertEqual(expected["bills_without"], 3)
        self.assertEqual(expected["discount_amount"], 30000)
        for field_name, value in expected.items():
            self.assertAlmostEqual(row[field_name], value, places=2, msg=field_name)
