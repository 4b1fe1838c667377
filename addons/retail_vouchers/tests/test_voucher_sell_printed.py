from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common_voucher import RetailVoucherCase


@tagged("post_install", "-at_install")
class TestVoucherSellPrinted(RetailVoucherCase):
    """A shop with printed serials (issued, generated in a batch) sells one by scanning it at the till:
    the serial is reserved to be sold when scanned and sold once when the order arrives."""

    def _take(self, voucher, branch=None, uuid="till-order"):
        return self.Voucher.retail_pos_take(voucher.serial, uuid, (branch or self.branch).id)

    def _sell_scanned(self, voucher, token, price=90000):
        return self._serial_order(None, [self._line(self.voucher_product, price, retail_voucher_serial=voucher.serial,
                                                    retail_voucher_token=token)])

    def test_a_printed_serial_scanned_at_the_till_is_sold_once_with_the_order(self):
        voucher = self._vouchers()
        taken = self._take(voucher)
        self.assertEqual((taken["kind"], taken["serial"], taken["invoice_value"], taken["product_id"]),
                         ("voucher_sale", voucher.serial, 90000, self.voucher_product.id))
        self.assertEqual((voucher.state, voucher.reserved_config_id), ("issued", self.branch))
        order = self._sell_scanned(voucher, taken["token"])
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual((voucher.state, voucher.sold_order_id, voucher.sold_config_id), ("sold", order, self.branch))
        self.assertEqual(order.lines.retail_voucher_serial, voucher.serial, "no new serial was made")
        self.assertEqual(self.Voucher.search_count([("sold_order_id", "=", order.id)]), 1)
        self.assertEqual(sorted(voucher.move_ids.mapped(lambda move: (move.kind, move.value))),
                         [("bonus", 10000.0), ("sale", 90000.0)])
        # the same reservation cannot sell it twice
        again = self._sell_scanned(voucher, taken["token"])
        self.assertTrue(again.retail_prepaid_flagged)
        self.assertIn(f"was already sold on {order.name}", again.retail_prepaid_flag_note)
        self.assertEqual(voucher.sold_order_id, order)
        self.assertEqual(len(voucher.move_ids), 2)
        # and it is now redeemable
        self.assertEqual(self._reserve(voucher, uuid="next-visit")["kind"], "voucher")
        self._close()
        self.assertEqual(self._report().difference, 0)

    def test_a_serial_being_sold_by_one_till_is_refused_to_another_until_released(self):
        voucher = self._vouchers()
        taken = self._take(voucher, uuid="till-a")
        with self.assertRaisesRegex(Exception, "already being sold by another till"):
            self._take(voucher, uuid="till-b")
        self.assertEqual(self._take(voucher, uuid="till-a")["token"], taken["token"], "same order, same token")
        self.assertTrue(self.Voucher.retail_pos_release(taken["token"]))
        other = self._take(voucher, uuid="till-b")
        stale = self._sell_scanned(voucher, taken["token"])
        self.assertTrue(stale.retail_prepaid_flagged, "the released reservation sells nothing")
        self.assertIn("taken over by another till", stale.retail_prepaid_flag_note)
        self.assertEqual(voucher.state, "issued")
        self._sell_scanned(voucher, other["token"])
        self.assertEqual(voucher.state, "sold")

    def test_scanning_a_serial_to_sell_says_exactly_why_it_is_refused(self):
        sold = self._sold_voucher()
        with self.assertRaisesRegex(Exception, "not valid at this branch"):
            self._take(sold, branch=self.other_branch)
        self.assertEqual(self._take(sold)["kind"], "voucher", "a sold voucher scanned is redeemed")
        used = self._sold_voucher()
        order = self._redeem_voucher(used, 100000)
        with self.assertRaisesRegex(Exception, f"already used on order {order.name}"):
            self._take(used)
        cancelled = self._vouchers()
        cancelled.action_cancel()
        with self.assertRaisesRegex(Exception, "was cancelled"):
            self._take(cancelled)
        expired = self._vouchers(valid_to=fields.Date.today() - timedelta(days=1))
        with self.assertRaisesRegex(Exception, "expired on"):
            self._take(expired)
        elsewhere = self._vouchers()
        with self.assertRaisesRegex(Exception, "not valid at this branch"):
            self._take(elsewhere, branch=self.other_branch)
        not_yet = self._vouchers(valid_from=fields.Date.today() + timedelta(days=3))
        self.assertEqual(self._take(not_yet)["kind"], "voucher_sale", "sold before its first valid day")
        with self.assertRaisesRegex(Exception, "unknown"):
            self.Voucher.retail_pos_take("NO-SUCH-SERIAL", "x", self.branch.id)

    def test_a_serial_already_sold_is_refused_at_sale_with_the_order_that_sold_it(self):
        voucher = self._vouchers()
        first = self._sell_scanned(voucher, self._take(voucher)["token"])
        self.assertEqual(voucher._retail_sale_refusal(self.branch).split(" on ")[0],
                         f"Voucher {voucher.serial} was already sold")
        self.assertIn(first.name, voucher._retail_sale_refusal(self.branch))

    def test_a_voucher_product_sold_without_a_serial_still_gets_a_new_one(self):
        order = self._serial_order(None, [self._line(self.voucher_product, 90000)])
        voucher = self.Voucher.search([("serial", "=", order.lines.retail_voucher_serial)])
        self.assertEqual((voucher.state, voucher.sold_order_id), ("sold", order))

    def test_selling_a_voucher_product_with_printed_stock_takes_one_of_its_serials(self):
        self.assertFalse(self.voucher_product.retail_voucher_printed, "no printed serial in stock yet")
        voucher = self._vouchers()
        self.voucher_product.invalidate_recordset(["retail_voucher_printed"])
        self.assertTrue(self.voucher_product.retail_voucher_printed, "the till asks for the printed serial")
        other_type = self.env["retail.voucher.type"].create({
            "name": "Voucher 200K", "use_value": 200000, "invoice_value": 180000, "company_id": self.company.id})
        other = self._vouchers(voucher_type=other_type)
        take = self.Voucher.retail_pos_take
        with self.assertRaisesRegex(Exception, "is a Voucher 200K voucher, not a"):
            take(other.serial, "till-order", self.branch.id, self.voucher_product.id)
        sold = self._sold_voucher()
        with self.assertRaisesRegex(Exception, f"{sold.serial} was already sold on"):
            take(sold.serial, "till-order", self.branch.id, self.voucher_product.id)
        with self.assertRaisesRegex(Exception, "unknown"):
            take("NO-SUCH-SERIAL", "till-order", self.branch.id, self.voucher_product.id)
        taken = take(voucher.serial, "till-order", self.branch.id, self.voucher_product.id)
        self.assertEqual(taken["kind"], "voucher_sale")
