import calendar
from datetime import timedelta

from odoo import fields, models

from .res_partner import birthday_in_year


class ResPartner(models.Model):
    """What the member's own pages (customer portal, store kiosk) show about their standing."""

    _inherit = "res.partner"

    def _retail_portal_today(self):
        self.ensure_one()
        return fields.Date.context_today(self.with_context(tz=self._retail_message_tz()))

    def _retail_portal_tier_progress(self, today=None):
        """{tier, next_tier, threshold, reached, missing, basis, percent}: how far the member is from
        the next tier, in the next tier's basis (points or revenue inside its window)."""
        self.ensure_one()
        today = today or self._retail_portal_today()
        next_tier, missing = self._retail_next_tier_status(today)
        if not self.retail_tier_id:  # not a member yet: a card makes them one, there is nothing to reach
            next_tier, missing = self.env["retail.tier"], 0.0
        threshold = next_tier.qualify_threshold if next_tier else 0.0
        reached = max(threshold - missing, 0.0)
        return {
            "tier": self.retail_tier_id,
            "next_tier": next_tier,
            "threshold": threshold,
            "reached": reached,
            "missing": missing,
            "basis": next_tier.qualify_basis if next_tier else False,
            "percent": round(min(100.0, reached * 100.0 / threshold), 1) if threshold else 100.0,
        }

    def _retail_portal_birthday(self, today=None):
        """The member's next (or current) birthday benefit period of their tier, or False:
        {start, end, birthday, current, used, discount_percent, discount_multiplier, points_multiplier}."""
        self.ensure_one()
        tier = self.retail_tier_id
        if not tier or not self.birthday or tier.birthday_period == "none":
            return False
        today = today or self._retail_portal_today()
        for year in (today.year - 1, today.year, today.year + 1):
            celebrated = birthday_in_year(self.birthday, year)
            if tier.birthday_period == "day":
                start = end = celebrated
            elif tier.birthday_period == "week":
                start = celebrated - timedelta(days=celebrated.weekday())
                end = start + timedelta(days=6)
            else:
                start = celebrated.replace(day=1)
                end = celebrated.replace(day=calendar.monthrange(year, celebrated.month)[1])
            if end >= today:
                break
        current = start <= today <= end
        used = bool(current and tier.birthday_once_per_period
                    and self._retail_benefit_used(f"birthday-{celebrated.year}"))
        return {
            "start": start, "end": end, "birthday": celebrated, "current": current, "used": used,
            "discount_multiplier": tier.birthday_discount_multiplier,
            "points_multiplier": tier.birthday_points_multiplier,
            "discount_percent": min(100.0, tier.discount_percent * tier.birthday_discount_multiplier),
            "once": tier.birthday_once_per_period,
        }
