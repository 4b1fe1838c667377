from odoo import api, fields, models


class RetailTier(models.Model):
    _name = "retail.tier"
    _inherit = ["retail.tier", "retail.message.segment.mixin"]

    def _retail_segment_domain(self):
        """The tier's members, as recipients of an Email or SMS Marketing campaign."""
        return [("retail_tier_id", "=", self.id)]

    @api.model
    def _apply_tier_decisions(self, decisions, reason, branch=None, order=None, when=None):
        """Tier changes (at the till or by the daily job) also announce themselves to the members."""
        result = super()._apply_tier_decisions(decisions, reason, branch=branch, order=order, when=when)
        if decisions:
            self._retail_send_tier_changes(decisions, branch, when or fields.Datetime.now())
        return result

    @api.model
    def _retail_send_tier_changes(self, decisions, branch, when):
        """One upgrade or downgrade notice per member and change, grouped by new tier and language so
        the daily job's thousands of changes cost a few statements."""
        tiers = self.browse({tier_id for _partner, from_id, to_id in decisions for tier_id in (from_id, to_id)})
        partners = self.env["res.partner"].browse([partner_id for partner_id, _from, _to in decisions])
        by_partner = {partner_id: (self.browse(from_id), self.browse(to_id))
                      for partner_id, from_id, to_id in decisions}
        day = fields.Datetime.to_datetime(when).date().isoformat()
        tiers.fetch(["sequence"])

        def group_key(partner):
            from_tier, to_tier = by_partner[partner.id]
            return to_tier, from_tier.sequence < to_tier.sequence, partner.lang

        groups = partners.grouped(group_key)
        for (to_tier, upgrade, lang), members in groups.items():
            period = {p.id: f"tier-{by_partner[p.id][0].id}-{to_tier.id}-{day}" for p in members}
            members._retail_message_event(
                "tier_upgrade" if upgrade else "tier_downgrade", period,
                {"tier_name": to_tier.with_context(lang=lang).name}, branch=branch)
