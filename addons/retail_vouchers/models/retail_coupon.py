from odoo import api, fields, models
from odoo.exceptions import UserError


class RetailCoupon(models.Model):
    """One coupon serial, used once: the till reserves it on the server, the order's sync marks it used
    with the order, branch, cashier and date."""

    _name = "retail.coupon"
    _inherit = ["retail.voucher.serial.mixin"]
    _description = "Coupon"

    type_id = fields.Many2one("retail.coupon.type", string="Coupon Type", required=True, readonly=True,
                              index=True, ondelete="restrict")
    state = fields.Selection(
        [("issued", "Issued"), ("used", "Used"), ("expired", "Expired"), ("cancelled", "Cancelled")],
        required=True, default="issued", readonly=True, index=True)
    batch = fields.Char(readonly=True)

    _retail_redeemable_states = ("issued",)

    def _retail_label(self):
        return self.env._("Coupon")

    def _retail_pos_line_values(self, config):
        values = super()._retail_pos_line_values(config)
        return {**values, **self.type_id._retail_pos_scope(), "kind": "coupon"}

    @api.model
    def _retail_create_serials(self, coupon_type, serials, batch, **extra):
        return self.sudo().create([{
            "serial": serial, "type_id": coupon_type.id, "company_id": coupon_type.company_id.id, "batch": batch,
            **extra} for serial in serials])

    def action_cancel(self):
        self._retail_check_manager()
        reason = (self.env.context.get("retail_cancel_reason") or "").strip() or self.env._("Coupon cancelled")
        if used := self.filtered(lambda coupon: coupon.state == "used"):
            raise UserError(self.env._("Coupon %(serial)s was used: it cannot be cancelled.", serial=used[0].serial))
        self.sudo().write({"state": "cancelled", "cancel_reason": reason, "cancel_user_id": self.env.uid,
                           "reservation_token": False, "reserved_until": False})
        return True

    @api.model
    def _cron_expire(self):
        """Coupons past their validity (own, else the type's) are expired."""
        self.env.flush_all()
        self.env.cr.execute("""
            UPDATE retail_coupon c SET state = 'expired', write_date = now() AT TIME ZONE 'UTC'
              FROM retail_coupon_type t
             WHERE t.id = c.type_id AND c.state = 'issued' AND COALESCE(c.valid_to, t.valid_to) < %s
        """, [fields.Date.context_today(self)])
        self.invalidate_model(["state"])
