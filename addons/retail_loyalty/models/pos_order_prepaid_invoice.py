from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError


class PosOrder(models.Model):
    """Stored value paying an invoiced order.

    Odoo registers an invoiced order's payments on its invoice except those of Customer Account
    methods, which it leaves due on the customer's receivable, and its session's closing entry books
    nothing for them. A Recoin payment is such a method: the customer paid with value the company
    owed them, so that part of the invoice is settled by an entry that debits the program's liability
    for the card's customer and credits the customer's receivable, reconciled with the invoice (a
    credit note paid back onto the card: the other way round). The ledger line it carries points at
    it. A Recoin payment the server did not honour (the order was flagged) has no ledger line: it stays
    due on the invoice.

    An order invoiced once its session is closed was already booked by the closing entry (the
    liability was debited there and the ledger line points at it); Odoo's reversal of that order
    credits the customer's receivable for the Recoin payment, which then settles the invoice."""

    _inherit = "pos.order"

    def _apply_invoice_payments(self, is_reverse=False):
        payment_moves = super()._apply_invoice_payments(is_reverse)
        if not is_reverse:
            self._retail_settle_invoice_with_prepaid()
        return payment_moves

    def _create_misc_reversal_move(self, payment_moves):
        result = super()._create_misc_reversal_move(payment_moves)
        self._retail_reconcile_prepaid_reversal()
        return result

    # -- helpers ---------------------------------------------------------------------------------------
    def _retail_prepaid_payment_lines(self):
        """Ledger lines of the stored value this order was paid with (or paid back onto) and the server
        honoured: one per Recoin payment line."""
        self.ensure_one()
        Move = self.env["retail.stored.value.move"].sudo()
        return Move.search([("order_id", "=", self.id), ("payment_id", "in", self.payment_ids.ids),
                            ("kind", "in", ("spend", "refund"))]).filtered(
            lambda line: not line.currency_id.is_zero(line.value))

    def _retail_invoice_receivables(self):
        """The invoice's open receivable lines, by account."""
        self.ensure_one()
        by_account = defaultdict(lambda: self.env["account.move.line"])
        for line in self.account_move.sudo().line_ids:
            if line.account_id.account_type == "asset_receivable" and not line.reconciled:
                by_account[line.account_id] |= line
        return by_account

    def _retail_settle_invoice_with_prepaid(self, strict=False):
        """Post the entry that settles the invoice with the stored value it was paid with and reconcile
        it; link the ledger lines to it. ``strict``: an error (an account not configured) is raised, not
        logged on the order (the session's close, which retries what the order's sync could not)."""
        for order in self.filtered(lambda order: order.account_move and order.account_move.state == "posted"):
            ledger_lines = order._retail_prepaid_payment_lines().filtered(
                lambda line, order=order: not line.account_move_id or line.account_move_id == order.account_move)
            if not ledger_lines:
                continue
            if strict:
                order._retail_post_prepaid_settlement(ledger_lines)
                continue
            try:
                with self.env.cr.savepoint():
                    order._retail_post_prepaid_settlement(ledger_lines)
            except UserError as error:
                # the order and its invoice are kept; the session's close settles it (or says why not)
                order.sudo()._message_log(body=self.env._(
                    "The stored value paying %(invoice)s could not be booked yet: %(error)s",
                    invoice=order.account_move.name, error=error.args[0] if error.args else error))

    def _retail_post_prepaid_settlement(self, ledger_lines, link=True):
        """One posted entry per journal: debit the liability per ledger line (with the card's customer
        and the branch), credit the invoice's receivable, reconciled with it. ``link``: the ledger lines
        point at it (False: they already point at the session's closing entry that carries them)."""
        self.ensure_one()
        invoice = self.account_move.sudo()
        company = self.company_id
        partner = invoice.commercial_partner_id
        receivables = self._retail_invoice_receivables()
        receivable_account = next(iter(receivables), False) or \
            partner.with_company(company).property_account_receivable_id
        by_journal = defaultdict(lambda: self.env["retail.stored.value.move"].sudo())
        accounts_by_line = {}
        for line in ledger_lines:
            accounts = line._retail_accounting_source()._retail_prepaid_accounts(company)
            accounts_by_line[line] = accounts
            by_journal[accounts["journal"]] |= line
        for journal, lines in by_journal.items():
            vals_list = []
            for line in lines:
                value = line.value
                vals_list.append({
                    "name": self.env._("%(invoice)s paid with %(card)s",
                                       invoice=invoice.name, card=line._retail_card_label()),
                    "account_id": accounts_by_line[line]["liability"].id,
                    "partner_id": line._retail_counterpart_partner().id or False,
                    "retail_branch_id": line.branch_id.id,
                    "debit": max(-value, 0.0), "credit": max(value, 0.0),
                })
            total = sum(lines.mapped("value"))
            vals_list.append({
                "name": self.env._("%(invoice)s paid with stored value", invoice=invoice.name),
                "account_id": receivable_account.id, "partner_id": partner.id,
                "retail_branch_id": self.config_id.id,
                "debit": max(total, 0.0), "credit": max(-total, 0.0),
            })
            move = self.env["account.move"].sudo().with_company(company).create({
                "move_type": "entry", "journal_id": journal.id, "company_id": company.id,
                "date": lines[:1].local_date or fields.Date.context_today(self, self.date_order),
                "ref": self.env._("%(order)s: %(invoice)s paid with stored value",
                                  order=self.name, invoice=invoice.name),
                "line_ids": [fields.Command.create(vals) for vals in vals_list],
            })
            move._post(soft=False)
            if link:
                lines.write({"account_move_id": move.id})
            counterpart = move.line_ids.filtered(lambda aml, account=receivable_account: aml.account_id == account)
            open_lines = receivables.get(receivable_account)
            if open_lines and receivable_account.reconcile:
                (open_lines.filtered(lambda aml: not aml.reconciled) | counterpart).reconcile()
            receivables = self._retail_invoice_receivables()

    def _retail_reconcile_prepaid_reversal(self):
        """Invoiced after its session closed: the closing entry already moved the liability. Odoo's
        reversal of the order credits the customer's receivable for each honoured Recoin payment of a
        method that identifies the customer: those lines settle the invoice. A method that does not
        identify the customer is reversed on the liability itself: a settlement entry moves it back."""
        for order in self.filtered("account_move"):
            ledger_lines = order._retail_prepaid_payment_lines()
            if not ledger_lines:
                continue
            reversal = self.env["account.move"].sudo().search(
                [("reversed_pos_order_id", "=", order.id), ("state", "=", "posted")], order="id desc", limit=1)
            partner = order.account_move.commercial_partner_id
            receivables = order._retail_invoice_receivables()
            candidates = reversal.line_ids.filtered(
                lambda aml, partner=partner, receivables=receivables: aml.account_id in receivables
                and not aml.reconciled and aml.partner_id.commercial_partner_id == partner)
            unmatched = self.env["retail.stored.value.move"].sudo()
            matched = self.env["account.move.line"]
            for line in ledger_lines:
                counterpart = (candidates - matched).filtered(
                    lambda aml, line=line: aml.company_currency_id.compare_amounts(aml.balance, line.value) == 0)[:1]
                if counterpart:
                    matched |= counterpart
                elif not line.payment_id.payment_method_id.split_transactions:
                    unmatched |= line
            for account, open_lines in receivables.items():
                counterparts = matched.filtered(lambda aml, account=account: aml.account_id == account)
                if counterparts and account.reconcile:
                    (open_lines | counterparts).reconcile()
            if unmatched:
                # the reversal's liability lines belong to the order's branch, as the settlement's do
                liabilities = self.env["account.account"].browse({
                    line._retail_accounting_source()._retail_prepaid_accounts(order.company_id)["liability"].id
                    for line in unmatched})
                reversal.line_ids.filtered(
                    lambda aml, liabilities=liabilities: aml.account_id in liabilities and not aml.retail_branch_id
                ).write({"retail_branch_id": order.config_id.id})
                order._retail_post_prepaid_settlement(unmatched, link=False)
