import sys
from pathlib import Path

# The bridge service is no Odoo module: its tests (test_bridge_*.py, plain pytest modules collected
# by file, unknown to Odoo's own test runner) import it from its source folder.
_BRIDGE_SRC = str(Path(__file__).resolve().parent.parent / "bridge")
if _BRIDGE_SRC not in sys.path:
    sys.path.insert(0, _BRIDGE_SRC)

from . import test_pos_config  # noqa: E402
from . import test_pos_bridge_tour  # noqa: E402
from . import test_translations  # noqa: E402
