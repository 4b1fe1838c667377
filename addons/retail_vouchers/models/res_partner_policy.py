from odoo import api, fields, models
from odoo.tools import SQL


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

    @api.depends("commercial_partner_id", "commercial_partner_id.retail_group_ids",
                 "commercial_partner_id.retail_group_ids.parent_path",
                 "commercial_partner_id.retail_member_card_ids.issue_date")
    def _compute_retail_policy_facts(self):
        # the till loads thousands of customers at once: one query for the whole batch
        facts = self._retail_policy_facts_by_partner()
        for partner in self:
            partner.retail_policy_facts = facts.get(partner._origin.id) or partner._retail_policy_facts_slow()

    def _retail_policy_facts_by_partner(self):
        """{partner id: facts} for the saved partners of ``self``, read from their commercial partner: its
        active groups with every parent group (parent_path "1/4/9/": a customer of group 9 is also in groups
        4 and 1) and the issue date of its first card."""
        partner_ids = [partner_id for partner_id in self._origin.ids if partner_id]
        if not partner_ids:
            return {}
        self.env["res.partner"].flush_model(["commercial_partner_id", "retail_group_ids"])
        self.env["retail.customer.group"].flush_model(["parent_path", "active"])
        self.env["retail.member.card"].flush_model(["partner_id", "issue_date"])
        self.env.cr.execute(SQL("""
            WITH partner AS (
                SELECT id, commercial_partner_id AS commercial_id FROM res_partner WHERE id = ANY(%(ids)s)
            ), membership AS (
                SELECT rel.partner_id, ARRAY_AGG(DISTINCT path_id::int ORDER BY path_id::int) AS group_ids
                  FROM retail_customer_group_partner_rel rel
                  JOIN retail_customer_group grp ON grp.id = rel.group_id AND grp.active
                 CROSS JOIN LATERAL UNNEST(STRING_TO_ARRAY(grp.parent_path, '/')) AS path_id
                 WHERE rel.partner_id IN (SELECT commercial_id FROM partner) AND path_id <> ''
              GROUP BY rel.partner_id
            ), card AS (
                SELECT partner_id, MIN(issue_date) AS since
                  FROM retail_member_card
                 WHERE partner_id IN (SELECT commercial_id FROM partner)
              GROUP BY partner_id
            )
            SELECT partner.id, COALESCE(membership.group_ids, '{}'), card.since
              FROM partner
              LEFT JOIN membership ON membership.partner_id = partner.commercial_id
              LEFT JOIN card ON card.partner_id = partner.commercial_id
        """, ids=partner_ids))
        return {partner_id: {"group_ids": group_ids, "member_since": fields.Date.to_string(since) if since else False}
                for partner_id, group_ids, since in self.env.cr.fetchall()}

    def _retail_policy_facts_slow(self):
        """The same facts for a partner being edited (not saved yet), from the cache."""
        commercial = self.commercial_partner_id
        group_ids = {int(group_id) for group in commercial.sudo().retail_group_ids
                     for group_id in (group.parent_path or "").split("/") if group_id}
        since = commercial._origin and commercial._origin._retail_member_since()
        return {"group_ids": sorted(group_ids), "member_since": fields.Date.to_string(since) if since else False}

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), "retail_policy_facts"]
