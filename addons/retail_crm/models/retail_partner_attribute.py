from odoo import api, fields, models
from odoo.exceptions import ValidationError

ATTRIBUTE_TYPES = [
    ("text", "Text"),
    ("number", "Number"),
    ("date", "Date"),
    ("selection", "Selection"),
    ("boolean", "Yes/No"),
]


class RetailPartnerAttribute(models.Model):
    """A customer attribute the shop defines itself (skin type, preferred branch…), no code needed."""

    _name = "retail.partner.attribute"
    _description = "Customer Attribute"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    attribute_type = fields.Selection(ATTRIBUTE_TYPES, string="Type", required=True, default="text")
    option_ids = fields.One2many("retail.partner.attribute.option", "attribute_id", string="Options", copy=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Leave empty to share the attribute between companies.")
    value_count = fields.Integer(compute="_compute_value_count", string="Customers")

    def _compute_value_count(self):
        counts = dict(
            self.env["retail.partner.attribute.value"]._read_group(
                [("attribute_id", "in", self.ids)], ["attribute_id"], ["__count"]
            )
        )
        for attribute in self:
            attribute.value_count = counts.get(attribute, 0)

    @api.constrains("attribute_type", "option_ids")
    def _check_selection_has_options(self):
        for attribute in self:
            if attribute.attribute_type == "selection" and not attribute.option_ids:
                raise ValidationError(
                    self.env._("The selection attribute “%(name)s” needs at least one option.", name=attribute.name)
                )

    def write(self, vals):
        if "attribute_type" in vals:
            used = self.filtered(lambda attr: attr.attribute_type != vals["attribute_type"] and attr.value_count)
            if used:
                raise ValidationError(
                    self.env._(
                        "The type of “%(name)s” cannot change: customers already have values for it.",
                        name=used[0].name,
                    )
                )
        return super().write(vals)

    def action_view_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("retail_crm.retail_partner_attribute_value_action")
        action["domain"] = [("attribute_id", "=", self.id)]
        action["context"] = {"default_attribute_id": self.id}
        return action
