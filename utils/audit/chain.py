"""Appending to a station's audit chain.

`hash = SHA-256(prev_hash || body)` where `body` is the canonical JSON of the event (which holds
its own `seq` and `station`). The first event's `prev_hash` is derived from the chain anchor
(the site id) and the station id. An event is always written in the caller's transaction, so a
change and its audit event are stored together or not at all.

How it fits: docs/architecture.md §2, "One way to change state" (the witness after the commit).
"""

from __future__ import annotations

import hashlib
import json
import logging
import socket
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import Connection

from data import audit_repo
from data.audit_repo import StoredCheckpoint
from data.database import Database
from models.audit_event import AuditEvent
from models.bounded_json import JsonLimits, parse_json
from models.canonical import canonical_bytes, format_utc
from utils.atomic_io import atomic_write_text
from utils.file_lock import FileLock
from utils.audit.keys import SigningKey
from utils.clock import Clock, SystemClock

log = logging.getLogger(__name__)

# The witness file holds one checkpoint per station (a few hundred bytes each): bounded like
# anything read from the share, so a damaged or planted file can only be "unreadable".
WITNESS_LIMITS = JsonLimits(max_bytes=16 * 1024 * 1024)


def genesis_hash(anchor: str, station: str) -> bytes:
    return hashlib.sha256(canonical_bytes(
        {"genesis": True, "anchor": anchor, "station": station})).digest()


def event_hash(prev_hash: bytes, body: str | bytes) -> bytes:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return hashlib.sha256(prev_hash + data).digest()


@dataclass(frozen=True)
class Actor:
    """Who did something: a user and role, or the system (user None)."""

    user: str | None
    role: str | None

    @classmethod
    def system(cls) -> "Actor":
        return cls(None, "system")


class AuditLog:
    """The audit trail of one station in one database."""

    def __init__(self, database: Database, *, anchor: str, station: str, key: SigningKey,
                 checkpoint_file: Any = None, checkpoint_every: int = 500,
                 clock: Clock | None = None, host: str | None = None):
        self.database = database
        self.anchor = anchor
        self.station = station
        self.key = key
        self.checkpoint_file = checkpoint_file
        self.checkpoint_every = checkpoint_every
        self.clock = clock or SystemClock()
        self.host = host or socket.gethostname()
        # The checkpoint a write transaction made, for the witness after its commit: per
        # thread (a thread has one write transaction at a time), so one thread's commit never
        # hands on another's checkpoint that is not committed yet (or will be rolled back).
        self._pending = threading.local()
        # Seq of the last checkpoint, read once: asking the database on every append costs
        # more than the append. If another process wrote one meanwhile, ours just comes early.
        self._last_checkpoint_seq: int | None = None

    # -- appending ---------------------------------------------------------------------------

    def append(self, connection: Connection, actor: Actor, action: str, *,
               entity: str | None = None, entity_id: str | None = None, before: Any = None,
               after: Any = None, reason: str | None = None,
               command_id: str | None = None) -> AuditEvent:
        """Add one event inside the caller's (write) transaction."""
        head = audit_repo.chain_head(connection, self.station)
        seq, prev = (1, genesis_hash(self.anchor, self.station)) if head is None else (
            head[0] + 1, head[1])
        event = AuditEvent(station=self.station, seq=seq, ts=format_utc(self.clock.now()),
                           user=actor.user, role=actor.role, action=action, entity=entity,
                           entity_id=entity_id, host=self.host, before=before, after=after,
                           reason=reason, command_id=command_id)
        body = event.body()
        digest = event_hash(prev, body)
        audit_repo.insert_event(
            connection, station=self.station, seq=seq, ts=event.ts, username=actor.user,
            role=actor.role, action=action, entity=entity, entity_id=entity_id,
            command_id=command_id, prev_hash=prev, hash_=digest, key_id=self.key.key_id,
            mac=self.key.mac(digest), body=body)
        last = self._last_checkpoint_seq  # read once: a rollback on another thread resets it
        if last is None:
            last = self._last_checkpoint_seq = audit_repo.last_checkpoint_seq(connection,
                                                                               self.station)
        if seq - last >= self.checkpoint_every:
            self._write_checkpoint_row(connection, seq, digest)
        return event

    # -- checkpoints -------------------------------------------------------------------------

    def checkpoint_now(self) -> StoredCheckpoint | None:
        """Sign the current head (at shutdown, before a backup, on request)."""
        with self.writing() as connection:
            head = audit_repo.chain_head(connection, self.station)
            if head is None:
                return None
            if audit_repo.last_checkpoint_seq(connection, self.station) == head[0]:
                self._pending.checkpoint = audit_repo.checkpoints(connection, self.station)[-1]
            else:
                self._write_checkpoint_row(connection, head[0], head[1])
        return self.write_witness()

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction of this database (the unit of work's, utils/changes.py, and a
        checkpoint's). Rolled back, a checkpoint made in it is no checkpoint (its event is
        gone) and must never reach the witness; committed, the caller hands it on with
        `write_witness`."""
        try:
            with self.database.write() as connection:
                yield connection
        except BaseException:
            self._rolled_back()
            raise

    def _write_checkpoint_row(self, connection: Connection, seq: int, head: bytes) -> None:
        unsigned = StoredCheckpoint(self.station, seq, head.hex(), format_utc(self.clock.now()),
                                    self.key.key_id, "")
        checkpoint = StoredCheckpoint(**{**unsigned.__dict__, "sig": self.key.sign(unsigned.payload())})
        audit_repo.insert_checkpoint(connection, checkpoint)
        self._pending.checkpoint = checkpoint
        self._last_checkpoint_seq = seq

    def write_witness(self) -> StoredCheckpoint | None:
        """After a commit: the newest signed checkpoint, if this thread's commit made one, goes
        to the witness file outside the database (utils/changes.py calls it for every change)."""
        checkpoint = getattr(self._pending, "checkpoint", None)
        self._pending.checkpoint = None
        if checkpoint is not None and self.checkpoint_file is not None:
            write_checkpoint_file(self.checkpoint_file, checkpoint, holds=self._holds)
        return checkpoint

    def _rolled_back(self) -> None:
        """This thread's write transaction was rolled back: the checkpoint it made is dropped,
        and the last checkpoint's seq is read again."""
        self._pending.checkpoint = None
        self._last_checkpoint_seq = None

    def _holds(self, seq: int, head_hash: str) -> bool:
        """Whether this chain's event `seq` is the one whose hash is `head_hash`."""
        with self.database.read() as connection:
            found = audit_repo.events_after(connection, self.station, seq - 1, 1)
        return bool(found) and found[0][0] == seq and bytes(found[0][2]).hex() == head_hash


def checkpoint_to_json(checkpoint: StoredCheckpoint) -> dict:
    return {**checkpoint.payload(), "sig": checkpoint.sig}


def checkpoint_from_json(raw: dict) -> StoredCheckpoint:
    return StoredCheckpoint(str(raw["station"]), int(raw["seq"]), str(raw["head_hash"]),
                            str(raw["ts"]), str(raw["key_id"]), str(raw["sig"]))


def read_checkpoint_file(path: Any) -> dict[str, StoredCheckpoint]:
    """Latest checkpoint per station from the witness file ({} when there is none)."""
    try:
        with open(path, "rb") as handle:
            raw = parse_json(handle.read(WITNESS_LIMITS.max_bytes + 1), WITNESS_LIMITS)
        return {station: checkpoint_from_json(item) for station, item in raw["stations"].items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("Checkpoint file %s unreadable: %s", path, exc)
        return {}


# Each thread hands on its own commit's checkpoint (AuditLog.write_witness): two threads
# reading the file at once would each write back what they read, and the later write could
# move the witness backwards. One read-and-write at a time in this process.
_WITNESS_LOCK = threading.Lock()
# How long a writer of the witness waits for another process's write (a few milliseconds
# each); past it, the witness is not written this time (a warning; the next checkpoint
# writes it: utils/changes.py).
WITNESS_LOCK_WAIT_S = 10.0


def write_checkpoint_file(path: Any, checkpoint: StoredCheckpoint, *,
                          holds: Callable[[int, str], bool] | None = None) -> None:
    """Keep `checkpoint` as the station's witness, unless that would lose evidence: the
    witness never moves backwards, and never forward onto a chain that no longer holds the
    event it witnessed (`holds(seq, head_hash)`: an older copy put back and continued past it;
    verify then names the fork)."""
    # One read-and-write at a time: among this process's threads, and among the processes of
    # one home (the app, the agent, a command line), or one could write back the older
    # checkpoint it read over a later one another wrote meanwhile.
    with _WITNESS_LOCK, FileLock(witness_lock_file(path)).holding(WITNESS_LOCK_WAIT_S):
        _write_checkpoint_file(path, checkpoint, holds)


def witness_lock_file(path: Any) -> Path:
    """The file whose lock a writer of the witness `path` holds (beside it)."""
    path = Path(path)
    return path.with_name(f"{path.name}.lock")


def _write_checkpoint_file(path: Any, checkpoint: StoredCheckpoint,
                           holds: Callable[[int, str], bool] | None) -> None:
    current = read_checkpoint_file(path)
    previous = current.get(checkpoint.station)
    if previous is not None and previous.seq > checkpoint.seq:
        return  # never move the witness backwards
    if previous is not None and holds is not None and previous.head_hash != checkpoint.head_hash \
            and not holds(previous.seq, previous.head_hash):
        log.error("Station %s: the chain no longer holds event %d as it was signed earlier (an "
                  "older copy put back and continued?); the witness of event %d is kept for "
                  "verify", checkpoint.station, previous.seq, previous.seq)
        return
    current[checkpoint.station] = checkpoint
    atomic_write_text(path, json.dumps(
        {"v": 1, "stations": {k: checkpoint_to_json(v) for k, v in sorted(current.items())}},
        indent=1, sort_keys=True))
