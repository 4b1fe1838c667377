import logging
from collections import defaultdict
from datetime import datetime, time, timedelta
from email.utils import formataddr

import pytz

from odoo import api, fields, models, tools
from odoo.tools import SQL, email_normalize

from .retail_message_event import EVENT_KINDS, MESSAGE_EVENTS

_logger = logging.getLogger(__name__)

MESSAGE_CHANNELS = [("email", "Email"), ("sms", "SMS")]
MESSAGE_STATES = [
    ("queued", "Queued"),
    ("retry", "Waiting to Retry"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("skipped", "Skipped"),
    ("preview", "Preview Sample"),
]
# values the triggering code may give for the placeholders
VALUE_FIELDS = ("tier_name", "next_tier_name", "points_remaining", "points_basis", "offer", "card_name",
                "pos_order_id", "amount")
INSERT_COLUMNS = ("partner_id", "event", "channel", "period_key", "company_id", "branch_id", "rule_id", "state",
                  "scheduled_date", "lang", *VALUE_FIELDS)
COLUMN_TYPES = {"partner_id": "int", "company_id": "int", "branch_id": "int", "rule_id": "int",
                "pos_order_id": "int", "points_remaining": "float8", "amount": "float8",
                "scheduled_date": "timestamp"}


class RetailMessageLog(models.Model):
    """One message to one customer for one event, channel and period: what was sent, when, and
    what the gateway answered. The unique (customer, event, channel, period) key is what makes
    every trigger idempotent: a job run twice or an order synced twice inserts nothing new."""

    _name = "retail.message.log"
    _description = "Customer Message"
    _order = "create_date desc, id desc"
    _rec_name = "event"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade")
    partner_name = fields.Char(related="partner_id.name", string="Customer Name")
    event = fields.Selection(MESSAGE_EVENTS, required=True, index=True)
    channel = fields.Selection(MESSAGE_CHANNELS, required=True)
    period_key = fields.Char(
        required=True, help="The occurrence this message is for (the birthday's year, the order, the card...).")
    company_id = fields.Many2one("res.company", required=True, index=True)
    branch_id = fields.Many2one("pos.config")
    branch_name = fields.Char(compute="_compute_branch_name")
    rule_id = fields.Many2one("retail.message.event", ondelete="set null")
    state = fields.Selection(MESSAGE_STATES, required=True, default="queued", index=True)
    reason = fields.Char(help="Why the message was skipped or failed.")
    recipient = fields.Char(help="The address or number the message went to.")
    lang = fields.Char(string="Language")
    subject = fields.Char()
    body = fields.Text(help="The text sent (SMS).")
    scheduled_date = fields.Datetime(help="Not sent before this time (quiet hours, the customer's local hour).")
    sent_date = fields.Datetime(string="Sent on")
    attempts = fields.Integer()
    next_attempt_date = fields.Datetime(index=True)
    provider_id = fields.Many2one("retail.sms.provider", string="SMS Provider", ondelete="set null")
    provider_message_id = fields.Char(string="Provider Reference")
    provider_response = fields.Text()
    mail_id = fields.Many2one("mail.mail", string="Email", ondelete="set null")
    # placeholder values
    tier_name = fields.Char(string="Tier")
    next_tier_name = fields.Char(string="Next Tier")
    points_remaining = fields.Float(string="Missing for Next Tier")
    points_basis = fields.Char(help="points or revenue: what points_remaining counts.")
    points_remaining_display = fields.Char(compute="_compute_points_remaining_display", string="Still Missing")
    offer = fields.Text()
    card_name = fields.Char(string="Card")
    pos_order_id = fields.Many2one("pos.order", string="Receipt", ondelete="set null")
    amount = fields.Float()
    unsubscribe_url = fields.Char(compute="_compute_unsubscribe_url")

    _sql_constraints = [
        ("once_per_period", "unique(partner_id, event, channel, period_key)",
         "This customer already has this message for this period."),
    ]

    def init(self):
        # the customer timeline (an SQL view created before this table on install) lists these rows too
        self.env["retail.customer.timeline"].init()

    def _compute_branch_name(self):
        for log in self:
            log.branch_name = log.branch_id.name or log.company_id.name or ""

    def _compute_points_remaining_display(self):
        for log in self:
            env = self.with_context(lang=log.lang).env if log.lang else self.env
            if log.points_basis == "revenue":
                log.points_remaining_display = tools.formatLang(
                    env, log.points_remaining, currency_obj=log.company_id.currency_id)
            else:
                log.points_remaining_display = env._(
                    "%(points)s points", points=tools.formatLang(env, log.points_remaining, digits=0))

    def _compute_unsubscribe_url(self):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        for log in self:
            log.unsubscribe_url = f"{base_url}{log.partner_id._retail_unsubscribe_path(log.channel)}"

    # ------------------------------------------------------------------ creation, exactly once
    @api.model
    def _insert_once(self, rows):
        """Insert message rows in one statement; rows already logged for the same customer, event,
        channel and period are left alone. Returns only the rows inserted now."""
        if not rows:
            return self.browse()
        self.env.flush_all()
        arrays = [[row.get(column) or None for row in rows] for column in INSERT_COLUMNS]
        unnest = SQL(", ").join(
            SQL("%s::%s[]", array, SQL(COLUMN_TYPES.get(column, "varchar")))
            for column, array in zip(INSERT_COLUMNS, arrays, strict=True))
        columns = SQL(", ").join(SQL.identifier(column) for column in INSERT_COLUMNS)
        self.env.cr.execute(SQL("""
            INSERT INTO retail_message_log (%(columns)s, attempts, create_uid, write_uid, create_date, write_date)
            SELECT *, 0, %(uid)s, %(uid)s, %(now)s, %(now)s FROM unnest(%(unnest)s)
            ON CONFLICT (partner_id, event, channel, period_key) DO NOTHING
            RETURNING id
        """, columns=columns, unnest=unnest, uid=self.env.uid, now=fields.Datetime.now()))
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _rows_for(self, partners, event, period_key, values, rule, branch):
        """The rows to insert for ``partners`` (one per enabled channel), with the placeholders."""
        values = dict(values or {})
        transactional = EVENT_KINDS[event]["transactional"]
        offers = {}
        rows = []
        for partner in partners:
            lang = partner.lang or self.env.lang or "en_US"
            if "offer" not in values and lang not in offers:
                offers[lang] = rule.with_context(lang=lang).offer or ""
            scheduled = False if transactional else self._next_allowed_time(partner, branch, rule.company_id)
            for channel in rule._channels():
                rows.append({
                    "partner_id": partner.id, "event": event, "channel": channel,
                    "period_key": period_key if isinstance(period_key, str) else period_key[partner.id],
                    "company_id": rule.company_id.id, "branch_id": branch.id if branch else None,
                    "rule_id": rule.id, "state": "queued", "scheduled_date": scheduled, "lang": lang,
                    "offer": values.get("offer", offers.get(lang)),
                    **{key: values[key] for key in VALUE_FIELDS if key in values and key != "offer"},
                })
        return rows

    # ------------------------------------------------------------------ time: customer's zone, quiet hours
    @api.model
    def _next_allowed_time(self, partner, branch, company, now=None):
        """False when a scheduled message may go now, else the UTC time quiet hours end."""
        now = now or fields.Datetime.now()
        start, end = company.retail_quiet_start, company.retail_quiet_end
        if start == end:
            return False
        tz = pytz.timezone(partner._retail_message_tz(branch, company))
        local = pytz.utc.localize(now).astimezone(tz)
        hour = local.hour + local.minute / 60.0
        quiet = (start <= hour or hour < end) if start > end else (start <= hour < end)
        if not quiet:
            return False
        day = local.date() + timedelta(days=1) if start > end and hour >= start else local.date()
        end_local = tz.localize(datetime.combine(day, time(int(end), round((end % 1) * 60) % 60)))
        return end_local.astimezone(pytz.utc).replace(tzinfo=None)

    # ------------------------------------------------------------------ dispatch
    def _dispatch(self):
        """Check consent and addresses, then hand emails to Odoo's mail queue and SMS to the SMS
        queue. Nothing here waits for a server: checkout never blocks on a gateway."""
        skipped = defaultdict(list)
        for log in self:
            reason = log._skip_reason()
            if reason:
                skipped[reason].append(log.id)
        for reason, log_ids in skipped.items():
            self.browse(log_ids).write({"state": "skipped", "reason": reason})
            _logger.info("retail messages %s skipped: %s", log_ids[:20], reason)
        todo = self.filtered(lambda log: log.state == "queued")
        emails = todo.filtered(lambda log: log.channel == "email")
        for template, logs in emails.grouped(lambda log: log.rule_id.mail_template_id).items():
            logs._queue_emails(template)
        sms = todo.filtered(lambda log: log.channel == "sms")
        for template, logs in sms.grouped(lambda log: log.rule_id.sms_template_id).items():
            logs._queue_sms(template)
        if sms:
            self.env.ref("retail_crm.ir_cron_retail_send_sms")._trigger()
        if emails:
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()

    def _skip_reason(self):
        """Why this message must not go, or False. Transactional messages go to everyone who has
        not opted out; marketing ones only to customers who opted in."""
        self.ensure_one()
        partner = self.partner_id.sudo()
        transactional = EVENT_KINDS[self.event]["transactional"]
        consent = partner.retail_email_consent if self.channel == "email" else partner.retail_sms_consent
        if self.channel == "email":
            if not self.rule_id.mail_template_id:
                return self.env._("No email template on the rule.")
            if not partner.email:
                return self.env._("The customer has no email address.")
            if not email_normalize(partner.email):
                return self.env._("Invalid email address: %(email)s", email=partner.email)
            if consent == "opt_out":
                return self.env._("The customer opted out of this channel.")
            if partner.is_blacklisted:
                return self.env._("The customer unsubscribed from emails.")
        else:
            if not self.rule_id.sms_template_id:
                return self.env._("No SMS template on the rule.")
            if not partner._retail_sms_number():
                return self.env._("The customer has no valid mobile number (%(number)s).",
                                  number=partner.mobile or partner.phone or "-")
            if consent == "opt_out":
                return self.env._("The customer opted out of this channel.")
            if partner.phone_sanitized_blacklisted or partner.mobile_blacklisted:
                return self.env._("The customer unsubscribed from SMS.")
            if not self.company_id.retail_sms_provider_id:
                return self.env._("No SMS provider is configured for %(company)s.", company=self.company_id.name)
        if not transactional and consent != "opt_in":
            return self.env._("The customer has not opted in to marketing messages on this channel.")
        return False

    def _queue_emails(self, template):
        """Render in the customers' languages and create the queued mails, one batch."""
        rendered = template._generate_template(self.ids, ("subject", "body_html", "email_from", "reply_to",
                                                          "mail_server_id"))
        mail_vals = []
        for log in self:
            values = rendered[log.id]
            email = email_normalize(log.partner_id.email)
            unsubscribe = log.unsubscribe_url
            mail_vals.append({
                "subject": values.get("subject"),
                "body_html": values.get("body_html"),
                "email_from": values.get("email_from") or log.company_id.email_formatted or False,
                "reply_to": values.get("reply_to") or False,
                "mail_server_id": values.get("mail_server_id") or False,
                "email_to": formataddr((log.partner_id.name or "", email)),
                "model": self._name, "res_id": log.id, "auto_delete": True,
                "scheduled_date": log.scheduled_date or False,
                "headers": repr({"List-Unsubscribe": f"<{unsubscribe}>",
                                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}),
            })
        for vals in mail_vals:
            if not vals["email_from"]:
                vals.pop("email_from")  # Odoo's default sender
        mails = self.env["mail.mail"].sudo().create(mail_vals)
        self._write_rows([(log.id, mail.id, email_normalize(log.partner_id.email), rendered[log.id].get("subject"))
                          for log, mail in zip(self, mails, strict=True)],
                         SQL("mail_id = v.a::int, recipient = v.b, subject = v.c"))

    def _queue_sms(self, template):
        bodies = template._render_field("body", self.ids, compute_lang=True)
        rows = [(log.id, log.partner_id._retail_sms_number(), bodies[log.id], None) for log in self]
        self._write_rows(rows, SQL("recipient = v.a, body = v.b"))
        self.env.cr.execute(SQL("""
            UPDATE retail_message_log SET provider_id = c.retail_sms_provider_id,
                   next_attempt_date = COALESCE(retail_message_log.scheduled_date, %(now)s)
              FROM res_company c WHERE c.id = retail_message_log.company_id AND retail_message_log.id = ANY(%(ids)s)
        """, now=fields.Datetime.now(), ids=self.ids))
        self.invalidate_recordset()

    def _write_rows(self, rows, assignments):
        """One UPDATE for many logs: rows are (id, a, b, c)."""
        if not rows:
            return
        self.env.flush_all()
        ids, first, second, third = (list(column) for column in zip(*rows, strict=True))
        self.env.cr.execute(SQL("""
            UPDATE retail_message_log SET %(assignments)s, write_date = %(now)s
              FROM unnest(%(ids)s::int[], %(first)s::varchar[], %(second)s::varchar[], %(third)s::varchar[])
                   AS v(id, a, b, c)
             WHERE retail_message_log.id = v.id
        """, assignments=assignments, now=fields.Datetime.now(), ids=ids,
            first=[str(value) if value is not None else None for value in first], second=second, third=third))
        self.invalidate_recordset()

    # ------------------------------------------------------------------ results
    def _mark_sent(self, response=None, message_id=None):
        self.write({"state": "sent", "sent_date": fields.Datetime.now(), "reason": False,
                    **({"provider_response": response} if response is not None else {}),
                    **({"provider_message_id": message_id} if message_id else {})})

    def _mark_failed(self, reason, response=None):
        self.write({"state": "failed", "reason": reason,
                    **({"provider_response": response} if response is not None else {})})

    # ------------------------------------------------------------------ preview, UI
    @api.model
    def _preview_sample(self, rule):
        """A sample row on the current user's own contact for previewing templates of ``rule``."""
        partner = self.env.user.partner_id
        rows = [{"partner_id": partner.id, "event": rule.event, "channel": "email", "period_key": "preview",
                 "company_id": rule.company_id.id, "branch_id": rule.branch_id.id, "rule_id": rule.id,
                 "state": "preview", "lang": partner.lang, "tier_name": "VIP", "next_tier_name": "Gold",
                 "points_remaining": 50, "points_basis": "points", "offer": rule.offer, "card_name": "SEN00000001"}]
        self.sudo()._insert_once(rows)
        return self.sudo().search([("partner_id", "=", partner.id), ("event", "=", rule.event),
                                   ("period_key", "=", "preview")], limit=1)

    def action_retry(self):
        """Send a failed message again (manager's decision)."""
        sms = self.filtered(lambda log: log.channel == "sms" and log.state == "failed")
        sms.write({"state": "retry", "attempts": 0, "next_attempt_date": fields.Datetime.now(), "reason": False})
        if sms:
            self.env.ref("retail_crm.ir_cron_retail_send_sms")._trigger()
        for log in self.filtered(lambda log: log.channel == "email" and log.state == "failed"):
            log.write({"state": "queued", "reason": False, "attempts": 0})
            log._queue_emails(log.rule_id.mail_template_id)
