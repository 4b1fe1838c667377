from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _retail_log_tier_change(self, from_tier, to_tier, reason, branch=None, order=None):
        """A manager's manual change of tier is announced like the automatic ones."""
        result = super()._retail_log_tier_change(from_tier, to_tier, reason, branch=branch, order=order)
        if from_tier and to_tier:
            day = fields.Date.context_today(self).isoformat()
            event = "tier_upgrade" if to_tier.sequence > from_tier.sequence else "tier_downgrade"
            self._retail_message_event(event, f"tier-{from_tier.id}-{to_tier.id}-{day}",
                                       {"tier_name": to_tier.with_context(lang=self.lang).name}, branch=branch)
        return result

    def _retail_send_near_upgrade(self, local_date, branch=None):
        """Near-upgrade notice when the member comes within the rule's margin of the next tier: once per
        tier held (a member who drops back and comes near again after a change hears it again)."""
        self.ensure_one()
        tier = self.retail_tier_id
        if not tier:
            return self.env["retail.message.log"]
        company = (branch and branch.company_id) or self.company_id or self.env.company
        rule = self.env["retail.message.event"]._rule_for("near_upgrade", company, branch)
        next_tier, missing = self._retail_next_tier_status(local_date)
        if not rule or not next_tier or not rule._is_near(missing, next_tier.qualify_threshold):
            return self.env["retail.message.log"]
        since = fields.Datetime.to_string(self.retail_tier_date) if self.retail_tier_date else "start"
        return self._retail_message_event("near_upgrade", f"near-{tier.id}-{next_tier.id}-{since}", {
            "tier_name": tier.with_context(lang=self.lang).name,
            "next_tier_name": next_tier.with_context(lang=self.lang).name,
            "points_remaining": missing, "points_basis": next_tier.qualify_basis,
        }, branch=branch, company=company)
