"""``retail-hw-bridge``: start the readers and the WebSocket, run until SIGTERM/SIGINT."""
import argparse
import asyncio
import contextlib
import logging
import logging.handlers
import secrets
import signal
import sys
import threading

from . import __version__
from .config import ConfigError, load_config
from .events import EventHub
from .ws_server import BridgeServer

_logger = logging.getLogger("retail_hw_bridge_service")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="retail-hw-bridge",
        description="Card readers of this till (PC/SC chip cards, serial stripe/RFID readers) for the Odoo POS.")
    parser.add_argument("-c", "--config", help="configuration file (TOML); default $RETAIL_HW_BRIDGE_CONFIG, "
                                               "else /etc/retail-hw-bridge/config.toml when it exists")
    parser.add_argument("--generate-token", action="store_true", help="print a new pairing token and exit")
    parser.add_argument("--check-config", action="store_true", help="check the configuration and exit")
    parser.add_argument("--version", action="version", version=f"retail-hw-bridge {__version__}")
    return parser.parse_args(argv)


def setup_logging(log_config):
    if log_config.file:
        handler = logging.handlers.RotatingFileHandler(log_config.file, maxBytes=5_000_000, backupCount=3)
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(log_config.level)
    logging.getLogger("websockets").setLevel(max(logging.WARNING, root.level))


def start_readers(config, publish, stop_event):
    readers = []
    if config.pcsc.enabled:
        try:
            from .pcsc_reader import PcscCardWatcher
        except ImportError as error:  # pyscard or the PC/SC library missing on this till
            _logger.error("chip cards disabled: pyscard cannot be loaded (%s)", error)
        else:
            readers.append(PcscCardWatcher(config.pcsc, publish, stop_event))
    if config.serial:
        from .serial_reader import SerialCardReader

        readers += [SerialCardReader(reader, publish, stop_event) for reader in config.serial]
    for reader in readers:
        reader.start()
    return readers


def _install_signal_handlers(stop):
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        # Windows has no loop signal handlers: Ctrl+C raises KeyboardInterrupt there instead
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)


async def run_bridge(config, stop=None):
    stop = stop or asyncio.Event()
    hub = EventHub(asyncio.get_running_loop())
    server = await BridgeServer(config.server, hub).start()
    _install_signal_handlers(stop)
    stop_readers = threading.Event()
    readers = start_readers(config, hub.publish, stop_readers)
    dispatcher = asyncio.create_task(hub.dispatch(server.send))
    _logger.info("retail-hw-bridge %s ready (%s)", __version__, config.source or "no configuration file")
    try:
        await stop.wait()
    finally:
        _logger.info("stopping")
        stop_readers.set()
        dispatcher.cancel()
        server.close()
        await server.wait_closed()
        for reader in readers:
            reader.join(timeout=5)
    return 0


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.generate_token:
        sys.stdout.write(secrets.token_urlsafe(24) + "\n")
        return 0
    try:
        config = load_config(args.config)
    except ConfigError as error:
        sys.stderr.write(f"retail-hw-bridge: {error}\n")
        return 2
    setup_logging(config.log)
    if args.check_config:
        sys.stdout.write(
            f"configuration OK ({config.source or 'environment only'}): ws://{config.server.host}:"
            f"{config.server.port}, chip cards {'on' if config.pcsc.enabled else 'off'}, "
            f"{len(config.serial)} serial reader(s)\n")
        return 0
    try:
        return asyncio.run(run_bridge(config))
    except OSError as error:
        _logger.error("cannot serve on %s:%s: %s", config.server.host, config.server.port, error)
        return 1
    except KeyboardInterrupt:
        return 0
