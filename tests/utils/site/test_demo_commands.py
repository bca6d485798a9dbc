"""`shopfloor demo`'s stations take the commands the admin panel sends them, through the
product's own inbox: a real FleetMonitor on the demo's office PC signs and drops them, the
live plant's stations take, run and ack them, and the effects show in their statuses."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Any, Iterator

from config.constants import CommandType
from utils.context import AppContext
from utils.site.demo import LivePlant, create_demo
from utils.site.fleet import FleetMonitor, Liveness

from tests.waiting import wait_until

PASSWORD = "Quarry-Lantern-2026"
PLANT_THREADS = ("shopfloor-demo-plant", "shopfloor-cmd", "shopfloor-ask")


def _finished(fleet: FleetMonitor, wanted: set[str], seen: dict[str, dict[str, Any]]) -> bool:
    for row in fleet.track():
        seen[row["command_id"]] = row
    return wanted <= set(seen)


def _status(fleet: FleetMonitor, station_id: str) -> dict[str, Any]:
    views = {view.station_id: view for view in fleet.poll()}
    view = views.get(station_id)
    return {} if view is None or view.status is None else view.status


@contextmanager
def running_demo(tmp_path, online: tuple[str, ...]) -> Iterator[tuple[LivePlant, FleetMonitor, Any]]:
    """A demo made, its plant running and `online` seen online by the office PC's fleet:
    (the plant, the fleet, the demo admin's session); stopped and closed after."""
    demo = create_demo(tmp_path / "demo", "demo", "Demo admin", PASSWORD, days=1)
    office = AppContext.open(demo.office_home)
    plant = LivePlant(demo)
    try:
        fleet = FleetMonitor(office, transport=office.transport)
        admin = office.auth.login("demo", PASSWORD).session
        plant.start()
        wait_until(lambda: all(view.liveness == Liveness.ONLINE for view in fleet.poll()
                               if view.station_id in online), timeout=30)
        yield plant, fleet, admin
    finally:
        plant.stop()
        office.close()


def test_demo_stations_ack_a_ping_a_lock_and_a_lot_and_show_them(tmp_path):
    with running_demo(tmp_path, ("201", "202", "203")) as (plant, fleet, admin):
        sent = {
            **{d["id"]: "ping" for d in fleet.send(admin, CommandType.PING, ["201"])},
            **{d["id"]: "lock" for d in fleet.send(admin, CommandType.LOCK, ["202"],
                                                   {"reason": "maintenance"})},
            **{d["id"]: "lot" for d in fleet.send(admin, CommandType.SET_LOT, ["203"],
                                                  {"code": "LOT-CMD-1", "total_boxes": 40})},
        }
        seen: dict[str, dict[str, Any]] = {}
        wait_until(lambda: _finished(fleet, set(sent), seen), timeout=30)
        by_kind = {sent[command_id]: row for command_id, row in seen.items()}
        assert {kind: row["state"] for kind, row in by_kind.items()} == {
            "ping": "done", "lock": "done", "lot": "done"}
        assert by_kind["ping"]["reason"] == "pong"
        assert by_kind["ping"]["result"]["station"] == "201"
        assert by_kind["lock"]["result"] == {"locked": True, "reason": "maintenance"}

        # The effects reach the stations' statuses (the next one after the command).
        wait_until(lambda: _status(fleet, "202").get("locked") == "maintenance", timeout=30)
        wait_until(lambda: (_status(fleet, "203").get("lot") or {}).get("code") == "LOT-CMD-1",
                   timeout=30)

        plant.stop()
        assert not [t.name for t in threading.enumerate()
                    if t.is_alive() and t.name.startswith(PLANT_THREADS)]


def test_a_demo_station_closed_by_a_command_leaves_and_a_restarted_one_comes_back(tmp_path):
    with running_demo(tmp_path, ("204", "205")) as (_plant, fleet, admin):
        first_session = _status(fleet, "205")["session_id"]
        sent = [d["id"] for d in fleet.send(admin, CommandType.CLOSE_APP, ["204"],
                                            {"force": True})]
        sent += [d["id"] for d in fleet.send(admin, CommandType.RESTART_APP, ["205"],
                                             {"force": True})]
        seen: dict[str, dict[str, Any]] = {}
        wait_until(lambda: _finished(fleet, set(sent), seen), timeout=30)
        assert [seen[command_id]["state"] for command_id in sent] == ["done", "done"]

        # The closed one said so (its death file); the restarted one is back, a new session.
        wait_until(lambda: {view.station_id: view.liveness for view in fleet.poll()}
                   .get("204") == Liveness.STOPPED, timeout=30)
        wait_until(lambda: _status(fleet, "205").get("session_id") not in (None, first_session),
                   timeout=30)
