"""A station's journal segment put back to an older, genuinely signed copy of itself by a share
writer (a rollback): the station notices before it appends again (or on an idle pass),
publishes its missing events again after the real end, and every PC's site view takes up
after the last event it took, with every record and no broken journal. Before, the station
appended after the old tail, the view read half a line at its old position and dropped the
station for good."""

from __future__ import annotations

import os

import pytest

from data import view_repo
from data.records_repo import RecordFilter
from models.canonical import canonical_json
from utils.clock import ManualClock
from utils.site.journal import IDLE_SIZE_CHECK_S, JournalWriter, seal_line, seal_payload
from utils.site.layout import SiteLayout

from tests.utils.site import test_journal, test_view_follower
from tests.utils.site.test_view_follower import FORM

plant = test_view_follower.plant
rotation_setup = test_journal.setup  # a station whose writer rotates small segments, and a view


def _records(view, station_id: str) -> int:
    with view.database.read() as connection:
        return view_repo.count_records(connection, RecordFilter(station_id=station_id))


def _boxes(ctx, session, writer, count: int) -> None:
    for _ in range(count):
        ctx.production.register_box(session, FORM)
    while writer.sync():
        pass


def _segment(site, station_id: str):
    return sorted(SiteLayout(site.share).station(station_id).journal.glob("*.jsonl"))[-1]


def _roll_back(segment, old: bytes, tmp_path) -> None:
    """What a share writer does: an older copy of the segment put in its place."""
    copy = tmp_path / "old-copy"
    copy.write_bytes(old)
    os.replace(copy, segment)


def test_a_rolled_back_segment_is_published_again_and_every_view_takes_it_up(plant, tmp_path,
                                                                            caplog):
    site, stations, writers, operators = plant
    ctx, session, writer = stations["206"], operators["206"], writers["206"]
    view = site.admin.site_view
    _boxes(ctx, session, writer, 2)
    segment = _segment(site, "206")
    old = segment.read_bytes()
    _boxes(ctx, session, writer, 3)
    view.ingest_station("206")
    assert _records(view, "206") == 5
    _roll_back(segment, old, tmp_path)
    caplog.set_level("WARNING", logger="utils.site.journal")
    _boxes(ctx, session, writer, 2)
    assert any("publishing again from where it really ends" in r.getMessage()
               for r in caplog.records)
    report = view.ingest_station("206")
    assert report.broken_seq is None, report
    assert _records(view, "206") == 7
    results = {r.station: r for r in view.verify_site()}
    assert results["206"].ok, results["206"]


def test_an_idle_station_mends_a_rolled_back_segment_within_its_idle_check(plant, tmp_path):
    """With nothing new to export, the writer looks at its segment every IDLE_SIZE_CHECK_S
    (idle passes in between touch no file) and then publishes the missing events again."""
    site, stations, _writers, operators = plant
    ctx, session = stations["206"], operators["206"]
    clock = ManualClock()
    writer = JournalWriter(ctx.database, SiteLayout(site.share).station("206").ensure(),
                           ctx.anchor, ctx.trust.pc_key, clock=clock)
    _boxes(ctx, session, writer, 2)
    segment = _segment(site, "206")
    old = segment.read_bytes()
    _boxes(ctx, session, writer, 3)
    whole = segment.read_bytes()
    _roll_back(segment, old, tmp_path)
    assert writer.sync() == 0  # an idle pass soon after the last write: not looked at yet
    clock.advance(seconds=IDLE_SIZE_CHECK_S)
    assert writer.sync() > 0  # nothing new: the events missing from the share, again
    view = site.admin.site_view  # a PC that had read nothing of it finds every event
    assert view.ingest_station("206").broken_seq is None
    assert _records(view, "206") == 5
    events = [line for line in whole.splitlines() if b'"kind":"event"' in line]
    mended = segment.read_bytes()
    assert all(line in mended for line in events)  # the same event lines, sealed again


def test_another_stations_segment_put_in_place_is_set_aside_and_the_chain_published_again(
        plant, tmp_path):
    """A share writer swaps station 206's segment for 207's (validly sealed, by 207): 206 never
    appends to it, moves it to its quarantine and publishes its own chain again in its journal
    folder (no chain folder of its own, no "takeover"); every view takes it up whole."""
    from utils.site.journal_export import JournalExport  # the export's handling of a refusal
    from utils.site.share_health import ShareHealth

    site, stations, writers, operators = plant
    ctx, session, writer = stations["206"], operators["206"], writers["206"]
    _boxes(stations["207"], operators["207"], writers["207"], 1)
    _boxes(ctx, session, writer, 3)
    view = site.admin.site_view
    view.ingest_station("206")
    _roll_back(_segment(site, "206"), _segment(site, "207").read_bytes(), tmp_path)
    ctx.production.register_box(session, FORM)
    health = ShareHealth(ctx.clock, {"share_errors": 0})
    export = JournalExport(database=ctx.database, anchor=ctx.anchor, store=ctx.site_store,
                           station_id="206", trust=ctx.trust, changes=ctx.changes,
                           health=health, stopping=lambda: False, state_changed=lambda: None)
    export.export()  # refused: set aside
    export.export()  # published again
    assert health.online
    layout = SiteLayout(site.share).station("206")
    assert [p.name for p in layout.folder.glob("journal*")] == ["journal"]
    assert (site.share / "quarantine" / "206" / "00000001.jsonl").exists()
    assert view.ingest_station("206").broken_seq is None
    assert _records(view, "206") == 4
    results = {r.station: r for r in view.verify_site()}
    assert results["206"].ok, results["206"]


def test_a_normal_rotation_is_no_rewrite(rotation_setup, caplog, monkeypatch):
    """The view stopped at the end of a full segment and the writer rotated: the next segment's
    header is what follows, read on from the view's place (never the old segment again from
    its start, never said as "rewritten")."""
    from utils.site import journal_resume
    from utils.site.journal_read import list_segments
    from tests.utils.site.test_journal import register

    _site, station, operator, writer, view = rotation_setup
    reads: list[tuple[int, int]] = []
    real = journal_resume.resume

    def counted(read, segment, offset, last_seq, last_hash):
        def reading(seg, off):
            reads.append((seg, off))
            return read(seg, off)
        return real(reading, segment, offset, last_seq, last_hash)

    monkeypatch.setattr("utils.site.site_ingest.resume", counted)
    while len(list_segments(writer.station.journal)) < 2:  # the view reads after each box
        register(station, operator, 1)
        writer.sync()
        if len(list_segments(writer.station.journal)) < 2:
            view.ingest()
    reads.clear()
    caplog.set_level("INFO", logger="utils.site.journal_resume")
    view.ingest()
    assert (1, 0) not in reads, reads
    assert not [r for r in caplog.records if r.name == "utils.site.journal_resume"]
    report = view.ingest_station(station.station_id)
    assert report.broken_seq is None


def _forged_seal(stations, forged: dict, how: str) -> bytes:
    """A seal line over the forged event: none, a made-up signature, or signed by a key that
    is real but not station 206's (station 207's PC key)."""
    if how == "no seal":
        return b""
    payload = seal_payload("206", forged["seq"], forged["hash"], "2026-12-05T08:00:00Z",
                           stations["206"].trust.pc_key.key_id)
    if how == "made-up signature":
        return canonical_json({**payload, "sig": "ab" * 64}).encode() + b"\n"
    return seal_line(stations["207"].trust.pc_key, "206", forged["seq"],
                     bytes.fromhex(forged["hash"]), payload["ts"])


@pytest.mark.parametrize("how", ["no seal", "made-up signature", "another station's key"])
def test_a_line_forged_after_the_journal_is_cut_not_taken_as_another_copy(plant, how):
    """A share writer appends a well-formed event line (a later seq) to a station's segment,
    with or without a seal line it cannot really sign. The station notices at its next
    append, cuts what no seal of its own key covers and goes on; before, the line made its
    chain look like another copy's, and it held its export back (JournalNotOurs) until a
    person stepped in (with a forged seal line after it, still after the first fix)."""
    site, stations, writers, operators = plant
    ctx, session, writer = stations["206"], operators["206"], writers["206"]
    _boxes(ctx, session, writer, 2)
    segment = _segment(site, "206")
    forged = {"kind": "event", "seq": writer.last_exported_seq + 5, "prev": "0" * 64,
              "hash": "1" * 64, "key_id": "x", "mac": "00", "body": "{}"}
    with open(segment, "ab") as handle:
        handle.write(canonical_json(forged).encode() + b"\n" + _forged_seal(stations, forged, how))
    _boxes(ctx, session, writer, 1)  # raised JournalNotOurs before
    assert b"1" * 64 not in segment.read_bytes()
    view = site.admin.site_view
    assert view.ingest_station("206").broken_seq is None
    assert _records(view, "206") == 3
