"""Real stacks for the bridge service's tests: pcscd with vsmartcard's vpcd driver and a virtual card,
socat pseudo-terminals, the bridge as its own process, a WebSocket client.

A tool that is missing fails the test (pytest.fail), it never skips it.
"""
import contextlib
import fcntl
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

BRIDGE_SRC = Path(__file__).resolve().parent.parent / "bridge"  # on sys.path: see tests/__init__.py

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
PCSCD_SOCKET = Path("/run/pcscd/pcscd.comm")
PCSCD_LOCK = Path(tempfile.gettempdir()) / "retail-hw-bridge-tests-pcscd.lock"
ORIGIN = "https://till.retail.test"
TOKEN = "test-pairing-token-0123456789"
VPCD_READER = "Retail Test VPCD 00 00"


def require_tool(name, package):
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if not path:
        pytest.fail(f"{name} is missing: install the Debian package {package} (./retail setup does it as root)")
    return path


def free_port(pair=False):
    """A free loopback TCP port (with the next one free too when ``pair``: vpcd opens two slots)."""
    for _attempt in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if not pair or port_is_free(port + 1):
            return port
    raise RuntimeError("no free port pair")


def port_is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def wait_until(condition, timeout=10.0, interval=0.05, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _port_listening(port):
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


# ---------------------------------------------------------------- pcscd + vpcd


def _terminate(process):
    """SIGTERM, then SIGKILL after 10 s: a process started by a test never outlives it."""
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

class PcscDaemon:
    """pcscd in the foreground with its own reader configuration (the vpcd reader or none).

    pcscd's socket is fixed (/run/pcscd/pcscd.comm): test runs on this machine take turns through a
    lock file, and a pcscd we did not start is an error that names itself.
    """

    def __init__(self, workdir, vpcd_port):
        self.workdir = Path(workdir)
        self.vpcd_port = vpcd_port
        self.process = None
        self.log_path = self.workdir / "pcscd.log"

    def start(self, with_reader=True):
        pcscd = require_tool("pcscd", "pcscd")
        if not VPCD_DRIVER.exists():
            pytest.fail(f"{VPCD_DRIVER} is missing: install the Debian package vsmartcard-vpcd")
        conf_dir = self.workdir / ("readers" if with_reader else "no-readers")
        conf_dir.mkdir(exist_ok=True)
        if with_reader:
            (conf_dir / "vpcd").write_text(
                'FRIENDLYNAME "Retail Test VPCD"\n'
                f"DEVICENAME /dev/null:{self.vpcd_port}\n"
                f"LIBPATH {VPCD_DRIVER}\n"
                f"CHANNELID {self.vpcd_port}\n")
        if PCSCD_SOCKET.exists() and _unix_socket_alive(PCSCD_SOCKET):
            pytest.fail(f"another pcscd is running ({PCSCD_SOCKET}): stop it for the PC/SC tests")
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen([pcscd, "--foreground", "--debug", "--config", str(conf_dir)],
                                            stdout=log, stderr=subprocess.STDOUT)
        wait_until(lambda: PCSCD_SOCKET.exists() and _unix_socket_alive(PCSCD_SOCKET), what="pcscd's socket")
        if with_reader:
            wait_until(lambda: _port_listening(self.vpcd_port), what="vpcd's port")
        return self

    def stop(self):
        _terminate(self.process)
        self.process = None
        wait_until(lambda: not PCSCD_SOCKET.exists() or not _unix_socket_alive(PCSCD_SOCKET),
                   what="pcscd to stop")


def _unix_socket_alive(path):
    with socket.socket(socket.AF_UNIX) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(str(path)) == 0


@contextlib.contextmanager
def pcscd_turn():
    """One test run at a time owns pcscd on this machine."""
    with open(PCSCD_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class VirtualCard:
    """A contactless card in vpcd's virtual reader: a TCP client of vpcd speaking its protocol.

    vpcd sends frames (2-byte big-endian length + body); a 1-byte body is a control code (0 power
    off, 1 power on, 2 reset, 4 give the ATR), a longer one an APDU to answer. Connected is
    inserted; closing the connection removes the card.
    """

    ATR = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")  # a PC/SC contactless storage card

    def __init__(self, port, uid, files=None):
        self.port = port
        self.uid = bytes.fromhex(uid)
        self.files = files or {}  # AID (hex) -> content of its file, for member-number APDUs
        self.selected = None
        self.apdus = []
        self.sock = None
        self.thread = None

    def insert(self):
        self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        self.sock.settimeout(None)
        self.thread = threading.Thread(target=self._serve, args=(self.sock,), daemon=True)
        self.thread.start()
        return self

    def remove(self):
        sock, self.sock = self.sock, None
        if sock:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self.thread:
            self.thread.join(timeout=5)

    def _serve(self, sock):
        try:
            while True:
                body = _recv_frame(sock)
                if body is None:
                    return
                if len(body) == 1:
                    if body[0] == 4:
                        _send_frame(sock, self.ATR)
                    continue
                self.apdus.append(body.hex().upper())
                _send_frame(sock, self.answer(body))
        except OSError:
            return

    def answer(self, apdu):
        cla, ins, p1, p2 = apdu[:4]
        if (cla, ins, p1, p2) == (0xFF, 0xCA, 0x00, 0x00):
            return self.uid + b"\x90\x00"
        if (cla, ins) == (0x00, 0xA4):
            aid = apdu[5:5 + apdu[4]].hex().upper()
            if aid in self.files:
                self.selected = aid
                return b"\x90\x00"
            return b"\x6A\x82"
        if (cla, ins) == (0x00, 0xB0) and self.selected:
            return self.files[self.selected] + b"\x90\x00"
        return b"\x6D\x00"


def _recv_exact(sock, size):
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _recv_frame(sock):
    header = _recv_exact(sock, 2)
    if header is None:
        return None
    (length,) = struct.unpack(">H", header)
    return _recv_exact(sock, length) if length else b""


def _send_frame(sock, body):
    sock.sendall(struct.pack(">H", len(body)) + body)


# ---------------------------------------------------------------- socat pseudo-terminals

class SerialLine:
    """A socat pty pair: the bridge opens ``reader``, the test writes to ``till_end``."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.reader = self.workdir / "reader-tty"
        self.till_end = self.workdir / "card-tty"
        self.process = None
        self.port = None

    def start(self):
        import serial

        socat = require_tool("socat", "socat")
        with open(self.workdir / "socat.log", "a") as log:
            self.process = subprocess.Popen(
                [socat, "-d", "-d", f"pty,rawer,link={self.reader}", f"pty,rawer,link={self.till_end}"],
                stdout=subprocess.DEVNULL, stderr=log)
        wait_until(lambda: self.reader.exists() and self.till_end.exists(), what="socat's ptys")
        # the card's end stays open for the whole test: closing a pty's last handle ends socat
        self.port = serial.Serial(str(self.till_end), 9600, timeout=1)
        return self

    def stop(self):
        if self.port:
            self.port.close()
            self.port = None
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
        wait_until(lambda: not self.reader.exists(), what="socat to remove its links")

    def send(self, data, pause=0.0):
        self.port.write(data)
        self.port.flush()
        if pause:
            time.sleep(pause)


# ---------------------------------------------------------------- the bridge process

def bridge_config(port, pcsc=True, serial=(), host="127.0.0.1", extra_pcsc=""):
    lines = [
        "[server]", f'host = "{host}"', f"port = {port}", f'token = "{TOKEN}"',
        f'allowed_origins = ["{ORIGIN}"]', "", "[log]", 'level = "DEBUG"', "",
        "[pcsc]", f"enabled = {'true' if pcsc else 'false'}", "poll_interval = 0.2", "retry_interval = 0.3",
        extra_pcsc, "",
    ]
    for reader in serial:
        lines.append("[[serial]]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in reader.items()]
        lines.append("")
    return "\n".join(lines)


class BridgeProcess:
    """``python -m retail_hw_bridge_service`` with a configuration file; its log is kept for asserts."""

    def __init__(self, workdir, config_text, env=None):
        self.workdir = Path(workdir)
        self.config_path = self.workdir / "bridge.toml"
        self.config_path.write_text(config_text)
        self.log_path = self.workdir / "bridge.log"
        self.env = env or {}
        self.process = None

    def start(self, wait_ready=True):
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("RETAIL_HW_BRIDGE_")},
            "PYTHONPATH": str(BRIDGE_SRC), "PYTHONUNBUFFERED": "1", **self.env,
        }
        self.log_path.touch()
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "retail_hw_bridge_service", "--config", str(self.config_path)],
                stdout=subprocess.DEVNULL, stderr=log, env=env, cwd=self.workdir)
        if wait_ready:
            self.wait_for_log("ready")
        return self

    def log(self):
        return self.log_path.read_text()

    def wait_for_log(self, text, timeout=10):
        def seen():
            if self.process.poll() is not None and text not in self.log():
                raise AssertionError(f"the bridge exited ({self.process.returncode}):\n{self.log()}")
            return text in self.log()
        return wait_until(seen, timeout=timeout, what=f"{text!r} in the bridge's log")

    def assert_running(self):
        assert self.process.poll() is None, f"the bridge stopped:\n{self.log()}"

    def stop(self):
        _terminate(self.process)
        return self.process.returncode if self.process else None


class BridgeClient:
    """What the POS page does, as a Python WebSocket client (the websockets library)."""

    def __init__(self, port, token=TOKEN, origin=ORIGIN):
        from websockets.sync.client import connect

        self.connection = connect(f"ws://127.0.0.1:{port}/?token={token}", origin=origin, open_timeout=5)
        self.hello = self.next_event("hello")

    def next_event(self, wanted=None, timeout=10, **fields):
        """The next event of that kind (and fields); others in between are returned in ``skipped``."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {wanted} event {fields} within {timeout}s")
            event = json.loads(self.connection.recv(timeout=remaining))
            if (wanted is None or event["event"] == wanted) and all(event.get(k) == v for k, v in fields.items()):
                return event

    def close(self):
        self.connection.close()
