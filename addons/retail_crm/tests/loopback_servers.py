"""Loopback transports for the customer message tests and bench/messaging.py: an SMTP server
(aiosmtpd) keeping what it receives, and an HTTP server playing a carrier's brand-name SMS gateway
(success, HTTP 500, timeout, malformed reply, refusal). No Odoo import: the bench loads this file."""
import email
import json
import logging
import socket
import threading
import time
from contextlib import suppress
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

GATEWAY_TIMEOUT = 0.5
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command log


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpInbox:
    """aiosmtpd handler keeping every received message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append({
            "rcpt": list(envelope.rcpt_tos),
            "message": email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default),
        })
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self):
        self.inbox = SmtpInbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()


class GatewayHandler(BaseHTTPRequestHandler):
    """Replies by the path: /ok, /error500, /slow (beyond the provider's timeout), /malformed, /refuse.
    /flaky answers 500 to the first ``flaky_failures`` requests, then succeeds."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length) or b"{}")
        server = self.server
        server.requests.append({"path": self.path, "payload": payload, "headers": dict(self.headers)})
        path = self.path.split("?")[0]
        if path == "/flaky":
            server.flaky_failures -= 1
            path = "/error500" if server.flaky_failures >= 0 else "/ok"
        if path == "/error500":
            return self._reply(500, b"Internal Server Error", "text/plain")
        if path == "/slow":
            time.sleep(GATEWAY_TIMEOUT * 8)
            return self._reply(200, json.dumps({"code": "0", "id": "late"}).encode())
        if path == "/malformed":
            return self._reply(200, b"<html>gateway maintenance</html>", "text/html")
        if path == "/refuse":
            return self._reply(200, json.dumps({"code": "13", "message": "Brand name not registered"}).encode())
        return self._reply(200, json.dumps({"code": "0", "id": f"MSG-{len(server.requests)}"}).encode())

    def _reply(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            self.wfile.write(body)


class GatewayServer:
    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), GatewayHandler)
        self.server.daemon_threads = True
        self.server.requests = []
        self.server.flaky_failures = 0
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def requests(self):
        return self.server.requests

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
