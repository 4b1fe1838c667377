from odoo import fields, models


class RetailRfmSegment(models.Model):
    _name = "retail.rfm.segment"
    _description = "RFM customer segment"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable key used by reports and automations.")
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    rule_ids = fields.One2many("retail.rfm.segment.rule", "segment_id", string="Score Pairs")
    partner_count = fields.Integer(compute="_compute_partner_count", string="Customers")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The segment code must be unique."),
    ]

    def _compute_partner_count(self):
        counts = dict(self.env["res.partner"]._read_group(
            [("retail_rfm_segment_id", "in", self.ids)], ["retail_rfm_segment_id"], ["__count"]))
        for segment in self:
            segment.partner_count = counts.get(segment, 0)
