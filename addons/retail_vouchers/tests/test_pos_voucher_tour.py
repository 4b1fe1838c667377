from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPosVoucherTour(HttpCase):
    """At the demo shop's till: a 100K voucher redeemed on a 70K bill (no change, 30K breakage) and a
    10 % coupon scanned on a bill."""

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        self.company = self.config.company_id
        self.env["retail.member.day"].search([]).write({"active": False})
        self.env["loyalty.program"].search([("program_type", "=", "promotion"), ("trigger", "=", "auto")]).write(
            {"active": False})
        self.service = self.env["product.product"].create({
            "name": "Tour Voucher Massage", "type": "service", "available_in_pos": True, "list_price": 70000,
            "taxes_id": [Command.clear()], "company_id": self.company.id,
            "pos_categ_ids": [Command.set(self.env.ref("retail_crm.demo_pos_category_spa").ids)],
        })
        self.voucher_type = self.env["retail.voucher.type"].create({
            "name": "Tour voucher 100K", "use_value": 100000, "invoice_value": 90000, "company_id": self.company.id,
            "config_ids": [Command.set(self.config.ids)],
        })
        self.voucher = self.env["retail.voucher"]._retail_create_serials(self.voucher_type, ["TOUR-V100K-0001"], "tour")
        self.voucher._retail_sell()
        self.coupon_type = self.env["retail.coupon.type"].create({
            "name": "Tour 10 %", "discount_mode": "percent", "discount_percent": 10, "company_id": self.company.id,
        })
        self.coupon = self.env["retail.coupon"]._retail_create_serials(self.coupon_type, ["TOUR-COUPON-0001"], "tour")
        self.printed = self.env["retail.voucher"]._retail_create_serials(
            self.voucher_type, ["TOUR-V100K-0100", "TOUR-V100K-0101", "TOUR-V100K-0102"], "tour printed")
        self.voucher_type.product_id.pos_categ_ids = self.env.ref("retail_crm.demo_pos_category_spa")

    def _new_orders(self, before):
        return self.env["pos.order"].search([("config_id", "=", self.config.id)], order="id") - before

    def test_redeem_a_voucher_on_a_smaller_bill_no_change_breakage_recorded(self):
        before = self.env["pos.order"].search([("config_id", "=", self.config.id)])
        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_voucher_smaller_bill_tour", login="admin")
        order = self._new_orders(before)
        self.assertEqual(len(order), 1)
        self.assertEqual((order.amount_total, order.amount_return), (0, 0), "no change")
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual((self.voucher.state, self.voucher.used_order_id), ("used", order))
        moves = self.voucher.move_ids.filtered(lambda move: move.order_id == order)
        self.assertEqual(sorted(moves.mapped(lambda move: (move.kind, move.value))),
                         [("expiry", -30000.0), ("use", -70000.0)])
        line = order.lines.filtered("retail_voucher_token")
        self.assertEqual((line.retail_voucher_value, line.retail_voucher_invoice_value), (100000, 90000))

    def test_scan_a_coupon(self):
        before = self.env["pos.order"].search([("config_id", "=", self.config.id)])
        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_coupon_scan_tour", login="admin")
        order = self._new_orders(before)
        self.assertEqual(order.amount_total, 63000)
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual((self.coupon.state, self.coupon.used_order_id, self.coupon.used_config_id),
                         ("used", order, self.config))

    def test_sell_printed_vouchers_by_scanning_them_or_from_the_product(self):
        scanned, picked, cancelled = self.printed
        cancelled.action_cancel()
        before = self.env["pos.order"].search([("config_id", "=", self.config.id)])
        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_voucher_sell_printed_tour", login="admin")
        order = self._new_orders(before)
        self.assertEqual(len(order), 1)
        self.assertEqual(order.amount_total, 180000)
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual(sorted(order.lines.mapped("retail_voucher_serial")), [scanned.serial, picked.serial])
        for printed in (scanned, picked):
            self.assertEqual((printed.state, printed.sold_order_id, printed.sold_config_id),
                             ("sold", order, self.config))
            self.assertEqual(sorted(printed.move_ids.mapped(lambda move: (move.kind, move.value))),
                             [("bonus", 10000.0), ("sale", 90000.0)])
        self.assertEqual(cancelled.state, "cancelled")
        self.assertEqual(self.voucher.sold_order_id, self.env["pos.order"], "the voucher sold already is untouched")
        self.assertEqual(self.env["retail.voucher"].search_count([("sold_order_id", "=", order.id)]), 2,
                         "no new serial was made")

    def test_a_voucher_taxed_at_sale_is_sold_then_takes_its_vat_back(self):
        vat = self.env["account.tax"].create({
            "name": "Tour VAT 10% incl", "amount": 10, "type_tax_use": "sale",
            "price_include_override": "tax_included", "company_id": self.company.id})
        self.env["product.product"].create({
            "name": "Tour Taxed Facial", "type": "service", "available_in_pos": True, "list_price": 60000,
            "taxes_id": [Command.set(vat.ids)], "company_id": self.company.id,
            "pos_categ_ids": [Command.set(self.env.ref("retail_crm.demo_pos_category_spa").ids)],
        })
        single_purpose = self.env["retail.voucher.type"].create({
            "name": "Tour voucher 100K VAT", "use_value": 100000, "invoice_value": 90000,
            "company_id": self.company.id, "tax_treatment": "sale", "tax_ids": [Command.set(vat.ids)],
            "config_ids": [Command.set(self.config.ids)],
        })
        voucher = self.env["retail.voucher"]._retail_create_serials(single_purpose, ["TOUR-SPV-0001"], "tour")
        before = self.env["pos.order"].search([("config_id", "=", self.config.id)])
        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_voucher_single_purpose_tour", login="admin")
        sale, bill = self._new_orders(before)
        self.assertEqual((sale.amount_total, sale.amount_tax), (90000, 8182), "VAT charged when it is sold")
        self.assertEqual(voucher.sold_order_id, sale)
        self.assertFalse(bill.retail_prepaid_flagged)
        self.assertEqual((bill.amount_total, bill.amount_tax), (70000, 0),
                         "the voucher paid the facial and took its VAT back; the massage is untaxed")
        line = bill.lines.filtered("retail_voucher_token")
        self.assertEqual((line.tax_ids, line.price_subtotal_incl), (vat, -60000))
        self.assertEqual((voucher.state, voucher.used_order_id), ("used", bill))
        self.assertEqual(sorted(voucher.move_ids.mapped(lambda move: (move.kind, move.value))),
                         [("bonus", 9091.0), ("expiry", -36364.0), ("sale", 81818.0), ("use", -54545.0)])
