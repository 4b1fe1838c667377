from odoo import models


class RetailRfmSegment(models.Model):
    _name = "retail.rfm.segment"
    _inherit = ["retail.rfm.segment", "retail.message.segment.mixin"]

    def _retail_segment_domain(self):
        return [("retail_rfm_segment_id", "=", self.id)]
