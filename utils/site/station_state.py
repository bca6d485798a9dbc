"""This station's own state kept across restarts: the production entry lock and the product
size (the `meta` table of this PC's database). One owner, used by the command handlers
(`utils/site/executor.py`), the sync service's status and the station window; see
docs/architecture.md, "The sync service in parts".

A change of the lock or the size is a unit of work of its own (`utils/changes.py`): the key and
its audit event (`station.locked`, `station.unlocked`, `station.size`, naming the command that
made it) in one commit, published to subscribers (Topic.STATION). Before, the key was committed
with no event: a crash before the command's outcome left a locked station whose trail said
the lock had failed (utils/site/command_ledger.py `settle_interrupted` now reads that event).
"""

from __future__ import annotations

from data import meta_repo
from data.database import Database
from utils.audit.chain import Actor
from utils.changes import Changes, Topic
from utils.production import ProductionService

LOCK_META_KEY = "station.entry_lock"
SIZE_META_KEY = "station.size"
LAST_SESSION_META_KEY = "station.last_session"
# When that session began acting (this PC's clock, UTC): an older status of this PC's put back
# on the share is told from a copy that ran after it (utils/site/standing.py).
LAST_SESSION_STARTED_META_KEY = "station.last_session_started"


def stored_size(database: Database) -> str | None:
    """The product size a command set on this station; None when none was set."""
    with database.read() as connection:
        return meta_repo.get(connection, SIZE_META_KEY) or None


class StationState:
    """The lock and the size of this station: written to the database first (a restart keeps
    them), then shown to production (which refuses new boxes while locked)."""

    def __init__(self, database: Database, production: ProductionService, changes: Changes,
                 station_id: str):
        self.database = database
        self.production = production
        self.changes = changes
        self.station_id = station_id

    def get(self, key: str) -> str | None:
        with self.database.read() as connection:
            return meta_repo.get(connection, key)

    def put_all(self, values: dict[str, str | None]) -> None:
        """The sync service's own bookkeeping (its session), several keys in one commit: no
        state of the station's, no audit event."""
        with self.database.write() as connection:
            for key, value in values.items():
                meta_repo.put(connection, key, "" if value is None else value)

    def restore(self) -> None:
        """At start: a station locked before a restart stays locked."""
        self.production.locked_reason = self.get(LOCK_META_KEY) or None

    def lock(self, reason: str, actor: Actor, command_id: str | None = None) -> None:
        self._change(LOCK_META_KEY, reason, "station.locked", {"reason": reason}, actor,
                     command_id)  # a restart does not unlock the station
        self.production.locked_reason = reason

    def unlock(self, actor: Actor, command_id: str | None = None) -> None:
        self._change(LOCK_META_KEY, None, "station.unlocked", None, actor, command_id)
        self.production.locked_reason = None

    def size(self) -> str | None:
        return stored_size(self.database)

    def set_size(self, size: str, actor: Actor, command_id: str | None = None) -> None:
        self._change(SIZE_META_KEY, size, "station.size", {"size": size}, actor, command_id)

    def _change(self, key: str, value: str | None, action: str, after: dict | None,
                actor: Actor, command_id: str | None) -> None:
        with self.changes.begin(actor, Topic.STATION) as tx:
            meta_repo.put(tx.connection, key, "" if value is None else value)
            tx.audit(action, entity="station", entity_id=self.station_id, after=after,
                     command_id=command_id)
