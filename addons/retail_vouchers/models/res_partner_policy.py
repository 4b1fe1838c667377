from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    retail_policy_facts = fields.Json(
        compute="_compute_retail_policy_facts",
        help="What the till needs to check a discount policy's customer targets: the customer's groups "
        "with their parent groups, and the day the customer became a member.")

    def _retail_member_since(self):
        """The day the customer became a member: the issue date of the first card."""
        self.ensure_one()
        dates = self.sudo().retail_member_card_ids.filtered("issue_date").mapped("issue_date")
        return min(dates) if dates else False

    @api.depends("retail_group_ids", "retail_member_card_ids.issue_date")
    def _compute_retail_policy_facts(self):
        for partner in self:
            commercial = partner.commercial_partner_id
            # parent_path "1/4/9/": a customer of group 9 is also in groups 4 and 1
            group_ids = {int(group_id) for group in commercial.sudo().retail_group_ids
                         for group_id in group.parent_path.split("/") if group_id}
            since = commercial._retail_member_since()
            partner.retail_policy_facts = {
                "group_ids": sorted(group_ids),
                "member_since": fields.Date.to_string(since) if since else False,
            }

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), "retail_policy_facts"]
