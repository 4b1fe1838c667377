from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class RetailProductCardMove(models.Model):
    """Journal entries of product-card lines.

    A card or extra units sold at the till are booked by the session's closing entry (the sold
    product's income account is the type's liability account). A unit used recognises revenue at its
    unit value (debit liability / credit the type's use revenue account, else the used product's
    income account), a use refunded takes it back; expiry goes to breakage income, corrections to the
    adjustment account. Free cards carry no liability; each unit used from one is a marketing expense
    at product cost (debit the type's free-card expense account, credit the product's cost of goods
    sold account), posted when the session closes."""

    _inherit = "retail.product.card.move"

    _retail_session_covered_kinds = ("sale", "extra", "refund")

    def _retail_post_accounting(self):
        self._retail_post_prepaid_lines()
        return True

    def _retail_accounting_source(self):
        return self.card_id.type_id

    def _retail_card_label(self):
        return " ".join(filter(None, [self.card_id.code, self.product_id.display_name]))

    def _retail_sold_line(self):
        """The order line of the card sold, of extra units bought, or of their refund (not of a unit
        used or a use refunded: that line is the used product at price 0)."""
        line = self.order_line_id
        if line and self.kind in ("sale", "extra", "refund") and (
                line.product_id == self.card_id.type_id.product_id or line.price_subtotal):
            return line
        return super()._retail_sold_line()

    def _retail_is_session_covered(self):
        if self.kind == "refund" and not self._retail_sold_line():
            return False  # a use refunded: revenue taken back by our own entry
        return super()._retail_is_session_covered()

    def _retail_counterpart_account(self, accounts):
        if self.kind in ("use", "refund") and not self._retail_sold_line():
            return accounts["revenue"] or self.product_id.with_company(
                self.company_id).product_tmpl_id._get_product_accounts()["income"]
        return super()._retail_counterpart_account(accounts)

    def _retail_post_cost_entries(self, ref=None):
        """One entry per company, journal and branch day for the units used (or refunded) from free cards."""
        lines = self.filtered(lambda line: line.kind in ("use", "refund") and line.is_free
                              and not line.account_move_id and not line.currency_id.is_zero(line.cost_value))
        groups = defaultdict(lambda: self.browse())
        for line in lines:
            journal = line._retail_accounting_source()._retail_prepaid_accounts(line.company_id)["journal"]
            groups[line.company_id, journal, line.local_date] |= line
        moves = self.env["account.move"]
        for (company, journal, date), members in groups.items():
            move_lines = members._retail_free_use_move_lines(company)
            if move_lines:
                moves |= members._retail_post_entry(
                    company, journal, date, ref or self.env._("Free product card units"), move_lines)
        return moves

    def _retail_free_use_move_lines(self, company):
        """Expense and cost-of-goods lines per account and branch for these free-card uses."""
        balances = defaultdict(float)
        for line in self:
            card_type = line.card_id.type_id.sudo().with_company(company)
            expense = card_type.retail_free_use_account_id or card_type.retail_bonus_account_id
            cost = line.product_id.with_company(company).product_tmpl_id._get_product_accounts()["expense"]
            if not expense or not cost:
                raise UserError(self.env._(
                    "Set the free-card expense account of %(type)s and the expense account of %(product)s "
                    "before free product-card units are booked.",
                    type=card_type.display_name, product=line.product_id.display_name))
            balances[expense, line.branch_id] += line.cost_value
            balances[cost, line.branch_id] -= line.cost_value
        currency = company.currency_id
        name = self.env._("Free product card units at cost")
        return [{"name": name, "account_id": account.id, "retail_branch_id": branch.id,
                 "debit": max(balance, 0.0), "credit": max(-balance, 0.0)}
                for (account, branch), balance in balances.items() if not currency.is_zero(balance)]

    @api.model
    def _retail_report_sources(self):
        return self.env["retail.product.card.type"].sudo().with_context(active_test=False).search(
            [("company_id", "!=", False)])

    @api.model
    def _retail_reconciliation_select(self):
        return SQL("""
            SELECT 'retail.product.card.move' AS ledger, m.id AS line_id, m.company_id, m.branch_id, m.local_date,
                   'retail.product.card.type' AS source_model, c.type_id AS source_id, m.kind, m.value,
                   m.account_move_id, m.partner_id, c.code AS card_label
              FROM retail_product_card_move m
              JOIN retail_product_card c ON c.id = m.card_id
        """)

    # -- breakage -----------------------------------------------------------------------------------
    @api.model
    def _retail_breakage_candidates(self, company, date):
        """Units of ``company``'s product cards past their validity, per card and product."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT m.card_id, m.product_id, SUM(m.quantity), SUM(m.value)
              FROM retail_product_card_move m
              JOIN retail_product_card c ON c.id = m.card_id
             WHERE c.company_id = %s AND c.expiry_date < %s
          GROUP BY m.card_id, m.product_id
            HAVING SUM(m.quantity) > 0
          ORDER BY m.card_id, m.product_id
        """, [company.id, date])
        rows = self.env.cr.fetchall()
        cards = self.env["retail.product.card"].sudo().browse([row[0] for row in rows])
        products = self.env["product.product"].sudo().browse([row[1] for row in rows])
        return [{"model": self._name, "card": card, "source": card.type_id, "partner": card.partner_id,
                 "product": product, "units": units, "amount": value or 0.0, "label": card.code}
                for card, product, (_card, _product, units, value) in zip(cards, products, rows, strict=True)]

    @api.model
    def _retail_breakage_vals(self, candidate, date, local_date, reason):
        units = candidate["units"]
        return {"kind": "expiry", "card_id": candidate["card"].id, "product_id": candidate["product"].id,
                "quantity": -units, "unit_value": candidate["amount"] / units if units else 0.0,
                "value": -candidate["amount"], "date": date, "local_date": local_date, "reason": reason}

    @api.model
    def _retail_breakage_done(self, candidates, local_date):
        """Cards written off are expired and their pending reservations void."""
        cards = self.env["retail.product.card"].sudo().browse({candidate["card"].id for candidate in candidates})
        cards.filtered(lambda card: card.state == "active").write({"state": "expired"})
        self.env["retail.product.card.reservation"].sudo().search([
            ("card_id", "in", cards.ids), ("state", "=", "reserved")]).write({"state": "expired"})
        return fields.Date.to_date(local_date)
