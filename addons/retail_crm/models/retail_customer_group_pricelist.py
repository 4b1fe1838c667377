from odoo import models


class RetailCustomerGroup(models.Model):
    _inherit = "retail.customer.group"

    def _retail_effective_pricelist(self):
        """The group's own active pricelist, else the nearest ancestor's (Wholesale / Hà Nội inherits
        Wholesale's prices)."""
        self.ensure_one()
        group = self
        while group:
            if group.pricelist_id.active:
                return group.pricelist_id
            group = group.parent_id
        return self.env["product.pricelist"]
