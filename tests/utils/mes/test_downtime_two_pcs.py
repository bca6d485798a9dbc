"""Two PCs on a tmp share with the real sync: a stop the station opens and closes reaches the
office PC's site view through the journal, the station's status carries its state for the
fleet, and a supervisor's classification on the office PC moves the downtime to its reason in
that PC's view."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from config.constants import Role
from config.downtime import DowntimeSettings
from data import view_oee_reads
from utils.mes.downtime import DowntimeService

from tests.utils.site.sitekit import ADMIN_PW, make_site, start_sync, use_fast_kdf
from tests.waiting import wait_until

FORM = {"size": "#0", "rej1_defect": "N/A", "rej1_location": "N/A", "cam_d": "1", "cam_w": "1"}


@pytest.fixture
def pcs(tmp_path, monkeypatch):
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    station = site.station(tmp_path, "206")
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-1",
                                "operator for machine 206")
    station.directory.refresh()
    # No planned breaks: the test runs on the real clock, whatever the time of day.
    for pc in (station, site.admin):
        pc.apply_catalog(replace(pc.catalog, downtime=DowntimeSettings(breaks=())))
    service = start_sync(station)
    yield site, station, admin
    service.stop()
    site.admin.site_view.close()
    station.close()
    site.admin.close()


def _status(site) -> dict:
    path = site.share / "stations" / "206" / "status.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def test_a_stop_travels_to_the_other_pcs_view_and_is_classified_there(pcs):
    site, station, admin = pcs
    operator = station.auth.login("op", "Initial-Pass-1").session
    station.production.set_lot(operator, "L1", 100)
    # The app ran for 20 minutes without a box: the rule opens a stop from its start.
    started = station.clock.now() - timedelta(minutes=20)
    # The context's cached service, replaced (the context is frozen; a cached_property is not).
    vars(station)["downtime"] = DowntimeService(station, started_at=started)
    assert station.downtime.tick() == "opened"
    wait_until(lambda: (_status(site).get("production") or {}).get("state") == "down")
    assert _status(site)["production"]["reason"] == ""
    station.production.register_box(operator, FORM)
    assert station.downtime.tick() == "closed"
    stop_id = station.downtime.recent_stops()[0].stop_id

    view = site.admin.site_view

    def closed_in_view():
        view.ingest()
        with view.database.read() as connection:
            stops = view_oee_reads.stops_between(connection, "2000-01-01T00:00:00.000Z",
                                           "2100-01-01T00:00:00.000Z", "206")
        return stops and stops[0]["ended_at"] is not None and stops[0]

    stop = wait_until(closed_in_view)
    assert stop["stop_id"] == stop_id and stop["reason"] == ""
    wait_until(lambda: (_status(site).get("production") or {}).get("state") == "running")

    # The supervisor (here the admin) classifies it on the office PC.
    site.admin.downtime.classify(admin, "206", stop_id, "material", "no capsules")
    site.admin.site_view.ingest_local()
    now = site.admin.clock.now()
    pareto = site.admin.oee.pareto(now - timedelta(days=1), now + timedelta(hours=1), "206")
    assert [(reason, stops) for reason, _seconds, stops in pareto] == [("material", 1)]
    assert pareto[0][1] >= 20 * 60 - 1
    rows = site.admin.oee.stops(now - timedelta(days=1), now, "206")
    assert (rows[0]["classified_by"], rows[0]["note"]) == ("ana", "no capsules")
