"""Product cards held by a few demo customers: two spa packages and a beer card sold before the
shop's go-live, and a beer card given free. Called from demo/retail_product_card_demo.xml only."""
from odoo import api, models


class RetailProductCardDemoData(models.AbstractModel):
    _name = "retail.product.card.demo.data"
    _description = "Retail Loyalty product card demo data generator"

    @api.model
    def _generate(self):
        company = self.env.ref("retail_crm.demo_company_sen")
        env = self.with_company(company).with_context(allowed_company_ids=company.ids).env
        branch = env.ref("retail_crm.demo_pos_hoan_kiem")
        spa = env.ref("retail_loyalty.demo_product_card_type_spa10")
        beer = env.ref("retail_loyalty.demo_product_card_type_beer20")
        partners = env["res.partner"].search(
            [("company_id", "=", company.id), ("customer_rank", ">", 0)], order="id", limit=4)
        cards = env["retail.product.card"].sudo()
        issued = [
            cards._retail_issue(spa, partners[0], branch=branch, reason="Sold before go-live"),
            cards._retail_issue(spa, partners[1], branch=branch, reason="Sold before go-live"),
            cards._retail_issue(beer, partners[2], branch=branch, reason="Sold before go-live"),
            cards._retail_issue(beer, partners[3], free=True, branch=branch, reason="Grand opening gift"),
        ]
        env["ir.model.data"]._update_xmlids([
            {"xml_id": f"retail_loyalty.demo_product_card_{index + 1}", "record": card, "noupdate": True}
            for index, card in enumerate(issued)])
