"""The contract of the two ports (utils/site/ports.py): what any live transport must do, run
against the shared folder's implementation and against an in-memory one
(tests/utils/site/memory_ports.py, a stand-in for the MQTT broker to come); the site store's
journal part is tests/utils/site/test_store_contract.py. The last test runs
a real station's SyncService and an admin's FleetMonitor over the in-memory transport: a
command goes out and its ack comes back without a file on the share, so the seam is real."""

from __future__ import annotations

import inspect
import os
from pathlib import Path
from typing import Callable

import pytest

from config.constants import CommandType
from utils.site.folder_store import FolderSiteStore
from utils.site.folder_transport import FolderTransport
from utils.site.fleet import FleetMonitor
from utils.site.layout import SITE_FILE_NAME
from utils.site.ports import (
    AckWrite, LiveTransport, Presence, SiteStore, StationLink, StatusCursor,
)
from utils.site.share_files import ReadState
from utils.site.station_folder import StationFolder
from utils.site.signed import document_bytes

from tests.utils.site.memory_ports import MemoryStationLink, MemoryTransport
from tests.utils.site.memory_store import MemorySiteStore
from tests.utils.site.sitekit import ADMIN_PW, command_actions, start_sync, wait_until

MAX = 64 * 1024
STATION = "206"


class Harness:
    """One implementation of the live transport, and the ways to play a hostile writer."""

    def __init__(self, transport: LiveTransport, put_raw: Callable[[str, bytes], None],
                 put_raw_status: Callable[[bytes], None], link: Callable[[str], None] | None,
                 go_away: Callable[[], None]):
        self.transport = transport
        self.put_raw = put_raw  # raw bytes in STATION's inbox under a name
        self.put_raw_status = put_raw_status  # raw bytes where STATION's status belongs
        self.link = link  # a link in STATION's inbox (None: no such thing)
        self.go_away = go_away


def _folder(tmp_path: Path) -> Harness:
    root = tmp_path / "share"
    root.mkdir()
    (root / SITE_FILE_NAME).write_text("{}")
    transport = FolderTransport(root)
    station = transport.station(STATION)
    station.open()

    def put_raw(name: str, data: bytes) -> None:
        (station.station.inbox / f"{name}.json").write_bytes(data)

    def link(name: str) -> None:
        secret = tmp_path / "secret.json"
        secret.write_text('{"not": "yours"}')
        os.symlink(secret, station.station.inbox / f"{name}.json")

    return Harness(transport, put_raw, station.station.status.write_bytes, link,
                   lambda: (root / SITE_FILE_NAME).unlink())


def _memory(_tmp_path: Path) -> Harness:
    transport = MemoryTransport()
    transport.station(STATION).open()

    def put_raw(name: str, data: bytes) -> None:
        transport.send(STATION, name, data)  # a broker carries any payload

    def put_raw_status(data: bytes) -> None:
        transport.station(STATION).publish(Presence.STATUS, data)

    def go_away() -> None:
        transport.online = False

    return Harness(transport, put_raw, put_raw_status, None, go_away)


@pytest.fixture(params=[_folder, _memory], ids=["folder", "memory"])
def harness(request, tmp_path) -> Harness:
    return request.param(tmp_path)


@pytest.mark.parametrize("port, implementations", [
    (LiveTransport, [FolderTransport, MemoryTransport]),
    (StationLink, [StationFolder, MemoryStationLink]),
    (SiteStore, [FolderSiteStore, MemorySiteStore]),
], ids=["live-transport", "station-link", "site-store"])
def test_every_implementation_has_each_method_of_its_port(port, implementations):
    """Protocols are not checked at run time: a method missing or named differently would
    only show when a caller reaches it."""
    for implementation in implementations:
        for name in (name for name in vars(port) if not name.startswith("_")):
            assert hasattr(implementation, name), (implementation.__name__, name)
            wanted, found = getattr(port, name), getattr(implementation, name)
            if callable(wanted):
                assert (list(inspect.signature(found).parameters)
                        == list(inspect.signature(wanted).parameters)), (implementation, name)


def _document(**fields) -> bytes:
    return (b'{"v": 1, "kind": "test"' + b"".join(
        f', "{key}": "{value}"'.encode() for key, value in fields.items()) + b"}")


def test_a_published_status_is_read_back_once_and_again_when_it_changes(harness):
    link = harness.transport.station(STATION)
    cursor = StatusCursor()
    link.publish(Presence.STATUS, _document(seq="1"))
    first = {read.station_id: read for read in harness.transport.poll_statuses(cursor, max_bytes=MAX)}
    assert first[STATION].result.state == ReadState.OK
    assert first[STATION].result.document["seq"] == "1"
    again = {read.station_id: read for read in harness.transport.poll_statuses(cursor, max_bytes=MAX)}
    assert again[STATION].result is None and again[STATION].problem is None  # nothing new
    assert cursor.reads == 1
    marker = link.presence_marker(Presence.STATUS)
    link.publish(Presence.STATUS, _document(seq="22"))
    assert link.presence_marker(Presence.STATUS) != marker
    later = {read.station_id: read for read in harness.transport.poll_statuses(cursor, max_bytes=MAX)}
    assert later[STATION].result.document["seq"] == "22"
    # Another reader (another panel) has its own cursor: it sees the status at once.
    other = harness.transport.poll_statuses(StatusCursor(), max_bytes=MAX)
    assert [read.result.document["seq"] for read in other if read.result] == ["22"]


def test_birth_and_death_are_kept_apart_from_the_status(harness):
    link = harness.transport.station(STATION)
    assert link.read_presence(Presence.DEATH, max_bytes=MAX).state == ReadState.MISSING
    assert link.presence_marker(Presence.DEATH) is None
    link.publish(Presence.BIRTH, _document(what="birth"))
    link.publish(Presence.DEATH, _document(what="death"))
    read = harness.transport.read_presence(STATION, Presence.DEATH, max_bytes=MAX)
    assert read.document["what"] == "death"
    assert link.read_presence(Presence.BIRTH, max_bytes=MAX).document["what"] == "birth"
    assert harness.transport.presence_marker(STATION, Presence.DEATH) is not None


def test_a_command_is_delivered_once_in_order_and_taken_away(harness):
    link = harness.transport.station(STATION)
    harness.transport.send(STATION, "c1", _document(id="c1"))
    harness.transport.send(STATION, "c2", _document(id="c2"))
    with pytest.raises(FileExistsError):
        harness.transport.send(STATION, "c1", _document(id="c1", again="yes"))  # write-once
    assert link.pending_commands(limit=10, skip=set()) == ["c1", "c2"]
    assert link.pending_commands(limit=10, skip={"c1"}) == ["c2"]
    assert link.pending_commands(limit=1, skip=set()) == ["c1"]
    read = link.read_command("c1", max_bytes=MAX)
    assert read.state == ReadState.OK and read.document == {"v": 1, "kind": "test", "id": "c1"}
    link.remove_command("c1")
    assert link.pending_commands(limit=10, skip=set()) == ["c2"]
    with pytest.raises(FileNotFoundError):
        link.remove_command("c1")
    assert link.set_aside_command("c2", "refused by the test") is True
    assert link.pending_commands(limit=10, skip=set()) == []
    assert link.set_aside_command("c2", "again") is False  # gone already


def test_a_command_is_claimed_once(harness):
    link = harness.transport.station(STATION)
    assert link.claim("c1", _document(session="a")) is True
    assert link.claim("c1", _document(session="b")) is False
    assert link.read_claim("c1", max_bytes=4096).document["session"] == "a"
    assert link.set_aside_claim("c1", "not ours") is True
    assert link.claim("c1", _document(session="b")) is True


def test_an_ack_is_returned_once(harness):
    link = harness.transport.station(STATION)
    assert harness.transport.read_ack(STATION, "c1", max_bytes=MAX).state == ReadState.MISSING
    assert link.put_ack("c1", _document(status="done")) == AckWrite.WRITTEN
    assert link.put_ack("c1", _document(status="failed")) == AckWrite.TAKEN
    read = harness.transport.read_ack(STATION, "c1", max_bytes=MAX)
    assert read.state == ReadState.OK and read.document["status"] == "done"
    assert link.read_ack("c1", max_bytes=MAX).document == read.document
    harness.transport.set_aside_ack(STATION, "c1", "refused by the panel")
    assert harness.transport.read_ack(STATION, "c1", max_bytes=MAX).state == ReadState.MISSING
    assert link.put_ack("c1", _document(status="done")) == AckWrite.WRITTEN


def test_junk_is_handed_out_as_not_ready_never_as_a_document(harness):
    link = harness.transport.station(STATION)
    harness.put_raw("junk", b"\x00\xffnot json at all{")
    read = link.read_command("junk", max_bytes=MAX)
    assert read.state == ReadState.NOT_READY and read.document is None
    assert read.reason.startswith("not valid JSON")
    harness.put_raw_status(b"{{{{")
    reads = harness.transport.poll_statuses(StatusCursor(), max_bytes=MAX)
    assert [read.result for read in reads if read.station_id == STATION] == [None]


def test_oversize_and_overnested_are_refused_unread(harness):
    link = harness.transport.station(STATION)
    harness.put_raw("big", b'{"pad": "' + b"x" * (MAX + 10) + b'"}')
    assert link.read_command("big", max_bytes=MAX).state == ReadState.TOO_LARGE
    harness.put_raw("deep", b"[" * 5000 + b"]" * 5000)
    assert link.read_command("deep", max_bytes=MAX).state == ReadState.BEYOND_LIMITS
    harness.put_raw_status(b'{"pad": "' + b"x" * (MAX + 10) + b'"}')
    reads = harness.transport.poll_statuses(StatusCursor(), max_bytes=MAX)
    refused = [read for read in reads if read.station_id == STATION]
    assert refused[0].result is None and "more than" in (refused[0].problem or "")


def test_a_link_is_never_followed(harness):
    if harness.link is None:
        pytest.skip("this transport has no links (every message is a payload)")
    link = harness.transport.station(STATION)
    harness.link("linked")
    assert "linked" in link.pending_commands(limit=10, skip=set())  # listed, to be moved aside
    read = link.read_command("linked", max_bytes=MAX)
    assert read.state == ReadState.NOT_A_FILE and read.document is None


def test_a_transport_that_went_away_raises_oserror(harness):
    harness.go_away()
    with pytest.raises(OSError):
        harness.transport.check()
    with pytest.raises(OSError):
        harness.transport.station(STATION).check()


# -- the seam: a station and a panel over the in-memory transport --------------------------------

def test_a_command_round_trips_over_the_in_memory_transport(site, tmp_path):
    station = site.station(tmp_path, STATION)
    memory = MemoryTransport()
    service = start_sync(station, watch=False, transport=memory)
    try:
        fleet = FleetMonitor(site.admin, transport=memory)
        wait_until(lambda: memory.presence_marker(STATION, Presence.STATUS) is not None)
        assert {view.station_id: view.liveness for view in fleet.poll()} == {STATION: "online"}
        ana = site.admin.auth.login("ana", ADMIN_PW).session
        sent = fleet.send(ana, CommandType.PING, [STATION])
        finished = wait_until(fleet.track)
        assert finished[0]["state"] == "done" and finished[0]["result"]["station"] == STATION
        command_id = sent[0]["id"]
        wait_until(lambda: "command.done" in command_actions(station, command_id))
        assert command_actions(station, command_id) == ["command.received", "command.done"]
        # It went through the broker stand-in, not the share: no inbox or ack file there.
        station_folder = site.share / "stations" / STATION
        assert not list(station_folder.glob(f"*/{command_id}.json"))
        # The same signed command put back once it was taken away (a replay): the station's
        # ledger refuses it, whatever carried it; it never runs twice.
        wait_until(lambda: not memory.stations[STATION].inbox)
        memory.send(STATION, command_id, document_bytes(sent[0]))
        wait_until(lambda: "command.duplicate" in command_actions(station, command_id))
        assert command_actions(station, command_id).count("command.received") == 1
        wait_until(lambda: not memory.stations[STATION].inbox)  # taken away, not run
    finally:
        service.stop()
        station.close()
    assert memory.presence_marker(STATION, Presence.DEATH) is not None  # a clean stop
