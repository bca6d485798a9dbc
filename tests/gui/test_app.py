"""Start-up pieces: smoke run, single instance, the sync service living with the window,
export from the menu, caps-lock hint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from tests.gui.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]


def test_gui_smoke_exits_0_and_renders(tmp_path, shopfloor):
    """The `gui` verb's run as a real process."""
    png = tmp_path / "login.png"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("SHOPFLOOR_")},
           "QT_QPA_PLATFORM": "offscreen", "SHOPFLOOR_KEYRING": "off"}
    # A configured home (an account exists); a fresh one shows the first-run wizard instead.
    assert shopfloor(tmp_path / "h", "user", "add", "maria", "--role", "admin",
                     SHOPFLOOR_PASSWORD="Quarry-Lantern-42").returncode == 0
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--home", str(tmp_path / "h"),
                             "gui", "--smoke", "--screenshot", str(png)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "login window shown" in result.stdout and png.stat().st_size > 1000
    nowhere = tmp_path / "no such folder" / "login.png"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--home", str(tmp_path / "h"),
                             "gui", "--smoke", "--screenshot", str(nowhere)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode != 0  # the picture packaging checks was never saved
    assert f"smoke: could not save the screenshot to {nowhere}" in result.stderr


def test_second_instance_raises_the_first(qtbot, tmp_path):
    from gui.app import SingleInstance, make_application

    make_application([])
    raised = []
    first = SingleInstance(tmp_path)
    first.listen(lambda: raised.append(True))
    try:
        second = SingleInstance(tmp_path)
        assert second.already_running()
        wait_for(lambda: raised)
        assert not SingleInstance(tmp_path / "other").already_running()
    finally:
        first.close()


def test_sync_service_starts_and_stops_with_the_window(qtbot, tmp_path, monkeypatch):
    from gui.app import StationApp, make_application
    from tests.utils.site.sitekit import make_site

    site = make_site(tmp_path)
    station_ctx = site.station(tmp_path, "206")
    make_application([])
    app = StationApp(station_ctx)
    qtbot.addWidget(app.window)
    assert app.sync is not None
    app.start()
    try:
        status = site.share / "stations" / "206" / "status.json"
        wait_for(lambda: status.exists())
        wait_for(lambda: "online" in app.window.header.share.text()
                 or "on-line" in app.window.header.share.text())
    finally:
        app.stop()
        app.window.allow_close = True
        app.window.close()
        station_ctx.close()
        site.admin.close()
    assert (site.share / "stations" / "206" / "death.json").exists()


def test_export_shift_from_the_menu(qtbot, station, tmp_path):
    from tests.gui.test_station_window import OP_PW, fill, login, set_lot

    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    fill(station.window.form)
    station.window.form.submit()
    out = tmp_path / "shift.csv"
    station.window.export_shift("csv", str(out))
    wait_for(lambda: getattr(station.window, "last_export", None))
    assert station.window.last_export == (str(out), 1)
    assert "L2503-001" in out.read_text(encoding="utf-8-sig")


def test_caps_lock_hint(qtbot, station):
    page = station.window.login_page
    assert page.caps.isHidden()
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "A")
    page._caps_watcher.eventFilter(page.password, event)
    assert not page.caps.isHidden()
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    page._caps_watcher.eventFilter(page.password, event)
    assert page.caps.isHidden()
