from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError
from odoo.http import request

CONSENT_CHANNELS = ("email", "sms")
CONSENT_VALUES = ("opt_in", "opt_out")
PAID_STATES = ("paid", "done", "invoiced")


class RetailCustomerPortal(CustomerPortal):
    """The member's own pages under /my/retail: purchases at every branch, questionnaire answers
    and consent. Records are read with sudo() and always filtered on the logged-in member: the
    ``_retail_member_*`` builders take the member explicitly so that the store kiosk can reuse them.
    retail_loyalty and retail_vouchers extend this class with cards, balances and vouchers."""

    def _retail_member(self):
        return request.env.user.partner_id.sudo()

    def _retail_orders_domain(self, partner):
        return [("partner_id", "=", partner.id), ("state", "in", PAID_STATES)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "retail_order_count" in counters:
            values["retail_order_count"] = request.env["pos.order"].sudo().search_count(
                self._retail_orders_domain(self._retail_member()))
        return values

    # ------------------------------------------------------------------ purchases
    @http.route(["/my/retail/purchases", "/my/retail/purchases/page/<int:page>"],
                type="http", auth="user", website=True)
    def retail_portal_purchases(self, page=1, **kw):
        partner = self._retail_member()
        orders_sudo = request.env["pos.order"].sudo()
        domain = self._retail_orders_domain(partner)
        pager = portal_pager(url="/my/retail/purchases", total=orders_sudo.search_count(domain), page=page,
                             step=self._items_per_page)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "retail_purchases",
            "pager": pager,
            "orders": orders_sudo.search(domain, order="date_order desc, id desc",
                                         limit=self._items_per_page, offset=pager["offset"]),
            "partner": partner,
        })
        return request.render("retail_crm.portal_my_retail_purchases", values)

    @http.route("/my/retail/purchases/<int:order_id>", type="http", auth="user", website=True)
    def retail_portal_purchase(self, order_id, **kw):
        partner = self._retail_member()
        order_sudo = request.env["pos.order"].sudo().search(
            [("id", "=", order_id), *self._retail_orders_domain(partner)])
        if not order_sudo:
            return request.not_found()
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "retail_purchase", "order": order_sudo, "partner": partner})
        return request.render("retail_crm.portal_my_retail_purchase", values)

    # ------------------------------------------------------------------ questionnaire
    def _retail_answers_form(self):
        """{question id: value or [values]} from the posted form (fields named question_<id>)."""
        form = request.httprequest.form
        values = {}
        for key in form:
            if key.startswith("question_") and key[len("question_"):].isdigit():
                answers = [value for value in form.getlist(key) if value != ""]
                values[int(key[len("question_"):])] = answers if len(answers) > 1 else (answers[0] if answers else "")
        return values

    def _retail_answers_values(self, partner, **extra):
        questions = request.env["retail.answer"]._retail_portal_questions(partner)
        return {"questions": questions, "partner": partner, **extra}

    @http.route("/my/retail/answers", type="http", auth="user", website=True, methods=["GET", "POST"])
    def retail_portal_answers(self, **post):
        partner = self._retail_member()
        values = self._prepare_portal_layout_values()
        values["page_name"] = "retail_answers"
        if request.httprequest.method == "POST":
            try:
                saved = request.env["retail.answer"]._retail_portal_save(partner, self._retail_answers_form())
            except UserError as error:
                values.update(self._retail_answers_values(partner, error=error.args[0]))
                return request.render("retail_crm.portal_my_retail_answers", values)
            return request.redirect(f"/my/retail/answers?saved={len(saved)}")
        values.update(self._retail_answers_values(partner, saved=post.get("saved")))
        return request.render("retail_crm.portal_my_retail_answers", values)

    # ------------------------------------------------------------------ consent
    def _retail_consent_values(self, partner):
        labels = dict(partner._fields["retail_email_consent"]._description_selection(request.env))
        return {
            "partner": partner,
            "consents": [
                {"channel": "email", "label": request.env._("Email"), "value": partner.retail_email_consent,
                 "state": labels[partner.retail_email_consent], "address": partner.email},
                {"channel": "sms", "label": request.env._("SMS"), "value": partner.retail_sms_consent,
                 "state": labels[partner.retail_sms_consent], "address": partner.mobile or partner.phone},
            ],
        }

    @http.route("/my/retail/preferences", type="http", auth="user", website=True, methods=["GET"])
    def retail_portal_preferences(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(self._retail_consent_values(self._retail_member()))
        values["page_name"] = "retail_preferences"
        return request.render("retail_crm.portal_my_retail_preferences", values)

    def _retail_set_consent(self, partner, channel, consent, kiosk=False):
        """Record the member's own choice for one channel; False for an unknown channel or value."""
        if channel not in CONSENT_CHANNELS or consent not in CONSENT_VALUES:
            return False
        partner.write({f"retail_{channel}_consent": consent})
        labels = dict(partner._fields["retail_email_consent"]._description_selection(request.env))
        if kiosk:
            note = request.env._("%(channel)s consent set to “%(consent)s” by the customer at the store kiosk.",
                                 channel=channel.upper(), consent=labels[consent])
        else:
            note = request.env._("%(channel)s consent set to “%(consent)s” by the customer in the portal.",
                                 channel=channel.upper(), consent=labels[consent])
        partner.message_post(body=note)
        return True

    @http.route("/my/retail/consent", type="http", auth="user", website=True, methods=["POST"])
    def retail_portal_consent(self, channel=None, consent=None, redirect=None, **kw):
        if not self._retail_set_consent(self._retail_member(), channel, consent):
            return request.not_found()
        return request.redirect(redirect if redirect and redirect.startswith("/my/") else "/my/retail/preferences")
