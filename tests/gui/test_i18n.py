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


def untranslated(message) -> bool:
    """A message with no translation; a plural (%n) one needs every numerus form."""
    translation = message.find("translation")
    if translation.get("type") in ("unfinished", "obsolete"):
        return True
    if message.get("numerus") == "yes":
        forms = translation.findall("numerusform")
        return not forms or any(not (form.text or "").strip() for form in forms)
    return not (translation.text or "").strip()


def test_portuguese_catalogue_is_complete():
    tree = ET.parse(SOURCE_DIR / "shopfloor_pt_BR.ts")
    unfinished = [m.find("source").text for m in tree.iter("message") if untranslated(m)]
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_english_plurals_have_both_forms():
    """English reads its texts from the code, except plurals: "%n box(es)" needs "1 box" and
    "2 boxes" from the English catalogue."""
    tree = ET.parse(SOURCE_DIR / "shopfloor_en.ts")
    plurals = [m for m in tree.iter("message") if m.get("numerus") == "yes"]
    assert plurals
    missing = [m.find("source").text for m in plurals if untranslated(m)]
    assert not missing, f"plural forms missing: {missing[:10]}"
    for message in plurals:
        singular, plural = (f.text for f in message.find("translation").findall("numerusform"))
        assert "%n" in singular and "%n" in plural, message.find("source").text


def test_every_text_in_the_code_is_in_the_portuguese_catalogue(tmp_path):
    """The catalogue check above sees only what lupdate already collected: run it on a copy
    (of the catalogue, over today's code) so a tr() text nobody translated fails here."""
    lupdate = shutil.which("pyside6-lupdate") or str(Path(sys.executable).with_name("pyside6-lupdate"))
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / "gui" / "translations" / "shopfloor_pt_BR.ts"
    copy.parent.mkdir(parents=True)
    shutil.copy(SOURCE_DIR / "shopfloor_pt_BR.ts", copy)
    sources = sorted(str(path) for path in (ROOT / "gui").rglob("*.py")
                     if "__pycache__" not in path.parts)
    subprocess.run([lupdate, "-no-obsolete", *sources, "-ts", str(copy)], check=True,
                   capture_output=True, timeout=120)
    tree = ET.parse(copy)
    missing = [m.find("source").text for m in tree.iter("message") if untranslated(m)]
    assert not missing, f"in the code, not translated: {missing[:10]}"


def test_compiles_and_switches_language(qtbot, tmp_path, ctx):
    from PySide6.QtWidgets import QApplication

    from gui.login_page import LoginPage
    from gui.station_controller import StationController

    assert compile_translations(tmp_path / "qm")
    app = QApplication.instance()
    try:
        assert install_translators(app, "pt_BR", tmp_path / "qm") == "pt_BR"
        window = LoginPage(StationController(ctx))
        qtbot.addWidget(window)
        assert window.login_button.text() == "Entrar"
        assert install_translators(app, "en", tmp_path / "qm") == "en"
        window = LoginPage(StationController(ctx))
        qtbot.addWidget(window)
        assert window.login_button.text() == "Log in"
    finally:
        install_translators(app, "en", tmp_path / "qm")
