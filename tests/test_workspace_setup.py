"""The set-up script finds Odoo, or stops with one clear sentence.

These run the real script in a subprocess, as a user would, without touching the database.
"""
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "retail_env.py"
sys.path.insert(0, str(SCRIPT.parent))
import retail_env  # noqa: E402


def run_setup(env_overrides, *python_flags):
    env = {k: v for k, v in os.environ.items() if k not in ("ODOO_SRC", "PYTHONPATH")}
    env.update(env_overrides)
    # An address nothing listens on: the download fallback fails at once instead of waiting.
    env.setdefault("ODOO_ARCHIVE_URL", "http://127.0.0.1:9/odoo_18.0.latest.tar.gz")
    return subprocess.run(
        [sys.executable, *python_flags, str(SCRIPT), "setup"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def assert_one_clear_sentence(result, *fragments):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    for fragment in fragments:
        assert fragment in lines[0]


def test_without_any_odoo_setup_stops_with_what_to_set(tmp_path):
    # -S: no site-packages, so no Odoo importable; ODOO_SRC unset; the archive unreachable.
    result = run_setup({"HOME": str(tmp_path)}, "-S")
    assert_one_clear_sentence(result, "Odoo 18 was not found", "ODOO_SRC")


def test_odoo_src_pointing_nowhere_is_named(tmp_path):
    missing = tmp_path / "nowhere"
    result = run_setup({"ODOO_SRC": str(missing)})
    assert_one_clear_sentence(result, f"ODOO_SRC={missing} does not exist")


def test_odoo_src_with_another_version_is_refused(tmp_path):
    (tmp_path / "odoo").mkdir()
    (tmp_path / "odoo" / "release.py").write_text("version_info = (17, 0, 0, 'final', 0, '')\n")
    result = run_setup({"ODOO_SRC": str(tmp_path)})
    assert_one_clear_sentence(result, "Odoo 17.0, not 18.0")


def make_fake_odoo_tree(folder):
    (folder / "odoo").mkdir(parents=True)
    (folder / "odoo" / "release.py").write_text("version_info = (18, 0, 0, 'final', 0, '')\n")
    (folder / "addons").mkdir()
    return folder


def test_odoo_src_archive_is_extracted_once_and_found(tmp_path, monkeypatch):
    tree = make_fake_odoo_tree(tmp_path / "src" / "odoo-18.0")
    archive = tmp_path / "odoo-18.0.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tree, arcname="odoo-18.0")
    monkeypatch.setattr(retail_env, "LOCAL", tmp_path / "local")
    monkeypatch.setenv("ODOO_SRC", str(archive))
    root = retail_env.find_odoo()
    assert root.name == "odoo-18.0"
    assert retail_env.odoo_version_of(root) == (18, 0)
    assert retail_env.find_odoo() == root


def test_importable_odoo_is_used_when_odoo_src_is_unset(monkeypatch):
    monkeypatch.delenv("ODOO_SRC", raising=False)
    root = retail_env.find_odoo()
    assert retail_env.odoo_version_of(root) == (18, 0)
    assert [p.name for p in retail_env.odoo_addons_paths(root)][-1] == "addons"


@pytest.mark.parametrize("key", ["db_host", "http_port"])
def test_environment_overrides_odoo_conf(monkeypatch, key):
    parser = retail_env.read_project_conf()
    monkeypatch.setenv(f"RETAIL_{key.upper()}", "overridden")
    assert retail_env.conf_value(parser, key) == "overridden"
