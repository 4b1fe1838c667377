from odoo import api, fields, models
from odoo.tools import SQL


class ProductProduct(models.Model):
    _inherit = "product.product"

    retail_voucher_printed = fields.Boolean(
        compute="_compute_retail_voucher_printed", string="Sells Printed Vouchers",
        help="The product of a voucher type with printed serials not sold yet: the till asks for the serial "
        "of the voucher it sells instead of making a new one.")

    def _compute_retail_voucher_printed(self):
        # one row per type, however many serials are printed
        groups = self.env["retail.voucher"].sudo()._read_group(
            [("type_id.product_id", "in", self.ids), ("state", "=", "issued")], ["type_id"])
        printed = self.env["retail.voucher.type"].union(*(voucher_type for (voucher_type,) in groups)).product_id
        for product in self:
            product.retail_voucher_printed = product in printed

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_list = super()._load_pos_data_fields(config_id)
        return [*fields_list, "retail_voucher_printed"] if fields_list else fields_list

    @api.model
    def _retail_unsuggested_products_sql(self):
        """Vouchers sold and the discount products of coupons are no goods a customer buys for themselves."""
        return SQL("""%s
             UNION ALL
            SELECT product_id FROM retail_voucher_type WHERE product_id IS NOT NULL
             UNION ALL
            SELECT product_id FROM retail_coupon_type WHERE product_id IS NOT NULL
        """, super()._retail_unsuggested_products_sql())
