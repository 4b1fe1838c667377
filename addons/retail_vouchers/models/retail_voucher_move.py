from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetailVoucherMove(models.Model):
    """Append-only ledger of vouchers: what each sold voucher owes its holder.

    Kinds and signs of ``value`` (the liability effect, company currency): sale + (the invoice value
    received), bonus + (use value above the invoice value, booked to the difference account; - when the
    sale is refunded), refund - (the invoice value paid back for an unused voucher), use - (the
    part of the voucher the bill took), expiry - (breakage: the unused part of a voucher used on a
    smaller bill, or a voucher past its validity), adjust ± (a cancellation or correction, with a reason).
    A voucher's outstanding value is the sum of its lines and never goes below zero."""

    _name = "retail.voucher.move"
    _inherit = ["retail.prepaid.ledger.mixin"]
    _description = "Voucher Ledger Line"
    _rec_name = "voucher_id"

    kind = fields.Selection(
        [("sale", "Voucher sold"), ("bonus", "Use value above invoice value"), ("use", "Voucher used"),
         ("refund", "Sale refunded"), ("expiry", "Breakage (unused value)"),
         ("adjust", "Cancellation or correction")],
        required=True, readonly=True, index=True)
    voucher_id = fields.Many2one("retail.voucher", required=True, readonly=True, index=True, ondelete="restrict")
    type_id = fields.Many2one(related="voucher_id.type_id", store=True, string="Voucher Type")
    serial = fields.Char(related="voucher_id.serial")
    order_line_id = fields.Many2one("pos.order.line", readonly=True, index="btree_not_null", ondelete="set null")

    @api.model_create_multi
    def create(self, vals_list):
        self._retail_check_manual_lines(vals_list)
        vouchers = self.env["retail.voucher"].sudo().browse({vals["voucher_id"] for vals in vals_list})
        for vals in vals_list:
            voucher = vouchers.browse(vals["voucher_id"])
            vals.setdefault("company_id", voucher.company_id.id)
            if not vals.get("local_date"):
                branch = self.env["pos.config"].browse(vals.get("branch_id"))
                moment = fields.Datetime.to_datetime(vals.get("date")) or fields.Datetime.now()
                vals["local_date"] = branch._retail_local_date(moment) if branch else moment.date()
        moves = super().create(vals_list)
        moves._retail_check_never_negative()
        moves.voucher_id.invalidate_recordset(["move_ids", "liability"])
        moves._retail_post_accounting()
        return moves

    def _retail_check_never_negative(self):
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT voucher_id FROM retail_voucher_move WHERE voucher_id = ANY(%s)
          GROUP BY voucher_id HAVING SUM(value) < -0.005
        """, [self.voucher_id.ids])
        negative = [row[0] for row in self.env.cr.fetchall()]
        if negative:
            raise ValidationError(self.env._(
                "Voucher %(serial)s cannot owe less than nothing.",
                serial=self.env["retail.voucher"].browse(negative[0]).serial))

    def _retail_post_accounting(self):
        """Journal entries of these lines (see retail_voucher_move_accounting.py)."""
        return True
