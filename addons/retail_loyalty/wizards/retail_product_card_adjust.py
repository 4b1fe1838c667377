from odoo import api, fields, models
from odoo.exceptions import UserError


class RetailProductCardAdjust(models.TransientModel):
    """A manual correction of a product card's units by a manager or an accountant, with a reason:
    an `adjust` line in the card's ledger, valued at the card's current unit value."""

    _name = "retail.product.card.adjust"
    _description = "Correct Product Card Units"

    card_id = fields.Many2one("retail.product.card", required=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, domain="[('id', 'in', allowed_product_ids)]")
    allowed_product_ids = fields.Many2many("product.product", compute="_compute_allowed_product_ids")
    remaining = fields.Integer(compute="_compute_remaining", string="Units Left Now")
    quantity = fields.Integer(string="Units to Add", required=True,
                              help="Positive to add units, negative to take units off the card.")
    reason = fields.Char(required=True)

    @api.depends("card_id")
    def _compute_allowed_product_ids(self):
        for wizard in self:
            wizard.allowed_product_ids = wizard.card_id.type_id.line_ids.product_id

    @api.depends("card_id", "product_id")
    def _compute_remaining(self):
        for wizard in self:
            remaining = wizard.card_id._retail_remaining()
            wizard.remaining = remaining.get((wizard.card_id.id, wizard.product_id.id), (0, 0.0))[0]

    def action_confirm(self):
        self.ensure_one()
        if not self.quantity:
            raise UserError(self.env._("Enter the units to add (or, negative, to take off)."))
        # created as the user: the ledger checks the reason and the manager/accountant rights itself
        move = self.env["retail.product.card.move"].create({
            "kind": "adjust", "card_id": self.card_id.id, "product_id": self.product_id.id,
            "quantity": self.quantity, "reason": self.reason,
        })
        self.card_id.sudo()._message_log(body=self.env._(
            "%(units)s unit(s) of %(product)s corrected: %(reason)s",
            units=move.quantity, product=self.product_id.display_name, reason=self.reason))
        return {"type": "ir.actions.act_window_close"}
