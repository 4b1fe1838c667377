from uuid import uuid4

from odoo.tests import tagged

from .common_prepaid_accounting import PrepaidAccountingCase


@tagged("post_install", "-at_install")
class TestPrepaidAccountingInvoice(PrepaidAccountingCase):
    """An order invoiced at the till and paid (partly) with Recoin: Odoo leaves a Customer Account
    payment due on the invoice; the Recoin part settles it out of the liability."""

    def setUp(self):
        super().setUp()
        # the till's Invoice button: the payload ``_till_order`` sends asks for an invoice while
        # ``self.invoice_at_till`` is set; the order still goes through the real ``sync_from_ui``
        self.invoice_at_till = False
        sync_from_ui = type(self.env["pos.order"]).sync_from_ui

        def sync_invoiced(model, orders):
            if not self.invoice_at_till:
                return sync_from_ui(model, orders)
            for data in orders:
                data["to_invoice"] = True
            return sync_from_ui(model.with_context(generate_pdf=False), orders)

        self.patch(type(self.env["pos.order"]), "sync_from_ui", sync_invoiced)

    def _invoiced_order(self, partner, lines, payments, session=None, refunded_line=None):
        self.invoice_at_till = True
        try:
            order = self._till_order(partner, lines, payments, session, refunded_line)
        finally:
            self.invoice_at_till = False
        self.assertTrue(order.is_invoiced)
        return order

    def _recoin_token(self, partner, amount, session=None):
        session = session or self.session
        return self.env["retail.stored.value.reservation"].retail_pos_reserve(
            self._card(partner).id, amount, str(uuid4()), session.config_id.id)["token"]

    def _new_session(self):
        return self.env["pos.session"].create({"config_id": self.branch.id, "user_id": self.env.uid})

    def _assert_books_agree(self, partner):
        """GL liability = ledger, the reconciliation report shows no difference, none for ``partner``."""
        self.assertEqual(self._gl(self.liability), self._ledger_total())
        report = self._report()
        self.assertEqual(report.difference, 0)
        self.assertFalse(report.difference_ids.filtered(
            lambda diff: diff.partner_id == partner or diff.move_id.partner_id == partner))

    def test_invoice_paid_with_cash_and_recoin_is_paid_once_synced_and_after_the_close(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        self._close()
        session = self._new_session()
        receivable = partner.property_account_receivable_id
        gl_before, ledger_before = self._gl(self.liability), self._ledger_total()
        token = self._recoin_token(partner, 300000, session)
        order = self._invoiced_order(partner, [(self.service, 400000)],
                                     [(self.recoin, 300000, token), (self.cash, 100000, None)], session)
        invoice = order.account_move
        spend = order.retail_sv_move_ids.filtered(lambda line: line.kind == "spend")
        self.assertEqual(spend.value, -300000)
        # once synced: the invoice is paid, the liability debited by the settlement the spend points at
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(invoice.amount_residual, 0)
        settlement = spend.account_move_id
        self.assertEqual(settlement.state, "posted")
        self.assertNotIn(settlement, (invoice, session.move_id))
        liability_line = settlement.line_ids.filtered(lambda line: line.account_id == self.liability)
        self.assertEqual(liability_line.debit, 300000)
        self.assertEqual(liability_line.partner_id, partner)
        self.assertEqual(liability_line.retail_branch_id, self.branch)
        receivable_line = settlement.line_ids.filtered(lambda line: line.account_id == receivable)
        self.assertEqual(receivable_line.credit, 300000)
        self.assertTrue(receivable_line.reconciled)
        self.assertIn(invoice, receivable_line.matched_debit_ids.debit_move_id.move_id)
        self.assertEqual(self._gl(self.liability) - gl_before, -300000)
        self.assertEqual(self._gl(receivable, partner), 0, "the customer owes nothing")
        # the order's accrual waits for the close: the report explains that difference, nothing else
        accrual = order.retail_sv_move_ids.filtered(lambda line: line.kind == "accrual" and line.value)
        self.assertTrue(accrual)
        self.assertFalse(accrual.account_move_id)
        self.assertEqual(self._ledger_total() - ledger_before, -300000 + sum(accrual.mapped("value")))
        report = self._report()
        self.assertEqual(report.difference, sum(accrual.mapped("value")))
        mine = report.difference_ids.filtered(
            lambda diff: diff.partner_id == partner or diff.move_id.partner_id == partner)
        self.assertEqual(mine.mapped("kind"), ["no_entry"])
        self.assertEqual(mine.ledger_ref, accrual)
        # after the close: the closing entry books nothing more on the liability, nothing is due
        self._close(session)
        self.assertEqual(spend.account_move_id, settlement)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(accrual.account_move_id.state, "posted")
        self.assertEqual(self._ledger_total() - ledger_before, -300000 + sum(accrual.mapped("value")))
        self.assertEqual(self._gl(self.liability) - gl_before, -300000 + sum(accrual.mapped("value")))
        self.assertEqual(self._gl(receivable, partner), 0)
        self._assert_books_agree(partner)

    def test_invoice_paid_in_full_with_recoin(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        token = self._recoin_token(partner, 250000)
        order = self._invoiced_order(partner, [(self.service, 250000)], [(self.recoin, 250000, token)])
        self.assertEqual(order.account_move.payment_state, "paid")
        self._close()
        self.assertEqual(order.account_move.payment_state, "paid")
        self._assert_books_agree(partner)

    def test_flagged_recoin_payment_stays_due_on_the_invoice(self):
        partner = self._new_member()
        self._top_up(partner, 500000)
        self._close()
        session = self._new_session()
        receivable = partner.property_account_receivable_id
        gl_before = self._gl(self.liability)
        # a till that was offline: the Recoin line has no reservation
        order = self._invoiced_order(partner, [(self.service, 300000)],
                                     [(self.recoin, 200000, None), (self.cash, 100000, None)], session)
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertFalse(order.retail_sv_move_ids.filtered(lambda line: line.kind == "spend"))
        invoice = order.account_move
        self.assertEqual(invoice.payment_state, "partial")
        self.assertEqual(invoice.amount_residual, 200000)
        self._close(session)
        self.assertEqual(invoice.payment_state, "partial")
        self.assertEqual(invoice.amount_residual, 200000, "the customer owes what the card did not pay")
        self.assertEqual(self._gl(receivable, partner), -200000)
        accrual = order.retail_sv_move_ids.filtered(lambda line: line.kind == "accrual")
        self.assertEqual(self._gl(self.liability) - gl_before, sum(accrual.mapped("value")),
                         "the liability moves only by the order's accrual")
        self._assert_books_agree(partner)

    def test_credit_note_paid_back_onto_the_card_is_settled_from_the_liability(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        token = self._recoin_token(partner, 300000)
        order = self._invoiced_order(partner, [(self.service, 300000)], [(self.recoin, 300000, token)])
        ledger_before = self._ledger_total()
        refund = self._invoiced_order(partner, [(self.service, -300000)], [(self.recoin, -300000, None)],
                                      refunded_line=order.lines)
        credit_note = refund.account_move
        self.assertEqual(credit_note.move_type, "out_refund")
        line = refund.retail_sv_move_ids.filtered(lambda move: move.kind == "refund")
        self.assertEqual(line.value, 300000)
        # a credit note settled by entries (no payment) is what Odoo calls "reversed", as for cash
        self.assertIn(credit_note.payment_state, ("paid", "reversed"))
        self.assertEqual(credit_note.amount_residual, 0)
        liability_line = line.account_move_id.line_ids.filtered(lambda aml: aml.account_id == self.liability)
        self.assertEqual(liability_line.credit, 300000)
        self._close()
        self.assertEqual(credit_note.amount_residual, 0)
        self.assertEqual(order.account_move.amount_residual, 0)
        self.assertEqual(self._card(partner).points, 1500000 + sum(
            (order | refund).retail_sv_move_ids.filtered(lambda move: move.kind == "accrual").mapped("amount")))
        refund_accrual = refund.retail_sv_move_ids.filtered(lambda move: move.kind == "accrual")
        self.assertEqual(self._ledger_total() - ledger_before, 300000 + sum(refund_accrual.mapped("value")))
        self.assertEqual(self._gl(partner.property_account_receivable_id, partner), 0)
        self._assert_books_agree(partner)

    def test_order_invoiced_after_its_session_closed(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        order = self._pay_with_recoin(partner, 400000, 300000)
        spend = order.retail_sv_move_ids.filtered(lambda line: line.kind == "spend")
        self._close()
        self.assertEqual(spend.account_move_id, self.session.move_id)
        gl_before = self._gl(self.liability)
        order.with_context(generate_pdf=False).action_pos_order_invoice()
        self.assertEqual(order.account_move.payment_state, "paid")
        self.assertEqual(spend.account_move_id, self.session.move_id, "the closing entry carries the spend")
        self.assertEqual(self._gl(self.liability), gl_before)
        self.assertEqual(self._gl(partner.property_account_receivable_id, partner), 0)
        self._assert_books_agree(partner)
