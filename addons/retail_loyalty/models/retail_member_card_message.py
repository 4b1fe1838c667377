from odoo import models


class RetailMemberCard(models.Model):
    _inherit = "retail.member.card"

    def action_activate(self, partner=None, branch=None):
        result = super().action_activate(partner=partner, branch=branch)
        self._retail_send_activation()
        return result

    def _replace_with(self, vals):
        new_card = super()._replace_with(vals)
        new_card._retail_send_activation()
        return new_card

    def _retail_send_activation(self):
        """Card activation notice, once per card (retail_crm's message API)."""
        for card in self.filtered(lambda c: c.state == "active" and c.partner_id):
            partner = card.partner_id
            card.partner_id._retail_message_event("activation", f"member-card-{card.id}", {
                "card_name": card.name,
                "tier_name": partner.retail_tier_id.with_context(lang=partner.lang).name or False,
            }, branch=card.branch_id or None, company=card.company_id)
