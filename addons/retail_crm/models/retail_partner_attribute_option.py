from odoo import fields, models


class RetailPartnerAttributeOption(models.Model):
    _name = "retail.partner.attribute.option"
    _description = "Customer Attribute Option"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    attribute_id = fields.Many2one(
        "retail.partner.attribute", required=True, index=True, ondelete="cascade"
    )
