from odoo import api, fields, models
from odoo.tools import SQL


class RetailProductCardMove(models.Model):
    """Journal entries of product-card lines.

    A card or extra units sold at the till are booked by the session's closing entry (the sold
    product's income account is the type's liability account). A unit used recognises revenue at its
    unit value (debit liability / credit the type's use revenue account, else the used product's
    income account), a use refunded takes it back; expiry goes to breakage income, corrections to the
    adjustment account. Free cards carry no value and post nothing."""

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
