from odoo import models


class RetailPartnerAttributeOption(models.Model):
    _name = "retail.partner.attribute.option"
    _inherit = ["retail.partner.attribute.option", "retail.message.segment.mixin"]

    def _retail_segment_domain(self):
        return [("retail_attribute_value_ids.option_id", "=", self.id)]
