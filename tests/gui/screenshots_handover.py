"""Screenshots of the shift handover (the `handover` target of tests/gui/screenshots.py): the
station window with the handover due, the dialog where the outgoing operator signs, the one
where the incoming operator acknowledges, the admin panel's Handovers tab and the Catalog
tab's "Shift handover" page (the offer times), in both
languages, at 1366 x 768 (the station's window and the panel at the screen's client area)."""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path


def render_handover(out_dir: Path) -> list[Path]:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    import utils.passwords
    from config.constants import Role
    from config.settings import Settings
    from gui.admin.window import AdminWindow
    from gui.app import StationApp, make_application
    from gui.i18n import install_translators
    from utils.clock import ManualClock
    from utils.context import AppContext

    from tests.gui.screenshots import SCREEN_1366, _settle, save_png, settle_until

    utils.passwords.BCRYPT_ROUNDS = 4
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    written: list[Path] = []
    defects = ("Rachada", None, "Amassada", "Rachada", None, "Furo", None, "Rachada")
    for language in ("pt_BR", "en"):
        home = Path(tempfile.mkdtemp(prefix="shopfloor-shots-"))
        clock = ManualClock(datetime(2026, 11, 20, 9, 10, tzinfo=timezone.utc))
        ctx = AppContext.open(home, clock=clock, settings=Settings(
            station_id="206", language=language, timezone="America/Sao_Paulo"))
        install_translators(app, language, home / "translations")
        ctx.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42")
        admin = ctx.auth.login("ana", "Quarry-Lantern-42").session
        people = (("olga", "Olga Operadora"), ("paulo", "Paulo Pereira"))
        for name, full in people:
            ctx.auth.create_user(admin, name, full, Role.OPERATOR, "Initial-Pass-1",
                                 "operator of machine 206")
            ctx.auth.change_password(name, "Initial-Pass-1", f"{name.title()[::-1]}-Own-Pass-1")
        sessions = {n: ctx.auth.login(n, f"{n.title()[::-1]}-Own-Pass-1").session for n, _ in people}
        # Two earlier shifts handed over and taken, for the history
        for day, (out, into) in enumerate((("paulo", "olga"), ("olga", "paulo"))):
            ctx.production.set_lot(sessions[out], f"L2503-00{day + 1}", 40)
            for number, defect in enumerate(defects):
                clock.advance(minutes=37)
                ctx.production.register_box(sessions[out], {
                    "size": "#00", "rej1_defect": defect or "N/A",
                    "rej1_location": "Cap/Body" if defect else "N/A",
                    "cam_d": "1,42", "cam_w": "0,98"})
            clock._now = clock.now().replace(hour=16, minute=50)
            shift = ctx.handover.shift_to_hand_over()
            signed = ctx.handover.sign(sessions[out], shift, (
                "Máquina 206 parou duas vezes por material (cápsula #00 acabou)."
                if day == 0 else "Balança 2 oscilando depois das 10h; manutenção avisada."),
                password=f"{out.title()[::-1]}-Own-Pass-1", username=out)
            clock.advance(minutes=20)
            ctx.handover.acknowledge(sessions[into], signed.id,
                                     password=f"{into.title()[::-1]}-Own-Pass-1", username=into,
                                     note="Lido." if day == 0 else "")
            clock._now = clock.now().replace(day=clock.now().day + 1, hour=9, minute=10)

        # Today: Olga's shift, the handover due in its last half hour
        ctx.production.set_lot(sessions["olga"], "L2503-003", 40)
        for defect in defects[:6]:
            clock.advance(minutes=41)
            ctx.production.register_box(sessions["olga"], {
                "size": "#00", "rej1_defect": defect or "N/A",
                "rej1_location": "Cap/Body" if defect else "N/A",
                "cam_d": "1,42", "cam_w": "0,98"})
        clock._now = clock.now().replace(hour=16, minute=42)  # 13:42 local
        station = StationApp(ctx, start_sync=False)
        window = station.window
        station.start()
        window.resize(*SCREEN_1366)

        def shot(widget, name: str) -> None:
            _settle(app)
            save_png(widget, out_dir, name, language, written)

        station.controller.login("olga", "aglO-Own-Pass-1")
        window.header._tick()
        shot(window, "station-handover-due")
        dialog = window.handover.open()
        dialog.resize(1100, 698)
        settle_until(lambda: dialog.summary is not None, lambda _n: QTest.qWait(10))
        dialog.notes.setPlainText("Lote L2503-003 segue no próximo turno (caixa 7 de 40).\n"
                                  "Furo na caixa 6: amostra separada para a qualidade.")
        shot(dialog, "handover-sign")
        dialog.signature.username.setText("olga")
        dialog.signature.password.setText("aglO-Own-Pass-1")
        dialog.sign()
        settle_until(lambda: dialog.done_with is not None, lambda _n: QTest.qWait(10))
        dialog.close()
        station.controller.logout("user")
        clock._now = clock.now().replace(hour=17, minute=4)
        station.controller.login("paulo", "oluaP-Own-Pass-1")
        dialog = window.handover.dialog  # opened at login for the incoming operator
        dialog.resize(1100, 698)
        dialog.notes.setPlainText("Ciente; vou acompanhar a amostra.")
        shot(dialog, "handover-acknowledge")
        dialog.close()
        station.stop()
        window.allow_close = True
        window.close()

        panel = AdminWindow(ctx, admin, embedded=True)
        panel.resize(*SCREEN_1366)
        panel.show()
        tab = panel.handover_tab
        panel.tabs.setCurrentWidget(tab)
        settle_until(lambda: tab.model.rowCount() == 3, lambda _n: QTest.qWait(10))
        tab.table.selectRow(0)
        settle_until(lambda: "L2503-003" in tab.page.toPlainText(), lambda _n: QTest.qWait(10))
        shot(panel, "admin-handovers")
        catalog = panel.catalog_tab  # its "Shift handover" page: when the station offers it
        panel.tabs.setCurrentWidget(catalog)
        catalog.sections.setCurrentIndex(list(catalog.features).index("handover") + 1)
        shot(panel, "admin-catalog-handover")
        panel.shutdown()
        panel.close()
        ctx.close()
    install_translators(app, "en", Path(tempfile.gettempdir()) / "shopfloor-qm")
    QApplication.processEvents()
    return written
