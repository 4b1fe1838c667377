from odoo import api, fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    retail_voucher_serial = fields.Char(
        string="Voucher Serial", copy=False, index="btree_not_null",
        help="The voucher this line sells (positive) or redeems (the negative voucher line).")
    retail_voucher_token = fields.Char(string="Voucher Reservation", copy=False,
                                       help="The reservation the till took on the server for the voucher it redeems.")
    retail_voucher_value = fields.Monetary(
        string="Voucher Use Value", copy=False,
        help="What the voucher on this line pays (its use value), as the till showed it on the receipt.")
    retail_voucher_invoice_value = fields.Monetary(
        string="Voucher Invoice Value", copy=False,
        help="What the voucher on this line was sold for, as the till showed it on the receipt.")
    retail_coupon_serial = fields.Char(string="Coupon Serial", copy=False, index="btree_not_null")
    retail_coupon_token = fields.Char(string="Coupon Reservation", copy=False)

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), "retail_voucher_serial", "retail_voucher_token",
                "retail_voucher_value", "retail_voucher_invoice_value", "retail_coupon_serial", "retail_coupon_token"]
