from odoo import fields, models


class RetailRfmSegmentHistory(models.Model):
    _name = "retail.rfm.segment.history"
    _description = "RFM segment change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    segment_from_id = fields.Many2one("retail.rfm.segment", string="From", ondelete="set null")
    segment_to_id = fields.Many2one("retail.rfm.segment", string="To", ondelete="set null")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
