"""A serial magnetic-stripe or RFID reader (pyserial), in its own thread.

The port may vanish (USB unplugged, the adapter re-enumerated): the thread logs it, says so to the
POS and opens the port again every ``reconnect_interval`` seconds until it is back.
"""
import logging
import threading

import serial

from .events import card_error_event, card_event, reader_event
from .framing import FrameDecoder, FrameError

_logger = logging.getLogger(__name__)


class SerialCardReader(threading.Thread):
    def __init__(self, config, publish, stop_event):
        super().__init__(name=f"serial-{config.name}", daemon=True)
        self.config = config
        self.publish = publish
        self.stop_event = stop_event
        self.decoder = FrameDecoder(config.framing, config.lrc, config.tracks, config.number_pattern)
        self.label = f"{config.name} ({config.port})"

    def run(self):
        announced_missing = False
        while not self.stop_event.is_set():
            try:
                port = self._open()
            except (serial.SerialException, OSError, ValueError) as error:
                if not announced_missing:
                    _logger.warning("serial reader %s is not available: %s; retrying every %ss",
                                    self.label, error, self.config.reconnect_interval)
                    announced_missing = True
                self.stop_event.wait(self.config.reconnect_interval)
                continue
            announced_missing = False
            _logger.info("serial reader %s connected", self.label)
            self.publish(reader_event(self.config.name, self.config.event_kind, True))
            try:
                self._read_frames(port)
            except (serial.SerialException, OSError) as error:
                _logger.warning("serial reader %s disconnected: %s", self.label, error)
            finally:
                port.close()
                self.publish(reader_event(self.config.name, self.config.event_kind, False))

    def _open(self):
        cfg = self.config
        return serial.serial_for_url(
            cfg.port, baudrate=cfg.baudrate, bytesize=cfg.bytesize, parity=cfg.parity,
            stopbits=cfg.stopbits, timeout=cfg.frame_gap, exclusive=True,
        )

    def _read_frames(self, port):
        framer = self.decoder.framer()
        while not self.stop_event.is_set():
            data = port.read(max(1, port.in_waiting))
            frames = framer.feed(data) if data else framer.flush()
            for frame in frames:
                self._handle(frame)

    def _handle(self, frame):
        kind = self.config.event_kind
        try:
            number = self.decoder.number(frame)
        except FrameError as error:
            _logger.warning("serial reader %s: rejected frame: %s", self.label, error)
            self.publish(card_error_event(self.config.name, kind, str(error)))
            return
        _logger.info("serial reader %s: card read", self.label)
        _logger.debug("serial reader %s: card number %s", self.label, number)
        self.publish(card_event(self.config.name, kind, number))
