"""Events from the reader threads to the WebSocket clients.

Every message is one JSON object with an ``event`` key:

- ``{"event": "hello", "service": "retail-hw-bridge", "protocol": 1, "readers": [...]}`` on connecting;
- ``{"event": "card", "reader": "...", "kind": "chip"|"stripe"|"rfid", "number": "..."}`` (a chip
  read with member-number APDUs adds ``"uid"``);
- ``{"event": "card_removed", "reader": "...", "kind": "chip"}``;
- ``{"event": "card_error", "reader": "...", "kind": "...", "message": "..."}``;
- ``{"event": "reader", "reader": "...", "kind": "...", "connected": true|false}``.
"""
import asyncio
import logging

_logger = logging.getLogger(__name__)


def card_event(reader, kind, number, **extra):
    return {"event": "card", "reader": reader, "kind": kind, "number": number, **extra}


def card_removed_event(reader, kind):
    return {"event": "card_removed", "reader": reader, "kind": kind}


def card_error_event(reader, kind, message):
    return {"event": "card_error", "reader": reader, "kind": kind, "message": message}


def reader_event(reader, kind, connected):
    return {"event": "reader", "reader": reader, "kind": kind, "connected": connected}


class EventHub:
    """Reader threads publish here; the asyncio side hands each event to the clients in order."""

    def __init__(self, loop):
        self.loop = loop
        self.queue = asyncio.Queue()
        self.readers = {}

    def publish(self, event):
        """Thread-safe: called from the reader threads."""
        try:
            self.loop.call_soon_threadsafe(self.queue.put_nowait, event)
        except RuntimeError:  # the loop is closed: the bridge is stopping
            _logger.debug("event dropped while stopping: %s", event)

    def reader_list(self):
        return [{"reader": name, **state} for name, state in sorted(self.readers.items())]

    async def dispatch(self, send):
        while True:
            event = await self.queue.get()
            if event["event"] == "reader":
                if event["connected"]:
                    self.readers[event["reader"]] = {"kind": event["kind"], "connected": True}
                else:
                    self.readers.pop(event["reader"], None)
            send(event)
