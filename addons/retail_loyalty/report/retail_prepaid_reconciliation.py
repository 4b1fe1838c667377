import base64
import io

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import xlsxwriter


class RetailPrepaidReconciliation(models.TransientModel):
    """Prepaid value against the general ledger, per company, branch, period and program or card type.

    From the ledgers (branch-local dates): opening + issued - redeemed - expired +/- adjustments =
    closing. Next to it the balance of the liability account for the same company and branch
    (accounting dates, posted entries) and the difference, explained line by line: ledger lines no
    posted entry carries yet (an open POS session) and, per journal entry, liability amounts that no
    ledger line explains. The explanations add up to the difference."""

    _name = "retail.prepaid.reconciliation"
    _description = "Prepaid Value Reconciliation"

    company_ids = fields.Many2many("res.company", string="Companies", required=True,
                                   default=lambda self: self.env.company)
    branch_ids = fields.Many2many("pos.config", string="Branches", help="Empty: every branch, and lines without one.")
    date_from = fields.Date(string="From", required=True,
                            default=lambda self: fields.Date.context_today(self).replace(day=1))
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("retail.prepaid.reconciliation.line", "report_id", string="Balances", readonly=True)
    difference_ids = fields.One2many("retail.prepaid.reconciliation.difference", "report_id",
                                     string="Differences", readonly=True)
    difference = fields.Monetary(compute="_compute_totals", string="Total Difference")
    currency_id = fields.Many2one("res.currency", compute="_compute_totals")
    computed = fields.Boolean(readonly=True)

    @api.depends("line_ids.difference")
    def _compute_totals(self):
        for report in self:
            report.currency_id = report.company_ids[:1].currency_id or self.env.company.currency_id
            report.difference = sum(report.line_ids.filtered("is_total").mapped("difference"))

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for report in self:
            if report.date_from > report.date_to:
                raise UserError(self.env._("The period ends before it starts."))

    # -- computation ---------------------------------------------------------------------------------
    def action_compute(self):
        self.ensure_one()
        self._retail_compute()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "current", "name": self.env._("Prepaid Value Reconciliation")}

    def _retail_sources(self):
        """(source model, source id, company id, liability account id) of every program or card type in
        the report's companies that has a liability account there."""
        rows = []
        mixin = self.env["retail.prepaid.ledger.mixin"]
        for ledger in mixin._retail_ledger_models():
            for source in ledger._retail_report_sources():
                for company in self.company_ids:
                    account = source.with_company(company).retail_liability_account_id
                    if account:
                        rows.append((source._name, source.id, company.id, account.id))
        return rows

    def _retail_compute(self):
        """Fill the balances and the differences in one statement."""
        self.ensure_one()
        self.env.flush_all()
        self.line_ids.unlink()
        self.difference_ids.unlink()
        sources = self._retail_sources()
        mixin = self.env["retail.prepaid.ledger.mixin"]
        selects = [ledger._retail_reconciliation_select() for ledger in mixin._retail_ledger_models()]
        if not sources or not selects:
            self.computed = True
            return
        groups = mixin._retail_report_kind_groups
        self.env.cr.execute(SQL(
            """
            WITH src AS (
                SELECT * FROM unnest(%(src_models)s::varchar[], %(src_ids)s::int[], %(src_companies)s::int[],
                                     %(src_accounts)s::int[]) AS s(source_model, source_id, company_id, account_id)
            ), ledger AS (%(ledger)s
            ), scoped AS (
                SELECT l.*, s.account_id,
                       CASE WHEN l.kind = ANY(%(issued)s) THEN 'issued'
                            WHEN l.kind = ANY(%(redeemed)s) THEN 'redeemed'
                            WHEN l.kind = ANY(%(expired)s) THEN 'expired'
                            ELSE 'adjusted' END AS report_group,
                       am.state = 'posted' AND am.date <= %(date_to)s AS in_gl
                  FROM ledger l
                  JOIN src s ON s.source_model = l.source_model AND s.source_id = l.source_id
                            AND s.company_id = l.company_id
                  LEFT JOIN account_move am ON am.id = l.account_move_id
                 WHERE l.local_date <= %(date_to)s AND (%(all_branches)s OR l.branch_id = ANY(%(branches)s))
            ), gl AS (
                SELECT aml.move_id, aml.company_id, aml.account_id, aml.date, aml.partner_id,
                       aml.credit - aml.debit AS balance,
                       COALESCE(aml.retail_branch_id, ps.config_id, inv.config_id) AS branch_id
                  FROM account_move_line aml
                  LEFT JOIN pos_session ps ON ps.move_id = aml.move_id
                  LEFT JOIN LATERAL (SELECT po.config_id FROM pos_order po
                                      WHERE po.account_move = aml.move_id LIMIT 1) inv ON TRUE
                 WHERE aml.parent_state = 'posted' AND aml.date <= %(date_to)s
                   AND (aml.company_id, aml.account_id) IN (SELECT DISTINCT company_id, account_id FROM src)
                   AND (%(all_branches)s
                        OR COALESCE(aml.retail_branch_id, ps.config_id, inv.config_id) = ANY(%(branches)s))
            ), ledger_by_source AS (
                INSERT INTO retail_prepaid_reconciliation_line
                       (report_id, is_total, company_id, branch_id, account_id, source_ref, opening, issued,
                        redeemed, expired, adjusted, closing, create_uid, write_uid, create_date, write_date)
                SELECT %(report)s, FALSE, company_id, branch_id, account_id, source_model || ',' || source_id,
                       COALESCE(SUM(value) FILTER (WHERE local_date < %(date_from)s), 0),
                       COALESCE(SUM(value) FILTER (WHERE local_date >= %(date_from)s AND report_group = 'issued'), 0),
                       -COALESCE(SUM(value) FILTER (WHERE local_date >= %(date_from)s
                                                      AND report_group = 'redeemed'), 0),
                       -COALESCE(SUM(value) FILTER (WHERE local_date >= %(date_from)s AND report_group = 'expired'), 0),
                       COALESCE(SUM(value) FILTER (WHERE local_date >= %(date_from)s AND report_group = 'adjusted'), 0),
                       SUM(value), %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM scoped
              GROUP BY company_id, branch_id, account_id, source_model, source_id
            ), ledger_totals AS (
                SELECT company_id, branch_id, account_id,
                       COALESCE(SUM(value) FILTER (WHERE local_date < %(date_from)s), 0) AS opening,
                       COALESCE(SUM(value) FILTER (WHERE local_date >= %(date_from)s AND report_group = 'issued'), 0)
                           AS issued,
                       -COALESCE(SUM(value) FILTER (WHERE local_date >= %(date_from)s
                                                      AND report_group = 'redeemed'), 0) AS redeemed,
                       -COALESCE(SUM(value) FILTER (WHERE local_date >= %(date_from)s AND report_group = 'expired'), 0)
                           AS expired,
                       COALESCE(SUM(value) FILTER (WHERE local_date >= %(date_from)s AND report_group = 'adjusted'), 0)
                           AS adjusted,
                       SUM(value) AS closing
                  FROM scoped
              GROUP BY company_id, branch_id, account_id
            ), gl_totals AS (
                SELECT company_id, branch_id, account_id,
                       COALESCE(SUM(balance) FILTER (WHERE date < %(date_from)s), 0) AS gl_opening,
                       SUM(balance) AS gl_balance
                  FROM gl
              GROUP BY company_id, branch_id, account_id
            ), totals AS (
                INSERT INTO retail_prepaid_reconciliation_line
                       (report_id, is_total, company_id, branch_id, account_id, opening, issued, redeemed, expired,
                        adjusted, closing, gl_opening, gl_balance, difference,
                        create_uid, write_uid, create_date, write_date)
                SELECT %(report)s, TRUE, COALESCE(l.company_id, g.company_id), COALESCE(l.branch_id, g.branch_id),
                       COALESCE(l.account_id, g.account_id), COALESCE(l.opening, 0), COALESCE(l.issued, 0),
                       COALESCE(l.redeemed, 0), COALESCE(l.expired, 0), COALESCE(l.adjusted, 0),
                       COALESCE(l.closing, 0), COALESCE(g.gl_opening, 0), COALESCE(g.gl_balance, 0),
                       COALESCE(l.closing, 0) - COALESCE(g.gl_balance, 0),
                       %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM ledger_totals l
             FULL JOIN gl_totals g ON g.company_id = l.company_id AND g.account_id = l.account_id
                                  AND g.branch_id IS NOT DISTINCT FROM l.branch_id
            ), not_in_gl AS (
                INSERT INTO retail_prepaid_reconciliation_difference
                       (report_id, kind, company_id, branch_id, account_id, ledger_ref, card_label, partner_id,
                        local_date, move_id, amount, create_uid, write_uid, create_date, write_date)
                SELECT %(report)s, CASE WHEN account_move_id IS NULL THEN 'no_entry' ELSE 'entry_later' END,
                       company_id, branch_id, account_id, ledger || ',' || line_id, card_label, partner_id,
                       local_date, account_move_id, value,
                       %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM scoped
                 WHERE in_gl IS NOT TRUE AND value <> 0
            ), gl_by_move AS (
                SELECT move_id, company_id, branch_id, account_id, SUM(balance) AS balance,
                       CASE WHEN COUNT(DISTINCT partner_id) = 1 THEN MIN(partner_id) END AS partner_id,
                       MIN(date) AS date
                  FROM gl
              GROUP BY move_id, company_id, branch_id, account_id
            ), ledger_by_move AS (
                SELECT account_move_id AS move_id, company_id, branch_id, account_id, SUM(value) AS value
                  FROM scoped
                 WHERE in_gl
              GROUP BY account_move_id, company_id, branch_id, account_id
            )
            INSERT INTO retail_prepaid_reconciliation_difference
                   (report_id, kind, company_id, branch_id, account_id, partner_id, local_date, move_id, amount,
                    create_uid, write_uid, create_date, write_date)
            SELECT %(report)s, 'gl_unexplained', COALESCE(g.company_id, l.company_id),
                   COALESCE(g.branch_id, l.branch_id), COALESCE(g.account_id, l.account_id), g.partner_id, g.date,
                   COALESCE(g.move_id, l.move_id), COALESCE(l.value, 0) - COALESCE(g.balance, 0),
                   %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM gl_by_move g
         FULL JOIN ledger_by_move l ON l.move_id = g.move_id AND l.company_id = g.company_id
                                   AND l.account_id = g.account_id AND l.branch_id IS NOT DISTINCT FROM g.branch_id
             WHERE COALESCE(l.value, 0) <> COALESCE(g.balance, 0)
            """,
            src_models=[row[0] for row in sources], src_ids=[row[1] for row in sources],
            src_companies=[row[2] for row in sources], src_accounts=[row[3] for row in sources],
            ledger=SQL(" UNION ALL ").join(selects),
            issued=list(groups["issued"]), redeemed=list(groups["redeemed"]), expired=list(groups["expired"]),
            date_from=self.date_from, date_to=self.date_to, all_branches=not self.branch_ids,
            branches=self.branch_ids.ids or [0], report=self.id, uid=self.env.uid,
        ))
        self.computed = True
        self.invalidate_recordset(["line_ids", "difference_ids"])

    # -- spreadsheet ---------------------------------------------------------------------------------
    def action_export_xlsx(self):
        self.ensure_one()
        if not self.computed:
            self._retail_compute()
        content = self._retail_xlsx()
        attachment = self.env["ir.attachment"].create({
            "name": self.env._("prepaid-reconciliation-%(date_from)s-%(date_to)s.xlsx",
                               date_from=self.date_from, date_to=self.date_to),
            "datas": base64.b64encode(content), "res_model": self._name, "res_id": self.id,
            "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        })
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def _retail_xlsx(self):
        """The two lists as a workbook: the balances (with the identity's columns) and the differences."""
        self.ensure_one()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        money_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
        sheet = workbook.add_worksheet(self.env._("Balances"))
        sheet.write_row(0, 0, self._retail_labels("retail.prepaid.reconciliation.line", [
            "company_id", "branch_id", "account_id", "source_ref", "opening", "issued", "redeemed", "expired",
            "adjusted", "closing", "gl_opening", "gl_balance", "difference"]), bold)
        sheet.write_row(1, 0, [self.env._("Period"), f"{self.date_from} - {self.date_to}"])
        for row, line in enumerate(self.line_ids.sorted(lambda line: line._retail_sort_key()), start=2):
            style = money_bold if line.is_total else money
            sheet.write_row(row, 0, [line.company_id.name, line.branch_id.name or "", line.account_id.display_name,
                                     line.source_ref.display_name if line.source_ref else self.env._("Total")])
            values = [line.opening, line.issued, line.redeemed, line.expired, line.adjusted, line.closing]
            if line.is_total:
                values += [line.gl_opening, line.gl_balance, line.difference]
            sheet.write_row(row, 4, values, style)
        sheet.set_column(0, 3, 28)
        sheet.set_column(4, 12, 16)
        sheet = workbook.add_worksheet(self.env._("Differences"))
        sheet.write_row(0, 0, self._retail_labels("retail.prepaid.reconciliation.difference", [
            "kind", "company_id", "branch_id", "account_id", "card_label", "partner_id", "local_date", "move_id",
            "ledger_ref", "amount"]), bold)
        kinds = dict(self.env["retail.prepaid.reconciliation.difference"]._fields["kind"]._description_selection(
            self.env))
        for row, diff in enumerate(self.difference_ids, start=1):
            sheet.write_row(row, 0, [kinds[diff.kind], diff.company_id.name, diff.branch_id.name or "",
                                     diff.account_id.display_name, diff.card_label or "", diff.partner_id.name or "",
                                     str(diff.local_date or ""), diff.move_id.name or "",
                                     diff.ledger_ref.display_name if diff.ledger_ref else ""])
            sheet.write_number(row, 9, diff.amount, money)
        sheet.set_column(0, 8, 24)
        sheet.set_column(9, 9, 16)
        workbook.close()
        return buffer.getvalue()

    def _retail_labels(self, model_name, field_names):
        """The columns' headers: the fields' labels in the user's language."""
        descriptions = self.env[model_name].fields_get(field_names, ["string"])
        return [descriptions[name]["string"] for name in field_names]
