from uuid import uuid4

from odoo import Command, fields
from odoo.addons.retail_loyalty.tests.common_prepaid_accounting import PrepaidAccountingCase


class RetailVoucherCase(PrepaidAccountingCase):
    """The demo shop's Hoàn Kiếm branch with a 100K voucher sold for 90K (valid at Hoàn Kiếm only),
    a coupon of 50K off from a 300K bill and a coupon of 20 % off the test category. Orders reach the
    server as a till sends them (``sync_from_ui``) and sessions are closed for real."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # automatic promotions (discount policies) would change the bills the tests build
        cls.env["loyalty.program"].search([("program_type", "=", "promotion"), ("trigger", "=", "auto")]).active = False
        cls.other_branch = cls.env.ref("retail_crm.demo_pos_cau_giay")
        cls.voucher_type = cls.env["retail.voucher.type"].create({
            "name": "Voucher 100K", "use_value": 100000, "invoice_value": 90000, "company_id": cls.company.id,
            "config_ids": [Command.set(cls.branch.ids)],
        })
        cls.voucher_product = cls.voucher_type.product_id
        accounts = cls.voucher_type._retail_prepaid_accounts(cls.company)
        cls.voucher_liability = accounts["liability"]
        cls.difference_account = accounts["bonus"]
        cls.Voucher = cls.env["retail.voucher"]
        cls.Coupon = cls.env["retail.coupon"]
        cls.category = cls.env["product.category"].create({"name": "Test coupon category"})
        cls.scoped_product = cls.env["product.product"].create({
            "name": "Test scoped cream", "type": "service", "available_in_pos": True, "list_price": 200000,
            "categ_id": cls.category.id, "taxes_id": [Command.clear()], "company_id": cls.company.id,
        })
        cls.coupon_type = cls.env["retail.coupon.type"].create({
            "name": "50K off from 300K", "discount_mode": "amount", "discount_amount": 50000,
            "minimum_amount": 300000, "company_id": cls.company.id, "config_ids": [Command.set(cls.branch.ids)],
        })
        cls.percent_coupon_type = cls.env["retail.coupon.type"].create({
            "name": "20% off creams", "discount_mode": "percent", "discount_percent": 20,
            "category_ids": [Command.set(cls.category.ids)], "company_id": cls.company.id,
        })

    # -- serials --------------------------------------------------------------------------------------
    def _vouchers(self, count=1, voucher_type=None, **values):
        voucher_type = voucher_type or self.voucher_type
        serials = self.Voucher._retail_new_serials(count, "T", company=self.company)
        vouchers = self.Voucher._retail_create_serials(voucher_type, serials, "test")
        if values:
            vouchers.write(values)
        return vouchers

    def _sold_voucher(self, partner=None):
        """A voucher sold at the till for its invoice value."""
        voucher = self._vouchers()
        self._serial_order(partner, [self._line(self.voucher_product, 90000, retail_voucher_serial=voucher.serial)])
        self.assertEqual(voucher.state, "sold")
        return voucher

    def _coupons(self, count=1, coupon_type=None):
        coupon_type = coupon_type or self.coupon_type
        serials = self.Coupon._retail_new_serials(count, "C", company=self.company)
        return self.Coupon._retail_create_serials(coupon_type, serials, "test")

    # -- orders ---------------------------------------------------------------------------------------
    def _line(self, product, amount, **extra):
        return {"product_id": product.id, "qty": 1, "price_unit": amount, "discount": 0, "price_subtotal": amount,
                "price_subtotal_incl": amount, "tax_ids": [(6, 0, [])], "pack_lot_ids": [], **extra}

    def _taxed_line(self, product, amount, taxes, **extra):
        """A line of ``amount`` tax included, carrying ``taxes`` (included in the price)."""
        computed = taxes.compute_all(amount, currency=self.company.currency_id)
        return self._line(product, amount, **{
            "price_subtotal": computed["total_excluded"], "price_subtotal_incl": computed["total_included"],
            "tax_ids": [(6, 0, taxes.ids)], **extra})

    def _serial_order(self, partner, lines, session=None, cash=None, **values):
        """Sync one order with ``lines`` (see ``_line``), the rest paid in cash."""
        session = session or self.session
        total = sum(line["price_subtotal_incl"] for line in lines)
        tax = sum(line["price_subtotal_incl"] - line["price_subtotal"] for line in lines)
        uuid = str(uuid4())
        data = {
            "amount_paid": total, "amount_return": 0, "amount_tax": tax, "amount_total": total,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "fiscal_position_id": False, "pricelist_id": session.config_id.pricelist_id.id,
            "name": f"Order {uuid}", "last_order_preparation_change": "{}",
            "lines": [(0, 0, line) for line in lines],
            "partner_id": partner.id if partner else False, "session_id": session.id, "sequence_number": 1,
            "uuid": uuid, "user_id": self.env.uid, "to_invoice": False, "state": "paid",
            "payment_ids": [(0, 0, {"amount": total, "name": fields.Datetime.now(),
                                    "payment_method_id": (cash or self.cash).id})] if total else [],
            **values,
        }
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _reserve(self, record, branch=None, uuid="till-order"):
        return self.env[record._name].retail_pos_reserve(record.serial, uuid, (branch or self.branch).id)

    def _redeem_voucher(self, voucher, bill, partner=None, token=None, amount=None):
        """A bill of ``bill`` on which the voucher takes what it can (no change): the voucher line is the
        type's product at minus min(bill, value), the rest paid in cash."""
        token = token if token is not None else self._reserve(voucher)["token"]
        taken = amount if amount is not None else min(bill, voucher.value)
        return self._serial_order(partner, [
            self._line(self.service, bill),
            self._line(self.voucher_product, -taken, retail_voucher_serial=voucher.serial,
                       retail_voucher_token=token),
        ])
