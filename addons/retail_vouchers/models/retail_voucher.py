from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


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
                                help="What the voucher still owes the customer: the sum of its ledger (for a "
                                "voucher taxed at sale, without the tax charged when it was sold).")

    _retail_redeemable_states = ("sold",)
    # a printed serial reserved to be sold at the till is issued
    _retail_releasable_states = ("issued", "sold")

    @api.depends("move_ids.value")
    def _compute_liability(self):
        for voucher in self:
            voucher.liability = sum(voucher.sudo().move_ids.mapped("value"))

    def _retail_label(self):
        return self.env._("Voucher")

    def _retail_pos_line_values(self, config):
        values = super()._retail_pos_line_values(config)
        voucher_type = self.type_id
        return {**values, "value": self.value, "invoice_value": self.invoice_value,
                "product_id": voucher_type.product_id.id, "kind": "voucher",
                "tax_treatment": voucher_type.tax_treatment,
                "tax_ids": voucher_type.tax_ids.ids if voucher_type.tax_treatment == "sale" else []}

    # -- printed serials sold at the till ---------------------------------------------------------------
    @api.model
    def retail_pos_take(self, serial, order_uuid, config_id, product_id=None):
        """What the till does with a voucher serial it scanned: a printed serial not sold yet (issued) is
        reserved to be sold on the order, any other is reserved to be redeemed (``retail_pos_reserve``).
        ``product_id``: the cashier is selling that voucher product, the serial must be one to sell."""
        config = self._retail_pos_check(config_id)
        record = self._retail_find(serial, config.company_id)
        if product_id:
            if not record:
                raise UserError(self.env._("Voucher %(serial)s is unknown here.", serial=(serial or "").strip()))
            voucher_type = record.type_id
            if voucher_type.product_id.id != product_id:
                raise UserError(self.env._(
                    "Voucher %(serial)s is a %(type)s voucher, not a %(product)s.", serial=record.serial,
                    type=voucher_type.name, product=self.env["product.product"].browse(product_id).display_name))
            if record.state != "issued":
                raise UserError(record._retail_sale_refusal(config))
        if record and record.state == "issued":
            return record._retail_pos_reserve_sale(order_uuid, config)
        return self.retail_pos_reserve(serial, order_uuid, config_id)

    def _retail_pos_reserve_sale(self, order_uuid, config):
        """Reserve this issued serial to be sold on the till's order (one conditional UPDATE, as for a
        redemption); the order's sync sells it once (``_retail_claim_sale``)."""
        self.ensure_one()
        if reason := self._retail_sale_refusal(config):
            raise UserError(reason)
        token = self._retail_take_reservation(self, order_uuid, config, ("issued",))
        if not token:
            raise UserError(self._retail_sale_refusal(config) or self.env._(
                "Voucher %(serial)s is already being sold by another till (%(till)s).",
                serial=self.serial, till=self.reserved_config_id.name or "?"))
        return {**self._retail_pos_line_values(config), "kind": "voucher_sale", "token": token}

    def _retail_sale_refusal(self, config, today=None):
        """Why ``config`` cannot sell this printed serial, in words for the cashier; False when it can. A
        serial may be sold before its first valid day, not after its last."""
        self.ensure_one()
        if self.state == "sold":
            return self.env._("Voucher %(serial)s was already sold on %(order)s at %(branch)s on %(date)s.",
                              serial=self.serial,
                              order=self.sold_order_id.name or self.partner_id.name or self.env._("the backend"),
                              branch=self.sold_config_id.name or "-",
                              date=fields.Datetime.to_string(self.sold_date) if self.sold_date else "?")
        if self.state != "issued":
            return self._retail_refusal(config, today)
        today = today or config._retail_local_date()
        _date_from, date_to = self._retail_dates()
        if date_to and today > date_to:
            return self.env._("%(label)s %(serial)s expired on %(date)s.", label=self._retail_label(),
                              serial=self.serial, date=date_to)
        voucher_type = self.type_id
        if not voucher_type.active:
            return self.env._("%(label)s type %(type)s is archived.", label=self._retail_label(),
                              type=voucher_type.name)
        if voucher_type.config_ids and config not in voucher_type.config_ids:
            return self.env._("%(label)s %(serial)s is not valid at this branch (%(branch)s); it is valid at: "
                              "%(branches)s.", label=self._retail_label(), serial=self.serial, branch=config.name,
                              branches=", ".join(voucher_type.config_ids.mapped("name")))
        return False

    @api.model
    def _retail_claim_sale(self, serial, token, order):
        """Take the printed serial ``serial`` for ``order`` to sell it, exactly once: a conditional UPDATE
        that holds the row while the order is recorded (a second sync, or another order, gets nothing).
        With a till's ``token`` the reservation must still be that one; without (a serial typed on an
        order that did not reserve it) no other order may hold it. Returns the voucher; a UserError says
        why not."""
        record = self._retail_find(serial, order.company_id)
        if record:
            now = fields.Datetime.now()
            held = SQL("reservation_token = %s", token) if token else SQL(
                "(reservation_token IS NULL OR reserved_until IS NULL OR reserved_until <= %s)", now)
            self.env.cr.execute(SQL(
                "UPDATE retail_voucher SET reserved_until = NULL, write_date = %s "
                "WHERE id = %s AND state = 'issued' AND %s RETURNING id", now, record.id, held))
            claimed = self.env.cr.fetchone()
            record.invalidate_recordset()
            if claimed:
                return record
        if not record:
            raise UserError(self.env._("Voucher %(serial)s is unknown.", serial=serial))
        reason = record._retail_sale_refusal(order.config_id, order.config_id._retail_local_date(order.date_order))
        raise UserError(reason or self.env._(
            "the reservation of voucher %(serial)s was taken over by another till", serial=record.serial))

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

    def _retail_sell(self, order_line=None, partner=None, invoice_value=None, date=None, net_value=None):
        """Make these issued vouchers sold and record the liability: what was received for each
        (``net_value``: the invoice value without the tax charged at sale) and the difference to the use
        value without that tax (booked to the difference account). ``invoice_value`` is what the customer
        paid for each, tax included."""
        moves = self.env["retail.voucher.move"].sudo()
        vals_list = []
        for voucher in self.sudo():
            if voucher.state != "issued":
                raise UserError(self.env._("Voucher %(serial)s cannot be sold: it is %(state)s.",
                                           serial=voucher.serial, state=voucher._retail_state_label()))
            voucher_type = voucher.type_id
            if voucher_type.tax_treatment == "sale" and not order_line:
                # the tax of a single-purpose voucher is charged by the sale's invoice or till
                raise UserError(self.env._(
                    "Voucher %(serial)s is taxed at sale (%(type)s): it is sold at the till, which charges its "
                    "tax. Serials sold by a partner must be of a type taxed at redemption.",
                    serial=voucher.serial, type=voucher_type.name))
            order = order_line.order_id if order_line else self.env["pos.order"]
            common = {"voucher_id": voucher.id, "company_id": voucher.company_id.id,
                      "partner_id": (partner or order.partner_id or voucher.partner_id).id or False,
                      "date": date or (order and order.date_order) or fields.Datetime.now()}
            if order:
                common.update(order_id=order.id, order_line_id=order_line.id, branch_id=order.config_id.id,
                              local_date=order.config_id._retail_local_date(order.date_order))
            sold_for = voucher.invoice_value if invoice_value is None else invoice_value
            received = voucher_type._retail_net(sold_for) if net_value is None else net_value
            difference = voucher.currency_id.round(voucher_type._retail_net(voucher.value) - received)
            vals_list.append({**common, "kind": "sale", "value": received})
            if not voucher.currency_id.is_zero(difference):
                vals_list.append({**common, "kind": "bonus", "value": difference})
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
