"""The language for a run (`--lang`) and a switch on the login page without a restart: the
window is built again in the other language while the app (controller, sync, services) runs
on; not while someone is logged in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from gui.i18n import current_language

from tests.gui.conftest import wait_for
from tests.gui.test_station_window import OP_PW, login

ROOT = Path(__file__).resolve().parents[2]


def test_switch_on_the_login_page_without_a_restart(qtbot, station):
    old = station.window
    controller = station.controller
    page = old.login_page
    assert page.login_button.text() == "Log in"
    try:
        page.language.setCurrentIndex(page.language.findData("pt_BR"))
        window = station.window
        assert window is not old and current_language() == "pt_BR"
        assert window.login_page.login_button.text() == "Entrar"
        assert window.login_page.language.currentData() == "pt_BR"
        assert window.windowTitle() == "Shopfloor Collector · estação 206"
        assert window.controller is controller  # the same app, only its window is new
        wait_for(lambda: not old.isVisible())
        login(qtbot, station, "op", OP_PW)
        assert controller.session is not None and window.pages.currentIndex() == 1
        assert window.form.save.text() == "Registrar caixa"
        assert not station.switch_language("en")  # someone is working: not now
        assert current_language() == "pt_BR"
        controller.logout()
    finally:
        station.switch_language("en")
    assert station.window.login_page.login_button.text() == "Log in"


def test_lang_for_one_run(tmp_path, shopfloor):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("SHOPFLOOR_")},
           "QT_QPA_PLATFORM": "offscreen", "SHOPFLOOR_KEYRING": "off"}
    home = tmp_path / "h"
    assert shopfloor(home, "user", "add", "maria", "--role", "admin",
                     SHOPFLOOR_PASSWORD="Quarry-Lantern-42").returncode == 0
    for lang, title in (("pt_BR", "estação"), ("en", "station")):
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--home", str(home),
                                 "gui", "--smoke", "--lang", lang], capture_output=True,
                                text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "login window shown" in result.stdout and title in result.stdout, result.stdout
    # The PC's own setting is left as it was (here: never written, the defaults).
    assert not (home / "config" / "settings.json").exists()
