"""The entry point and the parser: the version, the verbs `--help` lists, only the verb being
run imported, no verb meaning the app, and the exit codes a script sees."""

from __future__ import annotations

import subprocess
import sys

import pytest

import main
from cli.parser import build_parser, named_verb, parse_args
from cli.verbs import VERBS, Needs
from config.exit_codes import ExitCode
from config.version import APP_VERSION

from tests.cli.clikit import ROOT


def test_version_in_process(shopfloor, capsys):
    with pytest.raises(SystemExit) as stopped:
        main.main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"shopfloor {APP_VERSION}"


def test_version_as_a_real_process():
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"shopfloor {APP_VERSION}"


def test_help_lists_every_verb_in_order(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    text = capsys.readouterr().out
    positions = [text.index(f"    {name}") for name in VERBS]
    assert positions == sorted(positions)


def test_version_and_help_load_no_verb_and_no_service():
    script = ("import sys, main\n"
              "try:\n"
              "    main.main(['--version'])\n"
              "except SystemExit:\n"
              "    pass\n"
              "loaded = [m for m in sys.modules if m.startswith(('cli.cmd_', 'cli.app', 'data.'))\n"
              "          or m in ('utils.context', 'sqlalchemy', 'pandas')]\n"
              "assert not loaded, loaded\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_every_verb_module_has_its_parts():
    parser = build_parser()  # every verb's options: a clash between two would raise here
    assert parser.prog == "shopfloor"
    for name, (module_name, _help) in VERBS.items():
        module = __import__(module_name, fromlist=["run"])
        assert isinstance(module.NEEDS, Needs), name
        assert callable(module.add_arguments) and callable(module.run), name


@pytest.mark.parametrize("argv, verb", [
    (["user", "list"], "user"),
    (["--home", "/h/user", "export", "--as", "x"], "export"),
    (["--home=/h", "status"], "status"),
    (["--version"], None),
    (["nonsense"], None),
    ([], None),
])
def test_the_verb_is_found_before_parsing(argv, verb):
    assert named_verb(argv) == verb


def test_only_the_verb_run_gets_its_options():
    parser = build_parser(("status",))
    args = parser.parse_args(["status", "--json"])
    assert args.json is True
    with pytest.raises(SystemExit):  # another verb is named, not assembled
        parser.parse_args(["user", "list"])


def test_no_verb_is_the_app_with_the_gui_verbs_defaults():
    args = parse_args(["--home", "/h"])
    assert (args.command, args.home, args.smoke, args.screenshot, args.lang) == (
        "gui", "/h", False, None, None)


def test_an_unknown_verb_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as stopped:
        parse_args(["nonsense"])
    assert stopped.value.code == 2 and "invalid choice: 'nonsense'" in capsys.readouterr().err


def test_exit_codes_are_the_documented_numbers():
    assert [int(code) for code in ExitCode] == [0, 1, 2, 75, 130]


def test_the_gui_verb_calls_the_launcher_main_hands_over(shopfloor, tmp_path, monkeypatch):
    """`shopfloor gui` (and no verb) reach the window only through main.launch_gui."""
    calls = []
    monkeypatch.setattr(main, "launch_gui", lambda **kw: calls.append(kw) or 0)
    assert shopfloor(tmp_path / "h", "gui", "--smoke", "--lang", "en").returncode == 0
    assert shopfloor(tmp_path / "h").returncode == 0
    assert calls == [{"smoke": True, "smoke_png": None, "language": "en"},
                     {"smoke": False, "smoke_png": None, "language": None}]


def test_the_command_line_loads_no_qt(tmp_path):
    """A verb run in a fresh interpreter imports neither PySide6 nor pyqtgraph."""
    from utils.context import AppContext

    AppContext.open(tmp_path / "h").close()  # verify-audit refuses a home with no installation
    script = ("import sys, main\n"
              "code = main.main(['--home', sys.argv[1], 'verify-audit'])\n"
              "assert code == 0, code\n"
              "loaded = [m for m in sys.modules if m.split('.')[0] in "
              "('PySide6', 'shiboken6', 'pyqtgraph', 'gui')]\n"
              "assert not loaded, loaded\n")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "h")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_every_verb_is_a_cmd_module_the_bundle_collects():
    """packaging/shopfloor.spec names cli/cmd_*.py as hidden imports (the parser imports the
    verb by name, which PyInstaller cannot follow): every verb must be one of those files."""
    files = {f"cli.{path.stem}" for path in (ROOT / "cli").glob("cmd_*.py")}
    assert {module for module, _help in VERBS.values()} == files
