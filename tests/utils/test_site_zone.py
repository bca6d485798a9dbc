"""The site's time zone: a valid IANA name, this PC's zone found without Qt, kept in the site
catalog the first admin signs into the directory log when the site is created (audited), taken
by a PC that joins, changed by an admin with the before and after audited, and the one zone
shifts and record times follow."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from config.catalog import default_catalog
from config.settings import Settings
from data import audit_repo
from models.validation import ValidationFailed
from utils.autostart import Autostart
from utils.clock import ManualClock
from utils.context import AppContext
from utils.first_run import AdminAccount, SetupError, SetupPlan, set_up
from utils.site_catalog import catalog_from_dict, catalog_to_dict
from utils.timezones import pc_zone_name, same_wall_clock, valid_zone, zone_label

from tests.utils.site.sitekit import use_fast_kdf

PASSPHRASE = "long site passphrase 1"
ADMIN = AdminAccount("maria", "Maria Silva", "Quarry-Lantern-42")
NOON = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def fast(monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)


def catalog_events(ctx) -> list[dict]:
    with ctx.database.read() as connection:
        return [e for e in audit_repo.list_events(connection) if e["action"] == "catalog.publish"]


def test_zone_names_are_the_tz_database_and_never_paths():
    assert valid_zone("America/Sao_Paulo") and valid_zone("UTC")
    for wrong in ("", "Mars/Olympus", "../../etc/passwd", "/usr/share/zoneinfo/UTC", None, 3,
                  "posix/America/Sao_Paulo"):
        assert not valid_zone(wrong)


def test_this_pcs_zone_from_tz_then_the_system_files(tmp_path):
    etc = tmp_path / "etc"
    etc.mkdir()
    assert pc_zone_name(environ={"TZ": "Europe/Lisbon"}, etc=etc) == "Europe/Lisbon"
    assert pc_zone_name(environ={"TZ": ":Europe/Lisbon"}, etc=etc) == "Europe/Lisbon"
    assert pc_zone_name(environ={}, etc=etc) is None  # nothing says: the caller decides
    (etc / "timezone").write_text("America/Manaus\n", encoding="utf-8")
    assert pc_zone_name(environ={"TZ": "not a zone"}, etc=etc) == "America/Manaus"
    (etc / "timezone").unlink()
    zoneinfo = tmp_path / "usr" / "share" / "zoneinfo" / "Asia"
    zoneinfo.mkdir(parents=True)
    (zoneinfo / "Tokyo").write_bytes(b"TZif")
    (etc / "localtime").symlink_to(zoneinfo / "Tokyo")
    assert pc_zone_name(environ={}, etc=etc) == "Asia/Tokyo"


def test_zone_labels_and_wall_clocks():
    assert zone_label("America/Sao_Paulo", NOON) == "UTC-03"
    assert zone_label("Europe/Berlin", NOON) == "CET"
    assert zone_label("Asia/Kolkata", NOON) == "IST"
    assert zone_label("Etc/UTC", NOON) == "UTC"
    assert same_wall_clock("America/Sao_Paulo", "America/Bahia", NOON)
    assert not same_wall_clock("America/Sao_Paulo", "Etc/UTC", NOON)
    assert not same_wall_clock("America/Sao_Paulo", None, NOON)


def test_the_catalog_keeps_the_zone_and_refuses_a_wrong_one():
    raw = {**catalog_to_dict(default_catalog()), "timezone": "America/Manaus"}
    assert catalog_from_dict(raw).timezone == "America/Manaus"
    assert catalog_from_dict(catalog_to_dict(default_catalog())).timezone is None
    with pytest.raises(ValidationFailed) as excinfo:
        catalog_from_dict({**raw, "timezone": "Brazil/Nowhere"})
    assert [(e.field, e.code) for e in excinfo.value.errors] == [("timezone", "not_a_zone")]


def test_without_a_site_zone_the_settings_stand_in(tmp_path):
    ctx = AppContext.open(tmp_path / "h", settings=Settings(timezone="Europe/Lisbon"))
    try:
        assert ctx.catalog.timezone is None and ctx.timezone == "Europe/Lisbon"
        assert ctx.production.timezone == "Europe/Lisbon"
    finally:
        ctx.close()


def test_the_zone_chosen_at_creation_reaches_the_joining_pc(tmp_path):
    share = tmp_path / "share"
    created = set_up(tmp_path / "office", SetupPlan(
        "create", station_id="office1", station_kind="office", folder=str(share),
        passphrase=PASSPHRASE, admin=ADMIN, timezone="America/Manaus"),
        autostart=Autostart(platform="linux", folder=tmp_path / "a1"))
    try:
        office = created.ctx
        assert office.timezone == "America/Manaus" and office.catalog.version == 1
        [event] = catalog_events(office)
        body = json.loads(event["body"])
        assert body["user"] == "maria"
        assert body["before"]["timezone"] is None and body["after"]["timezone"] == "America/Manaus"
        assert "America/Manaus" in body["reason"]
        # On the share: a catalog operation in the site's directory log, signed by the first
        # admin's own key (the first catalog of the site).
        log_folder = share / "directory" / "log"
        [op] = [op for op in (json.loads(p.read_text(encoding="utf-8"))["op"]
                              for p in sorted(log_folder.iterdir()))
                if op["op"] == "catalog.publish"]
        assert op["signer"] == "person:maria"
        assert op["key_id"] == office.trust.state.person_key("maria").key_id
        assert op["data"]["version"] == 1
        assert op["data"]["catalog"]["catalog"]["timezone"] == "America/Manaus"
    finally:
        created.ctx.close()
    joined = set_up(tmp_path / "pc206", SetupPlan("join", station_id="206", folder=str(share),
                                                  passphrase=PASSPHRASE, autostart=False),
                    autostart=Autostart(platform="linux", folder=tmp_path / "a2"))
    try:
        assert joined.ctx.timezone == "America/Manaus"
        assert joined.ctx.production.timezone == "America/Manaus"
    finally:
        joined.ctx.close()


def test_a_wrong_zone_is_refused_before_anything_is_written(tmp_path):
    share = tmp_path / "share"
    with pytest.raises(SetupError) as excinfo:
        set_up(tmp_path / "office", SetupPlan("create", station_id="office1",
                                              station_kind="office", folder=str(share),
                                              passphrase=PASSPHRASE, admin=ADMIN,
                                              timezone="Mars/Base"))
    assert excinfo.value.code == "not_a_zone" and excinfo.value.field == "timezone"
    assert not share.exists()


def test_an_admin_changes_the_zone_and_records_follow_it(tmp_path):
    clock = ManualClock(NOON)
    created = set_up(tmp_path / "pc201", SetupPlan("trial", station_id="201", admin=ADMIN,
                                                   timezone="America/Sao_Paulo"), clock=clock,
                     autostart=Autostart(platform="linux", folder=tmp_path / "a"))
    ctx = created.ctx
    try:
        session = ctx.auth.login("maria", ADMIN.password).session
        ctx.production.set_lot(session, "L1", 10, 1)
        first = ctx.production.register_box(session, {"size": "#1", "cam_d": "1", "cam_w": "1"})
        assert first.utc_offset_minutes == -180
        raw = {**catalog_to_dict(ctx.catalog), "timezone": "Asia/Tokyo"}
        ctx.site_catalog.publish(session, raw, "the plant moved to Japan for this test")
        assert ctx.timezone == "Asia/Tokyo" and ctx.catalog.version == 2
        body = json.loads(catalog_events(ctx)[-1]["body"])
        assert body["before"]["timezone"] == "America/Sao_Paulo"
        assert body["after"]["timezone"] == "Asia/Tokyo"
        second = ctx.production.register_box(session, {"size": "#1", "cam_d": "1", "cam_w": "1"})
        assert second.utc_offset_minutes == 9 * 60
    finally:
        ctx.close()
    reopened = AppContext.open(tmp_path / "pc201")
    try:
        assert reopened.timezone == "Asia/Tokyo"  # kept with the catalog, not in memory only
    finally:
        reopened.close()
