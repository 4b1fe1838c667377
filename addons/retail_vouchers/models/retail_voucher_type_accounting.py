from odoo import api, models


class RetailVoucherType(models.Model):
    """Accounts of a voucher type: what a sold voucher can still pay is a liability until it is used
    (the till's redemption line debits it) or left unused (breakage income). The gap between use value
    and invoice value is booked, when the voucher is sold, to the difference account (the mixin's bonus
    account)."""

    _name = "retail.voucher.type"
    _inherit = ["retail.voucher.type", "retail.prepaid.account.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        voucher_types = super().create(vals_list)
        voucher_types._retail_sync_prepaid_accounts()
        return voucher_types

    def write(self, vals):
        result = super().write(vals)
        self._retail_sync_prepaid_accounts()
        return result

    def _retail_sync_prepaid_accounts(self):
        """The voucher product books on the liability account: the POS session's closing entry then
        credits it for vouchers sold and debits it for vouchers used."""
        for voucher_type in self:
            company = voucher_type.company_id
            liability = voucher_type._retail_prepaid_accounts(company)["liability"] if company.chart_template \
                else voucher_type.sudo().with_company(company).retail_liability_account_id
            template = voucher_type.product_id.product_tmpl_id.sudo().with_company(company)
            if liability and template and template.property_account_income_id != liability:
                template.property_account_income_id = liability
