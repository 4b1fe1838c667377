from odoo import api, fields, models


class RetailPrepaidReconciliationLine(models.TransientModel):
    """One balance of the reconciliation: per program or card type (ledger figures only), and per
    liability account (``is_total``: the ledger figures of its programs and types, the account's balance
    in the general ledger and the difference), for one company and branch."""

    _name = "retail.prepaid.reconciliation.line"
    _description = "Prepaid Value Reconciliation Balance"
    _order = "company_id, branch_id, account_id, is_total, id"

    report_id = fields.Many2one("retail.prepaid.reconciliation", required=True, ondelete="cascade", index=True)
    is_total = fields.Boolean(string="Account Total", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    branch_id = fields.Many2one("pos.config", readonly=True)
    account_id = fields.Many2one("account.account", string="Liability Account", readonly=True)
    source_ref = fields.Reference(selection="_selection_source_models", string="Program / Card Type", readonly=True)
    opening = fields.Monetary(readonly=True)
    issued = fields.Monetary(readonly=True, help="Top-ups, bonus and accrual credit, cards and units sold.")
    redeemed = fields.Monetary(readonly=True, help="Spent at the till and units used, less refunds back to cards.")
    expired = fields.Monetary(readonly=True, help="Written off to breakage income.")
    adjusted = fields.Monetary(string="Adjustments", readonly=True, help="Manual corrections, signed.")
    closing = fields.Monetary(readonly=True)
    gl_opening = fields.Monetary(string="GL Opening", readonly=True)
    gl_balance = fields.Monetary(string="GL Balance", readonly=True,
                                 help="Balance (credit - debit) of the liability account at the end of the period.")
    difference = fields.Monetary(readonly=True, help="Closing balance of the ledgers less the GL balance.")

    @api.model
    def _selection_source_models(self):
        mixin = self.env["retail.prepaid.ledger.mixin"]
        names = {ledger._retail_report_sources()._name for ledger in mixin._retail_ledger_models()}
        return [(name, self.env[name]._description) for name in sorted(names)]

    def _retail_sort_key(self):
        return (self.company_id.id, self.branch_id.id or 0, self.account_id.id, self.is_total, self.id)
