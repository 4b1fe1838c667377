"""Who may talk to the bridge: the POS page of an allowed origin with the pairing token, on loopback."""
import socket

import psutil
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from .bridge_harness import ORIGIN, TOKEN, BridgeClient, BridgeProcess, bridge_config, free_port


@pytest.fixture
def bridge(tmp_path):
    port = free_port()
    process = BridgeProcess(tmp_path, bridge_config(port, pcsc=False)).start()
    process.port = port
    try:
        yield process
    finally:
        process.stop()


def _refused(port, token=TOKEN, origin=ORIGIN):
    with pytest.raises(InvalidStatus) as refusal:
        connect(f"ws://127.0.0.1:{port}/?token={token}", origin=origin, open_timeout=5)
    return refusal.value.response


def test_wrong_token_is_refused(bridge):
    response = _refused(bridge.port, token="not-the-pairing-token")
    assert response.status_code == 403
    response = _refused(bridge.port, token="")
    assert response.status_code == 403
    bridge.wait_for_log("wrong pairing token")
    assert TOKEN not in bridge.log(), "the pairing token is never logged"


def test_foreign_or_missing_origin_is_refused(bridge):
    assert _refused(bridge.port, origin="https://evil.example.com").status_code == 403
    assert _refused(bridge.port, origin=None).status_code == 403
    bridge.wait_for_log("origin 'https://evil.example.com' is not allowed")
    client = BridgeClient(bridge.port)  # the allowed origin with the token: welcome
    assert client.hello["service"] == "retail-hw-bridge"
    client.close()


def test_service_listens_on_loopback_only(bridge):
    process = psutil.Process(bridge.process.pid)
    connections = getattr(process, "net_connections", process.connections)  # psutil < 6: connections
    listening = [conn.laddr for conn in connections(kind="inet")
                 if conn.status == psutil.CONN_LISTEN]
    assert listening == [("127.0.0.1", bridge.port)]
    for address in _non_loopback_addresses():
        with socket.socket() as probe:
            probe.settimeout(2)
            assert probe.connect_ex((address, bridge.port)) != 0, f"reachable on {address}"


def _non_loopback_addresses():
    return [
        entry.address
        for entries in psutil.net_if_addrs().values() for entry in entries
        if entry.family == socket.AF_INET and not entry.address.startswith("127.")
    ]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "till.example.com"])
def test_refuses_to_start_on_a_non_loopback_address(tmp_path, host):
    process = BridgeProcess(tmp_path, bridge_config(free_port(), pcsc=False, host=host)).start(wait_ready=False)
    assert process.process.wait(timeout=15) == 2
    assert "loopback" in process.log()


def test_refuses_to_start_without_a_pairing_token_or_origins(tmp_path):
    config = bridge_config(free_port(), pcsc=False).replace(f'token = "{TOKEN}"', 'token = "short"')
    process = BridgeProcess(tmp_path, config).start(wait_ready=False)
    assert process.process.wait(timeout=15) == 2
    assert "pairing token" in process.log()

    config = bridge_config(free_port(), pcsc=False).replace(f'allowed_origins = ["{ORIGIN}"]', "allowed_origins = []")
    process = BridgeProcess(tmp_path, config).start(wait_ready=False)
    assert process.process.wait(timeout=15) == 2
    assert "allowed_origins is empty" in process.log()
