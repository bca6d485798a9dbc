"""Screenshots of labels (issue 15 point 4), for `tests/gui/screenshots.py labels`: the station's
label dialog for a first print and for a reprint, at 1366 x 768; the catalog editor's Labels
section with its preview; and the printed labels themselves (box, lot, reprint) as the printer
draws them at 203 dpi. Both languages, on throwaway folders."""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path


def render_labels(out_dir: Path) -> list[Path]:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    import utils.passwords
    from config.constants import Role
    from config.settings import Settings
    from gui.admin import wiring
    from gui.app import StationApp, make_application
    from gui.i18n import install_translators
    from gui.label_dialog import open_label_dialog
    from gui.label_painter import label_image
    from gui.label_texts import captions
    from utils.clock import ManualClock
    from utils.context import AppContext
    from utils.mes.label_layout import layout_label

    from tests.gui.screenshots import SCREEN_1366, save_png

    utils.passwords.BCRYPT_ROUNDS = 4
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    written: list[Path] = []

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shot(widget, name: str, language: str) -> None:
        settle()
        save_png(widget, out_dir, name, language, written)

    for language in ("pt_BR", "en"):
        home = Path(tempfile.mkdtemp(prefix="shopfloor-labels-"))
        clock = ManualClock(datetime(2026, 11, 22, 11, 52, tzinfo=timezone.utc))
        ctx = AppContext.open(home, clock=clock, settings=Settings(
            station_id="206", language=language, timezone="America/Sao_Paulo"))
        install_translators(app, language, home / "translations")
        ctx.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42")
        admin = ctx.auth.login("ana", "Quarry-Lantern-42").session
        ctx.auth.create_user(admin, "olga", "Olga Operadora", Role.OPERATOR, "Otter-Initial-1",
                             "operator of machine 206")
        ctx.auth.change_password("olga", "Otter-Initial-1", "Otter-Own-Pass-1")
        station = StationApp(ctx, start_sync=False)
        window = station.window
        station.start()
        window.resize(*SCREEN_1366)
        window.show()
        station.controller.login("olga", "Otter-Own-Pass-1")
        station.controller.set_lot("L2026-0142", "500", "12")
        for _ in range(3):
            station.controller.register_box({"size": "#00", "cam_d": "2,5", "cam_w": "3,1"})
            clock.advance(minutes=3)
        settle()
        shot(window, "station-with-label-button", language)
        dialog = open_label_dialog(window)
        shot(dialog, "label-dialog", language)
        pdf = home / "label.pdf"

        def to_pdf() -> QPrinter:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(pdf))
            return printer

        dialog.choose_printer = to_pdf
        dialog.print_now()
        settle()
        shot(dialog, "label-dialog-reprint", language)
        content = dialog.content()
        dialog.close()
        # The labels as printed (one image pixel a printer dot at 203 dpi).
        template = ctx.catalog.labels
        for name, label in (("label-box", content),
                            ("label-box-reprint", replace(content, reprint=True)),
                            ("label-lot", ctx_lot_label(ctx, station))):
            path = out_dir / f"{name}-{language}.png"
            label_image(layout_label(label, template, captions())).save(str(path))
            written.append(path)
        # The catalog editor's Labels page (an admin's Catalog tab).
        tab = wiring.catalog_tab(ctx, admin)
        tab.resize(1400, 860)
        tab.show()
        settle()
        tab.sections.setCurrentIndex(3)  # the catalog's "Labels" page
        shot(tab, "admin-settings-labels", language)
        tab.close()
        tab.runner.shutdown()
        station.stop()
        window.allow_close = True
        window.close()
        ctx.close()
    QApplication.processEvents()
    return written


def ctx_lot_label(ctx, station):
    from utils.mes.labels import LabelService

    return LabelService(ctx).lot_content(station.controller.current_lot(), "#00", "olga")

