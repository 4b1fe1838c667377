from odoo import fields, models
from odoo.exceptions import AccessError


class RetailProductCardGive(models.TransientModel):
    """Give a customer a product card free (a gesture, a campaign): its units carry no liability
    and each use is booked as a marketing expense at product cost."""

    _name = "retail.product.card.give"
    _description = "Give a Free Product Card"

    type_id = fields.Many2one("retail.product.card.type", string="Card Type", required=True,
                              domain="[('company_id', '=', company_id)]")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    reason = fields.Char(required=True)

    def action_give(self):
        self.ensure_one()
        if not self.env["retail.prepaid.ledger.mixin"]._retail_may_correct():
            raise AccessError(self.env._("Only a retail manager or an accountant may give product cards."))
        card = self.env["retail.product.card"]._retail_issue(
            self.type_id, self.partner_id, free=True, reason=self.reason)
        card.sudo()._message_log(body=self.env._("Given free by %(user)s: %(reason)s",
                                                 user=self.env.user.name, reason=self.reason))
        return {
            "type": "ir.actions.act_window", "res_model": "retail.product.card", "res_id": card.id,
            "view_mode": "form", "target": "current",
        }
