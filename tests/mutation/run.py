"""Mutation testing of one core module with the tests that exercise it (docs/mutation.md).

    .venv/bin/python -m tests.mutation.run TARGET       # e.g. commands, canonical, changes
    .venv/bin/python -m tests.mutation.run TARGET --show NAME   # the diff of one mutant

The targets are `[tool.mutmut.targets.*]` in pyproject.toml. mutmut reads its settings only from
the pyproject.toml of the folder it runs in, so each target gets its own folder
`.mutmut/TARGET/` holding links to the sources and tests and a pyproject.toml that narrows
mutmut to that module and those tests. Each run starts afresh (its mutants are deleted first:
mutmut would keep a survivor's old verdict when only the tests changed); `--results` shows the
last run's without running. One child process: the machine's cores are shared. Not in CI: it
is slow. mutmut comes with the `mutation` extra: `.venv/bin/pip install -e '.[dev,mutation]'`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / ".mutmut"


def _toml_value(value: Any) -> str:
    # JSON strings, numbers, booleans and arrays of them are also TOML values.
    return json.dumps(value, ensure_ascii=False)


def _toml_table(name: str, table: dict[str, Any]) -> str:
    lines = [f"[{name}]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in table.items()
              if not isinstance(value, dict)]
    return "\n".join(lines) + "\n"


def prepare(target: str) -> Path:
    """The folder mutmut runs in for `target`, with a pyproject.toml for that target alone."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    settings = dict(project["tool"]["mutmut"])
    targets = settings.pop("targets")
    if target not in targets:
        raise SystemExit(f"unknown target {target!r}; targets: {', '.join(sorted(targets))}")
    chosen = targets[target]
    settings["only_mutate"] = [chosen["module"]]
    settings["pytest_add_cli_args_test_selection"] = list(chosen["tests"])
    folder = WORK / target
    folder.mkdir(parents=True, exist_ok=True)
    for name in [*settings["source_paths"], "tests"]:
        link = folder / name
        if not link.is_symlink():
            link.symlink_to(ROOT / name)
    (folder / "pyproject.toml").write_text(
        "# Written by tests/mutation/run.py from ../../pyproject.toml; do not edit.\n"
        + _toml_table("tool.mutmut", settings) + "\n"
        + _toml_table("tool.pytest.ini_options", project["tool"]["pytest"]["ini_options"]),
        encoding="utf-8")
    return folder


def mutmut(folder: Path, *args: str, capture: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=folder, text=True,
                          capture_output=capture, check=False)


def score(folder: Path) -> Counter[str]:
    """Mutant name -> status for every mutant of the target, as mutmut recorded them."""
    listing = mutmut(folder, "results", "--all", "true", capture=True).stdout
    return Counter(line.rsplit(": ", 1)[1].strip() for line in listing.splitlines()
                   if ": " in line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target")
    parser.add_argument("--show", metavar="MUTANT", help="print the diff of one mutant")
    parser.add_argument("--results", action="store_true",
                        help="list the mutants that were not killed, without running")
    args = parser.parse_args(argv)
    folder = prepare(args.target)
    if args.show:
        return mutmut(folder, "show", args.show).returncode
    if not args.results:
        # mutmut keeps a survivor's verdict when only the tests changed (and skips copying a
        # source it copied before): the only honest measure is a fresh one.
        shutil.rmtree(folder / "mutants", ignore_errors=True)
        run = mutmut(folder, "run", "--max-children", "1")
        if run.returncode != 0:
            return run.returncode
    mutmut(folder, "results")
    counts = score(folder)
    total = sum(counts.values())
    killed = counts.get("killed", 0)
    print(f"{args.target}: {killed}/{total} killed"
          + "".join(f", {n} {status}" for status, n in sorted(counts.items())
                    if status != "killed"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
