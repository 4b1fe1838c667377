"""The customer message tests' base: real transports on loopback (see loopback_servers.py), the
demo shop's company pointed at them, consenting customers."""
from contextlib import contextmanager
from unittest.mock import patch
from urllib.parse import urlparse

import odoo
from odoo.tests import TransactionCase
from odoo.tests.common import _super_send

from .loopback_servers import GATEWAY_TIMEOUT, GatewayServer, SmtpServer, free_port

__all__ = ["GATEWAY_TIMEOUT", "MessageTransportsMixin", "RetailMessageCase", "free_port", "real_smtp"]


@contextmanager
def real_smtp():
    """Odoo skips SMTP entirely while a test runs; let the mail queue really connect and send."""
    with patch.object(odoo.modules.module, "current_test", None):
        yield


class MessageTransportsMixin:
    """Starts the loopback SMTP and gateway servers for the class and points the company at them."""

    @classmethod
    def _request_handler(cls, session, prepared, /, **kwargs):
        # Odoo's tests raise every timeout below 10 s to 10 s; the gateway tests need the provider's own
        if urlparse(prepared.url).hostname == "127.0.0.1":
            return _super_send(session, prepared, **kwargs)
        return super()._request_handler(session, prepared, **kwargs)

    @classmethod
    def _start_transports(cls, company):
        cls.smtp = SmtpServer()
        cls.smtp.start()
        cls.addClassCleanup(cls.smtp.stop)
        cls.gateway = GatewayServer()
        cls.gateway.start()
        cls.addClassCleanup(cls.gateway.stop)
        env = cls.env
        env["ir.mail_server"].search([]).write({"active": False})
        cls.mail_server = env["ir.mail_server"].create({
            "name": "Loopback SMTP", "smtp_host": "127.0.0.1", "smtp_port": cls.smtp.port,
            "smtp_encryption": "none", "sequence": 1,
        })
        cls.provider = env["retail.sms.provider"].create({
            "name": "Loopback brand-name gateway", "provider_type": "http", "url": f"{cls.gateway.url}/ok",
            "brand_name": "SENSPA", "username": "sen", "password": "secret", "timeout": GATEWAY_TIMEOUT,
            "max_attempts": 3, "retry_minutes": 5, "company_id": company.id,
        })
        company.write({"retail_sms_provider_id": cls.provider.id, "email": "shop@sen-retail.example",
                       "retail_quiet_start": 21.0, "retail_quiet_end": 8.0})

    def _send_emails(self):
        self.env.flush_all()
        with real_smtp():
            self.env["mail.mail"].sudo().process_email_queue()
        self.env.invalidate_all()

    def _send_sms(self):
        self.env["retail.sms.provider"]._cron_send_sms()
        self.env.invalidate_all()

    def _received_by(self, address):
        return [item["message"] for item in self.smtp.inbox.messages if address in item["rcpt"]]


class RetailMessageCase(MessageTransportsMixin, TransactionCase):
    """The demo shop's company with loopback transports, rules on both channels, consenting customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("retail_crm.demo_company_sen")
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.branch = cls.env.ref("retail_crm.demo_pos_hoan_kiem")
        cls.branch.retail_tz = "Asia/Ho_Chi_Minh"
        cls._start_transports(cls.company)
        cls.rules = cls.env["retail.message.event"].search([("company_id", "=", cls.company.id)])
        cls.rules.write({"active": True, "email_enabled": True, "sms_enabled": True})
        cls.env["retail.message.event"]._create_default_rules(cls.company)
        cls.rules = cls.env["retail.message.event"].search([("company_id", "=", cls.company.id)])

    customer_sequence = 0

    @classmethod
    def _customer(cls, name, **values):
        cls.customer_sequence += 1
        return cls.env["res.partner"].create({
            "name": name, "company_id": cls.company.id, "email": f"{name.lower().replace(' ', '.')}@example.com",
            "mobile": f"0901{cls.customer_sequence:06d}", "country_id": cls.env.ref("base.vn").id,
            "tz": "Asia/Ho_Chi_Minh",
            "retail_email_consent": "opt_in", "retail_sms_consent": "opt_in", **values,
        })

    def _rule(self, event, branch=None):
        return self.env["retail.message.event"]._rule_for(event, self.company, branch)

    def _logs(self, partner, event=None):
        domain = [("partner_id", "=", partner.id)] + ([("event", "=", event)] if event else [])
        return self.env["retail.message.log"].search(domain)
