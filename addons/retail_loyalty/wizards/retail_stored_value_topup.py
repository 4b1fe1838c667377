from odoo import api, fields, models
from odoo.exceptions import UserError


class RetailStoredValueTopup(models.TransientModel):
    """A top-up received outside the till (bank transfer, cash at the office): loads the customer's
    card with the amount and the level's bonus; the payment is booked against the chosen journal."""

    _name = "retail.stored.value.topup"
    _description = "Recoin Backend Top-up"

    program_id = fields.Many2one("loyalty.program", required=True,
                                 domain=[("retail_stored_value", "=", True)])
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    card_id = fields.Many2one("loyalty.card", domain=[("retail_stored_value", "=", True)])
    company_id = fields.Many2one(related="program_id.company_id")
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    amount = fields.Monetary(string="Amount Received", required=True)
    journal_id = fields.Many2one("account.journal", string="Received On", required=True,
                                 domain="[('type', 'in', ('bank', 'cash')), ('company_id', 'in', (company_id, False))]")
    reference = fields.Char(string="Payment Reference", required=True)
    bonus_preview = fields.Monetary(string="Bonus", compute="_compute_bonus_preview")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        card = self.env["loyalty.card"].browse(values.get("card_id") or self.env.context.get("default_card_id"))
        if card:
            values.update({"program_id": card.program_id.id, "partner_id": card.partner_id.id})
        elif "program_id" in fields_list and not values.get("program_id"):
            values["program_id"] = self.env["loyalty.program"]._retail_sv_program(self.env.company).id
        return values

    @api.depends("program_id")
    def _compute_currency_id(self):
        for wizard in self:
            wizard.currency_id = wizard.program_id.currency_id or self.env.company.currency_id

    @api.depends("amount", "program_id", "partner_id")
    def _compute_bonus_preview(self):
        for wizard in self:
            card = wizard.program_id and wizard.partner_id and self.env["loyalty.card"]._retail_sv_card(
                wizard.partner_id, wizard.program_id)
            if not wizard.program_id:
                wizard.bonus_preview = 0.0
                continue
            level = card.retail_sv_level_id if card else wizard.program_id._retail_sv_level_for(0)
            wizard.bonus_preview = wizard.program_id._retail_sv_bonus(wizard.amount, level)

    def action_topup(self):
        self.ensure_one()
        if not self.env["retail.stored.value.move"]._retail_may_correct():
            raise UserError(self.env._("Only a retail manager or an accountant may record a backend top-up."))
        if self.amount <= 0:
            raise UserError(self.env._("A top-up is a positive amount."))
        card = self.env["loyalty.card"]._retail_sv_card(self.partner_id, self.program_id, create=True)
        currency = self.currency_id
        bonus = currency.round(self.program_id._retail_sv_bonus(self.amount, card.retail_sv_level_id))
        common = {"card_id": card.id, "company_id": card.program_id.company_id.id or self.env.company.id,
                  "topup_journal_id": self.journal_id.id, "user_id": self.env.uid}
        vals_list = [{**common, "kind": "topup", "amount": currency.round(self.amount), "reason": self.reference}]
        if bonus > 0:
            vals_list.append({**common, "kind": "bonus", "amount": bonus, "reason": self.env._(
                "Top-up bonus, level %(level)s", level=card.retail_sv_level_id.name or "-")})
        self.env["retail.stored.value.move"].sudo().create(vals_list)
        return {"type": "ir.actions.act_window", "res_model": "loyalty.card", "res_id": card.id, "view_mode": "form",
                "views": [(self.env.ref("retail_loyalty.retail_sv_card_view_form").id, "form")]}
