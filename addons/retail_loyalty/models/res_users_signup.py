from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _signup_create_user(self, values):
        """A customer who signs up on the website becomes a member: a virtual card is issued to them."""
        user = super()._signup_create_user(values)
        if user._is_portal():
            self.env["retail.member.card"].sudo()._retail_issue_virtual(
                user.partner_id, user.company_id)
        return user
