from odoo.tests import tagged

from .common_prepaid_accounting import PrepaidAccountingCase


@tagged("post_install", "-at_install")
class TestPrepaidAccounting(PrepaidAccountingCase):

    def test_install_sets_the_liability_on_the_topup_product_and_the_recoin_method(self):
        self.assertEqual(self.liability.account_type, "liability_current")
        self.assertEqual(self.liability.name, "Prepaid cards and stored value")
        income = self.topup_product.with_company(self.company)._get_product_accounts()["income"]
        self.assertEqual(income, self.liability)
        self.assertEqual(self.session._get_receivable_account(self.recoin), self.liability)

    def test_topup_at_the_till_is_a_liability_and_its_bonus_an_expense_once_the_session_closes(self):
        partner = self._new_member()
        gl_before, bonus_before, ledger_before = self._gl(self.liability), self._gl(self.bonus_account), \
            self._ledger_total()
        order = self._top_up(partner, 1000000)
        lines = order.retail_sv_move_ids
        self.assertEqual(sorted(lines.mapped("kind")), ["bonus", "topup"])
        self.assertFalse(lines.account_move_id, "lines of an open session wait for its closing entry")
        self._close()
        topup = lines.filtered(lambda line: line.kind == "topup")
        bonus = lines.filtered(lambda line: line.kind == "bonus")
        self.assertEqual(topup.account_move_id, self.session.move_id, "the closing entry carries the top-up")
        self.assertEqual(bonus.account_move_id.state, "posted")
        self.assertNotEqual(bonus.account_move_id, self.session.move_id)
        self.assertEqual(bonus.account_move_id.ref, self.session.name)
        self.assertEqual(self._gl(self.liability) - gl_before, 1500000)
        self.assertEqual(self._gl(self.bonus_account) - bonus_before, -500000, "bonus is debited to its expense")
        self.assertEqual(self._ledger_total() - ledger_before, 1500000)
        self.assertEqual(self._gl(self.liability), self._ledger_total())

    def test_spend_moves_liability_to_the_session_and_accrual_is_credited_at_close(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        gl_before, ledger_before = self._gl(self.liability), self._ledger_total()
        order = self._pay_with_recoin(partner, 400000, 300000)
        spend = order.retail_sv_move_ids.filtered(lambda line: line.kind == "spend")
        self.assertEqual(spend.value, -300000)
        accrual = order.retail_sv_move_ids.filtered(lambda line: line.kind == "accrual" and line.value)
        self._close()
        self.assertEqual(spend.account_move_id, self.session.move_id)
        for line in accrual:
            self.assertEqual(line.account_move_id.state, "posted")
            self.assertIn(self.bonus_account, line.account_move_id.line_ids.account_id)
        self.assertEqual(self._ledger_total() - ledger_before, -300000 + sum(accrual.mapped("value")))
        self.assertEqual(self._gl(self.liability) - gl_before, 1500000 - 300000 + sum(accrual.mapped("value")),
                         "the top-up of the same session is posted at the same close")
        self.assertEqual(self._gl(self.liability), self._ledger_total())

    def test_refused_recoin_payment_is_charged_to_the_customer_not_the_liability(self):
        partner = self._new_member()
        self._top_up(partner, 500000)
        self._close()
        session = self.env["pos.session"].create({"config_id": self.branch.id, "user_id": self.env.uid})
        gl_before, ledger_before = self._gl(self.liability), self._ledger_total()
        receivable = partner.property_account_receivable_id
        receivable_before = self._gl(receivable, partner)
        # a till that was offline: the Recoin line has no reservation
        order = self._till_order(partner, [(self.service, 200000)], [(self.recoin, 200000, None)], session)
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertFalse(order.retail_sv_move_ids.filtered(lambda line: line.kind == "spend"))
        self._close(session)
        self.assertEqual(self._gl(self.liability) - gl_before, self._ledger_total() - ledger_before)
        self.assertEqual(self._gl(receivable, partner) - receivable_before, -200000,
                         "the customer owes what the card did not pay")
        self.assertEqual(self._report().difference, 0)

    def test_refund_paid_back_onto_the_card_is_carried_by_the_closing_entry(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        order = self._till_order(partner, [(self.service, -150000)], [(self.recoin, -150000, None)])
        refund = order.retail_sv_move_ids.filtered(lambda line: line.kind == "refund")
        self.assertEqual(refund.value, 150000)
        self._close()
        self.assertEqual(refund.account_move_id, self.session.move_id)
        self.assertEqual(self._gl(self.liability), self._ledger_total())

    def test_backend_topup_posts_its_own_entry_against_the_bank_journal_at_once(self):
        partner = self._new_member()
        bank = self.env["account.journal"].search([
            *self.env["account.journal"]._check_company_domain(self.company), ("type", "=", "bank")], limit=1)
        self.env["retail.stored.value.topup"].create({
            "program_id": self.program.id, "partner_id": partner.id, "amount": 1000000, "journal_id": bank.id,
            "reference": "Transfer 42"}).action_topup()
        lines = self.Move.search([("partner_id", "=", partner.id)])
        topup = lines.filtered(lambda line: line.kind == "topup")
        self.assertEqual(topup.account_move_id.state, "posted")
        self.assertEqual(len(lines.account_move_id), 1, "one entry per call")
        move_lines = topup.account_move_id.line_ids
        bank_line = move_lines.filtered(lambda line: line.account_id == bank.default_account_id)
        self.assertEqual(bank_line.debit, 1000000)
        self.assertEqual(bank_line.partner_id, partner)
        self.assertEqual(sum(move_lines.filtered(lambda line: line.account_id == self.liability).mapped("credit")),
                         1500000)
        self.assertEqual(self._gl(self.liability), self._ledger_total())

    def test_manual_adjustment_posts_against_the_adjustment_account(self):
        partner = self._new_member()
        self._top_up(partner, 200000)
        adjustment_before = self._gl(self.adjustment_account)
        self.env["retail.stored.value.adjust"].create({
            "card_id": self._card(partner).id, "amount": -50000, "reason": "Counted twice"}).action_adjust()
        line = self.Move.search([("partner_id", "=", partner.id), ("kind", "=", "adjust")])
        self.assertEqual(line.account_move_id.state, "posted")
        self.assertEqual(self._gl(self.adjustment_account) - adjustment_before, 50000)
        self._close()
        self.assertEqual(self._gl(self.liability), self._ledger_total())

    def test_product_without_the_liability_account_is_moved_to_the_liability_at_close(self):
        """A top-up product set up after the program (its income account is revenue): the session books
        revenue, our entry moves it to the liability."""
        income = self.env["account.account"].search([
            *self.env["account.account"]._check_company_domain(self.company), ("account_type", "=", "income")],
            limit=1)
        self.topup_product.with_company(self.company).property_account_income_id = income
        partner = self._new_member()
        income_before = self._gl(income)
        order = self._top_up(partner, 300000)
        self._close()
        topup = order.retail_sv_move_ids.filtered(lambda line: line.kind == "topup")
        self.assertNotEqual(topup.account_move_id, self.session.move_id)
        self.assertEqual(self._gl(income) - income_before, 0, "no revenue for money received in advance")
        self.assertEqual(self._gl(self.liability), self._ledger_total())

    def test_topup_refunded_after_spending_charges_the_customer_what_was_spent(self):
        partner = self._new_member()
        topup_order = self._top_up(partner, 500000)
        self._pay_with_recoin(partner, 300000, 300000)
        refund = self._till_order(partner, [(self.topup_product, -500000)], [(self.cash, -500000, None)],
                                  refunded_line=topup_order.lines)
        due = refund.retail_prepaid_amount_due
        accrued = sum(self.Move.search([("partner_id", "=", partner.id), ("kind", "=", "accrual")]).mapped("value"))
        self.assertEqual(due, 300000 - accrued, "the card held the top-up less the spend, plus the accrual")
        receivable = partner.property_account_receivable_id
        receivable_before = self._gl(receivable, partner)
        self._close()
        self.assertEqual(self._gl(receivable, partner) - receivable_before, -due,
                         "the till paid back the whole top-up: the customer owes what was spent")
        self.assertEqual(self._gl(self.liability), self._ledger_total())
        self.assertEqual(self._report().difference, 0)
