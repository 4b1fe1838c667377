import base64
import io
import zipfile

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_prepaid_accounting import PrepaidAccountingCase


@tagged("post_install", "-at_install")
class TestPrepaidReconciliation(PrepaidAccountingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = cls.env.ref
        cls.accountant = cls._user("rec_accountant", [groups("account.group_account_readonly")])
        cls.chief_accountant = cls._user("rec_chief", [groups("account.group_account_manager")])
        cls.retail_manager = cls._user("rec_manager", [groups("retail_crm.group_retail_manager")])
        cls.cashier = cls._user("rec_cashier", [groups("point_of_sale.group_pos_user")])

    @classmethod
    def _user(cls, login, groups):
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": login, "login": login, "company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)],
            "groups_id": [Command.set([group.id for group in groups] + [cls.env.ref("base.group_user").id])],
        })

    def _totals(self, report):
        return report.line_ids.filtered(lambda line: line.is_total and line.account_id == self.liability)

    def test_every_balance_satisfies_opening_issued_redeemed_expired_adjustments_closing(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        self._pay_with_recoin(partner, 400000, 250000)
        self.env["retail.stored.value.adjust"].create({
            "card_id": self._card(partner).id, "amount": -10000, "reason": "Recount"}).action_adjust()
        self._close()
        report = self._report()
        self.assertTrue(report.line_ids)
        for line in report.line_ids:
            self.assertAlmostEqual(
                line.opening + line.issued - line.redeemed - line.expired + line.adjusted, line.closing,
                msg=f"identity broken on {line.source_ref or 'total'} / {line.branch_id.name}")
        program_line = report.line_ids.filtered(
            lambda line: not line.is_total and line.source_ref == self.program and line.branch_id == self.branch)
        self.assertGreaterEqual(program_line.issued, 1500000)
        self.assertGreaterEqual(program_line.redeemed, 250000)
        backend_line = report.line_ids.filtered(
            lambda line: not line.is_total and line.source_ref == self.program and not line.branch_id)
        self.assertLessEqual(backend_line.adjusted, -10000, "a backend correction belongs to no branch")

    def test_no_difference_once_every_session_is_closed(self):
        partner = self._new_member()
        self._top_up(partner, 2000000)
        self._pay_with_recoin(partner, 600000, 600000)
        self._close()
        report = self._report()
        self.assertEqual(report.difference, 0)
        self.assertFalse(report.difference_ids)
        total = self._totals(report).filtered(lambda line: line.branch_id == self.branch)
        self.assertEqual(total.closing, total.gl_balance)

    def test_open_session_difference_is_listed_by_card(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        report = self._report()
        card = self._card(partner)
        self.assertEqual(report.difference, 1500000, "top-up and bonus are not in the books before the close")
        listed = report.difference_ids.filtered(lambda diff: diff.card_label == card.code)
        self.assertEqual(set(listed.mapped("kind")), {"no_entry"})
        self.assertEqual(sum(listed.mapped("amount")), 1500000)
        self.assertEqual(listed.partner_id, partner)
        self.assertEqual(sum(report.difference_ids.mapped("amount")), report.difference,
                         "the explanations add up to the difference")
        self._close()
        self.assertEqual(self._report().difference, 0)

    def test_gl_lines_no_ledger_line_explains_are_listed_with_their_entry(self):
        journal = self.program._retail_prepaid_accounts(self.company)["journal"]
        move = self.env["account.move"].create({
            "journal_id": journal.id, "date": fields.Date.context_today(self.env.user), "line_ids": [
                Command.create({"account_id": self.liability.id, "credit": 70000, "name": "Typo"}),
                Command.create({"account_id": self.adjustment_account.id, "debit": 70000, "name": "Typo"}),
            ]})
        move.action_post()
        report = self._report()
        self.assertEqual(report.difference, -70000)
        listed = report.difference_ids.filtered(lambda diff: diff.move_id == move)
        self.assertEqual(listed.kind, "gl_unexplained")
        self.assertEqual(listed.amount, -70000)
        self.assertFalse(listed.branch_id, "a manual entry belongs to no branch")

    def test_period_puts_earlier_lines_in_the_opening_balance(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        self._close()
        today = fields.Date.context_today(self.env.user)
        tomorrow = self._report(date_from=today + relativedelta(days=1), date_to=today + relativedelta(days=1))
        line = tomorrow.line_ids.filtered(
            lambda line: not line.is_total and line.source_ref == self.program and line.branch_id == self.branch)
        self.assertEqual(line.issued, 0)
        self.assertEqual(line.opening, line.closing)
        self.assertEqual(tomorrow.difference, 0)
        yesterday = today - relativedelta(days=1)
        before = self._report(date_from=yesterday, date_to=yesterday, branches=self.branch)
        after = self._report(branches=self.branch)
        self.assertEqual(after.difference, 0)
        self.assertEqual(before.difference, 0)

    def test_branch_filter_keeps_the_branch_only(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        self._close()
        report = self._report(branches=self.branch)
        self.assertEqual(report.line_ids.branch_id, self.branch)
        self.assertEqual(report.difference, 0)

    def test_export_to_spreadsheet(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        report = self._report()
        action = report.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        content = base64.b64decode(attachment.datas)
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            names = workbook.namelist()
            self.assertIn("xl/worksheets/sheet1.xml", names)
            self.assertIn("xl/worksheets/sheet2.xml", names)
            strings = workbook.read("xl/sharedStrings.xml").decode()
        self.assertIn(self._card(partner).code, strings, "the differences sheet lists the card")
        self.assertIn("Prepaid cards and stored value", strings)

    def test_breakage_preview_equals_posting_and_posting_twice_writes_off_nothing(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        self._close()
        card = self._card(partner)
        card.sudo().expiration_date = fields.Date.today() - relativedelta(days=1)
        breakage_before, liability_before = self._gl(self.breakage_account), self._gl(self.liability)
        wizard = self.env["retail.prepaid.breakage"].with_user(self.chief_accountant).create(
            {"company_id": self.company.id})
        wizard.action_preview()
        previewed = wizard.line_ids.filtered(lambda line: line.card_label == card.code)
        self.assertEqual(previewed.amount, 1500000)
        self.assertEqual((previewed.liability_account_id, previewed.breakage_account_id),
                         (self.liability, self.breakage_account))
        wizard.action_post()
        expiry = self.Move.search([("card_id", "=", card.id), ("kind", "=", "expiry")])
        self.assertEqual(expiry.value, -1500000)
        self.assertEqual(expiry.user_id, self.chief_accountant)
        self.assertEqual(expiry.account_move_id, wizard.move_ids)
        self.assertEqual(self._gl(self.breakage_account) - breakage_before, wizard.total)
        self.assertEqual(self._gl(self.liability) - liability_before, -wizard.total)
        self.assertEqual(card.points, 0)
        # the scheduled job runs the same method: nothing is left to write off
        self.env["retail.prepaid.breakage"]._cron_post_breakage()
        self.assertEqual(self.Move.search_count([("card_id", "=", card.id), ("kind", "=", "expiry")]), 1)
        self.assertEqual(self._report().difference, 0)

    def test_accountants_and_managers_read_ledgers_and_report_cashiers_do_not(self):
        partner = self._new_member()
        self._top_up(partner, 1000000)
        self._close()
        for user in (self.accountant, self.retail_manager):
            self.assertTrue(self.Move.with_user(user).search([("partner_id", "=", partner.id)]))
            report = self.env["retail.prepaid.reconciliation"].with_user(user).create(
                {"company_ids": [Command.set(self.company.ids)]})
            report.action_compute()
            self.assertTrue(report.line_ids.read(["closing", "gl_balance", "account_id"]))
        with self.assertRaises(AccessError):
            self.env["retail.prepaid.reconciliation"].with_user(self.cashier).create(
                {"company_ids": [Command.set(self.company.ids)]})

    def test_breakage_posting_needs_a_manager_or_an_accountant(self):
        with self.assertRaises(AccessError):
            self.env["retail.prepaid.breakage"].with_user(self.accountant).create(
                {"company_id": self.company.id}).action_post()
        with self.assertRaises(AccessError):
            self.env["retail.prepaid.breakage"].with_user(self.cashier).create({"company_id": self.company.id})
        wizard = self.env["retail.prepaid.breakage"].with_user(self.retail_manager).create(
            {"company_id": self.company.id})
        wizard.action_post()
        self.assertTrue(wizard.posted)
