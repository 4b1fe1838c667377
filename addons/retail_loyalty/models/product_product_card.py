from odoo import api, fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    retail_is_product_card = fields.Boolean(
        compute="_compute_retail_is_product_card", string="Sells a Product Card",
        help="Selling this product at the till issues a product card to the customer.")

    def _compute_retail_is_product_card(self):
        card_products = self.env["retail.product.card.type"].sudo().search(
            [("product_id", "in", self.ids)]).product_id
        for product in self:
            product.retail_is_product_card = product in card_products

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_list = super()._load_pos_data_fields(config_id)
        return [*fields_list, "retail_is_product_card"] if fields_list else fields_list
