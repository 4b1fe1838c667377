from datetime import date

from odoo.fields import Command
from odoo.tests import tagged

from .common_analytics import RetailAnalyticsCase

HANOI_MONTH = "date_trunc('month', o.date_order AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"


@tagged("post_install", "-at_install")
class TestCustomerMarginReport(RetailAnalyticsCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        segment = cls.env.ref
        cls.loyal = segment("retail_crm.rfm_segment_loyal")
        cls.champions = segment("retail_crm.rfm_segment_champions")
        cls.at_risk = segment("retail_crm.rfm_segment_at_risk")
        cls.member = cls._member("Test margin member", tier=cls.member_tier)
        cls.vip = cls._member("Test margin VIP", tier=cls.vip_tier)
        cls.walk_in = cls.env["res.partner"].create({"name": "Test margin walk-in", "company_id": cls.company.id})
        # the member was Loyal until 1 March, Champion until 1 May, At Risk since
        cls.member.retail_rfm_segment_id = cls.at_risk
        cls.vip.retail_rfm_segment_id = cls.loyal
        cls.env["retail.rfm.segment.history"].create([
            {"partner_id": cls.member.id, "segment_from_id": cls.loyal.id, "segment_to_id": cls.champions.id,
             "date": "2026-03-01"},
            {"partner_id": cls.member.id, "segment_from_id": cls.champions.id, "segment_to_id": cls.at_risk.id,
             "date": "2026-05-01"},
            # segments first computed after the VIP's order: that first segment stands for the time before
            {"partner_id": cls.vip.id, "segment_from_id": False, "segment_to_id": cls.at_risk.id,
             "date": "2026-05-01"},
            {"partner_id": cls.vip.id, "segment_from_id": cls.at_risk.id, "segment_to_id": cls.loyal.id,
             "date": "2026-05-10"},
        ])
        group = cls.env["retail.customer.group"]
        cls.wholesale = group.create({"name": "Test Wholesale"})
        cls.wholesale_hanoi = group.create({"name": "Test Hà Nội", "parent_id": cls.wholesale.id})
        cls.vip_group = group.create({"name": "Test VIP"})
        cls.member.retail_group_ids = cls.wholesale | cls.wholesale_hanoi | cls.vip_group
        cls.vip.retail_group_ids = cls.wholesale

    def _sell_scenario(self):
        """Six orders over February-April in two branches; the serum's cost rises before the last one."""
        serum, shampoo, q1 = self.serum, self.shampoo, self.branch_q1
        orders = {
            "member_feb": self._sell_lines(self.member, [(serum, 2, 200000, 0), (shampoo, 1, 120000, 10)],
                                           "2026-02-10 10:00"),
            "member_march": self._sell_lines(self.member, [(shampoo, 2, 120000, 0)], "2026-03-31 23:30"),
            # 00:30 on 1 April in Hanoi is still 31 March in UTC
            "vip_april": self._sell_lines(self.vip, [(serum, 1, 200000, 0)], "2026-04-01 00:30", q1),
        }
        self.serum.standard_price = 100000
        orders.update({
            "member_april": self._sell_lines(self.member, [(serum, 1, 190000, 0)], "2026-04-15 18:00", q1),
            "walk_in_april": self._sell_lines(self.walk_in, [(shampoo, 3, 120000, 0)], "2026-04-20 09:00"),
            "anonymous_april": self._sell_lines(False, [(serum, 1, 200000, 0)], "2026-04-20 09:30"),
        })
        return orders

    def _report(self, orders, groupby, model="retail.customer.margin.report"):
        groups = self.env[model]._read_group(
            [("order_id", "in", orders.ids)], [groupby], ["revenue:sum", "cost:sum", "margin:sum"])
        return {(key.id if hasattr(key, "id") else key) or False: tuple(round(value) for value in values)
                for key, *values in groups}

    def _independent(self, orders, key_sql):
        """Revenue, cost and margin straight from the order lines, grouped by an SQL expression."""
        self.env.flush_all()
        self.env.cr.execute(f"""
            SELECT {key_sql}, sum(l.price_subtotal), sum(l.total_cost), sum(l.price_subtotal - l.total_cost)
              FROM pos_order_line l
              JOIN pos_order o ON o.id = l.order_id
              JOIN pos_session s ON s.id = o.session_id
             WHERE o.id IN %s
             GROUP BY 1
        """, [tuple(orders.ids)])
        return {key or False: tuple(round(value) for value in values) for key, *values in self.env.cr.fetchall()}

    def test_margin_per_customer_tier_branch_and_month_equals_the_order_lines(self):
        orders = self.env["pos.order"].concat(*self._sell_scenario().values())
        for groupby, key_sql in [("partner_id", "o.partner_id"), ("tier_id", "o.retail_tier_id"),
                                 ("branch_id", "s.config_id"), ("product_categ_id", "(SELECT t.categ_id FROM "
                                  "product_product p JOIN product_template t ON t.id = p.product_tmpl_id "
                                  "WHERE p.id = l.product_id)"), ("local_date:month", HANOI_MONTH)]:
            with self.subTest(groupby=groupby):
                self.assertEqual(self._report(orders, groupby), self._independent(orders, key_sql))
        by_partner = self._report(orders, "partner_id")
        # 2 x 200,000 + 108,000 + 240,000 + 190,000; cost 2 x 80,000 + 70,000 + 2 x 70,000 + 100,000
        self.assertEqual(by_partner[self.member.id], (938000, 470000, 468000))
        self.assertEqual(self._report(orders, "tier_id")[self.vip_tier.id], (200000, 80000, 120000))
        self.assertEqual(self._report(orders, "local_date:month")[date(2026, 4, 1)],
                         (200000 + 190000 + 360000 + 200000, 80000 + 100000 + 210000 + 100000, 460000))
        self.assertEqual(sum(value[0] for value in by_partner.values()), sum(orders.mapped("amount_total")))

    def test_cost_is_the_product_cost_when_the_order_was_paid(self):
        orders = self._sell_scenario()
        lines = self.env["retail.customer.margin.report"].search([("product_id", "=", self.serum.id),
                                                                  ("partner_id", "=", self.member.id)])
        self.assertEqual(sorted(lines.mapped(lambda line: (line.qty, line.cost))), [(1, 100000), (2, 160000)])
        self.assertFalse(any(lines.mapped("cost_pending")))
        vip_line = self.env["retail.customer.margin.report"].search([("order_id", "=", orders["vip_april"].id)])
        self.assertEqual((vip_line.date.day, vip_line.local_date), (31, date(2026, 4, 1)))
        self.assertEqual(vip_line.branch_id, self.branch_q1)

    def test_segment_is_the_one_on_the_order_date(self):
        orders = self._sell_scenario()
        expected = {"member_feb": self.loyal, "member_march": self.champions, "member_april": self.champions,
                    "vip_april": self.at_risk, "walk_in_april": False, "anonymous_april": False}
        report = self.env["retail.customer.margin.report"]
        for name, segment in expected.items():
            with self.subTest(order=name):
                self.assertEqual(report.search([("order_id", "=", orders[name].id)]).rfm_segment_id,
                                 segment or self.env["retail.rfm.segment"])
        member_lines = report.search([("partner_id", "=", self.member.id)])
        self.assertEqual(member_lines.current_rfm_segment_id, self.at_risk)
        # the per-segment totals add the independent per-order figures by the segment on each order's date
        per_order = self._independent(self.env["pos.order"].concat(*orders.values()), "o.id")
        expected_totals = {}
        for name, segment in expected.items():
            key = segment.id if segment else False
            expected_totals[key] = tuple(
                a + b for a, b in zip(expected_totals.get(key, (0, 0, 0)), per_order[orders[name].id], strict=True))
        self.assertEqual(self._report(self.env["pos.order"].concat(*orders.values()), "rfm_segment_id"),
                         expected_totals)

    def test_group_margin_counts_a_customer_once_in_each_of_their_groups(self):
        orders = self.env["pos.order"].concat(*self._sell_scenario().values())
        model = "retail.customer.group.margin.report"
        by_customer = self._report(orders, "partner_id")
        by_group = self._report(orders, "group_id", model)
        member, vip = by_customer[self.member.id], by_customer[self.vip.id]
        self.assertEqual(by_group[self.wholesale_hanoi.id], member)
        self.assertEqual(by_group[self.vip_group.id], member)
        # a member of the parent and of its sub-group counts once in the parent
        self.assertEqual(by_group[self.wholesale.id], tuple(a + b for a, b in zip(member, vip, strict=True)))
        no_group = [by_customer[self.walk_in.id], by_customer[False]]
        self.assertEqual(by_group[False], tuple(map(sum, zip(*no_group, strict=True))))
        group_lines = self.env[model].search([("partner_id", "=", self.member.id)])
        lines = self.env["retail.customer.margin.report"].search([("partner_id", "=", self.member.id)])
        self.assertEqual(len(group_lines), 3 * len(lines))
        self.assertEqual(len(set(group_lines.ids)), len(group_lines))

    def test_prepaid_value_sold_is_not_a_sale(self):
        gift_card = self._goods("Test gift card 500k", self.categ_skin, price=500000, cost=0)
        self.env["loyalty.program"].create({
            "name": "Test gift cards", "program_type": "gift_card", "company_id": self.company.id,
            "rule_ids": [Command.create({"product_ids": [Command.set(gift_card.ids)], "reward_point_mode": "money",
                                         "reward_point_amount": 1})],
            "reward_ids": [Command.create({"reward_type": "discount", "discount_mode": "per_point", "discount": 1,
                                           "discount_applicability": "order", "required_points": 1})],
        })
        order = self._sell_lines(self.walk_in, [(self.serum, 1, 200000, 0), (gift_card, 1, 500000, 0)],
                                 "2026-04-20 10:00")
        lines = self.env["retail.customer.margin.report"].search([("order_id", "=", order.id)])
        self.assertEqual((lines.product_id, lines.revenue), (self.serum, 200000))
