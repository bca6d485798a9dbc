"""No import inside a function dodges an import cycle (issue 17's acceptance).

Imports inside functions are allowed for one reason: to keep start-up and first openings light
(a dialog's module imported when the dialog is opened). Such an import must not be what keeps
two modules from importing each other at load time: if the imported module reaches the
importing one through module-level imports, the function-level import hides a cycle that
import-linter's layers do not see. This test reads every module's syntax (never imports it)
and fails on such a pair.
"""

from __future__ import annotations

import ast
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class LateImport:
    module: str
    target: str
    path: str
    line: int


def _is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


class _ImportGraph:
    """Module-level imports (edges) and function-level ones (late) between project modules."""

    def __init__(self, root: Path, files: list[str]):
        self.root = root
        self.paths = {f.removesuffix(".py").replace("/", ".").removesuffix(".__init__"): f
                      for f in files}
        self.edges: dict[str, set[str]] = {name: set() for name in self.paths}
        self.late: list[LateImport] = []
        for name, path in self.paths.items():
            self._read(name, path)

    def _project_module(self, dotted: str) -> str | None:
        while dotted and dotted not in self.paths:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    def _targets(self, node: ast.Import | ast.ImportFrom, importer: str) -> set[str]:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif node.module and node.level == 0:
            # `from a.b import c` may name module a.b.c or a name inside a.b.
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            names = []
        found = {self._project_module(name) for name in names}
        return {target for target in found if target and target != importer}

    def _read(self, name: str, path: str) -> None:
        tree = ast.parse((self.root / path).read_text(encoding="utf-8"), filename=path)

        def walk(node: ast.AST, in_function: bool) -> None:
            for child in ast.iter_child_nodes(node):
                if _is_type_checking_block(child):
                    continue  # never executed: no cycle at run time
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                    walk(child, True)
                    continue
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    for target in self._targets(child, name):
                        if in_function:
                            self.late.append(LateImport(name, target, path, child.lineno))
                        else:
                            self.edges[name].add(target)
                walk(child, in_function)

        walk(tree, False)

    def reaches(self, start: str, goal: str) -> bool:
        seen: set[str] = set()
        stack = [start]
        while stack:
            current = stack.pop()
            if current == goal:
                return True
            if current not in seen:
                seen.add(current)
                stack.extend(self.edges.get(current, ()))
        return False

    def cycle_dodges(self) -> list[LateImport]:
        return [late for late in self.late if self.reaches(late.target, late.module)]


def _app_files(root: Path) -> list[str]:
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "*.py"], capture_output=True,
                            text=True, check=True, timeout=60).stdout.split()
    return [f for f in listed if not f.startswith(("tests/", "packaging/"))]


def test_no_import_inside_a_function_dodges_a_cycle():
    graph = _ImportGraph(ROOT, _app_files(ROOT))
    assert graph.late, "the reader found no function-level import at all: it reads nothing"
    dodges = [f"{late.path}:{late.line} imports {late.target} inside a function, and "
              f"{late.target} imports {late.module} back at load time"
              for late in graph.cycle_dodges()]
    assert not dodges, "\n".join(dodges)


def _write(root: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return list(files)


def test_the_reader_finds_a_dodged_cycle_through_a_third_module(tmp_path):
    files = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "def late():\n    from pkg.b import thing\n    return thing\n",
        "pkg/b.py": "from pkg import c\nthing = 1\n",
        "pkg/c.py": "import pkg.a\n",
    })
    dodges = _ImportGraph(tmp_path, files).cycle_dodges()
    assert [(d.module, d.target, d.line) for d in dodges] == [("pkg.a", "pkg.b", 2)]


def test_a_late_import_for_start_up_alone_and_type_checking_imports_pass(tmp_path):
    files = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "def late():\n    from pkg.b import thing\n    return thing\n",
        "pkg/b.py": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                     "    from pkg.a import late\nthing = 1\n"),
    })
    graph = _ImportGraph(tmp_path, files)
    assert [(late.module, late.target) for late in graph.late] == [("pkg.a", "pkg.b")]
    assert graph.cycle_dodges() == []
