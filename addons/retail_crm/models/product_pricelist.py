from odoo import models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    def _get_partner_pricelist_multi(self, partner_ids):
        """Sales, invoices and the POS read `property_product_pricelist`, computed here: a customer
        without a pricelist of their own gets their customer group's."""
        result = super()._get_partner_pricelist_multi(partner_ids)
        result.update(self._retail_group_pricelists(partner_ids))
        return result

    def _retail_group_pricelists(self, partner_ids):
        """{partner id: group pricelist} for the given partners that have no pricelist of their own
        and belong to a group carrying one usable in the current company."""
        partners = self.env["res.partner"].with_context(active_test=False).browse(partner_ids)
        company = self.env.company
        result = {}
        for partner in partners.filtered("retail_group_ids"):
            if partner.specific_property_product_pricelist._get_partner_pricelist_multi_filter_hook():
                continue
            pricelist = partner._retail_group_pricelist()
            if pricelist and pricelist.company_id in (company, self.env["res.company"]):
                result[partner.id] = pricelist
        return result
