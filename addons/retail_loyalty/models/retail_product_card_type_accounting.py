from odoo import api, fields, models


class RetailProductCardType(models.Model):
    """Accounts of a product-card type: what was paid for a card is a liability until its units are
    used (revenue at unit value) or expire (breakage)."""

    _name = "retail.product.card.type"
    _inherit = ["retail.product.card.type", "retail.prepaid.account.mixin"]

    retail_free_use_account_id = fields.Many2one(
        "account.account", string="Free Card Expense Account", company_dependent=True,
        help="Marketing expense debited at product cost for each unit used from a card given free (its cost of "
        "goods sold account is credited); empty: the Bonus and Accrual Account.")

    @api.model_create_multi
    def create(self, vals_list):
        card_types = super().create(vals_list)
        card_types._retail_sync_prepaid_accounts()
        return card_types

    def write(self, vals):
        result = super().write(vals)
        self._retail_sync_prepaid_accounts()
        return result

    def _retail_prepaid_products(self):
        """Products whose sale is money received for cards of this type: the card itself and, when
        extra units are sold as their own product, that product."""
        self.ensure_one()
        products = self.product_id
        for field_name in ("extra_product_id", "retail_extra_product_id"):
            if field_name in self.line_ids._fields:
                products |= self.line_ids[field_name]
        return products

    def _retail_sync_prepaid_accounts(self):
        """The card product's income account is the type's liability account, so the POS session's
        closing entry books cards sold on it."""
        for card_type in self:
            liability = card_type.sudo().with_company(card_type.company_id).retail_liability_account_id
            if not liability:
                continue
            for template in card_type._retail_prepaid_products().product_tmpl_id:
                template = template.sudo().with_company(card_type.company_id)
                if template.property_account_income_id != liability:
                    template.property_account_income_id = liability
