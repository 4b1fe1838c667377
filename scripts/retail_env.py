#!/usr/bin/env python3
"""Set up and drive a Retail CRM workspace: Odoo 18, PostgreSQL, the Python environment.

Standard library only: this runs before any dependency is installed.

    ./retail run        set everything up, create the demo database, serve Odoo on :8069
    ./retail test [...] set everything up, install the addons in a fresh database, run pytest
    ./retail lint       ruff and pylint-odoo over the addons
    ./retail setup      only the set-up (environment, database server)
    ./retail shell      an Odoo shell on the demo database
"""
import configparser
import hashlib
import importlib.util
import os
import pwd
import re
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
VENV = ROOT / ".venv"
PROJECT_CONF = ROOT / "odoo.conf"
RUNTIME_CONF = LOCAL / "odoo-runtime.conf"
RETAIL_ADDONS = ["retail_crm", "retail_loyalty", "retail_vouchers", "retail_footfall", "retail_hw_bridge"]
# Odoo apps the retail addons work with without depending on them, installed in the test database so
# their optional paths are tested (Sales: the thank-you after a confirmed order; sale_loyalty comes with it)
TEST_EXTRA_MODULES = ["sale"]
ODOO_ARCHIVE_URL = os.environ.get("ODOO_ARCHIVE_URL", "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz")
ODOO_MISSING = (
    "Odoo 18 was not found: set ODOO_SRC to an Odoo 18.0 source tree or archive "
    "(for example ODOO_SRC=/opt/odoo-18.0), or make 'import odoo' (18.0) work for python3."
)
# Debian packages the set-up installs when it runs as root and they are missing.
SYSTEM_PACKAGES = {
    "run": ["postgresql"],
    "test": ["postgresql", "chromium", "pcscd", "vsmartcard-vpcd", "socat", "libpcsclite-dev", "swig"],
}


class SetupError(Exception):
    """A set-up step failed; the message is one sentence for the user."""


def say(message):
    print(f"[retail] {message}", flush=True)


def run(cmd, check=True, **kwargs):
    return subprocess.run([str(c) for c in cmd], check=check, **kwargs)


def is_root():
    return os.geteuid() == 0


# ---------------------------------------------------------------- configuration

def read_project_conf():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(PROJECT_CONF)
    if not parser.has_section("options"):
        parser.add_section("options")
    return parser


def conf_value(parser, key, default=""):
    env_key = "RETAIL_" + key.upper()
    value = os.environ.get(env_key, parser.get("options", key, fallback=default))
    return "" if value in (None, "False", "false") else str(value).strip()


# ---------------------------------------------------------------- Odoo source

def odoo_version_of(source_root):
    release = Path(source_root) / "odoo" / "release.py"
    if not release.is_file():
        return None
    match = re.search(r"version_info\s*=\s*\((\d+),\s*(\d+)", release.read_text())
    return (int(match.group(1)), int(match.group(2))) if match else None


def _source_root_in(folder):
    """An extracted archive holds the tree at its top or one folder down."""
    folder = Path(folder)
    for candidate in [folder, *sorted(p for p in folder.iterdir() if p.is_dir())]:
        if odoo_version_of(candidate):
            return candidate
    return None


def _extract_archive(archive):
    digest = hashlib.sha1(str(archive.resolve()).encode()).hexdigest()[:12]
    target = LOCAL / "odoo-src" / digest
    if not (target / ".complete").exists():
        say(f"extracting {archive} ...")
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(target)
        else:
            with tarfile.open(archive) as tf:
                tf.extractall(target, filter="data")
        (target / ".complete").touch()
    return _source_root_in(target)


def _importable_odoo_root():
    """The Odoo that the machine's python3 imports, without importing it."""
    try:
        spec = importlib.util.find_spec("odoo")
    except (ImportError, ValueError):
        return None
    if not spec or not spec.origin:
        return None
    return Path(spec.origin).resolve().parent.parent


def _download_odoo():
    archive = LOCAL / "downloads" / "odoo_18.0.latest.tar.gz"
    if not archive.exists():
        archive.parent.mkdir(parents=True, exist_ok=True)
        say(f"downloading Odoo 18.0 from {ODOO_ARCHIVE_URL} ...")
        partial = archive.with_suffix(".part")
        try:
            with urllib.request.urlopen(ODOO_ARCHIVE_URL, timeout=20) as response, open(partial, "wb") as out:
                shutil.copyfileobj(response, out)
        except OSError:
            partial.unlink(missing_ok=True)
            return None
        partial.rename(archive)
    return _extract_archive(archive)


def find_odoo():
    """ODOO_SRC, else the Odoo importable by python3, else the official archive."""
    setting = os.environ.get("ODOO_SRC", "").strip()
    if setting:
        path = Path(setting).expanduser()
        if path.is_dir():
            root = _source_root_in(path)
        elif path.is_file():
            root = _extract_archive(path)
        else:
            raise SetupError(f"ODOO_SRC={setting} does not exist: point it at an Odoo 18.0 source tree or archive.")
    else:
        root = _importable_odoo_root() or _download_odoo()
    if not root:
        raise SetupError(ODOO_MISSING)
    version = odoo_version_of(root)
    if not version or version[0] != 18:
        raise SetupError(f"{root} holds Odoo {version and '.'.join(map(str, version))}, not 18.0: {ODOO_MISSING}")
    return root


def odoo_addons_paths(odoo_root):
    paths = [odoo_root / "odoo" / "addons"]
    if (odoo_root / "addons").is_dir():
        paths.insert(0, odoo_root / "addons")
    return paths


# ---------------------------------------------------------------- system packages

def missing_debian_packages(names):
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for name in names:
        result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True)
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def ensure_system_packages(purpose):
    missing = missing_debian_packages(SYSTEM_PACKAGES[purpose])
    if not missing:
        return
    if not (is_root() and shutil.which("apt-get")):
        raise SetupError(f"missing system packages, install them first: sudo apt-get install {' '.join(missing)}")
    say(f"installing {' '.join(missing)} ...")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env, stdout=subprocess.DEVNULL)


def chrome_executable():
    for name in ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    return None


# ---------------------------------------------------------------- Python environment

def venv_python():
    return VENV / "bin" / "python"


def ensure_venv(odoo_root):
    requirements = ROOT / "requirements.txt"
    stamp_value = hashlib.sha1(requirements.read_bytes() + str(odoo_root).encode() + sys.version.encode()).hexdigest()
    stamp = VENV / ".retail-stamp"
    if stamp.exists() and stamp.read_text() == stamp_value and venv_python().exists():
        return
    if not venv_python().exists():
        say(f"creating the Python environment in {VENV} ...")
        system_site = "site-packages" in odoo_root.parts or "dist-packages" in odoo_root.parts
        run([sys.executable, "-m", "venv", *(["--system-site-packages"] if system_site else []), VENV])
    say("installing Python dependencies (requirements.txt) ...")
    run([venv_python(), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", requirements])
    purelib = subprocess.run(
        [venv_python(), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    (Path(purelib) / "retail-odoo-src.pth").write_text(f"{odoo_root}\n")
    stamp.write_text(stamp_value)


# ---------------------------------------------------------------- PostgreSQL

def postgres_bindir():
    if shutil.which("pg_config"):
        bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        if (Path(bindir) / "initdb").exists():
            return Path(bindir)
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if candidates:
        return candidates[0].parent
    if shutil.which("initdb"):
        return Path(shutil.which("initdb")).parent
    raise SetupError("PostgreSQL server binaries (initdb) were not found: install PostgreSQL, "
                     "or set db_host in odoo.conf to an existing server.")


def embedded_cluster_dir():
    """The private cluster lives in the project, except as root: postgres may not enter a root-only folder."""
    if not is_root():
        return LOCAL / "postgres"
    digest = hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]
    return Path("/var/lib/postgresql/retail-crm") / digest


def _as_cluster_owner(cmd):
    return ["runuser", "-u", "postgres", "--", *map(str, cmd)] if is_root() else cmd


def run_as_cluster_owner(cmd, **kwargs):
    # cwd=/: the project folder may be closed to the postgres user.
    return subprocess.run([str(c) for c in _as_cluster_owner(cmd)], cwd="/", **kwargs)


def ensure_embedded_postgres(port):
    bindir = postgres_bindir()
    cluster = embedded_cluster_dir()
    data, sockets = cluster / "data", cluster / "run"
    if is_root():
        try:
            pwd.getpwnam("postgres")
        except KeyError as exc:
            raise SetupError("running as root needs the 'postgres' system user to own the private cluster: "
                             "install PostgreSQL from your distribution.") from exc
    if not (data / "PG_VERSION").exists():
        say(f"creating a private PostgreSQL cluster in {cluster} ...")
        sockets.mkdir(parents=True, exist_ok=True)
        if is_root():
            run(["chown", "-R", "postgres:postgres", cluster.parent])
        run_as_cluster_owner([bindir / "initdb", "-D", data, "-U", "odoo", "--auth=trust",
                              "--encoding=UTF8", "--locale=C.UTF-8"], check=True, stdout=subprocess.DEVNULL)
    status = run_as_cluster_owner([bindir / "pg_ctl", "-D", data, "status"], capture_output=True)
    if status.returncode != 0:
        say("starting the private PostgreSQL cluster ...")
        options = f"-k {sockets} -p {port} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        run_as_cluster_owner([bindir / "pg_ctl", "-D", data, "-l", cluster / "postgres.log",
                              "-o", options, "-w", "start"], check=True, stdout=subprocess.DEVNULL)
    return {"db_host": str(sockets), "db_port": str(port), "db_user": "odoo", "db_password": ""}


def database_settings(parser):
    host = conf_value(parser, "db_host") or os.environ.get("PGHOST", "")
    port = conf_value(parser, "db_port") or os.environ.get("PGPORT", "") or "5432"
    if host:
        return {
            "db_host": host,
            "db_port": port,
            "db_user": conf_value(parser, "db_user") or os.environ.get("PGUSER", "odoo"),
            "db_password": conf_value(parser, "db_password") or os.environ.get("PGPASSWORD", ""),
        }
    return ensure_embedded_postgres(port)


# ---------------------------------------------------------------- Odoo configuration

def write_runtime_conf(parser, odoo_root, db):
    runtime = configparser.ConfigParser(interpolation=None)
    runtime.read_dict({"options": dict(parser.items("options"))})
    options = runtime["options"]
    options.update(db)
    options["addons_path"] = ",".join(str(p) for p in [*odoo_addons_paths(odoo_root), ROOT / "addons"])
    options["data_dir"] = str(LOCAL / "data")
    LOCAL.mkdir(exist_ok=True)
    with open(RUNTIME_CONF, "w") as handle:
        runtime.write(handle)
    return RUNTIME_CONF


def odoo_cmd(*args):
    return [venv_python(), "-m", "odoo", "-c", RUNTIME_CONF, *args]


def database_exists(name):
    probe = (
        "import sys, odoo\n"
        "odoo.tools.config.parse_config(['-c', sys.argv[1]])\n"
        "from odoo.service.db import exp_db_exist\n"
        "sys.exit(0 if exp_db_exist(sys.argv[2]) else 1)\n"
    )
    return subprocess.run([str(venv_python()), "-c", probe, str(RUNTIME_CONF), name]).returncode == 0


def drop_database(name):
    """Drop the database (and its connections) and its filestore; an error if it survives."""
    probe = (
        "import sys, odoo\n"
        "from contextlib import closing\n"
        "from odoo.tools import SQL\n"
        "odoo.tools.config.parse_config(['-c', sys.argv[1]])\n"
        "from odoo.service.db import _drop_conn, exp_db_exist\n"
        "with closing(odoo.sql_db.db_connect('postgres').cursor()) as cr:\n"
        "    cr._cnx.autocommit = True\n"
        "    _drop_conn(cr, sys.argv[2])\n"
        "    cr.execute(SQL('DROP DATABASE IF EXISTS %s', SQL.identifier(sys.argv[2])))\n"
        "sys.exit(1 if exp_db_exist(sys.argv[2]) else 0)\n"
    )
    run([venv_python(), "-c", probe, RUNTIME_CONF, name])
    shutil.rmtree(LOCAL / "data" / "filestore" / name, ignore_errors=True)


def install_database(name, log_level="warn", extra_modules=()):
    modules = [*RETAIL_ADDONS, *extra_modules]
    say(f"creating database {name} with {', '.join(modules)} and demo data ...")
    started = time.time()
    run(odoo_cmd("-d", name, "-i", ",".join(modules), "--stop-after-init",
                 f"--log-level={log_level}", "--http-port=0"))
    say(f"database {name} ready in {time.time() - started:.0f} s")


def setup(purpose):
    parser = read_project_conf()
    odoo_root = find_odoo()
    say(f"Odoo 18 source: {odoo_root}")
    ensure_system_packages(purpose)
    ensure_venv(odoo_root)
    db = database_settings(parser)
    write_runtime_conf(parser, odoo_root, db)
    return parser


# ---------------------------------------------------------------- commands

def cmd_setup(_args):
    setup("test")


def cmd_run(args):
    parser = setup("run")
    name = conf_value(parser, "db_name") or "retail_demo"
    if not database_exists(name):
        install_database(name, log_level="info")
    port = conf_value(parser, "http_port") or "8069"
    say(f"serving Odoo on http://localhost:{port}/web/login?db={name}  (login: admin, password: admin)")
    os.execv(str(venv_python()), [str(c) for c in odoo_cmd("-d", name, f"--db-filter=^{name}$", *args)])


def cmd_shell(args):
    parser = setup("run")
    name = conf_value(parser, "db_name") or "retail_demo"
    os.execv(str(venv_python()), [str(c) for c in odoo_cmd("shell", "-d", name, *args)])


def check_browser_stack():
    """Odoo skips tours silently without these; we refuse to start instead."""
    problems = []
    if not chrome_executable():
        problems.append("no Chromium/Chrome executable on PATH")
    result = subprocess.run([str(venv_python()), "-c", "import websocket"], capture_output=True)
    if result.returncode != 0:
        problems.append("the Python package websocket-client is not importable")
    if problems:
        raise SetupError("POS tours cannot run: " + "; ".join(problems) + ".")


def cmd_test(args):
    setup("test")
    check_browser_stack()
    name = os.environ.get("RETAIL_TEST_DB", "retail_test")
    if os.environ.get("RETAIL_TEST_REUSE_DB") and database_exists(name):
        say(f"reusing database {name} (RETAIL_TEST_REUSE_DB is set)")
    else:
        drop_database(name)
        install_database(name, extra_modules=TEST_EXTRA_MODULES)
    targets = args or ["addons", "tests"]
    core_tests = [] if args else core_test_targets()
    pytest_cmd = [
        venv_python(), "-m", "pytest", f"--rootdir={ROOT}", f"--config-file={ROOT / 'pyproject.toml'}",
        f"--odoo-config={RUNTIME_CONF}", f"--odoo-database={name}",
        "--odoo-http", "--odoo-log-level=warn", *targets, *core_tests,
    ]
    os.chdir(ROOT)
    result = subprocess.run([str(c) for c in pytest_cmd])
    sys.exit(result.returncode)


def core_test_targets():
    """Odoo's own tests of the models we extend, run on the database with our addons installed.

    tests/core_tests.txt: one `<addon>/<file>[::Class[::test]]` a line; a line starting with `-`
    deselects a test that cannot run in this set-up (its reason stands beside it).
    """
    odoo_root = find_odoo()
    addon_dirs = odoo_addons_paths(odoo_root)
    targets = []
    for line in (ROOT / "tests" / "core_tests.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        deselect = line.startswith("-")
        line = line.lstrip("-").strip()
        addon = line.split("/", 1)[0]
        base = next((d for d in addon_dirs if (d / addon).is_dir()), None)
        if base is None:
            raise SetupError(f"Odoo addon {addon} (listed in tests/core_tests.txt) is missing from {odoo_root}.")
        target = str(base / line)
        targets.append(f"--retail-deselect={target}" if deselect else target)
    return targets


def cmd_lint(args):
    setup("run")
    os.chdir(ROOT)
    paths = [p for p in ("addons", "tests", "bench", "scripts", "conftest.py") if (ROOT / p).exists()]
    status = run([venv_python(), "-m", "ruff", "check", *paths, *args], check=False)
    pylint = run([venv_python(), "-m", "pylint", "--rcfile=.pylintrc", *[f"addons/{a}" for a in RETAIL_ADDONS]],
                 check=False)
    sys.exit(status.returncode or pylint.returncode)


COMMANDS = {"run": cmd_run, "test": cmd_test, "lint": cmd_lint, "setup": cmd_setup, "shell": cmd_shell}


def main(argv):
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    try:
        COMMANDS[argv[0]](argv[1:])
    except SetupError as error:
        print(f"[retail] {error}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as error:
        print(f"[retail] a set-up step failed: {' '.join(map(str, error.cmd))} (exit {error.returncode})",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
