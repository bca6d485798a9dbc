"""Corrections of another station's records from an admin PC: the new version lives in the admin
PC's database, travels through its journal, and every reader takes the highest version."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from config.constants import Role
from sqlalchemy import select

from data import audit_repo, view_schema
from models.record import Origin, RecordStatus
from config.paths import resolve_paths
from config.settings import Settings
from utils import dashboard_figures
from utils.context import AppContext
from utils.settings_store import save_settings
from utils.site.membership import join_site_membership
from utils.production import Meaning, ProductionError, Signature
from utils.site.journal import JournalWriter
from utils.site.layout import SiteLayout

from tests.utils.site.sitekit import ADMIN_PW, PASSPHRASE, make_site

SIGNED = Signature(ADMIN_PW, Meaning.CORRECTION)

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}


@pytest.fixture
def setup(tmp_path):
    site = make_site(tmp_path)
    station = site.station(tmp_path, "206")
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-1", "operator for 206")
    station.directory.refresh()
    operator = station.auth.login("op", "Initial-Pass-1").session
    station.production.set_lot(operator, "L1", 100)
    layout = SiteLayout(site.share)
    station_journal = JournalWriter(station.database, layout.station("206").ensure(),
                                    station.anchor, station.trust.pc_key)
    admin_journal = JournalWriter(site.admin.database, layout.station("office1").ensure(),
                                  site.admin.anchor, site.admin.trust.pc_key)
    view = site.admin.site_view
    yield site, station, operator, admin, station_journal, admin_journal, view
    station.close()
    site.admin.close()


@pytest.fixture
def office2(setup, tmp_path):
    """A second office PC of the same site."""
    site = setup[0]
    home = tmp_path / "home-office2"
    paths = resolve_paths(home).ensure()
    save_settings(paths.settings_file, Settings())
    join_site_membership(paths, Settings(), site.share, PASSPHRASE, station_id="office2",
                         kind="office")
    context = AppContext.open(home)
    yield context
    context.close()


def current(ctx_or_site, record_id):
    ctx = getattr(ctx_or_site, "admin", ctx_or_site)
    ctx.site_view.ingest_local()  # this PC's own corrections, as the panel does after a save
    frame = dashboard_figures.load_site_records(ctx.site_view, include_voided=True)
    rows = frame[frame["record_id"] == record_id].to_dict("records")
    assert len(rows) == 1
    return rows[0]


def test_admin_edits_and_voids_a_station_record_it_only_knows_from_the_journal(setup, office2):
    site, station, operator, admin, station_journal, admin_journal, view = setup
    record = station.production.register_box(operator, FORM)
    station_journal.sync()
    view.ingest()

    edited = site.admin.production.edit_record(admin, record.record_id, {"cam_d": "1,5"},
                                               "transcription error on the paper log",
                                               base_version=1, signature=SIGNED)
    assert (edited.version, edited.station_id, edited.cam_d, edited.operator, edited.editor) == (
        2, "206", 1.5, "op", "ana")
    row = current(site, record.record_id)
    assert row["version"] == 2 and row["cam_d"] == 1.5
    with site.admin.database.read() as c:
        event = json.loads(audit_repo.list_events(c, action="record.edit")[-1]["body"])
    assert event["before"]["cam_d"] == 4.42 and event["after"]["cam_d"] == 1.5
    assert event["reason"] == "transcription error on the paper log"

    # The correction travels through the admin PC's own journal to every other admin PC.
    admin_journal.sync()
    other = office2.site_view
    other.ingest()
    versions = view_schema.view_record_versions
    with other.database.read() as c:
        sources = {(v.version, v.source_station) for v in c.execute(
            select(versions).where(versions.c.station_id == "206"))}
    assert sources == {(1, "206"), (2, "office1")}
    assert current(office2, record.record_id)["version"] == 2

    voided = site.admin.production.void_record(admin, record.record_id,
                                               "box scrapped, counted twice", base_version=2,
                                               signature=Signature(ADMIN_PW, Meaning.VOID))
    assert voided.version == 3 and voided.status == RecordStatus.VOIDED
    assert current(site, record.record_id)["status"] == "voided"
    with pytest.raises(ProductionError) as caught:
        site.admin.production.edit_record(admin, record.record_id, {"cam_d": "2"},
                                          "too late, it is voided", signature=SIGNED)
    assert caught.value.code == "voided"
    history = dashboard_figures.record_history(site.admin.site_view, record.record_id)
    assert [v["version"] for v in history] == [1, 2, 3]
    assert all(r.ok for r in site.admin.verify_audit())


def test_a_correction_from_an_older_version_is_kept_and_marked_as_conflict(setup):
    site, station, operator, admin, station_journal, _admin_journal, view = setup
    record = station.production.register_box(operator, FORM)
    station_journal.sync()
    view.ingest()
    site.admin.production.edit_record(admin, record.record_id, {"cam_d": "1"},
                                      "first correction from the log", base_version=1,
                                      signature=SIGNED)
    # Someone still looking at version 1 saves too: kept as version 3, written from version 1.
    late = site.admin.production.edit_record(admin, record.record_id, {"cam_w": "2"},
                                             "second correction, older screen", base_version=1,
                                             signature=SIGNED)
    assert late.version == 3 and late.base_version == 1
    assert current(site, record.record_id)["cam_w"] == 2.0


def test_unknown_record_is_not_found(setup):
    site, admin = setup[0], setup[3]
    with pytest.raises(ProductionError) as caught:
        site.admin.production.edit_record(admin, "0" * 32, {"cam_d": "1"}, "no such record here")
    assert caught.value.code == "not_found"


def test_manual_record_on_behalf_of_a_station_reaches_the_read_model(setup):
    site, _station, _operator, admin, _sj, admin_journal, view = setup
    when = site.admin.clock.now().replace(microsecond=0) - timedelta(hours=2)
    form = {**FORM, "lot": "L7", "box": "3"}
    record = site.admin.production.manual_record(admin, "203", {**form, "size": "#0"},
                                                 "collector of 203 was down", recorded_at=when)
    assert record.origin == Origin.MANUAL and record.station_id == "203"
    admin_journal.sync()
    view.ingest()
    row = current(site, record.record_id)
    assert (row["station_id"], row["lot"], row["box"], row["origin"]) == ("203", "L7", 3, "manual")
    with pytest.raises(ProductionError) as caught:
        site.admin.production.manual_record(admin, "999", form, "no such machine here")
    assert caught.value.code == "unknown_station"
    with pytest.raises(ProductionError) as caught:
        site.admin.production.manual_record(admin, "203", {**form, "size": "#0"},
                                            "typed tomorrow by mistake",
                                            recorded_at=site.admin.clock.now() + timedelta(days=1))
    assert caught.value.code == "future"
