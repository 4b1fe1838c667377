from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import RetailLoyaltyCase


@tagged("post_install", "-at_install")
class TestPoints(RetailLoyaltyCase):

    def test_order_earns_points_on_the_amount_paid(self):
        partner = self._member(tier=self.member_tier)
        order = self._sell(partner, 1234567)
        self.assertEqual(order.retail_points_earned, 123)
        self.assertEqual(partner.retail_points_balance, 123)
        move = order.retail_points_move_ids
        self.assertEqual((move.kind, move.amount, move.branch_id, str(move.local_date)),
                         ("earn", 1234567, self.branch, "2026-11-23"))

    def test_points_are_not_doubled_when_the_same_order_syncs_twice(self):
        partner = self._member(tier=self.member_tier)
        data = self._order_data(partner, 2000000, "2026-11-23 10:00")
        self.env["pos.order"].sync_from_ui([data])
        self.env["pos.order"].sync_from_ui([dict(data)])
        orders = self.env["pos.order"].search([("uuid", "=", data["uuid"])])
        self.assertEqual(len(orders), 1)
        self.assertEqual(len(orders.retail_points_move_ids), 1)
        self.assertEqual(partner.retail_points_balance, 200)
        # and a second call of the hook itself changes nothing either
        orders._retail_record_loyalty()
        self.assertEqual(partner.retail_points_balance, 200)

    def test_top_ups_and_vouchers_sold_earn_nothing(self):
        partner = self._member(tier=self.member_tier)
        top_up = self.env["product.product"].create({
            "name": "Nạp Recoin", "type": "service", "available_in_pos": True, "retail_no_points": True,
            "taxes_id": [(5, 0, 0)], "company_id": self.company.id})
        order = self._sell(partner, 1000000, product=top_up)
        self.assertEqual(order.retail_points_earned, 0)
        self.assertEqual(order._retail_qualifying_amount(), 0)

    def test_customers_without_tier_earn_nothing(self):
        walk_in = self.env["res.partner"].create({"name": "Khách vãng lai", "company_id": self.company.id})
        order = self._sell(walk_in, 1000000)
        self.assertFalse(order.retail_points_move_ids)
        self.assertFalse(walk_in.retail_tier_id)

    def test_refund_takes_points_back_without_going_negative(self):
        partner = self._member(tier=self.member_tier)
        order = self._sell(partner, 1000000)
        refund = order._refund()
        refund.add_payment({
            "pos_order_id": refund.id, "amount": refund.amount_total, "payment_method_id": self.cash.id})
        refund.action_pos_order_paid()
        move = refund.retail_points_move_ids
        self.assertEqual((move.kind, move.points, move.amount), ("refund", -100, -1000000))
        self.assertEqual(partner.retail_points_balance, 0)

    def test_ledger_is_append_only_and_balance_never_negative(self):
        partner = self._member(tier=self.member_tier)
        move = self._history(partner, "2026-11-01", 500000)
        with self.assertRaises(UserError):
            move.write({"points": 1000})
        with self.assertRaises(UserError):
            move.unlink()
        with self.assertRaisesRegex(ValidationError, "needs a reason"):
            self.env["retail.points.move"].create({
                "partner_id": partner.id, "kind": "adjust", "points": 5, "local_date": "2026-11-23"})
        with self.assertRaisesRegex(ValidationError, "cannot go below zero"), self.cr.savepoint():
            self.env["retail.points.move"].create({
                "partner_id": partner.id, "kind": "adjust", "points": -51, "local_date": "2026-11-23",
                "reason": "Typo on import"})
        self.assertEqual(partner.retail_points_balance, 50)
        adjust = self.env["retail.points.move"].create({
            "partner_id": partner.id, "kind": "adjust", "points": -20, "local_date": "2026-11-23",
            "reason": "Typo on import"})
        self.assertEqual(adjust.user_id, self.env.user)
        self.assertEqual(partner.retail_points_balance, 30)

    def test_managers_adjust_points_but_never_invent_earnings(self):
        partner = self._member(tier=self.member_tier)
        manager = self.env["res.users"].create({
            "name": "Quản lý", "login": "retail-manager-points", "company_id": self.company.id,
            "company_ids": [self.company.id],
            "groups_id": [(6, 0, [self.env.ref("retail_crm.group_retail_manager").id])]})
        moves = self.env["retail.points.move"].with_user(manager)
        with self.assertRaisesRegex(ValidationError, "earned and returned by orders only"):
            moves.create({"partner_id": partner.id, "kind": "earn", "points": 500, "local_date": "2026-11-23"})
        adjust = moves.create({"partner_id": partner.id, "kind": "adjust", "points": 15,
                               "local_date": "2026-11-23", "reason": "Goodwill after a complaint"})
        self.assertEqual((adjust.user_id, partner.retail_points_balance), (manager, 15))

    def test_stored_balance_equals_the_sum_of_the_ledger(self):
        members = [self._member(name=f"Member {index}", tier=self.member_tier) for index in range(3)]
        for index, partner in enumerate(members):
            self._sell(partner, 100000 * (index + 1))
            self._history(partner, "2026-10-01", 300000)
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT p.id, p.retail_points_balance, COALESCE(SUM(m.points), 0)
              FROM res_partner p LEFT JOIN retail_points_move m ON m.partner_id = p.id
             WHERE p.id = ANY(%s) GROUP BY p.id""", [[m.id for m in members]])
        for _partner_id, stored, ledger in self.env.cr.fetchall():
            self.assertEqual(stored, ledger)

    def test_tier_discount_exclusions_by_product_and_category(self):
        category = self.env["product.category"].create({"name": "Thuốc lá", "retail_no_member_discount": True})
        child = self.env["product.category"].create({"name": "Xì gà", "parent_id": category.id})
        cigar = self.env["product.product"].create({"name": "Cigar", "categ_id": child.id})
        gift = self.env["product.product"].create({"name": "Gift wrap", "retail_no_member_discount": True})
        self.assertTrue(cigar.retail_member_discount_excluded)
        self.assertTrue(gift.retail_member_discount_excluded)
        self.assertFalse(self.service.retail_member_discount_excluded)
        self.assertIn("retail_member_discount_excluded",
                      self.env["product.product"]._load_pos_data_fields(self.branch.id))
