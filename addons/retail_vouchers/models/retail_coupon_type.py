from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetailCouponType(models.Model):
    """A coupon's discount: an amount or a percentage off the products in scope, from a minimum bill,
    at the branches and in the dates configured. Coupons are marketing: no liability, the discount line
    (the type's product, negative) lowers the bill's revenue."""

    _name = "retail.coupon.type"
    _description = "Coupon Type"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    discount_mode = fields.Selection([("amount", "Amount"), ("percent", "Percentage")], required=True,
                                     default="amount")
    discount_amount = fields.Monetary()
    discount_percent = fields.Float(string="Discount (%)")
    minimum_amount = fields.Monetary(string="Minimum Bill", help="Bill total (taxes included) the coupon needs.")
    product_ids = fields.Many2many("product.product", string="Products",
                                   help="The discount applies to these products (and the categories below); "
                                   "both empty: the whole bill.")
    category_ids = fields.Many2many("product.category", string="Product Categories")
    config_ids = fields.Many2many("pos.config", string="Valid At Branches",
                                  help="Empty: every branch of the company.")
    valid_from = fields.Date()
    valid_to = fields.Date(string="Valid Until")
    product_id = fields.Many2one("product.product", string="Discount Product", readonly=True, copy=False,
                                 ondelete="restrict", help="The product of the till's discount line.")
    coupon_ids = fields.One2many("retail.coupon", "type_id", string="Serials")

    @api.constrains("discount_mode", "discount_amount", "discount_percent", "minimum_amount")
    def _check_discount(self):
        for coupon_type in self:
            if coupon_type.discount_mode == "amount" and coupon_type.discount_amount <= 0:
                raise ValidationError(self.env._("The discount of %(type)s must be a positive amount.",
                                                 type=coupon_type.name))
            if coupon_type.discount_mode == "percent" and not 0 < coupon_type.discount_percent <= 100:
                raise ValidationError(self.env._("The discount of %(type)s must be between 0 and 100 %%.",
                                                 type=coupon_type.name))
            if coupon_type.minimum_amount < 0:
                raise ValidationError(self.env._("The minimum bill of %(type)s cannot be negative.",
                                                 type=coupon_type.name))

    @api.model_create_multi
    def create(self, vals_list):
        coupon_types = super().create(vals_list)
        for coupon_type in coupon_types.sudo():
            coupon_type.product_id = self.env["product.product"].create({
                "name": self.env._("Coupon %(type)s", type=coupon_type.name), "type": "service",
                "sale_ok": False, "purchase_ok": False, "available_in_pos": True, "list_price": 0,
                "company_id": coupon_type.company_id.id, "taxes_id": [fields.Command.clear()],
            })
        return coupon_types

    # -- the discount ---------------------------------------------------------------------------------
    def _retail_in_scope(self, product):
        self.ensure_one()
        if not self.product_ids and not self.category_ids:
            return True
        if product in self.product_ids:
            return True
        return any(product.categ_id.parent_path.startswith(category.parent_path) for category in self.category_ids)

    def _retail_discount(self, lines):
        """(discount allowed, why not) for bill lines ``lines`` = [(product, amount taxes included)]:
        the minimum bill counts every line, the discount only the lines in scope."""
        self.ensure_one()
        total = sum(amount for _product, amount in lines)
        if self.currency_id.compare_amounts(total, self.minimum_amount) < 0:
            return 0.0, self.env._("Coupon %(type)s needs a bill of at least %(minimum)s (this bill: %(total)s).",
                                   type=self.name, minimum=self.currency_id.format(self.minimum_amount),
                                   total=self.currency_id.format(total))
        base = sum(amount for product, amount in lines if self._retail_in_scope(product))
        if self.currency_id.compare_amounts(base, 0) <= 0:
            return 0.0, self.env._("Coupon %(type)s applies to none of the products on this bill.", type=self.name)
        if self.discount_mode == "amount":
            return min(self.discount_amount, base), False
        return self.currency_id.round(base * self.discount_percent / 100), False

    def _retail_pos_scope(self):
        """The scope as the till needs it to compute the same discount."""
        self.ensure_one()
        return {
            "mode": self.discount_mode, "amount": self.discount_amount, "percent": self.discount_percent,
            "minimum": self.minimum_amount, "product_ids": self.product_ids.ids,
            "category_ids": self.env["product.category"].search([("id", "child_of", self.category_ids.ids)]).ids
            if self.category_ids else [],
            "product_id": self.product_id.id, "name": self.name,
        }
