from odoo import models


class PosOrder(models.Model):
    _inherit = "pos.order"

    def _retail_record_points(self):
        result = super()._retail_record_points()
        if self.amount_total > 0:
            self.partner_id._retail_send_near_upgrade(
                self.config_id._retail_local_date(self.date_order), branch=self.config_id)
        return result

    def _retail_thank_you_values(self):
        """The thank-you message also says the member's tier and what the next one still needs."""
        values = super()._retail_thank_you_values()
        partner = self.partner_id
        if self.retail_tier_id:
            values.update({
                "tier_name": self.retail_tier_id.with_context(lang=partner.lang).name,
                "next_tier_name": self.retail_next_tier_name or False,
                "points_remaining": self.retail_next_tier_missing,
                "points_basis": self.retail_next_tier_basis or "points",
            })
        return values
