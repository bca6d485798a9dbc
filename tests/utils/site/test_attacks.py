"""The attacks of issue 13 ("the share is hostile"), each tried for real on a tmp share:
a person with write access to the share only, then with one production PC's files.

Links and parser bombs are in test_hostile_share.py; here: forged members, journals, status,
acks, directory rollback, a PC's key used as a person, and password guessing in parallel.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from config.constants import CommandType, Role
from config.paths import resolve_paths
from config.settings import Settings
from models.canonical import format_utc
from utils.audit.verify import TamperKind
from utils.auth import LoginFailure
from utils.site.folder_store import FolderSiteStore
from utils.site.folder_transport import FolderTransport
from utils.site.fleet import FleetMonitor, Liveness
from utils.site.journal import JournalWriter
from utils.site.journal_read import list_segments
from utils.site.membership import join_site_membership
from utils.site.ports import RecordKind
from utils.site.signed import document_bytes
from utils.site.site_key import SiteError
from utils.trust.crypto import SigningKeyPair
from utils.trust.directory_state import OpRefused
from utils.trust.dirlog import make_op
from utils.trust.lockout_share import LockoutShare

from tests.utils.site.memory_store import MemorySiteStore
from tests.utils.site.sitekit import (
    ADMIN_PW, OPERATOR_PW, PASSPHRASE, add_user, admin_session, drop, issue, pc_sign,
    restored_copy, site_layout, start_sync, wait_ack, wait_actions, wait_until,
)

FORM = {"size": "#00", "rejections": [["Furo", "Cap"]], "cam_d": "1,5", "cam_w": "2,0"}



def _journal_station(site, tmp_path, station_id="206", boxes=3):
    """A member station with `boxes` records exported to its journal (signed head)."""
    station = site.station(tmp_path, station_id)
    if "op" not in site.admin.trust.state.users:
        add_user(site, "op", Role.OPERATOR)
    station.directory.refresh()
    operator = station.auth.login("op", OPERATOR_PW).session
    station.production.set_lot(operator, "L1", 100)
    for _ in range(boxes):
        station.production.register_box(operator, FORM)
    writer = JournalWriter(station.database, site_layout(site.share).station(station_id).ensure(),
                           station.anchor, station.trust.pc_key)
    while writer.sync():
        pass
    return station, writer


def _site_records(site, station_id, ctx=None):
    """Every version of the station's records in a PC's site view (the admin's by default)."""
    from sqlalchemy import select

    from data import view_schema

    table = view_schema.view_record_versions
    view = (ctx or site.admin).site_view
    with view.database.read() as connection:
        rows = connection.execute(select(table).where(table.c.station_id == station_id)).all()
    return [dict(row._mapping) for row in rows]


# -- a share writer without any key --------------------------------------------------------------


def test_a_journal_of_a_station_that_never_joined_is_not_a_member(site, tmp_path, closing):
    """The attacker copies a real journal under a new station id (and signs a head with a
    key of their own): nothing of it enters the view, verify says "not a member"."""
    station, writer = _journal_station(site, tmp_path)
    closing.append(station)
    fake = site_layout(site.share).station("299").ensure()
    shutil.copytree(writer.station.journal, fake.journal, dirs_exist_ok=True)
    own = SigningKeyPair.generate()
    head = json.loads(writer.station.checkpoint.read_text())
    head = {k: v for k, v in head.items() if k not in ("sig", "key_id")}
    fake.checkpoint.write_bytes(document_bytes(pc_sign(own, {**head, "station": "299"})))
    view = site.admin.site_view
    reports = {r.station: r for r in view.ingest()}
    assert "299" not in reports and _site_records(site, "299") == []
    assert view.anomalies()["299"] == "not a member of the site"
    results = {r.station: r for r in view.verify_site()}
    assert not results["299"].ok and results["299"].kind == TamperKind.NOT_A_MEMBER
    assert results["206"].ok and len(_site_records(site, "206")) == 3


def test_an_event_appended_to_a_real_journal_never_enters_the_view(site, tmp_path, closing):
    """A share writer appends a well-linked event (a void of a real record) to station 206's
    journal: no seal signed by 206's PC covers it, so the view never shows it; when the
    station exports its own next event the journal no longer matches and ingestion stops
    for 206 with the place named."""
    station, writer = _journal_station(site, tmp_path)
    closing.append(station)
    view = site.admin.site_view
    view.ingest()
    assert len(_site_records(site, "206")) == 3
    segment = list_segments(writer.station.journal)[-1][1]
    last = [entry for entry in map(json.loads, segment.read_bytes().splitlines())
            if entry["kind"] == "event"][-1]
    body = json.loads(last["body"])
    forged_body = json.dumps({**body, "seq": last["seq"] + 1, "action": "record.void",
                              "after": {**(body.get("after") or {}), "status": "void"}},
                             sort_keys=True, separators=(",", ":"))
    import hashlib

    digest = hashlib.sha256(bytes.fromhex(last["hash"]) + forged_body.encode()).hexdigest()
    forged = {**last, "seq": last["seq"] + 1, "prev": last["hash"], "hash": digest,
              "body": forged_body}
    with open(segment, "ab") as handle:
        handle.write(json.dumps(forged).encode() + b"\n")
    view.ingest()
    from data import view_repo

    with site.admin.site_view.database.read() as connection:
        seqs = [e["seq"] for e in view_repo.iter_events(connection, station="206")]
    assert forged["seq"] not in seqs
    assert all(r["status"] != "void" for r in _site_records(site, "206"))


def test_an_old_status_put_back_or_a_future_file_time_does_not_revive_a_station(
        site, tmp_path, closing):
    station = site.station(tmp_path, "206")
    closing.append(station)
    service = start_sync(station, watch=False)
    try:
        wait_until(lambda: site_layout(site.share).station("206").status.exists())
        old_status = site_layout(site.share).station("206").status.read_bytes()
    finally:
        service.stop()
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    status = site_layout(site.share).station("206").status
    # Later: the attacker writes the old (genuine, signed) file back, with a file time in
    # the future. An admin panel opened an hour later...
    later = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    from utils.clock import ManualClock

    clock = ManualClock(datetime.now(timezone.utc) + timedelta(hours=1))
    later.clock = clock
    status.write_bytes(old_status)
    future = (clock.now() + timedelta(days=1)).timestamp()
    os.utime(status, (future, future))
    assert {v.station_id: v for v in later.poll()}["206"].liveness != Liveness.ONLINE
    # ... and a panel that was watching: the same old content is nothing new.
    views = {v.station_id: v for v in fleet.poll()}
    seen = views["206"].status["seq"]
    status.write_bytes(old_status)
    os.utime(status, (future + 5, future + 5))
    assert {v.station_id: v for v in fleet.poll()}["206"].status["seq"] == seen


def test_an_ack_planted_before_the_stations_own_is_not_the_outcome(site, tmp_path, closing):
    station = site.station(tmp_path, "206")
    closing.append(station)
    service = start_sync(station, watch=False)
    closing.append(service)
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    service_paused = threading.Event()
    # The attacker writes a "failed" ack for the command before the station acts on it.
    command = issue(site, CommandType.PING)
    acks = site_layout(site.share).station("206").ensure().acks
    planted = {"v": 2, "kind": "ack", "id": command["id"], "station": "206", "type": "ping",
               "status": "failed", "reason": "planted", "result": None,
               "finished_at": format_utc(datetime.now(timezone.utc))}
    (acks / f"{command['id']}.json").write_bytes(document_bytes(
        pc_sign(SigningKeyPair.generate(), planted)))
    from data import commands_repo

    with site.admin.database.write() as connection:
        commands_repo.sent_insert(connection, command, datetime.now(timezone.utc))
    drop(site.share, "206", command)
    wait_actions(station, command["id"], ["command.received", "command.done"])
    ack = wait_ack(site.share, "206", command["id"])
    assert ack["status"] == "done" and ack["key_id"] == station.trust.pc_key.key_id
    finished = wait_until(fleet.track)
    assert [(f["command_id"], f["state"]) for f in finished] == [(command["id"], "done")]
    assert list((site.share / "quarantine" / "206").glob(f"{command['id']}*.json"))
    assert not service_paused.is_set()


def test_a_newly_joined_pc_refuses_a_rolled_back_directory(site, tmp_path, closing):
    """Olga is deactivated; while every up-to-date PC is off, the attacker removes that entry
    from the share. A PC joining now sees, in a member's signed status, that the site has
    published more: it refuses, and says so. When an up-to-date PC comes back it writes the
    entry back, and the join succeeds with olga deactivated."""
    add_user(site, "olga", Role.OPERATOR)
    station = site.station(tmp_path, "206")
    closing.append(station)
    site.admin.auth.deactivate(admin_session(site), "olga", "left the company")
    service = start_sync(station, watch=False)
    status = site_layout(site.share).station("206").status
    try:
        wait_until(lambda: status.exists() and json.loads(status.read_bytes())
                   .get("directory_head", [0])[0] == site.admin.trust.state.head_seq)
    finally:
        service.stop()
    log_folder = site.share / "directory" / "log"
    newest = sorted(log_folder.iterdir())[-1]
    taken_away = newest.read_bytes()
    newest.unlink()
    paths = resolve_paths(tmp_path / "newcomer").ensure()
    with pytest.raises(SiteError) as refused:
        join_site_membership(paths, Settings(), site.share, PASSPHRASE, station_id="207")
    assert refused.value.code == "directory_rolled_back"
    assert not paths.settings_file.exists()
    station.directory.refresh()  # an up-to-date PC is back: the entry is written back
    assert newest.read_bytes() == taken_away
    join_site_membership(paths, Settings(), site.share, PASSPHRASE, station_id="207")
    from utils.context import AppContext

    newcomer = AppContext.open(tmp_path / "newcomer")
    closing.append(newcomer)
    assert not newcomer.auth.login("olga", OPERATOR_PW).ok


# -- a person holding one production PC's files -------------------------------------------------


def test_a_production_pcs_key_signs_no_account_and_no_command(site, tmp_path, closing):
    station = site.station(tmp_path, "206")
    closing.append(station)
    pc_key = station.trust.pc_key  # what copying that PC's key file gives
    trust = site.admin.trust
    fake_admin = {"username": "mallory", "full_name": "M", "role": "admin", "active": True,
                  "must_change_password": False, "badge_id": None, "password_hash": "x",
                  "version": 1, "public_key": None, "sealed_key": None}
    for signer in ("person:ana", "root", "pc:206"):
        op = make_op(signer, pc_key, trust.site_id, "user.put", fake_admin,
                     datetime.now(timezone.utc))
        with pytest.raises(OpRefused):
            trust.directory.append(op)
    assert "mallory" not in trust.state.users
    # A command "issued by" ana, signed with the PC's key: rejected, never run.
    service = start_sync(station, watch=False)
    closing.append(service)
    forged = issue(site, CommandType.LOCK, params={"reason": "forged"}, key=pc_key)
    drop(site.share, "206", forged)
    ack = wait_ack(site.share, "206", forged["id"])
    assert ack["status"] == "rejected" and "bad signature" in ack["reason"]
    assert station.production.locked_reason is None


def test_a_revoked_pc_key_stops_counting(site, tmp_path, closing):
    station, writer = _journal_station(site, tmp_path)
    closing.append(station)
    view = site.admin.site_view
    view.ingest()
    member = site.admin.trust.state.member("206")
    session = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.trust.directory.append(make_op(
        "person:ana", session.signer, site.admin.trust.site_id, "pc.revoke",
        {"station": "206", "key_id": member.key_id, "reason": "PC stolen"},
        datetime.now(timezone.utc)))
    operator = station.auth.login("op", OPERATOR_PW).session
    station.production.register_box(operator, FORM)
    writer.sync()
    view.ingest()
    assert len(_site_records(site, "206")) == 3  # what came before stays; nothing new counts
    station.directory.refresh()
    assert "revoked" in station.trust.membership_problem()


# -- guessing passwords --------------------------------------------------------------------------


def test_forty_concurrent_guesses_get_no_more_than_the_threshold(site):
    add_user(site, "olga", Role.OPERATOR)
    auth = site.admin.auth
    threshold = auth.settings.lockout_threshold
    checked = []
    from utils import auth as auth_module

    real = auth_module.check_password

    def counting(password, hashed):
        checked.append(password)
        return real(password, hashed)

    auth_module.check_password = counting
    try:
        with ThreadPoolExecutor(max_workers=40) as pool:
            results = list(pool.map(lambda i: auth.login("olga", f"wrong-guess-{i}"), range(40)))
    finally:
        auth_module.check_password = real
    assert len(checked) <= threshold
    assert sum(r.failure == LoginFailure.LOCKED for r in results) >= 40 - threshold
    locked = auth.login("olga", OPERATOR_PW)  # the right password, too late
    assert not locked.ok and locked.failure == LoginFailure.LOCKED


@pytest.mark.parametrize("store_kind", ["folder", "memory"])
def test_guesses_spread_over_stations_add_up_site_wide(site, tmp_path, closing, store_kind):
    """Two wrong passwords on each of three stations (threshold 5): locked everywhere, over
    the shared folder's site store and over an in-memory one (the lockout needs only the
    store's port)."""
    add_user(site, "olga", Role.OPERATOR)
    stations = [site.station(tmp_path, str(n)) for n in (201, 202, 203)]
    closing.extend(stations)
    store = FolderSiteStore(site.share) if store_kind == "folder" else MemorySiteStore()
    shares = [LockoutShare(store, s.trust, s.database, s.clock) for s in stations]
    for station in stations:
        for attempt in range(2):
            assert not station.auth.login("olga", f"wrong-{attempt}").ok
    for share in shares:
        share.publish()
    for share in shares:
        share.take()
    for station in stations:
        result = station.auth.login("olga", OPERATOR_PW)
        assert not result.ok and result.failure == LoginFailure.LOCKED
    # A forged failures record (not signed by a certified PC) is not taken.
    store.publish_record(RecordKind.LOGIN_FAILURES, "204", document_bytes(pc_sign(
        SigningKeyPair.generate(), {
            "kind": "login_failures", "station": "204", "at": "x",
            "failures": {"ana": ["2026-01-01T00:00:00.000Z"] * 9}, "successes": {}})))
    assert [record.name for record in store.list_records(RecordKind.LOGIN_FAILURES)] == \
        ["201", "202", "203", "204"]
    assert shares[0].take() == 0
    assert stations[0].auth.login("ana", ADMIN_PW).ok


def test_a_production_pc_cannot_correct_another_stations_record_in_anyones_name(
        site, tmp_path, closing):
    """Station 206's owner writes, into 206's own (validly signed) journal, a "correction" of
    station 203's record claiming ana signed it: the view refuses that version."""
    from utils.audit.chain import Actor

    other, other_writer = _journal_station(site, tmp_path, "203", boxes=1)
    closing.append(other)
    station, writer = _journal_station(site, tmp_path, "206", boxes=0)
    closing.append(station)
    view = site.admin.site_view
    view.ingest()
    [original] = _site_records(site, "203")
    from data.view_schema import RECORD_FIELDS

    # A well-formed record in every field (an ill-formed one is not even read as a record).
    forged = {**{k: original[k] for k in RECORD_FIELDS},
              "station": "203", "version": original["version"] + 1, "status": "void",
              "reason": "forged void", "editor": "ana", "rejections": [],
              "signature": {"meaning": "void", "signed_by": "ana", "full_name": "Ana Admin",
                            "signed_at": "2026-12-01T08:00:00.000Z",
                            "key_id": site.admin.trust.state.person_key("ana").key_id,
                            "sig": "0" * 128}}
    station.changes.record(Actor("ana", "admin"), "record.void", entity="record",
                           entity_id=original["record_id"], after=forged, reason="forged void")
    writer.sync()
    view.ingest()
    assert [r["version"] for r in _site_records(site, "203")] == [original["version"]]
    assert "203's record" in view.anomalies()["206"]
    # The same void made by ana on her PC, signed with her key, is taken.
    session = site.admin.auth.login("ana", ADMIN_PW).session
    from utils.production import Meaning, Signature

    site.admin.production.void_record(session, original["record_id"], "duplicate box entered",
                                      signature=Signature(ADMIN_PW, Meaning.VOID))
    admin_writer = JournalWriter(site.admin.database,
                                 site_layout(site.share).station("office1").ensure(),
                                 site.admin.anchor, site.admin.trust.pc_key)
    admin_writer.sync()
    office2 = site.station(tmp_path, "office2", kind="office")
    closing.append(office2)
    office2.site_view.ingest()
    versions = _site_records(site, "203", office2)
    assert sorted((v["version"], v["status"]) for v in versions) == [
        (original["version"], original["status"]), (original["version"] + 1, "voided")]


def test_a_restored_copy_acts_for_the_station_only_after_a_person_confirms(site, tmp_path,
                                                                           closing):
    """The station's home is restored from an old backup on another machine after the
    original ran on: the session on the share is not the copy's last one, and stale. The copy
    waits; an admin confirms the takeover (audited) and it acts for the station."""
    restored = restored_copy(site, tmp_path, "206")
    closing.append(restored)
    copy = start_sync(restored, watch=False)
    closing.append(copy)
    assert copy.refusal and "confirms the takeover" in copy.refusal
    add_user(site, "sue", Role.SUPERVISOR)
    restored.directory.refresh()
    sue = restored.auth.login("sue", OPERATOR_PW).session
    copy.confirm_takeover(sue, "backup restored after the disk failed")
    assert copy.refusal is None
    from data import audit_repo

    with restored.database.read() as connection:
        assert audit_repo.list_events(connection, action="station.takeover")


def test_a_takeover_pc_publishes_its_own_journal_and_the_admin_sees_both(site, tmp_path,
                                                                          closing):
    """Station 206's PC is replaced (takeover with a reason) while the old PC's journal is on
    the share: the new PC's sync publishes its chain in a journal folder of its own (recorded
    in that chain), the fleet raises no "journal held back", and the admin's site view holds
    the old PC's records (the old journal stays readable, untouched) and the new PC's."""
    old, writer = _journal_station(site, tmp_path, "206", boxes=2)
    old.close()
    old_bytes = {p.name: p.read_bytes() for _n, p in list_segments(writer.station.journal)}
    home = tmp_path / "home-206-replacement"
    paths = resolve_paths(home).ensure()
    join_site_membership(paths, Settings(status_interval_ms=100, rescan_interval_ms=20),
                         site.share, PASSPHRASE, station_id="206",
                         takeover_reason="motherboard replaced")
    from utils.context import AppContext

    new = AppContext.open(home)
    closing.append(new)
    service = start_sync(new, watch=False)
    closing.append(service)
    operator = new.auth.login("op", OPERATOR_PW).session
    new.production.set_lot(operator, "L9", 10)
    new.production.register_box(operator, FORM)
    wait_until(lambda: service.journal.chain is not None
               and service.journal.last_exported_seq >= _head(new))
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    wait_until(lambda: any(v.station_id == "206" and v.liveness == Liveness.ONLINE
                           for v in fleet.poll()))
    assert not [v for v in fleet.poll() if v.station_id == "206"][0].journal_held
    site.admin.site_view.ingest()
    records = _site_records(site, "206")
    assert sorted(r["lot"] for r in records) == ["L1", "L1", "L9"]
    assert {p.name: p.read_bytes() for _n, p in list_segments(writer.station.journal)} \
        == old_bytes
    with new.database.read() as connection:
        from data import audit_repo

        [started] = audit_repo.list_events(connection, action="journal.chain_started")
    assert json.loads(started["body"])["after"]["folder"] == service.journal.folder.name


def _head(ctx) -> int:
    with ctx.database.read() as connection:
        return connection.exec_driver_sql("SELECT max(seq) FROM audit_events").scalar()
