"""One site view on every PC, always current (issue 14), with real sync threads on a tmp_path
share: the admin panel opened on a *production* PC shows another station's new records in
every tab as they arrive, catching up first with progress; a correction made on the office PC
shows on that panel's Insights without Refresh; the panel's follower stops when it closes;
ranges follow the (injected) clock unless a fixed end is chosen."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from config.constants import Role
from data import users_repo, view_repo
from utils.production import Meaning, Signature
from utils.site.view_follower import Phase

from tests.gui.conftest import wait_for
from tests.utils.site.sitekit import ADMIN_PW, RecordingEffects, make_site, start_sync, use_fast_kdf

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3,98"}


@pytest.fixture
def plant(tmp_path, monkeypatch):
    """Three PCs: the office PC (ana) and production stations 206 and 201, each with its sync
    thread running; the operator "op" known to both stations."""
    use_fast_kdf(monkeypatch)
    monkeypatch.setattr("utils.site.scheduler.DIRECTORY_REFRESH_S", 0.05)
    monkeypatch.setattr("utils.site.view_follower.FOLLOW_RESCAN_S", 0.1)
    site = make_site(tmp_path)
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin, "op", "Olga Operadora", Role.OPERATOR, "Initial-Pass-1",
                                "operator for the test plant")
    stations = {sid: site.station(tmp_path, sid) for sid in ("206", "201")}
    services = {"office1": start_sync(site.admin, RecordingEffects())}
    services.update({sid: start_sync(ctx, RecordingEffects()) for sid, ctx in stations.items()})
    for ctx in stations.values():
        wait_for(lambda ctx=ctx: _knows(ctx, "op") and _knows(ctx, "ana"), timeout=15)
    yield site, stations, services
    for service in services.values():
        service.stop("test over")
    for ctx in stations.values():
        ctx.close()
    site.admin.close()


def _knows(ctx, username: str) -> bool:
    with ctx.database.read() as connection:
        return users_repo.exists(connection, username)


def _panel(qtbot, ctx):
    from gui.admin.window import AdminWindow
    from gui.app import make_application

    make_application([])
    window = AdminWindow(ctx, ctx.auth.login("ana", ADMIN_PW).session, poll_interval_s=0.1)
    qtbot.addWidget(window)
    window.show()
    return window


def _production_rows(tab) -> list[dict]:
    return [tab.model.row_data(r) for r in range(tab.model.rowCount())]


def _register(ctx, count: int = 1):
    operator = ctx.auth.login("op", "Initial-Pass-1").session
    if ctx.production.current_lot() is None:
        ctx.production.set_lot(operator, f"L-{ctx.station_id}", 500)
    return [ctx.production.register_box(operator, FORM) for _ in range(count)]


def _follower_threads(station_id: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == f"shopfloor-site-view-{station_id}"]


def test_a_production_pcs_panel_shows_the_whole_site_live_and_stops_when_closed(qtbot, plant):
    site, stations, _services = plant
    first = _register(stations["206"], 3)
    assert not stations["201"].paths.site_view_file.exists()  # an idle production PC reads nothing

    window = _panel(qtbot, stations["201"])
    states = []
    window.bridge.state_changed.connect(states.append)
    wait_for(lambda: _follower_threads("201"), timeout=5)  # started once the window is up
    production, audit = window.production_tab, window.audit_tab
    try:
        ids = {record.record_id for record in first}
        wait_for(lambda: ids <= {r["record_id"] for r in _production_rows(production)},
                 timeout=20)
        wait_for(lambda: window.follower.state().phase == Phase.FOLLOWING, timeout=20)
        assert production.currency.text().startswith("Live: every station's journal read at")
        assert any(s.phase == Phase.CATCHING_UP for s in states)

        # The audit tab has 206's events next to this PC's own.
        audit.refresh()
        stations_seen = {audit.model.row_data(r)["station"] for r in range(audit.model.rowCount())}
        assert {"206", "201"} <= stations_seen

        # A new box at 206 arrives without Apply; the selected record stays selected.
        production.table.selectRow(production.model.row_of({"record_id": first[0].record_id}))
        [late] = _register(stations["206"])
        wait_for(lambda: late.record_id in {r["record_id"] for r in _production_rows(production)},
                 timeout=10)
        assert production.selected_row()["record_id"] == first[0].record_id
        # The dashboard, hidden meanwhile, is current as soon as it is shown.
        window.tabs.setCurrentWidget(window.dashboard_tab)
        # Read in the background once shown (the window's task runner): none until then.
        wait_for(lambda: window.dashboard_tab.figures is not None
                 and window.dashboard_tab.figures.boxes == len(first) + 1, timeout=10)
        events = audit.model.rowCount()
        _register(stations["206"])
        wait_for(lambda: audit.model.rowCount() > events, timeout=10)
    finally:
        window.close()
    assert window.runner.shutdown(10)
    # Closed: the production PC follows nothing any more (its own sync keeps running).
    assert not window.follower.running and not _follower_threads("201")
    assert _follower_threads("office1")  # the office PC follows all the time
    with stations["201"].site_view.database.read() as connection:
        held = view_repo.source(connection, "206")["last_seq"]
    _register(stations["206"], 2)
    threading.Event().wait(0.5)  # nothing runs that could read it: checked after a while
    with stations["201"].site_view.database.read() as connection:
        assert view_repo.source(connection, "206")["last_seq"] == held


def test_a_correction_on_the_office_pc_shows_on_a_stations_insights_without_refresh(qtbot,
                                                                                   plant):
    site, stations, _services = plant
    [record] = _register(stations["206"])
    window = _panel(qtbot, stations["201"])
    try:
        insights = window.insights_tab
        window.tabs.setCurrentWidget(insights)

        def cam_d_of_206() -> float | None:
            """The CAM-D the tab shows for 206, whose only record is this one."""
            figure = next((i for i in insights.insights if i.station == "206"), None)
            return None if figure is None or figure.boxes != 1 else figure.cam_d.value

        wait_for(lambda: cam_d_of_206() == 4.42, timeout=20)
        # The office PC learns the record from 206's journal, then corrects it (signed).
        wait_for(lambda: site.admin.site_view.current_record(record.record_id), timeout=20)
        admin = site.admin.auth.login("ana", ADMIN_PW).session
        site.admin.production.edit_record(admin, record.record_id, {"cam_d": "1,25"},
                                          "weighed again at the bench", base_version=1,
                                          signature=Signature(ADMIN_PW, Meaning.CORRECTION))
        # Through the office PC's journal to station 201's panel: no Refresh pressed.
        wait_for(lambda: cam_d_of_206() == 1.25, timeout=20)
        assert window.production_tab.model.row_data(0)["version"] == 2
    finally:
        window.close()
        window.runner.shutdown(10)


def test_ranges_follow_the_clock_unless_a_fixed_end_is_chosen(qtbot, ctx, clock):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner

    from tests.gui.test_admin_dashboard import put_site_rows, site_row
    from models.canonical import format_utc

    make_application([])
    runner = TaskRunner()
    tab = wiring.production_tab(ctx, ctx.auth.login("ana", "Quarry-Lantern-42").session, runner)
    qtbot.addWidget(tab)
    try:
        assert tab.range.is_live and not tab.range.end.isEnabled()
        assert "fixed range" not in tab.currency.text()
        opened = clock.now()
        clock.advance(hours=3)  # the panel stays open; time goes on
        put_site_rows(ctx, [site_row("later", "201", format_utc(clock.now()), cam_d=1.0,
                                     cam_w=1.0, seq=1)])
        tab.refresh()
        assert [r["record_id"] for r in _production_rows(tab)] == ["later"]
        tab.range.show_clock()  # the "to" field follows the clock
        assert tab.range.end.dateTime().toSecsSinceEpoch() > opened.timestamp() + 3 * 3600 - 300

        tab.set_range(opened - timedelta(days=1), opened)  # an explicit fixed range
        tab.refresh()
        assert tab.model.rowCount() == 0 and not tab.range.is_live
        assert "fixed range: nothing after" in tab.currency.text()
        tab.range.live.setChecked(True)  # back to "until now": refreshed at once
        assert tab.model.rowCount() == 1 and "fixed range" not in tab.currency.text()
    finally:
        tab.range.stop()
        runner.shutdown()


def test_the_audit_tabs_range_follows_the_clock_unless_a_fixed_end_is_chosen(qtbot, ctx, clock):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner
    from utils.audit.chain import Actor

    make_application([])
    runner = TaskRunner()
    session = ctx.auth.login("ana", "Quarry-Lantern-42").session
    tab = wiring.audit_tab(ctx, session, runner, site_view=ctx.site_view)
    qtbot.addWidget(tab)
    try:
        tab.refresh()
        assert tab.range.is_live and "fixed range" not in tab.currency.text()
        opened = clock.now()
        clock.advance(hours=3)  # the panel stays open; time goes on
        ctx.changes.record(Actor("ana", "admin"), "test.later")
        tab.refresh()
        actions = [tab.model.row_data(r)["action"] for r in range(tab.model.rowCount())]
        assert "test.later" in actions  # "until now" is now, not when the tab was opened
        tab.set_range(opened - timedelta(days=1), opened)  # an explicit fixed range
        tab.refresh()
        actions = [tab.model.row_data(r)["action"] for r in range(tab.model.rowCount())]
        assert "test.later" not in actions and "fixed range: nothing after" in tab.currency.text()
        tab.range.live.setChecked(True)  # back to "until now": refreshed at once
        actions = [tab.model.row_data(r)["action"] for r in range(tab.model.rowCount())]
        assert "test.later" in actions and "fixed range" not in tab.currency.text()
    finally:
        tab.range.stop()
        runner.shutdown()


def test_a_panel_closed_before_it_started_following_leaves_nothing_behind(qtbot, tmp_path,
                                                                         monkeypatch):
    """The panel starts following once its window is up (a zero timer); closed before that,
    it never starts, and its bridge is detached from the PC's view and follower anyway (they
    live as long as the PC's context: a listener left there would call into a deleted
    window)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from gui.admin.window import AdminWindow

    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    try:
        session = site.admin.auth.login("ana", ADMIN_PW).session
        view, follower = site.admin.site_view, site.admin.view_follower
        before = (list(view._listeners), list(follower._listeners))
        window = AdminWindow(site.admin, session)
        assert window.bridge._on_change in view._listeners
        window.close()  # before the event loop ran its zero timer
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()  # the zero timer's turn: dropped, its window is gone
        assert (view._listeners, follower._listeners) == before
        assert follower.state().phase == Phase.STOPPED
    finally:
        site.admin.close()

