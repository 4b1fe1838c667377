from odoo import api, fields, models


class ResPartner(models.Model):
    """Customer data: contact persons, important dates, extra and shop-defined attributes."""

    _inherit = "res.partner"

    retail_contact_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Contact Persons",
        domain=[("type", "=", "contact"), ("is_company", "=", False)],
    )
    wedding_anniversary = fields.Date()
    founding_date = fields.Date()
    annual_revenue = fields.Monetary(currency_field="currency_id")
    employee_count = fields.Integer(string="Employees")
    retail_attribute_value_ids = fields.One2many(
        "retail.partner.attribute.value", "partner_id", string="Attributes", copy=True
    )
    retail_attribute_search = fields.Char(
        string="Attribute Value",
        compute="_compute_retail_attribute_search",
        search="_search_retail_attribute_search",
        help="Finds customers by the value of any shop-defined attribute.",
    )

    def _compute_retail_attribute_search(self):
        self.retail_attribute_search = False

    @api.model
    def _search_retail_attribute_search(self, operator, value):
        return [("retail_attribute_value_ids.value_display", operator, value)]
