"""Screenshots of the SPC tab and its freeze dialog (the `spc` target of screenshots.py), both
languages, at 1366 x 768: station 206 records 120 boxes through the real production service
(a stable start, then a drift and a spike), an admin freezes the first 40 as the baseline."""

from __future__ import annotations

import random
import sys
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path


def _values() -> list[float]:
    noise = random.Random(7)
    stable = [round(noise.gauss(1.5, 0.1), 2) for _ in range(80)]
    drift = [round(noise.gauss(1.62, 0.05), 2) for _ in range(25)]
    return stable + drift + [2.6] + [round(noise.gauss(1.5, 0.1), 2) for _ in range(14)]


def render_spc(out_dir: Path) -> list[Path]:
    from PySide6.QtTest import QTest

    import utils.passwords
    from config.settings import Settings
    from config.spc import SpcSettings, SpecLimit
    from gui.admin.time_range import set_moment
    from gui.admin.window import AdminWindow
    from gui.app import make_application
    from gui.i18n import install_translators
    from utils.clock import ManualClock
    from utils.context import AppContext
    from utils.mes import spc_service
    from tests.gui.screenshots import save_png

    utils.passwords.BCRYPT_ROUNDS = 4
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    written: list[Path] = []
    for language in ("pt_BR", "en"):
        home = Path(tempfile.mkdtemp(prefix="shopfloor-spc-shots-"))
        start = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
        clock = ManualClock(start)
        ctx = AppContext.open(home, clock=clock, settings=Settings(
            station_id="206", language=language, timezone="America/Sao_Paulo"))
        install_translators(app, language, home / "translations")
        ctx.apply_catalog(replace(ctx.catalog, spc=SpcSettings(
            (SpecLimit("#00", "cam_d", 1.0, 2.0), SpecLimit("#00", "cam_w", None, 3.0)))))
        ctx.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42")
        admin = ctx.auth.login("ana", "Quarry-Lantern-42").session
        ctx.production.set_lot(admin, "L2503-001", 200)
        for value in _values():
            clock.advance(minutes=4)
            ctx.production.register_box(admin, {
                "size": "#00", "rej1_defect": "N/A", "cam_d": f"{value:.2f}".replace(".", ","),
                "cam_w": "1,10"})
        ctx.site_view.ingest_local()
        clock.advance(minutes=10)
        spc_service.freeze(ctx.changes, admin, ctx.site_view, ctx.catalog.spc, "206", "#00",
                           "cam_d", start, start + timedelta(minutes=4 * 40 + 2),
                           "stable week after the die change" if language == "en"
                           else "semana estável após a troca da matriz")
        ctx.site_view.ingest_local()
        window = AdminWindow(ctx, admin, embedded=True)
        window.resize(1366, 698)
        window.show()
        tab = window.spc_tab
        window.tabs.setCurrentWidget(tab)
        tab.refresh()
        QTest.qWait(200)
        save_png(window, out_dir, "admin-spc", language, written)
        dialog = tab.open_freeze()
        set_moment(dialog.start, ctx.timezone, start)
        set_moment(dialog.end, ctx.timezone, start + timedelta(minutes=165))
        dialog.reason.setText("estável" if language == "pt_BR" else "stable")
        dialog.freeze()  # refused: the reason is too short (shown in the dialog)
        QTest.qWait(100)
        save_png(dialog, out_dir, "admin-spc-freeze", language, written)
        dialog.reject()
        window.shutdown()
        window.close()
        ctx.close()
    install_translators(app, "en", Path(tempfile.gettempdir()) / "shopfloor-qm")
    return written
