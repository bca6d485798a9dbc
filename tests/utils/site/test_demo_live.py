"""`shopfloor demo` as a newcomer sees it: the simulated stations are online in the office PC's
fleet (their own signed statuses, read from the share by a real FleetMonitor) and stopped when
the demo ends; the OEE of their history and of their live work stays under the catalog's ideal
rate, and their stops are recorded, so availability is under 100 %."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from utils.clock import ManualClock
from utils.context import AppContext
from utils.mes.oee import combine
from utils.site.demo import DEMO_STATIONS, LivePlant, create_demo
from utils.site.fleet import FleetMonitor, Liveness

from tests.waiting import wait_until

PASSWORD = "Quarry-Lantern-2026"


def _liveness(fleet: FleetMonitor) -> dict[str, Liveness]:
    return {view.station_id: view.liveness for view in fleet.poll()}


def test_the_demo_stations_are_online_in_the_fleet_while_it_runs_and_stopped_after(tmp_path):
    demo = create_demo(tmp_path / "demo", "demo", "Demo admin", PASSWORD, days=1)
    office = AppContext.open(demo.office_home)
    plant = LivePlant(demo)
    try:
        fleet = FleetMonitor(office, transport=office.transport)
        plant.start()
        wait_until(lambda: all(_liveness(fleet).get(station) == Liveness.ONLINE
                               for station in DEMO_STATIONS), timeout=30)
        views = {view.station_id: view for view in fleet.snapshot()}
        status = views["203"].status
        assert status["user"]["role"] == "operator" and status["user"]["username"].startswith(
            "op203")
        assert status["lot"]["code"].startswith("L203-")
        assert status["production"]["state"] in ("running", "idle", "break", "down")
        assert status["interval_ms"] == 1000  # the product's interval
        assert not fleet.anomalies and all(view.bad_signatures == 0 for view in views.values())

        plant.stop()
        wait_until(lambda: all(_liveness(fleet).get(station) == Liveness.STOPPED
                               for station in DEMO_STATIONS), timeout=30)
    finally:
        plant.stop()
        office.close()


def test_the_demo_oee_is_under_the_ideal_rate_and_its_stops_are_recorded(tmp_path):
    # Made three hours into the night shift (the review's case: that shift's boxes came at
    # 122 % of the ideal rate, and no stop was ever recorded).
    made = datetime(2026, 12, 5, 5, 55, tzinfo=timezone.utc)
    clock = ManualClock(made)
    demo = create_demo(tmp_path / "demo", "demo", "Demo admin", PASSWORD, days=2, clock=clock)
    office = AppContext.open(demo.office_home, clock=clock)
    try:
        office.view_follower.catch_up_now()
        history = office.oee.shifts(made - timedelta(days=3), made + timedelta(hours=1))
        assert history and all(0 < line.figures.performance <= 1 for line in history
                               if line.figures.boxes)
        assert combine([line.figures for line in history]).availability < 1

        plant = LivePlant(demo, clock=clock)
        try:
            for _ in range(6 * 30):  # six hours of the stations' work, two minutes a step
                clock.advance(120)
                plant.step()
        finally:
            plant.stop()
        office.site_view.ingest()
        live = [line for line in office.oee.shifts(made - timedelta(hours=8), clock.now())
                if line.shift_end > made]
        assert plant.registered > 14 * 6 * 8  # about ten boxes an hour at every station
        assert live and all(0 < line.figures.performance <= 1 for line in live)
        assert combine([line.figures for line in live]).availability < 1
        with office.site_view.database.read() as connection:
            recorded = connection.exec_driver_sql(
                "SELECT reason, opened_by FROM oee_stops WHERE started_at >= ? AND "
                "ended_at IS NOT NULL", (made.strftime("%Y-%m-%dT%H:%M:%S"),)).fetchall()
        # Through the station's DowntimeService: its rule's stops (unqualified, opened by the
        # system) and stops an operator declared with a reason.
        assert any(reason == "" and who is None for reason, who in recorded)
        assert any(reason and who and who.startswith("op") for reason, who in recorded)
    finally:
        office.close()
