"""Issue 13, points 3 and 4, attacked on a tmp_path share with real sync threads: links of
every kind where the station reads, writes, appends and moves, FIFOs, and JSON nested or sized
to exhaust a parser, in every place a PC reads from the share. Nothing is followed, nothing
outside the share changes, nothing raises, and the PC carries on."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import pytest

from config.constants import CommandType, Role
from utils.audit.chain import Actor
from utils.site.folder_transport import FolderTransport
from utils.site.fleet import FleetMonitor
from utils.site.share_files import ReadState, read_json_file
from utils.site.signed import document_bytes

from tests.utils.site.sitekit import (
    add_user, certified_pc_key, command_actions, drop, issue, person_signer, read_ack,
    site_layout, start_sync, wait_ack, wait_until,
)

pytestmark = pytest.mark.skipif(os.name == "nt" or not hasattr(os, "symlink"),
                                reason="POSIX links and FIFOs")

DEEP = 100_000
# Both shapes, 2,000 deep (json.loads raises RecursionError from about 1,100 levels; this fits
# every kind's size limit, so the depth bound is what refuses it) and 100,000 deep (refused by
# the size limit where a kind's is small, by depth elsewhere).
SHAPES = [("[", 2_000), ("{", 2_000), ("[", DEEP), ("{", DEEP)]
BOUNDED = ("deeper than 64 levels", "more than the")


def bounded(text: str) -> bool:
    return any(reason in text for reason in BOUNDED)


def nested(kind: str, depth: int = DEEP) -> bytes:
    """`[[[[...]]]]` or `{"a":{"a":...}}`, `depth` levels."""
    if kind == "[":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth



@pytest.fixture
def private(tmp_path) -> Path:
    """A private folder of the station PC (outside the share) holding a genuine-looking
    command: if the station ever followed a link into it, it would run it."""
    folder = tmp_path / "station-pc-private"
    folder.mkdir()
    (folder / "payroll.json").write_bytes(b'{"salary": 1}')
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(folder.rglob("*"))}


def refusal_lines(caplog, path: Path) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno >= logging.WARNING and str(path) in r.getMessage()]


def heartbeats_pass(service, count: int = 5) -> None:
    start = service.counters["heartbeats"]
    wait_until(lambda: service.counters["heartbeats"] >= start + count)


def loop_turns(service, count: int = 20) -> None:
    """The sync loop came round `count` more times (whether the share is usable or not)."""
    seen = [service.scheduler.loop_beat]
    turns = [0]

    def moved() -> bool:
        if service.scheduler.loop_beat != seen[0]:
            seen[0] = service.scheduler.loop_beat
            turns[0] += 1
        return turns[0] >= count

    wait_until(moved, timeout=20, step=0.005)


# -- links -----------------------------------------------------------------------------------


def test_an_inbox_linked_to_a_private_folder_is_never_entered(site, tmp_path, closing,
                                                               private, caplog):
    station = site.station(tmp_path, "206")
    closing.append(station)
    planted = issue(site, CommandType.LOCK, params={"reason": "through the link"})
    (private / f"{planted['id']}.json").write_bytes(document_bytes(planted))
    before = snapshot(private)
    inbox = site_layout(site.share).station("206").inbox
    inbox.parent.mkdir(parents=True)
    os.symlink(private, inbox)
    caplog.set_level(logging.WARNING)
    service = start_sync(station)
    closing.append(service)
    heartbeats_pass(service)
    # The link itself went to the quarantine; a real inbox took its place, and works.
    moved = site_layout(site.share).quarantine("206") / "inbox"
    assert os.path.islink(moved) and os.readlink(moved) == str(private)
    assert inbox.is_dir() and not inbox.is_symlink()
    ping = issue(site, CommandType.PING)
    drop(site.share, "206", ping)
    assert wait_ack(site.share, "206", ping["id"])["status"] == "done"
    # Nothing of the private folder was moved, deleted, changed or executed.
    assert snapshot(private) == before
    assert read_ack(site.share, "206", planted["id"]) is None
    assert command_actions(station, planted["id"]) == []
    assert station.production.locked_reason is None
    assert len(refusal_lines(caplog, inbox)) == 1  # one line, not one per rescan


def test_a_linked_inbox_that_cannot_be_moved_is_neither_read_nor_watched(site, tmp_path, closing,
                                                                        private, caplog):
    """The quarantine is a link too: the inbox stays a link. The station keeps its heartbeat,
    reads nothing through it, starts no watcher on it, and says so once."""
    station = site.station(tmp_path, "206")
    closing.append(station)
    planted = issue(site, CommandType.LOCK, params={"reason": "through the link"})
    (private / f"{planted['id']}.json").write_bytes(document_bytes(planted))
    before = snapshot(private)
    elsewhere = tmp_path / "another-local-folder"
    elsewhere.mkdir()
    os.symlink(elsewhere, site.share / "quarantine")
    inbox = site_layout(site.share).station("206").inbox
    inbox.parent.mkdir(parents=True)
    os.symlink(private, inbox)
    caplog.set_level(logging.WARNING)
    service = start_sync(station)
    closing.append(service)
    heartbeats_pass(service, 10)
    assert service.share_state().online  # the heartbeat does not depend on the inbox
    assert service.scheduler.observer is None  # no watcher through a link
    assert snapshot(private) == before and list(elsewhere.iterdir()) == []
    assert command_actions(station, planted["id"]) == []
    assert len(refusal_lines(caplog, inbox)) == 1
    assert len(refusal_lines(caplog, site.share / "quarantine")) == 1


@pytest.mark.parametrize("how", ["symlink", "hard link"])
def test_a_journal_segment_linked_to_a_home_file_is_never_appended_to(site, tmp_path, closing,
                                                                      how):
    home = tmp_path / "station-account-home"
    home.mkdir()
    bashrc = home / ".bashrc"
    original = b"# ~/.bashrc: executed by bash for non-login shells\n"
    bashrc.write_bytes(original)
    station = site.station(tmp_path, "206")
    closing.append(station)
    journal = site_layout(site.share).station("206").journal
    journal.mkdir(parents=True)
    segment = journal / "00000001.jsonl"
    plant = os.symlink if how == "symlink" else os.link
    plant(bashrc, segment)
    station.changes.record(Actor.system(), "test.before_start", entity="test")
    service = start_sync(station)
    closing.append(service)
    # At start: the planted segment is moved aside (the entry itself), the journal written
    # into a real segment from the first event.
    wait_until(lambda: service.journal.last_exported_seq >= 1 and not segment.is_symlink()
               and segment.stat().st_nlink == 1)
    quarantined = site_layout(site.share).quarantine("206") / "00000001.jsonl"
    assert os.path.lexists(quarantined)
    assert bashrc.read_bytes() == original
    # While running: the current segment swapped for a link; the next events go elsewhere.
    os.rename(segment, tmp_path / "real-segment-aside")
    plant(bashrc, segment)
    exported = service.journal.last_exported_seq
    event = station.changes.record(Actor.system(), "test.after_swap", entity="test")
    wait_until(lambda: service.journal.last_exported_seq >= event.seq > exported)
    assert bashrc.read_bytes() == original
    assert not segment.is_symlink() and segment.stat().st_nlink == 1
    assert b"test.after_swap" in segment.read_bytes()


@pytest.mark.parametrize("linked", ["quarantine", "quarantine/206"])
def test_a_quarantine_linked_to_a_local_folder_gets_nothing(site, tmp_path, closing, linked):
    local = tmp_path / "station-local-folder"
    local.mkdir()
    (site.share / linked).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(local, site.share / linked)
    station = site.station(tmp_path, "206")
    closing.append(station)
    service = start_sync(station)
    closing.append(service)
    forged = issue(site, CommandType.LOCK, params={"reason": "forged"})
    forged["params"]["reason"] = "altered after signing"
    path = drop(site.share, "206", forged)
    ack = wait_ack(site.share, "206", forged["id"])
    assert ack["status"] == "rejected" and "bad signature" in ack["reason"]
    wait_until(lambda: not path.exists())  # out of the inbox all the same (deleted)
    assert list(local.iterdir()) == []
    assert station.production.locked_reason is None


def test_an_inbox_linked_to_another_stations_inbox_does_not_consume_its_commands(
        site, tmp_path, closing):
    s206, s207 = site.station(tmp_path, "206"), site.station(tmp_path, "207")
    closing.extend([s206, s207])
    layout = site_layout(site.share)
    layout.station("206").inbox.mkdir(parents=True)
    layout.station("207").folder.mkdir(parents=True)
    os.symlink(Path("..") / "206" / "inbox", layout.station("207").inbox)  # a relative link
    pings = [issue(site, CommandType.PING) for _ in range(3)]
    for ping in pings:
        drop(site.share, "206", ping)
    service207 = start_sync(s207)
    closing.append(service207)
    heartbeats_pass(service207)
    for ping in pings:  # 207 never looked inside 206's inbox
        assert (layout.station("206").inbox / f"{ping['id']}.json").exists()
        assert command_actions(s207, ping["id"]) == []
    service206 = start_sync(s206)
    closing.append(service206)
    for ping in pings:
        ack = wait_ack(site.share, "206", ping["id"])
        assert ack["status"] == "done" and ack["station"] == "206"
        assert read_ack(site.share, "207", ping["id"]) is None
        assert command_actions(s207, ping["id"]) == []


def test_a_linked_stations_folder_is_not_entered_and_the_station_carries_on(site, tmp_path,
                                                                           closing, private,
                                                                           caplog):
    planted_inbox = private / "206" / "inbox"
    planted_inbox.mkdir(parents=True)
    planted = issue(site, CommandType.LOCK, params={"reason": "through stations/"})
    (planted_inbox / f"{planted['id']}.json").write_bytes(document_bytes(planted))
    before = snapshot(private)
    stations = site.share / "stations"
    os.rename(stations, site.share / "stations.real")
    os.symlink(private, stations)
    station = site.station(tmp_path, "206")
    closing.append(station)
    caplog.set_level(logging.WARNING)
    service = start_sync(station)
    closing.append(service)
    loop_turns(service)
    assert not service.share_state().online  # it cannot publish, and says so
    assert snapshot(private) == before
    assert command_actions(station, planted["id"]) == []
    lines = refusal_lines(caplog, stations)  # the refusal, and going "offline" (once each)
    assert len([line for line in lines if line.startswith("Shared folder: refused")]) == 1
    assert len(lines) == 2 and "Production continues locally" in lines[1]
    # The admin side does not follow it either.
    assert site.admin.site_view.ingest() == []
    assert FleetMonitor(site.admin, transport=FolderTransport(site.share)).poll() == []


def test_a_linked_station_folder_is_moved_aside_and_made_again(site, tmp_path, closing, private):
    planted_inbox = private / "inbox"
    planted_inbox.mkdir()
    planted = issue(site, CommandType.LOCK, params={"reason": "through the station folder"})
    (planted_inbox / f"{planted['id']}.json").write_bytes(document_bytes(planted))
    before = snapshot(private)
    folder = site_layout(site.share).station("206").folder
    os.symlink(private, folder)
    station = site.station(tmp_path, "206")
    closing.append(station)
    service = start_sync(station)
    closing.append(service)
    heartbeats_pass(service)
    assert folder.is_dir() and not folder.is_symlink()
    assert os.path.islink(site_layout(site.share).quarantine("206") / "206")
    ping = issue(site, CommandType.PING)
    drop(site.share, "206", ping)
    assert wait_ack(site.share, "206", ping["id"])["status"] == "done"
    assert snapshot(private) == before and command_actions(station, planted["id"]) == []


def test_a_linked_directory_log_brings_in_no_account(site, tmp_path, closing, private):
    """The site directory's folder replaced by a link to a private folder holding an entry
    that would add an admin: the link is not followed, nothing of it is read."""
    log_folder = site.share / "directory" / "log"
    for entry in log_folder.iterdir():
        (private / entry.name).write_bytes(entry.read_bytes())
    (private / "99999999.json").write_text('{"kind": "dirlog", "op": "mallory"}')
    before = snapshot(private)
    station = site.station(tmp_path, "206")  # joins while the folder is real
    closing.append(station)
    os.rename(log_folder, log_folder.with_name("log.real"))
    os.symlink(private, log_folder)
    with pytest.raises(OSError):
        station.directory.refresh()  # refused: said, nothing taken
    assert "mallory" not in station.trust.state.users
    service = start_sync(station)
    closing.append(service)
    command = issue(site, CommandType.LOCK, params={"reason": "by mallory"}, issued_by="mallory",
                    key=person_signer(site, "ana"))
    drop(site.share, "206", command)
    ack = wait_ack(site.share, "206", command["id"])
    assert ack["status"] == "rejected" and "mallory is not an active user" in ack["reason"]
    assert snapshot(private) == before


# -- FIFOs -----------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_as_a_status_file_blocks_nobody(site):
    folder = site_layout(site.share).station("206").folder
    folder.mkdir(parents=True)
    os.mkfifo(folder / "status.json")
    os.mkfifo(folder / "death.json")
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    done = threading.Event()
    views = []
    poller = threading.Thread(target=lambda: (views.extend(fleet.poll()), done.set()),
                              name="fifo-poll")
    poller.start()
    assert done.wait(5), "polling a FIFO status blocked"
    poller.join()
    assert views[0].station_id == "206" and views[0].status is None
    assert "stations/206/status.json" in views[0].problem and "FIFO" in views[0].problem


# -- parsers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind,depth", SHAPES)
def test_a_deep_directory_entry_stops_no_refresh(site, tmp_path, closing, kind, depth, caplog):
    """A deeply nested file as the site directory's next entry: refused (quarantined, one
    line), the directory and the catalog stay as they were, the next real entry is taken."""
    station = site.station(tmp_path, "206")
    closing.append(station)
    head = station.trust.state.head_seq
    deep = site.share / "directory" / "log" / f"{head + 1:08d}.json"
    deep.write_bytes(nested(kind, depth))
    caplog.set_level(logging.WARNING)
    report = station.directory.refresh()
    assert report.refused and bounded(report.refused[0])
    assert station.trust.state.head_seq == head and station.site_catalog.refresh() is None
    station.directory.refresh()
    lines = [r.getMessage() for r in caplog.records if f"entry {head + 1}" in r.getMessage()]
    assert len(lines) == 1 and bounded(lines[0])
    add_user(site, "olga", Role.OPERATOR)
    assert station.directory.refresh().taken == ["olga"]


@pytest.mark.parametrize("kind,depth", SHAPES)
def test_a_deep_command_is_rejected_at_once_and_the_next_one_runs(site, tmp_path, closing, kind,
                                                                  depth):
    station = site.station(tmp_path, "206")
    closing.append(station)
    service = start_sync(station)
    closing.append(service)
    deep_id = "ab" * 16
    drop(site.share, "206", nested(kind, depth), name=f"{deep_id}.json")
    ack = wait_ack(site.share, "206", deep_id)
    assert ack["status"] == "rejected" and bounded(ack["reason"])
    quarantined = site_layout(site.share).quarantine("206") / f"{deep_id}.json"
    assert bounded(quarantined.with_name(quarantined.name + ".reason").read_text())
    ping = issue(site, CommandType.PING)
    drop(site.share, "206", ping)
    assert wait_ack(site.share, "206", ping["id"])["status"] == "done"


@pytest.mark.parametrize("kind,depth", SHAPES)
def test_deep_status_checkpoint_ack_and_journal_line_are_named_not_raised(site, kind, depth):
    layout = site_layout(site.share)
    certified_pc_key(site, "207")  # a member: its files are read (within bounds)
    other = layout.station("207")
    other.journal.mkdir(parents=True)
    other.acks.mkdir()
    other.status.write_bytes(nested(kind, depth))
    other.checkpoint.write_bytes(nested(kind, depth))
    header = (b'{"anchor":"x","kind":"header","segment":1,"station":"207","v":1}\n')
    (other.journal / "00000001.jsonl").write_bytes(header + nested(kind, depth) + b"\n")
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    views = {view.station_id: view for view in fleet.poll()}
    assert "stations/207/status.json" in views["207"].problem
    assert bounded(views["207"].problem)
    # An ack nested to the hilt for a command the admin sent: not an outcome, no crash.
    session = site.admin.auth.login("ana", "Quarry-Lantern-42").session
    sent = fleet.send(session, CommandType.PING, ["207"])[0]
    (other.acks / f"{sent['id']}.json").write_bytes(nested(kind, depth))
    assert fleet.track() == []
    view = site.admin.site_view
    view.ingest()
    assert view.witness_checkpoint("207") is None
    result = view.verify_station("207")
    assert not result.ok
    assert "stations/207/journal/00000001.jsonl" in result.detail
    assert bounded(result.detail)
    assert "stations/207/checkpoint.json" in result.detail


def test_a_deep_sealed_event_body_is_read_within_bounds_without_raising(site, tmp_path, closing):
    """A line whose hash link holds (anyone can compute a SHA-256) and whose body is nested
    beyond the bounds, sealed by the station's own PC (its owner could): the body is read
    within the bounds and refused as unreadable: the event (no time, no action) is refused as
    the station's anomaly, nothing raises, and verify does not raise either."""
    import hashlib
    import json

    from utils.audit.chain import genesis_hash
    from utils.site.journal import seal_line

    key = certified_pc_key(site, "207")
    other = site_layout(site.share).station("207")
    other.journal.mkdir(parents=True)
    body = "[" * DEEP + "]" * DEEP
    prev = genesis_hash("anchor-207", "207")
    digest = hashlib.sha256(prev + body.encode()).digest()
    lines = [json.dumps({"kind": "header", "v": 2, "station": "207", "anchor": "anchor-207",
                         "segment": 1}),
             json.dumps({"kind": "event", "seq": 1, "prev": prev.hex(), "hash": digest.hex(),
                         "key_id": "nobody", "mac": "00", "body": body})]
    (other.journal / "00000001.jsonl").write_bytes(
        ("\n".join(lines) + "\n").encode() + seal_line(key, "207", 1, digest,
                                                        "2026-12-01T00:00:00.000Z"))
    view = site.admin.site_view
    report = next(r for r in view.ingest() if r.station == "207")
    assert (report.ingested, report.records, report.broken_seq) == (0, 0, None)
    assert view.anomalies()["207"].startswith("event 1 refused: ")
    assert view.verify_station("207").station == "207"


def test_a_deep_local_witness_file_and_site_file_are_refused_cleanly(site, tmp_path):
    from utils.site.site_key import SiteError, read_site

    site.admin.paths.checkpoint_file.write_bytes(nested("["))
    results = site.admin.verify_audit()  # the witness is unreadable: logged, not raised
    assert all(result.ok for result in results)
    site_file = site_layout(site.share).site_file
    site_file.write_bytes(nested("{", 2_000))
    with pytest.raises(SiteError) as refused:
        read_site(site.share)
    assert refused.value.code == "bad_site_file" and "deeper than 64" in str(refused.value)


def test_fifty_megabytes_and_a_million_keys_are_refused_quickly(site, tmp_path):
    layout = site_layout(site.share)
    certified_pc_key(site, "207")
    big = site.share / "directory" / "log" / f"{site.admin.trust.state.head_seq + 1:08d}.json"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    million = layout.station("207").status
    million.parent.mkdir(parents=True)
    million.write_bytes(b"{" + b",".join(b'"k%d":0' % i for i in range(1_000_000)) + b"}")
    started = time.perf_counter()
    assert read_json_file(big, max_bytes=16 * 1024, share=layout.fs).state == ReadState.TOO_LARGE
    report = site.admin.directory.refresh()
    assert report.refused and "unreadable" in report.refused[0]
    views = FleetMonitor(site.admin, transport=FolderTransport(site.share)).poll()
    assert "more than the" in next(v for v in views if v.station_id == "207").problem
    assert time.perf_counter() - started < 2.0
    # A 50 MB journal line is skipped a bounded chunk at a time, and named.
    segment = layout.station("207").journal / "00000001.jsonl"
    segment.parent.mkdir()
    with open(segment, "wb") as handle:
        handle.write(b'{"anchor":"x","kind":"header","segment":1,"station":"207","v":1}\n')
        handle.write(b'"' + b"x" * (50 * 1024 * 1024) + b'"\n')
    started = time.perf_counter()
    result = site.admin.site_view.verify_station("207")
    assert time.perf_counter() - started < 5.0
    assert not result.ok and "line too long" in result.detail


@pytest.mark.parametrize("planted", ["junk", "signed by another key"])
def test_a_status_file_written_over_by_a_share_writer_does_not_silence_the_station(
        site, tmp_path, closing, planted):
    """A file nobody with this PC's key wrote, put in place of the station's status, is not a
    lease (no copy of this PC runs): the station writes its own status over it at the next
    beat and goes on being seen, instead of falling silent for good."""
    from utils.trust.crypto import SigningKeyPair

    ctx = site.station(tmp_path, "206")
    closing.append(ctx)
    service = start_sync(ctx)
    closing.append(service)
    status = site_layout(site.share).station("206").status
    own_key = ctx.trust.pc_key.public

    def ours() -> dict | None:
        document = read_json_file(status, max_bytes=256 * 1024).document
        if (isinstance(document, dict) and own_key.verify_document(document)
                and document.get("session_id") == service.session_id):
            return document
        return None

    first = wait_until(ours)
    temp = status.with_name("planted.tmp")
    if planted == "junk":
        temp.write_bytes(b'{"not": "a status"}')
    else:
        forged = SigningKeyPair.generate().sign_document(
            {**first, "seq": first["seq"] + 1000, "user": None})
        temp.write_bytes(document_bytes(forged))
    os.replace(temp, status)
    wait_until(lambda: (document := ours()) is not None and document["seq"] > first["seq"],
               timeout=10)
    assert service.refusal is None  # nothing was refused: no copy of this PC is running


def test_station_folders_made_by_anyone_never_grow_the_layouts_kept(tmp_path):
    """Each station's layout is made once and kept (its paths are on every command's path),
    but anyone may make station folders on the share: beyond a plant's size they are made
    again each time, never kept."""
    from utils.site import layout as layout_module
    from utils.site.layout import SiteLayout

    site = SiteLayout(tmp_path)
    first = site.station("201")
    assert site.station("201") is first  # kept
    for n in range(layout_module.STATION_LAYOUTS_KEPT + 50):
        site.station(f"flood-{n}")
    assert len(site._stations) == layout_module.STATION_LAYOUTS_KEPT
    assert site.station("flood-9999") is not site.station("flood-9999")  # not kept
    assert site.station("201") is first
    with pytest.raises(ValueError):
        site.station("../201")
