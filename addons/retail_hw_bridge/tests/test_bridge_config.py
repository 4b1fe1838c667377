"""The bridge's configuration (file, then environment) and track parsing, without any device."""
import pytest
from retail_hw_bridge_service.config import ConfigError, load_config
from retail_hw_bridge_service.track_parser import TrackError, card_number_of, encode_track, parse_swipe

from .bridge_harness import BRIDGE_SRC, ORIGIN, TOKEN, bridge_config


def test_environment_overrides_the_file(tmp_path):
    path = tmp_path / "bridge.toml"
    path.write_text(bridge_config(8765, pcsc=True))
    config = load_config(path, environ={
        "RETAIL_HW_BRIDGE_PORT": "9876",
        "RETAIL_HW_BRIDGE_ALLOWED_ORIGINS": "https://a.example.com, https://B.example.com/",
        "RETAIL_HW_BRIDGE_PCSC": "off",
        "RETAIL_HW_BRIDGE_SERIAL_PORT": "/dev/ttyUSB0",
        "RETAIL_HW_BRIDGE_SERIAL_BAUDRATE": "19200",
        "RETAIL_HW_BRIDGE_LOG_LEVEL": "warning",
    })
    assert config.server.port == 9876
    assert config.server.token == TOKEN
    assert config.server.allowed_origins == ["https://a.example.com", "https://b.example.com"]
    assert config.pcsc.enabled is False
    assert [(s.port, s.baudrate, s.framing, s.event_kind) for s in config.serial] == [
        ("/dev/ttyUSB0", 19200, "track", "stripe")]
    assert config.log.level == "WARNING"
    assert config.source == str(path)


def test_environment_alone_is_a_configuration():
    config = load_config(environ={
        "RETAIL_HW_BRIDGE_TOKEN": TOKEN, "RETAIL_HW_BRIDGE_ALLOWED_ORIGINS": ORIGIN,
        "RETAIL_HW_BRIDGE_HOST": "localhost",
    })
    assert (config.server.host, config.server.port, config.serial, config.source) == ("127.0.0.1", 8765, [], "")


@pytest.mark.parametrize(("override", "message"), [
    ({"RETAIL_HW_BRIDGE_HOST": "10.0.0.5"}, "not a loopback address"),
    ({"RETAIL_HW_BRIDGE_PORT": "http"}, "server.port must be a number"),
    ({"RETAIL_HW_BRIDGE_SERIAL_PORT": "/dev/ttyS0", "RETAIL_HW_BRIDGE_SERIAL_FRAMING": "xml"}, "framing"),
    ({"RETAIL_HW_BRIDGE_SERIAL_PORT": "/dev/ttyS0", "RETAIL_HW_BRIDGE_SERIAL_LRC": "maybe"}, "lrc"),
])
def test_unusable_settings_are_refused_with_a_reason(override, message):
    environ = {"RETAIL_HW_BRIDGE_TOKEN": TOKEN, "RETAIL_HW_BRIDGE_ALLOWED_ORIGINS": ORIGIN, **override}
    with pytest.raises(ConfigError, match=message):
        load_config(environ=environ)


def test_example_configuration_file_is_valid():
    config = load_config(BRIDGE_SRC / "config.example.toml", environ={})
    assert config.server.host == "127.0.0.1" and config.pcsc.enabled


def test_track_lrc_is_the_xor_of_the_characters():
    # ;1234567890? : values 0xB,1..9,0,0xF -> XOR = 0xB ^ 0x1 ^ ... ^ 0x9 ^ 0x0 ^ 0xF = 0x5 -> "5"
    assert encode_track(2, "1234567890") == ";1234567890?5"
    assert parse_swipe(";1234567890?5")[0].lrc_checked
    with pytest.raises(TrackError, match="LRC mismatch"):
        parse_swipe(";1234567890?6")
    with pytest.raises(TrackError, match="LRC is missing"):
        parse_swipe(";1234567890?", lrc_mode="required")
    assert card_number_of(parse_swipe(";1234567890?", lrc_mode="absent")) == "1234567890"


def test_track_1_name_and_track_2_pan():
    swipe = encode_track(1, "B4000001234567899^NGUYEN/VAN A^29121010000") + encode_track(2, "4000001234567899=2912")
    tracks = parse_swipe(swipe)
    assert [t.track for t in tracks] == [1, 2]
    assert card_number_of(tracks, (1,)) == card_number_of(tracks, (2,)) == "4000001234567899"
