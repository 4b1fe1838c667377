from odoo import api, models
from odoo.tools import SQL


class RetailStoredValueMove(models.Model):
    """Journal entries of Recoin lines.

    At the till the session's closing entry books top-ups (the top-up product's income account is the
    liability), spends and refunds paid back onto the card (the Recoin payment method's receivable
    account is the liability); on an invoiced order the spend or refund is carried by the entry that
    settles the invoice with it (``pos.order._retail_settle_invoice_with_prepaid``). Bonus and accrual
    credit is posted against the program's bonus account, expiry against breakage income, corrections
    against the adjustment account, a backend top-up against the account of the journal the money was
    received in."""

    _inherit = "retail.stored.value.move"

    _retail_session_covered_kinds = ("topup", "spend", "refund")

    def _retail_post_accounting(self):
        self._retail_post_prepaid_lines()
        return True

    def _retail_accounting_source(self):
        return self.program_id

    def _retail_card_label(self):
        return self.card_id.code or ""

    def _retail_sold_line(self):
        if self.kind == "topup" and self.order_line_id:
            return self.order_line_id
        return super()._retail_sold_line()

    def _retail_counterpart_account(self, accounts):
        if self.kind == "topup" and not self.order_id:
            journal = self._retail_topup_journal()
            if journal.default_account_id:
                return journal.default_account_id
        return super()._retail_counterpart_account(accounts)

    def _retail_topup_journal(self):
        """The bank or cash journal a backend top-up was paid into (the top-up wizard passes it)."""
        for field_name in ("topup_journal_id", "journal_id"):
            if field_name in self._fields and self[field_name]:
                return self[field_name]
        return self.env["account.journal"].browse(self.env.context.get("retail_prepaid_payment_journal_id"))

    def _retail_counterpart_partner(self):
        return self.card_id.partner_id.commercial_partner_id or super()._retail_counterpart_partner()

    @api.model
    def _retail_report_sources(self):
        return self.env["loyalty.program"].sudo().with_context(active_test=False).search(
            [("retail_stored_value", "=", True)])

    @api.model
    def _retail_reconciliation_select(self):
        return SQL("""
            SELECT 'retail.stored.value.move' AS ledger, m.id AS line_id, m.company_id, m.branch_id, m.local_date,
                   'loyalty.program' AS source_model, m.program_id AS source_id, m.kind, m.value,
                   m.account_move_id, m.partner_id, c.code AS card_label
              FROM retail_stored_value_move m
              JOIN loyalty_card c ON c.id = m.card_id
        """)

    # -- breakage -----------------------------------------------------------------------------------
    @api.model
    def _retail_breakage_candidates(self, company, date):
        """Recoin cards of ``company`` past their expiration date with value left (from the ledger):
        [{'card': loyalty.card, 'source': program, 'partner', 'amount' (positive), 'label'}]."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT m.card_id, SUM(m.amount)
              FROM retail_stored_value_move m
              JOIN loyalty_card c ON c.id = m.card_id
             WHERE m.company_id = %s AND c.expiration_date < %s
          GROUP BY m.card_id
            HAVING SUM(m.amount) > 0
          ORDER BY m.card_id
        """, [company.id, date])
        rows = self.env.cr.fetchall()
        cards = self.env["loyalty.card"].sudo().browse([card_id for card_id, _amount in rows])
        return [{"model": self._name, "card": card, "source": card.program_id, "partner": card.partner_id,
                 "amount": amount, "units": 0.0, "product": self.env["product.product"], "label": card.code}
                for card, (_card_id, amount) in zip(cards, rows, strict=True)]

    @api.model
    def _retail_breakage_vals(self, candidate, date, local_date, reason):
        return {"kind": "expiry", "card_id": candidate["card"].id, "amount": -candidate["amount"],
                "date": date, "local_date": local_date, "reason": reason}
