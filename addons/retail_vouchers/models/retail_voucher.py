from odoo import api, fields, models
from odoo.exceptions import UserError


class RetailVoucher(models.Model):
    """One voucher serial. Generated in batches (issued: printed, not sold yet, no liability) or
    imported from a deal site (sold by that partner). Selling it at the till makes it sold: a
    liability until it is used, once and in full (what a smaller bill leaves is breakage), or expires.

    Its history is its ledger (``move_ids``: sale, use, breakage with order, branch, cashier and date)
    and the fields of its use."""

    _name = "retail.voucher"
    _inherit = ["retail.voucher.serial.mixin"]
    _description = "Voucher"

    type_id = fields.Many2one("retail.voucher.type", string="Voucher Type", required=True, readonly=True,
                              index=True, ondelete="restrict")
    state = fields.Selection(
        [("issued", "Issued"), ("sold", "Sold"), ("used", "Used"), ("expired", "Expired"),
         ("cancelled", "Cancelled")], required=True, default="issued", readonly=True, index=True)
    value = fields.Monetary(string="Use Value", readonly=True, help="What the voucher pays at the till.")
    invoice_value = fields.Monetary(readonly=True, help="What the voucher was sold for.")
    partner_id = fields.Many2one(
        "res.partner", string="Issuing Partner", readonly=True, index="btree_not_null",
        help="The deal site that sold this voucher: it owes the invoice value, not the customer.")
    customer_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    batch = fields.Char(readonly=True, help="The generation or import this serial came from.")
    sold_order_id = fields.Many2one("pos.order", string="Sold On Order", readonly=True, copy=False)
    sold_config_id = fields.Many2one("pos.config", string="Sold At Branch", readonly=True, copy=False)
    sold_user_id = fields.Many2one("res.users", string="Sold By", readonly=True, copy=False)
    sold_date = fields.Datetime(string="Sold On", readonly=True, copy=False)
    move_ids = fields.One2many("retail.voucher.move", "voucher_id", string="History")
    liability = fields.Monetary(compute="_compute_liability", string="Outstanding",
                                help="What the voucher still owes the customer: the sum of its ledger.")

    _retail_redeemable_states = ("sold",)

    @api.depends("move_ids.value")
    def _compute_liability(self):
        for voucher in self:
            voucher.liability = sum(voucher.sudo().move_ids.mapped("value"))

    def _retail_label(self):
        return self.env._("Voucher")

    def _retail_pos_line_values(self, config):
        values = super()._retail_pos_line_values(config)
        return {**values, "value": self.value, "invoice_value": self.invoice_value,
                "product_id": self.type_id.product_id.id, "kind": "voucher"}

    @api.model
    def retail_pos_serial_kind(self, serial, config_id):
        """'voucher', 'coupon' or False: what a code the till scanned is (the till then reserves it)."""
        config = self._retail_pos_check(config_id)
        if self._retail_find(serial, config.company_id):
            return "voucher"
        if self.env["retail.coupon"]._retail_find(serial, config.company_id):
            return "coupon"
        return False

    # -- selling and importing ------------------------------------------------------------------------
    @api.model
    def _retail_create_serials(self, voucher_type, serials, batch, **extra):
        """Create issued serials of ``voucher_type`` (set-based: one INSERT per call)."""
        return self.sudo().create([{
            "serial": serial, "type_id": voucher_type.id, "company_id": voucher_type.company_id.id,
            "value": voucher_type.use_value, "invoice_value": voucher_type.invoice_value, "batch": batch, **extra,
        } for serial in serials])

    def _retail_sell(self, order_line=None, partner=None, invoice_value=None, date=None):
        """Make these issued vouchers sold and record the liability: the invoice value (money received),
        and the difference to the use value (booked to the difference account)."""
        moves = self.env["retail.voucher.move"].sudo()
        vals_list = []
        for voucher in self.sudo():
            if voucher.state != "issued":
                raise UserError(self.env._("Voucher %(serial)s cannot be sold: it is %(state)s.",
                                           serial=voucher.serial, state=voucher._retail_state_label()))
            order = order_line.order_id if order_line else self.env["pos.order"]
            common = {"voucher_id": voucher.id, "company_id": voucher.company_id.id,
                      "partner_id": (partner or order.partner_id or voucher.partner_id).id or False,
                      "date": date or (order and order.date_order) or fields.Datetime.now()}
            if order:
                common.update(order_id=order.id, order_line_id=order_line.id, branch_id=order.config_id.id,
                              local_date=order.config_id._retail_local_date(order.date_order))
            sold_for = voucher.invoice_value if invoice_value is None else invoice_value
            vals_list.append({**common, "kind": "sale", "value": sold_for})
            if not voucher.currency_id.is_zero(voucher.value - sold_for):
                vals_list.append({**common, "kind": "bonus", "value": voucher.value - sold_for})
            voucher.write({
                "state": "sold", "invoice_value": sold_for, "customer_id": order.partner_id.id or False,
                "sold_order_id": order.id or False, "sold_config_id": order.config_id.id or False,
                "sold_user_id": order.user_id.id or self.env.uid, "sold_date": common["date"],
            })
        return moves.create(vals_list)

    def _retail_state_label(self):
        return dict(self._fields["state"]._description_selection(self.env)).get(self.state, self.state)

    # -- control --------------------------------------------------------------------------------------
    def action_cancel(self):
        """Cancel vouchers (retail managers only). A sold voucher's outstanding value leaves the liability
        by a correction with the reason (booked to the adjustment account)."""
        self._retail_check_manager()
        reason = (self.env.context.get("retail_cancel_reason") or "").strip() or self.env._("Voucher cancelled")
        for voucher in self.sudo():
            if voucher.state in ("used", "cancelled"):
                raise UserError(self.env._("Voucher %(serial)s is %(state)s: it cannot be cancelled.",
                                           serial=voucher.serial, state=voucher._retail_state_label()))
            outstanding = voucher.liability
            if voucher.state == "sold" and not voucher.currency_id.is_zero(outstanding):
                self.env["retail.voucher.move"].sudo().create({
                    "voucher_id": voucher.id, "kind": "adjust", "value": -outstanding, "reason": reason,
                    "company_id": voucher.company_id.id, "partner_id": voucher.customer_id.id or False})
            voucher.write({"state": "cancelled", "cancel_reason": reason, "cancel_user_id": self.env.uid,
                           "reservation_token": False, "reserved_until": False})
        return True
