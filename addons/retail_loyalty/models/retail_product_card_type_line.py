from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetailProductCardTypeLine(models.Model):
    """One product of a card type: how many units a card includes, what one unit is worth (the
    card's price allocated over its units), how many one visit may use, and the preset price of an
    extra unit bought by a card holder."""

    _name = "retail.product.card.type.line"
    _description = "Product Card Type Product"
    _order = "type_id, sequence, id"
    _check_company_auto = True

    type_id = fields.Many2one("retail.product.card.type", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="type_id.company_id", store=True)
    currency_id = fields.Many2one(related="type_id.currency_id")
    product_id = fields.Many2one("product.product", required=True, check_company=True, ondelete="restrict",
                                 domain="[('available_in_pos', '=', True)]")
    quantity = fields.Integer(string="Units", default=1, required=True)
    unit_value = fields.Monetary(
        compute="_compute_unit_value", store=True,
        help="The card's sale price allocated to one unit of this product (in proportion to the products' "
        "own sale prices): the revenue recognised when a unit is used. Cards sold at another price "
        "allocate what was actually paid the same way.")
    max_per_visit = fields.Integer(
        string="Max per Visit", help="Units of this product one visit (one order) may use; 0 for no limit.")
    extra_allowed = fields.Boolean(string="Extra Units", help="Card holders may buy more units at the till.")
    extra_price = fields.Monetary(string="Extra Unit Price", help="Preset price of one extra unit.")

    _sql_constraints = [
        ("type_product_uniq", "unique(type_id, product_id)", "A product appears once per card type."),
    ]

    @api.depends("type_id.price", "type_id.line_ids.quantity", "type_id.line_ids.product_id.lst_price")
    def _compute_unit_value(self):
        for card_type in self.type_id:
            shares = card_type._retail_allocate(card_type.price)
            for line in card_type.line_ids:
                line.unit_value = shares.get(line, 0.0) / line.quantity if line.quantity > 0 else 0.0
        for line in self.filtered(lambda line: not line.type_id):
            line.unit_value = 0.0

    @api.constrains("quantity", "max_per_visit", "extra_price")
    def _check_quantities(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(self.env._("A card includes at least one unit of each of its products."))
            if line.max_per_visit < 0 or line.extra_price < 0:
                raise ValidationError(self.env._("Units per visit and extra unit prices cannot be negative."))
