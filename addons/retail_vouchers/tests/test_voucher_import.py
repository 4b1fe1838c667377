import base64
import io

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.misc import xlsxwriter

from .common_voucher import RetailVoucherCase


@tagged("post_install", "-at_install")
class TestVoucherImport(RetailVoucherCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deal_site = cls.env["res.partner"].create({"name": "Deal Site Hotdeal", "company_id": cls.company.id,
                                                       "is_company": True})

    def _import(self, content, filename="serials.csv", user=None):
        if isinstance(content, str):
            content = content.encode()
        wizard = self.env["retail.voucher.import"].with_user(user or self.env.user).create({
            "partner_id": self.deal_site.id, "type_id": self.voucher_type.id,
            "file": base64.b64encode(content), "filename": filename})
        wizard.action_import()
        return wizard

    def _partner_vouchers(self):
        return self.Voucher.search([("partner_id", "=", self.deal_site.id)])

    def test_partner_serials_are_sold_by_the_partner_who_owes_the_invoice_value(self):
        wizard = self._import("serial,value,valid_from,valid_to\nhd-0001,100000,2026-01-01,2027-12-31\n"
                              "HD-0002,100000,,\n")
        self.assertEqual(wizard.imported_count, 2, wizard.report)
        vouchers = self._partner_vouchers()
        self.assertEqual(sorted(vouchers.mapped("serial")), ["HD-0001", "HD-0002"])
        self.assertEqual(set(vouchers.mapped("state")), {"sold"})
        self.assertEqual(vouchers.filtered(lambda voucher: voucher.serial == "HD-0001").valid_to.year, 2027)
        self.assertEqual(sum(vouchers.mapped("liability")), 200000)
        receivable = self.deal_site.property_account_receivable_id
        sale_entries = vouchers.move_ids.filtered(lambda move: move.kind == "sale").account_move_id
        self.assertEqual(len(sale_entries), 1, "one entry for the whole import")
        due = sale_entries.line_ids.filtered(lambda line: line.account_id == receivable)
        self.assertEqual(sum(due.mapped("debit")), 180000, "the deal site owes the invoice value")
        self.assertEqual(due.partner_id, self.deal_site)
        self.assertEqual(self._report().difference, 0)
        # a partner's voucher is redeemed like any other
        order = self._redeem_voucher(vouchers[0], 100000)
        self.assertFalse(order.retail_prepaid_flagged)

    def test_any_wrong_row_rejects_the_whole_file_with_a_line_by_line_report(self):
        existing = self._vouchers().serial
        wizard = self._import(
            "serial,value,valid_from,valid_to\n"
            "GOOD-001,100000,,\n"
            "GOOD-001,100000,,\n"
            f"{existing},100000,,\n"
            "BAD SERIAL!,100000,,\n"
            "GOOD-002,abc,,\n"
            "GOOD-003,100000,31/12/2026,\n"
            "GOOD-004,100000,2026-12-31,2026-01-01\n"
            ",100000,,\n")
        self.assertEqual(wizard.imported_count, 0)
        self.assertFalse(self._partner_vouchers(), "nothing is half-imported")
        report = wizard.report.splitlines()
        self.assertEqual(len(report), 7, wizard.report)
        self.assertIn("Row 3: serial GOOD-001 is also on row 2", report[0])
        self.assertIn(f"Row 4: serial {existing} already exists", report[1])
        self.assertIn("Row 5: serial BAD SERIAL! has characters", report[2])
        self.assertIn("Row 6: value abc is not a positive number", report[3])
        self.assertIn("Row 7: valid_from 31/12/2026 is not a date", report[4])
        self.assertIn("Row 8: the validity ends before it starts", report[5])
        self.assertIn("Row 9: the serial is empty", report[6])

    def test_xlsx_files_are_imported(self):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet()
        sheet.write_row(0, 0, ["Serial", "Value", "valid_to"])
        sheet.write_row(1, 0, ["XL-0001", 100000, "2027-06-30"])
        sheet.write_row(2, 0, ["XL-0002", 100000])
        workbook.close()
        wizard = self._import(buffer.getvalue(), filename="hotdeal.xlsx")
        self.assertEqual(wizard.imported_count, 2, wizard.report)
        self.assertEqual(sorted(self._partner_vouchers().mapped("serial")), ["XL-0001", "XL-0002"])

    def test_importing_partner_serials_needs_a_retail_manager(self):
        pos_manager = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Quản lý POS", "login": "voucher_pos_manager", "company_id": self.company.id,
            "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set([self.env.ref("point_of_sale.group_pos_manager").id])]})
        with self.assertRaises(AccessError):
            self._import("serial,value\nNO-0001,100000\n", user=pos_manager)
        self.assertFalse(self._partner_vouchers())
