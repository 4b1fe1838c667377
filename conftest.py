"""Project-wide pytest rules.

- A skipped test is a failed run: Odoo skips browser tours when Chrome or websocket-client is
  missing and still reports success (RETAIL_ALLOW_SKIPS=1 allows skips in a local partial run).
- The browser tours that really ran (HttpCase.start_tour returned: the browser reported success)
  are listed at the end.
"""
import os

import odoo

# pytest is the test runner here: import Odoo's test framework in test mode, before pytest-odoo
# does it outside test mode (Odoo logs an error with a stack trace for that).
odoo.tools.config["test_enable"] = True
import odoo.tests  # noqa: E402

odoo.tools.config["test_enable"] = False


def pytest_addoption(parser):
    parser.addoption(
        "--retail-deselect", action="append", default=[], metavar="FILE::CLASS::TEST",
        help="deselect a test given by its absolute file path (for Odoo's own tests outside the rootdir)",
    )


def pytest_collection_modifyitems(config, items):
    unwanted = set(config.getoption("--retail-deselect"))
    if not unwanted:
        return
    kept, dropped = [], []
    for item in items:
        test_path = "::".join([str(item.path), *item.nodeid.split("::")[1:]])
        (dropped if test_path in unwanted else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


_tours_run = []
_start_tour = odoo.tests.HttpCase.start_tour


def _start_and_record_tour(self, url_path, tour_name, step_delay=None, **kwargs):
    """HttpCase.start_tour returns only once the browser reported the tour's success."""
    result = _start_tour(self, url_path, tour_name, step_delay=step_delay, **kwargs)
    _tours_run.append((tour_name, self.id()))
    return result


odoo.tests.HttpCase.start_tour = _start_and_record_tour


def _skipped_reports(config):
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    return reporter.stats.get("skipped", []) if reporter else []


def pytest_sessionfinish(session, exitstatus):
    if _skipped_reports(session.config) and not os.environ.get("RETAIL_ALLOW_SKIPS") and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _tours_run:
        terminalreporter.section("browser tours run")
        for name, nodeid in _tours_run:
            terminalreporter.write_line(f"{name} succeeded in Chromium ({nodeid})")
        terminalreporter.write_line(f"{len(_tours_run)} browser tours ran and succeeded.")
    skipped = _skipped_reports(config)
    if skipped and not os.environ.get("RETAIL_ALLOW_SKIPS"):
        terminalreporter.write_line(
            f"FAILED: {len(skipped)} test(s) were skipped; skips count as failures here "
            "(a missing browser, websocket-client or other environment gap hides real tests).",
            red=True,
        )
