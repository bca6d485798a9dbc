"""Sealed journals: the writer seals every exported batch; the site view takes events only in
sealed runs, never moves past the last seal, stops at the first bad seal (a forged one, or a
station that is not a member, said apart) and records it; verify calls events after the last
seal "not yet sealed", not tampering."""

from __future__ import annotations

import json

import pytest

from config.constants import Role
from data import view_repo
from models.canonical import canonical_bytes
from utils.site.journal import JournalWriter, seal_payload
from utils.site.journal_read import list_segments
from utils.site.seals import NotMember, pc_seal_check
from utils.site.site_view import SiteView

from tests.utils.site.sitekit import ADMIN_PW

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}


@pytest.fixture
def setup(site, tmp_path):
    station = site.station(tmp_path, "206")
    admin_session = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin_session, "op", "Op", Role.OPERATOR, "Initial-Pass-1",
                                "operator for machine 206")
    station.directory.refresh()
    operator = station.auth.login("op", "Initial-Pass-1").session
    station.production.set_lot(operator, "L1", 100)
    writer = JournalWriter(station.database,
                           _layout(site).station("206").ensure(), station.anchor,
                           station.trust.pc_key)
    yield site, station, operator, writer
    station.close()


def _layout(site):
    from utils.site.layout import SiteLayout

    return SiteLayout(site.share)


def _lines(writer) -> list[dict]:
    return [json.loads(line) for _, path in list_segments(writer.station.journal)
            for line in path.read_bytes().splitlines()]


def _register(station, operator, count):
    return [station.production.register_box(operator, FORM) for _ in range(count)]


def _source(view, station="206"):
    with view.database.read() as connection:
        return view_repo.source(connection, station)


def test_each_exported_batch_ends_with_a_seal_of_its_last_event(setup):
    site, station, operator, writer = setup
    _register(station, operator, 3)
    writer.sync()
    _register(station, operator, 2)
    writer.sync()
    lines = _lines(writer)
    seals = [line for line in lines if line["kind"] == "seal"]
    assert len(seals) == 2
    for seal in seals:
        before = lines[lines.index(seal) - 1]
        assert before["kind"] == "event"
        assert (seal["station"], seal["seq"], seal["hash"]) == ("206", before["seq"], before["hash"])
        assert set(seal) == {"kind", "station", "seq", "hash", "ts", "key_id", "sig"}
        assert seal["key_id"] == station.trust.pc_key.key_id
        unsigned = {k: v for k, v in seal.items() if k != "sig"}
        assert unsigned == seal_payload("206", seal["seq"], seal["hash"], seal["ts"],
                                        seal["key_id"])
        assert station.trust.pc_key.public.verify(unsigned, seal["sig"])
        assert pc_seal_check(site.admin.trust)("206", seal) is None


def test_events_after_the_last_seal_wait_and_the_position_stays_at_the_seal(setup):
    site, station, operator, writer = setup
    view = site.admin.site_view
    _register(station, operator, 3)
    writer.sync()
    path = list_segments(writer.station.journal)[-1][1]
    sealed_size = path.stat().st_size
    # The next batch's events are on the share, its seal not yet (written, or appended by
    # someone without the key).
    _register(station, operator, 2)
    writer.sync()
    data = path.read_bytes()
    tail_seal = data[data.rstrip(b"\n").rfind(b"\n") + 1:]
    path.write_bytes(data[:len(data) - len(tail_seal)])

    [report] = view.ingest()
    assert report.broken_seq is None and report.unsealed == 2
    source = _source(view)
    assert (source["offset"], source["events"]) == (sealed_size, source["last_seq"])
    with view.database.read() as connection:
        taken = view_repo.count_events(connection, station="206")
    assert taken == source["last_seq"]
    result = view.verify_station("206")
    assert result.ok and result.unsealed == 2 and "not yet sealed" in result.detail

    with open(path, "ab") as handle:  # the seal arrives
        handle.write(tail_seal)
    [report] = view.ingest()
    assert report.ingested == 2 and report.unsealed == 0
    assert _source(view)["offset"] == path.stat().st_size


def test_an_old_unsealed_journal_is_sealed_by_the_upgraded_writer(setup):
    site, station, operator, writer = setup
    _register(station, operator, 4)
    writer.sync()
    path = list_segments(writer.station.journal)[-1][1]
    # A journal as the previous release wrote it: events only.
    path.write_bytes(b"".join(line + b"\n" for line in path.read_bytes().splitlines()
                              if b'"kind":"seal"' not in line))
    view = site.admin.site_view
    [report] = view.ingest()
    assert report.ingested == 0 and report.unsealed > 0

    fresh = JournalWriter(station.database, writer.station, station.anchor, station.trust.pc_key)
    assert fresh.sync() == 0  # nothing new to export, but the tail is sealed now
    assert _lines(fresh)[-1]["kind"] == "seal"
    [report] = view.ingest()
    assert report.broken_seq is None and report.unsealed == 0 and report.ingested > 0
    assert view.verify_station("206").ok


def test_a_forged_seal_stops_ingestion_and_is_recorded(setup):
    site, station, operator, writer = setup
    view = site.admin.site_view
    _register(station, operator, 2)
    writer.sync()
    [report] = view.ingest()
    taken = report.ingested
    _register(station, operator, 2)
    writer.sync()
    path = list_segments(writer.station.journal)[-1][1]
    lines = path.read_bytes().splitlines()
    seal = json.loads(lines[-1])
    seal["sig"] = "0" * 64  # made without the key
    lines[-1] = canonical_bytes(seal)
    path.write_bytes(b"\n".join(lines) + b"\n")

    [report] = view.ingest()
    assert report.ingested == 0 and report.broken_kind == "forged"
    assert report.broken_seq == taken + 1  # the first event the bad seal was to vouch for
    source = _source(view)
    assert (source["broken_seq"], source["broken_kind"]) == (taken + 1, "forged")
    # The fleet's alarm source names it (the admin sees it, not only the log).
    assert view.anomalies()["206"].startswith(f"journal broken at event {taken + 1} (forged)")
    assert "does not verify" in source["broken_detail"]
    assert source["events"] == taken
    # Stopped for good: a later good batch is not taken either (the break stays visible).
    _register(station, operator, 1)
    writer.sync()
    [report] = view.ingest()
    assert report.ingested == 0 and report.broken_seq == taken + 1
    result = view.verify_station("206")
    assert not result.ok and result.kind == "forged" and result.first_bad_seq == taken + 1


def test_a_station_that_is_not_a_member_is_told_apart_from_a_forgery(setup):
    site, station, operator, writer = setup
    _register(station, operator, 2)
    writer.sync()

    def not_members(station_id, seal):
        return NotMember(f"station {station_id} has no certificate of this site")

    view = SiteView(site.admin, seal_ok=not_members)
    try:
        [report] = view.ingest()
        assert report.ingested == 0 and report.broken_kind == "not_a_member"
        result = view.verify_station("206")
        assert not result.ok and result.kind == "not_a_member"
        assert "no certificate" in result.detail
    finally:
        view.close()


def test_a_seal_of_another_station_in_this_journal_is_refused(setup, tmp_path):
    site, station, operator, writer = setup
    _register(station, operator, 2)
    writer.sync()
    path = list_segments(writer.station.journal)[-1][1]
    lines = path.read_bytes().splitlines()
    seal = json.loads(lines[-1])
    unsigned = {**{k: v for k, v in seal.items() if k != "sig"}, "station": "207"}
    lines[-1] = canonical_bytes({**unsigned, "sig": station.trust.pc_key.sign(unsigned)})
    path.write_bytes(b"\n".join(lines) + b"\n")
    [report] = site.admin.site_view.ingest()
    assert report.broken_kind == "forged" and report.ingested == 0


def _resign(path, predicate, sig="0" * 64):
    """Spoil the signature of the seal lines `predicate` picks (their place stays right)."""
    lines = path.read_bytes().splitlines()
    seals = [i for i, line in enumerate(lines) if b'"kind":"seal"' in line]
    for index in predicate(seals):
        seal = json.loads(lines[index])
        seal["sig"] = sig
        lines[index] = canonical_bytes(seal)
    path.write_bytes(b"\n".join(lines) + b"\n")


def test_catching_up_and_verify_check_anchor_seals_and_a_stopped_journal_every_seal(setup):
    """A seal per event, as a running station writes them: a spoiled seal in the middle does
    not keep out the events the next good seal vouches for (the hash chain binds them), and
    verify, which checks anchor seals (here the last), does not name it either (the trade-off
    test_verify_anchors.py shows); a spoiled last seal keeps out only what it alone covers,
    and once ingestion stopped at it, verify checks every seal and names the first bad one."""
    site, station, operator, _writer = setup
    writer = JournalWriter(station.database, _layout(site).station("206"), station.anchor,
                           station.trust.pc_key, seal_every=1)
    _register(station, operator, 6)
    writer.sync()
    path = list_segments(writer.station.journal)[-1][1]
    total = writer.last_exported_seq
    _resign(path, lambda seals: [seals[2]])  # the third event's seal
    view = site.admin.site_view
    [report] = view.ingest()
    assert report.broken_seq is None and report.ingested == total
    result = view.verify_station("206")
    assert result.ok and result.events_checked == total

    _register(station, operator, 3)
    writer.sync()
    _resign(path, lambda seals: [seals[-1]])  # the newest seal
    [report] = view.ingest()
    assert report.ingested == 2 and report.broken_seq == writer.last_exported_seq
    assert report.broken_kind == "forged"
    result = view.verify_station("206")
    assert not result.ok and result.kind == "forged" and result.first_bad_seq == 3
