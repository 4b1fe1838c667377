from common import CrossAddonMixin

from odoo import Command
from odoo.addons.retail_vouchers.tests.common_voucher import RetailVoucherCase
from odoo.exceptions import ValidationError


class TestSaleOrderPrograms(CrossAddonMixin, RetailVoucherCase):
    """With Sales installed (sale_loyalty comes with it), a quotation never applies, loads or spends
    what lives at the till in its own ledgers: Recoin, discount policies, product cards and vouchers.
    Odoo's own promotions still apply to sales orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert "sale.order" in cls.env, "these tests need Sales in the test database (./retail test installs it)"
        cls.customer = cls.env["res.partner"].create({"name": "Khách Bán Sỉ", "company_id": cls.company.id})

    def setUp(self):
        super().setUp()
        self._top_up(self.customer, 500000)
        self.card = self._card(self.customer)

    def _quotation(self, product=None, price=200000):
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id, "company_id": self.company.id,
            "order_line": [Command.create({"product_id": (product or self.service).id, "product_uom_qty": 1,
                                           "price_unit": price})],
        })
        order.action_open_reward_wizard()  # the Promotions button: applies the only claimable reward at once
        return order

    def _recoin_state(self):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.card.points, sum(self.Move.search([("card_id", "=", self.card.id)]).mapped("amount"))

    def test_recoin_is_neither_offered_nor_spent_in_a_sales_order(self):
        self.assertFalse(self.program.sale_ok)
        before = self._recoin_state()
        self.assertEqual(before[0], 500000)
        order = self._quotation()
        self.assertNotIn(self.card, order.applied_coupon_ids, "sale_loyalty would load the customer's eWallet")
        self.assertFalse(order.order_line.filtered("is_reward_line"))
        self.assertNotIn(self.card, order._get_claimable_rewards())
        self.assertIn("error", order._try_apply_code(self.card.code))
        order.action_confirm()
        self.assertEqual(self._recoin_state(), before)

    def test_topup_product_sold_in_a_sales_order_loads_no_recoin(self):
        before = self._recoin_state()
        order = self._quotation(self.topup_product, 1000000)
        self.assertFalse(order.coupon_point_ids.filtered(lambda entry: entry.coupon_id.program_id == self.program))
        order.action_confirm()
        self.assertEqual(self._recoin_state(), before)

    def test_discount_policy_stays_at_the_till_while_odoo_promotions_apply(self):
        policy = self.env["loyalty.program"].create({
            "name": "Test all-day policy", "retail_policy": True, "company_id": self.company.id,
            "rule_ids": [Command.create({"reward_point_amount": 1, "reward_point_mode": "order"})],
            "reward_ids": [Command.create({"reward_type": "discount", "discount_mode": "percent", "discount": 10,
                                           "discount_applicability": "order", "required_points": 1})],
        })
        promotion = self.env["loyalty.program"].create({
            "name": "Test sales promotion", "program_type": "promotion", "trigger": "auto", "applies_on": "current",
            "company_id": self.company.id,
            "rule_ids": [Command.create({"reward_point_amount": 1, "reward_point_mode": "order"})],
            "reward_ids": [Command.create({"reward_type": "discount", "discount_mode": "percent", "discount": 5,
                                           "discount_applicability": "order", "required_points": 1})],
        })
        self.assertEqual((policy.sale_ok, promotion.sale_ok), (False, True))
        order = self._quotation()
        self.assertEqual(order.order_line.filtered("is_reward_line").reward_id.program_id, promotion)
        self.assertNotIn(policy, order.coupon_point_ids.coupon_id.program_id)

    def test_product_card_and_voucher_serials_are_not_sales_order_codes(self):
        card_type = self.env["retail.product.card.type"].create({
            "name": "Test spa card", "company_id": self.company.id, "price": 300000,
            "line_ids": [Command.create({"product_id": self.service.id, "quantity": 2})],
        })
        product_card = self.env["retail.product.card"].create({
            "type_id": card_type.id, "partner_id": self.customer.id, "company_id": self.company.id})
        voucher, coupon = self._vouchers(), self._coupons()
        order = self._quotation()
        for code in (product_card.code, voucher.serial, coupon.serial):
            self.assertTrue(order._try_apply_code(code).get("not_found"), code)
        self.assertFalse(order.applied_coupon_ids)

    def test_recoin_cannot_be_opened_to_sales_orders(self):
        with self.assertRaises(ValidationError):
            self.program.sale_ok = True

    def test_programs_reset_when_sale_loyalty_comes_after_them(self):
        # installing sale_loyalty after the retail addons adds its sale_ok column with True everywhere
        self.env.cr.execute("UPDATE loyalty_program SET sale_ok = TRUE WHERE id = %s", [self.program.id])
        self.program.invalidate_recordset(["sale_ok"])
        self.assertTrue(self.program.sale_ok)
        self.env["loyalty.program"]._register_hook()
        self.assertFalse(self.program.sale_ok)
