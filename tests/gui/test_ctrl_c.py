"""Ctrl+C in the terminal the app was started from closes it as its own Quit does, with exit
130 (ExitCode.INTERRUPTED, as every verb): the first-run wizard, and a station's login window,
whose sync and backup threads stop. The signal is sent to this very process while run_gui's
event loop runs (Python takes it only when a timer hands it control: gui/app.py)."""

from __future__ import annotations

import os
import signal
import sys
import threading

import pytest
from PySide6.QtCore import QTimer

from config.exit_codes import ExitCode
from utils.context import AppContext
from gui import app as app_module

from tests.gui.conftest import ADMIN_PW


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setenv("SHOPFLOOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SHOPFLOOR_KEYRING", "off")
    return tmp_path / "home"


GIVE_UP_MS = 15_000  # an app that ignored the signal is ended (exit 99), never waited for


@pytest.fixture
def give_up():
    """Ends the event loop of an app that did not close, so the test fails instead of hanging
    (the bug it checks: Ctrl+C ignored)."""
    from PySide6.QtWidgets import QApplication

    timer = QTimer()
    timer.setSingleShot(True)
    timer.setInterval(GIVE_UP_MS)
    timer.timeout.connect(lambda: QApplication.instance().exit(99))
    timer.start()
    yield
    timer.stop()


def _ctrl_c_once(shown) -> list[bool]:
    """SIGINT to this process once `shown()` holds (polled from the event loop)."""
    sent: list[bool] = []

    def check() -> None:
        if sent:
            return
        if shown():
            sent.append(True)
            os.kill(os.getpid(), signal.SIGINT)
        else:
            QTimer.singleShot(20, check)

    QTimer.singleShot(0, check)
    return sent


def _windows(kind: str) -> list:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets()
            if type(w).__name__ == kind and w.isVisible()]


def test_ctrl_c_closes_the_first_run_wizard_with_130(home, qtbot, capsys, give_up):
    before = signal.getsignal(signal.SIGINT)
    sent = _ctrl_c_once(lambda: _windows("FirstRunWizard"))
    assert app_module.run_gui(language="en") == ExitCode.INTERRUPTED
    assert sent and not _windows("FirstRunWizard")
    assert "interrupted: the app was closed" in capsys.readouterr().err
    assert signal.getsignal(signal.SIGINT) is before  # Python's own handler back


def test_ctrl_c_closes_the_login_window_and_stops_its_threads(home, qtbot, capsys,
                                                              give_up):
    ctx = AppContext.open(home)
    ctx.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW)
    ctx.close()
    threads = set(threading.enumerate())
    sent = _ctrl_c_once(lambda: _windows("StationWindow") or _windows("OfficeWindow"))
    assert app_module.run_gui(language="en") == ExitCode.INTERRUPTED
    assert sent and not _windows("StationWindow") and not _windows("OfficeWindow")
    assert "interrupted: the app was closed" in capsys.readouterr().err
    assert [t for t in threading.enumerate() if t not in threads and t.is_alive()] == []
    log = (home / "logs").glob("*.log")
    assert all("Traceback" not in path.read_text(encoding="utf-8") for path in log)


def test_a_second_ctrl_c_while_the_app_closes_is_only_logged(home, qtbot, capsys, give_up,
                                                              monkeypatch):
    """Ctrl+C pressed again while the sync and the backups stop (after the window closed):
    the close still runs to its end, exit 130 (it had raised KeyboardInterrupt there, and
    nothing after it ran)."""
    ctx = AppContext.open(home)
    ctx.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW)
    ctx.close()
    stop = app_module.Launcher.stop
    stopped: list[bool] = []

    def stop_after_another_ctrl_c(launcher) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        stop(launcher)
        stopped.append(True)

    monkeypatch.setattr(app_module.Launcher, "stop", stop_after_another_ctrl_c)
    threads = set(threading.enumerate())
    sent = _ctrl_c_once(lambda: _windows("StationWindow") or _windows("OfficeWindow"))
    assert app_module.run_gui(language="en") == ExitCode.INTERRUPTED
    assert sent and stopped == [True]
    assert [t for t in threading.enumerate() if t not in threads and t.is_alive()] == []
