from odoo import api, fields, models
from odoo.exceptions import UserError


class RetailTierHistory(models.Model):
    """Every change of a member's tier: from, to, when, where and why."""

    _name = "retail.tier.history"
    _description = "Tier Change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True, ondelete="cascade")
    from_tier_id = fields.Many2one("retail.tier", string="From", ondelete="restrict")
    to_tier_id = fields.Many2one("retail.tier", string="To", ondelete="restrict")
    direction = fields.Selection(
        [("upgrade", "Upgrade"), ("downgrade", "Downgrade"), ("enrol", "Enrolment"), ("leave", "Left")],
        required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    branch_id = fields.Many2one("pos.config")
    reason = fields.Selection(
        [("order", "Order"), ("job", "Scheduled evaluation"), ("manual", "Manual change"), ("card", "Card issued")],
        required=True)
    order_id = fields.Many2one("pos.order", ondelete="set null")
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    note = fields.Char()

    def write(self, vals):
        if self:
            raise UserError(self.env._("The tier history cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The tier history cannot be deleted."))
