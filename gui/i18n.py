"""Languages: Portuguese (Brazil) and English.

The `.ts` sources live in gui/translations/. They are compiled to `.qm` with pyside6-lrelease
by `python -m gui.i18n` (run by the packaging build) and, when a `.qm` is missing or older than
its `.ts` (a fresh checkout), at start-up into the data folder, so no step can be forgotten.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Mapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

SOURCE_DIR = Path(__file__).resolve().parent / "translations"
LANGUAGES = ("pt_BR", "en")


def _lrelease() -> str | None:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    candidate = Path(sys.executable).with_name("pyside6-lrelease")
    return str(candidate) if candidate.exists() else None


def compile_translations(out_dir: Path) -> list[Path]:
    """Compile every .ts whose .qm is missing or stale; returns the .qm files available."""
    if getattr(sys, "frozen", False):
        # The bundle ships the compiled .qm next to where the .ts would be, and no lrelease.
        return sorted(SOURCE_DIR.glob("shopfloor_*.qm"))
    out_dir.mkdir(parents=True, exist_ok=True)
    tool = _lrelease()
    compiled = []
    for ts in sorted(SOURCE_DIR.glob("shopfloor_*.ts")):
        qm = out_dir / (ts.stem + ".qm")
        bundled = ts.with_suffix(".qm")
        if bundled.exists() and bundled.stat().st_mtime >= ts.stat().st_mtime:
            compiled.append(bundled)  # shipped pre-compiled (frozen bundle)
            continue
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            if tool is None:
                log.warning("pyside6-lrelease not found; %s stays untranslated", ts.name)
                continue
            result = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)],
                                    capture_output=True, text=True, timeout=60)
            if result.returncode != 0:
                log.warning("Compiling %s failed: %s", ts.name, result.stderr.strip())
                continue
        compiled.append(qm)
    return compiled


def choose_language(setting: str) -> str:
    """'system' follows the OS locale: Portuguese for pt*, English otherwise."""
    if setting in LANGUAGES:
        return setting
    return "pt_BR" if QLocale.system().name().startswith("pt") else "en"


def uses_decimal_comma() -> bool:
    """The installed translation writes numbers with a decimal comma (Portuguese)."""
    return QCoreApplication.translate("Messages", "decimal-separator") == ","


def number_locale() -> QLocale:
    """The locale number fields show and read, following the installed translation (not the
    system): a decimal comma in Portuguese; no thousands separators (ids, milliseconds)."""
    locale = (QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil)
              if uses_decimal_comma() else QLocale(QLocale.Language.English,
                                                   QLocale.Country.UnitedStates))
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return locale


def current_language() -> str:
    """The language the installed translation speaks ("pt_BR" or "en")."""
    app = QCoreApplication.instance()
    return getattr(app, "_shopfloor_language", "en") if app is not None else "en"


def coded_text(code: str, texts: Mapping[str, str]) -> str:
    """The words for `code` among `texts`, or the code itself. The core and the stations give
    codes, never sentences; one this version has no words for (a newer station's, say) is shown
    as it came rather than lost. `texts` are translated where they are written, each a
    `translate("Context", "literal")`, so lupdate finds every one with its context."""
    return texts.get(code, code)


class ZeroTakesPlural(QTranslator):
    """Our translation, asked for its plural form when the count is zero. Qt's rule for
    Portuguese files 0 with 1 ("0 caixa"), where the users write "0 caixas"; English's rule
    already takes the plural for 0. Qt puts the count into `%n` after a translator answers, so
    only the form chosen changes."""

    def __init__(self, inner: QTranslator, parent: QCoreApplication):
        super().__init__(parent)
        self._inner = inner

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None (Qt's null string), never "": Qt takes an empty answer as the translation and
        # would show nothing instead of asking the next translator or keeping the source.
        return self._inner.translate(context, source, disambiguation, 2 if n == 0 else n) or None

    def isEmpty(self) -> bool:
        return self._inner.isEmpty()


def install_translators(app: QCoreApplication, setting: str, cache_dir: Path) -> str:
    """Load our translations and Qt's own (standard buttons) for the chosen language.

    English too loads ours: its texts are the code's own, but its plurals ("%n box(es)") come
    from the translation's numerus forms ("1 box", "2 boxes")."""
    language = choose_language(setting)
    for old in getattr(app, "_shopfloor_translators", []):
        app.removeTranslator(old)
    translators = []
    by_name = {path.stem: path for path in compile_translations(cache_dir)}
    ours = QTranslator(app)
    qm = by_name.get(f"shopfloor_{language}")
    if qm is not None and ours.load(str(qm)):
        zero_plural = ZeroTakesPlural(ours, app)
        app.installTranslator(zero_plural)
        translators.append(zero_plural)
    if language != "en":
        qt_base = QTranslator(app)
        if qt_base.load(QLocale(language), "qtbase", "_",
                        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_base)
            translators.append(qt_base)
    app._shopfloor_translators = translators  # type: ignore[attr-defined]
    app._shopfloor_language = language  # type: ignore[attr-defined]
    return language


if __name__ == "__main__":  # used by the packaging build: compile next to the sources
    for path in compile_translations(SOURCE_DIR):
        print(path)
