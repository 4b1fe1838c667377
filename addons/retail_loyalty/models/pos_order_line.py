from odoo import api, fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    retail_product_card_token = fields.Char(
        string="Product Card Reservation", copy=False, index="btree_not_null",
        help="The reservation a till took on the server for this line: units of a product card used "
        "(the line is priced 0) or extra units bought at the preset price.")
    retail_product_card_move_ids = fields.One2many(
        "retail.product.card.move", "order_line_id", string="Product Card Ledger")

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), "retail_product_card_token"]
