"""Cutting a serial reader's byte stream into frames, and a frame into a card number.

- ``track``: magnetic-stripe readers; a swipe ends with CR/LF or a pause; the tracks inside are
  checked by ``track_parser`` (sentinels, character sets, LRC).
- ``line``: RFID readers that send the tag number and CR/LF.
- ``stx_etx``: RFID readers that frame the number with STX (0x02) ... ETX (0x03).
"""
import re
from dataclasses import dataclass

from .track_parser import TrackError, card_number_of, parse_swipe

STX, ETX, CR, LF = 0x02, 0x03, 0x0D, 0x0A
MAX_FRAME = 512


class FrameError(ValueError):
    """The frame is rejected; the message says why (it is logged, the reader goes on)."""


@dataclass(frozen=True)
class Frame:
    raw: bytes
    complete: bool = True  # False: cut by a pause, an overflow or bytes outside STX/ETX


class LineFramer:
    """Frames end at CR or LF; what is left when the line goes quiet is a frame of its own."""

    def __init__(self):
        self.buffer = bytearray()

    def feed(self, data):
        frames = []
        for byte in data:
            if byte in (CR, LF):
                if self.buffer:
                    frames.append(Frame(bytes(self.buffer)))
                    self.buffer.clear()
            else:
                self.buffer.append(byte)
                if len(self.buffer) > MAX_FRAME:
                    frames.append(Frame(bytes(self.buffer), complete=False))
                    self.buffer.clear()
        return frames

    def flush(self):
        """The line went quiet: what was buffered is all of this frame."""
        if not self.buffer:
            return []
        frame = Frame(bytes(self.buffer), complete=False)
        self.buffer.clear()
        return [frame]


class StxEtxFramer:
    def __init__(self):
        self.buffer = None  # inside a frame: the bytes since STX
        self.stray = bytearray()

    def feed(self, data):
        frames = []
        for byte in data:
            if byte == STX:
                frames.extend(self._close_stray())
                if self.buffer:
                    frames.append(Frame(bytes(self.buffer), complete=False))
                self.buffer = bytearray()
            elif byte == ETX and self.buffer is not None:
                frames.append(Frame(bytes(self.buffer)))
                self.buffer = None
            elif self.buffer is None:
                if byte not in (CR, LF):
                    self.stray.append(byte)
            else:
                self.buffer.append(byte)
                if len(self.buffer) > MAX_FRAME:
                    frames.append(Frame(bytes(self.buffer), complete=False))
                    self.buffer = None
        return frames

    def _close_stray(self):
        if not self.stray:
            return []
        frame = Frame(bytes(self.stray), complete=False)
        self.stray.clear()
        return [frame]

    def flush(self):
        frames = self._close_stray()
        if self.buffer:
            frames.append(Frame(bytes(self.buffer), complete=False))
        self.buffer = None
        return frames


def _printable_text(raw):
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        raise FrameError(f"not ASCII text: {raw[:40]!r}")
    if not text.isprintable():
        raise FrameError(f"control characters in the frame: {raw[:40]!r}")
    return text


class FrameDecoder:
    """One serial reader's frames to card numbers, as configured (framing, LRC, tracks, pattern)."""

    def __init__(self, framing, lrc="auto", tracks=(2, 1), number_pattern=r"^[0-9A-Za-z]{4,40}$"):
        self.framing = framing
        self.lrc = lrc
        self.tracks = tuple(tracks)
        self.number_pattern = re.compile(number_pattern)

    def framer(self):
        return StxEtxFramer() if self.framing == "stx_etx" else LineFramer()

    def number(self, frame):
        if self.framing == "track":
            return self._track_number(frame)
        if self.framing == "stx_etx" and not frame.complete:
            raise FrameError(f"partial or stray data outside STX/ETX: {frame.raw[:40]!r}")
        if len(frame.raw) > MAX_FRAME:
            raise FrameError("frame too long")
        number = _printable_text(frame.raw.strip(b"\r\n")).strip()
        if not self.number_pattern.match(number):
            raise FrameError(f"{number[:40]!r} does not look like a card number")
        return number

    def _track_number(self, frame):
        text = _printable_text(frame.raw).strip()
        try:
            return card_number_of(parse_swipe(text, self.lrc), self.tracks)
        except TrackError as error:
            raise FrameError(str(error))
