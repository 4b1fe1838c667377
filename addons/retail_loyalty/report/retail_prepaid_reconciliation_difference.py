from odoo import api, fields, models


class RetailPrepaidReconciliationDifference(models.TransientModel):
    """One reason why the ledgers and the general ledger differ; ``amount`` is its share of the
    difference (ledger less GL), so the reasons add up to it."""

    _name = "retail.prepaid.reconciliation.difference"
    _description = "Prepaid Value Reconciliation Difference"
    _order = "company_id, branch_id, kind, card_label, local_date, id"

    report_id = fields.Many2one("retail.prepaid.reconciliation", required=True, ondelete="cascade", index=True)
    kind = fields.Selection([
        ("no_entry", "Ledger line not in a journal entry yet (open POS session)"),
        ("entry_later", "Ledger line carried by an entry dated after the period or not posted"),
        ("gl_unexplained", "Liability amount of a journal entry that no ledger line explains"),
    ], string="Explanation", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    branch_id = fields.Many2one("pos.config", readonly=True)
    account_id = fields.Many2one("account.account", string="Liability Account", readonly=True)
    ledger_ref = fields.Reference(selection="_selection_ledger_models", string="Ledger Line", readonly=True)
    card_label = fields.Char(string="Card", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    local_date = fields.Date(string="Date", readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    amount = fields.Monetary(readonly=True)

    @api.model
    def _selection_ledger_models(self):
        ledgers = self.env["retail.prepaid.ledger.mixin"]._retail_ledger_models()
        return [(ledger._name, ledger._description) for ledger in ledgers]
