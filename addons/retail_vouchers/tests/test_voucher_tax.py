from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_voucher import RetailVoucherCase


@tagged("post_install", "-at_install")
class TestVoucherTax(RetailVoucherCase):
    """Tax treatment of vouchers, in the books after the session closes (VAT 10 % included in prices).

    A 100K voucher sold for 90K, then used on a bill of 100K of goods:
    - taxed at sale (single-purpose): VAT 8,182 on the 90K at the sale; the redemption line takes back
      the VAT of the goods it pays for (9,091), so the bill's VAT is 0 and the period's VAT is 8,182;
      the liability holds the use value without its VAT (90,909), the difference account 9,091;
    - taxed at redemption (multi-purpose): sold untaxed (liability 90,000 + 10,000 difference), the goods
      carry their VAT (9,091) and the redemption line reduces no tax base."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]
        cls.vat_account = Account.create({
            "name": "Test output VAT", "code": "333190", "account_type": "liability_current",
            "company_ids": [Command.set(cls.company.ids)]})
        repartition = [Command.create({"repartition_type": "base"}),
                       Command.create({"repartition_type": "tax", "account_id": cls.vat_account.id})]
        cls.vat = cls.env["account.tax"].create({
            "name": "Test VAT 10% incl", "amount": 10, "amount_type": "percent", "type_tax_use": "sale",
            "price_include_override": "tax_included", "company_id": cls.company.id,
            "invoice_repartition_line_ids": repartition, "refund_repartition_line_ids": repartition})
        cls.vat_5 = cls.vat.copy({"name": "Test VAT 5% incl", "amount": 5})
        cls.goods = cls.env["product.product"].create({
            "name": "Test taxed spa set", "type": "service", "available_in_pos": True, "list_price": 100000,
            "taxes_id": [Command.set(cls.vat.ids)], "company_id": cls.company.id})
        cls.goods_income = cls.goods.with_company(cls.company)._get_product_accounts()["income"]
        cls.single_purpose = cls.env["retail.voucher.type"].create({
            "name": "Voucher 100K taxed at sale", "use_value": 100000, "invoice_value": 90000,
            "company_id": cls.company.id, "tax_treatment": "sale", "tax_ids": [Command.set(cls.vat.ids)],
            "config_ids": [Command.set(cls.branch.ids)]})
        cls.breakage_account = cls.voucher_type._retail_prepaid_accounts(cls.company)["breakage"]

    def _balances(self):
        return {name: self._gl(account) for name, account in (
            ("vat", self.vat_account), ("liability", self.voucher_liability),
            ("difference", self.difference_account), ("income", self.goods_income),
            ("breakage", self.breakage_account))}

    def _delta(self, before):
        return {name: balance - before[name] for name, balance in self._balances().items()}

    def _sell(self, voucher_type):
        voucher = self._vouchers(voucher_type=voucher_type)
        taxes = voucher_type.tax_ids
        self._serial_order(None, [self._taxed_line(voucher_type.product_id, 90000, taxes,
                                                   retail_voucher_serial=voucher.serial)])
        self.assertEqual(voucher.state, "sold")
        return voucher

    def _redeem(self, voucher, bill, taken=None, taxes=None, goods=None, partner=None, **values):
        token = self._reserve(voucher)["token"]
        taken = min(bill, voucher.value) if taken is None else taken
        voucher_taxes = voucher.type_id.tax_ids if taxes is None else taxes
        return self._serial_order(partner, [
            self._taxed_line(goods or self.goods, bill, (goods or self.goods).taxes_id),
            self._taxed_line(voucher.type_id.product_id, -taken, voucher_taxes,
                             retail_voucher_serial=voucher.serial, retail_voucher_token=token),
        ], **values)

    def _ledger(self, voucher):
        return sorted(voucher.move_ids.mapped(lambda move: (move.kind, move.value)))

    # -- books ----------------------------------------------------------------------------------------
    def test_single_purpose_voucher_is_taxed_once_at_sale(self):
        before = self._balances()
        voucher = self._sell(self.single_purpose)
        self.assertEqual(voucher.invoice_value, 90000, "what the customer paid, VAT included")
        self.assertEqual(self._ledger(voucher), [("bonus", 9091.0), ("sale", 81818.0)],
                         "the liability is the use value without the VAT already charged")
        self.assertEqual(voucher.liability, 90909)
        order = self._redeem(voucher, 100000)
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual((order.amount_total, order.amount_tax), (0, 0), "no VAT on goods paid by the voucher")
        self.assertEqual(voucher.state, "used")
        self.assertEqual(voucher.liability, 0)
        self._close()
        self.assertEqual(self._delta(before), {
            "vat": 8182, "liability": 0, "difference": -9091, "income": 90909, "breakage": 0})
        self.assertEqual(self._report().difference, 0)

    def test_single_purpose_voucher_on_a_smaller_bill_books_breakage_without_vat(self):
        before = self._balances()
        voucher = self._sell(self.single_purpose)
        order = self._redeem(voucher, 70000)
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual(self._ledger(voucher),
                         [("bonus", 9091.0), ("expiry", -27273.0), ("sale", 81818.0), ("use", -63636.0)])
        self._close()
        self.assertEqual(self._delta(before), {
            "vat": 8182, "liability": 0, "difference": -9091, "income": 63636, "breakage": 27273})

    def test_multi_purpose_voucher_is_taxed_with_the_goods_at_redemption(self):
        before = self._balances()
        voucher = self._sell(self.voucher_type)
        self.assertEqual(self._ledger(voucher), [("bonus", 10000.0), ("sale", 90000.0)])
        order = self._redeem(voucher, 100000)
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual((order.amount_total, order.amount_tax), (0, 9091), "the goods keep their VAT")
        self._close()
        self.assertEqual(self._delta(before), {
            "vat": 9091, "liability": 0, "difference": -10000, "income": 90909, "breakage": 0})
        self.assertEqual(self._report().difference, 0)

    # -- the till's lines are checked ---------------------------------------------------------------
    def test_a_single_purpose_redemption_without_its_tax_is_not_honoured(self):
        voucher = self._sell(self.single_purpose)
        order = self._redeem(voucher, 100000, taxes=self.env["account.tax"])
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertEqual(order.retail_prepaid_amount_due, 100000)
        self.assertIn("takes back Test VAT 10% incl", order.retail_prepaid_flag_note)
        self.assertEqual(voucher.state, "sold", "the voucher can still be used")

    def test_a_single_purpose_voucher_pays_only_for_goods_of_its_tax(self):
        voucher = self._sell(self.single_purpose)
        goods_5 = self.env["product.product"].create({
            "name": "Test 5% goods", "type": "service", "list_price": 100000, "company_id": self.company.id,
            "taxes_id": [Command.set(self.vat_5.ids)]})
        order = self._redeem(voucher, 100000, goods=goods_5)
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertIn("of goods taxed Test VAT 10% incl", order.retail_prepaid_flag_note)
        self.assertEqual(voucher.state, "sold")

    def test_a_multi_purpose_redemption_line_carries_no_tax(self):
        voucher = self._sell(self.voucher_type)
        order = self._redeem(voucher, 100000, taxes=self.vat)
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertIn("paid untaxed", order.retail_prepaid_flag_note)

    # -- configuration --------------------------------------------------------------------------------
    def test_tax_configuration_must_fit_the_treatment(self):
        VoucherType = self.env["retail.voucher.type"]
        values = {"use_value": 100000, "invoice_value": 90000, "company_id": self.company.id}
        with self.assertRaisesRegex(ValidationError, "set the sale tax"):
            VoucherType.create({**values, "name": "No tax", "tax_treatment": "sale"})
        excluded = self.vat.copy({"name": "Test VAT 10% excl", "price_include_override": "tax_excluded"})
        with self.assertRaisesRegex(ValidationError, "included in the price"):
            VoucherType.create({**values, "name": "Excluded", "tax_treatment": "sale",
                                "tax_ids": [Command.set(excluded.ids)]})
        with self.assertRaisesRegex(ValidationError, "sold without tax"):
            VoucherType.create({**values, "name": "Taxed MPV", "tax_treatment": "redemption",
                                "tax_ids": [Command.set(self.vat.ids)]})
        with self.assertRaisesRegex(ValidationError, "Change the voucher type instead"):
            self.voucher_product.taxes_id = self.vat
        with self.assertRaisesRegex(ValidationError, "Change the voucher type instead"):
            self.single_purpose.product_id.taxes_id = self.env["account.tax"]
        self.single_purpose.write({"tax_treatment": "redemption", "tax_ids": [Command.clear()]})
        self.assertFalse(self.single_purpose.product_id.taxes_id)
        voucher = self._sell(self.voucher_type)
        with self.assertRaisesRegex(UserError, f"e.g. {voucher.serial}"):
            self.voucher_type.write({"tax_treatment": "sale", "tax_ids": [Command.set(self.vat.ids)]})

    def test_a_single_purpose_voucher_is_not_sold_outside_the_till(self):
        voucher = self._vouchers(voucher_type=self.single_purpose)
        with self.assertRaisesRegex(UserError, "taxed at sale"):
            voucher._retail_sell()
        self.assertEqual(voucher.state, "issued")

    # -- invoice --------------------------------------------------------------------------------------
    def test_the_invoice_shows_both_values_of_the_voucher_redeemed(self):
        partner = self._new_member("Khách Hóa Đơn Voucher")
        voucher = self._sell(self.single_purpose)
        order = self._redeem(voucher, 150000, partner=partner)
        self.assertFalse(order.retail_prepaid_flagged)
        order.action_pos_order_invoice()
        invoice = order.account_move
        self.assertTrue(invoice)
        line = invoice.invoice_line_ids.filtered(lambda aml: aml.product_id == self.single_purpose.product_id)
        currency = self.company.currency_id
        for text in (voucher.serial, f"redeemed: {currency.format(100000)}", f"Use value {currency.format(100000)}",
                     f"invoice value {currency.format(90000)}", f"difference {currency.format(10000)}"):
            self.assertIn(text, line.name)
        self.assertEqual(line.tax_ids, self.vat)
        self.assertEqual(invoice.amount_total, 50000)
        self.assertEqual(invoice.amount_tax, 4545, "VAT only on the 50K the voucher did not pay")
        self._close()
        self.assertEqual(voucher.liability, 0)
        self.assertTrue(all(voucher.move_ids.mapped("account_move_id")), "every voucher line is in the books")
        self.assertEqual(self._report().difference, 0, "the invoice carries the redemption on the liability")
