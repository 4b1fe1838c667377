import json
import logging
import threading
from string import Template
from urllib.parse import urlencode

import requests

from odoo import api, fields, models
from odoo.addons.iap.tools.iap_tools import InsufficientCreditError
from odoo.addons.sms.tools.sms_api import SmsApi
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

SMS_BATCH_SIZE = 200
# IAP states of a message accepted by Odoo's SMS service (sms.sms IAP_TO_SMS_STATE_SUCCESS)
ODOO_SMS_SUCCESS = ("success", "processing", "sent", "delivered")
DEFAULT_REQUEST_TEMPLATE = (
    '{"username": "$username", "password": "$password", "brandname": "$brand", '
    '"phone": "$phone", "message": "$message", "ref": "$ref"}'
)


def _json_path(data, path):
    """``data`` at a dotted path ("result.code", "messages.0.id"); None when absent."""
    for part in (path or "").split("."):
        if not part:
            continue
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


class RetailSmsProvider(models.Model):
    """Where SMS go: Odoo's own SMS service (IAP), or a carrier's brand-name SMS gateway over HTTP
    whose request and reply are described here, so a shop plugs in its local carrier without code.

    The request body is a template: $phone (E.164 without +), $phone_plus (with +), $phone_national
    (leading 0), $message, $brand, $username, $password, $ref (our message id). A reply is a success
    when the value at the success path is one of the success values (or, without a path, on any
    HTTP 2xx). Server errors (HTTP 5xx, timeouts, unreadable replies) are retried with backoff;
    a refusal (HTTP 4xx or an error code in the reply) is final."""

    _name = "retail.sms.provider"
    _description = "SMS Provider"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    provider_type = fields.Selection(
        [("odoo", "Odoo SMS (IAP)"), ("http", "Brand-name gateway (HTTP)")], required=True, default="http")
    url = fields.Char(string="Gateway URL")
    http_method = fields.Selection([("POST", "POST"), ("GET", "GET")], default="POST", required=True)
    content_type = fields.Selection(
        [("json", "JSON body"), ("form", "Form fields")], default="json", required=True,
        help="JSON: the request template is sent as the body. Form: the template's JSON object is sent as "
        "form fields (POST) or query parameters (GET).")
    auth_type = fields.Selection(
        [("none", "In the request"), ("basic", "HTTP Basic"), ("bearer", "Bearer token")],
        default="none", required=True, string="Authentication")
    username = fields.Char()
    password = fields.Char(groups="base.group_system")
    api_token = fields.Char(string="API Token", groups="base.group_system")
    brand_name = fields.Char(help="The registered sender name shown on customers' phones.")
    request_template = fields.Text(default=DEFAULT_REQUEST_TEMPLATE, required=True)
    success_path = fields.Char(
        default="code", help="Dotted path of the status in the JSON reply; empty: any HTTP 2xx is a success.")
    success_values = fields.Char(default="0,00,success,OK", help="Comma-separated values meaning success.")
    message_id_path = fields.Char(default="id", string="Message ID Path")
    error_path = fields.Char(default="message", help="Dotted path of the error text in the reply.")
    timeout = fields.Float(string="Timeout (seconds)", default=10.0)
    max_attempts = fields.Integer(default=4, help="Attempts before a message is marked failed.")
    retry_minutes = fields.Integer(
        string="First Retry After (minutes)", default=5, help="Each later retry waits twice as long.")

    _sql_constraints = [
        ("max_attempts_positive", "CHECK(max_attempts >= 1)", "At least one attempt is needed."),
        ("timeout_positive", "CHECK(timeout > 0)", "The timeout must be positive."),
    ]

    # ------------------------------------------------------------------ the queue
    @api.model
    def _cron_send_sms(self, batch_size=SMS_BATCH_SIZE, max_batches=50):
        """Send the due SMS in batches; each batch is locked (SKIP LOCKED) so two workers never send
        the same message, and committed outside tests so a crash never re-sends a batch."""
        testing = getattr(threading.current_thread(), "testing", False)
        for _batch in range(max_batches):
            if not self._send_due_batch(batch_size):
                break
            if not testing:
                # what was sent is committed before the next batch: a crash never sends an SMS twice
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return True

    @api.model
    def _send_due_batch(self, batch_size=SMS_BATCH_SIZE):
        """Send one batch of the due SMS; returns the messages it handled (empty when none was due)."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT id FROM retail_message_log
             WHERE channel = 'sms' AND state IN ('queued', 'retry')
               AND COALESCE(next_attempt_date, create_date) <= %s
             ORDER BY next_attempt_date, id
             LIMIT %s FOR UPDATE SKIP LOCKED
        """, (fields.Datetime.now(), batch_size))
        logs = self.env["retail.message.log"].browse([row[0] for row in self.env.cr.fetchall()])
        for provider, provider_logs in logs.grouped("provider_id").items():
            if not provider:
                provider_logs._mark_failed(self.env._("No SMS provider is configured."))
                continue
            provider.sudo()._send_logs(provider_logs)
        return logs

    def _send_logs(self, logs):
        self.ensure_one()
        if self.provider_type == "odoo":
            return self._send_logs_odoo(logs)
        with requests.Session() as session:
            for log in logs:
                outcome = self._send_http(session, log)
                self._record_outcome(log, outcome)
        return True

    def _record_outcome(self, log, outcome):
        """outcome: dict(ok, retry, message_id, response, error)."""
        log.attempts += 1
        if outcome["ok"]:
            log._mark_sent(outcome.get("response"), outcome.get("message_id"))
        elif outcome.get("retry") and log.attempts < self.max_attempts:
            delay = self.retry_minutes * 2 ** (log.attempts - 1)
            log.write({"state": "retry", "reason": outcome["error"], "provider_response": outcome.get("response"),
                       "next_attempt_date": fields.Datetime.add(fields.Datetime.now(), minutes=delay)})
        else:
            log._mark_failed(outcome["error"], outcome.get("response"))
        _logger.info("retail SMS %s to %s: %s", log.id, log.recipient, log.state)

    # ------------------------------------------------------------------ HTTP gateway
    def _request_values(self, log):
        number = log.recipient or ""
        national = "0" + number[3:] if number.startswith("+84") else number
        return {
            "phone": number.lstrip("+"), "phone_plus": number, "phone_national": national,
            "message": log.body or "", "brand": self.brand_name or "", "username": self.username or "",
            "password": self.password or "", "ref": str(log.id),
        }

    def _render_request(self, log):
        """The request's payload: the template with its $placeholders filled in, JSON-escaped."""
        values = {key: json.dumps(value)[1:-1] for key, value in self._request_values(log).items()}
        text = Template(self.request_template).safe_substitute(values)
        try:
            return json.loads(text)
        except ValueError as error:
            raise UserError(self.env._("The request template of %(provider)s is not valid JSON: %(error)s",
                                       provider=self.name, error=error)) from error

    def _send_http(self, session, log):
        try:
            payload = self._render_request(log)
        except UserError as error:
            return {"ok": False, "retry": False, "error": str(error)}
        kwargs = {"timeout": self.timeout, "headers": {}}
        if self.auth_type == "basic":
            kwargs["auth"] = (self.username or "", self.password or "")
        elif self.auth_type == "bearer":
            kwargs["headers"]["Authorization"] = f"Bearer {self.api_token or ''}"
        url = self.url
        if self.http_method == "GET":
            url = f"{url}{'&' if '?' in url else '?'}{urlencode(payload)}"
        elif self.content_type == "json":
            kwargs["json"] = payload
        else:
            kwargs["data"] = payload
        try:
            response = session.request(self.http_method, url, **kwargs)
        except requests.Timeout:
            return {"ok": False, "retry": True, "error": self.env._("The gateway did not answer in time.")}
        except requests.RequestException as error:
            return {"ok": False, "retry": True, "error": self.env._("Gateway unreachable: %(error)s", error=error)}
        return self._parse_response(response)

    def _parse_response(self, response):
        text = response.text[:2000]
        if response.status_code >= 500:
            return {"ok": False, "retry": True, "response": text,
                    "error": self.env._("Gateway error HTTP %(status)s.", status=response.status_code)}
        if response.status_code >= 400:
            return {"ok": False, "retry": False, "response": text,
                    "error": self.env._("Refused by the gateway: HTTP %(status)s.", status=response.status_code)}
        if not self.success_path:
            return {"ok": True, "response": text}
        try:
            data = response.json()
        except ValueError:
            return {"ok": False, "retry": True, "response": text,
                    "error": self.env._("Unreadable reply from the gateway.")}
        status = _json_path(data, self.success_path)
        accepted = {value.strip() for value in (self.success_values or "").split(",") if value.strip()}
        message_id = _json_path(data, self.message_id_path)
        if status is not None and str(status) in accepted:
            return {"ok": True, "response": text, "message_id": str(message_id) if message_id is not None else None}
        if status is None:
            return {"ok": False, "retry": True, "response": text,
                    "error": self.env._("Unreadable reply from the gateway: no %(path)s.", path=self.success_path)}
        error = _json_path(data, self.error_path)
        return {"ok": False, "retry": False, "response": text,
                "error": self.env._("Refused by the gateway (%(status)s): %(error)s", status=status,
                                    error=error or "")}

    # ------------------------------------------------------------------ Odoo SMS (IAP)
    def _send_logs_odoo(self, logs):
        """One request to Odoo's SMS service (IAP, at the ``sms.endpoint`` parameter) for the batch;
        its reply has a state per message. A server error (or no answer) is retried like a gateway's
        HTTP 5xx; a refusal (no credit, wrong number, unregistered account...) is final."""
        messages = [{"content": log.body or "", "numbers": [{"number": log.recipient, "uuid": str(log.id)}]}
                    for log in logs]
        try:
            results = SmsApi(self.env)._send_sms_batch(messages)
        except InsufficientCreditError as error:
            results = [{"uuid": str(log.id), "state": "insufficient_credit", "error": str(error)} for log in logs]
        except Exception as error:
            _logger.info("Odoo SMS batch of %s messages failed: %s", len(logs), error)
            results = [{"uuid": str(log.id), "state": "server_error", "error": str(error)} for log in logs]
        by_id = {int(result["uuid"]): result for result in results if str(result.get("uuid", "")).isdigit()}
        for log in logs:
            result = by_id.get(log.id, {"state": "server_error", "error": self.env._("No reply for this message.")})
            self._record_outcome(log, {
                "ok": result["state"] in ODOO_SMS_SUCCESS, "retry": result["state"] == "server_error",
                "response": json.dumps(result), "error": self._odoo_sms_error(result),
            })
        return True

    def _odoo_sms_error(self, result):
        """The reason kept on the message: Odoo's own label of the failure, and the error text if any."""
        sms = self.env["sms.sms"]
        labels = dict(sms._fields["failure_type"]._description_selection(self.env))
        label = labels.get(sms.IAP_TO_SMS_FAILURE_TYPE.get(result["state"])) or result["state"]
        reason = self.env._("Odoo SMS: %(state)s", state=label)
        return f"{reason} ({result['error']})" if result.get("error") else reason

    # ------------------------------------------------------------------ UI
    def action_send_test(self):
        """Send one SMS to the current user's mobile, to check the configuration."""
        self.ensure_one()
        number = self.env.user.partner_id._retail_sms_number()
        if not number:
            raise UserError(self.env._("Put a valid mobile number on your own contact first."))
        log = self.env["retail.message.log"].new({"recipient": number, "body": self.env._("Test message")})
        outcome = self._send_http(requests, log) if self.provider_type == "http" else {"ok": True}
        kind = "success" if outcome["ok"] else "danger"
        message = self.env._("Sent.") if outcome["ok"] else outcome["error"]
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"message": message, "type": kind, "sticky": not outcome["ok"]}}
