from odoo import models


class MailBlacklist(models.Model):
    _inherit = "mail.blacklist"

    def _add(self, email, message=None):
        """An address blacklisted anywhere in Odoo (Email Marketing's unsubscribe page, the blacklist
        menu) is also an opt-out on the customers who have it."""
        record = super()._add(email, message=message)
        if not self.env.context.get("retail_consent_sync"):
            self.env["res.partner"]._retail_opt_out_from_blacklist("email", record.mapped("email"))
        return record
