from odoo import api, models


class ResPartner(models.Model):
    """Customers get the pricelist of their customer group unless they have one of their own."""

    _inherit = "res.partner"

    @api.depends(
        "retail_group_ids.pricelist_id.company_id",
        "retail_group_ids.pricelist_id.active",
        "retail_group_ids.parent_id.pricelist_id",
    )
    def _compute_product_pricelist(self):
        return super()._compute_product_pricelist()

    def _inverse_product_pricelist(self):
        # A form that re-sends the pricelist it got from the group must not pin it on the customer:
        # leaving the group should give the customer the default pricelist back.
        from_group = self.env["product.pricelist"]._retail_group_pricelists(self.ids)
        to_pin = self.filtered(
            lambda partner: partner.specific_property_product_pricelist
            or from_group.get(partner.id) != partner.property_product_pricelist
        )
        return super(ResPartner, to_pin)._inverse_product_pricelist()

    def _retail_group_pricelist(self):
        """The pricelist of the deepest of the customer's groups that has one (its own or an
        ancestor's); among groups equally deep, the oldest group (lowest id) wins."""
        self.ensure_one()
        candidates = []
        for group in self.retail_group_ids:
            pricelist = group._retail_effective_pricelist()
            if pricelist:
                depth = group.parent_path.count("/") if group.parent_path else 0
                candidates.append((-depth, group.id, pricelist))
        return min(candidates, key=lambda candidate: candidate[:2])[2] if candidates else None
