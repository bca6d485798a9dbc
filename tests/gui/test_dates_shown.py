"""Dates on screen read alike (gui pass s19, item 10): the station's stops dialog and the Lots
tab's decision lines write the site's time as every other screen does ("2026-11-22 08:54"),
not "22/11 08:54" nor the signed wording "2026-11-22 09:39:00 -0300 (America/Sao_Paulo)" (that
one stays in the signed document: the lot record)."""

from __future__ import annotations

import re

from models.canonical import parse_utc

from tests.gui.test_admin_lots import _select
from tests.gui.test_station_window import OP_PW, fill, login, set_lot

SITE_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


def test_the_stops_dialog_writes_its_times_like_every_screen(qtbot, station, ctx, clock):
    from gui.site_time import site_text

    login(qtbot, station, "op", OP_PW)
    set_lot(station, total="10")
    fill(station.window.form, defect="", location="")
    station.window.form.save.click()
    clock.advance(minutes=16)  # 16 minutes without a box: a stop opens
    station.window.stop_button.tick()
    dialog = station.window.stop_button.open_dialog()
    qtbot.addWidget(dialog)
    stop = ctx.downtime.recent_stops()[0]
    started = dialog.model.data(dialog.model.index(0, 0))
    assert SITE_TIME.fullmatch(started), started
    assert started == site_text(ctx, stop.started_at)
    assert dialog.model.data(dialog.model.index(0, 1)) == "…"  # still open


def test_a_decision_line_of_the_lots_tab_writes_the_site_time(qtbot, release_plant, runner):
    from gui.admin import wiring
    from gui.admin.lot_texts import site_time

    plant = release_plant
    tab = wiring.lots_tab(plant.office, plant.qa(), runner)
    qtbot.addWidget(tab)
    plant.make_lot("L1", 2)
    decision = plant.release(plant.qa(), "L1")
    plant.office.site_view.ingest()
    _select(tab, "L1")
    text = tab.details.text()
    assert decision.local_time not in text  # the signed wording, offset and zone
    shown = site_time(decision.signed_at, tab.zone)
    assert SITE_TIME.fullmatch(shown) and shown in text, text
    assert shown == parse_utc(decision.signed_at).astimezone(tab.zone).strftime("%Y-%m-%d %H:%M")
