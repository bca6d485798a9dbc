"""The core (config, models, data, utils) and the command line (cli) must run without Qt:
proven two ways."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_FREE = ("config", "models", "data", "utils", "cli")


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_and_cli_import_with_qt_blocked():
    """Import every core and command-line module in a fresh interpreter where importing Qt
    raises."""
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in QT_FREE for path in (ROOT / package).rglob("*.py"))
    script = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'):\n"
        "            raise ImportError('Qt is forbidden in the core: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('ok', len(sys.modules))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr


# The modules that know the shared folder's layout and seam (docs/architecture.md section 7):
# its implementations of the ports and what is still folder-only. Every other module of utils/
# is a source of the contract "Only the shared folder's modules use its layout and seam".
FOLDER_MODULES = {
    "utils.site.layout", "utils.site.share_fs", "utils.site.share_entries",
    "utils.site.share_folders", "utils.site.share_files", "utils.site.folder_store",
    "utils.site.folder_transport", "utils.site.station_folder", "utils.site.journal",
    "utils.site.journal_read", "utils.site.membership", "utils.site.site_key",
    "utils.site.site_file_keep",
    "utils.site.demo", "utils.site.synthetic", "utils.setup_checks", "utils.first_run",
    "utils.context", "utils.backup.archive_check",
}


def test_every_module_of_utils_is_placed_on_one_side_of_the_folder_contract():
    """A new module of utils/ is either checked by the contract or named a folder module here
    on purpose; the contract's list alone would let a new one slip past unchecked."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"]
                  if c["name"] == "Only the shared folder's modules use its layout and seam"]
    checked = set(contract["source_modules"])
    modules = {".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
               for path in (ROOT / "utils").rglob("*.py")}
    unplaced = {module for module in modules - FOLDER_MODULES
                if not any(module == source or module.startswith(source + ".")
                           for source in checked)}
    assert unplaced == {"utils", "utils.site", "utils.backup"}  # packages' own __init__
    assert FOLDER_MODULES <= modules  # none of them renamed or gone unnoticed
    assert not checked & FOLDER_MODULES
