from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    retail_answer_ids = fields.One2many("retail.answer", "partner_id", string="Questionnaire Answers")
    retail_case_ids = fields.One2many("retail.case", "partner_id", string="Cases")
    retail_open_case_count = fields.Integer(compute="_compute_retail_open_case_count", string="Open Cases")
    retail_timeline_ids = fields.One2many("retail.customer.timeline", "partner_id", string="Timeline")

    def _compute_retail_open_case_count(self):
        counts = dict(self.env["retail.case"]._read_group(
            [("partner_id", "in", self.ids), ("is_open", "=", True)], ["partner_id"], ["__count"]))
        for partner in self:
            partner.retail_open_case_count = counts.get(partner, 0)

    def action_retail_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("retail_crm.retail_case_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
