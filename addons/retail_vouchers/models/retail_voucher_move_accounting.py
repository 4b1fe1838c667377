from odoo import api, fields, models
from odoo.tools import SQL


class RetailVoucherMove(models.Model):
    """Journal entries of voucher lines.

    At the till the session's closing entry books a voucher sold (the voucher product's income account
    is the liability) and a voucher used (the redemption line is that product, negative): those lines are
    only linked to it. The difference between use and invoice value is posted against the difference
    account (the type's bonus account), breakage against breakage income, cancellations against the
    adjustment account. A deal site's voucher is sold by the site: its sale is posted against the site's
    receivable, so the voucher settles against the partner."""

    _inherit = "retail.voucher.move"

    _retail_session_covered_kinds = ("sale", "use", "refund")

    def _retail_post_accounting(self):
        self._retail_post_prepaid_lines()
        return True

    def _retail_accounting_source(self):
        return self.voucher_id.type_id

    def _retail_card_label(self):
        return self.voucher_id.serial or ""

    def _retail_sold_line(self):
        if self.kind in ("sale", "refund") and self.order_line_id:
            return self.order_line_id
        return super()._retail_sold_line()

    def _retail_counterpart_account(self, accounts):
        if self.kind == "sale" and not self.order_id and self.voucher_id.partner_id:
            partner = self.voucher_id.partner_id.with_company(self.company_id)
            return partner.property_account_receivable_id
        return super()._retail_counterpart_account(accounts)

    def _retail_counterpart_partner(self):
        if self.kind == "sale" and self.voucher_id.partner_id:
            return self.voucher_id.partner_id.commercial_partner_id
        return super()._retail_counterpart_partner()

    @api.model
    def _retail_report_sources(self):
        return self.env["retail.voucher.type"].sudo().with_context(active_test=False).search(
            [("company_id", "!=", False)])

    @api.model
    def _retail_reconciliation_select(self):
        return SQL("""
            SELECT 'retail.voucher.move' AS ledger, m.id AS line_id, m.company_id, m.branch_id, m.local_date,
                   'retail.voucher.type' AS source_model, v.type_id AS source_id, m.kind, m.value,
                   m.account_move_id, m.partner_id, v.serial AS card_label
              FROM retail_voucher_move m
              JOIN retail_voucher v ON v.id = m.voucher_id
        """)

    # -- breakage -----------------------------------------------------------------------------------
    @api.model
    def _retail_breakage_candidates(self, company, date):
        """Sold vouchers of ``company`` whose validity (own, else the type's) ended before ``date`` with
        value left."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT m.voucher_id, SUM(m.value)
              FROM retail_voucher_move m
              JOIN retail_voucher v ON v.id = m.voucher_id
              JOIN retail_voucher_type t ON t.id = v.type_id
             WHERE v.company_id = %s AND v.state = 'sold' AND COALESCE(v.valid_to, t.valid_to) < %s
          GROUP BY m.voucher_id
            HAVING SUM(m.value) > 0
          ORDER BY m.voucher_id
        """, [company.id, date])
        rows = self.env.cr.fetchall()
        vouchers = self.env["retail.voucher"].sudo().browse([row[0] for row in rows])
        return [{"model": self._name, "card": voucher, "source": voucher.type_id,
                 "partner": voucher.customer_id or voucher.partner_id, "amount": amount, "units": 0.0,
                 "product": self.env["product.product"], "label": voucher.serial}
                for voucher, (_voucher_id, amount) in zip(vouchers, rows, strict=True)]

    @api.model
    def _retail_breakage_vals(self, candidate, date, local_date, reason):
        return {"kind": "expiry", "voucher_id": candidate["card"].id, "value": -candidate["amount"],
                "date": date, "local_date": local_date, "reason": reason}

    @api.model
    def _retail_breakage_done(self, candidates, local_date):
        vouchers = self.env["retail.voucher"].sudo().browse({candidate["card"].id for candidate in candidates})
        vouchers.filtered(lambda voucher: voucher.state == "sold").write({"state": "expired"})
        return fields.Date.to_date(local_date)
