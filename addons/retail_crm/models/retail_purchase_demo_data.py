from odoo import api, models


class RetailPurchaseDemoData(models.AbstractModel):
    _name = "retail.purchase.demo.data"
    _description = "Retail CRM demo purchase behaviour and RFM segments"

    @api.model
    def _generate(self):
        """The demo orders were created before the stats existed: refresh them, then segment."""
        partners = self.env["res.partner"]
        partners._retail_refresh_all_purchase_stats()
        partners._retail_compute_rfm()
