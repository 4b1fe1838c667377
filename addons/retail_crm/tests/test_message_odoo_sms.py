import json
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from freezegun import freeze_time

from odoo.tests import tagged

from .message_common import RetailMessageCase

SMS_SEND_PATH = "/api/sms/3/send"


@contextmanager
def iap_reachable():
    """Let Odoo's IAP client make its real JSON-RPC call while a test runs.

    ``iap_jsonrpc`` refuses every call while ``threading.current_thread().testing`` is set, so that no
    test ever reaches Odoo's real IAP servers or spends credit. In these tests the ``sms.endpoint``
    parameter points at a loopback server, which is what that guard protects; lifting it around the
    send keeps its purpose and lets Odoo's own request, reply and errors go over HTTP. It is lifted
    around one batch only, not the SMS cron: the cron reads the same flag to decide whether to commit
    between batches, and a test never commits."""
    thread = threading.current_thread()
    testing = thread.testing
    thread.testing = False
    try:
        yield
    finally:
        thread.testing = testing


class IapSmsHandler(BaseHTTPRequestHandler):
    """Plays Odoo's IAP SMS service (``SmsApi._send_sms_batch``: JSON-RPC, one state per number). The
    first part of the path chooses the answer: /ok, /credit (insufficient credit), /mixed (the numbers
    in ``refused`` have a wrong format), /flaky (``flaky_failures`` server errors, then success),
    /rpc_credit (a JSON-RPC InsufficientCreditError), /http500."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        server = self.server
        payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        server.requests.append({"path": self.path, "payload": payload})
        mode = self.path.removesuffix(SMS_SEND_PATH).strip("/")
        if mode == "http500":
            return self._reply(500, b"Internal Server Error", "text/plain")
        if mode == "rpc_credit":
            return self._reply(200, json.dumps({"jsonrpc": "2.0", "id": payload.get("id"), "error": {
                "code": 200, "message": "Odoo Server Error", "data": {
                    "name": "odoo.addons.iap.tools.iap_tools.InsufficientCreditError",
                    "message": "You don't have enough credits", "arguments": [], "context": {}}}}).encode())
        if mode == "flaky":
            server.flaky_failures -= 1
            mode = "server_error" if server.flaky_failures >= 0 else "ok"
        results = []
        for message in payload["params"]["messages"]:
            for number in message["numbers"]:
                state = {"ok": "success", "credit": "insufficient_credit", "server_error": "server_error"}.get(mode)
                if mode == "mixed":
                    state = "wrong_number_format" if number["number"] in server.refused else "success"
                credit = {"credit": 1} if state == "success" else {}
                results.append({"uuid": number["uuid"], "state": state, **credit})
        return self._reply(200, json.dumps({"jsonrpc": "2.0", "id": payload.get("id"), "result": results}).encode())

    def _reply(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@tagged("post_install", "-at_install")
class TestMessageOdooSms(RetailMessageCase):
    """SMS through Odoo's own SMS service: Odoo's IAP client (``SmsApi``) talks JSON-RPC over HTTP to a
    loopback server at the ``sms.endpoint`` parameter; sent, retried and failed messages keep their
    final status and the service's reply as with a carrier's gateway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.iap = ThreadingHTTPServer(("127.0.0.1", 0), IapSmsHandler)
        cls.iap.daemon_threads = True
        cls.iap.requests, cls.iap.refused, cls.iap.flaky_failures = [], set(), 0
        threading.Thread(target=cls.iap.serve_forever, daemon=True).start()
        cls.addClassCleanup(cls.iap.server_close)
        cls.addClassCleanup(cls.iap.shutdown)
        cls.iap_url = f"http://127.0.0.1:{cls.iap.server_address[1]}"
        # an account with its token: without one, Odoo's IAP client creates it in a committed cursor
        cls.account = cls.env["iap.account"].create({"service_id": cls.env.ref("sms.iap_service_sms").id})
        cls.odoo_provider = cls.env["retail.sms.provider"].create({
            "name": "Odoo SMS", "provider_type": "odoo", "company_id": cls.company.id,
            "max_attempts": 2, "retry_minutes": 5,
        })
        cls.company.retail_sms_provider_id = cls.odoo_provider

    def setUp(self):
        super().setUp()
        self.iap.requests.clear()
        self.iap.refused.clear()
        self.iap.flaky_failures = 0

    def _endpoint(self, mode):
        self.env["ir.config_parameter"].sudo().set_param("sms.endpoint", f"{self.iap_url}/{mode}")

    def _announce_sms(self, partner, key="card-1"):
        logs = partner._retail_message_event("activation", key, {"card_name": "SEN00000042"}, branch=self.branch)
        return logs.filtered(lambda log: log.channel == "sms")

    def _send_odoo_sms(self):
        with iap_reachable():
            self.env["retail.sms.provider"]._send_due_batch()
        self.env.invalidate_all()

    def test_sms_sent_through_odoo_iap(self):
        self._endpoint("ok")
        customer = self._customer("Iap Success")
        log = self._announce_sms(customer)
        self.assertEqual((log.state, log.provider_id), ("queued", self.odoo_provider))
        self._send_odoo_sms()
        self.assertEqual((log.state, log.attempts), ("sent", 1))
        self.assertEqual(json.loads(log.provider_response)["state"], "success")
        [request] = self.iap.requests
        self.assertEqual(request["path"], f"/ok{SMS_SEND_PATH}")
        self.assertEqual(request["payload"]["method"], "call")
        params = request["payload"]["params"]
        self.assertEqual(params["account_token"], self.account.account_token)
        [message] = params["messages"]
        self.assertEqual(message["content"], log.body)
        self.assertIn("SEN00000042", message["content"])
        self.assertEqual(message["numbers"], [{"number": customer.retail_mobile_e164, "uuid": str(log.id)}])
        self._send_odoo_sms()
        self.assertEqual(len(self.iap.requests), 1, "a sent message is not sent again")

    def test_insufficient_credit_is_final_and_the_reply_kept(self):
        self._endpoint("credit")
        log = self._announce_sms(self._customer("Iap No Credit"))
        self._send_odoo_sms()
        self.assertEqual((log.state, log.attempts), ("failed", 1))
        self.assertIn("Insufficient Credit", log.reason)
        self.assertEqual(json.loads(log.provider_response)["state"], "insufficient_credit")
        self._send_odoo_sms()
        self.assertEqual(len(self.iap.requests), 1, "a refusal is not retried")

    def test_wrong_number_fails_only_that_message_of_the_batch(self):
        self._endpoint("mixed")
        good, bad = self._customer("Iap Good Number"), self._customer("Iap Bad Number")
        self.iap.refused.add(bad.retail_mobile_e164)
        good_log, bad_log = self._announce_sms(good), self._announce_sms(bad)
        self._send_odoo_sms()
        self.assertEqual(len(self.iap.requests), 1, "one request for the batch")
        self.assertEqual(good_log.state, "sent")
        self.assertEqual(bad_log.state, "failed")
        self.assertIn("Wrong Number Format", bad_log.reason)
        self.assertEqual(json.loads(bad_log.provider_response),
                         {"uuid": str(bad_log.id), "state": "wrong_number_format"})

    def test_server_error_retried_with_backoff_then_sent(self):
        self._endpoint("flaky")
        self.iap.flaky_failures = 1
        start = datetime(2027, 1, 5, 3, 0)
        with freeze_time(start):
            log = self._announce_sms(self._customer("Iap Flaky"))
            self._send_odoo_sms()
            self.assertEqual((log.state, log.attempts), ("retry", 1))
            self.assertIn("Server Error", log.reason)
            self.assertEqual(log.next_attempt_date, start + timedelta(minutes=5))
        with freeze_time(start + timedelta(minutes=4)):
            self._send_odoo_sms()
            self.assertEqual(len(self.iap.requests), 1, "not before the backoff")
        with freeze_time(start + timedelta(minutes=6)):
            self._send_odoo_sms()
        self.assertEqual((log.state, log.attempts), ("sent", 2))

    def test_service_down_retried_then_failed_with_the_error_kept(self):
        self._endpoint("http500")
        start = datetime(2027, 1, 5, 3, 0)
        with freeze_time(start):
            log = self._announce_sms(self._customer("Iap Down"))
            self._send_odoo_sms()
            self.assertEqual(log.state, "retry")
        with freeze_time(start + timedelta(minutes=6)):
            self._send_odoo_sms()
        self.assertEqual((log.state, log.attempts), ("failed", 2))
        self.assertIn("Server Error", log.reason)
        self.assertIn(self.iap_url, json.loads(log.provider_response)["error"], "Odoo's error names the endpoint")
        self.assertEqual(len(self.iap.requests), 2)

    def test_credit_error_reply_is_final(self):
        self._endpoint("rpc_credit")
        log = self._announce_sms(self._customer("Iap Credit Error"))
        self._send_odoo_sms()
        self.assertEqual((log.state, log.attempts), ("failed", 1))
        self.assertIn("Insufficient Credit", log.reason)
        self.assertIn("enough credits", log.reason)

    def test_odoo_guard_still_holds_outside_the_loopback_send(self):
        self._endpoint("ok")
        log = self._announce_sms(self._customer("Iap Guarded"))
        self.env["retail.sms.provider"]._cron_send_sms()
        self.env.invalidate_all()
        self.assertFalse(self.iap.requests, "Odoo's IAP client refuses to call out during tests")
        self.assertEqual(log.state, "retry")
        self.assertIn("Unavailable during tests", log.reason)
