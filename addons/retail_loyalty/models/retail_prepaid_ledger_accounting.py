from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError


class RetailPrepaidLedgerMixin(models.AbstractModel):
    """How a ledger line of prepaid value reaches the general ledger.

    Lines that come with a POS order wait for the session's close: the closing entry already books
    what the till took (a top-up or card sold credits the liability through the product's income
    account, stored value taken as payment debits it through the payment method's receivable
    account); those lines are only linked to it. The session's other lines (bonus, accrual, revenue of
    a used unit) are posted together when it closes. Lines made outside the till get their own entry
    at once, one entry per call. Every ledger line then points at the entry that carries it."""

    _inherit = "retail.prepaid.ledger.mixin"

    #: kinds the session's closing entry books itself when the line belongs to a POS order
    _retail_session_covered_kinds = ()
    #: report columns by kind; a kind not listed counts as an adjustment
    _retail_report_kind_groups = {
        "issued": ("topup", "bonus", "accrual", "sale", "gift", "extra"),
        "redeemed": ("spend", "use", "refund"),
        "expired": ("expiry",),
    }

    # -- per ledger: where the accounts are, what a line is about ---------------------------------
    def _retail_accounting_source(self):
        """The record holding this line's accounts (``retail.prepaid.account.mixin``)."""
        raise NotImplementedError

    def _retail_card_label(self):
        return ""

    def _retail_sold_line(self):
        """The POS order line whose sale (or refund) this ledger line records (a top-up, a card, extra
        units), else an empty recordset."""
        return self.env["pos.order.line"]

    def _retail_sold_line_account(self):
        """The account the session's closing entry books the sold line on (the product's income account,
        mapped by the order's fiscal position)."""
        line = self._retail_sold_line()
        account = line.with_company(line.order_id.company_id).product_id._get_product_accounts()["income"]
        if account and line.order_id.fiscal_position_id:
            account = line.order_id.fiscal_position_id.map_account(account)
        return account

    def _retail_is_session_covered(self):
        """Whether the POS session's closing entry already books this line on the liability. A sale
        whose product books elsewhere (a product not set up yet) is not: its own entry moves the amount
        from that account to the liability."""
        self.ensure_one()
        if not self.order_id or self.kind not in self._retail_session_covered_kinds:
            return False
        if self._retail_sold_line():
            accounts = self._retail_accounting_source()._retail_prepaid_accounts(self.company_id)
            return self._retail_sold_line_account() == accounts["liability"]
        return True

    def _retail_counterpart_account(self, accounts):
        """The account facing the liability on this line's own entry."""
        self.ensure_one()
        if self._retail_sold_line() and self.order_id:
            return self._retail_sold_line_account()
        by_kind = {
            "bonus": accounts["bonus"], "accrual": accounts["bonus"],
            "expiry": accounts["breakage"], "adjust": accounts["adjustment"],
        }
        return by_kind.get(self.kind) or accounts["adjustment"]

    # -- posting -------------------------------------------------------------------------------------
    def _retail_post_prepaid_lines(self):
        """What ``_retail_post_accounting`` does for every ledger: post or link the lines that can be,
        leave the lines of an open POS session for its close."""
        lines = self.sudo().filtered(lambda line: not line.account_move_id and not line.currency_id.is_zero(line.value))
        waiting = lines.filtered(lambda line: line.order_id and line.order_id.session_id.state != "closed")
        lines -= waiting
        covered = lines.filtered(lambda line: line._retail_is_session_covered())
        covered._retail_link_to_pos_entries()
        (lines - covered)._retail_post_own_entries()

    def _retail_post_cost_entries(self, ref=None):
        """Entries a ledger books besides the liability (what value given away cost the shop); none by
        default."""
        return self.env["account.move"]

    def _retail_link_to_pos_entries(self):
        """Point lines the till's accounting already carries at that entry: the order's invoice, else
        the session's closing entry."""
        by_move = defaultdict(lambda: self.browse())
        for line in self:
            move = line.order_id.account_move if line.order_id.is_invoiced else line.order_id.session_id.move_id
            if move:
                by_move[move] |= line
        for move, lines in by_move.items():
            lines.write({"account_move_id": move.id})

    def _retail_post_own_entries(self, ref=None):
        """One posted entry per company, journal and branch day for these lines: per ledger line a
        liability line with the customer and the branch, and their counterparts per account and branch."""
        if not self:
            return self.env["account.move"]
        groups = defaultdict(list)
        accounts_by_source = {}
        for line in self:
            key = (line._retail_accounting_source(), line.company_id)
            if key not in accounts_by_source:
                accounts_by_source[key] = key[0]._retail_prepaid_accounts(line.company_id)
            accounts = accounts_by_source[key]
            groups[line.company_id, accounts["journal"], line.local_date].append((line, accounts))
        moves = self.env["account.move"]
        for (company, journal, date), members in groups.items():
            liability_lines, counterparts = [], {}
            for line, accounts in members:
                liability_vals, counterpart_vals = line._retail_move_line_vals(accounts)
                liability_lines.append(liability_vals)
                self._retail_merge_counterpart(counterparts, counterpart_vals)
            move_lines = liability_lines + [self._retail_debit_credit(vals) for vals in counterparts.values()]
            ref = ref or self.env._("Prepaid value: %(what)s",
                                    what=", ".join(sorted({line._retail_kind_label() for line, _acc in members})))
            moves |= self.browse([line.id for line, _accounts in members])._retail_post_entry(
                company, journal, date, ref, move_lines)
        return moves

    def _retail_post_entry(self, company, journal, date, ref, move_lines):
        """Post one entry of ``move_lines`` and link these ledger lines to it."""
        move = self.env["account.move"].sudo().with_company(company).create({
            "move_type": "entry", "journal_id": journal.id, "date": date, "company_id": company.id,
            "ref": ref, "line_ids": [(0, 0, vals) for vals in move_lines],
        })
        move._post(soft=False)
        self.write({"account_move_id": move.id})
        return move

    @api.model
    def _retail_merge_counterpart(self, counterparts, vals):
        """One counterpart line per account and branch (the liability keeps a line per ledger line, with
        its customer): a session's thousand bonus credits are one expense line."""
        key = (vals["account_id"], vals["retail_branch_id"])
        balance = vals.pop("debit") - vals.pop("credit")
        merged = counterparts.get(key)
        if not merged:
            counterparts[key] = {**vals, "balance": balance, "count": 1}
            return
        merged["balance"] += balance
        merged["count"] += 1
        if merged["partner_id"] != vals["partner_id"]:
            merged["partner_id"] = False
        merged["name"] = self.env._("%(count)s prepaid value lines", count=merged["count"])

    @api.model
    def _retail_debit_credit(self, vals):
        vals = dict(vals)
        balance = vals.pop("balance")
        vals.pop("count")
        return {**vals, "debit": max(balance, 0.0), "credit": max(-balance, 0.0)}

    def _retail_kind_label(self):
        return dict(self._fields["kind"]._description_selection(self.env)).get(self.kind, self.kind)

    def _retail_move_line_vals(self, accounts):
        self.ensure_one()
        counterpart = self._retail_counterpart_account(accounts)
        if not counterpart:
            raise UserError(self.env._(
                "No account to book %(kind)s of %(holder)s against: set it on the Accounting tab.",
                kind=self._retail_kind_label(), holder=self._retail_accounting_source().display_name))
        name = " ".join(filter(None, [self._retail_kind_label(), self._retail_card_label(), self.reason or ""]))
        common = {"name": name, "partner_id": self._retail_counterpart_partner().id or False,
                  "retail_branch_id": self.branch_id.id}
        value = self.value
        return (
            {**common, "account_id": accounts["liability"].id, "debit": max(-value, 0.0), "credit": max(value, 0.0)},
            {**common, "account_id": counterpart.id, "debit": max(value, 0.0), "credit": max(-value, 0.0)},
        )

    def _retail_counterpart_partner(self):
        return self.partner_id.commercial_partner_id

    # -- reporting -----------------------------------------------------------------------------------
    @api.model
    def _retail_ledger_models(self):
        """Every concrete ledger of prepaid value (Recoin, product cards, vouchers...)."""
        return [self.env[name] for name in self.env.registry.descendants(["retail.prepaid.ledger.mixin"], "_inherit")
                if not self.env[name]._abstract and not self.env[name]._transient]

    @api.model
    def _retail_reconciliation_select(self):
        """SQL of this ledger's lines for the reconciliation report, with the columns
        ledger, line_id, company_id, branch_id, local_date, source_model, source_id, source_name,
        liability_account_id, report_group, value, account_move_id, partner_id, card_label."""
        raise NotImplementedError
