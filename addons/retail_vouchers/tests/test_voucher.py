from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_voucher import RetailVoucherCase


@tagged("post_install", "-at_install")
class TestVoucher(RetailVoucherCase):

    def test_generate_a_batch_of_unique_issued_serials_with_prefix(self):
        action = self.env["retail.voucher.generate"].create({
            "target": "voucher", "voucher_type_id": self.voucher_type.id, "count": 25, "prefix": "v100k-",
            "random_length": 6}).action_generate()
        vouchers = self.Voucher.search(action["domain"])
        self.assertEqual(len(vouchers), 25)
        self.assertEqual(len(set(vouchers.mapped("serial"))), 25)
        self.assertTrue(all(serial.startswith("V100K-") and len(serial) == 12 for serial in vouchers.mapped("serial")))
        self.assertEqual(set(vouchers.mapped("state")), {"issued"})
        self.assertEqual(set(vouchers.mapped("value")), {100000})
        self.assertFalse(vouchers.move_ids, "an issued voucher is no liability yet")
        pdf, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "retail_vouchers.action_report_retail_voucher", vouchers[:2].ids)
        self.assertIn(vouchers[0].serial, pdf.decode())
        self.assertIn("/report/barcode", pdf.decode())

    def test_voucher_type_values_are_checked(self):
        with self.assertRaises(UserError):
            self.env["retail.voucher.type"].create({"name": "Bad", "use_value": 100000, "invoice_value": 120000})

    def test_selling_a_voucher_makes_it_a_liability_of_its_use_value(self):
        partner = self._new_member("Khách Mua Voucher")
        voucher = self._sold_voucher(partner)
        self.assertEqual(voucher.sold_config_id, self.branch)
        self.assertTrue(voucher.sold_order_id)
        self.assertEqual(voucher.customer_id, partner)
        self.assertEqual(sorted(voucher.move_ids.mapped(lambda move: (move.kind, move.value))),
                         [("bonus", 10000.0), ("sale", 90000.0)])
        self.assertEqual(voucher.liability, 100000)
        self._close()
        self.assertTrue(all(voucher.move_ids.mapped("account_move_id")), "every line is in the books")
        difference = voucher.move_ids.filtered(lambda move: move.kind == "bonus").account_move_id.line_ids
        self.assertEqual(sum(difference.filtered(lambda line: line.account_id == self.difference_account)
                             .mapped("debit")), 10000, "the difference to the use value is booked")

    def test_voucher_sold_without_a_serial_gets_a_new_one(self):
        order = self._serial_order(None, [self._line(self.voucher_product, 90000)])
        line = order.lines
        voucher = self.Voucher.search([("serial", "=", line.retail_voucher_serial)])
        self.assertEqual(voucher.state, "sold")
        self.assertEqual(voucher.sold_order_id, order)

    def test_redeem_on_a_smaller_bill_gives_no_change_and_records_breakage(self):
        voucher = self._sold_voucher()
        order = self._redeem_voucher(voucher, 70000)
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual(order.amount_total, 0, "the voucher pays the bill; nothing is given back")
        self.assertEqual(voucher.state, "used")
        self.assertEqual((voucher.used_order_id, voucher.used_config_id, voucher.used_user_id),
                         (order, self.branch, self.env.user))
        self.assertTrue(voucher.used_date)
        moves = voucher.move_ids.filtered(lambda move: move.order_id == order)
        self.assertEqual(sorted(moves.mapped(lambda move: (move.kind, move.value))),
                         [("expiry", -30000.0), ("use", -70000.0)])
        self.assertEqual(voucher.liability, 0)
        breakage = self.voucher_type._retail_prepaid_accounts(self.company)["breakage"]
        before = self._gl(breakage)
        self._close()
        self.assertEqual(self._gl(breakage) - before, 30000, "the unused part is breakage income")
        self.assertTrue(all(voucher.move_ids.mapped("account_move_id")))

    def test_reconciliation_has_no_difference_after_the_session_closes(self):
        used = self._sold_voucher()
        self._sold_voucher()  # still outstanding
        self._redeem_voucher(used, 150000)
        self.assertEqual(used.liability, 0)
        report = self._report()
        self.assertTrue(report.difference_ids, "before the close the till's lines are not in the books")
        self._close()
        report = self._report()
        self.assertEqual(report.difference, 0)
        self.assertFalse(report.difference_ids)
        voucher_lines = report.line_ids.filtered(lambda line: line.source_ref == self.voucher_type)
        self.assertEqual(voucher_lines.closing, 100000, "one voucher is still owed")
        self.assertEqual(voucher_lines.issued, 200000)
        self.assertEqual(voucher_lines.redeemed, 100000)

    def test_scanning_says_exactly_why_a_serial_is_refused(self):
        used = self._sold_voucher()
        order = self._redeem_voucher(used, 100000)
        with self.assertRaisesRegex(UserError, f"already used on order {order.name}"):
            self._reserve(used)
        with self.assertRaisesRegex(UserError, "unknown"):
            self.Voucher.retail_pos_reserve("NO-SUCH-SERIAL", "x", self.branch.id)
        expired = self._sold_voucher()
        expired.valid_to = fields.Date.today() - timedelta(days=2)
        with self.assertRaisesRegex(UserError, "expired on"):
            self._reserve(expired)
        cancelled = self._sold_voucher()
        cancelled.action_cancel()
        with self.assertRaisesRegex(UserError, "was cancelled"):
            self._reserve(cancelled)
        elsewhere = self._sold_voucher()
        with self.assertRaisesRegex(UserError, "not valid at this branch"):
            self._reserve(elsewhere, branch=self.other_branch)
        with self.assertRaisesRegex(UserError, "not been sold"):
            self._reserve(self._vouchers())
        held = self._sold_voucher()
        self._reserve(held, uuid="till-a")
        with self.assertRaisesRegex(UserError, "already reserved by another till"):
            self._reserve(held, uuid="till-b")

    def test_a_released_or_lapsed_reservation_can_be_taken_again(self):
        voucher = self._sold_voucher()
        first = self._reserve(voucher, uuid="till-a")
        self.assertEqual((first["value"], first["product_id"]), (100000, self.voucher_product.id))
        self.assertTrue(self.Voucher.retail_pos_release(first["token"]))
        second = self._reserve(voucher, uuid="till-b")
        self.env.cr.execute("UPDATE retail_voucher SET reserved_until = %s WHERE id = %s",
                            [fields.Datetime.now() - timedelta(minutes=1), voucher.id])
        third = self._reserve(voucher, uuid="till-c")
        self.assertNotEqual(second["token"], third["token"])
        order = self._redeem_voucher(voucher, 100000, token=second["token"])
        self.assertTrue(order.retail_prepaid_flagged, "the lapsed reservation was taken by another till")
        self._redeem_voucher(voucher, 100000, token=third["token"])
        self.assertEqual(voucher.state, "used")

    def test_offline_double_use_keeps_the_second_order_flagged_with_the_amount_due(self):
        voucher = self._sold_voucher()
        token = self._reserve(voucher)["token"]
        first = self._redeem_voucher(voucher, 100000, token=token)
        second = self._redeem_voucher(voucher, 80000, token=token)
        self.assertFalse(first.retail_prepaid_flagged)
        self.assertTrue(second.exists(), "the order is kept")
        self.assertTrue(second.retail_prepaid_flagged)
        self.assertEqual(second.retail_prepaid_amount_due, 80000)
        self.assertIn(f"already used on order {first.name}", second.retail_prepaid_flag_note)
        self.assertEqual(voucher.used_order_id, first)
        self.assertFalse(voucher.move_ids.filtered(lambda move: move.order_id == second), "honoured once")
        self.assertTrue(second.activity_ids, "a manager has a to-do")
        self._close()
        self.assertEqual(self._report().difference, 0, "the refused line is due from the customer, books agree")

    def test_an_offline_till_line_without_reservation_is_not_honoured(self):
        voucher = self._sold_voucher()
        order = self._redeem_voucher(voucher, 100000, token="")
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertIn("not reserved on the server", order.retail_prepaid_flag_note)
        self.assertEqual(voucher.state, "sold", "the voucher can still be used")

    def test_a_bill_taking_more_than_the_voucher_holds_is_flagged_for_the_excess(self):
        voucher = self._sold_voucher()
        order = self._redeem_voucher(voucher, 150000, amount=120000)
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertEqual(order.retail_prepaid_amount_due, 20000)
        self.assertEqual(voucher.liability, 0)

    def test_cancelling_needs_a_retail_manager_and_takes_the_value_out_of_the_liability(self):
        voucher = self._sold_voucher()
        cashier = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Thu Ngân", "login": "voucher_cashier", "company_id": self.company.id,
            "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set([self.env.ref("point_of_sale.group_pos_user").id])]})
        with self.assertRaises(AccessError):
            voucher.with_user(cashier).action_cancel()
        voucher.with_context(retail_cancel_reason="Lost by the customer").action_cancel()
        self.assertEqual(voucher.state, "cancelled")
        self.assertEqual(voucher.liability, 0)
        adjust = voucher.move_ids.filtered(lambda move: move.kind == "adjust")
        self.assertEqual((adjust.value, adjust.reason), (-100000, "Lost by the customer"))
        with self.assertRaises(UserError):
            voucher.action_cancel()

    def test_ledger_lines_are_append_only(self):
        voucher = self._sold_voucher()
        with self.assertRaises(UserError):
            voucher.move_ids[0].write({"value": 1})
        with self.assertRaises(UserError):
            voucher.move_ids[0].unlink()

    def test_expired_vouchers_are_written_off_by_the_breakage_job(self):
        voucher = self._sold_voucher()
        voucher.valid_to = fields.Date.today() - timedelta(days=1)
        self._close()
        wizard = self.env["retail.prepaid.breakage"].create({"company_id": self.company.id})
        wizard.action_preview()
        line = wizard.line_ids.filtered(lambda line: line.card_label == voucher.serial)
        self.assertEqual(line.amount, 100000)
        wizard.action_post()
        self.assertEqual(voucher.state, "expired")
        self.assertEqual(voucher.liability, 0)
        self.assertEqual(self._report().difference, 0)

    def test_the_till_learns_what_a_scanned_code_is(self):
        voucher = self._vouchers()
        coupon = self._coupons()
        kind = self.Voucher.retail_pos_serial_kind
        self.assertEqual(kind(voucher.serial.lower(), self.branch.id), "voucher")
        self.assertEqual(kind(coupon.serial, self.branch.id), "coupon")
        self.assertFalse(kind("8930000000000", self.branch.id))

    def _refund_line(self, line):
        return self._line(line.product_id, line.price_subtotal * -1, qty=-1, price_unit=line.price_unit,
                          refunded_orderline_id=line.id)

    def test_refunding_an_unused_voucher_cancels_it_and_its_liability(self):
        voucher = self._sold_voucher()
        refund = self._serial_order(None, [self._refund_line(voucher.sold_order_id.lines)])
        self.assertFalse(refund.retail_prepaid_flagged)
        self.assertEqual(voucher.state, "cancelled")
        self.assertEqual(voucher.liability, 0)
        with self.assertRaisesRegex(UserError, "was cancelled"):
            self._reserve(voucher)
        self._close()
        self.assertEqual(self._report().difference, 0)

    def test_refunding_a_used_voucher_sale_is_due_from_the_customer(self):
        voucher = self._sold_voucher()
        self._redeem_voucher(voucher, 100000)
        refund = self._serial_order(None, [self._refund_line(voucher.sold_order_id.lines)])
        self.assertTrue(refund.retail_prepaid_flagged)
        self.assertEqual(refund.retail_prepaid_amount_due, 90000)
        self._close()
        self.assertEqual(self._report().difference, 0)

    def test_returning_goods_bought_with_a_voucher_gives_its_value_back(self):
        voucher = self._sold_voucher()
        order = self._redeem_voucher(voucher, 100000)
        voucher_line = order.lines.filtered(lambda line: line.retail_voucher_token)
        refund = self._serial_order(None, [self._refund_line(line) for line in order.lines])
        self.assertFalse(refund.retail_prepaid_flagged)
        self.assertEqual(voucher.state, "sold")
        self.assertEqual(voucher.liability, 100000)
        back = voucher.move_ids.filtered(lambda move: move.kind == "refund")
        self.assertEqual(back.order_line_id.refunded_orderline_id, voucher_line)
        self._close()
        self.assertEqual(self._report().difference, 0)

    def test_tax_treatment_decides_whether_the_voucher_product_is_taxed(self):
        tax = self.env["account.tax"].create({"name": "Test VAT 10", "amount": 10, "type_tax_use": "sale",
                                              "price_include_override": "tax_included",
                                              "company_id": self.company.id})
        taxed = self.env["retail.voucher.type"].create({
            "name": "Voucher 200K taxed at sale", "use_value": 200000, "invoice_value": 200000,
            "company_id": self.company.id, "tax_treatment": "sale", "tax_ids": [Command.set(tax.ids)]})
        self.assertEqual(taxed.product_id.taxes_id, tax)
        self.assertEqual(taxed.product_id.with_company(self.company).property_account_income_id,
                         self.voucher_liability, "what the till takes for a voucher is a liability")
        taxed.write({"tax_treatment": "redemption", "tax_ids": [Command.clear()]})
        self.assertFalse(taxed.product_id.taxes_id, "multi-purpose: the goods carry the tax when it is used")

    def test_a_cashier_reserves_serials_a_user_without_the_till_cannot(self):
        voucher = self._sold_voucher()
        users = self.env["res.users"].with_context(no_reset_password=True)
        cashier = users.create({
            "name": "Thu Ngân 2", "login": "voucher_cashier_2", "company_id": self.company.id,
            "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set([self.env.ref("point_of_sale.group_pos_user").id])]})
        outsider = users.create({
            "name": "Nhân viên", "login": "voucher_outsider", "company_id": self.company.id,
            "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set([self.env.ref("base.group_user").id])]})
        with self.assertRaises(AccessError):
            self.Voucher.with_user(outsider).retail_pos_reserve(voucher.serial, "x", self.branch.id)
        result = self.Voucher.with_user(cashier).retail_pos_reserve(voucher.serial, "x", self.branch.id)
        self.assertEqual(result["serial"], voucher.serial)
        again = self.Voucher.with_user(cashier).retail_pos_reserve(voucher.serial, "x", self.branch.id)
        self.assertEqual(again["token"], result["token"], "the same order scanning it again keeps one token")
