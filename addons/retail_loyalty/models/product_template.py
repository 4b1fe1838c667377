from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    retail_no_member_discount = fields.Boolean(
        string="No Member Discount", help="The tier discount is never applied to this product at the till.")
    retail_no_points = fields.Boolean(
        string="Earns No Points",
        help="Sales of this product neither earn points nor count as revenue for tiers (e.g. top-ups, vouchers).")


class ProductProduct(models.Model):
    _inherit = "product.product"

    retail_member_discount_excluded = fields.Boolean(compute="_compute_retail_member_discount_excluded")

    @api.depends("retail_no_member_discount", "categ_id.retail_no_member_discount")
    def _compute_retail_member_discount_excluded(self):
        for product in self:
            product.retail_member_discount_excluded = (
                product.retail_no_member_discount or product.categ_id._retail_excludes_member_discount())

    def _retail_earning_no_points(self):
        """The products among these that earn nothing: marked so, or prepaid value sold (top-ups and
        gift cards are not revenue)."""
        prepaid = self.env["loyalty.program"].sudo().search([
            ("program_type", "in", ("gift_card", "ewallet")), ("trigger_product_ids", "in", self.ids),
        ]).trigger_product_ids
        return self.filtered("retail_no_points") | (self & prepaid)

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_list = super()._load_pos_data_fields(config_id)
        return [*fields_list, "retail_member_discount_excluded"] if fields_list else fields_list
