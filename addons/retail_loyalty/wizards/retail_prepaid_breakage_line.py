from odoo import api, fields, models


class RetailPrepaidBreakageLine(models.TransientModel):
    """One card (and product, for product cards) the breakage would write off."""

    _name = "retail.prepaid.breakage.line"
    _description = "Prepaid Value Breakage Line"
    _order = "ledger, card_label, id"

    wizard_id = fields.Many2one("retail.prepaid.breakage", required=True, ondelete="cascade", index=True)
    ledger = fields.Selection(selection="_selection_ledger", readonly=True)
    card_label = fields.Char(string="Card", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    source_ref = fields.Reference(selection="_selection_source", string="Program / Card Type", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    units = fields.Float(readonly=True, digits=(16, 0))
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    amount = fields.Monetary(string="Written Off", readonly=True)
    liability_account_id = fields.Many2one("account.account", string="Debit", readonly=True)
    breakage_account_id = fields.Many2one("account.account", string="Credit", readonly=True)

    @api.model
    def _selection_ledger(self):
        ledgers = self.env["retail.prepaid.ledger.mixin"]._retail_ledger_models()
        return [(ledger._name, ledger._description) for ledger in ledgers]

    @api.model
    def _selection_source(self):
        return self.env["retail.prepaid.reconciliation.line"]._selection_source_models()
