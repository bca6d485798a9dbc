"""The signed site catalog: checked, published by an admin only, taken by stations when newer,
ignored when unsigned or older, kept locally so the form works with the share away."""

from __future__ import annotations

import json

import pytest

from config.catalog import default_catalog
from config.constants import Role
from data import audit_repo
from models.validation import ValidationFailed
from utils.context import AppContext
from utils.permissions import PermissionDenied
from utils.site_catalog import catalog_from_dict, catalog_to_dict

from tests.utils.site.sitekit import ADMIN_PW, make_site, start_sync, wait_until


def edited(**changes):
    raw = catalog_to_dict(default_catalog())
    raw["defects"] = [*raw["defects"], "Bolha"]
    raw["machines"] = [*raw["machines"], {"station_id": "215", "size": "#5", "unit_weight_kg": 0.00003}]
    raw["bands"] = {"excellent": 1.5, "good": 3.0, "attention": 5.0, "target": 2.5}
    raw["thresholds"]["cpu"] = {"warning": 70, "critical": 90}
    raw.update(changes)
    return raw


@pytest.fixture
def site(tmp_path):
    site = make_site(tmp_path)
    yield site
    site.admin.close()


def admin(site):
    return site.admin.auth.login("ana", ADMIN_PW).session


def test_the_defaults_round_trip():
    catalog = default_catalog()
    again = catalog_from_dict(catalog_to_dict(catalog))
    assert again.machines == catalog.machines and again.defects == catalog.defects
    assert again.locations == catalog.locations and again.bands == catalog.bands
    assert again.thresholds == catalog.thresholds and again.measurements == catalog.measurements


@pytest.mark.parametrize("change, field", [
    ({"machines": []}, "machines"),
    ({"machines": [{"station_id": "201", "size": "#1", "unit_weight_kg": 0.1},
                   {"station_id": "201", "size": "#2", "unit_weight_kg": 0.1}]}, "machines.1.station_id"),
    ({"machines": [{"station_id": "201", "size": "", "unit_weight_kg": 0.1}]}, "machines.0.size"),
    ({"machines": [{"station_id": "201", "size": "#1", "unit_weight_kg": 5}]}, "machines.0.unit_weight_kg"),
    ({"defects": ["Furo", "furo"]}, "defects.1"),
    ({"locations": []}, "locations"),
    ({"bands": {"excellent": 4, "good": 2, "attention": 6, "target": 3}}, "bands.good"),
    ({"bands": {"excellent": 1, "good": 2, "attention": 6, "target": "3"}}, "bands.target"),
    ({"thresholds": {"cpu": {"warning": 95, "critical": 80}, "memory": {"warning": 80, "critical": 95},
                     "disk": {"warning": 80, "critical": 95}}}, "thresholds.cpu.critical"),
    ({"measurements": [{"key": "cam_d", "minimum": 50, "maximum": 10}]}, "measurements.cam_d.maximum"),
    ({"intervals": {"status_interval_ms": 5, "rescan_interval_ms": None}}, "intervals.status_interval_ms"),
    ({"max_rejections": 7}, "max_rejections"),
    ({"locations": ["Cap", "(Not Recorded)"]}, "locations.1"),
    ({"defects": ["(not recorded)"]}, "defects.0"),
])
def test_every_bad_part_is_named(change, field):
    with pytest.raises(ValidationFailed) as caught:
        catalog_from_dict(edited(**change))
    assert field in [e.field for e in caught.value.errors]


def published_ops(site):
    """The catalog operations in the site's directory log, in order."""
    folder = site.share / "directory" / "log"
    return [op for op in (json.loads(p.read_text())["op"] for p in sorted(folder.iterdir()))
            if op["op"] == "catalog.publish"]


def test_admin_publishes_a_signed_audited_catalog_that_applies_at_once(site):
    catalog = site.admin.site_catalog.publish(admin(site), edited(), "new defect found in audit")
    assert catalog.version == 1 and "Bolha" in catalog.defects and catalog.machine("215")
    assert site.admin.catalog is catalog and site.admin.production.catalog is catalog
    ops = published_ops(site)
    assert [op["data"]["version"] for op in ops] == [1]
    assert ops[0]["signer"] == "person:ana" and ops[0]["sig"]
    assert ops[0]["key_id"] == site.admin.trust.state.person_key("ana").key_id
    assert ops[0]["data"]["catalog"]["published_by"] == "ana"
    with site.admin.database.read() as c:
        event = audit_repo.list_events(c, action="catalog.publish")[-1]
    body = json.loads(event["body"])
    assert body["reason"] == "new defect found in audit"
    assert "Bolha" not in body["before"]["defects"] and "Bolha" in body["after"]["defects"]
    # Kept in the database: a restart uses it without the share.
    home = site.admin.paths.config_dir.parent
    site.admin.close()
    again = AppContext.open(home)
    try:
        assert again.catalog.version == 1 and "Bolha" in again.catalog.defects
    finally:
        again.close()
        site.admin = AppContext.open(home)


def test_only_an_admin_may_publish_and_the_refusal_is_audited(site):
    site.admin.auth.create_user(admin(site), "sup", "Sup", Role.SUPERVISOR, "Initial-Pass-1",
                                "supervisor of shift B")
    site.admin.auth.change_password("sup", "Initial-Pass-1", "Sable-Own-Pass-1")
    supervisor = site.admin.auth.login("sup", "Sable-Own-Pass-1").session
    with pytest.raises(PermissionDenied):
        site.admin.site_catalog.publish(supervisor, edited(), "trying to add a defect")
    assert published_ops(site) == []
    with site.admin.database.read() as c:
        assert audit_repo.list_events(c, action="permission.denied")


def test_a_station_takes_a_newer_catalog_and_refuses_forged_or_older_ones(site, tmp_path):
    station = site.station(tmp_path, "206")
    try:
        site.admin.site_catalog.publish(admin(site), edited(), "new defect found in audit")
        station.directory.refresh()
        assert station.site_catalog.refresh().version == 1
        assert "Bolha" in station.catalog.defects and station.production.catalog.version == 1
        with station.database.read() as c:
            assert [e["action"] for e in audit_repo.list_events(c, action="catalog.take")]
        # Someone with write access to the share but without an admin's key: a newer
        # version, altered from the real one, as the next entry of the directory.
        log_folder = site.share / "directory" / "log"
        last = sorted(log_folder.iterdir())[-1]
        entry = json.loads(last.read_text())
        forged = {**entry, "seq": entry["seq"] + 1, "prev": site.admin.trust.state.head_hash,
                  "op": {**entry["op"], "data": {**entry["op"]["data"], "version": 9}}}
        forged["op"]["data"]["catalog"]["catalog"]["defects"].append("Forjado")
        (log_folder / f"{forged['seq']:08d}.json").write_text(json.dumps(forged))
        assert station.directory.refresh().refused
        assert station.site_catalog.refresh() is None
        assert station.catalog.version == 1 and "Forjado" not in station.catalog.defects
        # An older, validly signed catalog put back (a replay) is not taken either.
        site.admin.site_catalog.publish(admin(site), edited(max_rejections=2), "second version of the list")
        site.admin.site_catalog.publish(admin(site), edited(defects=["Furo"]), "third version of the list")
        station.directory.refresh()
        assert station.site_catalog.refresh().version == 3
        second = published_ops(site)[1]
        replay = {"v": 2, "kind": "dirlog", "seq": site.admin.trust.state.head_seq + 1,
                  "prev": site.admin.trust.state.head_hash, "op": second}
        (log_folder / f"{replay['seq']:08d}.json").write_text(json.dumps(replay))
        report = station.directory.refresh()
        assert report.refused and "not newer" in report.refused[0]
        assert station.site_catalog.refresh() is None and station.catalog.version == 3
    finally:
        station.close()


def test_a_running_station_applies_the_catalog_and_its_intervals(site, tmp_path, monkeypatch):
    monkeypatch.setattr("utils.site.scheduler.DIRECTORY_REFRESH_S", 0.05)
    station = site.station(tmp_path, "206")
    effects_seen = []
    from tests.utils.site.sitekit import RecordingEffects

    effects = RecordingEffects()
    effects.catalog_changed = effects_seen.append
    service = start_sync(station, effects)
    try:
        site.admin.site_catalog.publish(
            admin(site), edited(intervals={"status_interval_ms": 700, "rescan_interval_ms": None}),
            "slower heartbeat for the site")
        wait_until(lambda: station.catalog.version == 1)
        wait_until(lambda: effects_seen)
        assert station.settings.status_interval_ms == 700 and service.site_settings.status_interval_s == 0.7
        assert effects_seen[0].version == 1
    finally:
        service.stop("test over")
        station.close()


def test_a_catalog_published_on_this_pc_reaches_its_own_running_form(site, monkeypatch):
    """The admin panel and the station window share a PC: its sync announces the new version
    even though refresh() took nothing from the share."""
    monkeypatch.setattr("utils.site.scheduler.DIRECTORY_REFRESH_S", 0.05)
    from tests.utils.site.sitekit import RecordingEffects

    effects_seen = []
    effects = RecordingEffects()
    effects.catalog_changed = effects_seen.append
    service = start_sync(site.admin, effects)
    try:
        site.admin.site_catalog.publish(admin(site), edited(), "new defect for the night shift")
        wait_until(lambda: effects_seen)
        assert [c.version for c in effects_seen] == [1] and "Bolha" in effects_seen[0].defects
    finally:
        service.stop("test over")
