from odoo import api, models


class LoyaltyProgram(models.Model):
    """Accounts of a Recoin program: what was paid for a top-up is a liability until it is spent."""

    _name = "loyalty.program"
    _inherit = ["loyalty.program", "retail.prepaid.account.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        programs = super().create(vals_list)
        programs._retail_sync_prepaid_accounts()
        return programs

    def write(self, vals):
        result = super().write(vals)
        if not self.env.context.get("retail_prepaid_syncing"):
            self._retail_sync_prepaid_accounts()
        return result

    def _retail_is_prepaid_source(self):
        self.ensure_one()
        return bool(self._fields.get("retail_stored_value") and self.retail_stored_value)

    def _retail_prepaid_products(self):
        """Products whose sale is money received for this program (the top-ups)."""
        self.ensure_one()
        products = self.trigger_product_ids
        for field_name in ("retail_topup_product_id", "retail_topup_product_ids"):
            if field_name in self._fields:
                products |= self[field_name]
        return products

    def _retail_prepaid_payment_methods(self):
        if "retail_sv_program_id" not in self.env["pos.payment.method"]._fields:
            return self.env["pos.payment.method"]
        return self.env["pos.payment.method"].sudo().with_context(active_test=False).search(
            [("retail_sv_program_id", "in", self.ids)])

    def _retail_sync_prepaid_accounts(self):
        """Make the POS session's closing entry book top-ups and Recoin payments on the liability:
        the top-up products' income account and the Recoin payment method's receivable account are the
        program's liability account, in every company the program serves."""
        for program in self.filtered(lambda program: program._retail_is_prepaid_source()):
            companies = program.company_id or self.env["res.company"].sudo().search(
                [("chart_template", "!=", False)])
            for company in companies:
                liability = program.sudo().with_company(company).retail_liability_account_id
                if not liability:
                    continue
                for template in program._retail_prepaid_products().product_tmpl_id:
                    template = template.sudo().with_company(company)
                    if template.property_account_income_id != liability:
                        template.property_account_income_id = liability
                methods = program._retail_prepaid_payment_methods().filtered(
                    lambda method, company=company, liability=liability: method.company_id == company
                    and method.receivable_account_id != liability and not method.open_session_ids)
                if methods:
                    methods.with_context(retail_prepaid_syncing=True).write({"receivable_account_id": liability.id})
