"""Entries of the wrong type planted where a running station keeps its own files and folders
(attack report s16, findings 2 and 3): a folder at `status.json` or `checkpoint.json`, a file,
FIFO or link at `claims/`, one I/O error while a command is claimed, and a copied claim. The
entry is moved to the quarantine and the station goes on: statuses, the checkpoint and
commands continue, the share stays online, and no command is dropped as a duplicate."""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
from pathlib import Path

import pytest

from config.constants import CommandType
from utils.site.folder_transport import FolderTransport
from utils.site.fleet import FleetMonitor
from utils.site.signed import document_bytes
from utils.site.station_sync import SyncService

from tests.utils.site.sitekit import (
    LOCKED,
    RecordingEffects, admin_session, command_actions, drop, issue, read_ack, site_layout,
    start_sync, status_seq, wait_ack, wait_actions, wait_until,
)


@pytest.fixture
def syncing(site, tmp_path, closing):
    """Station 206 with its sync service running (real threads), seen on the share."""
    station = site.station(tmp_path, "206")
    closing.append(station)
    service = start_sync(station, watch=False)
    closing.append(service)
    wait_until(lambda: service.counters["heartbeats"] > 1 and status_seq(site.share, "206"))
    return station, service


def plant_folder(path: Path) -> None:
    """What a share writer does: the file moved away, a folder (not empty) in its place."""
    if path.exists():
        os.rename(path, path.with_name(".moved-" + path.name))
    path.mkdir()
    (path / "x").write_text("planted")


def offline_lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records
            if "Share offline" in record.getMessage()
            or "Share back online" in record.getMessage()]


def checkpoint_seq(path: Path) -> int | None:
    try:
        return json.loads(path.read_bytes())["seq"]
    except (OSError, ValueError, KeyError):
        return None


# -- finding 2: a folder in place of one of the station's own files ---------------------------


def test_a_folder_at_status_json_is_moved_aside_and_statuses_go_on(site, syncing, caplog):
    caplog.set_level(logging.INFO)
    station, service = syncing
    layout = site_layout(site.share)
    status = layout.station("206").status
    plant_folder(status)
    planted_at = service.counters["heartbeats"]

    quarantined = layout.quarantine("206") / "status.json"
    wait_until(lambda: quarantined.is_dir() and status.is_file())
    assert (quarantined / "x").read_text() == "planted"  # moved whole, unread
    seq = status_seq(site.share, "206")
    wait_until(lambda: (status_seq(site.share, "206") or 0) > seq + 2)
    assert service.counters["heartbeats"] > planted_at + 2
    assert service.share_state().online and service.counters["share_errors"] == 0
    assert offline_lines(caplog) == []
    views = FleetMonitor(site.admin, transport=FolderTransport(site.share)).poll()
    assert [(view.station_id, view.status is not None, view.problem) for view in views] == [
        ("206", True, None)]


def test_a_folder_at_checkpoint_json_is_moved_aside_and_the_checkpoint_published_again(
        site, syncing, caplog):
    caplog.set_level(logging.INFO)
    station, service = syncing
    layout = site_layout(site.share)
    checkpoint = layout.station("206").checkpoint

    def ping_published() -> None:
        """A command run: new events, so a new head for the checkpoint."""
        ping = issue(site, CommandType.PING)
        drop(site.share, "206", ping)
        assert wait_ack(site.share, "206", ping["id"])["status"] == "done"
        wait_until(lambda: "command.done" in command_actions(station, ping["id"])
                   and checkpoint_seq(checkpoint) == service.journal.last_exported_seq)

    ping_published()
    before = checkpoint_seq(checkpoint)
    plant_folder(checkpoint)
    ping_published()
    assert checkpoint_seq(checkpoint) > before
    quarantined = layout.quarantine("206") / "checkpoint.json"
    assert quarantined.is_dir() and (quarantined / "x").read_text() == "planted"
    assert service.share_state().online and service.counters["share_errors"] == 0
    assert offline_lines(caplog) == []  # no offline/online flapping


# -- finding 3: a claim that could not be written is no duplicate -----------------------------


def plant_in_place_of_claims(claims: Path, kind: str, elsewhere: Path) -> None:
    shutil.rmtree(claims, ignore_errors=True)
    if kind == "file":
        claims.write_bytes(b"")
    elif kind == "fifo":
        os.mkfifo(claims)
    else:
        os.symlink(elsewhere, claims)


@pytest.mark.parametrize("kind", [
    "file",
    pytest.param("fifo", marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")),
    pytest.param("link", marks=pytest.mark.skipif(os.name == "nt", reason="POSIX links")),
])
def test_a_command_runs_when_claims_is_not_a_folder(site, syncing, tmp_path, kind):
    """`claims` replaced while the station syncs: the command sent by the admin runs and is
    acked, and the entry is moved to the quarantine (a link never followed)."""
    station, service = syncing
    layout = site_layout(site.share)
    claims = layout.station("206").folder / "claims"
    elsewhere = tmp_path / "private"
    elsewhere.mkdir()
    plant_in_place_of_claims(claims, kind, elsewhere)

    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    sent = fleet.send(admin_session(site), CommandType.LOCK, ["206"], {"reason": "quality hold"})
    finished = wait_until(lambda: [row for row in fleet.track() if row["state"] == "done"])
    assert [row["command_id"] for row in finished] == [sent[0]["id"]]
    assert station.production.locked_reason == "quality hold"
    wait_actions(station, sent[0]["id"], LOCKED)
    assert claims.is_dir() and not claims.is_symlink()
    assert (claims / f"{sent[0]['id']}.json").is_file()
    assert os.path.lexists(layout.quarantine("206") / "claims")
    assert list(elsewhere.iterdir()) == []  # nothing written through the link


def test_one_io_error_while_claiming_leaves_the_command_for_the_next_pass(site, tmp_path,
                                                                         closing, monkeypatch):
    """An SMB hiccup (EIO) at the claim: the command stays in the inbox, unaudited, unacked;
    the next pass claims, runs and acks it, and nothing says 'duplicate'."""
    station = site.station(tmp_path, "206")
    closing.append(station)
    effects = RecordingEffects()
    service = SyncService(station, effects=effects, watch=False)  # driven by hand first
    closing.append(service)
    site_layout(site.share).station("206").ensure()
    real_claim = service.inbox.link.claim
    failed = []

    def claim_failing_once(command_id: str, data: bytes) -> bool:
        if not failed:
            failed.append(command_id)
            raise OSError(errno.EIO, "Input/output error")
        return real_claim(command_id, data)

    monkeypatch.setattr(service.inbox.link, "claim", claim_failing_once)
    document = issue(site, CommandType.LOCK, params={"reason": "after a hiccup"})
    path = drop(site.share, "206", document)

    service.tick()
    assert failed == [document["id"]]
    assert path.exists() and read_ack(site.share, "206", document["id"]) is None
    assert command_actions(station, document["id"]) == []
    assert station.production.locked_reason is None

    service.start()
    assert wait_ack(site.share, "206", document["id"])["status"] == "done"
    wait_until(lambda: not path.exists())
    assert station.production.locked_reason == "after a hiccup"
    wait_actions(station, document["id"], LOCKED)


def test_a_claim_of_another_command_copied_under_this_ones_name_is_no_duplicate(site, syncing):
    """A share writer copies a claim this PC signed (another command's, another session's) to
    the name of a new command's claim: the command is not refused as a duplicate; the copy is
    moved aside and the command runs."""
    station, service = syncing
    layout = site_layout(site.share)
    document = issue(site, CommandType.LOCK, params={"reason": "not a duplicate"})
    copied = station.trust.sign({"v": 2, "kind": "claim", "id": "0" * 32, "station": "206",
                                 "session_id": "an-earlier-session"})
    (layout.station("206").folder / "claims" / f"{document['id']}.json").write_bytes(
        document_bytes(copied))
    drop(site.share, "206", document)
    assert wait_ack(site.share, "206", document["id"])["status"] == "done"
    wait_actions(station, document["id"], LOCKED)
    assert (layout.quarantine("206") / f"{document['id']}.json").is_file()
