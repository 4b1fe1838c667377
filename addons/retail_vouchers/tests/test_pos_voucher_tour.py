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

    def test_scan_a_coupon(self):
        before = self.env["pos.order"].search([("config_id", "=", self.config.id)])
        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_coupon_scan_tour", login="admin")
        order = self._new_orders(before)
        self.assertEqual(order.amount_total, 63000)
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual((self.coupon.state, self.coupon.used_order_id, self.coupon.used_config_id),
                         ("used", order, self.config))
