"""A record belongs to the station its version 1 names (s17 attack2, finding 2): with one
production PC's key (207), its operator writes into 207's own chain a version of station 206's
record, copying the record id from 206's journal on the share and naming station 207. Every
site view keeps 206's record as it was and names 207's event as an anomaly, in whichever order
the two journals are read; a person's valid signature is what lets such a version in.

Real journals, written by each station's own JournalWriter; the admin's real site view.
"""

from __future__ import annotations

import json
import logging
import uuid

from config.constants import Role
from data import audit_repo, view_repo
from data.records_repo import RecordFilter
from models.record import RecordStatus
from utils.audit.chain import Actor
from utils.records_io import view_records
from utils.site.journal import JournalWriter
from utils.trust.record_signatures import sign_manifest

from tests.utils.site.sitekit import (
    OPERATOR_PW, add_user, person_signer, site_layout,
)

FORM = {"size": "#00", "rejections": [["Furo", "Cap"]], "cam_d": "1,5", "cam_w": "2,0"}
OPERATOR = Actor("op", "operator")


def _station(site, tmp_path, closing, station_id, boxes):
    """A member station with `boxes` records of lot L<station>, and its journal writer."""
    station = site.station(tmp_path, station_id)
    closing.append(station)
    if "op" not in site.admin.trust.state.users:
        add_user(site, "op", Role.OPERATOR)
    station.directory.refresh()
    session = station.auth.login("op", OPERATOR_PW).session
    station.production.set_lot(session, f"L{station_id}", 100)
    for _ in range(boxes):
        station.production.register_box(session, FORM)
    writer = JournalWriter(station.database,
                           site_layout(site.share).station(station_id).ensure(),
                           station.anchor, station.trust.pc_key)
    return station, writer


def _export(writer):
    while writer.sync():
        pass


def _first_record(station, station_id):
    """The `after` of the station's first record.create: what its journal shows anyone."""
    with station.database.read() as connection:
        rows = audit_repo.events_after(connection, station_id, 0, 1000)
    bodies = [json.loads(row[5]) for row in rows]
    return next(b["after"] for b in bodies if b["action"] == "record.create")


def _forge(after, **changes):
    """Another version of `after` (its signature left out), as 207's operator writes it."""
    forged = {key: value for key, value in after.items() if key != "signature"}
    forged.update(changes)
    return forged


def _takeover(after):
    return _forge(after, station="207", version=99, base_version=after["version"],
                  lot="FORGED-BY-207", status=str(RecordStatus.VOIDED), reason="forged",
                  editor="op", edited_at="2026-12-01T08:00:00.000Z")


def _write(station, action, after, reason=None):
    station.changes.record(OPERATOR, action, entity="record", entity_id=after["record_id"],
                           after=after, reason=reason)


def _listed(site, station_id):
    """What the Production tab lists and `export --site` writes for a station."""
    return sorted((r["record_id"], r["version"], r["lot"], r["status"]) for r in
                  view_records(site.admin.site_view, RecordFilter(station_id=station_id)))


def _versions(site, record_id):
    with site.admin.site_view.database.read() as connection:
        return [(v["version"], v["station_id"], v["source_station"])
                for v in view_repo.record_versions(connection, record_id)]


def _warnings(caplog, record_id):
    return [r for r in caplog.records
            if r.levelno == logging.WARNING and record_id in r.getMessage()]


def test_another_stations_key_cannot_take_over_a_record_read_before(site, tmp_path, closing,
                                                                    caplog):
    """206's records are in the view; 207 writes version 99 of one, naming itself: refused,
    named as 207's anomaly with one WARNING, and 206's three records stay as they were. The
    same version signed by a person is refused too; signed and naming 206, it is taken."""
    s206, w206 = _station(site, tmp_path, closing, "206", boxes=3)
    s207, w207 = _station(site, tmp_path, closing, "207", boxes=1)
    _export(w206)
    _export(w207)
    view = site.admin.site_view
    view.ingest()
    before = _listed(site, "206")
    victim = _first_record(s206, "206")
    caplog.set_level(logging.INFO)

    _write(s207, "record.edit", _takeover(victim), reason="forged")
    _export(w207)
    view.ingest()

    assert _listed(site, "206") == before and len(before) == 3
    assert [r[2] for r in _listed(site, "207")] == ["L207"]
    assert _versions(site, victim["record_id"]) == [(1, "206", "206")]
    assert "made for another station than 207" in view.anomalies()["207"]
    assert len(_warnings(caplog, victim["record_id"])) == 1
    view.ingest()  # the next pass: the refused version's event is not read again, and the
    assert "made for another station" in view.anomalies()["207"]  # fleet's alarm names it

    # Signed by the admin with her own key, a version naming 207 is still not 206's record's
    # (a correction copies its record's station; no PC may read it as a move, since a PC
    # reading it before the record's version 1 could not take it); naming 206, it is taken.
    for station, reason in (("207", "moved to 207"), ("206", "corrected on 207's PC")):
        version = {**_takeover(victim), "station": station, "reason": reason}
        manifest = sign_manifest(person_signer(site, "ana"), version,
                                 {"meaning": "correction", "signed_by": "ana",
                                  "full_name": "Ana Admin",
                                  "signed_at": "2026-12-01T08:00:00.000Z"}, reason)
        _write(s207, "record.edit", {**version, "signature": manifest}, reason=reason)
    _export(w207)
    view.ingest()
    assert _versions(site, victim["record_id"]) == [(1, "206", "206"), (99, "206", "207")]
    assert "made for another station than 207" in view.anomalies()["207"]


def test_a_takeover_read_before_the_owners_journal_is_refused_too(site, tmp_path, closing,
                                                                  caplog):
    """207's forged version is read before 206's journal (a catch-up reads station by
    station): its record's id was made for 206 (models/record_ids.py), so it is refused at
    once, never waiting for the record's version 1; 206's record is 206's as it was."""
    s206, w206 = _station(site, tmp_path, closing, "206", boxes=3)
    s207, w207 = _station(site, tmp_path, closing, "207", boxes=1)
    victim = _first_record(s206, "206")
    _write(s207, "record.edit", _takeover(victim), reason="forged")
    _export(w206)
    _export(w207)
    view = site.admin.site_view

    view.ingest_station("207")
    assert "made for another station than 207" in view.anomalies()["207"]
    assert view.waiting_changes() == {}
    view.ingest()
    assert [(r[1], r[2], r[3]) for r in _listed(site, "206")] == [(1, "L206", "active")] * 3
    assert _versions(site, victim["record_id"]) == [(1, "206", "206")]


def test_a_takeover_of_an_old_random_id_waits_then_is_refused(site, tmp_path, closing,
                                                              caplog):
    """The same for a record made before ids carried their station (uuid4): nothing in the
    version tells whose it is before its version 1 is read, so it waits, shown nowhere but
    as 207's alarm while it waits; read with 206's journal, it is refused as when read after
    it, and 206's record is 206's as it was. A version signed by a person and naming 207 is
    judged the same way (a correction copies its record's station), in either order."""
    s206, w206 = _station(site, tmp_path, closing, "206", boxes=1)
    s207, w207 = _station(site, tmp_path, closing, "207", boxes=1)
    old = _forge(_first_record(s206, "206"), record_id=uuid.uuid4().hex, box=50)
    _write(s206, "record.create", old)  # a record of before (a random id)
    _write(s207, "record.edit", _takeover(old), reason="forged")
    signed = {**_takeover(old), "version": 100, "base_version": 99, "reason": "moved"}
    manifest = sign_manifest(person_signer(site, "ana"), signed,
                             {"meaning": "correction", "signed_by": "ana",
                              "full_name": "Ana Admin", "signed_at": "2026-12-01T08:00:00.000Z"},
                             "moved")
    _write(s207, "record.edit", {**signed, "signature": manifest}, reason="moved")
    _export(w206)
    _export(w207)
    view = site.admin.site_view
    caplog.set_level(logging.INFO)

    view.ingest_station("207")
    assert "207" not in view.anomalies()
    assert "2 change(s) of records whose first version" in view.waiting_changes()["207"]
    assert _versions(site, old["record_id"]) == []
    view.ingest()
    assert "changes station 206's record" in view.anomalies()["207"]
    assert view.waiting_changes() == {}
    assert [(r[1], r[2], r[3]) for r in _listed(site, "206")] == [(1, "L206", "active")] * 2
    assert _versions(site, old["record_id"]) == [(1, "206", "206")]
    assert len(_warnings(caplog, old["record_id"])) == 2


def _copy_read_both_ways(site, tmp_path, closing, record, writers):
    """207 writes `record` (206's version 1) as its own; the admin's view reads 206's journal
    first, a second admin PC's 207's. Returns (the admin's view, the second PC's versions of
    the record as (version, station), its view)."""
    s207, w207 = writers["207"]
    _write(s207, "record.create", _forge(record, station="207", lot="FORGED-BY-207"))
    _export(writers["206"][1])
    _export(w207)
    view = site.admin.site_view
    view.ingest()  # 206 before 207
    office2 = site.station(tmp_path, "office2", kind="office")
    closing.append(office2)
    other = office2.site_view
    other.ingest_station("207")
    other.ingest()
    with other.database.read() as connection:
        versions = view_repo.record_versions(connection, record["record_id"])
    return view, [(v["version"], v["station_id"]) for v in versions], other


def test_a_copied_version_1_is_refused_in_either_order(site, tmp_path, closing, caplog):
    """207 writes 206's record as its own new record (version 1, naming 207). The record's id
    was made for 206 (models/record_ids.py): the copy is 207's anomaly whether it is read
    after 206's journal or, on a second admin PC, before it."""
    writers = {sid: _station(site, tmp_path, closing, sid, boxes=n)
               for sid, n in (("206", 3), ("207", 1))}
    victim = _first_record(writers["206"][0], "206")
    view, versions, other = _copy_read_both_ways(site, tmp_path, closing, victim, writers)
    assert len(_listed(site, "206")) == 3
    assert _versions(site, victim["record_id"]) == [(1, "206", "206")]
    assert "made for another station than 207" in view.anomalies()["207"]
    assert versions == [(1, "206")]
    assert "made for another station than 207" in other.anomalies()["207"]
    assert "206" not in other.anomalies()


def test_a_copied_version_1_of_an_old_random_id_is_a_collision_in_either_order(
        site, tmp_path, closing, caplog):
    """The known limit, for ids made before ids carried their station (uuid4): read after
    206's, the copy is refused; read first, on a second admin PC, it holds the id and 206's
    own version 1 is refused as the collision, the WARNING naming both stations (nothing in
    the two tells the copy from the original)."""
    writers = {sid: _station(site, tmp_path, closing, sid, boxes=n)
               for sid, n in (("206", 2), ("207", 1))}
    old = _forge(_first_record(writers["206"][0], "206"), record_id=uuid.uuid4().hex, box=50)
    _write(writers["206"][0], "record.create", old)  # a record of before (a random id)
    caplog.set_level(logging.INFO)
    view, versions, other = _copy_read_both_ways(site, tmp_path, closing, old, writers)
    assert len(_listed(site, "206")) == 3
    assert _versions(site, old["record_id"]) == [(1, "206", "206")]
    assert "station 206's record has that id" in view.anomalies()["207"]
    assert len(_warnings(caplog, old["record_id"])) == 2  # one on each PC
    assert versions == [(1, "207")]
    assert "station 207's record has that id" in other.anomalies()["206"]
