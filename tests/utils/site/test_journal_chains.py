"""One PC per station id, also after a takeover or a restore (issue 13, point 7): the station's
new chain is published in a journal folder of its own beside the old one, a third PC's site view
holds both histories, verify names each chain, the retired PC's key adds no history, and journal
folders made by a share writer are refused without stopping anything."""

from __future__ import annotations

import json
import os
import shutil

from sqlalchemy import select

from config.constants import Role
from config.paths import resolve_paths
from config.settings import Settings
from data import audit_repo, view_repo, view_schema
from models.canonical import format_utc
from utils.audit.verify import TamperKind
from utils.context import AppContext
from utils.site.journal import JournalWriter, event_line, seal_line
from utils.site.journal_read import list_segments
from utils.site.membership import join_site_membership

from tests.utils.site.sitekit import (
    ADMIN_PW, OPERATOR_PW, PASSPHRASE, add_user, site_layout, start_sync, wait_until,
)

FORM = {"size": "#00", "rejections": [["Furo", "Cap"]], "cam_d": "1,5", "cam_w": "2,0"}



def _station(site, tmp_path, boxes: int, lot: str = "L1"):
    """Station 206 with `boxes` records exported to its journal by its own writer."""
    station = site.station(tmp_path, "206")
    if "op" not in site.admin.trust.state.users:
        add_user(site, "op", Role.OPERATOR)
    station.directory.refresh()
    _boxes(station, boxes, lot)
    writer = JournalWriter(station.database, site_layout(site.share).station("206").ensure(),
                           station.anchor, station.trust.pc_key)
    while writer.sync():
        pass
    return station, writer


def _boxes(ctx, count: int, lot: str) -> None:
    operator = ctx.auth.login("op", OPERATOR_PW).session
    if ctx.production.current_lot() is None or ctx.production.current_lot().code != lot:
        ctx.production.set_lot(operator, lot, 100)
    for _ in range(count):
        ctx.production.register_box(operator, FORM)


def _take_over(site, tmp_path) -> AppContext:
    home = tmp_path / "home-206-replacement"
    paths = resolve_paths(home).ensure()
    join_site_membership(paths, Settings(status_interval_ms=100, rescan_interval_ms=20),
                         site.share, PASSPHRASE, station_id="206",
                         takeover_reason="motherboard replaced")
    return AppContext.open(home)


def _head(ctx) -> int:
    with ctx.database.read() as connection:
        return connection.exec_driver_sql("SELECT max(seq) FROM audit_events").scalar()


def _lots(ctx) -> list[str]:
    """The lots of station 206's record versions in a PC's site view."""
    table = view_schema.view_record_versions
    with ctx.site_view.database.read() as connection:
        return sorted(row.lot for row in connection.execute(
            select(table).where(table.c.station_id == "206")))


def _journal_folders(share) -> list[str]:
    return sorted(p.name for p in (share / "stations" / "206").iterdir()
                  if p.name.startswith("journal"))


def _verdicts(ctx) -> dict[str, object]:
    return {r.station: r for r in ctx.site_view.verify_site() if r.station.startswith("206")}


# -- takeover ----------------------------------------------------------------------------------


def test_a_takeover_pcs_records_reach_a_third_pc_and_the_old_ones_stay(site, tmp_path, closing):
    """The new PC's sync (a real thread) publishes its chain in journal-<chain id>; the admin
    PC's follower (a real thread) finds the new folder and shows both PCs' records; verify
    reports each chain; the takeover recorded what the old PC had sealed."""
    old, writer = _station(site, tmp_path, 3)
    old.close()
    sealed = writer.last_exported_seq
    old_bytes = {p.name: p.read_bytes() for _n, p in list_segments(writer.station.journal)}
    follower = site.admin.view_follower
    follower.acquire()
    closing.append(follower)
    wait_until(lambda: _lots(site.admin) == ["L1"] * 3)

    new = _take_over(site, tmp_path)
    closing.append(new)
    service = start_sync(new, watch=False)
    closing.append(service)
    _boxes(new, 2, "L2")
    wait_until(lambda: service.journal.chain is not None
               and service.journal.last_exported_seq >= _head(new))
    assert _journal_folders(site.share) == sorted(["journal", service.journal.folder.name])
    wait_until(lambda: _lots(site.admin) == ["L1"] * 3 + ["L2"] * 2, timeout=20)
    assert {p.name: p.read_bytes() for _n, p in list_segments(writer.station.journal)} \
        == old_bytes
    assert service.journal_held is None

    site.admin.directory.refresh()
    [old_pc] = [pc for pc in site.admin.trust.state.pc_keys.values()
                if pc.station == "206" and pc.superseded]
    assert old_pc.retired_heads == (("journal", sealed, _hash_of(old_bytes, sealed)),)
    verdicts = _verdicts(site.admin)
    new_label = f"206/{service.journal.folder.name}"
    assert set(verdicts) == {"206", new_label}
    assert all(v.ok for v in verdicts.values()), [v.detail for v in verdicts.values()]
    assert verdicts[new_label].events_checked >= 2
    # The new PC's own view holds the old PC's records too (read from the old journal; its
    # own from its database), and its verify names its station's two journals.
    new.site_view.ingest()
    assert _lots(new) == ["L1"] * 3 + ["L2"] * 2
    own = {r.station: r for r in new.site_view.verify_site()}
    assert {"206", "206/journal", new_label} <= set(own)
    assert all(own[name].ok for name in ("206", "206/journal", new_label)), \
        [r.detail for r in own.values()]
    # The new chain's folder removed from the share: the admin's verify says it is gone.
    service.stop()
    closing.remove(service)
    shutil.rmtree(service.journal.folder)
    gone = _verdicts(site.admin)[new_label]
    assert gone.kind == TamperKind.TRUNCATED and "gone" in gone.detail


def _hash_of(segments: dict[str, bytes], seq: int) -> str:
    for data in segments.values():
        for line in data.splitlines():
            entry = json.loads(line)
            if entry.get("kind") == "event" and entry["seq"] == seq:
                return entry["hash"]
    raise AssertionError(f"event {seq} not in the journal")


def test_the_retired_pcs_key_adds_no_history(site, tmp_path, closing):
    """With the old PC's files (its key and database) after the takeover, a person appends
    sealed events to the old journal, and starts a journal folder of their own sealed by that
    key: neither enters the site view, and verify names both as forged by a retired key."""
    old, writer = _station(site, tmp_path, 2)
    closing.append(old)
    new = _take_over(site, tmp_path)
    closing.append(new)
    site.admin.directory.refresh()
    # The old key seals two more boxes in the old journal, past the head it was retired at.
    _boxes(old, 2, "L1")
    while writer.sync():
        pass
    # And a folder of its own, named and sealed like a later chain.
    fake = writer.station.chain_journal("0123456789abcdef")
    fake.mkdir()
    with old.database.read() as connection:
        rows = audit_repo.events_after(connection, "206", 0, 10_000)
    header = json.dumps({"kind": "header", "v": 2, "station": "206", "anchor": old.anchor,
                         "segment": 1, "chain": "0123456789abcdef", "fork_seq": 0})
    lines = header.encode() + b"\n" + b"".join(event_line(row) for row in rows)
    lines += seal_line(old.trust.pc_key, "206", rows[-1][0], rows[-1][2],
                       format_utc(old.clock.now()), "0123456789abcdef")
    (fake / "00000001.jsonl").write_bytes(lines)

    site.admin.site_view.ingest()
    assert _lots(site.admin) == ["L1"] * 2  # only what the old PC had sealed when retired
    verdicts = _verdicts(site.admin)
    assert verdicts["206"].kind == TamperKind.FORGED
    assert "beyond the last event it had sealed" in verdicts["206"].detail
    forged = verdicts["206/journal-0123456789abcdef"]
    assert forged.kind == TamperKind.FORGED and "where it had sealed nothing" in forged.detail
    assert "206" in site.admin.site_view.anomalies()


# -- restore -----------------------------------------------------------------------------------


def test_a_restore_with_override_publishes_the_restored_chain_beside_the_old_one(
        site, tmp_path, closing):
    """Station 206 is restored from a backup older than what its journal holds (an admin's
    override): its sync publishes the restored chain in a folder of its own, forked after the
    backup's last event; the admin's view holds both histories, the shared part once; verify
    reports both chains intact and the restored one says where it comes from."""
    from utils.backup.restore import restore_backup
    from utils.backup.snapshot import make_backup

    station, writer = _station(site, tmp_path, 2)
    backup = make_backup(station)
    with station.database.read() as connection:
        backup_head = connection.exec_driver_sql("SELECT max(seq) FROM audit_events").scalar()
    _boxes(station, 2, "L1")
    while writer.sync():
        pass
    station.close()
    site.admin.site_view.ingest()
    assert _lots(site.admin) == ["L1"] * 4

    home = tmp_path / "home-206"
    restore_backup(home, backup.file.path, username="ana", password=ADMIN_PW,
                   override_reason="disk replaced; last night's copy is the good one")
    restored = AppContext.open(home)
    closing.append(restored)
    service = start_sync(restored, watch=False)
    closing.append(service)
    _boxes(restored, 1, "L3")
    wait_until(lambda: service.journal.chain is not None
               and service.journal.last_exported_seq >= _head(restored))
    assert service.journal.fork_seq == backup_head
    assert service.journal_held is None
    with restored.database.read() as connection:
        [started] = audit_repo.list_events(connection, action="journal.chain_started")
    assert json.loads(started["body"])["after"]["after"] == "restore"

    site.admin.site_view.ingest()
    assert _lots(site.admin) == ["L1"] * 4 + ["L3"]  # both histories, the shared part once
    with site.admin.site_view.database.read() as connection:
        shared = connection.exec_driver_sql(
            "SELECT count(*) FROM view_events WHERE station = '206' AND seq <= ?",
            (backup_head,)).scalar()
        sources = view_repo.station_sources(connection, "206")
    assert shared == backup_head
    assert len(sources) == 2 and all(s["broken_seq"] is None for s in sources)
    verdicts = _verdicts(site.admin)
    assert len(verdicts) == 2 and all(v.ok for v in verdicts.values()), \
        [v.detail for v in verdicts.values()]


# -- a share writer's journal folders ----------------------------------------------------------


def test_journal_folders_made_on_the_share_are_refused_and_stop_nothing(site, tmp_path,
                                                                         closing):
    """Beside a real journal, a share writer puts a folder with another name, a link and a
    FIFO named like chain folders, a copy of the real journal and a folder of junk lines:
    none is ingested, each is named, verify says the copy is forged (its seals were made for
    journal/) and the junk not intact; the station goes on publishing and the admin's view
    follows it."""
    station, writer = _station(site, tmp_path, 2)
    closing.append(station)
    folder = writer.station.folder
    (folder / "journal-junk").mkdir()
    os.symlink(writer.station.journal, folder / "journal-aaaaaaaaaaaaaaaa")
    os.mkfifo(folder / "journal-bbbbbbbbbbbbbbbb")
    shutil.copytree(writer.station.journal, folder / "journal-cccccccccccccccc")
    (folder / "journal-dddddddddddddddd").mkdir()
    (folder / "journal-dddddddddddddddd" / "00000001.jsonl").write_bytes(
        b"not json\n" + b"[" * 100_000 + b"\n")

    view = site.admin.site_view
    view.ingest()
    assert _lots(site.admin) == ["L1"] * 2
    problems = view.problems["206"]
    assert "a symbolic link" in problems["stations/206/journal-aaaaaaaaaaaaaaaa"] or \
        "link" in problems["stations/206/journal-aaaaaaaaaaaaaaaa"]
    assert "stations/206/journal-bbbbbbbbbbbbbbbb" in problems
    assert "not a journal folder's name" in problems["stations/206/journal-junk"]
    with view.database.read() as connection:
        copy = view_repo.source(connection, "206/journal-cccccccccccccccc")
    assert copy["broken_kind"] == "forged" and copy["events"] == 0

    service = start_sync(station, watch=False)
    closing.append(service)
    _boxes(station, 1, "L4")
    wait_until(lambda: service.journal.last_exported_seq >= _head(station))
    assert service.journal.chain is None  # its own journal/ is still its own
    follower = site.admin.view_follower
    follower.acquire()
    closing.append(follower)
    wait_until(lambda: _lots(site.admin) == ["L1"] * 2 + ["L4"], timeout=20)

    verdicts = _verdicts(site.admin)
    assert verdicts["206"].ok, verdicts["206"].detail
    assert verdicts["206/journal-cccccccccccccccc"].kind == TamperKind.FORGED
    assert "another journal folder" in verdicts["206/journal-cccccccccccccccc"].detail
    assert not verdicts["206/journal-dddddddddddddddd"].ok
    assert "journal-junk" in verdicts["206"].detail


# -- archives ----------------------------------------------------------------------------------


def test_an_archive_holds_both_chains_and_bounds_the_retired_key(site, tmp_path, closing):
    """An archive of a period with a takeover in it holds the old journal and the new chain,
    each checked on a PC in no site: the retired key counts up to what its takeover recorded;
    a takeover certificate changed in the archive to let it count further is refused."""
    import hashlib
    import zipfile
    from datetime import datetime, timedelta, timezone

    from utils.backup.archive import make_archive
    from utils.backup.archive_check import verify_archive

    old, _writer = _station(site, tmp_path, 2)
    old.close()
    new = _take_over(site, tmp_path)
    closing.append(new)
    service = start_sync(new, watch=False)
    closing.append(service)
    _boxes(new, 1, "L2")
    wait_until(lambda: service.journal.chain is not None
               and service.journal.last_exported_seq >= _head(new))
    site.admin.directory.refresh()
    now = datetime.now(timezone.utc)
    out = tmp_path / "archive.zip"
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    manifest = make_archive(site.admin, admin, now - timedelta(hours=1), now + timedelta(hours=1),
                            out)
    new_label = f"206/{service.journal.folder.name}"
    assert {"206", new_label} <= set(manifest["stations"])
    report = verify_archive(out)
    assert report.ok, report.problems
    assert any("retired at a takeover" in line for line in report.lines)
    with zipfile.ZipFile(out) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert f"journals/{new_label}.jsonl" in files
    assert files["records.csv"].count(b"\n") == 1 + 3  # the header, two old boxes, one new

    keys = json.loads(files["keys.json"])
    [retired] = [item for item in keys["stations"]["206"] if "retired_by" in item]
    heads = retired["retired_by"]["data"]["retired_heads"]
    heads["journal"]["seq"] += 100  # let the old key count further: the root never signed that
    files["keys.json"] = json.dumps(keys).encode()
    listed = json.loads(files["manifest.json"])
    listed["files"]["keys.json"] = {"sha256": hashlib.sha256(files["keys.json"]).hexdigest(),
                                    "bytes": len(files["keys.json"])}
    files["manifest.json"] = json.dumps(listed).encode()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    report = verify_archive(out)
    assert not report.ok
    assert any("retired PC key" in problem and "does not verify" in problem
               for problem in report.problems)
