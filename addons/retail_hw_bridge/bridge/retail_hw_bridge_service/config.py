"""Configuration: a TOML file, then environment variables (``RETAIL_HW_BRIDGE_*``) on top.

File: ``--config PATH``, else ``$RETAIL_HW_BRIDGE_CONFIG``, else ``/etc/retail-hw-bridge/config.toml``
(``%PROGRAMDATA%\\retail-hw-bridge\\config.toml`` on Windows) when it exists. See config.example.toml.
"""
import ipaddress
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .track_parser import LRC_MODES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 tills
    import tomli as tomllib

ENV_PREFIX = "RETAIL_HW_BRIDGE_"
DEFAULT_PORT = 8765
MIN_TOKEN_LENGTH = 16
FRAMINGS = ("track", "line", "stx_etx")
PARITIES = ("N", "E", "O", "M", "S")


class ConfigError(ValueError):
    """The configuration cannot be used; the message says what to change."""


@dataclass
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    token: str = ""
    allowed_origins: list = field(default_factory=list)


@dataclass
class PcscConfig:
    enabled: bool = True
    poll_interval: float = 0.5
    retry_interval: float = 2.0
    readers: list = field(default_factory=list)  # parts of reader names to use; empty: every reader
    number_apdus: list = field(default_factory=list)  # hex APDUs; the last answer is the member number
    number_encoding: str = "ascii"  # "ascii" or "hex"


@dataclass
class SerialConfig:
    name: str = "serial"
    port: str = ""
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    framing: str = "track"
    kind: str = ""  # the event's kind; default "stripe" for track framing, else "rfid"
    lrc: str = "auto"
    tracks: list = field(default_factory=lambda: [2, 1])
    number_pattern: str = r"^[0-9A-Za-z]{4,40}$"
    frame_gap: float = 0.3  # seconds of silence that end a frame
    reconnect_interval: float = 2.0

    @property
    def event_kind(self):
        return self.kind or ("stripe" if self.framing == "track" else "rfid")


@dataclass
class LogConfig:
    level: str = "INFO"
    file: str = ""  # empty: standard error (the journal under systemd)


@dataclass
class BridgeConfig:
    server: ServerConfig
    pcsc: PcscConfig
    serial: list
    log: LogConfig
    source: str = ""


def default_config_path():
    if os.name == "nt":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "retail-hw-bridge" / "config.toml"
    return Path("/etc/retail-hw-bridge/config.toml")


def _read_file(path, environ):
    if path is None:
        path = environ.get(ENV_PREFIX + "CONFIG") or None
        if path is None and default_config_path().exists():
            path = default_config_path()
    if path is None:
        return {}, ""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle), str(path)
    except OSError as error:
        raise ConfigError(f"cannot read the configuration file {path}: {error.strerror}")
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"the configuration file {path} is not valid TOML: {error}")


def _split_list(value):
    return [item for item in value.replace(",", " ").split() if item]


def _as_bool(name, value):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{name} must be true or false, not {value!r}")


def _apply_environment(data, environ):
    env = {key[len(ENV_PREFIX):].lower(): value for key, value in environ.items() if key.startswith(ENV_PREFIX)}
    server = data.setdefault("server", {})
    for key in ("host", "port", "token"):
        if key in env:
            server[key] = env[key]
    if "allowed_origins" in env:
        server["allowed_origins"] = _split_list(env["allowed_origins"])
    log = data.setdefault("log", {})
    for key in ("level", "file"):
        if f"log_{key}" in env:
            log[key] = env[f"log_{key}"]
    if "pcsc" in env:
        data.setdefault("pcsc", {})["enabled"] = env["pcsc"]
    if env.get("serial_port"):
        # one serial reader from the environment replaces the file's list
        reader = {"name": env.get("serial_name", "serial"), "port": env["serial_port"]}
        for key in ("baudrate", "framing", "lrc", "kind"):
            if f"serial_{key}" in env:
                reader[key] = env[f"serial_{key}"]
        data["serial"] = [reader]
    return data


def _number(name, value, kind=int, minimum=None, maximum=None):
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a number, not {value!r}")
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise ConfigError(f"{name} must be between {minimum} and {maximum}, not {value!r}")
    return number


def _loopback_host(host):
    host = str(host).strip()
    if host == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise ConfigError(f"server.host must be a loopback address (127.0.0.1 or ::1), not {host!r}")
    if not address.is_loopback:
        raise ConfigError(
            f"server.host {host} is not a loopback address: the bridge only serves the browser on this "
            "machine (use 127.0.0.1 or ::1)")
    return str(address)


def _normalise_origin(origin):
    return str(origin).strip().rstrip("/").lower()


def _server(values):
    server = ServerConfig(
        host=_loopback_host(values.get("host", "127.0.0.1")),
        port=_number("server.port", values.get("port", DEFAULT_PORT), minimum=0, maximum=65535),
        token=str(values.get("token", "")).strip(),
        allowed_origins=[_normalise_origin(o) for o in values.get("allowed_origins", []) if str(o).strip()],
    )
    if len(server.token) < MIN_TOKEN_LENGTH:
        raise ConfigError(
            f"server.token (the pairing token) must have at least {MIN_TOKEN_LENGTH} characters: generate "
            "one with `retail-hw-bridge --generate-token` and enter the same token in the POS settings")
    if not server.allowed_origins:
        raise ConfigError(
            "server.allowed_origins is empty: list the address of your Odoo as the browser shows it "
            "(for example https://shop.example.com)")
    return server


def _pcsc(values):
    pcsc = PcscConfig(
        enabled=_as_bool("pcsc.enabled", values.get("enabled", True)),
        poll_interval=_number("pcsc.poll_interval", values.get("poll_interval", 0.5), float, 0.05, 10),
        retry_interval=_number("pcsc.retry_interval", values.get("retry_interval", 2.0), float, 0.1, 300),
        readers=[str(r) for r in values.get("readers", [])],
        number_apdus=[str(a).replace(" ", "") for a in values.get("number_apdus", [])],
        number_encoding=str(values.get("number_encoding", "ascii")),
    )
    for apdu in pcsc.number_apdus:
        try:
            if len(bytes.fromhex(apdu)) < 4:
                raise ValueError
        except ValueError:
            raise ConfigError(f"pcsc.number_apdus: {apdu!r} is not an APDU in hexadecimal")
    if pcsc.number_encoding not in ("ascii", "hex"):
        raise ConfigError("pcsc.number_encoding must be 'ascii' or 'hex'")
    return pcsc


def _serial(index, values):
    label = f"serial[{index}]"
    reader = SerialConfig(
        name=str(values.get("name", f"serial{index}")),
        port=str(values.get("port", "")).strip(),
        baudrate=_number(f"{label}.baudrate", values.get("baudrate", 9600), minimum=50, maximum=4000000),
        bytesize=_number(f"{label}.bytesize", values.get("bytesize", 8), minimum=5, maximum=8),
        parity=str(values.get("parity", "N")).upper()[:1],
        stopbits=_number(f"{label}.stopbits", values.get("stopbits", 1), float, 1, 2),
        framing=str(values.get("framing", "track")),
        kind=str(values.get("kind", "")),
        lrc=str(values.get("lrc", "auto")),
        tracks=[_number(f"{label}.tracks", t, minimum=1, maximum=2) for t in values.get("tracks", [2, 1])],
        number_pattern=str(values.get("number_pattern", SerialConfig.number_pattern)),
        frame_gap=_number(f"{label}.frame_gap", values.get("frame_gap", 0.3), float, 0.01, 10),
        reconnect_interval=_number(
            f"{label}.reconnect_interval", values.get("reconnect_interval", 2.0), float, 0.1, 300),
    )
    if not reader.port:
        raise ConfigError(f"{label}.port is empty (for example /dev/ttyUSB0 or COM3)")
    if reader.framing not in FRAMINGS:
        raise ConfigError(f"{label}.framing must be one of {', '.join(FRAMINGS)}")
    if reader.lrc not in LRC_MODES:
        raise ConfigError(f"{label}.lrc must be one of {', '.join(LRC_MODES)}")
    if reader.parity not in PARITIES:
        raise ConfigError(f"{label}.parity must be one of {', '.join(PARITIES)}")
    return reader


def load_config(path=None, environ=None):
    environ = os.environ if environ is None else environ
    data, source = _read_file(path, environ)
    data = _apply_environment(data, environ)
    log = data.get("log", {})
    return BridgeConfig(
        server=_server(data.get("server", {})),
        pcsc=_pcsc(data.get("pcsc", {})),
        serial=[_serial(index, values) for index, values in enumerate(data.get("serial", []))],
        log=LogConfig(level=str(log.get("level", "INFO")).upper(), file=str(log.get("file", ""))),
        source=source,
    )
