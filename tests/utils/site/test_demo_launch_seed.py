"""`shopfloor demo` launched again: the simulated stations go on with boxes of their own, not
the last launch's boxes again (s17: four launches made four identical first boxes, the same
defects and CAM values, because every launch seeded the stations' draws alike). The history
made with the demo stays what its plan's seed makes."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from data import view_repo
from data.records_repo import RecordFilter
from utils.clock import ManualClock
from utils.context import AppContext
from utils.site.demo import LivePlant, create_demo

PASSWORD = "Quarry-Lantern-2026"


def _box(row: dict[str, Any]) -> tuple:
    """What the station drew for a box: its CAM values and its rejections."""
    return tuple(row[key] for key in sorted(row) if key.startswith(("cam_", "rej")))


def _first_boxes(demo, office: AppContext, clock: ManualClock) -> dict[str, tuple]:
    """Each station's first box of one launch of the live plant (a few minutes of work)."""
    launched = clock.now()
    plant = LivePlant(demo, clock=clock)
    try:
        for _ in range(180):  # boxes come minutes apart; a minute a step
            clock.advance(60)
            plant.step()
            if plant.registered >= 14 * 4:
                break
    finally:
        plant.stop()
    office.site_view.ingest()
    with office.site_view.database.read() as connection:
        rows = list(view_repo.iter_records(connection, RecordFilter(start=launched)))
    first: dict[str, tuple] = {}
    for row in sorted(rows, key=lambda r: r["recorded_at"]):
        first.setdefault(row["station_id"], _box(row))
    return first


def test_each_launch_draws_boxes_of_its_own(tmp_path):
    clock = ManualClock(datetime(2026, 12, 5, 8, 0, tzinfo=timezone.utc))
    demo = create_demo(tmp_path / "demo", "demo", "Demo admin", PASSWORD, days=1, clock=clock)
    office = AppContext.open(demo.office_home, clock=clock)
    try:
        first = _first_boxes(demo, office, clock)
        clock.advance(3600)  # the demo closed and launched again an hour later
        again = _first_boxes(demo, office, clock)
    finally:
        office.close()
    stations = first.keys() & again.keys()
    assert len(stations) >= 10
    # CAM values to two decimals: one station may draw the same box by chance, not all.
    repeated = [station for station in stations if first[station] == again[station]]
    assert len(repeated) <= 1, repeated


def test_a_launch_given_its_seed_is_replayed(tmp_path):
    """The seed is logged at start: a launch can be replayed from it (and tests can pin it)."""
    clock = ManualClock(datetime(2026, 12, 5, 8, 0, tzinfo=timezone.utc))
    demo = create_demo(tmp_path / "demo", "demo", "Demo admin", PASSWORD, days=1, clock=clock)
    plant = LivePlant(demo, clock=clock)
    assert plant.seed.endswith("@" + clock.now().isoformat())
    assert LivePlant(demo, clock=clock, seed="replay").seed == "replay"
    plant.stop()
