from odoo import api, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    """A voucher type's product carries exactly the taxes of its treatment: the type's sale taxes when it
    is taxed at sale, none when it is taxed at redemption (the type keeps it so; see
    ``retail.voucher.type._retail_product_vals``). Changing them on the product would tax a multi-purpose
    voucher twice or let a single-purpose one escape its tax."""

    _inherit = "product.template"

    @api.constrains("taxes_id")
    def _check_retail_voucher_taxes(self):
        voucher_types = self.env["retail.voucher.type"].sudo().with_context(active_test=False).search(
            [("product_id.product_tmpl_id", "in", self.ids)])
        for voucher_type in voucher_types:
            expected = voucher_type.tax_ids if voucher_type.tax_treatment == "sale" else self.env["account.tax"]
            # only the type's company's taxes: a chart loaded in another company adds its default tax everywhere
            taxes = voucher_type.product_id.product_tmpl_id.sudo().taxes_id.filtered(
                lambda tax, company=voucher_type.company_id: tax.company_id == company)
            if taxes != expected:
                raise ValidationError(self.env._(
                    "%(product)s is the product of voucher type %(type)s: its taxes follow the type's tax "
                    "treatment. Change the voucher type instead.",
                    product=voucher_type.product_id.display_name, type=voucher_type.name))
