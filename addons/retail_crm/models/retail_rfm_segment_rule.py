from odoo import fields, models


class RetailRfmSegmentRule(models.Model):
    """Which segment a recency score and a frequency score lead to: a 5 x 5 grid, editable."""

    _name = "retail.rfm.segment.rule"
    _description = "RFM score pair to segment"
    _order = "recency_score desc, frequency_score desc"

    recency_score = fields.Integer(required=True)
    frequency_score = fields.Integer(required=True)
    segment_id = fields.Many2one("retail.rfm.segment", required=True, ondelete="cascade")

    _sql_constraints = [
        ("score_pair_unique", "unique(recency_score, frequency_score)",
         "Each recency and frequency score pair leads to one segment."),
        ("recency_range", "CHECK(recency_score BETWEEN 1 AND 5)", "Scores go from 1 to 5."),
        ("frequency_range", "CHECK(frequency_score BETWEEN 1 AND 5)", "Scores go from 1 to 5."),
    ]
