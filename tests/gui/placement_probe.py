"""Run by test_window_placement.py in its own process, on an offscreen platform with the
screens of a config file: opens the station window, the admin panel and the wizard with the
mouse on a chosen screen and prints their geometries (JSON). `remember`: move the station
window first, close everything, open again."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["SHOPFLOOR_KEYRING"] = "off"


def rect(widget) -> list[int]:
    g = widget.frameGeometry()
    return [g.x(), g.y(), g.width(), g.height()]


def main(home: str, cursor_x: int, cursor_y: int, mode: str) -> None:
    import utils.passwords
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor
    from PySide6.QtWidgets import QApplication

    from config.settings import Settings
    from gui.app import StationApp, make_application
    from gui.admin.window import AdminWindow
    from gui.wizard import FirstRunWizard
    from utils.context import AppContext

    utils.passwords.BCRYPT_ROUNDS = 4
    app = make_application([])
    QCursor.setPos(QPoint(cursor_x, cursor_y))
    ctx = AppContext.open(Path(home), settings=Settings(station_id="206"))
    if not ctx.auth.has_users():
        ctx.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42")
    out: dict = {"screens": [[s.availableGeometry().x(), s.availableGeometry().y(),
                              s.availableGeometry().width(), s.availableGeometry().height()]
                             for s in app.screens()]}
    station = StationApp(ctx, start_sync=False)
    station.start()
    for _ in range(5):
        app.processEvents()
    out["station"] = rect(station.window)
    if mode == "move":
        station.window.move(station.window.x() + 40, station.window.y() + 30)
        station.window.resize(1100, 700)
        for _ in range(5):
            app.processEvents()
        out["moved"] = rect(station.window)
    panel = AdminWindow(ctx, ctx.auth.login("ana", "Quarry-Lantern-42").session)
    panel.show()
    for _ in range(5):
        app.processEvents()
    out["admin"] = rect(panel)
    panel.close()
    fresh = AppContext.open(Path(home) / "fresh")
    wizard = FirstRunWizard(fresh)
    wizard.show()
    for _ in range(5):
        app.processEvents()
    out["wizard"] = rect(wizard)
    wizard.close()
    fresh.close()
    station.stop()
    station.window.allow_close = True
    station.window.close()  # saves where it was
    ctx.close()
    QApplication.processEvents()
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
