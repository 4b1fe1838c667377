from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetailProductCardType(models.Model):
    """A prepaid package sold at the till: products and quantities (10 spa sessions, 20 beers),
    a sale price (the type's own product), a validity and per-visit limits."""

    _name = "retail.product.card.type"
    _description = "Product Card Type"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one(
        "product.product", string="Sold as", check_company=True, ondelete="restrict",
        help="The product the till sells: selling it to a customer issues one card per unit sold. "
        "Created from the type when left empty.")
    price = fields.Float(
        related="product_id.lst_price", readonly=False, string="Sale Price", digits="Product Price",
        help="What the customer pays for the card: it is allocated over the included units.")
    line_ids = fields.One2many("retail.product.card.type.line", "type_id", string="Products", copy=True)
    validity_number = fields.Integer(
        string="Valid for", default=12, help="How long units stay usable after the sale; 0 never expires.")
    validity_unit = fields.Selection([("days", "Days"), ("months", "Months")], default="months", required=True)
    max_units_per_visit = fields.Integer(
        string="Units per Visit", help="Units of this card one visit (one order) may use in all; 0 for no limit.")
    card_count = fields.Integer(compute="_compute_card_count", string="Cards")
    note = fields.Text(translate=True, help="Conditions printed for the customer.")

    _sql_constraints = [
        ("product_uniq", "unique(product_id)", "A product sells one card type only."),
    ]

    @api.constrains("validity_number", "max_units_per_visit")
    def _check_numbers(self):
        for card_type in self:
            if card_type.validity_number < 0 or card_type.max_units_per_visit < 0:
                raise ValidationError(self.env._("Validity and units per visit cannot be negative."))

    def _compute_card_count(self):
        counts = dict(self.env["retail.product.card"]._read_group(
            [("type_id", "in", self.ids)], ["type_id"], ["__count"]))
        for card_type in self:
            card_type.card_count = counts.get(card_type, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("product_id"):
                vals["product_id"] = self._retail_create_product(vals).id
        card_types = super().create(vals_list)
        card_types._retail_mark_products()
        return card_types

    def write(self, vals):
        result = super().write(vals)
        if "product_id" in vals:
            self._retail_mark_products()
        return result

    @api.model
    def _retail_create_product(self, vals):
        return self.env["product.product"].create({
            "name": vals.get("name") or self.env._("Product card"),
            "type": "service",
            "available_in_pos": True,
            "list_price": vals.pop("price", 0.0),
            "company_id": vals.get("company_id") or self.env.company.id,
        })

    def _retail_mark_products(self):
        """A card sold is prepaid value, not a purchase: no tier discount and no points on it."""
        self.product_id.product_tmpl_id.sudo().write({"retail_no_member_discount": True, "retail_no_points": True})

    def _retail_expiry_date(self, issue_date):
        self.ensure_one()
        if not self.validity_number:
            return False
        step = {"days": relativedelta(days=self.validity_number),
                "months": relativedelta(months=self.validity_number)}[self.validity_unit]
        return issue_date + step

    def _retail_allocate(self, amount):
        """Split ``amount`` (what one card was sold for, company currency) over the type's lines in
        proportion to their standalone value (quantity x the product's sale price; by units when no
        product has a price). The shares add up to ``amount`` exactly. Returns {line: share}."""
        self.ensure_one()
        currency = self.currency_id
        lines = self.line_ids.filtered(lambda line: line.quantity > 0)
        weights = {line: line.quantity * line.product_id.lst_price for line in lines}
        if not sum(weights.values()):
            weights = {line: line.quantity for line in lines}
        total_weight = sum(weights.values())
        shares = {}
        left = amount
        for index, line in enumerate(lines):
            if index == len(lines) - 1:
                shares[line] = currency.round(left)
            else:
                shares[line] = currency.round(amount * weights[line] / total_weight) if total_weight else 0.0
                left -= shares[line]
        return shares

    def action_view_cards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("retail_loyalty.retail_product_card_action")
        action["domain"] = [("type_id", "=", self.id)]
        action["context"] = {"default_type_id": self.id}
        return action
