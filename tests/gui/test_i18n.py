"""Both languages: the Portuguese catalogue is complete, compiles, and is what the window shows."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gui.i18n import SOURCE_DIR, compile_translations, install_translators

ROOT = Path(__file__).resolve().parents[2]


def test_portuguese_catalogue_is_complete():
    tree = ET.parse(SOURCE_DIR / "shopfloor_pt_BR.ts")
    unfinished = [m.find("source").text for m in tree.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "obsolete")
                  or not (m.find("translation").text or "").strip()]
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_every_text_in_the_code_is_in_the_portuguese_catalogue(tmp_path):
    """The catalogue check above sees only what lupdate already collected: run it on a copy
    (of the catalogue, over today's code) so a tr() text nobody translated fails here."""
    lupdate = shutil.which("pyside6-lupdate") or str(Path(sys.executable).with_name("pyside6-lupdate"))
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / "gui" / "translations" / "shopfloor_pt_BR.ts"
    copy.parent.mkdir(parents=True)
    shutil.copy(SOURCE_DIR / "shopfloor_pt_BR.ts", copy)
    sources = sorted(str(path) for folder in ("gui", "gui/admin", "gui/wizard")
                     for path in (ROOT / folder).glob("*.py"))
    subprocess.run([lupdate, "-no-obsolete", *sources, "-ts", str(copy)], check=True,
                   capture_output=True, timeout=120)
    tree = ET.parse(copy)
    missing = [m.find("source").text for m in tree.iter("message")
               if m.find("translation").get("type") == "unfinished"
               or not (m.find("translation").text or "").strip()]
    assert not missing, f"in the code, not translated: {missing[:10]}"


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
