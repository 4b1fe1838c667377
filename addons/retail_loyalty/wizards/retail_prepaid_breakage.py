from odoo import api, fields, models
from odoo.exceptions import AccessError


class RetailPrepaidBreakage(models.TransientModel):
    """Breakage: value left on cards past their validity (Recoin balances, product-card units) is
    written off to the breakage income account. The preview lists what would be written off, card by
    card, with the accounts; Post writes off exactly that with the same method the scheduled job runs.
    Written-off cards have nothing left, so posting again writes off nothing new."""

    _name = "retail.prepaid.breakage"
    _description = "Prepaid Value Breakage"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Expired Before", required=True, default=fields.Date.context_today,
                       help="Cards whose validity ended before this day are written off.")
    line_ids = fields.One2many("retail.prepaid.breakage.line", "wizard_id", string="To Write Off", readonly=True)
    total = fields.Monetary(compute="_compute_total")
    posted = fields.Boolean(readonly=True)
    move_ids = fields.Many2many("account.move", string="Journal Entries", readonly=True)

    @api.depends("line_ids.amount")
    def _compute_total(self):
        for wizard in self:
            wizard.total = sum(wizard.line_ids.mapped("amount"))

    @api.model
    def _retail_check_may_post(self):
        if not self.env["retail.prepaid.ledger.mixin"]._retail_may_correct():
            raise AccessError(self.env._("Only a retail manager or an accountant may post breakage."))

    @api.model
    def _retail_breakage_candidates(self, company, date):
        candidates = []
        for ledger in self.env["retail.prepaid.ledger.mixin"]._retail_ledger_models():
            if hasattr(ledger, "_retail_breakage_candidates"):
                candidates += ledger.sudo()._retail_breakage_candidates(company, date)
        return candidates

    def action_preview(self):
        self.ensure_one()
        self.line_ids.unlink()
        vals_list = []
        for candidate in self._retail_breakage_candidates(self.company_id, self.date):
            accounts = candidate["source"]._retail_prepaid_accounts(self.company_id)
            vals_list.append({
                "wizard_id": self.id, "ledger": candidate["model"], "card_label": candidate["label"],
                "partner_id": candidate["partner"].id,
                "source_ref": f"{candidate['source']._name},{candidate['source'].id}",
                "product_id": candidate["product"].id, "units": candidate["units"], "amount": candidate["amount"],
                "liability_account_id": accounts["liability"].id, "breakage_account_id": accounts["breakage"].id,
            })
        self.env["retail.prepaid.breakage.line"].create(vals_list)
        return self._retail_reopen()

    def action_post(self):
        self.ensure_one()
        self._retail_check_may_post()
        moves = self._retail_post_breakage(self.company_id, self.date)
        self.write({"posted": True, "move_ids": [fields.Command.set(moves.ids)]})
        return self._retail_reopen()

    def _retail_reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new", "name": self.env._("Breakage")}

    @api.model
    def _retail_post_breakage(self, company, date):
        """Write off what ``_retail_breakage_candidates`` finds: one expiry line per card (and product),
        created per ledger in one call, so each ledger posts one journal entry (debit liability, credit
        breakage income). Returns the journal entries."""
        reason = self.env._("Breakage: validity ended before %(date)s", date=date)
        now = fields.Datetime.now()
        moves = self.env["account.move"]
        by_ledger = {}
        for candidate in self._retail_breakage_candidates(company, date):
            by_ledger.setdefault(candidate["model"], []).append(candidate)
        for model_name, candidates in by_ledger.items():
            ledger = self.env[model_name].sudo().with_company(company)
            lines = ledger.create([ledger._retail_breakage_vals(candidate, now, date, reason)
                                   for candidate in candidates])
            if hasattr(ledger, "_retail_breakage_done"):
                ledger._retail_breakage_done(candidates, date)
            moves |= lines.account_move_id
        return moves

    @api.model
    def _cron_post_breakage(self):
        """Daily job: breakage of every company with a chart of accounts, as of today."""
        for company in self.env["res.company"].sudo().search([("chart_template", "!=", False)]):
            today = fields.Date.context_today(self.with_company(company))
            self.sudo().with_company(company)._retail_post_breakage(company, today)
