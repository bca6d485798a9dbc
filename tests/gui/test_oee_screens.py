"""Downtime and OEE on screen: the station's stop button and stops dialog (the live rule,
declaring, classifying with big buttons), the OEE tab (hand-worked figures, the rows behind a
line, classifying there), the dashboard's Pareto by reason and OEE trend, the fleet's cell."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from data import audit_repo
from gui.admin.fleet_production import production_cell

from tests.gui.test_station_window import OP_PW, fill, login, set_lot

BOX = {"size": "#0", "rej1_defect": "N/A", "rej1_location": "N/A", "cam_d": "1", "cam_w": "1"}


def actions(ctx, action):
    with ctx.database.read() as connection:
        return audit_repo.list_events(connection, station=ctx.station_id, action=action)


def test_the_station_opens_a_stop_and_the_operator_classifies_it(qtbot, station, ctx, clock):
    login(qtbot, station, "op", OP_PW)
    window = station.window
    set_lot(station, total="10")
    fill(window.form, defect="", location="")
    window.form.save.click()
    button = window.stop_button
    # What it does first, the machine's state after: an operator finds where to declare a stop.
    assert button.text() == "Stops… (running)" and button.minimumHeight() >= 44
    clock.advance(minutes=16)  # 09:16 local, no break yet: 16 minutes without a box
    button.tick()
    assert button.text().startswith("Stops… (down 0:16 · ")
    dialog = button.open_dialog()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and dialog.table.selectionModel().hasSelection()
    assert all(b.minimumHeight() >= 44 for b in dialog.reasons.buttons())
    dialog.classify_button.click()
    assert "reason first" in dialog.message.text()
    dialog.findChild(type(dialog.classify_button), "reason_material").click()
    dialog.note.setText("waiting for capsules")
    dialog.classify_button.click()
    assert "material" in dialog.message.text()
    event = actions(ctx, "stop.classified")[-1]
    assert event["username"] == "op"
    assert dialog.model.data(dialog.model.index(0, 3)) == "material"
    assert dialog.model.data(dialog.model.index(0, 4)) == "op"
    # Declaring while one is open is refused in words, nothing written.
    dialog.declare_button.click()
    assert "already open" in dialog.message.text() and len(actions(ctx, "stop.opened")) == 1
    dialog.close()
    # The next box ends the stop at once.
    fill(window.form, defect="", location="")
    window.form.save.click()
    assert "running" in button.text() and len(actions(ctx, "stop.closed")) == 1


def _site_with_a_shift(ctx, clock):
    """Shift 1 of 22 Nov (São Paulo, 06:00-14:00 local = 09:00-17:00 UTC), station 206:
    4 boxes (1 rejected), a 45 min stop classified 'setup'; then the view takes it in."""
    op = ctx.auth.login("op", OP_PW).session
    ctx.production.set_lot(op, "L1", 50, 1)
    for _ in range(2):
        ctx.production.register_box(op, BOX)
    ctx.downtime.declare(op, "setup")  # 09:00 local
    clock.advance(minutes=45)
    ctx.production.register_box(op, dict(BOX, rej1_defect="Furo", rej1_location="Cap"))
    ctx.downtime.tick()
    ctx.production.register_box(op, BOX)
    ctx.site_view.ingest_local()
    return op


def test_the_oee_tab_shows_hand_worked_figures_and_the_rows_behind(qtbot, ctx, clock):
    from gui.admin import wiring

    _site_with_a_shift(ctx, clock)
    clock.advance(hours=6)  # 15:45 local: shift 1 is over
    sup = ctx.auth.login("sup", "Sable-Own-Pass-1").session
    tab = wiring.oee_tab(ctx, sup)
    qtbot.addWidget(tab)
    assert "Availability" in tab.definitions.text()
    assert tab.model.rowCount() == 1
    cells = [tab.model.data(tab.model.index(0, c)) for c in range(12)]
    # Planned 8 h minus the 10:00 break (30 min) = 450 min; down 45 min: A = 405 / 450 = 90 %.
    # 4 boxes x 300 s = 20 min ideal / 405 min run: P = 4.9 %; Q = 3 / 4 = 75 %.
    assert cells[:8] == ["2026-11-22", "1", "206", "7:30", "0:45", "1", "4", "3"]
    assert cells[8:] == ["90.0 %", "4.9 %", "75.0 %", "3.3 %"]
    assert "90.0 %" in tab.total.text()
    dialog = tab.open_rows(0)
    qtbot.addWidget(dialog)
    assert dialog.stops_model.rowCount() == 1 and dialog.records_model.rowCount() == 4
    assert dialog.stops_model.data(dialog.stops_model.index(0, 3)) == "setup"
    assert "405.0 / 450.0" in dialog.figures.text()
    # A supervisor reclassifies it there: audited on this PC, and the figures follow.
    dialog.stops.selectRow(0)
    dialog.reason.setCurrentIndex(dialog.reason.findData("maintenance"))
    dialog.classify_button.click()
    assert "maintenance" in dialog.message.text()
    assert actions(ctx, "stop.classified")[-1]["username"] == "sup"
    ctx.site_view.ingest_local()
    dialog.refresh()
    assert dialog.stops_model.data(dialog.stops_model.index(0, 4)) == "sup"
    tab.grouping.setCurrentIndex(1)  # per day
    assert tab.model.data(tab.model.index(0, 1)) == "1–3"
    assert tab.model.data(tab.model.index(0, 8)) == "90.0 %"


def test_the_dashboard_gets_a_pareto_by_reason_and_an_oee_trend(qtbot, ctx, clock):
    from gui.admin.dashboard_tab import DashboardTab

    op = _site_with_a_shift(ctx, clock)
    clock.advance(minutes=50)  # 10:35 local, after the 10:00 break
    ctx.downtime.declare(op, "material")  # open: counted up to now
    clock.advance(minutes=10)
    ctx.site_view.ingest_local()
    from gui.admin import wiring

    tab = DashboardTab(wiring.site_now(ctx), ctx.site_view, ctx.oee)
    qtbot.addWidget(tab)
    charts = tab.downtime
    assert [(reason, round(seconds)) for reason, seconds, _n in charts.pareto] == [
        ("setup", 2700), ("material", 600)]
    heights = charts.pareto_bars.opts["height"]
    assert list(heights) == pytest.approx([0.75, 1 / 6])
    assert [d.day for d in charts.trend] == ["2026-11-22"]
    x, y = charts.trend_lines["availability"].getData()
    assert len(y) == 1 and 0 < y[0] < 100


def test_the_fleet_cell_reads_the_heartbeats_state_and_old_statuses():
    now = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
    down = {"state": "down", "since": "2026-12-01T10:35:00.000Z", "reason": "", "stop_id": "x"}
    assert production_cell(down, now) == ("down 1:25 · unclassified", 5_100.0)
    assert production_cell({"state": "running", "since": None}, now) == ("running", -1.0)
    assert production_cell(None, now) == ("—", -1.0)  # a status from an older version
    assert production_cell({"state": 3}, now) == ("—", -1.0)
    assert production_cell(dict(down, since="yesterday"), now)[0] == "down · unclassified"


def test_the_catalog_section_edits_rates_breaks_and_reasons(qtbot, ctx):
    from config.downtime import DowntimeSettings, PlannedBreak, SizeRate
    from gui.admin import wiring
    from models.validation import ValidationFailed
    from utils.site_catalog import catalog_from_dict

    tab = wiring.catalog_tab(ctx, ctx.auth.login("sup", "Sable-Own-Pass-1").session)
    qtbot.addWidget(tab)
    section = tab.downtime
    settings = DowntimeSettings(reasons=(*DowntimeSettings().reasons, "cleaning"),
                                rates=(SizeRate("#0", 14.5, 10),),
                                breaks=(PlannedBreak("21:45", 30),))
    section.load(settings)
    assert catalog_from_dict(tab.values()).downtime == settings
    section.breaks.setPlainText("25:00 10\n10:00 abc")
    with pytest.raises(ValidationFailed) as failed:
        catalog_from_dict(tab.values())
    tab.show_errors(failed.value.errors)
    assert "Stops and OEE" in tab.error.text() and section.breaks in tab.invalid


def test_the_oee_lines_model_sorts_itself_builds_texts_when_shown_and_keeps_the_selection(
        qtbot):
    from PySide6.QtWidgets import QTableView

    from gui.admin.oee_model import OeeLinesModel, shift_lines
    from gui.admin.oee_texts import shift_headers
    from utils.mes.oee import figures
    from utils.mes.oee_report import ShiftOee

    start = datetime(2026, 11, 22, 9, tzinfo=timezone.utc)
    rows = [ShiftOee(station, start, start + timedelta(hours=8), "2026-11-22", 1, stops,
                     figures(28_800, down, boxes * 300.0, boxes, boxes - 1))
            for station, stops, down, boxes in (("201", 1, 600, 40), ("202", 0, 0, 90),
                                                ("203", 3, 7200, 10))]
    model = OeeLinesModel(shift_headers())
    lines = shift_lines(rows)
    model.set_rows(lines)
    assert all(line.texts is None for line in lines)  # nothing formatted before it is asked
    assert model.data(model.index(1, 6)) == "90" and lines[1].texts is not None
    assert lines[0].texts is None and lines[2].texts is None
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.selectRow(0)  # station 201
    table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # most downtime first
    assert [model.key(r).station for r in range(3)] == ["203", "201", "202"]
    assert model.data(model.index(0, 4)) == "2:00"
    assert [i.row() for i in table.selectionModel().selectedRows()] == [1]  # still 201
    model.set_rows(shift_lines(list(reversed(rows))))  # a refresh keeps the chosen order
    assert [model.key(r).station for r in range(3)] == ["203", "201", "202"]
    table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, 2)) for r in range(3)] == ["201", "202", "203"]
    assert model.data(model.index(0, 8), Qt.ItemDataRole.UserRole) == pytest.approx(
        (28_800 - 600) / 28_800)


def test_a_refused_stop_is_said_by_what_refused_it(ctx):
    """The station's stops dialog and the panel's OEE rows share these sentences: declaring
    while a stop is open, a reason the catalog no longer has and a role that may not classify
    each get their own (a stale reason once read as "a stop is already open")."""
    from gui.downtime_texts import STOP_REFUSALS, stop_refusal_text

    op = ctx.auth.login("op", OP_PW).session
    stop = ctx.downtime.declare(op, "setup")
    said = []
    for act in (lambda: ctx.downtime.declare(op, "material"),
                lambda: ctx.downtime.classify(op, "206", stop.stop_id, "coffee"),
                lambda: ctx.downtime.classify(op, "203", "abc", "setup"),
                lambda: ctx.downtime.classify(op, "206", stop.stop_id, "setup",
                                              "die \u202egnignahc")):
        with pytest.raises(STOP_REFUSALS) as refused:
            act()
        said.append(stop_refusal_text(refused.value))
    assert "already open" in said[0]
    assert "not in the site catalog" in said[1]
    assert "may not classify" in said[2]
    assert "write the note again in plain text" in said[3]
    assert all("Nothing was changed" in text for text in said)
