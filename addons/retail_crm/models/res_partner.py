from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    retail_group_ids = fields.Many2many(
        "retail.customer.group",
        "retail_customer_group_partner_rel",
        "partner_id",
        "group_id",
        string="Customer Groups",
    )
    birthday = fields.Date()
