"""The bridge with real PC/SC: pcscd + vsmartcard's vpcd reader + a virtual card -> pyscard -> the
bridge -> a WebSocket client. Plain pytest tests (no Odoo database involved)."""
from contextlib import contextmanager

import pytest

from .bridge_harness import (
    VPCD_READER,
    BridgeClient,
    BridgeProcess,
    PcscDaemon,
    VirtualCard,
    bridge_config,
    free_port,
    pcscd_turn,
)

MEMBER_AID = "F0524554414C01"


@pytest.fixture
def pcsc(tmp_path):
    with pcscd_turn():
        daemon = PcscDaemon(tmp_path, free_port(pair=True))
        try:
            yield daemon
        finally:
            daemon.stop()


def _start_bridge(tmp_path, **config):
    port = free_port()
    return port, BridgeProcess(tmp_path, bridge_config(port, **config)).start()


@contextmanager
def _bridge_and_client(tmp_path, **config):
    """The bridge started on a free port with a POS-like WebSocket client; both closed afterwards."""
    port, bridge = _start_bridge(tmp_path, **config)
    client = BridgeClient(port)
    try:
        yield bridge, client
    finally:
        client.close()
        bridge.stop()


def _wait_for_reader(client, reader=VPCD_READER):
    if not any(entry["reader"] == reader for entry in client.hello["readers"]):
        client.next_event("reader", reader=reader, connected=True)


def test_chip_uid_reaches_the_websocket_client_on_insert_removal_and_reinsertion(tmp_path, pcsc):
    pcsc.start()
    with _bridge_and_client(tmp_path) as (bridge, client):
        _wait_for_reader(client)
        card = VirtualCard(pcsc.vpcd_port, "04a1b2c3d4e5f6").insert()
        event = client.next_event("card")
        assert event == {"event": "card", "reader": VPCD_READER, "kind": "chip", "number": "04A1B2C3D4E5F6"}
        assert "FFCA000000" in card.apdus, "the UID was read with GET DATA"

        card.remove()
        assert client.next_event("card_removed") == {"event": "card_removed", "reader": VPCD_READER, "kind": "chip"}

        other = VirtualCard(pcsc.vpcd_port, "0AFFEE01").insert()
        assert client.next_event("card")["number"] == "0AFFEE01", "a card inserted again is read again"
        other.remove()
        client.next_event("card_removed")
        bridge.assert_running()
    assert "card read" in bridge.log()


def test_member_number_apdus_read_the_number_stored_on_the_card(tmp_path, pcsc):
    pcsc.start()
    apdus = f'number_apdus = ["00A4040007{MEMBER_AID}", "00B0000010"]\nnumber_encoding = "ascii"'
    with _bridge_and_client(tmp_path, extra_pcsc=apdus) as (bridge, client):
        _wait_for_reader(client)
        card = VirtualCard(pcsc.vpcd_port, "04112233", files={MEMBER_AID: b"SEN00000001\x00\x00\x00\x00\x00"})
        card.insert()
        event = client.next_event("card")
        assert (event["number"], event["uid"]) == ("SEN00000001", "04112233")
        card.remove()
        client.next_event("card_removed")

        # a card without that application: its UID, and the bridge says why in its log
        plain = VirtualCard(pcsc.vpcd_port, "04998877").insert()
        event = client.next_event("card")
        assert event["number"] == "04998877" and "uid" not in event
        plain.remove()
    assert "no member number on the card" in bridge.log()


def test_bridge_survives_no_pcsc_service_no_reader_and_the_reader_coming_and_going(tmp_path, pcsc):
    # no pcscd at all: the bridge starts, serves the POS and waits for the service
    with _bridge_and_client(tmp_path) as (bridge, client):
        bridge.wait_for_log("PC/SC service not available")
        assert client.hello["readers"] == [], "no reader while PC/SC is down"

        # the service without any reader
        pcsc.start(with_reader=False)
        bridge.wait_for_log("connected to the PC/SC service")
        bridge.assert_running()
        pcsc.stop()

        # the reader appears: the POS is told, and cards are read
        pcsc.start(with_reader=True)
        client.next_event("reader", reader=VPCD_READER, connected=True)
        card = VirtualCard(pcsc.vpcd_port, "04AA0001").insert()
        assert client.next_event("card")["number"] == "04AA0001"

        # the reader goes away with the card in it (pcscd stopped): removal and reader gone
        pcsc.stop()
        card.remove()
        assert client.next_event("card_removed")["reader"] == VPCD_READER
        client.next_event("reader", reader=VPCD_READER, connected=False)

        # and comes back: the same WebSocket client keeps receiving cards
        pcsc.start(with_reader=True)
        client.next_event("reader", reader=VPCD_READER, connected=True)
        card = VirtualCard(pcsc.vpcd_port, "04AA0002").insert()
        assert client.next_event("card")["number"] == "04AA0002"
        card.remove()
        bridge.assert_running()
    log = bridge.log()
    assert "PC/SC service lost" in log
    assert "card reader disconnected: " + VPCD_READER in log


def test_a_pos_that_reconnects_gets_the_readers_and_the_next_cards(tmp_path, pcsc):
    pcsc.start()
    port, bridge = _start_bridge(tmp_path)
    try:
        first = BridgeClient(port)
        _wait_for_reader(first)
        first.close()
        second = BridgeClient(port)
        assert VPCD_READER in [entry["reader"] for entry in second.hello["readers"]]
        card = VirtualCard(pcsc.vpcd_port, "04BB0001").insert()
        assert second.next_event("card")["number"] == "04BB0001"
        card.remove()
        second.close()
    finally:
        bridge.stop()
