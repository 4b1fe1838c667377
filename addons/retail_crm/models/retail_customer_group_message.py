from odoo import models


class RetailCustomerGroup(models.Model):
    _name = "retail.customer.group"
    _inherit = ["retail.customer.group", "retail.message.segment.mixin"]

    def _retail_segment_domain(self):
        return [("retail_group_ids", "child_of", self.id)]
