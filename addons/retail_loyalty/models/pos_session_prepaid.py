from collections import defaultdict

from odoo import models


class PosSession(models.Model):
    """The session's closing entry carries the prepaid value the till took: top-ups and cards sold
    (their products' income account is the liability) and stored value taken as payment (the payment
    method's receivable account is the liability). At the close, the ledger lines it carries are linked
    to it and the session's other prepaid lines (bonus, accrual, revenue of used units) are posted."""

    _inherit = "pos.session"

    def _retail_prepaid_liability(self, payment_method):
        """The liability a stored-value payment method spends, for this session's company; False for
        other methods."""
        program = payment_method._fields.get("retail_sv_program_id") and payment_method.retail_sv_program_id
        if not program:
            return False
        return program._retail_prepaid_accounts(self.company_id)["liability"]

    def _get_receivable_account(self, payment_method):
        return self._retail_prepaid_liability(payment_method) or super()._get_receivable_account(payment_method)

    def _get_split_receivable_vals(self, payment, amount, amount_converted):
        vals = super()._get_split_receivable_vals(payment, amount, amount_converted)
        liability = self._retail_prepaid_liability(payment.payment_method_id)
        if liability:
            vals["account_id"] = liability.id
        return vals

    def _create_account_move(self, balancing_account=False, amount_to_balance=0, bank_payment_method_diffs=None):
        data = super()._create_account_move(balancing_account, amount_to_balance, bank_payment_method_diffs)
        self._retail_book_prepaid_gaps(data["MoveLine"])
        return data

    def _retail_prepaid_gaps(self):
        """{(order, liability account): amount} the closing entry books on a prepaid liability for an
        order but its ledger lines do not carry (positive: the ledger holds more than the entry).

        The closing entry books every top-up or card sold and every stored-value payment the order
        holds; the ledger only what the server honoured: a refused payment (the order was kept and
        flagged), a top-up refund larger than what was left on the card."""
        liabilities = {}
        ledger_lines = defaultdict(list)
        for ledger in self.env["retail.prepaid.ledger.mixin"]._retail_ledger_models():
            for line in ledger.sudo().search([("order_id.session_id", "=", self.id)]):
                if not line.currency_id.is_zero(line.value) and line._retail_is_session_covered():
                    source = line._retail_accounting_source()
                    account = source._retail_prepaid_accounts(self.company_id)["liability"]
                    ledger_lines[line.order_id].append((account, line.value))
                    liabilities[account] = True
        for ledger in self.env["retail.prepaid.ledger.mixin"]._retail_ledger_models():
            for source in ledger._retail_report_sources():
                account = source.with_company(self.company_id).retail_liability_account_id
                if account:
                    liabilities[account] = True
        gaps = defaultdict(float)
        income_accounts = {}
        for order in self._get_closed_orders().filtered(lambda order: not order.is_invoiced):
            for line in order.lines:
                key = (line.product_id, order.fiscal_position_id)
                if key not in income_accounts:
                    account = line.product_id.with_company(self.company_id)._get_product_accounts()["income"]
                    income_accounts[key] = order.fiscal_position_id.map_account(account) if account else account
                if income_accounts[key] in liabilities:
                    gaps[order, income_accounts[key]] -= line.price_subtotal
            for payment in order.payment_ids:
                liability = self._retail_prepaid_liability(payment.payment_method_id)
                if liability:
                    gaps[order, liability] += payment.amount
            for account, value in ledger_lines.get(order, []):
                gaps[order, account] += value
        return {key: self.currency_id.round(gap) for key, gap in gaps.items() if not self.currency_id.is_zero(gap)}

    def _retail_book_prepaid_gaps(self, move_line_model):
        """Give the liability what the ledger holds and charge the customer the rest: the amount a
        flagged order still owes (``pos.order.retail_prepaid_amount_due``)."""
        vals_list = []
        for (order, liability), gap in self._retail_prepaid_gaps().items():
            partner = self.env["res.partner"]._find_accounting_partner(order.partner_id)
            receivable = partner.property_account_receivable_id or \
                self.company_id.account_default_pos_receivable_account_id
            common = {"move_id": self.move_id.id, "partner_id": partner.id or False,
                      "retail_branch_id": self.config_id.id,
                      "name": self.env._("%(order)s: prepaid value not honoured", order=order.name)}
            vals_list += [
                {**common, "account_id": liability.id, "credit": max(gap, 0.0), "debit": max(-gap, 0.0)},
                {**common, "account_id": receivable.id, "debit": max(gap, 0.0), "credit": max(-gap, 0.0)},
            ]
        if vals_list:
            move_line_model.create(vals_list)

    def _validate_session(self, balancing_account=False, amount_to_balance=0, bank_payment_method_diffs=None):
        result = super()._validate_session(balancing_account, amount_to_balance, bank_payment_method_diffs)
        if self.state == "closed":
            self._retail_post_prepaid_lines()
        return result

    def _retail_post_prepaid_lines(self):
        """Link the session's ledger lines to the closing entry, post the others in one entry per journal
        and day."""
        self.ensure_one()
        # stored value paying an invoice is settled against it, not carried by the closing entry
        self._get_closed_orders().filtered("is_invoiced")._retail_settle_invoice_with_prepaid(strict=True)
        for ledger in self.env["retail.prepaid.ledger.mixin"]._retail_ledger_models():
            lines = ledger.sudo().search([("order_id.session_id", "=", self.id), ("account_move_id", "=", False)])
            lines._retail_post_cost_entries(ref=self.name)
            lines = lines.filtered(lambda line: not line.currency_id.is_zero(line.value))
            covered = lines.filtered(lambda line: line._retail_is_session_covered())
            covered._retail_link_to_pos_entries()
            (lines - covered)._retail_post_own_entries(ref=self.name)
