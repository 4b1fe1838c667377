import time

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from .portal import RetailLoyaltyPortal

KIOSK_SESSION_KEY = "retail_kiosk"
DEFAULT_IDLE_SECONDS = 60
KIOSK_ORDERS = 10


class RetailKioskPortal(RetailLoyaltyPortal):
    """The store kiosk: a tablet logged in as a shop employee shows a member the same pages as the
    customer portal once they scan their card, without their login. The member is remembered in the
    tablet's session for one branch and forgotten after the idle timeout, on the server as well as
    in the browser, or when they tap "Done"."""

    def _retail_kiosk_config(self, config_id):
        """The branch the kiosk runs for; only an employee of the point of sale may open it."""
        user = request.env.user
        if not user._is_internal() or not user.has_group("point_of_sale.group_pos_user"):
            raise request.not_found()
        config = request.env["pos.config"].browse(config_id).exists()
        if not config or not config.has_access("read"):
            raise request.not_found()
        return config

    def _retail_kiosk_idle_seconds(self):
        value = request.env["ir.config_parameter"].sudo().get_param("retail_loyalty.kiosk_idle_seconds")
        return int(value or DEFAULT_IDLE_SECONDS)

    def _retail_kiosk_member(self, config):
        """The member who scanned their card on this kiosk, while they are active; else None."""
        state = request.session.get(KIOSK_SESSION_KEY)
        if not state or state.get("config_id") != config.id:
            return None
        if time.time() - state.get("seen", 0) > self._retail_kiosk_idle_seconds():
            request.session.pop(KIOSK_SESSION_KEY, None)
            return None
        card = request.env["retail.member.card"].sudo().browse(state["card_id"]).exists()
        if not card or card.state != "active" or card.partner_id.id != state["partner_id"]:
            request.session.pop(KIOSK_SESSION_KEY, None)
            return None
        request.session[KIOSK_SESSION_KEY] = {**state, "seen": time.time()}
        return card.partner_id

    def _retail_kiosk_url(self, config, page=""):
        return f"/retail/kiosk/{config.id}{page}"

    def _retail_kiosk_values(self, config, partner, **extra):
        """What the member's kiosk page shows: the portal's sections, the offers of the day and the
        forms that post back to the kiosk."""
        recoin_cards = request.env["loyalty.card"].sudo().search(self._retail_recoin_domain(partner))
        values = {
            "config": config, "kiosk_url": self._retail_kiosk_url(config),
            "idle_seconds": self._retail_kiosk_idle_seconds(),
            **self._retail_membership_values(partner),
            "recoin_cards": recoin_cards,
            "moves": request.env["retail.stored.value.move"].sudo().search(
                [("card_id", "in", recoin_cards.ids)], limit=10),
            "product_cards": request.env["retail.product.card"].sudo().search(
                self._retail_product_cards_domain(partner)),
            **self._retail_answers_values(partner),
            "answers_action": self._retail_kiosk_url(config, "/answers"),
            "orders": request.env["pos.order"].sudo().search(
                self._retail_orders_domain(partner), order="date_order desc, id desc", limit=KIOSK_ORDERS),
            **self._retail_consent_values(partner),
            "consent_action": self._retail_kiosk_url(config, "/consent"),
            "offers": [],
            **extra,
        }
        return values

    # ------------------------------------------------------------------ routes
    @http.route("/retail/kiosk/<int:config_id>", type="http", auth="user", methods=["GET"], sitemap=False)
    def retail_kiosk(self, config_id, **kw):
        config = self._retail_kiosk_config(config_id)
        request.session.pop(KIOSK_SESSION_KEY, None)
        return request.render("retail_loyalty.retail_kiosk_scan", {"config": config})

    @http.route("/retail/kiosk/<int:config_id>/scan", type="http", auth="user", methods=["POST"], sitemap=False)
    def retail_kiosk_scan(self, config_id, number=None, **kw):
        config = self._retail_kiosk_config(config_id)
        cards = request.env["retail.member.card"].sudo()
        card = cards._find_by_number(number or "", config.company_id)
        error = None
        if not card or card.state == "draft":
            error = request.env._("No member card has the number %s.", (number or "").strip())
        else:
            try:
                card._check_usable()
            except UserError as refusal:
                error = refusal.args[0]
        if error:
            return request.render("retail_loyalty.retail_kiosk_scan", {"config": config, "error": error})
        request.session[KIOSK_SESSION_KEY] = {
            "config_id": config.id, "card_id": card.id, "partner_id": card.partner_id.id, "seen": time.time()}
        return request.redirect(self._retail_kiosk_url(config, "/member"))

    @http.route("/retail/kiosk/<int:config_id>/member", type="http", auth="user", methods=["GET"], sitemap=False)
    def retail_kiosk_member(self, config_id, saved=None, claimed=None, **kw):
        config = self._retail_kiosk_config(config_id)
        partner = self._retail_kiosk_member(config)
        if not partner:
            return request.redirect(self._retail_kiosk_url(config))
        return request.render("retail_loyalty.retail_kiosk_member",
                              self._retail_kiosk_values(config, partner, saved=saved, claimed=claimed))

    @http.route("/retail/kiosk/<int:config_id>/answers", type="http", auth="user", methods=["POST"], sitemap=False)
    def retail_kiosk_answers(self, config_id, **post):
        config = self._retail_kiosk_config(config_id)
        partner = self._retail_kiosk_member(config)
        if not partner:
            return request.redirect(self._retail_kiosk_url(config))
        try:
            saved = request.env["retail.answer"]._retail_portal_save(
                partner, self._retail_answers_form(), branch=config)
        except UserError as error:
            return request.render("retail_loyalty.retail_kiosk_member",
                                  self._retail_kiosk_values(config, partner, error=error.args[0]))
        return request.redirect(self._retail_kiosk_url(config, f"/member?saved={len(saved)}"))

    @http.route("/retail/kiosk/<int:config_id>/consent", type="http", auth="user", methods=["POST"], sitemap=False)
    def retail_kiosk_consent(self, config_id, channel=None, consent=None, **kw):
        config = self._retail_kiosk_config(config_id)
        partner = self._retail_kiosk_member(config)
        if not partner:
            return request.redirect(self._retail_kiosk_url(config))
        if not self._retail_set_consent(partner, channel, consent, kiosk=True):
            return request.not_found()
        return request.redirect(self._retail_kiosk_url(config, "/member"))

    @http.route("/retail/kiosk/<int:config_id>/end", type="http", auth="user", methods=["POST"], sitemap=False)
    def retail_kiosk_end(self, config_id, **kw):
        config = self._retail_kiosk_config(config_id)
        request.session.pop(KIOSK_SESSION_KEY, None)
        return request.redirect(self._retail_kiosk_url(config))
