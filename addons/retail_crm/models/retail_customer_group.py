from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetailCustomerGroup(models.Model):
    """A folder of customers (Retail, Wholesale / Hanoi, VIP…) that rules and prices can target."""

    _name = "retail.customer.group"
    _description = "Customer Group"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(compute="_compute_complete_name", recursive=True, store=True)
    parent_id = fields.Many2one("retail.customer.group", string="Parent Group", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("retail.customer.group", "parent_id", string="Sub-groups")
    pricelist_id = fields.Many2one(
        "product.pricelist",
        help="Prices the group's members get unless the customer has a pricelist of their own.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "retail_customer_group_partner_rel",
        "group_id",
        "partner_id",
        string="Customers",
    )
    partner_count = fields.Integer(compute="_compute_partner_count", string="Customer Count")
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Leave empty to share the group between companies.")

    _sql_constraints = [
        ("name_parent_uniq", "unique(name, parent_id, company_id)", "A group of this name already exists here."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for group in self:
            if group.parent_id:
                group.complete_name = f"{group.parent_id.complete_name} / {group.name}"
            else:
                group.complete_name = group.name

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("retail_group_ids", "in", self.ids)], ["retail_group_ids"], ["__count"]
            )
        )
        for group in self:
            group.partner_count = counts.get(group, 0)

    @api.constrains("parent_id")
    def _check_parent_recursion(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A customer group cannot be its own ancestor."))

    def action_view_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("base.action_partner_form")
        action["domain"] = [("retail_group_ids", "child_of", self.id)]
        action["context"] = {"default_retail_group_ids": [self.id]}
        return action
