"""Admin panel, fleet and commands: fed by a real station on a tmp_path share (running on its
own threads, or driven tick by tick with injected clocks for the fleet tab's states)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from config.constants import CommandType
from utils.clock import ManualClock

from tests.gui.conftest import open_admin_window, wait_for
from tests.utils.site.sitekit import (
    ADMIN_PW, RecordingEffects, make_site, status_seq, use_fast_kdf,
)


@pytest.fixture
def admin_window(qtbot, fleet_site):
    window = open_admin_window(qtbot, fleet_site[0])
    yield window
    window.close()


def test_every_tab_for_an_admin(admin_window):
    names = [admin_window.tabs.tabText(i) for i in range(admin_window.tabs.count())]
    assert names == ["Fleet", "Commands", "Production", "Dashboard", "Insights", "SPC", "OEE",
                     "Lots", "Handovers", "Users", "Audit", "Catalog"]


def test_fleet_table_shows_the_live_station(qtbot, admin_window, qtmodeltester):
    model = admin_window.fleet_tab.model
    wait_for(lambda: any(model.view_at(r).station_id == "206" and model.view_at(r).liveness == "online"
                         for r in range(model.rowCount())), timeout=10)
    qtmodeltester.check(model)
    row = next(r for r in range(model.rowCount()) if model.view_at(r).station_id == "206")
    assert model.data(model.index(row, model.COLUMNS.index("state"))) == "online"
    admin_window.fleet_tab.table.selectRow(row)
    wait_for(lambda: admin_window.fleet_tab.drawn_points("206", "cpu") > 0)
    assert admin_window.fleet_tab.summary.text().startswith("1 station · 1 online")


def test_command_sent_from_the_panel_reaches_the_station(qtbot, admin_window, fleet_site):
    _site, station, _service = fleet_site
    tab = admin_window.commands_tab
    tab.prepare(CommandType.SET_LOT, ["206"], code="L-PANEL-1", total_boxes=25)
    tab.send()
    assert tab.error.text() == ""
    wait_for(lambda: tab.history.rowCount() and tab.history.row_data(0)["state"] == "done",
             timeout=15)
    assert tab.history.row_data(0)["result"]["lot"] == "L-PANEL-1"
    assert station.production.current_lot().code == "L-PANEL-1"


def test_disruptive_command_asks_for_confirmation(qtbot, admin_window):
    tab = admin_window.commands_tab
    asked = []
    tab._confirm = lambda text: asked.append(text) or True  # the person answers Yes
    tab.to_list.setChecked(True)
    tab.station_list.setText("206")
    tab.type_combo.setCurrentIndex(tab.type_combo.findData(str(CommandType.LOCK)))
    tab.set_param("reason", "cleaning the hopper")
    tab.send()
    assert asked and "206" in asked[0]
    wait_for(lambda: tab.history.rowCount() and tab.history.row_data(0)["state"] == "done",
             timeout=15)


def test_command_form_is_generated_and_no_station_is_refused(qtbot, admin_window):
    tab = admin_window.commands_tab
    tab.type_combo.setCurrentIndex(tab.type_combo.findData(str(CommandType.MESSAGE)))
    assert set(tab.inputs) == {"text", "title"}
    tab.to_list.setChecked(True)
    tab.station_list.setText("")
    tab.send()
    assert "at least one station" in tab.error.text()


def test_alarm_acknowledgement_is_audited(qtbot, admin_window, fleet_site):
    from data import audit_repo
    from utils.site.fleet import Liveness

    site, _station, _service = fleet_site
    tab = admin_window.fleet_tab
    wait_for(lambda: tab.model.rowCount() > 0)
    views = [v for v in tab.fleet.snapshot()]
    for view in views:
        view.liveness = Liveness.OFFLINE
    admin_window.poller.stop()  # hold the picture still while the alarm is acknowledged
    tab.update_views(views)
    assert tab.alarms.count() >= 1
    tab.alarms.setCurrentRow(0)
    assert tab.acknowledge_selected(note="called the line leader")
    with site.admin.database.read() as c:
        acks = audit_repo.list_events(c, action="alarm.ack")
    assert acks and "called the line leader" in acks[-1]["body"]


def test_operator_never_gets_the_panel(qtbot, ctx):
    from gui.app import StationApp, make_application

    make_application([])
    app = StationApp(ctx, start_sync=False)
    qtbot.addWidget(app.window)
    app.start()
    try:
        app.controller.login("op", "Otter-Own-Pass-1")
        assert not app.window.admin_action.isVisible()
        assert app.window.open_admin_panel("Otter-Own-Pass-1") is False
        app.controller.logout()
        app.controller.login("sup", "Sable-Own-Pass-1")
        assert app.window.admin_action.isVisible()
        assert app.window.open_admin_panel("wrong password") is False
        assert "the admin panel was not opened" in app.window.statusBar().currentMessage()
    finally:
        app.stop()
        app.window.allow_close = True
        app.window.close()


def test_search_sort_and_colours_follow_each_update(qtbot, admin_window, qtmodeltester):
    """The table is sorted and filtered again only when an update can change the result:
    a new CPU figure moves a station when sorted by CPU; the search finds a new user."""
    from PySide6.QtCore import Qt

    from gui.admin.fleet_model import FleetTableModel
    from utils.site.fleet import Liveness, StationView

    admin_window.poller.stop()
    tab = admin_window.fleet_tab

    def views(cpu: dict[str, float], users: dict[str, str]) -> list[StationView]:
        return [StationView(sid, Liveness.ONLINE, {
            "metrics": {"cpu": {"value": cpu[sid]}, "memory": {"value": 40}, "disk": {"value": 50}},
            "user": {"username": users.get(sid)} if users.get(sid) else None})
            for sid in ("201", "202", "203")]

    def shown(column: str = "station") -> list[str]:
        index = FleetTableModel.COLUMNS.index(column)
        return [tab.model.index(r, index).data() for r in range(tab.model.rowCount())]

    tab.update_views(views({"201": 10, "202": 50, "203": 99}, {}))
    qtmodeltester.check(tab.model)
    cpu_column = FleetTableModel.COLUMNS.index("cpu")
    tab.table.sortByColumn(cpu_column, Qt.SortOrder.DescendingOrder)
    assert shown() == ["203", "202", "201"]
    critical = tab.model.index(0, cpu_column).data(Qt.ItemDataRole.BackgroundRole)
    assert critical.color().name() == "#f8d7da"  # 99 % is over the critical threshold
    tab.update_views(views({"201": 90, "202": 50, "203": 5}, {}))
    assert shown() == ["201", "202", "203"]
    tab.search.setText("olga")
    assert shown() == []
    tab.update_views(views({"201": 90, "202": 50, "203": 5}, {"202": "olga"}))
    assert shown() == ["202"]
    tab.search.setText("")
    assert len(shown()) == 3


def test_plots_show_the_history_there_is_on_a_time_axis(qtbot, admin_window):
    """A station seen for a few seconds fills the plot from its first sample (rounded down to
    the minute), not a dot at the right edge of an hour; the curve is drawn once per sample."""
    tab = admin_window.fleet_tab
    wait_for(lambda: any(tab.model.view_at(r).station_id == "206"
                         for r in range(tab.model.rowCount())))
    tab.table.selectRow(0)

    wait_for(lambda: tab.drawn_points("206", "cpu") >= 2, timeout=10)
    times, _values = tab.fleet.series("206", "cpu")
    start, end = tab.x_range()
    assert start <= times[0] and start >= times[0] - 120
    assert end >= times[-1] and end - start <= 3600


def test_verify_from_the_menu_shows_the_audit_tab_once_its_dialog_closes(admin_window,
                                                                        monkeypatch):
    """The menu's verify neither needs nor builds the Audit tab on the click (building it
    there held the GUI thread 242 ms before the dialog showed): the tab is built once the
    result is in, and shows it when the dialog closes."""
    from gui.verify_dialog import ERROR, INTACT

    window = admin_window
    window.tabs.setCurrentWidget(window.fleet_tab)
    assert window.lazy.built("audit_tab") is None
    dialog = window.verify_site()
    assert dialog is window.verify_dialog and dialog.isVisible()
    assert window.lazy.built("audit_tab") is None  # the click built no tab
    wait_for(lambda: dialog.outcome is not None, timeout=20)
    assert dialog.outcome == INTACT
    assert window.site_verify.results.rowCount() > 0  # kept by the panel, not the tab
    wait_for(lambda: window.lazy.built("audit_tab") is not None)  # while the result is read
    tab = window.lazy.built("audit_tab")
    assert tab.results_table.model() is window.site_verify.results
    assert tab.results_table.model().rowCount() > 0
    assert window.tabs.currentWidget() is window.fleet_tab  # nothing switched behind the dialog
    dialog.close()
    assert window.tabs.currentWidget() is tab  # the per-station table

    class UnreadableSite:
        def verify_site(self, progress, cancel):
            raise OSError("the share cannot be read")

    window.tabs.setCurrentWidget(window.fleet_tab)
    # The check the menu and the tab's button run, where both read it.
    monkeypatch.setattr(window.site_verify, "verify_work", UnreadableSite().verify_site)
    dialog = window.verify_site()
    wait_for(lambda: dialog.outcome is not None, timeout=20)
    assert dialog.outcome == ERROR
    assert "the share cannot be read" in dialog.result_text
    dialog.close()
    assert window.tabs.currentWidget() is window.fleet_tab  # no results: the person stays put
    assert tab.results.rowCount() > 0  # the last check's results are kept


def test_verify_with_the_stations_folder_a_link_says_it_was_refused(admin_window, fleet_site,
                                                                   tmp_path):
    """A link planted in place of the share's `stations` folder hides every station's journal:
    the menu's whole-site check says the folder was refused and what to do, never "intact" on
    this PC's chain alone."""
    from gui.verify_dialog import ERROR

    site = fleet_site[0]
    stations = site.share / "stations"
    stations.rename(tmp_path / "stations-elsewhere")
    stations.symlink_to(tmp_path / "stations-elsewhere")
    dialog = admin_window.verify_site()
    wait_for(lambda: dialog.outcome is not None, timeout=20)
    assert dialog.outcome == ERROR
    assert (f"The stations' folder of the shared folder ({stations}) was refused: it is not a "
            f"plain folder (a link, or a file), and links are never followed.") in dialog.result_text
    assert "Ask whoever looks after the shared folder to put it right" in dialog.result_text
    dialog.close()


def test_a_verify_closed_before_the_audit_tab_is_ready_shows_it_whole(admin_window):
    """The Audit tab is made a step per turn while the result is read; a person who closes
    the dialog at once gets the whole tab, its events and the per-station results."""
    from gui.verify_dialog import INTACT

    window = admin_window
    window.tabs.setCurrentWidget(window.fleet_tab)
    dialog = window.verify_site()
    wait_for(lambda: dialog.outcome is not None, timeout=20)
    assert dialog.outcome == INTACT
    assert window.lazy.built("audit_tab") is None  # still being made
    dialog.close()
    tab = window.lazy.built("audit_tab")
    assert tab is not None and window.tabs.currentWidget() is tab
    assert tab.results_table.model().rowCount() > 0  # the per-station results
    assert tab.model.rowCount() > 0 and tab.table.property("columnsFitted")
    assert str(tab.model.rowCount()) in tab.count.text()  # the count, said
    wait_for(lambda: not window.runner.busy)  # the read it no longer waited for


def test_the_audit_tabs_button_runs_the_panels_verify(admin_window):
    """The tab's Verify button and the menu share one check and one table of results."""
    from gui.verify_dialog import INTACT

    tab = admin_window.audit_tab
    dialog = tab.verify()
    assert tab.verify_dialog is dialog is admin_window.site_verify.dialog
    wait_for(lambda: dialog.outcome is not None, timeout=20)
    assert dialog.outcome == INTACT and tab.results.rowCount() > 0
    dialog.close()


# -- the fleet tab fed by a real station driven tick by tick, on an injected time line ---------

# 23:59:50 on 28 November in São Paulo (the site's time zone, UTC-3): a few seconds before
# midnight, so "last seen" can be shown on the day after.
FLOOR_START = datetime(2026, 11, 29, 2, 59, 50, tzinfo=timezone.utc)
STATION_AHEAD_S = 7  # the station's clock runs ahead of the admin's by this much
INTERVAL_S = 1.0  # the station's status interval: online up to 2 s, stale up to 3.5 s


class Floor:
    """A real production station (its SyncService driven by `tick`, no threads) and the admin
    PC's FleetMonitor and fleet tab, with injected clocks: a station stops reporting when the
    test stops ticking it, and time passes only when the test moves it."""

    def __init__(self, site, tmp_path, session):
        from gui.admin.fleet_tab import FleetTab
        from gui.admin import wiring
        from utils.site.fleet import FleetMonitor
        from utils.site.folder_transport import FolderTransport
        from utils.site.station_sync import SyncService

        self.clock = ManualClock(FLOOR_START)
        self.station_clock = ManualClock(FLOOR_START + timedelta(seconds=STATION_AHEAD_S))
        self.station = site.station(tmp_path, "206", status_interval_ms=int(INTERVAL_S * 1000))
        self.service = SyncService(self.station, effects=RecordingEffects(),
                                   clock=self.station_clock, watch=False)
        self.fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share),
                                  clock=self.clock)
        self.tab = FleetTab(self.fleet, wiring.site_now(site.admin), site.admin.changes, session)
        self.share = site.share

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.station_clock.advance(seconds)

    def report(self) -> None:
        """One status interval passes and the station publishes its heartbeat."""
        before = status_seq(self.share, "206")
        self.advance(INTERVAL_S)
        self.service.tick()
        assert status_seq(self.share, "206") == (before or 0) + 1

    def show(self) -> None:
        """What the panel's poller does once: poll the share, show the snapshot."""
        self.fleet.poll()
        self.tab.update_views(self.fleet.snapshot())

    def cell(self, column: str, role=None):
        from PySide6.QtCore import Qt

        model = self.tab.model
        index = model.index(model.row_of("206"), model.COLUMNS.index(column))
        return index.data(role or Qt.ItemDataRole.DisplayRole)

    def alarm_texts(self) -> list[str]:
        return [self.tab.alarms.item(i).text() for i in range(self.tab.alarms.count())]


@pytest.fixture
def readings(monkeypatch):
    """What the station's metrics sampler reads from the PC (psutil, the system boundary):
    fixed figures the test can change."""
    import psutil

    values = {"cpu": 12.0, "memory": 83.0, "disk": 97.0}
    monkeypatch.setattr(psutil, "cpu_percent", lambda interval=None: values["cpu"])
    monkeypatch.setattr(psutil, "virtual_memory", lambda: SimpleNamespace(percent=values["memory"]))
    monkeypatch.setattr(psutil, "disk_usage", lambda path: SimpleNamespace(percent=values["disk"]))
    return values


@pytest.fixture
def floor(qtbot, tmp_path, monkeypatch, readings):
    from gui.app import make_application

    make_application([])
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    floor = Floor(site, tmp_path, site.admin.auth.login("ana", ADMIN_PW).session)
    qtbot.addWidget(floor.tab)
    floor.tab.resize(1300, 800)
    floor.tab.show()
    # Two heartbeats: the first sight of a status file is judged by the file's age on the
    # share (real time), the second by the admin's clock.
    floor.report()
    floor.show()
    floor.report()
    floor.show()
    yield floor
    floor.service.stop()
    floor.station.close()
    site.admin.close()


def test_state_words_and_colours_follow_a_station_that_stops_reporting(floor):
    from PySide6.QtCore import Qt

    from gui.admin.fleet_model import STATE_COLORS
    from utils.site.fleet import Liveness

    foreground = Qt.ItemDataRole.ForegroundRole
    assert floor.cell("state") == "online"
    assert floor.cell("state", foreground).color() == STATE_COLORS[Liveness.ONLINE]
    assert floor.cell("memory", foreground) is None  # live values in the normal colour
    floor.advance(2.5)  # no heartbeat for 2.5 intervals
    floor.show()
    assert floor.cell("state") == "stale"
    assert floor.cell("state", foreground).color() == STATE_COLORS[Liveness.STALE]
    # The last known values stay, greyed and flagged as such.
    assert floor.cell("memory") == "83"
    assert floor.cell("memory", foreground).color().name() == "#888888"
    assert floor.cell("memory", Qt.ItemDataRole.ToolTipRole) == "Last known values"
    assert "1 stale" in floor.tab.summary.text()
    floor.advance(1.5)
    floor.show()
    assert floor.cell("state") == "offline"
    assert floor.cell("state", foreground).color() == STATE_COLORS[Liveness.OFFLINE]
    assert "1 offline" in floor.tab.summary.text()
    floor.report()
    floor.show()
    assert floor.cell("state") == "online" and floor.cell("memory", foreground) is None


def test_cells_show_what_the_station_reports(floor, readings):
    from PySide6.QtCore import Qt

    from gui.admin.fleet_model import LEVEL_COLORS
    from config.version import APP_VERSION

    background = Qt.ItemDataRole.BackgroundRole
    assert floor.cell("last_seen") == "23:59:52"  # the admin's clock, in São Paulo, today
    assert floor.cell("version") == APP_VERSION
    assert floor.cell("skew") == f"+{STATION_AHEAD_S} s"
    assert floor.cell("pending") == "0"
    assert floor.cell("cpu") == "12" and floor.cell("cpu", background) is None
    assert floor.cell("memory") == "83"  # over the default warning (80), under critical (95)
    assert floor.cell("memory", background).color() == LEVEL_COLORS["warning"]
    assert floor.cell("disk") == "97"
    assert floor.cell("disk", background).color() == LEVEL_COLORS["critical"]
    readings["memory"] = 40.4
    floor.report()
    floor.show()
    assert floor.cell("memory") == "40" and floor.cell("memory", background) is None
    assert floor.cell("last_seen") == "23:59:53"


def test_last_seen_on_another_day_shows_the_date(floor):
    floor.advance(10)  # past midnight in São Paulo, and the station has gone quiet
    floor.show()
    assert floor.cell("state") == "offline"
    assert floor.cell("last_seen") == "2026-11-28 23:59:52"
    floor.report()
    floor.show()
    assert floor.cell("last_seen") == "00:00:03"  # today again: the time alone


def test_an_acknowledged_offline_alarm_comes_back_when_the_station_goes_offline_again(floor):
    """The station stops reporting (offline by the admin's own clock), the alarm is
    acknowledged, the station comes back (the alarm clears), then stops again: the new
    occurrence is an open alarm again, not hidden by the old acknowledgement."""
    tab = floor.tab
    offline = "Station 206: not reporting (critical)"
    assert offline not in floor.alarm_texts()
    floor.advance(5)
    floor.show()
    assert floor.alarm_texts() == [offline]  # the metric alarms are not raised for it now
    tab.alarms.setCurrentRow(0)
    assert tab.ack_button.isEnabled()
    assert tab.acknowledge_selected(note="line leader called")

    def acknowledged() -> bool:
        texts = floor.alarm_texts()
        return (len(texts) == 1 and texts[0].startswith(offline + " · acknowledged by ana at ")
                and texts[0].endswith(": line leader called"))

    assert acknowledged()
    assert not tab.ack_button.isEnabled()  # nothing open is selected
    floor.advance(60)  # still offline: the acknowledgement still covers it
    floor.show()
    assert acknowledged()
    floor.report()
    floor.show()
    assert offline not in " ".join(floor.alarm_texts())  # back: the condition cleared
    floor.advance(5)
    floor.show()
    assert floor.alarm_texts() == [offline]  # open again
    tab.alarms.setCurrentRow(0)
    assert tab.ack_button.isEnabled()


def test_published_thresholds_recolour_the_table_and_change_the_alarms(floor):
    """Thresholds published through the site catalog service (as the settings tab does) apply
    to the fleet view at its next refresh."""
    from PySide6.QtCore import Qt

    from gui.admin.fleet_model import LEVEL_COLORS
    from utils.site_catalog import catalog_to_dict

    background = Qt.ItemDataRole.BackgroundRole
    admin = floor.fleet.ctx
    assert floor.alarm_texts() == ["Station 206: memory (warning)",
                                   "Station 206: disk (critical)"]
    session = admin.auth.login("ana", ADMIN_PW).session

    def publish(**limits: tuple[float, float]) -> None:
        raw = catalog_to_dict(admin.catalog)
        for name, (warning, critical) in limits.items():
            raw["thresholds"][name] = {"warning": warning, "critical": critical}
        admin.site_catalog.publish(session, raw, "limits agreed with maintenance")
        floor.show()

    publish(memory=(90, 99), disk=(98, 99.5), cpu=(10, 50))
    assert floor.cell("memory", background) is None and floor.cell("disk", background) is None
    assert floor.cell("cpu", background).color() == LEVEL_COLORS["warning"]
    assert floor.alarm_texts() == ["Station 206: CPU (warning)"]
    publish(cpu=(5, 11))
    assert floor.cell("cpu", background).color() == LEVEL_COLORS["critical"]
    assert floor.alarm_texts() == ["Station 206: CPU (critical)"]


def test_the_plots_time_axis_reads_in_the_sites_time_zone(admin_window):
    """pyqtgraph would label the axis in this PC's zone; "last seen" is in the site's."""
    from zoneinfo import ZoneInfo

    tab = admin_window.fleet_tab
    zone = ZoneInfo(admin_window.ctx.timezone)
    moment = tab.fleet.clock.now()
    expected = (moment.astimezone(zone).replace(tzinfo=None)
                - moment.astimezone(timezone.utc).replace(tzinfo=None))
    for plot in tab.plots._plot_items.values():
        axis = plot.getAxis("bottom")
        assert axis.utcOffset == -int(expected.total_seconds())
        # Two minutes around noon UTC on 600 pixels: ticks labelled by the site's wall clock.
        noon = datetime(2026, 11, 30, 12, 0, 0, tzinfo=timezone.utc).timestamp()
        axis.setZoomLevelForDensity(120 / 600)
        spacing, values = axis.tickValues(noon - 60, noon + 60, 600)[0]
        labels = axis.tickStrings(values, 1.0, spacing)
        assert labels and all(
            label.startswith(datetime.fromtimestamp(value, zone).strftime("%H:%M"))
            for value, label in zip(values, labels))


def test_files_forged_on_the_share_raise_an_alarm(qtbot, admin_window, fleet_site):
    """A status for a station that never joined (signed with a key of the writer's own) is
    refused and shown as an alarm naming the station, not as a station online."""
    from utils.site.signed import document_bytes
    from utils.trust.crypto import SigningKeyPair

    from tests.utils.site.sitekit import pc_sign, site_layout

    site = fleet_site[0]
    fake = site_layout(site.share).station("299").ensure()
    now = datetime.now(timezone.utc)
    fake.status.write_bytes(document_bytes(pc_sign(SigningKeyPair.generate(), {
        "kind": "status", "station": "299", "session_id": "s", "seq": 1,
        "ts_ms": int(now.timestamp() * 1000), "interval_ms": 1000})))
    tab = admin_window.fleet_tab

    def texts():
        return [tab.alarms.item(i).text() for i in range(tab.alarms.count())]

    wait_for(lambda: any("299" in text and "refused" in text for text in texts()), timeout=10)
    model = tab.model
    row = next(r for r in range(model.rowCount()) if model.view_at(r).station_id == "299")
    assert model.view_at(row).liveness != "online"
    assert model.view_at(row).problem == "status.json: not a member of the site"


def test_an_spc_signal_is_a_fleet_alarm_worded_and_acknowledged(qtbot, admin_window):
    """The admin window hands the fleet tab the SPC charts out of control (read from the site
    view); one shows as the station's alarm with the chart's measurement, and is acknowledged
    like any other."""
    tab = admin_window.fleet_tab
    assert tab.extra_alarms is not None and tab.extra_alarms() == []  # no baseline yet
    wait_for(lambda: tab.model.rowCount() > 0)
    admin_window.poller.stop()
    tab.extra_alarms = lambda: [("206", "spc.cam_d", "critical")]
    tab.update_views(list(tab.fleet.snapshot()))
    texts = [tab.alarms.item(row).text() for row in range(tab.alarms.count())]
    assert "Station 206: CAM-D out of control (SPC tab) (critical)" in texts
    tab.alarms.setCurrentRow(texts.index("Station 206: CAM-D out of control (SPC tab) (critical)"))
    assert tab.acknowledge_selected(note="checking the die")
    tab.extra_alarms = lambda: []  # back in control: the acknowledgement is dropped with it
    tab.update_views(list(tab.fleet.snapshot()))
    assert ("206", "spc.cam_d", "critical") not in tab._acknowledged
