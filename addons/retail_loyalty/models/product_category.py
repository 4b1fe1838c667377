from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    retail_no_member_discount = fields.Boolean(
        string="No Member Discount",
        help="The tier discount is never applied to products of this category or its sub-categories.")

    def _retail_excludes_member_discount(self):
        self.ensure_one()
        category = self
        while category:
            if category.retail_no_member_discount:
                return True
            category = category.parent_id
        return False
