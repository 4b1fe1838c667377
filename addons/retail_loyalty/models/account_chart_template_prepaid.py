from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        result = super()._post_load_data(template_code, company, template_data)
        # a company's new chart gets the prepaid-value accounts, next to the chart's own
        self.env["retail.prepaid.account.mixin"]._retail_prepaid_install_accounts(company)
        return result
