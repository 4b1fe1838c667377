from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_voucher import RetailVoucherCase


@tagged("post_install", "-at_install")
class TestCoupon(RetailVoucherCase):

    def _coupon_order(self, coupon, lines, discount, token=None):
        token = token if token is not None else self._reserve(coupon)["token"]
        return self._serial_order(None, [
            *lines,
            self._line(coupon.type_id.product_id, -discount, retail_coupon_serial=coupon.serial,
                       retail_coupon_token=token),
        ])

    def test_generate_coupons(self):
        action = self.env["retail.voucher.generate"].create({
            "target": "coupon", "coupon_type_id": self.coupon_type.id, "count": 5, "prefix": "SALE"}).action_generate()
        coupons = self.Coupon.search(action["domain"])
        self.assertEqual(len(coupons), 5)
        self.assertEqual(set(coupons.mapped("state")), {"issued"})

    def test_scanning_a_coupon_gives_the_till_its_discount_and_scope(self):
        coupon = self._coupons(coupon_type=self.percent_coupon_type)
        result = self._reserve(coupon)
        self.assertEqual((result["kind"], result["mode"], result["percent"]), ("coupon", "percent", 20))
        self.assertEqual(result["category_ids"], self.category.ids)
        self.assertEqual(result["product_id"], self.percent_coupon_type.product_id.id)

    def test_a_coupon_is_used_once_with_its_order_branch_and_cashier(self):
        coupon = self._coupons()
        order = self._coupon_order(coupon, [self._line(self.service, 300000)], 50000)
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual(order.amount_total, 250000)
        self.assertEqual(coupon.state, "used")
        self.assertEqual((coupon.used_order_id, coupon.used_config_id, coupon.used_user_id),
                         (order, self.branch, self.env.user))
        self.assertEqual(order.retail_coupon_ids, coupon)
        with self.assertRaisesRegex(UserError, f"already used on order {order.name}"):
            self._reserve(coupon)

    def test_the_server_rechecks_minimum_bill_and_scope(self):
        below = self._coupons()
        order = self._coupon_order(below, [self._line(self.service, 200000)], 50000)
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertEqual(order.retail_prepaid_amount_due, 50000)
        self.assertIn("needs a bill of at least", order.retail_prepaid_flag_note)
        scoped = self._coupons(coupon_type=self.percent_coupon_type)
        order = self._coupon_order(scoped, [self._line(self.service, 100000), self._line(self.scoped_product, 200000)],
                                   40000)
        self.assertFalse(order.retail_prepaid_flagged, "20 % of the cream only")
        too_much = self._coupons(coupon_type=self.percent_coupon_type)
        order = self._coupon_order(too_much, [self._line(self.service, 100000),
                                              self._line(self.scoped_product, 200000)], 60000)
        self.assertEqual(order.retail_prepaid_amount_due, 20000, "20 % of the whole bill is 20,000 too much")

    def test_coupon_type_scope(self):
        lines = [(self.service, 100000), (self.scoped_product, 200000)]
        self.assertEqual(self.percent_coupon_type._retail_discount(lines), (40000, False))
        self.assertEqual(self.coupon_type._retail_discount(lines), (50000, False))
        self.assertEqual(self.coupon_type._retail_discount(lines[:1])[0], 0)

    def test_coupon_refusals_wrong_branch_expired_cancelled(self):
        coupon = self._coupons()
        with self.assertRaisesRegex(UserError, "not valid at this branch"):
            self._reserve(coupon, branch=self.other_branch)
        self.coupon_type.valid_to = fields.Date.today() - timedelta(days=1)
        with self.assertRaisesRegex(UserError, "expired on"):
            self._reserve(coupon)
        self.Coupon._cron_expire()
        self.assertEqual(coupon.state, "expired")
        other = self._coupons(coupon_type=self.percent_coupon_type)
        other.action_cancel()
        with self.assertRaisesRegex(UserError, "was cancelled"):
            self._reserve(other)

    def test_offline_double_use_of_a_coupon_is_flagged(self):
        coupon = self._coupons()
        token = self._reserve(coupon)["token"]
        first = self._coupon_order(coupon, [self._line(self.service, 300000)], 50000, token=token)
        second = self._coupon_order(coupon, [self._line(self.service, 400000)], 50000, token=token)
        self.assertFalse(first.retail_prepaid_flagged)
        self.assertTrue(second.retail_prepaid_flagged)
        self.assertEqual(second.retail_prepaid_amount_due, 50000)
        self.assertEqual(coupon.used_order_id, first)
