from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetailProductCardMove(models.Model):
    """Append-only ledger of product-card units: the remaining units of a card and product are the
    sum of its lines, never negative.

    ``value`` is the liability effect (quantity x unit value; 0 on free cards, which carry no
    liability); ``cost_value`` is what the units used from a free card cost the shop (marketing
    expense at product cost), negative when such a use is refunded."""

    _name = "retail.product.card.move"
    _inherit = ["retail.prepaid.ledger.mixin"]
    _description = "Product Card Ledger Line"
    _rec_name = "card_id"

    kind = fields.Selection(
        [("sale", "Card sold"), ("gift", "Card given free"), ("extra", "Extra units bought"),
         ("use", "Unit used"), ("refund", "Refund"), ("expiry", "Expired"), ("adjust", "Manual correction")],
        required=True, readonly=True, index=True)
    card_id = fields.Many2one("retail.product.card", required=True, readonly=True, index=True,
                              ondelete="restrict")
    type_id = fields.Many2one(related="card_id.type_id", store=True, string="Card Type")
    is_free = fields.Boolean(related="card_id.is_free", string="Free Card")
    product_id = fields.Many2one("product.product", required=True, readonly=True,
                                 ondelete="restrict", index=True)
    quantity = fields.Integer(string="Units", required=True, readonly=True,
                              help="Units added to the card (positive) or taken from it (negative).")
    unit_value = fields.Float(digits=(16, 4), readonly=True,
                              help="Liability value of one unit on this line; 0 on free cards.")
    cost_value = fields.Monetary(
        string="Cost of Free Units", readonly=True,
        help="Product cost of the units a free card gave away (a marketing expense); negative when "
        "such a use is refunded.")
    order_line_id = fields.Many2one("pos.order.line", readonly=True,
                                    index="btree_not_null", ondelete="restrict")
    reservation_id = fields.Many2one("retail.product.card.reservation", readonly=True,
                                     index="btree_not_null", ondelete="restrict")

    def init(self):
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS retail_product_card_move_card_product_idx
                ON retail_product_card_move (card_id, product_id) INCLUDE (quantity, value)
        """)

    @api.model_create_multi
    def create(self, vals_list):
        self._retail_check_manual_lines(vals_list)
        cards = self.env["retail.product.card"].browse({vals["card_id"] for vals in vals_list})
        for vals in vals_list:
            card = cards.browse(vals["card_id"])
            vals.setdefault("company_id", card.company_id.id)
            vals.setdefault("partner_id", card.partner_id.id)
            vals.setdefault("local_date", (vals.get("branch_id") and self.env["pos.config"].browse(
                vals["branch_id"])._retail_local_date(vals.get("date"))) or fields.Date.context_today(self))
            if vals["kind"] == "adjust" and "value" not in vals:
                unit_value = card._retail_unit_value(self.env["product.product"].browse(vals["product_id"]))
                vals.update(unit_value=unit_value, value=card.currency_id.round(vals["quantity"] * unit_value))
        moves = super().create(vals_list)
        moves._retail_check_never_negative()
        # remaining units are a view over this table: what the ORM holds of it is stale now
        self.env["retail.product.card.balance"].invalidate_model()
        moves.card_id.invalidate_recordset(["balance_ids"])
        moves._retail_post_accounting()
        return moves

    def _retail_check_never_negative(self):
        """Remaining units are the sum of the ledger: no card and product may go below zero."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT m.card_id, m.product_id
              FROM retail_product_card_move m
             WHERE m.card_id = ANY(%s) AND m.product_id = ANY(%s)
          GROUP BY m.card_id, m.product_id
            HAVING SUM(m.quantity) < 0
        """, [self.card_id.ids, self.product_id.ids])
        negative = self.env.cr.fetchall()
        if negative:
            card = self.env["retail.product.card"].browse(negative[0][0])
            product = self.env["product.product"].browse(negative[0][1])
            raise ValidationError(self.env._(
                "Card %(card)s has no %(product)s units left for this.",
                card=card.code, product=product.display_name))

    def _retail_post_accounting(self):
        """Journal entries for these lines: implemented by the accounting part of the module."""
        return True
