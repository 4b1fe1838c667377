from odoo import http
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.retail_crm.controllers.portal import RetailCustomerPortal
from odoo.http import request

POINTS_LINES = 20


class RetailLoyaltyPortal(RetailCustomerPortal):
    """Member cards with their barcode and QR code, tier progress and birthday benefits, Recoin
    balance and ledger, product cards with their units left."""

    def _retail_cards_domain(self, partner):
        return [("partner_id", "=", partner.id), ("state", "!=", "draft")]

    def _retail_recoin_domain(self, partner):
        return [("partner_id", "=", partner.id), ("retail_stored_value", "=", True)]

    def _retail_product_cards_domain(self, partner):
        return [("partner_id", "=", partner.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        partner = self._retail_member()
        if "retail_card_count" in counters:
            values["retail_card_count"] = request.env["retail.member.card"].sudo().search_count(
                self._retail_cards_domain(partner))
        if "retail_recoin_count" in counters:
            values["retail_recoin_count"] = request.env["loyalty.card"].sudo().search_count(
                self._retail_recoin_domain(partner))
        if "retail_product_card_count" in counters:
            values["retail_product_card_count"] = request.env["retail.product.card"].sudo().search_count(
                self._retail_product_cards_domain(partner))
        return values

    # ------------------------------------------------------------------ membership
    def _retail_membership_values(self, partner):
        today = partner._retail_portal_today()
        return {
            "partner": partner,
            "cards": request.env["retail.member.card"].sudo().search(self._retail_cards_domain(partner)),
            "progress": partner._retail_portal_tier_progress(today),
            "birthday": partner._retail_portal_birthday(today),
            "points_moves": request.env["retail.points.move"].sudo().search(
                [("partner_id", "=", partner.id)], order="date desc, id desc", limit=POINTS_LINES),
            "suggestions": partner._retail_portal_product_suggestions(),
        }

    @http.route("/my/retail/membership", type="http", auth="user", website=True)
    def retail_portal_membership(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(self._retail_membership_values(self._retail_member()))
        values["page_name"] = "retail_membership"
        return request.render("retail_loyalty.portal_my_retail_membership", values)

    # ------------------------------------------------------------------ Recoin
    @http.route(["/my/retail/recoin", "/my/retail/recoin/page/<int:page>"], type="http", auth="user", website=True)
    def retail_portal_recoin(self, page=1, **kw):
        partner = self._retail_member()
        cards = request.env["loyalty.card"].sudo().search(self._retail_recoin_domain(partner))
        moves_sudo = request.env["retail.stored.value.move"].sudo()
        domain = [("card_id", "in", cards.ids)]
        pager = portal_pager(url="/my/retail/recoin", total=moves_sudo.search_count(domain), page=page,
                             step=self._items_per_page)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "retail_recoin", "partner": partner, "recoin_cards": cards, "pager": pager,
            "moves": moves_sudo.search(domain, limit=self._items_per_page, offset=pager["offset"]),
        })
        return request.render("retail_loyalty.portal_my_retail_recoin", values)

    # ------------------------------------------------------------------ product cards
    @http.route("/my/retail/product-cards", type="http", auth="user", website=True)
    def retail_portal_product_cards(self, **kw):
        partner = self._retail_member()
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "retail_product_cards", "partner": partner,
            "product_cards": request.env["retail.product.card"].sudo().search(
                self._retail_product_cards_domain(partner)),
        })
        return request.render("retail_loyalty.portal_my_retail_product_cards", values)
