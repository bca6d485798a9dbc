"""Opening the local database: SQLite with WAL, synchronous=FULL and foreign keys.

`Database.write()` starts an IMMEDIATE transaction (takes the write lock up front, so a
read-then-write such as appending to the audit chain never fails half way with a busy
snapshot); `Database.read()` a deferred one. Both commit on success and roll back on error.

How it fits: docs/architecture.md §2 (the transactions a unit of work runs in).
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ContextManager, Iterator, Sequence

from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from data.migrations import apply_migrations
from data.netfs import network_filesystem_reason

log = logging.getLogger(__name__)


class DatabaseError(RuntimeError):
    """The database cannot be used; the message says why and what to do."""


class NetworkDatabaseRefused(DatabaseError):
    pass



def sqlite_uri(path: Path, mode: str) -> str:
    """SQLite's URI for a file with a `mode` (ro, rw): the path percent-escaped, so "?", "#"
    or "%" in a folder's name are read as the name."""
    return f"{Path(path).resolve().as_uri()}?mode={mode}"

def driver_sql(connection: Connection, sql: str, parameters: Sequence[Any] = ()) -> Any:
    """Run one SQLite statement (qmark parameters) on the driver's connection inside
    `connection`'s transaction, and return the driver's cursor (fetchone, fetchall,
    description, rowcount). For the few statements every command's round trip crosses (each
    unit of work's BEGIN, the audit chain's head and insert, the command ledger and the sent
    commands): SQLAlchemy's own execution costs about 20 µs of CPU a statement on this
    project's 2-core VM, the driver's about 4, and in one process the admin's and the
    station's work share one interpreter lock. Errors are raised as SQLAlchemy raises them
    (an OperationalError stays one), so callers see one kind either way."""
    try:
        return connection.connection.driver_connection.execute(sql, parameters)
    except sqlite3.Error as exc:
        raise DBAPIError.instance(sql, parameters, exc, sqlite3.Error) from exc


def _configure_sqlite(engine: Engine, synchronous: str = "FULL") -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # We issue BEGIN ourselves (pysqlite's implicit transactions are not what we want).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA recursive_triggers=ON")  # REPLACE fires DELETE triggers too
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


class Database:
    """One database: an engine plus transaction helpers. Created by `open_database`."""

    def __init__(self, engine: Engine, path: Path | None):
        self.engine = engine
        self.path = path

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def write(self) -> ContextManager[Connection]:
        return self._transaction("BEGIN IMMEDIATE")

    def read(self) -> ContextManager[Connection]:
        return self._transaction("BEGIN")

    # BEGIN is issued inside SQLAlchemy's transaction (whose own begin does nothing on SQLite;
    # its commit and rollback end ours), as a statement of its own: SQLAlchemy wraps its
    # errors (a database locked past the busy timeout stays an OperationalError, never "cannot
    # be read"). Not through a "begin" event: an engine with any connection event listened to
    # dispatches events around every statement too, about 40 µs of CPU per transaction on a
    # command's round trip (this project's 2-core VM).
    @contextmanager
    def _transaction(self, begin: str) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            with connection.begin():
                driver_sql(connection, begin)
                yield connection

    def raw_sqlite_connection(self, read_only: bool = True, *,
                              synchronous: str | None = None) -> sqlite3.Connection:
        """A plain sqlite3 connection for hot loops (verify streams a million rows; the site
        view ingests them). Writers get autocommit mode: they issue BEGIN themselves."""
        if self.path is None:
            raise DatabaseError("raw connections need a file database")
        mode = "ro" if read_only else "rw"
        connection = sqlite3.connect(sqlite_uri(self.path, mode), uri=True,
                                     check_same_thread=False)
        connection.execute("PRAGMA busy_timeout=10000")
        if not read_only:
            connection.isolation_level = None
            if synchronous in ("FULL", "NORMAL"):
                connection.execute(f"PRAGMA synchronous={synchronous}")
        return connection

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(path: Path, *, allow_network: bool = False, migrate: bool = True,
                  synchronous: str = "FULL") -> Database:
    """Open (creating if needed) the SQLite database at `path` and bring its schema up to date.

    Refuses a network filesystem: SQLite's locking is unreliable there and records could be
    lost or corrupted. `synchronous` is FULL for this PC's own records; a database that can
    be rebuilt from elsewhere (the site view) may trade the last commits before a power cut
    for speed with NORMAL.
    """
    path = Path(path)
    reason = None if allow_network else network_filesystem_reason(path.parent if not path.exists() else path)
    if reason:
        raise NetworkDatabaseRefused(
            f"The local database cannot be on a network folder ({reason}). Nothing was opened "
            f"or changed. Choose a folder on this PC's own disk (set SHOPFLOOR_HOME or --home); "
            f"only the shared site folder belongs on the network."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"Cannot create the data folder {path.parent}: {exc}") from exc
    if synchronous not in ("FULL", "NORMAL"):
        raise ValueError(f"synchronous must be FULL or NORMAL, not {synchronous!r}")
    # The path as the URL's database, never parsed: "?" or "#" in a folder's name (a home
    # under "Linha #2") must not cut it short.
    engine = create_engine(URL.create("sqlite", database=str(path)), future=True)
    _configure_sqlite(engine, synchronous)
    database = Database(engine, path)
    if migrate:
        try:
            apply_migrations(database)
        except sqlite3.DatabaseError as exc:
            engine.dispose()
            raise DatabaseError(f"The database {path} cannot be read ({exc}). It was not "
                                f"changed; restore it from a backup or move it aside.") from exc
        except BaseException:  # e.g. a database from a newer program: close before refusing
            engine.dispose()
            raise
    return database
