from odoo import api, models


class LoyaltyCard(models.Model):
    """Recoin cards announce themselves through retail_crm's message API: the activation notice when
    a card is issued, the level reached, and how much revenue the next level still needs."""

    _inherit = "loyalty.card"

    @api.model_create_multi
    def create(self, vals_list):
        cards = super().create(vals_list)
        for card in cards.filtered(lambda card: card.program_id.retail_stored_value and card.partner_id):
            card.partner_id._retail_message_event(
                "activation", f"loyalty.card-{card.id}", {"card_name": card.code},
                company=card.program_id.company_id or card.partner_id.company_id or None)
        return cards

    def _retail_sv_update_level(self, branch=None, order=None):
        levels_before = {card.id: card.retail_sv_level_id for card in self}
        result = super()._retail_sv_update_level(branch=branch, order=order)
        for card in self.sudo():
            if card.retail_sv_level_id != levels_before[card.id] and levels_before[card.id]:
                card._retail_sv_announce_level(branch)
            else:
                card._retail_sv_announce_near_level(branch)
        return result

    def _retail_sv_announce_level(self, branch):
        self.ensure_one()
        level = self.retail_sv_level_id
        self.partner_id._retail_message_event(
            "tier_upgrade", f"recoin-level-{self.id}-{level.id}", {"tier_name": level.name, "card_name": self.code},
            branch=branch)

    def _retail_sv_announce_near_level(self, branch):
        """Once per card and level: the revenue still missing for the next level, when the
        company's near-upgrade rule calls it near."""
        self.ensure_one()
        next_level = self.program_id.retail_sv_level_ids.filtered(
            lambda level: level.sequence > self.retail_sv_level_id.sequence).sorted("sequence")[:1]
        if not next_level:
            return
        missing = next_level.revenue_threshold - self.retail_sv_revenue
        company = (branch and branch.company_id) or self.program_id.company_id or self.partner_id.company_id
        rule = self.env["retail.message.event"].sudo()._rule_for("near_upgrade", company, branch)
        if not rule or not rule._is_near(missing, next_level.revenue_threshold):
            return
        self.partner_id._retail_message_event(
            "near_upgrade", f"recoin-near-{self.id}-{next_level.id}", {
                "tier_name": self.retail_sv_level_id.name, "next_tier_name": next_level.name,
                "points_remaining": missing, "points_basis": "revenue", "card_name": self.code,
            }, branch=branch)
