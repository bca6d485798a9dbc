"""Start the app when this PC's user logs in (production stations), for the current user only.

Linux: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/shopfloor-collector.desktop`
(`~/.config` when the variable is unset). Windows: a value under
`HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`, written through `winreg`.

The command started is this very program: the bundle's executable when frozen, else
`python main.py gui`. A custom home folder (`SHOPFLOOR_HOME`, `--home`) isolates everything,
autostart included: the entry is written as a desktop file in the home's own `autostart`
folder (config.paths), on every platform, and the system's autostart is never touched. The
system does not read it there; an IT person who wants such a home to start with the PC copies
that entry into the system's autostart.

The Windows registry sits behind a small seam (`RunKey`): the real one calls winreg, tests
give a dictionary-backed one. Everything else is plain file I/O.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Mapping, Protocol, Sequence

from config.paths import HOME_ENV, resolve_paths
from utils.atomic_io import atomic_write_text

log = logging.getLogger(__name__)

DESKTOP_FILE_NAME = "shopfloor-collector.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "ShopfloorCollector"  # the installer's autostart task writes the same value
GUI_EXECUTABLE = "shopfloor-gui"  # the bundle's window executable (packaging/shopfloor.spec)
# main.py sits next to the packages (editable and regular installs alike).
MAIN_SCRIPT = Path(__file__).resolve().parents[1] / "main.py"

# Characters that make an Exec argument need quoting (Desktop Entry Specification, "Exec key").
_DESKTOP_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class AutostartError(OSError):
    """Autostart could not be switched; the message says what and why."""


def launch_command(*, home: str | os.PathLike[str] | None = None, frozen: bool | None = None,
                   executable: str | None = None, platform: str | None = None) -> list[str]:
    """The command that starts this program's window, as a list of arguments."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    executable = executable or sys.executable
    platform = platform or sys.platform
    home_text = os.fspath(home) if home is not None else os.environ.get(HOME_ENV) or None
    if frozen:
        # The bundle's window executable (no console), even when the console one is running;
        # it opens the window without arguments. Its argument parsing puts the subcommand
        # first, so a custom home goes through the environment.
        suffix = ".exe" if platform == "win32" else ""
        windowed = Path(executable).with_name(GUI_EXECUTABLE + suffix)
        if windowed.exists():
            executable = str(windowed)
        if home_text and platform != "win32":
            return ["env", f"{HOME_ENV}={home_text}", executable]
        if home_text:
            log.warning("Autostart on Windows starts the default home, not %s", home_text)
        return [executable]
    if platform == "win32":
        windowless = Path(executable).with_name("pythonw.exe")
        if windowless.exists():  # no console window at every login
            executable = str(windowless)
    return [executable, str(MAIN_SCRIPT), *(["--home", home_text] if home_text else []), "gui"]


# -- Linux: XDG autostart ---------------------------------------------------------------------

def desktop_quote(argument: str) -> str:
    """One Exec argument, quoted and escaped as the Desktop Entry Specification requires."""
    if any(ord(char) < 32 and char != "\t" for char in argument):
        raise AutostartError(f"cannot start a program whose path holds control characters: "
                             f"{argument!r}")
    text = argument.replace("%", "%%")  # field codes: a literal % is doubled
    if text and not _DESKTOP_RESERVED.intersection(text):
        quoted = text
    else:
        inner = "".join("\\" + char if char in '"`$\\' else char for char in text)
        quoted = f'"{inner}"'
    # The file's string escaping comes on top of the quoting: every backslash doubles again.
    return quoted.replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    exec_line = " ".join(desktop_quote(argument) for argument in command)
    return ("[Desktop Entry]\n"
            "Type=Application\n"
            "Version=1.0\n"
            "Name=Shopfloor Collector\n"
            "Comment=Production station: opens the login window when this PC starts\n"
            f"Exec={exec_line}\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n")


def autostart_folder(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CONFIG_HOME") or ""
    # The specification says a relative value is invalid and must be ignored.
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "autostart"


# -- Windows: the Run key -------------------------------------------------------------------

class RunKey(Protocol):
    """The current user's Run key: one string value per program."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class WinRegRunKey:
    """HKCU\\...\\Run through winreg (imported here: the module exists only on Windows)."""

    def get(self, name: str) -> str | None:
        import winreg  # type: ignore[import-not-found]

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        return str(value)

    def set(self, name: str, value: str) -> None:
        import winreg  # type: ignore[import-not-found]

        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0,
                                winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        import winreg  # type: ignore[import-not-found]

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0,
                                winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            pass  # already absent: disabling is idempotent


# -- the switch ---------------------------------------------------------------------------------

class Autostart:
    """Enable, disable and query autostart on one platform (injectable for tests)."""

    def __init__(self, *, platform: str | None = None,
                 folder: str | os.PathLike[str] | None = None, run_key: RunKey | None = None,
                 home: str | os.PathLike[str] | None = None):
        self.platform = platform or sys.platform
        isolated_dir = resolve_paths(home).autostart_dir if folder is None else None
        # An isolated home keeps its entry inside itself, as a file, even on Windows.
        self.isolated = isolated_dir is not None
        self.folder = Path(folder) if folder is not None else isolated_dir
        self.run_key = run_key
        self.home = home

    @property
    def uses_run_key(self) -> bool:
        return self.platform == "win32" and not self.isolated

    @property
    def supported(self) -> bool:
        return (self.platform == "win32" or self.platform.startswith(("linux", "freebsd"))
                or self.isolated)

    @property
    def desktop_file(self) -> Path:
        return (self.folder or autostart_folder()) / DESKTOP_FILE_NAME

    def _run_key(self) -> RunKey:
        return self.run_key or WinRegRunKey()

    def command(self) -> list[str]:
        return launch_command(home=self.home, platform=self.platform)

    def is_enabled(self) -> bool:
        if self.uses_run_key:
            return self._run_key().get(RUN_VALUE) is not None
        if not self.supported:
            return False
        try:
            text = self.desktop_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return False
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("Cannot read the autostart entry %s: %s", self.desktop_file, exc)
            return False
        lines = {line.strip().lower() for line in text.splitlines()}
        return "hidden=true" not in lines and "x-gnome-autostart-enabled=false" not in lines

    def enable(self) -> None:
        """Start this program at login from now on (rewrites an older entry)."""
        command = self.command()
        try:
            if self.uses_run_key:
                self._run_key().set(RUN_VALUE, subprocess.list2cmdline(command))
            elif self.supported:
                self.desktop_file.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_text(self.desktop_file, desktop_entry(command))
            else:
                raise AutostartError(f"starting at login is not supported on {self.platform}")
        except AutostartError:
            raise
        except OSError as exc:
            raise AutostartError(f"could not switch on starting at login: {exc}") from exc
        log.info("Autostart enabled: %s", command)

    def disable(self) -> None:
        try:
            if self.uses_run_key:
                self._run_key().delete(RUN_VALUE)
            elif self.supported:
                self.desktop_file.unlink(missing_ok=True)
        except OSError as exc:
            raise AutostartError(f"could not switch off starting at login: {exc}") from exc
        log.info("Autostart disabled")

    def set_enabled(self, enabled: bool) -> None:
        self.enable() if enabled else self.disable()


def is_enabled() -> bool:
    return Autostart().is_enabled()


def enable() -> None:
    Autostart().enable()


def disable() -> None:
    Autostart().disable()
