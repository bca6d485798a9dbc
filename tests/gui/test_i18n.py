"""Both languages: the Portuguese catalogue is complete, compiles, and is what the window shows."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from gui.i18n import SOURCE_DIR, compile_translations, install_translators


def test_portuguese_catalogue_is_complete():
    tree = ET.parse(SOURCE_DIR / "shopfloor_pt_BR.ts")
    unfinished = [m.find("source").text for m in tree.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "obsolete")
                  or not (m.find("translation").text or "").strip()]
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_compiles_and_switches_language(qtbot, tmp_path, ctx):
    from PySide6.QtWidgets import QApplication

    from gui.login_window import LoginWindow
    from gui.station_controller import StationController

    assert compile_translations(tmp_path / "qm")
    app = QApplication.instance()
    try:
        assert install_translators(app, "pt_BR", tmp_path / "qm") == "pt_BR"
        window = LoginWindow(StationController(ctx))
        qtbot.addWidget(window)
        assert window.login_button.text() == "Entrar"
        assert install_translators(app, "en", tmp_path / "qm") == "en"
        window = LoginWindow(StationController(ctx))
        qtbot.addWidget(window)
        assert window.login_button.text() == "Log in"
    finally:
        install_translators(app, "en", tmp_path / "qm")
