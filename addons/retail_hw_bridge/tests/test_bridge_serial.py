"""The bridge with real serial lines: a socat pty pair, pyserial on both ends, track data with
sentinels and LRC. Plain pytest tests (no Odoo database involved)."""
import pytest
from retail_hw_bridge_service.track_parser import encode_track

from .bridge_harness import BridgeClient, BridgeProcess, SerialLine, bridge_config, free_port


@pytest.fixture
def line(tmp_path):
    serial_line = SerialLine(tmp_path).start()
    try:
        yield serial_line
    finally:
        serial_line.stop()


def _bridge(tmp_path, line, **reader):
    port = free_port()
    reader = {"name": "stripe", "port": str(line.reader), "baudrate": 9600, "frame_gap": 0.2,
              "reconnect_interval": 0.3, **reader}
    bridge = BridgeProcess(tmp_path, bridge_config(port, pcsc=False, serial=[reader])).start()
    bridge.wait_for_log(f"serial reader {reader['name']} ({line.reader}) connected")
    return bridge, BridgeClient(port)


def test_swipe_with_sentinels_and_lrc_gives_the_card_number(tmp_path, line):
    bridge, client = _bridge(tmp_path, line)
    try:
        track1 = encode_track(1, "B6277000012345678^TRAN/THI B^29121010000000")
        track2 = encode_track(2, "6277000012345678=2912101000")
        line.send(f"{track1}{track2}\r".encode())
        assert client.next_event("card") == {
            "event": "card", "reader": "stripe", "kind": "stripe", "number": "6277000012345678"}

        # a member card with only track 2 and no LRC (the reader checked it), ended by a pause
        line.send(encode_track(2, "88000123", with_lrc=False).encode())
        assert client.next_event("card")["number"] == "88000123"

        # track 1 alone, a shop's own format
        line.send((encode_track(1, "SEN00000007") + "\r\n").encode())
        assert client.next_event("card")["number"] == "SEN00000007"
        bridge.assert_running()
    finally:
        client.close()
        bridge.stop()


def test_garbage_partial_frames_and_lrc_errors_are_rejected_and_logged(tmp_path, line):
    bridge, client = _bridge(tmp_path, line)
    try:
        good = encode_track(2, "6277000099990001")
        bad_lrc = good[:-1] + ("0" if good[-1] != "0" else "1")
        rejected = [
            (b"\x00\xff\x13garbage\x7f\r", "not ASCII text"),
            (b"hello world\r", "no start sentinel"),
            (b";627700009999", "partial frame"),  # the swipe stops half-way, then silence
            (bad_lrc.encode() + b"\r", "LRC mismatch"),
            (b";6277A0009999?\r", "is not track 2 data"),
            (b"%E?;E?\r", "could not read track(s)"),
        ]
        for data, reason in rejected:
            line.send(data, pause=0.3)
            error = client.next_event("card_error")
            assert reason in error["message"], (data, error)
            assert error["reader"] == "stripe"
        bridge.assert_running()

        line.send(good.encode() + b"\r")
        assert client.next_event("card")["number"] == "6277000099990001", "a good swipe after the bad ones"
    finally:
        client.close()
        bridge.stop()
    log = bridge.log()
    for _data, reason in rejected:
        assert "rejected frame: " in log and reason in log, reason
    assert "card number 6277000099990001" in log


def test_rfid_reader_with_stx_etx_framing_and_unplugged_then_plugged_again(tmp_path, line):
    bridge, client = _bridge(tmp_path, line, name="rfid-desk", framing="stx_etx", kind="rfid")
    try:
        assert client.hello["readers"] == [{"reader": "rfid-desk", "kind": "rfid", "connected": True}]
        line.send(b"\x020A00C3F1E2\r\n\x03")
        assert client.next_event("card") == {
            "event": "card", "reader": "rfid-desk", "kind": "rfid", "number": "0A00C3F1E2"}
        line.send(b"noise\x020A00C3", pause=0.3)
        assert "outside STX/ETX" in client.next_event("card_error")["message"]
        assert "outside STX/ETX" in client.next_event("card_error")["message"], "the unfinished frame too"

        # the USB adapter is pulled out: the bridge says so and waits for it
        line.stop()
        assert client.next_event("reader", reader="rfid-desk")["connected"] is False
        bridge.wait_for_log("disconnected")
        bridge.assert_running()

        # plugged in again (same device name): the bridge reopens it by itself
        line.start()
        assert client.next_event("reader", reader="rfid-desk", timeout=15)["connected"] is True
        line.send(b"\x0212345678AB\x03")
        assert client.next_event("card")["number"] == "12345678AB"
    finally:
        client.close()
        bridge.stop()


def test_line_framing_rfid_reader(tmp_path, line):
    bridge, client = _bridge(tmp_path, line, framing="line", number_pattern="^[0-9]{10}$")
    try:
        line.send(b"0004567890\r\n")
        assert client.next_event("card") == {"event": "card", "reader": "stripe", "kind": "rfid",
                                             "number": "0004567890"}
        line.send(b"12AB\r\n")
        assert "does not look like a card number" in client.next_event("card_error")["message"]
    finally:
        client.close()
        bridge.stop()
