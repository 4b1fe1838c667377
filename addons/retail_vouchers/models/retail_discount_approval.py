import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import float_compare, float_round


class RetailDiscountApproval(models.Model):
    """A manager's answer at the till to a cashier's discount above the branch's limit.

    Approved, it is good for one order line (its ``uuid``) up to the approved percent, once: the till
    sends the token with the line and the server binds the approval to the line when the order arrives.
    Refused answers (wrong PIN) are kept too: they are the audit trail and lock a manager's PIN after
    too many attempts."""

    _name = "retail.discount.approval"
    _description = "Manual Discount Approval"
    _order = "id desc"
    _rec_name = "line_uuid"

    config_id = fields.Many2one("pos.config", string="Point of Sale", required=True, readonly=True, index=True)
    company_id = fields.Many2one(related="config_id.company_id", store=True)
    session_id = fields.Many2one("pos.session", readonly=True)
    line_uuid = fields.Char(string="Order Line", required=True, readonly=True, index=True)
    discount = fields.Float(string="Discount (%)", digits=(5, 2), required=True, readonly=True)
    limit = fields.Float(string="Limit (%)", digits=(5, 2), readonly=True)
    cashier_id = fields.Many2one("res.users", required=True, readonly=True)
    approver_id = fields.Many2one("res.users", string="Manager", required=True, readonly=True, index=True)
    state = fields.Selection(
        [("approved", "Approved"), ("refused", "Wrong PIN")], required=True, readonly=True)
    token = fields.Char(readonly=True, copy=False, index="btree_not_null", groups="base.group_system")
    order_line_id = fields.Many2one(
        "pos.order.line", string="Order Line Used", readonly=True, ondelete="set null", index="btree_not_null")
    order_id = fields.Many2one(related="order_line_id.order_id", string="Order")

    _sql_constraints = [("token_unique", "UNIQUE(token)", "An approval token is used once.")]

    # a manager's PIN refuses to be tried again after this many wrong attempts in the window
    _max_wrong_pins = 5
    _wrong_pin_window = timedelta(minutes=15)

    @api.model
    def retail_pos_approvers(self, config_id):
        """The managers who can approve at this till: those of the branch's company with a PIN."""
        config = self.env["pos.config"].browse(config_id)
        config.check_access("read")
        managers = config._retail_discount_managers().filtered("retail_pos_pin_set")
        return [{"id": manager.id, "name": manager.name} for manager in managers]

    @api.model
    def retail_pos_approve(self, config_id, line_uuid, discount, approver_id, pin, session_id=False):
        """A manager's PIN typed at the till for ``discount`` percent on the line ``line_uuid``.

        Returns ``{"approved": True, "token", "discount", "approver_name"}``, else ``{"approved": False,
        "message"}``; a wrong PIN is recorded (not raised) so that the lock-out counts it."""
        config = self.env["pos.config"].browse(config_id)
        config.check_access("read")
        approver = config._retail_discount_managers().filtered(lambda user: user.id == approver_id)
        discount = float_round(float(discount or 0), precision_digits=2)
        if not line_uuid or float_compare(discount, 0, 2) <= 0 or float_compare(discount, 100, 2) > 0:
            return {"approved": False, "message": self.env._("The discount is a percentage between 0 and 100.")}
        if not approver:
            return {"approved": False, "message": self.env._("Only a manager of this shop can approve.")}
        if self._retail_pin_locked(approver):
            return {"approved": False, "message": self.env._(
                "Too many wrong PINs for %(manager)s: try again in a few minutes.", manager=approver.name)}
        values = {
            "config_id": config.id, "session_id": session_id or config.current_session_id.id,
            "line_uuid": line_uuid, "discount": discount, "limit": config._retail_discount_limit(),
            "cashier_id": self.env.uid, "approver_id": approver.id,
        }
        if not approver._retail_check_pos_pin(pin):
            self.sudo().create({**values, "state": "refused"})
            return {"approved": False, "message": self.env._("Wrong PIN.")}
        approval = self.sudo().create({**values, "state": "approved", "token": secrets.token_urlsafe(24)})
        return {"approved": True, "token": approval.token, "discount": discount, "approver_name": approver.name}

    @api.model
    def _retail_pin_locked(self, approver):
        since = fields.Datetime.now() - self._wrong_pin_window
        wrong = self.sudo().search_count(
            [("approver_id", "=", approver.id), ("state", "=", "refused"), ("create_date", ">=", since)])
        return wrong >= self._max_wrong_pins

    @api.model
    def _retail_find_for_line(self, line):
        """The approval the till sent with ``line``, if it is valid for it: approved at the line's branch
        for this very line (its uuid), for at least the line's discount, and not used by another line."""
        token = line.retail_discount_approval_token
        if not token:
            return self.browse()
        approval = self.sudo().search([("token", "=", token), ("state", "=", "approved")], limit=1)
        if (approval.line_uuid != line.uuid or approval.config_id != line.order_id.config_id
                or (approval.order_line_id and approval.order_line_id != line)
                or float_compare(line.discount, approval.discount, 2) > 0):
            return self.browse()
        return approval
