from odoo import api, fields, models
from odoo.exceptions import UserError


class RetailStoredValueAdjust(models.TransientModel):
    """A manual correction of a Recoin balance, by a retail manager or an accountant, with a reason:
    it leaves an ``adjust`` line in the ledger with the user."""

    _name = "retail.stored.value.adjust"
    _description = "Recoin Balance Adjustment"

    card_id = fields.Many2one("loyalty.card", required=True,
                              domain=[("retail_stored_value", "=", True)])
    partner_id = fields.Many2one(related="card_id.partner_id")
    currency_id = fields.Many2one(related="card_id.currency_id")
    balance = fields.Float(related="card_id.points", string="Current Balance")
    available = fields.Float(related="card_id.retail_sv_available")
    amount = fields.Monetary(string="Correction", required=True,
                             help="Positive adds to the balance, negative takes off.")
    reason = fields.Char(required=True)

    @api.constrains("amount")
    def _check_amount(self):
        for wizard in self:
            if not wizard.amount:
                raise UserError(self.env._("A correction needs an amount."))

    def action_adjust(self):
        self.ensure_one()
        if self.amount < 0 and -self.amount > self.card_id.retail_sv_available:
            raise UserError(self.env._("The card has only %(available)s available: it cannot go below zero.",
                                       available=self.currency_id.format(self.card_id.retail_sv_available)))
        # created as the user: the ledger checks the reason and that the user may correct balances
        self.env["retail.stored.value.move"].create({
            "card_id": self.card_id.id, "kind": "adjust", "amount": self.amount, "reason": self.reason,
            "company_id": self.card_id.program_id.company_id.id or self.env.company.id,
        })
        return {"type": "ir.actions.act_window_close"}
