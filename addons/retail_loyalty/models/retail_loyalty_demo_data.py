"""Member cards, tiers and points for the demo shop, derived from its POS history.

120 of the demo customers hold an active card, 30 pre-printed cards wait to be issued, one card is
blocked and one was lost and replaced. The demo orders of card holders are replayed in date order
through the same code as a till's orders, so points, tiers and their history are what the shop
would have seen. Called from demo/retail_loyalty_demo.xml only.
"""
from odoo import api, fields, models

CARD_HOLDERS = 120
CARD_STOCK = 30


class RetailLoyaltyDemoData(models.AbstractModel):
    _name = "retail.loyalty.demo.data"
    _description = "Retail Loyalty demo data generator"

    @api.model
    def _generate(self):
        company = self.env.ref("retail_crm.demo_company_sen")
        env = self.with_company(company).with_context(allowed_company_ids=company.ids).env
        company.retail_points_amount = 10000
        cards = env["retail.member.card"]
        branch = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        partners = env["res.partner"].search([("company_id", "=", company.id), ("customer_rank", ">", 0)],
                                            order="id", limit=CARD_HOLDERS)
        issued = cards.create([{
            "barcode": f"SEN{index + 1:08d}", "partner_id": partner.id, "company_id": company.id,
            "branch_id": branch.id, "issue_date": fields.Date.to_date("2025-01-01"),
        } for index, partner in enumerate(partners)])
        cards.create([{"barcode": f"SEN{CARD_HOLDERS + index + 1:08d}", "company_id": company.id}
                      for index in range(CARD_STOCK)])
        issued[1].write({"state": "blocked", "block_reason": "Chargeback under review"})
        issued[2]._replace_with({"barcode": f"SEN{CARD_HOLDERS + CARD_STOCK + 1:08d}"})
        for index, card in enumerate(issued[:3]):
            env["ir.model.data"]._update_xmlids([{
                "xml_id": f"retail_loyalty.demo_member_card_{index + 1}", "record": card, "noupdate": True}])
        orders = env["pos.order"].search(
            [("partner_id", "in", partners.ids), ("state", "in", ("paid", "done", "invoiced"))], order="date_order, id")
        orders._retail_record_loyalty()
        env["retail.member.day"].create({
            "name": "Ngày thành viên (ngày 15)", "kind": "month_day", "month_day": 15,
            "discount_multiplier": 1.0, "points_multiplier": 2.0,
        })
