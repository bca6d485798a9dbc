"""The admin panel's tabs and the dialogs they open receive the services they use, never the
AppContext (issue 17, point 3; docs/architecture.md §8): only the composition point —
gui/admin/window.py and gui/admin/wiring.py — reads the context.

Read from the source (no Qt needed): a module fails if it imports utils.context in any form
(also under TYPE_CHECKING), names `AppContext`, or has a name, parameter or attribute called
`ctx` (a tab that took the context untyped, or reached it through another object, as the
Commands tab did through `fleet.ctx`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ADMIN = Path(__file__).resolve().parents[2] / "gui" / "admin"
COMPOSITION = {"window.py", "wiring.py"}
MODULES = sorted(p for p in ADMIN.glob("*.py") if p.name not in COMPOSITION)


def context_uses(source: str) -> list[str]:
    """Each place `source` imports, names or reaches the context, as "line: what"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.ImportFrom):
            if node.module == "utils.context" or (
                    node.module == "utils" and any(a.name == "context" for a in node.names)):
                found.append(f"{line}: imports utils.context")
        elif isinstance(node, ast.Import):
            if any(a.name == "utils.context" for a in node.names):
                found.append(f"{line}: imports utils.context")
        elif isinstance(node, ast.Name) and node.id in ("ctx", "AppContext"):
            found.append(f"{line}: names {node.id}")
        elif isinstance(node, ast.arg) and node.arg == "ctx":
            found.append(f"{line}: takes ctx")
        elif isinstance(node, ast.Attribute) and node.attr == "ctx":
            found.append(f"{line}: reaches .ctx")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                node.value == "AppContext" or node.value.startswith("AppContext")):
            found.append(f"{line}: names AppContext in a string annotation")
    return found


def test_every_tab_module_is_checked():
    names = {p.name for p in MODULES}
    assert {"production_tab.py", "audit_tab.py", "lots_tab.py", "users_tab.py", "catalog_tab.py",
            "spc_tab.py", "oee_tab.py", "handover_tab.py", "commands_tab.py", "fleet_tab.py",
            "record_dialog.py", "release_dialog.py"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_an_admin_module_does_not_take_the_context(path: Path):
    assert context_uses(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("source", [
    "from utils.context import AppContext\n",
    "from utils import context\n",
    "import utils.context\n",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from utils.context import X\n",
    "class Tab:\n    def __init__(self, ctx, session):\n        pass\n",
    "def f(site: 'AppContext'):\n    pass\n",
    "def f(self):\n    return self.fleet.ctx.timezone\n",
    "zone = ctx.timezone\n",
])
def test_the_check_catches_each_way_back_to_the_context(source: str):
    assert context_uses(source)


def test_the_check_passes_a_tab_that_takes_services():
    source = ("from gui.admin.site_now import SiteNow\n"
              "class Tab:\n"
              "    def __init__(self, site: SiteNow, view, changes):\n"
              "        self.site, self.view = site, view\n"
              "        self.context_menu = None\n")
    assert context_uses(source) == []
