"""What the entry points and the translations do differently in a frozen bundle, checked
without building one: the restart command line, the optional `gui` word of `shopfloor-gui`,
and shipped .qm files used as they are (a bundle has no pyside6-lrelease)."""

from __future__ import annotations

import sys

import pytest

import main
from cli.parser import build_parser
from gui import i18n


@pytest.fixture
def captured_exec(monkeypatch):
    calls = []
    monkeypatch.setattr(main.os, "execv", lambda path, args: calls.append((path, list(args))))
    return calls


def test_restart_of_a_frozen_app_does_not_repeat_the_program(monkeypatch, captured_exec):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/shopfloor/shopfloor")
    monkeypatch.setattr(sys, "argv", ["/opt/shopfloor/shopfloor", "--home", "/h", "agent"])
    main._restart()
    assert captured_exec == [("/opt/shopfloor/shopfloor",
                              ["/opt/shopfloor/shopfloor", "--home", "/h", "agent"])]


def test_restart_from_source_runs_the_script_again(monkeypatch, captured_exec):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", "/venv/bin/python")
    monkeypatch.setattr(sys, "argv", ["/venv/bin/shopfloor", "agent"])
    main._restart()
    assert captured_exec == [("/venv/bin/python", ["/venv/bin/python", "/venv/bin/shopfloor",
                                                   "agent"])]


@pytest.mark.parametrize("given, passed", [
    ([], ["gui"]),
    (["--smoke"], ["gui", "--smoke"]),
    (["gui", "--smoke"], ["gui", "--smoke"]),
    (["--home", "/h", "--smoke"], ["--home", "/h", "gui", "--smoke"]),
    (["--home", "/h", "gui", "--smoke"], ["--home", "/h", "gui", "--smoke"]),
])
def test_gui_entry_takes_the_gui_word_or_not(monkeypatch, given, passed):
    seen = []
    monkeypatch.setattr(main, "main", lambda argv: seen.append(list(argv)) or 0)
    monkeypatch.setattr(sys, "argv", ["shopfloor-gui", *given])
    with pytest.raises(SystemExit) as stopped:
        main.run_gui()
    assert stopped.value.code == 0
    assert seen == [passed]


def test_gui_entry_arguments_parse(monkeypatch):
    """The arguments run_gui builds are accepted by the real parser."""
    args = build_parser().parse_args(["--home", "/h", "gui", "--smoke"])
    assert (args.home, args.command, args.smoke) == ("/h", "gui", True)


def test_frozen_translations_are_the_shipped_qm_files(monkeypatch, tmp_path):
    shipped = tmp_path / "translations"
    shipped.mkdir()
    for name in ("shopfloor_en.qm", "shopfloor_pt_BR.qm"):
        (shipped / name).write_bytes(b"qm")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(i18n, "SOURCE_DIR", shipped)
    monkeypatch.setattr(i18n, "_lrelease", lambda: pytest.fail("a bundle has no lrelease"))
    cache = tmp_path / "cache"
    assert i18n.compile_translations(cache) == sorted(shipped.glob("*.qm"))
    assert not cache.exists()
