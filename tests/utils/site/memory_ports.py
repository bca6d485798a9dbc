"""A second implementation of the live transport, in memory: a test double of the broker the
MQTT issue brings, written to prove the seam (`tests/utils/site/test_ports_contract.py` runs
the same contract against it and the shared folder's, and a station's SyncService and an
admin's FleetMonitor exchange a command through it).

It keeps what a broker keeps: the latest presence of each kind per station (retained), each
station's queue of commands (write-once by id), claims and acks (write-once). Like the folder,
it only moves bytes: what it hands out is read within bounds into a `ReadResult`, never
trusted, and a name is taken once. Everything happens under one lock (the station's threads
and the panel's poller use it at once)."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Hashable

from models.bounded_json import JsonLimitError, JsonLimits
from utils.site.ports import AckWrite, Presence, StatusCursor, StatusRead
from utils.site.share_files import ReadResult, ReadState
from utils.site.signed import parse_document


def read_bytes(data: bytes | None, *, max_bytes: int,
               parse: Callable[[bytes], Any] | None = None) -> ReadResult:
    """What the folder's bounded reader returns for the same bytes, without a file."""
    if data is None:
        return ReadResult(ReadState.MISSING)
    if len(data) > max_bytes:
        return ReadResult(ReadState.TOO_LARGE,
                          reason=f"{len(data)} bytes, more than the {max_bytes} allowed")
    if not data.strip():
        return ReadResult(ReadState.NOT_READY, reason="empty")
    try:
        document = (parse(data) if parse is not None
                    else parse_document(data, JsonLimits(max_bytes=max_bytes)))
    except JsonLimitError as exc:
        return ReadResult(ReadState.BEYOND_LIMITS, data, reason=f"refused unread: {exc}")
    except (UnicodeDecodeError, ValueError) as exc:
        return ReadResult(ReadState.NOT_READY, data, reason=f"not valid JSON: {exc}")
    return ReadResult(ReadState.OK, data, document)


@dataclass
class _Station:
    presence: dict[Presence, tuple[int, bytes]] = field(default_factory=dict)
    inbox: dict[str, tuple[int, bytes]] = field(default_factory=dict)  # by name, with arrival
    claims: dict[str, bytes] = field(default_factory=dict)
    acks: dict[str, bytes] = field(default_factory=dict)
    set_aside: list[tuple[str, bytes, str]] = field(default_factory=list)  # (name, data, why)


class MemoryTransport:
    """The site's live transport held in this process (`LiveTransport`)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.stations: dict[str, _Station] = {}
        self.online = True  # False: every call raises OSError, as a broker that went away
        self._counter = itertools.count(1)

    @property
    def place(self) -> str:
        return "the in-memory broker"

    def _place(self, station_id: str) -> _Station:
        self.check()
        return self.stations.setdefault(station_id, _Station())

    def next_number(self) -> int:
        return next(self._counter)

    def station(self, station_id: str) -> "MemoryStationLink":
        return MemoryStationLink(self, station_id)

    def ack_watch_folder(self, station_id: str) -> None:
        return None  # no folder: the panel's poll alone (a broker would push instead)

    def check(self) -> None:
        if not self.online:
            raise ConnectionError("the in-memory broker is away")

    def default_rescan_ms(self) -> int:
        return 20

    def send(self, station_id: str, command_id: str, data: bytes) -> None:
        with self.lock:
            inbox = self._place(station_id).inbox
            if command_id in inbox:
                raise FileExistsError(command_id)
            inbox[command_id] = (self.next_number(), bytes(data))

    def read_ack(self, station_id: str, command_id: str, *, max_bytes: int) -> ReadResult:
        with self.lock:
            return read_bytes(self._place(station_id).acks.get(command_id), max_bytes=max_bytes)

    def set_aside_ack(self, station_id: str, command_id: str, reason: str) -> None:
        with self.lock:
            place = self._place(station_id)
            data = place.acks.pop(command_id, None)
            if data is not None:
                place.set_aside.append((f"acks/{command_id}", data, reason))

    def poll_statuses(self, cursor: StatusCursor, *, max_bytes: int) -> list[StatusRead]:
        with self.lock:
            self.check()
            found = []
            for station_id, place in sorted(self.stations.items()):
                current = place.presence.get(Presence.STATUS)
                if current is None or cursor.seen.get(station_id) == current[0]:
                    found.append(StatusRead(station_id))
                    continue
                result = read_bytes(current[1], max_bytes=max_bytes)
                cursor.reads += 1
                if result.state == ReadState.OK:
                    cursor.seen[station_id] = current[0]
                    found.append(StatusRead(station_id, result=result))
                elif result.state in (ReadState.TOO_LARGE, ReadState.BEYOND_LIMITS):
                    cursor.seen[station_id] = current[0]
                    found.append(StatusRead(station_id, where=f"{station_id}/status",
                                            problem=result.reason))
                else:
                    found.append(StatusRead(station_id))  # not ready: next poll
            return found

    def read_presence(self, station_id: str, kind: Presence, *, max_bytes: int) -> ReadResult:
        with self.lock:
            current = self._place(station_id).presence.get(kind)
            return read_bytes(None if current is None else current[1], max_bytes=max_bytes)

    def presence_marker(self, station_id: str, kind: Presence) -> Hashable | None:
        with self.lock:
            current = self._place(station_id).presence.get(kind)
            return None if current is None else current[0]


class MemoryStationLink:
    """One station's end of the in-memory transport (`StationLink`)."""

    def __init__(self, transport: MemoryTransport, station_id: str):
        self.transport = transport
        self._station_id = station_id

    @property
    def station_id(self) -> str:
        return self._station_id

    def _place(self) -> _Station:
        return self.transport._place(self._station_id)

    def check(self) -> None:
        self.transport.check()

    def open(self) -> None:
        with self.transport.lock:
            self._place()

    def sweep(self) -> None:
        self.transport.check()  # nothing is ever half-written here

    def publish(self, kind: Presence, data: bytes) -> None:
        with self.transport.lock:
            self._place().presence[kind] = (self.transport.next_number(), bytes(data))

    def read_presence(self, kind: Presence, *, max_bytes: int) -> ReadResult:
        return self.transport.read_presence(self._station_id, kind, max_bytes=max_bytes)

    def presence_marker(self, kind: Presence) -> Hashable | None:
        return self.transport.presence_marker(self._station_id, kind)

    def pending_commands(self, *, limit: int, skip: set[str]) -> list[str]:
        with self.transport.lock:
            waiting = sorted(self._place().inbox.items(), key=lambda item: item[1][0])
            return [name for name, _entry in waiting if name not in skip][:limit]

    def read_command(self, name: str, *, max_bytes: int,
                     parse: Callable[[bytes], Any] | None = None) -> ReadResult:
        with self.transport.lock:
            entry = self._place().inbox.get(name)
            return read_bytes(None if entry is None else entry[1], max_bytes=max_bytes,
                              parse=parse)

    def set_aside_command(self, name: str, reason: str) -> bool:
        with self.transport.lock:
            place = self._place()
            entry = place.inbox.pop(name, None)
            if entry is None:
                return False
            place.set_aside.append((f"inbox/{name}", entry[1], reason))
            return True

    def remove_command(self, name: str) -> None:
        with self.transport.lock:
            if self._place().inbox.pop(name, None) is None:
                raise FileNotFoundError(name)

    def command_key(self, name: str) -> str:
        return f"{self._station_id}/inbox/{name}"

    def claim(self, command_id: str, data: bytes) -> bool:
        with self.transport.lock:
            claims = self._place().claims
            if command_id in claims:
                return False
            claims[command_id] = bytes(data)
            return True

    def read_claim(self, command_id: str, *, max_bytes: int) -> ReadResult:
        with self.transport.lock:
            return read_bytes(self._place().claims.get(command_id), max_bytes=max_bytes)

    def set_aside_claim(self, command_id: str, reason: str) -> bool:
        with self.transport.lock:
            place = self._place()
            data = place.claims.pop(command_id, None)
            if data is not None:
                place.set_aside.append((f"claims/{command_id}", data, reason))
            return data is not None

    def prune_claims(self, older_than_s: float) -> None:
        self.transport.check()  # a test's run is shorter than any command's validity

    def put_ack(self, command_id: str, data: bytes) -> AckWrite:
        with self.transport.lock:
            acks = self._place().acks
            if command_id in acks:
                return AckWrite.TAKEN
            acks[command_id] = bytes(data)
            return AckWrite.WRITTEN

    def read_ack(self, command_id: str, *, max_bytes: int) -> ReadResult:
        return self.transport.read_ack(self._station_id, command_id, max_bytes=max_bytes)

    def set_aside_ack(self, command_id: str, reason: str) -> bool:
        with self.transport.lock:
            place = self._place()
            had = command_id in place.acks
            self.transport.set_aside_ack(self._station_id, command_id, reason)
            return had

    def watch_folder(self) -> Path | None:
        return None  # no file-system watcher: the loop's rescan alone

    def watch_identity(self) -> Hashable | None:
        return None
