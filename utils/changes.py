"""The one way state changes: a unit of work that writes, audits, commits, witnesses, publishes.

Every change a person or the system makes to this PC's database goes through `Changes.begin`:

    with ctx.changes.begin(session.actor, Topic.RECORDS) as tx:
        records_repo.insert_version(tx.connection, record)
        tx.audit("record.create", entity="record", entity_id=record_id, after=...)

In that order, and only in that order: the rows and their audit events are written in one
SQLite transaction (both or neither); the transaction commits; the local witness file receives
the newest signed checkpoint (utils/audit/chain.py `write_witness`); then one typed `Change`
(what changed: the topic, the audit actions, the last event's seq) goes to every subscriber.
A body that raises rolls everything back and publishes nothing. `record` is the same for a
change that is only an event (a login, a refusal, an export).

Subscribers are told after the commit, on the committing thread, and must be quick (the sync
service wakes its journal export and status; the site view follower wakes up). One that raises
is logged with its traceback (a bug) and the others are still told: a committed change is never
reported to its caller as failed because a listener broke.

Writes that are not changes of state are written by their owners and not audited here: the
projections of signed share data into local tables (the site directory's operations and
accounts, lockout counts, witnessed checkpoints of other stations), the site view (a cache of
the journals), the sync transport's own bookkeeping (an ack marked as written, this PC's session
kept for its standing; the entry lock and the product size are changes of state, made here) and the generators of synthetic sites (`shopfloor demo`, the benchmarks), which
build other stations' chains as those stations would.

How it fits: docs/architecture.md §2, "One way to change state".
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Callable, Iterator

from sqlalchemy import Connection

from data.database import Database
from models.audit_event import AuditEvent
from utils.audit.chain import Actor, AuditLog
from utils.listeners import tell_each

log = logging.getLogger(__name__)


class Topic(StrEnum):
    """What a change touched, for subscribers that care about one kind only."""

    RECORDS = "records"  # production records, versions, voids, imports
    LOT = "lot"  # the station's lot and box counter
    STATION = "station"  # the station's entry lock and product size (station_state.py)
    USERS = "users"  # accounts, passwords, lockouts, sessions
    CATALOG = "catalog"  # the site catalog in force on this PC
    SETTINGS = "settings"  # this PC's settings
    COMMANDS = "commands"  # remote commands sent, received, executed
    RELEASE = "release"  # a lot's signed decisions and the acknowledgements of its exceptions
    FLEET = "fleet"  # alarms acknowledged, other stations' state as this PC records it
    AUDIT = "audit"  # only an event: logins, refusals, exports, backups, verifications
    DOWNTIME = "downtime"  # a stop opened, closed, declared or classified
    SPC = "spc"  # a chart's control limits frozen from a baseline period
    HANDOVER = "handover"  # a shift's handover signed, acknowledged, or a signed note added
    LABELS = "labels"  # a box or lot label printed or reprinted


@dataclass(frozen=True)
class Change:
    """One committed unit of work."""

    topic: Topic
    actions: tuple[str, ...]  # the audit actions it wrote, in order
    last_seq: int | None  # the chain position of its last event (None: no event)


Subscriber = Callable[[Change], None]


class ChangeBus:
    """Who hears about committed changes. Thread-safe: subscribers come and go from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[tuple[Subscriber, frozenset[Topic] | None]] = []

    def subscribe(self, subscriber: Subscriber, topics: set[Topic] | None = None) -> None:
        """`subscriber` hears every change, or only those of `topics`."""
        with self._lock:
            self._subscribers.append((subscriber, frozenset(topics) if topics else None))

    def unsubscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            self._subscribers = [entry for entry in self._subscribers if entry[0] != subscriber]

    def subscribed(self, subscriber: Subscriber) -> bool:
        with self._lock:
            return any(entry[0] == subscriber for entry in self._subscribers)

    def publish(self, change: Change) -> None:
        with self._lock:
            targets = [s for s, topics in self._subscribers if topics is None or change.topic in topics]
        tell_each(targets, change, log=log,
                  failure=f"A listener failed on a committed {change.topic} change")


class Transaction:
    """The open unit of work: its connection, and the audit events it adds."""

    def __init__(self, connection: Connection, audit: AuditLog, actor: Actor):
        self.connection = connection
        self.actor = actor
        self._audit = audit
        self.events: list[AuditEvent] = []

    def audit(self, action: str, *, actor: Actor | None = None, **fields: Any) -> AuditEvent:
        """Append one audit event in this transaction (by the unit's actor unless another is
        named: a command's events are the system's, inside a person's unit)."""
        event = self._audit.append(self.connection, actor or self.actor, action, **fields)
        self.events.append(event)
        return event


class Changes:
    """The unit-of-work factory of one PC's database (one per AppContext)."""

    def __init__(self, database: Database, audit: AuditLog, bus: ChangeBus | None = None):
        self.database = database
        self.audit = audit
        self.bus = bus or ChangeBus()

    @contextmanager
    def begin(self, actor: Actor, topic: Topic) -> Iterator[Transaction]:
        with self.audit.writing() as connection:
            tx = Transaction(connection, self.audit, actor)
            yield tx
        try:
            self.audit.write_witness()
        except OSError as exc:
            # Committed: the change stands and is told. The witness is the chain's evidence
            # outside the database; the next checkpoint writes it again.
            log.warning("The audit witness file could not be written (%s); the change is "
                        "saved, and the next checkpoint writes the witness again", exc)
        self.bus.publish(Change(topic, tuple(e.action for e in tx.events),
                                tx.events[-1].seq if tx.events else None))

    def record(self, actor: Actor, action: str, *, topic: Topic = Topic.AUDIT,
               **fields: Any) -> AuditEvent:
        """A change that is one audit event, in its own durable transaction."""
        with self.begin(actor, topic) as tx:
            return tx.audit(action, **fields)
