from odoo import models


class PhoneBlacklist(models.Model):
    _inherit = "phone.blacklist"

    def _add(self, numbers, message=None):
        """A number blacklisted anywhere in Odoo (SMS Marketing's opt-out, the blacklist menu) is also
        an SMS opt-out on the customers who have it."""
        records = super()._add(numbers, message=message)
        if not self.env.context.get("retail_consent_sync"):
            self.env["res.partner"]._retail_opt_out_from_blacklist("sms", records.mapped("number"))
        return records
