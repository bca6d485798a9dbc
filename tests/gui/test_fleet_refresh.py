"""The fleet tab's refresh: lines made on the poller's thread (settled part kept until the time
axis steps), the table model's own sort and search with the selection following its station,
the row diff, the alarm list updated in place, the legend switching a station's lines off."""

from __future__ import annotations

import math
import threading
from datetime import datetime, timezone

import numpy as np
import pytest

from utils.clock import ManualClock
from utils.site.fleet import Liveness, StationView
from utils.site.timeseries import MetricRing

from tests.gui.conftest import wait_for


class RingFleet:
    """The two things TraceBuilder reads from a FleetMonitor: its clock and `series`."""

    def __init__(self, clock: ManualClock):
        self.clock = clock
        self.rings: dict[str, MetricRing] = {}

    def add(self, station: str, seconds: int, cpu=lambda k: 10.0 + k % 50) -> None:
        ring = self.rings.setdefault(station, MetricRing(3600))
        now = self.clock.now().timestamp()
        for k in range(seconds):
            ring.append(now - (seconds - 1 - k), {"cpu": cpu(k), "memory": 40.0, "disk": None})

    def series(self, station: str, metric: str):
        ring = self.rings.get(station)
        return None if ring is None else ring.series(metric)


@pytest.fixture
def fleet():
    # 10 s after a 30-s boundary: the next ticks stay inside the same step.
    start = datetime.fromtimestamp(math.floor(1_800_000_000 / 30) * 30 + 10, timezone.utc)
    return RingFleet(ManualClock(start))


def test_settled_lines_are_kept_until_the_time_axis_steps(qapp, fleet):
    from gui.admin.fleet_traces import X_STEP_S, TraceBuilder

    fleet.add("201", 3600)
    builder = TraceBuilder(fleet)
    first = builder.frame(("201",), width_px=360)
    now = fleet.clock.now().timestamp()
    start, end = first.x_range
    assert end == math.ceil(now / X_STEP_S) * X_STEP_S and end - start == 3600
    settled, live = first.settled["cpu"][0], first.live["cpu"][0]
    # 3,600 s over 360 px: 10-s bins, a low and a high each; the live part is the samples
    # since the last step plus the one before it (the line is joined).
    assert settled.points <= 2 * 361 and settled.x_max < end - X_STEP_S + 10
    boundary = math.floor(now / X_STEP_S) * X_STEP_S
    assert live.points == 10 + 1 + 1 and live.x_min < boundary <= live.x_max
    assert first.settled["disk"][0] is None and first.live["disk"][0] is None  # never measured

    for _ in range(5):  # five more seconds, still inside the step
        fleet.clock.advance(1)
        fleet.add("201", 1)
        frame = builder.frame(("201",), width_px=360)
        assert frame.settled["cpu"][0] is settled  # the same object: not redrawn
        assert frame.x_range == first.x_range
    assert frame.live["cpu"][0].points == live.points + 5

    fleet.clock.advance(X_STEP_S)
    fleet.add("201", X_STEP_S)
    stepped = builder.frame(("201",), width_px=360)
    assert stepped.x_range == (start + X_STEP_S, end + X_STEP_S)
    assert stepped.settled["cpu"][0] is not settled
    assert stepped.settled["cpu"][0].x_max > settled.x_max
    # Another width: other bins.
    wider = builder.frame(("201",), width_px=720)
    assert wider.settled["cpu"][0].points > stepped.settled["cpu"][0].points


def test_a_new_station_is_shown_from_its_first_minute(qapp, fleet):
    from gui.admin.fleet_traces import TraceBuilder

    fleet.add("201", 90)
    frame = TraceBuilder(fleet).frame(("201", "999"), width_px=400)
    first_sample = float(fleet.series("201", "cpu")[0][0])
    start, end = frame.x_range
    assert start == math.floor(first_sample / 60) * 60 and end - start <= 3600
    assert frame.settled["cpu"][1] is None and frame.live["cpu"][1] is None  # never seen
    drawn = sum(t.points for t in (frame.settled["cpu"][0], frame.live["cpu"][0]) if t)
    assert drawn >= 90 // 2  # binned per second at this width: about every sample


def test_peaks_survive_the_binning(qapp, fleet):
    from gui.admin.fleet_traces import TraceBuilder

    fleet.add("201", 3600, cpu=lambda k: 99.0 if k == 1234 else 20.0)
    frame = TraceBuilder(fleet).frame(("201",), width_px=300)
    assert frame.settled["cpu"][0].y_max == 99.0 and frame.settled["cpu"][0].y_min == 20.0


def _view(station: str, cpu: float, state=Liveness.ONLINE, user: str | None = None) -> StationView:
    return StationView(station, state, {
        "metrics": {"cpu": {"value": cpu}, "memory": {"value": 40}, "disk": {"value": 50}},
        "user": {"username": user} if user else None})


def test_row_diff_names_the_changed_rows_and_columns(qapp):
    from config.catalog import DEFAULT_THRESHOLDS
    from gui.admin.fleet_model import FleetTableModel, diff_rows

    model = FleetTableModel()

    def rows(*views):
        return model.rows_for(list(views), DEFAULT_THRESHOLDS, zone=timezone.utc,
                              today=datetime(2026, 11, 29).date())

    before = rows(_view("201", 10), _view("202", 20), _view("203", 30))
    after = rows(_view("201", 10), _view("202", 25), _view("203", 30))
    diff = diff_rows(before, after)
    cpu = FleetTableModel.COLUMNS.index("cpu")
    assert diff.changed == [1] and (diff.first, diff.last) == (cpu, cpu) and diff.base is before
    user = FleetTableModel.COLUMNS.index("user")
    moved = rows(_view("201", 10, user="olga"), _view("202", 25), _view("203", 35))
    diff = diff_rows(after, moved)
    assert diff.changed == [0, 2] and (diff.first, diff.last) == (user, cpu)
    offline = rows(_view("201", 10, user="olga"), _view("202", 25),
                   _view("203", 35, Liveness.OFFLINE))
    diff = diff_rows(moved, offline)  # a state change greys the whole row
    assert diff.changed == [2] and (diff.first, diff.last) == (0, len(FleetTableModel.COLUMNS) - 1)
    assert diff_rows(offline, offline).changed == []


@pytest.fixture
def fleet_tab(qtbot, ctx):
    from gui.admin.fleet_tab import FleetTab
    from gui.admin import wiring
    from gui.app import make_application

    make_application([])
    session = ctx.auth.login("ana", "Quarry-Lantern-42").session
    fleet_stub = RingFleet(ManualClock(datetime(2026, 11, 29, 12, 0, 10, tzinfo=timezone.utc)))
    tab = FleetTab(fleet_stub, wiring.site_now(ctx), ctx.changes, session)
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    return tab


def test_selection_follows_its_station_through_sorts_resets_and_searches(qtbot, fleet_tab,
                                                                         qtmodeltester):
    from PySide6.QtCore import Qt

    from gui.admin.fleet_model import FleetTableModel

    tab = fleet_tab
    tab.update_views([_view("201", 10), _view("202", 50), _view("203", 90)])
    tab.table.selectRow(tab.model.row_of("202"))
    assert tab.selected_stations() == ["202"]
    tab.table.sortByColumn(FleetTableModel.COLUMNS.index("cpu"), Qt.SortOrder.DescendingOrder)
    assert tab.model.row_of("202") == 1 and tab.selected_stations() == ["202"]
    tab.update_views([_view("201", 10), _view("202", 95), _view("203", 90)])  # 202 moves up
    assert tab.model.row_of("202") == 0 and tab.selected_stations() == ["202"]
    tab.update_views([_view("201", 10), _view("202", 95), _view("203", 90), _view("204", 5)])
    assert tab.model.rowCount() == 4 and tab.selected_stations() == ["202"]  # after a reset
    tab.search.setText("203")
    assert tab.model.rowCount() == 1 and tab.selected_stations() == []
    tab.search.setText("")
    assert tab.model.rowCount() == 4 and tab.selected_stations() == ["202"]
    qtmodeltester.check(tab.model)
    assert tab.model.data(tab.model.index(-1, -1)) is None


def test_search_finds_a_station_by_any_cell_as_values_change(qtbot, fleet_tab):
    tab = fleet_tab
    tab.update_views([_view("201", 10), _view("202", 50)])
    tab.search.setText("OLGA")
    assert tab.model.rowCount() == 0
    tab.update_views([_view("201", 10), _view("202", 50, user="olga")])
    assert [tab.model.view_at(r).station_id for r in range(tab.model.rowCount())] == ["202"]


def test_alarm_selection_follows_its_alarm_and_never_points_at_another(qtbot, fleet_tab):
    tab = fleet_tab
    tab.update_views([_view("201", 10), _view("202", 99), _view("203", 99)])
    texts = [tab.alarms.item(i).text() for i in range(tab.alarms.count())]
    assert len(texts) == 2 and "202" in texts[0] and "203" in texts[1]
    tab.alarms.setCurrentRow(1)  # station 203's
    tab.update_views([_view("201", 99), _view("202", 99), _view("203", 99)])  # one more above it
    assert "203" in tab.alarms.currentItem().text() and tab.alarms.currentRow() == 2
    tab.update_views([_view("201", 99), _view("202", 99), _view("203", 10)])  # 203's is over
    assert tab.alarms.count() == 2 and tab.alarms.currentItem() is None
    assert tab.acknowledge_selected(note="nothing chosen") is False


def test_legend_switches_a_stations_lines_off_and_on(qtbot, fleet_tab):
    tab = fleet_tab
    tab.fleet.add("201", 120)
    tab.fleet.add("202", 120)
    tab.update_views([_view("201", 10), _view("202", 20)])
    tab.table.selectAll()
    assert tab.drawn_points("201", "cpu") > 0 and tab.drawn_points("202", "memory") > 0
    sample, _label = next(item for item in tab.plots._legend.items if item[1].text == "201")
    sample.item.setVisible(False)  # what a click on the legend's sample does
    assert tab.drawn_points("201", "cpu") == 0 and tab.drawn_points("202", "cpu") > 0
    sample.item.setVisible(True)
    assert tab.drawn_points("201", "cpu") > 0


def test_the_poller_prepares_each_update_on_its_own_thread(qtbot, qapp):
    from gui.admin.fleet_poller import FleetPoller

    class OneStation:
        transport = None  # no folder to watch for acks: the poll alone

        def poll(self):
            return []

        def track(self):
            return []

        def snapshot(self):
            return [_view("201", 10)]

    threads: list[str] = []

    def prepare(views):
        threads.append(threading.current_thread().name)
        return ("prepared", len(views))

    poller = FleetPoller(OneStation(), interval_s=0.01, prepare=prepare)
    received = []
    poller.updated.connect(received.append)
    poller.start()
    try:
        wait_for(lambda: len(received) >= 3)
    finally:
        poller.stop()
    assert set(threads) == {"shopfloor-fleet"} and received[0] == ("prepared", 1)
    assert not any(t.name == "shopfloor-fleet" for t in threading.enumerate())


def test_lines_drawn_match_the_rings(qtbot, fleet_tab):
    """What the plot draws for a station is the ring's data: the settled bins plus the live
    samples (checked against the ring itself, not against the builder)."""
    tab = fleet_tab
    tab.fleet.add("201", 600, cpu=lambda k: float(k % 7))
    tab.update_views([_view("201", 10)])
    tab.table.selectRow(0)
    times, values = tab.fleet.series("201", "cpu")
    frame = tab.traces.frame(("201",), tab._width_px)
    settled, live = frame.settled["cpu"][0], frame.live["cpu"][0]
    assert settled.y_min == float(np.nanmin(values)) and settled.y_max == float(np.nanmax(values))
    assert live.x_max == float(times[-1])
    assert tab.drawn_points("201", "cpu") == settled.points + live.points


def test_fast_cells_draw_the_models_text_and_colours(qtbot, fleet_tab):
    """The table's delegate paints from the model's cache: the text (cut with an ellipsis
    only when the column is too narrow) and the threshold colour behind a CPU figure."""
    from PySide6.QtGui import QColor, QFontMetrics

    from gui.admin.fleet_model import LEVEL_COLORS, FleetTableModel
    from gui.fast_cells import FastCellDelegate

    tab = fleet_tab
    tab.update_views([_view("201", 99, user="a-very-long-operator-name")])
    delegate = tab.table.itemDelegate()
    assert isinstance(delegate, FastCellDelegate)
    cpu = FleetTableModel.COLUMNS.index("cpu")
    text, _foreground, background = tab.model.paint_cell(0, cpu)
    assert text == "99" and background.color() == LEVEL_COLORS["critical"]
    metrics = QFontMetrics(tab.table.font())
    name = "a-very-long-operator-name"
    assert delegate.shown_text(name, 1000, metrics) == name
    cut = delegate.shown_text(name, metrics.horizontalAdvance(name) // 2, metrics)
    assert cut.endswith("…") and len(cut) < len(name)
    # What was painted: the critical colour fills the CPU cell.
    image = tab.table.viewport().grab().toImage()
    rect = tab.table.visualRect(tab.model.index(0, cpu))
    assert QColor(image.pixel(rect.right() - 2, rect.center().y())) == LEVEL_COLORS["critical"]


def test_an_acknowledged_alarm_stays_listed_greyed_with_who_when_and_note(qtbot, fleet_tab, ctx,
                                                                         monkeypatch):
    """The button asks for the note; acknowledged, the alarm is still listed (below the open
    alarms, greyed) with the acknowledging user, the time (site time; with the date, not
    today) and the note, all as the audit event has them; acknowledging it again is refused;
    once the condition clears it is gone."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QInputDialog

    from data import audit_repo

    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *args: (
        asked.append(args[1:]) or ("cable unplugged, 50% of the line idle", True)))

    tab = fleet_tab
    tab.update_views([_view("201", 99), _view("202", 10, Liveness.OFFLINE)])
    assert [tab.alarms.item(i).text() for i in range(tab.alarms.count())] == [
        "Station 201: CPU (critical)", "Station 202: not reporting (critical)"]
    tab.alarms.setCurrentRow(1)
    tab.ack_button.click()
    assert asked == [("Acknowledge alarm", "Note (what you are doing about it):")]
    with ctx.database.read() as connection:
        event = audit_repo.list_events(connection, action="alarm.ack")[-1]
    # The audit clock: 12:00 UTC on 22 November, 09:00 in São Paulo; the fleet's today is 29th.
    assert (event["username"], event["ts"]) == ("ana", "2026-11-22T12:00:00.000Z")
    assert event["entity_id"] == "202" and "cable unplugged, 50% of the line idle" in event["body"]
    texts = [tab.alarms.item(i).text() for i in range(tab.alarms.count())]
    assert texts == ["Station 201: CPU (critical)",
                     "Station 202: not reporting (critical) · acknowledged by ana at "
                     "2026-11-22 09:00:00: cable unplugged, 50% of the line idle"]
    assert tab.alarms.item(1).foreground().color() == QColor(Qt.GlobalColor.gray)
    assert tab.alarms.item(0).foreground().color() == QColor(Qt.GlobalColor.darkRed)
    tab.alarms.setCurrentRow(1)
    assert not tab.ack_button.isEnabled()
    assert tab.acknowledge_selected(note="twice") is False
    tab.alarms.setCurrentRow(0)
    assert tab.ack_button.isEnabled()
    tab.update_views([_view("201", 99), _view("202", 10)])  # 202 reports again
    assert [tab.alarms.item(i).text() for i in range(tab.alarms.count())] == [
        "Station 201: CPU (critical)"]


def test_a_metric_acknowledgement_outlives_a_late_status_but_not_its_condition(qtbot, fleet_tab):
    """While a station is stale its metrics are unknown: the acknowledgement of its CPU alarm
    is kept; once it reports again without the condition, it is dropped."""
    tab = fleet_tab
    tab.update_views([_view("201", 99)])
    tab.alarms.setCurrentRow(0)
    assert tab.acknowledge_selected(note="batch job, ends at noon")

    def texts():
        return [tab.alarms.item(i).text() for i in range(tab.alarms.count())]

    tab.update_views([_view("201", 99, Liveness.STALE)])  # one status late
    assert texts() == ["Station 201: not reporting (warning)"]
    tab.update_views([_view("201", 99)])  # back, still hot: still acknowledged
    assert len(texts()) == 1 and "acknowledged by ana" in texts()[0]
    tab.update_views([_view("201", 10)])  # the condition cleared while reporting
    tab.update_views([_view("201", 99)])  # and came back: a new alarm
    assert texts() == ["Station 201: CPU (critical)"]


def test_state_filter_shows_the_chosen_states_together_with_the_search(qtbot, fleet_tab):
    from gui.theme import TOUCH_MIN_PX

    tab = fleet_tab
    combo = tab.state_filter
    assert combo.minimumHeight() >= TOUCH_MIN_PX and combo.height() >= TOUCH_MIN_PX
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All stations", "Online", "Stale", "Offline or stopped", "With alarms"]

    def shown() -> list[str]:
        return [tab.model.view_at(r).station_id for r in range(tab.model.rowCount())]

    def choose(text: str) -> None:
        combo.setCurrentIndex(combo.findText(text))

    tab.update_views([_view("201", 10), _view("202", 99), _view("203", 10, Liveness.STALE),
                      _view("204", 10, Liveness.OFFLINE), _view("205", 10, Liveness.STOPPED)])
    tab.table.selectRow(tab.model.row_of("201"))
    choose("Online")
    assert shown() == ["201", "202"] and tab.selected_stations() == ["201"]
    choose("Stale")
    assert shown() == ["203"] and tab.selected_stations() == []
    choose("Offline or stopped")
    assert shown() == ["204", "205"]
    choose("With alarms")  # CPU over its threshold, stale, offline; a clean stop is no alarm
    assert shown() == ["202", "203", "204"]
    tab.search.setText("204")
    assert shown() == ["204"]
    tab.search.setText("")
    tab.update_views([_view("201", 97), _view("202", 10), _view("203", 10),
                      _view("204", 10, Liveness.OFFLINE), _view("205", 10, Liveness.STOPPED)])
    assert shown() == ["201", "204"]  # the filter applies to each update
    choose("All stations")
    assert len(shown()) == 5 and tab.selected_stations() == ["201"]  # the selection is back


def test_plots_say_when_more_stations_are_selected_than_drawn(qtbot, fleet_tab):
    from gui.admin.fleet_tab import MAX_PLOTTED_STATIONS

    tab = fleet_tab
    stations = [str(201 + i) for i in range(MAX_PLOTTED_STATIONS + 2)]
    for station in stations:
        tab.fleet.add(station, 60)
    tab.update_views([_view(station, 10) for station in stations])
    tab.table.clearSelection()  # nothing selected: the empty plots say what to do
    assert not tab.plot_hint.isHidden()
    assert tab.plot_hint.text() == ("Select one or more stations in the table to plot their "
                                    "CPU, memory and disk.")
    tab.table.selectRow(0)
    assert tab.plot_hint.isHidden()
    tab.table.selectAll()
    assert not tab.plot_hint.isHidden()
    assert tab.plot_hint.text() == (f"Plots show the first {MAX_PLOTTED_STATIONS} of "
                                    f"{MAX_PLOTTED_STATIONS + 2} selected stations.")
    assert tab.drawn_points(stations[MAX_PLOTTED_STATIONS - 1], "cpu") > 0
    assert tab.drawn_points(stations[MAX_PLOTTED_STATIONS], "cpu") == 0  # the 9th: not drawn
    tab.search.setText("201")  # one of them shown: one plotted, no hint
    assert tab.plot_hint.isHidden()


def test_an_analyst_sees_alarms_but_may_not_acknowledge_them(qtbot, ctx):
    """Analysts are read-only: the button stays off, and the service refuses and audits."""
    from config.constants import Role
    from data import audit_repo
    from gui.admin.fleet_tab import FleetTab
    from gui.admin import wiring
    from gui.app import make_application
    from utils.permissions import PermissionDenied
    from utils.site.alarm_acks import acknowledge

    make_application([])
    admin = ctx.auth.login("ana", "Quarry-Lantern-42").session
    ctx.auth.create_user(admin, "vera", "Vera Analyst", Role.ANALYST, "Velvet-Initial-Pass-1",
                         "quality analyst, reads the fleet")
    ctx.auth.change_password("vera", "Velvet-Initial-Pass-1", "Velvet-Own-Pass-22")
    analyst = ctx.auth.login("vera", "Velvet-Own-Pass-22").session
    tab = FleetTab(RingFleet(ManualClock(datetime(2026, 11, 29, 12, 0, 10, tzinfo=timezone.utc))),
                   wiring.site_now(ctx), ctx.changes, analyst)
    qtbot.addWidget(tab)
    tab.update_views([_view("201", 99)])
    tab.alarms.setCurrentRow(0)
    assert tab.alarms.count() == 1 and not tab.ack_button.isEnabled()
    assert tab.acknowledge_selected(note="not mine to say") is False
    with pytest.raises(PermissionDenied):
        acknowledge(ctx.changes, analyst, ("201", "cpu", "critical"), "not mine to say")
    with ctx.database.read() as connection:
        assert not audit_repo.list_events(connection, action="alarm.ack")
        assert audit_repo.list_events(connection, action="permission.denied", user="vera")


def test_the_summary_counts_stopped_and_offline_apart(qtbot, fleet_tab):
    """The line above the table counts what the state column says: a station shut down on
    purpose is "stopped", not one more "offline"."""
    tab = fleet_tab
    tab.update_views([_view("201", 10), _view("203", 10, Liveness.STALE),
                      _view("204", 10, Liveness.OFFLINE), _view("205", 10, Liveness.STOPPED)])
    assert tab.summary.text() == "4 stations · 1 online · 1 stale · 1 stopped · 1 offline"
