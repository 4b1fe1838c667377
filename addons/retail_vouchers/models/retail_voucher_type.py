from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class RetailVoucherType(models.Model):
    """A voucher denomination (100K, 200K...): what a serial of this type pays at the till (use value),
    what it is sold for (invoice value), where and when it is valid, and how it is taxed.

    The type's product is what the till sells to issue a voucher and the line that redeems one (a
    discount line, as Odoo's gift cards): its income account is the type's liability account."""

    _name = "retail.voucher.type"
    _description = "Voucher Type"
    _order = "use_value, name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    use_value = fields.Monetary(required=True, help="What a voucher of this type pays at the till.")
    invoice_value = fields.Monetary(
        required=True, help="What a voucher of this type is sold for and counts for on the invoice; the difference "
        "to the use value is booked to the difference account when it is sold.")
    tax_treatment = fields.Selection(
        [("sale", "Taxed at sale (single-purpose)"), ("redemption", "Taxed at redemption (multi-purpose)")],
        required=True, default="redemption",
        help="Single-purpose vouchers are taxed when sold: the voucher product carries the sale taxes. "
        "Multi-purpose vouchers are taxed when used: the voucher is sold without tax and the goods bought "
        "with it carry their own taxes.")
    tax_ids = fields.Many2many("account.tax", string="Sale Taxes", domain="[('type_tax_use', '=', 'sale')]",
                               help="Taxes of a voucher taxed at sale.")
    product_id = fields.Many2one(
        "product.product", string="Voucher Product", readonly=True, copy=False, ondelete="restrict",
        help="Sold at the till to issue a voucher and used (negative) on the line that redeems one.")
    config_ids = fields.Many2many("pos.config", string="Valid At Branches",
                                  help="Empty: every branch of the company.")
    valid_from = fields.Date()
    valid_to = fields.Date(string="Valid Until")
    voucher_ids = fields.One2many("retail.voucher", "type_id", string="Serials")
    voucher_count = fields.Integer(compute="_compute_voucher_count", string="Serials Count")

    @api.constrains("use_value", "invoice_value")
    def _check_values(self):
        for voucher_type in self:
            if voucher_type.use_value <= 0:
                raise ValidationError(self.env._("The use value of %(type)s must be positive.",
                                                 type=voucher_type.name))
            if voucher_type.invoice_value < 0 or voucher_type.invoice_value > voucher_type.use_value:
                raise ValidationError(self.env._(
                    "The invoice value of %(type)s must be between 0 and its use value.", type=voucher_type.name))

    @api.constrains("tax_treatment", "tax_ids", "company_id")
    def _check_tax_treatment(self):
        """A single-purpose voucher carries the tax of the goods it pays for, charged when it is sold and
        taken back on the line that redeems it: its values are what the customer pays, tax included. A
        multi-purpose voucher is no sale for tax: it is sold untaxed and the goods keep their own taxes."""
        for voucher_type in self:
            taxes = voucher_type.tax_ids
            if voucher_type.tax_treatment == "redemption" and taxes:
                raise ValidationError(self.env._(
                    "%(type)s is taxed at redemption (multi-purpose): it is sold without tax, the goods bought "
                    "with it carry theirs. Remove its sale taxes or tax it at sale.", type=voucher_type.name))
            if voucher_type.tax_treatment != "sale":
                continue
            if not taxes:
                raise ValidationError(self.env._(
                    "%(type)s is taxed at sale (single-purpose): set the sale tax of the goods it pays for.",
                    type=voucher_type.name))
            wrong = taxes.filtered(lambda tax: tax.amount_type != "percent" or not tax.price_include
                                   or tax.type_tax_use != "sale")
            if wrong:
                raise ValidationError(self.env._(
                    "%(type)s is taxed at sale: its use and invoice values are what the customer pays, so its "
                    "taxes must be sale taxes in percent included in the price (not %(taxes)s).",
                    type=voucher_type.name, taxes=", ".join(wrong.mapped("name"))))
            foreign = taxes.filtered(lambda tax, company=voucher_type.company_id: tax.company_id != company)
            if foreign:
                raise ValidationError(self.env._(
                    "The taxes of %(type)s must belong to its company (%(company)s).",
                    type=voucher_type.name, company=voucher_type.company_id.name))

    @api.constrains("valid_from", "valid_to")
    def _check_dates(self):
        for voucher_type in self:
            if voucher_type.valid_from and voucher_type.valid_to and voucher_type.valid_from > voucher_type.valid_to:
                raise ValidationError(self.env._("%(type)s ends before it starts.", type=voucher_type.name))

    def _compute_voucher_count(self):
        counts = dict(self.env["retail.voucher"]._read_group(
            [("type_id", "in", self.ids)], ["type_id"], ["__count"]))
        for voucher_type in self:
            voucher_type.voucher_count = counts.get(voucher_type, 0)

    @api.model_create_multi
    def create(self, vals_list):
        voucher_types = super().create(vals_list)
        voucher_types._retail_ensure_product()
        return voucher_types

    def write(self, vals):
        if {"tax_treatment", "tax_ids"} & set(vals):
            self._retail_check_no_voucher_outstanding()
        result = super().write(vals)
        if {"name", "tax_treatment", "tax_ids", "invoice_value", "company_id"} & set(vals):
            self._retail_ensure_product()
        return result

    def _retail_check_no_voucher_outstanding(self):
        """The ledger of a sold voucher is kept with or without the tax charged at its sale: changing how a
        type is taxed while its vouchers are outstanding would redeem them on other terms than they were
        sold on."""
        sold = self.env["retail.voucher"].sudo().search([("type_id", "in", self.ids), ("state", "=", "sold")], limit=1)
        if sold:
            raise UserError(self.env._(
                "Vouchers of %(type)s are sold and not used yet (e.g. %(serial)s): its tax treatment and taxes "
                "cannot change. Create a new voucher type instead.", type=sold.type_id.name, serial=sold.serial))

    def _retail_net(self, amount):
        """``amount`` (what the customer pays) without the tax charged at sale: the part of it that is a
        liability. A voucher taxed at redemption is untaxed: all of it."""
        self.ensure_one()
        if self.tax_treatment != "sale" or not self.tax_ids:
            return self.currency_id.round(amount)
        return self.tax_ids.compute_all(amount, currency=self.currency_id)["total_excluded"]

    def _retail_product_vals(self):
        self.ensure_one()
        taxes = self.tax_ids if self.tax_treatment == "sale" else self.env["account.tax"]
        return {
            "name": self.env._("Voucher %(type)s", type=self.name), "type": "service", "sale_ok": True,
            "purchase_ok": False, "available_in_pos": True, "list_price": self.invoice_value,
            "company_id": self.company_id.id, "taxes_id": [fields.Command.set(taxes.ids)],
            "description_sale": self.env._("Voucher, use value %(value)s",
                                           value=self.currency_id.format(self.use_value)),
        }

    def _retail_ensure_product(self):
        """Every type has its own service product, kept in line with the type (taxes, price)."""
        for voucher_type in self.sudo():
            vals = voucher_type._retail_product_vals()
            if voucher_type.product_id:
                voucher_type.product_id.write(vals)
            else:
                voucher_type.product_id = self.env["product.product"].create(vals)

    def action_open_vouchers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("retail_vouchers.action_retail_voucher")
        action["domain"] = [("type_id", "=", self.id)]
        action["context"] = {"default_type_id": self.id}
        return action
