import asyncio
import json
import threading
from urllib.parse import urlsplit

from retail_hw_bridge_service.config import ServerConfig
from retail_hw_bridge_service.events import EventHub
from retail_hw_bridge_service.ws_server import BridgeServer

from odoo.tests import HttpCase, tagged

from .bridge_harness import TOKEN, free_port

CONTROL_PATH = "/test-control"


class TourBridge(BridgeServer):
    """The bridge service's own WebSocket server, without readers: on a test-only control path
    (same token and origin checks) the tour makes it send what a reader would."""

    def __init__(self, config, hub):
        super().__init__(config, hub)
        self.pos_handshakes = []

    def _authorize(self, connection, request):
        refusal = super()._authorize(connection, request)
        if refusal is None and urlsplit(request.path).path != CONTROL_PATH:
            self.pos_handshakes.append(request.headers.get("Origin"))
        return refusal

    async def _serve_client(self, connection):
        if urlsplit(connection.request.path).path != CONTROL_PATH:
            return await super()._serve_client(connection)
        async for message in connection:
            command = json.loads(message)
            if command.get("drop_clients"):
                for client in list(self.clients):
                    await client.close()
            else:
                self.hub.publish(command["event"])
            await connection.send("done")
        return None


class RunningBridge:
    def __init__(self, origin):
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        config = ServerConfig(host="127.0.0.1", port=self.port, token=TOKEN, allowed_origins=[origin.lower()])
        self.server = TourBridge(config, EventHub(self.loop))

    def start(self):
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=10)
        return self

    async def _start(self):
        await self.server.start()
        self.dispatcher = asyncio.create_task(self.server.hub.dispatch(self.server.send))

    def stop(self):
        async def _stop():
            self.dispatcher.cancel()
            self.server.close()
            await self.server.wait_closed()
        asyncio.run_coroutine_threadsafe(_stop(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


@tagged("post_install", "-at_install")
class TestPosBridgeTour(HttpCase):
    """Card events from the till's bridge set the customer on the order, in a real browser."""

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        company = self.config.company_id
        self.bridge = RunningBridge(self.base_url()).start()
        self.addCleanup(self.bridge.stop)
        self.config.write({
            "retail_hw_bridge_enabled": True,
            "retail_hw_bridge_url": f"ws://127.0.0.1:{self.bridge.port}",
            "retail_hw_bridge_token": TOKEN,
            "retail_card_pattern": r"^;(\d{8,19})\?$",
        })
        Card = self.env["retail.member.card"]
        self.chip_member = self.env["res.partner"].create({"name": "Tour Chip Member Lê Văn Chíp"})
        self.stripe_member = self.env["res.partner"].create({"name": "Tour Stripe Member Phạm Thị Từ"})
        Card.create({"chip_uid": "04:a1:b2:c3:d4:e5:f6", "partner_id": self.chip_member.id,
                     "company_id": company.id})
        Card.create({"magstripe_number": "88000123", "partner_id": self.stripe_member.id,
                     "company_id": company.id})
        blocked = Card.create({"chip_uid": "04DEADBEEF", "partner_id": self.stripe_member.id,
                               "company_id": company.id})
        blocked.state = "blocked"

    def test_card_events_from_the_bridge_set_the_customer(self):
        previous_orders = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_hw_bridge_tour", login="admin")

        order = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous_orders
        self.assertEqual(len(order), 1, "the order paid after the chip card reached the server")
        self.assertEqual(order.partner_id, self.chip_member, "the chip card's member is the order's customer")
        self.assertGreaterEqual(len(self.bridge.server.pos_handshakes), 2, "the POS connected again after the drop")
        self.assertEqual(set(self.bridge.server.pos_handshakes), {self.base_url().lower()},
                         "the POS page connected from Odoo's origin, with the pairing token")
