"""Chip and contactless cards through PC/SC (pyscard), in its own thread.

The thread watches every reader the PC/SC service lists (readers plugged in later included), and
on a card insertion reads the UID with GET DATA (``FF CA 00 00 00``) and, when configured, a member
number with the card's own APDUs. When the PC/SC service goes away (pcscd stopped or restarted,
Windows' Smart Card service stopped) it waits and connects again.
"""
import logging
import threading

from smartcard import scard

from .events import card_error_event, card_event, card_removed_event, reader_event

_logger = logging.getLogger(__name__)

KIND = "chip"
GET_UID = bytes.fromhex("FFCA000000")
SW_OK = (0x90, 0x00)
READERS_CHANGED = {scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE, scard.SCARD_E_TIMEOUT}


class PcscServiceLost(RuntimeError):
    pass


class ApduError(RuntimeError):
    pass


def _message(hresult):
    return f"{scard.SCardGetErrorMessage(hresult)} (0x{hresult & 0xFFFFFFFF:08X})"


def transmit(hcard, protocol, apdu):
    """Send one APDU; follow 61xx (GET RESPONSE) and 6Cxx (wrong Le); the data of a 90 00 answer."""
    command, data = list(apdu), []
    for _attempt in range(16):
        hresult, response = scard.SCardTransmit(hcard, protocol, command)
        if hresult != scard.SCARD_S_SUCCESS:
            raise ApduError(_message(hresult))
        if len(response) < 2:
            raise ApduError("answer without a status word")
        sw1, sw2 = response[-2:]
        data += response[:-2]
        if sw1 == 0x61:
            command = [0x00, 0xC0, 0x00, 0x00, sw2]
        elif sw1 == 0x6C:
            command = [*command[:-1], sw2]
        elif (sw1, sw2) == SW_OK:
            return bytes(data)
        else:
            raise ApduError(f"status {sw1:02X} {sw2:02X} for {bytes(command).hex().upper()}")
    raise ApduError("the card keeps asking for GET RESPONSE")


def decode_number(data, encoding):
    if encoding == "hex":
        return data.hex().upper()
    return data.replace(b"\x00", b"").replace(b"\xff", b"").decode("ascii", "replace").strip()


class PcscCardWatcher(threading.Thread):
    def __init__(self, config, publish, stop_event):
        super().__init__(name="pcsc", daemon=True)
        self.config = config
        self.publish = publish
        self.stop_event = stop_event
        self.readers = {}  # reader name -> last event state

    # ------------------------------------------------------------------ service
    def run(self):
        announced_missing = False
        while not self.stop_event.is_set():
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                if not announced_missing:
                    _logger.warning("PC/SC service not available: %s; retrying every %ss",
                                    _message(hresult), self.config.retry_interval)
                    announced_missing = True
                self.stop_event.wait(self.config.retry_interval)
                continue
            announced_missing = False
            _logger.info("connected to the PC/SC service")
            try:
                self._watch(context)
            except PcscServiceLost as error:
                _logger.warning("PC/SC service lost: %s", error)
            finally:
                scard.SCardReleaseContext(context)
                for reader in list(self.readers):
                    self._reader_gone(reader)
            self.stop_event.wait(self.config.retry_interval)

    def _list_readers(self, context):
        hresult, readers = scard.SCardListReaders(context, [])
        if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        if hresult != scard.SCARD_S_SUCCESS:
            raise PcscServiceLost(_message(hresult))
        wanted = self.config.readers
        return [r for r in readers if not wanted or any(part in r for part in wanted)]

    # ------------------------------------------------------------------ readers
    def _update_readers(self, readers):
        for reader in readers:
            if reader not in self.readers:
                _logger.info("card reader connected: %s", reader)
                self.readers[reader] = scard.SCARD_STATE_UNAWARE
                self.publish(reader_event(reader, KIND, True))
        for reader in set(self.readers) - set(readers):
            self._reader_gone(reader)

    def _reader_gone(self, reader):
        state = self.readers.pop(reader)
        if state & scard.SCARD_STATE_PRESENT:
            self.publish(card_removed_event(reader, KIND))
        _logger.info("card reader disconnected: %s", reader)
        self.publish(reader_event(reader, KIND, False))

    def _watch(self, context):
        timeout_ms = int(self.config.poll_interval * 1000)
        while not self.stop_event.is_set():
            readers = self._list_readers(context)
            self._update_readers(readers)
            if not readers:
                self.stop_event.wait(self.config.poll_interval)
                continue
            hresult, states = scard.SCardGetStatusChange(
                context, timeout_ms, [(reader, self.readers[reader]) for reader in readers])
            if hresult in READERS_CHANGED:
                continue
            if hresult != scard.SCARD_S_SUCCESS:
                raise PcscServiceLost(_message(hresult))
            for reader, event_state, _atr in states:
                self._card_state(context, reader, event_state)

    def _card_state(self, context, reader, event_state):
        was_present = self.readers.get(reader, 0) & scard.SCARD_STATE_PRESENT
        self.readers[reader] = event_state & ~scard.SCARD_STATE_CHANGED
        now_present = event_state & scard.SCARD_STATE_PRESENT
        if now_present and not was_present:
            if event_state & scard.SCARD_STATE_MUTE:
                _logger.warning("%s: the card does not answer", reader)
                self.publish(card_error_event(reader, KIND, "the card does not answer"))
            else:
                self._read_card(context, reader)
        elif was_present and not now_present:
            _logger.info("%s: card removed", reader)
            self.publish(card_removed_event(reader, KIND))

    # ------------------------------------------------------------------ cards
    def _read_card(self, context, reader):
        hresult, hcard, protocol = scard.SCardConnect(
            context, reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        if hresult != scard.SCARD_S_SUCCESS:
            _logger.warning("%s: cannot connect to the card: %s", reader, _message(hresult))
            self.publish(card_error_event(reader, KIND, _message(hresult)))
            return
        try:
            event = self._card_event(reader, hcard, protocol)
        except ApduError as error:
            _logger.warning("%s: card not read: %s", reader, error)
            self.publish(card_error_event(reader, KIND, str(error)))
            return
        finally:
            scard.SCardDisconnect(hcard, scard.SCARD_LEAVE_CARD)
        _logger.info("%s: card read", reader)
        _logger.debug("%s: card %s", reader, event)
        self.publish(event)

    def _card_event(self, reader, hcard, protocol):
        uid = transmit(hcard, protocol, GET_UID).hex().upper()
        if not self.config.number_apdus:
            return card_event(reader, KIND, uid)
        try:
            data = b""
            for apdu in self.config.number_apdus:
                data = transmit(hcard, protocol, bytes.fromhex(apdu))
            number = decode_number(data, self.config.number_encoding)
        except ApduError as error:
            _logger.warning("%s: no member number on the card (%s); using its UID", reader, error)
            return card_event(reader, KIND, uid)
        return card_event(reader, KIND, number or uid, uid=uid)
