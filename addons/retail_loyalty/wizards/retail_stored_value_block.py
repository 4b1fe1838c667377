from odoo import fields, models


class RetailStoredValueBlock(models.TransientModel):
    """Block a Recoin card (lost, stolen, disputed), by a retail manager or an accountant, with a reason."""

    _name = "retail.stored.value.block"
    _description = "Block a Recoin Card"

    card_id = fields.Many2one("loyalty.card", required=True, domain=[("retail_stored_value", "=", True)])
    partner_id = fields.Many2one(related="card_id.partner_id")
    reason = fields.Char(required=True, help="Why the card is blocked: kept on the card and in its history.")

    def action_block(self):
        self.ensure_one()
        self.card_id._retail_sv_block(self.reason)
        return {"type": "ir.actions.act_window_close"}
