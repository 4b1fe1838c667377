"""The POS page's WebSocket: loopback only, an Origin allow-list and the pairing token.

The browser's WebSocket API sends no custom headers, so the POS passes the token in the query
string (``ws://127.0.0.1:8765/?token=...``). Both checks happen during the opening handshake: a
foreign origin or a wrong token gets ``403 Forbidden`` and never sees an event.
"""
import hmac
import json
import logging
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import websockets
from websockets.asyncio.server import broadcast, serve

from . import PROTOCOL_VERSION, __version__

_logger = logging.getLogger(__name__)


class BridgeServer:
    def __init__(self, config, hub):
        self.config = config
        self.hub = hub
        self.clients = set()
        self.server = None

    async def start(self):
        self.server = await serve(
            self._serve_client, self.config.host, self.config.port,
            process_request=self._authorize, max_size=4096, ping_interval=20, ping_timeout=20,
            server_header=f"retail-hw-bridge/{__version__}",
        )
        for sock in self.server.sockets:
            _logger.info("serving the POS on ws://%s:%s", *sock.getsockname()[:2])
        return self

    @property
    def addresses(self):
        return [sock.getsockname()[:2] for sock in self.server.sockets]

    def close(self):
        self.server.close()

    async def wait_closed(self):
        await self.server.wait_closed()

    # ------------------------------------------------------------------ handshake
    def _authorize(self, connection, request):
        peer = connection.remote_address
        origin = (request.headers.get("Origin") or "").strip().rstrip("/").lower()
        if origin not in self.config.allowed_origins:
            _logger.warning("refused a connection from %s: origin %r is not allowed", peer, origin or None)
            return connection.respond(HTTPStatus.FORBIDDEN, "Origin not allowed\n")
        token = parse_qs(urlsplit(request.path).query).get("token", [""])[0]
        if not hmac.compare_digest(token.encode(), self.config.token.encode()):
            _logger.warning("refused a connection from %s (origin %s): wrong pairing token", peer, origin)
            return connection.respond(HTTPStatus.FORBIDDEN, "Wrong pairing token\n")
        return None

    # ------------------------------------------------------------------ clients
    async def _serve_client(self, connection):
        origin = connection.request.headers.get("Origin")
        self.clients.add(connection)
        _logger.info("POS connected from %s (%d connected)", origin, len(self.clients))
        try:
            await connection.send(json.dumps(self.hello()))
            async for message in connection:
                await self._answer(connection, message)
        except websockets.ConnectionClosed:
            pass
        finally:
            self.clients.discard(connection)
            _logger.info("POS disconnected (%s; %d connected)", origin, len(self.clients))

    def hello(self):
        return {
            "event": "hello", "service": "retail-hw-bridge", "version": __version__,
            "protocol": PROTOCOL_VERSION, "readers": self.hub.reader_list(),
        }

    async def _answer(self, connection, message):
        """The POS may ask for the reader list again (``{"command": "status"}``); nothing else."""
        try:
            command = json.loads(message).get("command")
        except (ValueError, AttributeError):
            command = None
        if command == "status":
            await connection.send(json.dumps(self.hello()))

    def send(self, event):
        broadcast(self.clients, json.dumps(event))
