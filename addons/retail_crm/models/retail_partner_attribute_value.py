from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetailPartnerAttributeValue(models.Model):
    """One customer's value for one shop-defined attribute; one typed column per attribute type."""

    _name = "retail.partner.attribute.value"
    _description = "Customer Attribute Value"
    _order = "partner_id, attribute_sequence, attribute_id"
    _rec_name = "value_display"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade")
    attribute_id = fields.Many2one("retail.partner.attribute", required=True, index=True, ondelete="cascade")
    attribute_type = fields.Selection(related="attribute_id.attribute_type")
    attribute_sequence = fields.Integer(related="attribute_id.sequence", store=True)
    value_text = fields.Char(string="Text")
    value_number = fields.Float(string="Number", index=True)
    value_date = fields.Date(string="Date", index=True)
    option_id = fields.Many2one(
        "retail.partner.attribute.option",
        index=True,
        ondelete="restrict",
        domain="[('attribute_id', '=', attribute_id)]",
    )
    value_bool = fields.Boolean(string="Yes/No")
    value_display = fields.Char(
        string="Value", compute="_compute_value_display", store=True, index="trigram",
        help="The value as text, whatever the attribute's type: used to search and export.",
    )

    _sql_constraints = [
        ("partner_attribute_uniq", "unique(partner_id, attribute_id)", "A customer has one value per attribute."),
    ]

    @api.depends("attribute_id.attribute_type", "value_text", "value_number", "value_date", "option_id.name",
                 "value_bool")
    def _compute_value_display(self):
        for value in self:
            value.value_display = value._get_value_display()

    def _get_value_display(self):
        self.ensure_one()
        kind = self.attribute_id.attribute_type
        if kind == "number":
            return f"{self.value_number:.6f}".rstrip("0").rstrip(".")
        if kind == "date":
            return fields.Date.to_string(self.value_date) if self.value_date else False
        if kind == "selection":
            return self.option_id.name or False
        if kind == "boolean":
            return self.env._("Yes") if self.value_bool else self.env._("No")
        return self.value_text or False

    @api.constrains("attribute_id", "option_id")
    def _check_option_belongs_to_attribute(self):
        for value in self:
            if value.option_id and value.option_id.attribute_id != value.attribute_id:
                raise ValidationError(
                    self.env._(
                        "“%(option)s” is not an option of the attribute “%(attribute)s”.",
                        option=value.option_id.name,
                        attribute=value.attribute_id.name,
                    )
                )
