from odoo import http
from odoo.addons.retail_loyalty.controllers.kiosk import RetailKioskPortal
from odoo.exceptions import UserError
from odoo.http import request

OWNED_VOUCHER_STATES = ("sold", "used", "expired")


class RetailVoucherPortal(RetailKioskPortal):
    """The vouchers a member bought and the coupons given to them, with their validity; at the store
    kiosk, the coupons on offer that the member may claim."""

    def _retail_vouchers_domain(self, partner):
        return [("customer_id", "=", partner.id), ("state", "in", OWNED_VOUCHER_STATES)]

    def _retail_coupons_domain(self, partner):
        return [("partner_id", "=", partner.id), ("state", "!=", "cancelled")]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "retail_voucher_count" in counters:
            partner = self._retail_member()
            values["retail_voucher_count"] = (
                request.env["retail.voucher"].sudo().search_count(self._retail_vouchers_domain(partner))
                + request.env["retail.coupon"].sudo().search_count(self._retail_coupons_domain(partner)))
        return values

    def _retail_vouchers_values(self, partner):
        return {
            "partner": partner,
            "vouchers": request.env["retail.voucher"].sudo().search(self._retail_vouchers_domain(partner)),
            "coupons": request.env["retail.coupon"].sudo().search(self._retail_coupons_domain(partner)),
        }

    @http.route("/my/retail/vouchers", type="http", auth="user", website=True)
    def retail_portal_vouchers(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(self._retail_vouchers_values(self._retail_member()))
        values["page_name"] = "retail_vouchers"
        return request.render("retail_vouchers.portal_my_retail_vouchers", values)

    # ------------------------------------------------------------------ kiosk
    def _retail_kiosk_values(self, config, partner, **extra):
        values = super()._retail_kiosk_values(config, partner, **extra)
        offers = request.env["retail.coupon.type"]._retail_kiosk_offers(config, partner)
        values.update(self._retail_vouchers_values(partner))
        values["offers"] = [*values["offers"], *offers]
        values["claim_action"] = self._retail_kiosk_url(config, "/claim")
        return values

    @http.route("/retail/kiosk/<int:config_id>/claim", type="http", auth="user", methods=["POST"], sitemap=False)
    def retail_kiosk_claim(self, config_id, coupon_type_id=None, **kw):
        config = self._retail_kiosk_config(config_id)
        partner = self._retail_kiosk_member(config)
        if not partner:
            return request.redirect(self._retail_kiosk_url(config))
        coupon_type = request.env["retail.coupon.type"].sudo().browse(int(coupon_type_id or 0)).exists()
        try:
            request.env["retail.coupon"]._retail_kiosk_claim(coupon_type, partner, config)
        except UserError as error:
            return request.render("retail_loyalty.retail_kiosk_member",
                                  self._retail_kiosk_values(config, partner, error=error.args[0]))
        return request.redirect(self._retail_kiosk_url(config, "/member?claimed=1"))
