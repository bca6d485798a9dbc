"""Autostart: the XDG entry on Linux (tmp XDG_CONFIG_HOME) and the Windows Run value through
the registry seam (a dictionary stands in for winreg; the winreg adapter itself only runs on
Windows and is not exercised here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from utils import autostart
from utils.autostart import (
    RUN_VALUE, Autostart, AutostartError, autostart_folder, desktop_entry, desktop_quote,
    launch_command,
)


@pytest.fixture
def xdg(tmp_path, monkeypatch) -> Path:
    config = tmp_path / "xdg config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv("SHOPFLOOR_HOME", raising=False)
    return config


def exec_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("Exec="))[5:]


def unescape_exec(value: str) -> list[str]:
    """Read an Exec value back as the Desktop Entry Specification says: string escapes first,
    then arguments split on spaces, double-quoted ones with \\" \\` \\$ \\\\ escapes."""
    value = value.replace("\\\\", "\\")
    arguments, current, quoted, index, started = [], "", False, 0, False
    while index < len(value):
        char = value[index]
        if quoted and char == "\\" and index + 1 < len(value) and value[index + 1] in '"`$\\':
            current += value[index + 1]
            index += 2
            continue
        if char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if started or current:
                arguments.append(current)
            current, started = "", False
        else:
            current += char
        index += 1
    if started or current:
        arguments.append(current)
    return [argument.replace("%%", "%") for argument in arguments]


def test_enable_writes_the_entry_under_xdg_config_home(xdg):
    switch = Autostart(platform="linux")
    assert not switch.is_enabled()
    switch.enable()
    entry = xdg / "autostart" / "shopfloor-collector.desktop"
    assert switch.desktop_file == entry and entry.is_file()
    text = entry.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\n")
    assert "Type=Application" in text and "Terminal=false" in text
    assert unescape_exec(exec_line(text)) == [sys.executable, str(autostart.MAIN_SCRIPT), "gui"]
    assert switch.is_enabled()


def test_enable_is_idempotent_and_disable_removes(xdg):
    switch = Autostart(platform="linux")
    switch.enable()
    first = switch.desktop_file.read_bytes()
    switch.enable()
    assert switch.desktop_file.read_bytes() == first
    assert sorted(p.name for p in switch.desktop_file.parent.iterdir()) == [
        "shopfloor-collector.desktop"]  # no temp files left behind
    switch.disable()
    assert not switch.desktop_file.exists() and not switch.is_enabled()
    switch.disable()  # already off: fine
    assert not switch.is_enabled()


def test_an_entry_hidden_by_the_desktop_counts_as_off(xdg):
    switch = Autostart(platform="linux")
    switch.enable()
    switch.desktop_file.write_text(switch.desktop_file.read_text() + "Hidden=true\n")
    assert not switch.is_enabled()


def test_without_xdg_config_home_the_home_config_is_used(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert autostart_folder() == tmp_path / ".config" / "autostart"
    # A relative value is invalid per the XDG specification and ignored.
    assert autostart_folder({"XDG_CONFIG_HOME": "relative/dir"}) == tmp_path / ".config" / "autostart"


def test_a_custom_home_keeps_its_entry_inside_itself(xdg, tmp_path):
    """--home isolates everything: the entry goes to the home's own autostart folder (with the
    home in its command), and the user's real autostart folder is left alone."""
    home = tmp_path / "my home"
    switch = Autostart(platform="linux", home=home)
    switch.enable()
    assert not (xdg / "autostart").exists()
    text = (home / "autostart" / "shopfloor-collector.desktop").read_text()
    assert unescape_exec(exec_line(text)) == [
        sys.executable, str(autostart.MAIN_SCRIPT), "--home", str(home), "gui"]
    assert switch.is_enabled()
    switch.disable()
    assert not switch.is_enabled() and not (xdg / "autostart").exists()


def test_the_home_from_the_environment_isolates_too(xdg, tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPFLOOR_HOME", str(tmp_path / "portable"))
    key = FakeRunKey()
    Autostart(platform="win32", run_key=key).enable()  # not the registry of the real user
    assert key.values == {}
    assert (tmp_path / "portable" / "autostart" / "shopfloor-collector.desktop").is_file()
    Autostart(platform="linux").enable()
    assert not (xdg / "autostart").exists()


def test_frozen_bundle_prefers_its_window_executable(tmp_path):
    bundle = tmp_path / "shopfloor"
    bundle.mkdir()
    (bundle / "shopfloor").write_text("console")
    assert launch_command(frozen=True, executable=str(bundle / "shopfloor"), platform="linux",
                          home=None) == [str(bundle / "shopfloor")]  # no window executable here
    (bundle / "shopfloor-gui").write_text("window")
    assert launch_command(frozen=True, executable=str(bundle / "shopfloor"), platform="linux",
                          home=None) == [str(bundle / "shopfloor-gui")]


def test_frozen_bundle_starts_its_executable():
    assert launch_command(frozen=True, executable="/opt/shopfloor/shopfloor-gui",
                          platform="linux", home=None) == ["/opt/shopfloor/shopfloor-gui"]
    assert launch_command(frozen=True, executable="/opt/shopfloor/shopfloor-gui",
                          platform="linux", home="/data/sf") == [
        "env", "SHOPFLOOR_HOME=/data/sf", "/opt/shopfloor/shopfloor-gui"]


@pytest.mark.parametrize("argument", [
    "/plain/path", "/with space/x", 'quote"d', "dollar$HOME", "back\\slash", "100%", "tick`x",
    "semi;colon", "C:\\Program Files\\Shopfloor\\shopfloor-gui.exe",
])
def test_desktop_quoting_round_trips(argument):
    assert unescape_exec(desktop_quote(argument)) == [argument]


def test_control_characters_are_refused(xdg):
    with pytest.raises(AutostartError):
        desktop_entry(["/bin/x\nTerminal=true"])


def test_unwritable_config_folder_is_reported(xdg):
    xdg.mkdir(parents=True)
    (xdg / "autostart").write_text("a file where the folder should be")
    with pytest.raises(AutostartError, match="could not switch on"):
        Autostart(platform="linux").enable()


class FakeRunKey:
    """The Run key as a dictionary: the same seam WinRegRunKey fills on Windows."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name):
        return self.values.get(name)

    def set(self, name, value):
        self.values[name] = value

    def delete(self, name):
        self.values.pop(name, None)


def test_windows_run_value(monkeypatch):
    monkeypatch.delenv("SHOPFLOOR_HOME", raising=False)
    key = FakeRunKey()
    switch = Autostart(platform="win32", run_key=key)
    assert not switch.is_enabled()
    switch.enable()
    switch.enable()
    assert list(key.values) == [RUN_VALUE]
    value = key.values[RUN_VALUE]
    assert str(autostart.MAIN_SCRIPT) in value and value.endswith(" gui")
    assert switch.is_enabled()
    switch.disable()
    switch.disable()
    assert key.values == {} and not switch.is_enabled()


def test_windows_frozen_path_with_spaces_is_quoted():
    command = launch_command(frozen=True, executable=r"C:\Program Files\Shopfloor\shopfloor-gui.exe",
                             platform="win32", home=None)
    key = FakeRunKey()
    switch = Autostart(platform="win32", run_key=key)
    switch.command = lambda: command  # type: ignore[method-assign]
    switch.enable()
    assert key.values[RUN_VALUE] == r'"C:\Program Files\Shopfloor\shopfloor-gui.exe"'


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed")
def test_entry_passes_desktop_file_validate(xdg, tmp_path):
    switch = Autostart(platform="linux", home=tmp_path / "a home with spaces")
    switch.enable()
    result = subprocess.run(["desktop-file-validate", str(switch.desktop_file)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
