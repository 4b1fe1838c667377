from odoo import fields, models


class RetailCardReplace(models.TransientModel):
    """A lost card is closed and a new one issued to the same member, who keeps tier, points and history."""

    _name = "retail.member.card.replace"
    _description = "Replace a Lost Member Card"

    card_id = fields.Many2one("retail.member.card", required=True, readonly=True)
    partner_id = fields.Many2one(related="card_id.partner_id")
    barcode = fields.Char(string="New Barcode")
    magstripe_number = fields.Char(string="New Magnetic Stripe Number")
    chip_uid = fields.Char(string="New Chip UID")

    def action_replace(self):
        self.ensure_one()
        new_card = self.card_id._replace_with({
            "barcode": self.barcode, "magstripe_number": self.magstripe_number, "chip_uid": self.chip_uid,
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": "retail.member.card",
            "res_id": new_card.id,
            "view_mode": "form",
        }
