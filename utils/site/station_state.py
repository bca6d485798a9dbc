"""This station's own state kept across restarts: the production entry lock and the product
size (the `meta` table of this PC's database). One owner, used by the command handlers
(`utils/site/executor.py`), the sync service's status and the station window; see
docs/architecture.md, "The sync service in parts"."""

from __future__ import annotations

from data import meta_repo
from data.database import Database
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

    def __init__(self, database: Database, production: ProductionService):
        self.database = database
        self.production = production

    def get(self, key: str) -> str | None:
        with self.database.read() as connection:
            return meta_repo.get(connection, key)

    def put(self, key: str, value: str | None) -> None:
        self.put_all({key: value})

    def put_all(self, values: dict[str, str | None]) -> None:
        """Several keys in one commit."""
        with self.database.write() as connection:
            for key, value in values.items():
                meta_repo.put(connection, key, "" if value is None else value)

    def restore(self) -> None:
        """At start: a station locked before a restart stays locked."""
        self.production.locked_reason = self.get(LOCK_META_KEY) or None

    def lock(self, reason: str) -> None:
        self.put(LOCK_META_KEY, reason)  # a restart does not unlock the station
        self.production.locked_reason = reason

    def unlock(self) -> None:
        self.put(LOCK_META_KEY, None)
        self.production.locked_reason = None

    def size(self) -> str | None:
        return stored_size(self.database)

    def set_size(self, size: str) -> None:
        self.put(SIZE_META_KEY, size)
