"""What the bench scripts share: the configured server, a scratch database, a timer that prints."""
import statistics
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import odoo

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / ".local" / "odoo-runtime.conf"
LABEL_WIDTH = 66


def require_setup():
    if not CONF.exists():
        sys.exit("Run ./retail setup first: it writes .local/odoo-runtime.conf.")


def timed(label, function, repeat=1):
    """Run ``function`` ``repeat`` times, print the median duration, return the last result."""
    durations = []
    result = None
    for _attempt in range(repeat):
        started = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - started)
    median = statistics.median(durations)
    print(f"{label:<{LABEL_WIDTH}} {median:9.3f} s" + (f"  (median of {repeat})" if repeat > 1 else ""), flush=True)
    return result


def create_database(name, module):
    """A new database with ``module`` and no demo data, on the server ./retail configured."""
    subprocess.run([sys.executable, "-c", (
        "import sys, odoo\n"
        "from contextlib import closing\n"
        "from odoo.tools import SQL\n"
        "odoo.tools.config.parse_config(['-c', sys.argv[1]])\n"
        "with closing(odoo.sql_db.db_connect('postgres').cursor()) as cr:\n"
        "    cr._cnx.autocommit = True\n"
        "    cr.execute(SQL('DROP DATABASE IF EXISTS %s WITH (FORCE)', SQL.identifier(sys.argv[2])))\n"
    ), str(CONF), name], check=True)
    subprocess.run([sys.executable, "-m", "odoo", "-c", str(CONF), "-d", name, "-i", module,
                    "--without-demo=all", "--stop-after-init", "--log-level=warn", "--http-port=0"], check=True)


def fresh_registry(name, module):
    """Create the scratch database (timed) and open Odoo's registry on it."""
    timed(f"create database with {module} (no demo)", lambda: create_database(name, module))
    odoo.tools.config.parse_config(["-c", str(CONF), "-d", name, "--log-level=warn"])
    return odoo.modules.registry.Registry(name)


def drop_database(name):
    odoo.sql_db.close_all()
    with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
