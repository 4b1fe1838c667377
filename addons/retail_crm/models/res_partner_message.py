import threading
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL, email_normalize

from .retail_message_event import EVENT_KINDS

CONSENT = [("unknown", "Not asked"), ("opt_in", "Opted in"), ("opt_out", "Opted out")]
DISPATCH_BATCH = 500


class ResPartner(models.Model):
    """Consent per channel and the customer lifecycle messages.

    The one entry point for every event is ``_retail_message_event`` (see its docstring): the
    POS checkout, card activation, tier and Recoin level changes and the birthday job all go
    through it, so consent, quiet hours and "exactly once" are the same everywhere."""

    _inherit = "res.partner"

    retail_email_consent = fields.Selection(
        CONSENT, string="Email Consent", default="unknown", required=True, tracking=True,
        help="Marketing emails (birthday, near upgrade, tier news) go only after an opt-in; transactional "
        "ones (card activation, thank-you) go unless the customer opted out.")
    retail_sms_consent = fields.Selection(
        CONSENT, string="SMS Consent", default="unknown", required=True, tracking=True,
        help="Marketing SMS go only after an opt-in; transactional ones unless the customer opted out.")
    retail_email_consent_date = fields.Datetime(string="Email Consent Changed", readonly=True, copy=False)
    retail_sms_consent_date = fields.Datetime(string="SMS Consent Changed", readonly=True, copy=False)
    retail_message_log_ids = fields.One2many(
        "retail.message.log", "partner_id", string="Customer Messages", domain=[("state", "!=", "preview")])

    # ------------------------------------------------------------------ consent
    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered(
            lambda p: "opt_out" in (p.retail_email_consent, p.retail_sms_consent))._retail_sync_blacklists()
        return partners

    def write(self, vals):
        now = fields.Datetime.now()
        for channel in ("email", "sms"):
            if f"retail_{channel}_consent" in vals:
                vals.setdefault(f"retail_{channel}_consent_date", now)
        result = super().write(vals)
        consent_changed = "retail_email_consent" in vals or "retail_sms_consent" in vals
        if consent_changed and not self.env.context.get("retail_consent_sync"):
            self._retail_sync_blacklists(vals)
        return result

    def _retail_sync_blacklists(self, vals=None):
        """An opt-out is also put on Odoo's email and phone blacklists, so Email and SMS Marketing
        and every other sender respect it; an opt-in takes the customer off them."""
        vals = vals or {}
        mail_blacklist = self.env["mail.blacklist"].sudo().with_context(retail_consent_sync=True)
        phone_blacklist = self.env["phone.blacklist"].sudo().with_context(retail_consent_sync=True)
        for partner in self:
            email = email_normalize(partner.email or "")
            if email and ("retail_email_consent" in vals or not vals):
                if partner.retail_email_consent == "opt_out":
                    mail_blacklist._add(email, message=self.env._("Opted out (customer consent)"))
                elif partner.retail_email_consent == "opt_in" and vals:
                    mail_blacklist._remove(email, message=self.env._("Opted in (customer consent)"))
            number = partner._retail_sms_number()
            if number and ("retail_sms_consent" in vals or not vals):
                if partner.retail_sms_consent == "opt_out":
                    phone_blacklist._add([number], message=self.env._("Opted out (customer consent)"))
                elif partner.retail_sms_consent == "opt_in" and vals:
                    phone_blacklist._remove([number], message=self.env._("Opted in (customer consent)"))
        self.invalidate_recordset(["is_blacklisted", "phone_sanitized_blacklisted", "mobile_blacklisted",
                                   "phone_blacklisted"])

    @api.model
    def _retail_opt_out_from_blacklist(self, channel, addresses):
        """Customers whose email (or number) was just blacklisted elsewhere in Odoo opt out of the channel."""
        addresses = [address for address in addresses if address]
        if not addresses:
            return
        if channel == "email":
            domain = [("email_normalized", "in", addresses)]
        else:
            domain = ["|", "|", ("phone_sanitized", "in", addresses), ("retail_mobile_e164", "in", addresses),
                      ("retail_phone_e164", "in", addresses)]
        field = f"retail_{channel}_consent"
        partners = self.sudo().with_context(active_test=False).search([*domain, (field, "!=", "opt_out")])
        partners.with_context(retail_consent_sync=True).write({field: "opt_out"})

    def _retail_sms_number(self):
        """The E.164 number SMS go to (mobile first), or False when none is valid."""
        self.ensure_one()
        return self.retail_mobile_e164 or self.retail_phone_e164 or False

    def _retail_unsubscribe_token(self, channel):
        return tools.hmac(self.env(su=True), "retail-unsubscribe", f"{self.id}:{channel}")

    def _retail_unsubscribe_path(self, channel):
        self.ensure_one()
        return f"/retail_crm/unsubscribe/{self.id}/{channel}/{self._retail_unsubscribe_token(channel)}"

    def _retail_message_tz(self, branch=None, company=None):
        """The customer's timezone, else the branch's, else the company's, else UTC."""
        self.ensure_one()
        company = company or self.company_id or self.env.company
        return self.tz or (branch and branch.retail_tz) or company.partner_id.tz or "UTC"

    # ------------------------------------------------------------------ the API every trigger calls
    def _retail_message_event(self, event, period_key, values=None, branch=None, company=None):
        """Announce ``event`` to these customers, at most once per ``period_key``.

        :param str event: a key of retail_crm.models.retail_message_event.EVENT_KINDS: birthday_before,
            birthday_day, activation, thank_you, near_upgrade, tier_upgrade, tier_downgrade.
        :param period_key: the occurrence (str, or {partner_id: str}): "card-42" for a card,
            "pos.order-7" for a receipt, "2027" for a birthday. Calling again with the same key
            (a job re-run, an order synced twice) sends nothing new.
        :param dict values: placeholders for the templates: tier_name, next_tier_name,
            points_remaining, points_basis ("points"/"revenue"), offer (else the rule's), card_name,
            pos_order_id, amount. A Recoin level is given as tier_name/next_tier_name.
        :param branch: pos.config whose rule applies (else the company's rule) and whose name and
            timezone the message uses.
        :returns: the retail.message.log rows created now (empty when the event is off or already sent).

        Transactional events (activation, thank_you) are queued at once; the others wait for the end
        of the company's quiet hours in the customer's timezone. Nothing waits on a mail server or
        SMS gateway: emails go through Odoo's mail queue, SMS through the retail SMS queue.
        """
        if event not in EVENT_KINDS:
            raise ValueError(f"Unknown message event {event!r}")
        logs = self.env["retail.message.log"].sudo()
        rules = self.env["retail.message.event"]
        for owner_company, partners in self.grouped(
                lambda p: company or (branch and branch.company_id) or p.company_id or self.env.company).items():
            rule = rules._rule_for(event, owner_company, branch)
            if not rule or not rule._channels():
                continue
            rows = logs._rows_for(partners, event, period_key, values, rule, branch)
            logs |= logs._insert_once(rows)
        for batch in tools.split_every(DISPATCH_BATCH, logs.ids, logs.browse):
            batch._dispatch()
        return logs

    # ------------------------------------------------------------------ birthday job
    @api.model
    def _cron_retail_birthday_messages(self, now=None):
        """Hourly: birthday announcements (N days before) and greetings (on the day) whose local send
        hour has come in each customer's timezone, outside quiet hours. One indexed selection on the
        month-day column, one INSERT ... ON CONFLICT DO NOTHING, then sending in batches."""
        now = now or fields.Datetime.now()
        rules = self.env["retail.message.event"].sudo().search(
            [("event", "in", ("birthday_before", "birthday_day"))])
        sent = 0
        for event in ("birthday_before", "birthday_day"):
            event_rules = rules.filtered(lambda rule, event=event: rule.event == event)
            offsets = set(event_rules.mapped("days_before")) if event == "birthday_before" else {0}
            for offset in sorted(offsets):
                sent += self._retail_birthday_run(event, offset, now)
        return sent

    @api.model
    def _retail_birthday_run(self, event, offset, now):
        rules = self.env["retail.message.event"]
        candidates = self._retail_birthday_candidates(offset, now)
        rows = []
        rule_cache = {}
        for partner_id, company_id, branch_id, local_now, celebrated in candidates:
            key = (company_id, branch_id)
            if key not in rule_cache:
                rule_cache[key] = rules._rule_for(event, self.env["res.company"].browse(company_id),
                                                  self.env["pos.config"].browse(branch_id) if branch_id else None)
            rule = rule_cache[key]
            if not rule or (event == "birthday_before" and rule.days_before != offset):
                continue
            hour = local_now.hour + local_now.minute / 60.0
            if hour < rule.send_hour or rule.company_id._retail_is_quiet_hour(hour):
                continue
            for channel in rule._channels():
                rows.append({"partner_id": partner_id, "event": event, "channel": channel,
                             "period_key": str(celebrated.year), "company_id": company_id, "branch_id": branch_id,
                             "rule_id": rule.id, "state": "queued"})
        logs = self.env["retail.message.log"].sudo()._insert_once(rows)
        self._retail_fill_offers(logs)
        testing = getattr(threading.current_thread(), "testing", False)
        for batch in tools.split_every(DISPATCH_BATCH, logs.ids, logs.browse):
            batch._dispatch()
            if not testing:
                # a crash half-way never re-sends the batches already queued
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return len(logs)

    @api.model
    def _retail_fill_offers(self, logs):
        """The rule's offer text in each customer's language, with one UPDATE per rule and language."""
        if not logs:
            return
        self.env.cr.execute("""
            UPDATE retail_message_log l SET lang = COALESCE(p.lang, 'en_US')
              FROM res_partner p WHERE p.id = l.partner_id AND l.id = ANY(%s)
        """, [logs.ids])
        logs.invalidate_recordset(["lang"])
        for (rule, lang), group in logs.grouped(lambda log: (log.rule_id, log.lang)).items():
            offer = rule.with_context(lang=lang).offer
            if offer:
                self.env.cr.execute("UPDATE retail_message_log SET offer = %s WHERE id = ANY(%s)", [offer, group.ids])
        logs.invalidate_recordset(["offer"])

    @api.model
    def _retail_birthday_candidates(self, offset, now):
        """(partner, company, branch, local now, birthday as celebrated) for the customers whose birthday
        falls ``offset`` days after today in their own timezone; 29 February is celebrated on the 28th
        in common years. Reads only the month-days around today through the month-day index."""
        self.env.flush_all()
        month_days = set()
        for shift in (-1, 0, 1):  # today in some timezone of the world
            target = (now + timedelta(days=shift + offset)).date()
            month_days.add(target.month * 100 + target.day)
        if 228 in month_days:
            month_days.add(229)
        self.env.cr.execute(SQL("""
            WITH zone AS (SELECT name FROM pg_timezone_names),
            candidate AS (
                SELECT p.id, p.retail_birthday_md AS md, p.retail_favourite_config_id AS branch_id,
                       COALESCE(p.company_id, branch.company_id, %(default_company)s) AS company_id,
                       COALESCE(CASE WHEN p.tz IN (SELECT name FROM zone) THEN p.tz END,
                                CASE WHEN branch.retail_tz IN (SELECT name FROM zone) THEN branch.retail_tz END,
                                CASE WHEN company_partner.tz IN (SELECT name FROM zone) THEN company_partner.tz END,
                                'UTC') AS tz
                  FROM res_partner p
                  LEFT JOIN pos_config branch ON branch.id = p.retail_favourite_config_id
                  LEFT JOIN res_company company
                         ON company.id = COALESCE(p.company_id, branch.company_id, %(default_company)s)
                  LEFT JOIN res_partner company_partner ON company_partner.id = company.partner_id
                 WHERE p.retail_birthday_md = ANY(%(month_days)s) AND p.active AND p.birthday IS NOT NULL
            ), placed AS (
                SELECT c.*, timezone(c.tz, %(now)s::timestamp AT TIME ZONE 'UTC') AS local_now
                  FROM candidate c
            ), aimed AS (
                SELECT p.*, (p.local_now::date + %(offset)s) AS target FROM placed p
            )
            SELECT id, company_id, branch_id, local_now, target
              FROM aimed
             WHERE md = EXTRACT(MONTH FROM target)::int * 100 + EXTRACT(DAY FROM target)::int
                OR (md = 229 AND to_char(target, 'MMDD') = '0228'
                    AND EXTRACT(DAY FROM make_date(EXTRACT(YEAR FROM target)::int, 3, 1) - 1) = 28)
        """, default_company=self.env.company.id, month_days=sorted(month_days), now=now, offset=offset))
        return self.env.cr.fetchall()

    # ------------------------------------------------------------------ the till's customer panel
    def _prepare_retail_pos_panel(self):
        panel = super()._prepare_retail_pos_panel()
        labels = dict(self._fields["retail_email_consent"]._description_selection(self.env))
        panel["consent"] = {
            "email": self.retail_email_consent, "email_label": labels[self.retail_email_consent],
            "sms": self.retail_sms_consent, "sms_label": labels[self.retail_sms_consent],
            "has_email": bool(email_normalize(self.email or "")), "has_mobile": bool(self._retail_sms_number()),
        }
        return panel

    @api.model
    def retail_pos_set_consent(self, partner_id, channel, consent):
        """The customer tells the cashier: record the opt-in or opt-out of one channel."""
        if channel not in ("email", "sms") or consent not in ("opt_in", "opt_out"):
            raise ValueError("Unknown channel or consent")
        partner = self.browse(partner_id).exists()
        partner.write({f"retail_{channel}_consent": consent})
        return partner._prepare_retail_pos_panel()["consent"]
