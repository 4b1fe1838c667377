from odoo import http
from odoo.http import request
from odoo.tools import consteq

CHANNELS = ("email", "sms")


class RetailUnsubscribe(http.Controller):
    """The link in every customer email: the customer opts out of one channel, no login needed.
    GET shows a confirmation; POST (the button, or a mail client's one-click unsubscribe) opts out."""

    def _partner(self, partner_id, channel, token):
        if channel not in CHANNELS:
            return None
        partner = request.env["res.partner"].sudo().browse(partner_id).exists()
        if not partner or not consteq(partner._retail_unsubscribe_token(channel), token or ""):
            return None
        return partner

    @http.route("/retail_crm/unsubscribe/<int:partner_id>/<string:channel>/<string:token>",
                type="http", auth="public", methods=["GET"], sitemap=False)
    def unsubscribe_page(self, partner_id, channel, token, **kwargs):
        partner = self._partner(partner_id, channel, token)
        if not partner:
            return request.not_found()
        return request.render("retail_crm.retail_unsubscribe_page", {
            "partner": partner, "channel": channel, "token": token, "done": partner[
                f"retail_{channel}_consent"] == "opt_out",
            "company": partner.company_id or request.env.company,
        })

    @http.route("/retail_crm/unsubscribe/<int:partner_id>/<string:channel>/<string:token>",
                type="http", auth="public", methods=["POST"], csrf=False, sitemap=False)
    def unsubscribe(self, partner_id, channel, token, **kwargs):
        # no CSRF token: mail clients' one-click unsubscribe (RFC 8058) posts without one; the signed URL is the proof
        partner = self._partner(partner_id, channel, token)
        if not partner:
            return request.not_found()
        partner.write({f"retail_{channel}_consent": "opt_out"})
        partner.message_post(body=request.env._("Unsubscribed from %(channel)s through the link in a message.",
                                                channel=channel))
        return request.render("retail_crm.retail_unsubscribe_page", {
            "partner": partner, "channel": channel, "token": token, "done": True,
            "company": partner.company_id or request.env.company,
        })
