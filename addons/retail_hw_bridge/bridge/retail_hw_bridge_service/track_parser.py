"""Magnetic-stripe track data (ISO/IEC 7811, 7813) as serial stripe readers send it.

Track 1: ``%`` format code, data, ``?`` [LRC]; 6-bit characters 0x20-0x5F (value = byte - 0x20).
Track 2: ``;`` data ``?`` [LRC]; 4-bit characters 0x30-0x3F (value = byte - 0x30).
The LRC is the XOR of the values of every character from the start to the end sentinel. Readers that
check it themselves leave it out: it is checked when present (``auto``), or always required, or never
expected, as configured.
"""
from dataclasses import dataclass

LRC_MODES = ("auto", "required", "absent")


class TrackError(ValueError):
    """A swipe that cannot be trusted: garbage, a partial frame, a wrong LRC."""


@dataclass(frozen=True)
class TrackFormat:
    track: int
    start: str
    end: str
    base: int
    last: int
    separator: str


TRACK_FORMATS = {
    "%": TrackFormat(track=1, start="%", end="?", base=0x20, last=0x5F, separator="^"),
    ";": TrackFormat(track=2, start=";", end="?", base=0x30, last=0x3F, separator="="),
}
READ_ERROR_MARK = "E"  # readers send %E? or ;E? for a track they could not read


@dataclass(frozen=True)
class Track:
    track: int
    data: str
    lrc_checked: bool

    def card_number(self):
        """The primary account number: the first field (track 1 drops its format code ``B``)."""
        data = self.data
        if self.track == 1 and data[:1] == "B" and "^" in data:
            data = data[1:]
        separator = TRACK_FORMATS["%" if self.track == 1 else ";"].separator
        return data.split(separator, 1)[0].strip()


def longitudinal_redundancy(fmt, sentinel_to_sentinel):
    value = 0
    for char in sentinel_to_sentinel:
        value ^= ord(char) - fmt.base
    return chr((value & (fmt.last - fmt.base)) + fmt.base)


def _check_characters(fmt, body):
    for char in body:
        code = ord(char)
        if not fmt.base <= code <= fmt.last or char in (fmt.start, fmt.end):
            raise TrackError(f"track {fmt.track}: character {char!r} is not track {fmt.track} data")


def _take_lrc(fmt, text, start, end, lrc_mode):
    """Consume the LRC after the end sentinel at ``end``; return (next position, checked)."""
    position = end + 1
    if lrc_mode == "absent":
        return position, False
    if position >= len(text):
        if lrc_mode == "required":
            raise TrackError(f"track {fmt.track}: the LRC is missing")
        return position, False
    expected = longitudinal_redundancy(fmt, text[start:end + 1])
    if text[position] == expected:
        return position + 1, True
    if lrc_mode == "auto" and text[position] in TRACK_FORMATS:
        return position, False  # no LRC: the next track starts here
    raise TrackError(f"track {fmt.track}: LRC mismatch (read {text[position]!r}, computed {expected!r})")


def parse_swipe(text, lrc_mode="auto"):
    """The tracks of one swipe (``%...?;...?``); raise TrackError when the frame is not sound."""
    if lrc_mode not in LRC_MODES:
        raise ValueError(f"unknown LRC mode {lrc_mode!r}")
    tracks, unreadable, position = [], [], 0
    while position < len(text):
        fmt = TRACK_FORMATS.get(text[position])
        if fmt is None:
            raise TrackError(f"no start sentinel at position {position} ({text[position]!r})")
        end = text.find(fmt.end, position + 1)
        if end < 0:
            raise TrackError(f"track {fmt.track}: no end sentinel (partial frame)")
        body = text[position + 1:end]
        if body == READ_ERROR_MARK:
            unreadable.append(fmt.track)
            position = end + 1
            continue
        _check_characters(fmt, body)
        start = position
        position, checked = _take_lrc(fmt, text, start, end, lrc_mode)
        tracks.append(Track(fmt.track, body, checked))
    if not tracks:
        reason = f"the reader could not read track(s) {unreadable}" if unreadable else "empty frame"
        raise TrackError(reason)
    return tracks


def card_number_of(tracks, preference=(2, 1)):
    for wanted in preference:
        for track in tracks:
            if track.track == wanted and track.card_number():
                return track.card_number()
    raise TrackError(f"no card number on track(s) {list(preference)}")


def encode_track(track, data, with_lrc=True):
    """The characters a reader sends for ``data`` on ``track`` (used by tests and diagnostics)."""
    fmt = TRACK_FORMATS["%" if track == 1 else ";"]
    framed = f"{fmt.start}{data}{fmt.end}"
    return framed + (longitudinal_redundancy(fmt, framed) if with_lrc else "")
