from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common_voucher import RetailVoucherCase


@tagged("post_install", "-at_install")
class TestVoucherSuggestion(RetailVoucherCase):
    """A customer who buys a voucher with a cream on every visit: the cream is their habit, the
    voucher is prepaid value, neither suggested nor counted among the products bought together."""

    def test_vouchers_sold_are_never_suggested_nor_bought_together(self):
        params = self.env["ir.config_parameter"].sudo()
        for name, value in (("months", 1), ("min_support", 0), ("min_confidence", 10), ("min_bills", 3)):
            params.set_param(f"retail_loyalty.association_{name}", value)
        customer = self.env["res.partner"].create({"name": "Test voucher habit"})
        now = fields.Datetime.now()
        for days in (12, 9, 6, 3):
            voucher = self._vouchers()
            self._serial_order(customer, [
                self._line(self.scoped_product, 200000),
                self._line(self.voucher_product, 90000, retail_voucher_serial=voucher.serial),
            ], date_order=fields.Datetime.to_string(now - timedelta(days=days)))

        self.env["retail.product.association"]._retail_compute(self.company)
        rules = self.env["retail.product.association"].search([("company_id", "=", self.company.id)])
        self.assertTrue(rules, "the demo shop's bills give rules")
        self.assertNotIn(self.voucher_product, rules.antecedent_id | rules.consequent_id)

        suggested = [suggestion["product_id"] for suggestion in customer._retail_portal_product_suggestions()]
        self.assertIn(self.scoped_product.id, suggested, "bought on every visit")
        self.assertNotIn(self.voucher_product.id, suggested)
