"""Screens of downtime and OEE for tests/gui/screenshots.py (target `oee`): the station window
with a stop open and its stops dialog (station PC, 1366 x 768), the OEE tab, the rows behind a
line, the dashboard with its downtime charts and the catalog's "Stops and OEE" section (office
PC), in pt_BR and en. Other stations' shifts are put in the site view as ingest would."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

REASONS = ("setup", "material", "maintenance", "quality", "no_operator", "other", "")


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _other_stations(ctx, first_shift: datetime, shifts: int) -> None:
    """Stations 201-205: a few boxes and one or two stops a shift (synthetic, in one batch
    each, through the view's own writer)."""
    from data.view_store import Batch, Position
    from tests.gui.test_admin_dashboard import site_row

    writer = ctx.site_view._writer_for_use()
    for number, station in enumerate(("201", "202", "203", "204", "205")):
        records, events, seq = [], [], 0
        for shift in range(shifts):
            start = first_shift + timedelta(hours=8 * shift)
            for box in range(18 + (number * 7 + shift * 3) % 14):
                seq += 1
                records.append(site_row(f"{station}-{seq}", station,
                                        _text(start + timedelta(minutes=12 + box * 19)),
                                        cam_d=2.0, cam_w=2.5, box=seq, seq=seq,
                                        rejections=[("Furo", "Cap")] if box % 9 == 0 else ()))
            for stop in range(1 + (number + shift) % 2):
                seq += 3
                began = start + timedelta(minutes=70 + stop * 170 + number * 11)
                ended = began + timedelta(minutes=12 + (number * 13 + shift * 7) % 50)
                stop_id = f"s{seq}"
                body = {"stop_id": stop_id, "started_at": _text(began), "size": "#0",
                        "reason": ""}
                events.append((station, seq, _text(began), None, "system", "stop.opened",
                               "stop", None, None, f"h{station}{seq}", json.dumps({"after": body})))
                closed = dict(body, ended_at=_text(ended), breaks=[])
                events.append((station, seq + 1, _text(ended), None, "system", "stop.closed",
                               "stop", None, None, f"h{station}{seq + 1}",
                               json.dumps({"after": closed})))
                reason = REASONS[(seq + number) % len(REASONS)]
                if reason:
                    after = {"station": station, "stop_id": stop_id, "reason": reason,
                             "note": ""}
                    events.append((station, seq + 2, _text(ended), "sup", "supervisor",
                                   "stop.classified", "stop", None, None,
                                   f"h{station}{seq + 2}", json.dumps({"after": after})))
        writer.store(Batch(f"shots-{station}", "local", Position(), Position(1, 1), None,
                           events=events, records=records, now=_text(first_shift)))


def render_oee(out_dir: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    import utils.passwords
    from config.constants import Role
    from config.settings import Settings
    from gui.admin.dashboard_tab import DashboardTab
    from gui.admin import wiring
    from gui.app import StationApp, make_application
    from gui.i18n import install_translators
    from tests.gui.screenshots import SCREEN_1366, _settle, save_png
    from utils.clock import ManualClock
    from utils.context import AppContext

    utils.passwords.BCRYPT_ROUNDS = 4
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    written: list[Path] = []
    form = {"size": "#00", "rej1_defect": "N/A", "rej1_location": "N/A", "cam_d": "2,1",
            "cam_w": "2,5"}
    for language in ("pt_BR", "en"):
        home = Path(tempfile.mkdtemp(prefix="shopfloor-shots-oee-"))
        # 21 Nov 06:00 local (09:00 UTC): two days of shifts before "now".
        first = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
        clock = ManualClock(first)
        ctx = AppContext.open(home, clock=clock, settings=Settings(
            station_id="206", language=language, timezone="America/Sao_Paulo"))
        install_translators(app, language, home / "translations")
        ctx.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42")
        admin = ctx.auth.login("ana", "Quarry-Lantern-42").session
        ctx.auth.create_user(admin, "olga", "Olga Operadora", Role.OPERATOR, "Otter-Initial-1",
                             "operator of machine 206")
        ctx.auth.change_password("olga", "Otter-Initial-1", "Otter-Own-Pass-1")
        olga = ctx.auth.login("olga", "Otter-Own-Pass-1").session
        ctx.production.set_lot(olga, "L2503-001", 900, 1)
        # Station 206's own two days: a box about every 5 minutes, a stop now and then.
        while clock.now() < first + timedelta(days=2, hours=3):
            ctx.production.register_box(olga, form)
            # A stop of 40 minutes about every four hours.
            step = 40 if clock.now().hour % 4 == 0 and clock.now().minute < 6 else 6
            clock.advance(minutes=step)
            ctx.downtime.tick()
        for stop in ctx.downtime.recent_stops()[1::2]:
            ctx.downtime.classify(olga, "206", stop.stop_id, "material", "")
        clock.advance(minutes=18)
        ctx.downtime.tick()
        _other_stations(ctx, first, 7)
        ctx.site_view.ingest_local()

        def shot(widget, name: str) -> None:
            _settle(app)
            save_png(widget, out_dir, name, language, written)

        station = StationApp(ctx, start_sync=False)
        window = station.window
        station.start()
        window.resize(*SCREEN_1366)
        station.controller.login("olga", "Otter-Own-Pass-1")
        window.stop_button.refresh()
        shot(window, "oee-station-down")
        dialog = window.stop_button.open_dialog()
        shot(dialog, "oee-stops-dialog")
        dialog.close()
        station.stop()
        window.allow_close = True
        window.close()

        for widget, name in ((wiring.oee_tab(ctx, admin), "oee-tab"), (DashboardTab(wiring.site_now(ctx), ctx.site_view, ctx.oee), "oee-dashboard"),
                             (wiring.catalog_tab(ctx, admin), "oee-catalog")):
            widget.resize(*SCREEN_1366)
            widget.show()
            if name == "oee-tab":
                widget.filters.period.setCurrentIndex(widget.filters.period.findData(7))
                widget.refresh()
                shot(widget, name)
                rows = widget.open_rows(0)
                rows.resize(1100, 700)
                shot(rows, "oee-rows-behind")
                rows.close()
            else:
                if name == "oee-catalog":  # the catalog's "Stops and OEE" page
                    widget.sections.setCurrentIndex(1)
                shot(widget, name)
            widget.close()
        ctx.close()
    QApplication.processEvents()
    return written
