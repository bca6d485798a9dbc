"""Admin panel, fleet and commands: fed by a real station on a tmp_path share."""

from __future__ import annotations

import pytest

from config.constants import CommandType

from tests.gui.conftest import wait_for
from tests.utils.site.sitekit import ADMIN_PW, RecordingEffects, make_site, start_sync, use_fast_kdf


@pytest.fixture
def fleet_site(tmp_path, monkeypatch):
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    station = site.station(tmp_path, "206")
    service = start_sync(station, RecordingEffects())
    yield site, station, service
    service.stop()
    station.close()
    site.admin.close()


@pytest.fixture
def admin_window(qtbot, fleet_site):
    from gui.admin.window import AdminWindow
    from gui.app import make_application

    make_application([])
    site, _station, _service = fleet_site
    session = site.admin.auth.login("ana", ADMIN_PW).session
    window = AdminWindow(site.admin, session, poll_interval_s=0.05)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def test_every_tab_for_an_admin(admin_window):
    names = [admin_window.tabs.tabText(i) for i in range(admin_window.tabs.count())]
    assert names == ["Fleet", "Commands", "Production", "Dashboard", "Insights", "Users", "Audit", "Settings"]


def test_fleet_table_shows_the_live_station(qtbot, admin_window, qtmodeltester):
    model = admin_window.fleet_tab.model
    wait_for(lambda: any(model.view_at(r).station_id == "206" and model.view_at(r).liveness == "online"
                         for r in range(model.rowCount())), timeout=10)
    qtmodeltester.check(model)
    row = next(r for r in range(model.rowCount()) if model.view_at(r).station_id == "206")
    assert model.data(model.index(row, model.COLUMNS.index("state"))) == "online"
    admin_window.fleet_tab.table.selectRow(row)
    wait_for(lambda: admin_window.fleet_tab.drawn_points("206", "cpu") > 0)
    assert "1 stations" in admin_window.fleet_tab.summary.text() or "stations" in admin_window.fleet_tab.summary.text()


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
    tab._confirm = asked.append
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
        app.controller.login("op", "Olga-Own-Pass-1")
        assert not app.window.admin_action.isVisible()
        assert app.window.open_admin_panel("Olga-Own-Pass-1") is False
        app.controller.logout()
        app.controller.login("sup", "Saulo-Own-Pass-1")
        assert app.window.admin_action.isVisible()
        assert app.window.open_admin_panel("wrong password") is False
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
    from gui.verify_dialog import ERROR, INTACT

    window = admin_window
    window.tabs.setCurrentWidget(window.fleet_tab)
    window.verify_site()
    dialog = window.audit_tab.verify_dialog
    wait_for(lambda: dialog.outcome is not None, timeout=20)
    assert dialog.outcome == INTACT
    assert window.audit_tab.results.rowCount() > 0
    assert window.tabs.currentWidget() is window.fleet_tab  # nothing switched behind the dialog
    dialog.close()
    assert window.tabs.currentWidget() is window.audit_tab  # the per-station table

    class UnreadableSite:
        def verify_site(self, progress, cancel):
            raise OSError("the share cannot be read")

    window.tabs.setCurrentWidget(window.fleet_tab)
    monkeypatch.setattr(window.audit_tab, "site_view", UnreadableSite())
    window.verify_site()
    dialog = window.audit_tab.verify_dialog
    wait_for(lambda: dialog.outcome is not None, timeout=20)
    assert dialog.outcome == ERROR
    dialog.close()
    assert window.tabs.currentWidget() is window.fleet_tab  # no results: the person stays put
