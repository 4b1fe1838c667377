from odoo import api, fields, models
from odoo.exceptions import UserError

#: the accounts every company gets on install (see ``_retail_prepaid_install_accounts``): field, type, name
DEFAULT_ACCOUNTS = (
    ("retail_liability_account_id", "liability_current", "Prepaid cards and stored value"),
    ("retail_bonus_account_id", "expense", "Prepaid value bonus and accrual credit"),
    ("retail_breakage_account_id", "income_other", "Breakage of prepaid value"),
    ("retail_adjustment_account_id", "expense", "Prepaid value adjustments"),
)


class RetailPrepaidAccountMixin(models.AbstractModel):
    """Accounts of a source of prepaid value (a Recoin program, a product-card type), per company.

    Every field is company-dependent: one program serves several companies with their own charts.
    A company's defaults are ``ir.default`` values written when the module is installed."""

    _name = "retail.prepaid.account.mixin"
    _description = "Prepaid Value Accounts"

    retail_liability_account_id = fields.Many2one(
        "account.account", string="Liability Account", company_dependent=True,
        domain="[('account_type', 'in', ('liability_current', 'liability_non_current'))]",
        help="Deferred revenue: money received for value the customer has not used yet. The product sold "
        "(top-up, card) books its income here and the stored-value payment method its receivable.")
    retail_bonus_account_id = fields.Many2one(
        "account.account", string="Bonus and Accrual Account", company_dependent=True,
        help="Expense (or contra-revenue) debited when value is given without payment: top-up bonus, "
        "accrual for the next visit.")
    retail_breakage_account_id = fields.Many2one(
        "account.account", string="Breakage Income Account", company_dependent=True,
        help="Income credited when value expires unused.")
    retail_adjustment_account_id = fields.Many2one(
        "account.account", string="Adjustment Account", company_dependent=True,
        help="Counterpart of manual corrections of balances.")
    retail_revenue_account_id = fields.Many2one(
        "account.account", string="Use Revenue Account", company_dependent=True,
        help="Revenue recognised when a unit of a product card is used; empty: the used product's income account.")
    retail_prepaid_journal_id = fields.Many2one(
        "account.journal", string="Prepaid Value Journal", company_dependent=True,
        domain="[('type', '=', 'general')]",
        help="Miscellaneous journal of the entries the module posts itself (bonus, accrual, uses, breakage, "
        "corrections, backend top-ups).")

    def _retail_prepaid_accounts(self, company):
        """The accounts and journal of this source for ``company``; a missing one is an error that says
        what to configure."""
        self.ensure_one()
        source = self.sudo().with_company(company)
        if not source.retail_liability_account_id and company.chart_template:
            # a chart loaded after the module (a database created without demo data)
            self._retail_prepaid_install_accounts(company)
            source.invalidate_recordset()
        accounts = {
            "liability": source.retail_liability_account_id,
            "bonus": source.retail_bonus_account_id,
            "breakage": source.retail_breakage_account_id,
            "adjustment": source.retail_adjustment_account_id,
            "revenue": source.retail_revenue_account_id,
            "journal": source.retail_prepaid_journal_id or self.env["account.journal"].sudo().search(
                [("type", "=", "general"), *self.env["account.journal"]._check_company_domain(company)], limit=1),
        }
        missing = [label for key, label in (("liability", self.env._("liability")),
                                            ("journal", self.env._("journal")))
                   if not accounts[key]]
        if missing:
            raise UserError(self.env._(
                "Set the %(missing)s of %(holder)s for %(company)s (Accounting tab) before it moves prepaid value.",
                missing=", ".join(missing), holder=self.display_name, company=company.name))
        return accounts

    @api.model
    def _retail_prepaid_install_accounts(self, companies=None):
        """Create the prepaid-value accounts in every company that has a chart (or in ``companies``),
        next to the accounts of the same type (the chart's code convention), and make them the company's
        defaults for every model that carries these fields. Running it again changes nothing.

        Runs when the module is installed and when a chart is loaded in a company."""
        models_with_accounts = [name for name in self.env.registry.descendants([self._name], "_inherit")
                                if not self.env[name]._abstract]
        if companies is None:
            companies = self.env["res.company"].sudo().search([("chart_template", "!=", False)])
        for company in companies:
            Account = self.env["account.account"].sudo().with_company(company)
            for field_name, account_type, name in DEFAULT_ACCOUNTS:
                account = Account.search([("name", "=", name), *Account._check_company_domain(company)], limit=1)
                if not account:
                    siblings = Account.search([("account_type", "=", account_type),
                                               *Account._check_company_domain(company)], order="code desc", limit=1)
                    code = Account._search_new_account_code(siblings.code or "290000")
                    account = Account.create({"name": name, "code": code, "account_type": account_type,
                                              "reconcile": False, "company_ids": [fields.Command.set(company.ids)]})
                for model_name in models_with_accounts:
                    if not self.env["ir.default"].sudo()._get(model_name, field_name, company_id=company.id):
                        self.env["ir.default"].sudo().set(model_name, field_name, account.id, company_id=company.id)
        for ledger in self.env["retail.prepaid.ledger.mixin"]._retail_ledger_models():
            sources = ledger._retail_report_sources()
            if hasattr(sources, "_retail_sync_prepaid_accounts"):
                sources._retail_sync_prepaid_accounts()
