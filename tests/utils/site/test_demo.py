"""`shopfloor demo`: a plant of 14 simulated stations in a folder of its own, with real sealed
journals the office PC reads into its site view, and stations that keep working."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from data import view_repo
from data.records_repo import RecordFilter
from utils.clock import ManualClock
from utils.context import AppContext
from utils.site.demo import DEMO_SITE_NAME, DEMO_STATIONS, LivePlant, create_demo

PASSWORD = "Quarry-Lantern-2026"


def test_the_demo_plant_has_life_and_its_admin_panel_reads_it(tmp_path):
    clock = ManualClock(datetime(2026, 11, 22, 15, 0, tzinfo=timezone.utc))
    demo = create_demo(tmp_path / "demo", "demo", "Demo admin", PASSWORD, days=2, clock=clock)
    assert sorted(p.name for p in (demo.share / "stations").iterdir()) == list(DEMO_STATIONS)
    assert DEMO_SITE_NAME in (demo.share / "shopfloor-site.json").read_text()
    office = AppContext.open(demo.office_home, clock=clock)
    try:
        assert office.auth.login("demo", PASSWORD).ok
        assert office.view_follower.catch_up_now()
        with office.site_view.database.read() as connection:
            stations = view_repo.record_stations(connection)
            records = view_repo.count_records(connection, RecordFilter())
            corrected = connection.exec_driver_sql(
                "SELECT count(*) FROM view_records WHERE version > 1").scalar()
            sources = view_repo.sources(connection)
        assert stations == list(DEMO_STATIONS)
        assert records > 14 * 2 * 100 and corrected > 0
        assert all(s["broken_seq"] is None for s in sources)
        assert all(result.ok for result in office.site_view.verify_site())

        plant = LivePlant(demo, clock=clock)
        try:
            for _ in range(120):  # boxes come at the stations' pace: minutes apart
                clock.advance(60)
                plant.step()
                if plant.registered >= 5:
                    break
        finally:
            plant.stop()
        office.site_view.ingest()
        with office.site_view.database.read() as connection:
            assert view_repo.count_records(connection, RecordFilter()) == (
                records + plant.registered)
    finally:
        office.close()


def test_the_demo_refuses_a_folder_that_holds_something_else(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        create_demo(tmp_path / "taken", "demo", "Demo admin", PASSWORD, days=1)
