"""Versioned schema migrations, applied in order at start, each in its own transaction.

Each migration is a function of an open write connection. Once released, a migration never
changes: a later version adds a new step. (Steps 1 and 2 were extended after release, so
databases made by those releases lack objects a new database has; step 3 adds them. The
upgrade fixtures in tests/fixtures/upgrade/ catch such drift.)
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable

from sqlalchemy import Connection, inspect, select

from data import schema
from models.canonical import format_utc

if TYPE_CHECKING:
    from data.database import Database

log = logging.getLogger(__name__)

_SQLITE_APPEND_ONLY = """
CREATE TRIGGER IF NOT EXISTS {table}_no_{verb} BEFORE {verb_upper} ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only: {verb_upper} refused'); END
"""

# INSERT OR REPLACE deletes the old row without firing DELETE triggers (unless a connection
# enables recursive_triggers), so a conflicting insert is refused outright.
_SQLITE_NO_REPLACE = """
CREATE TRIGGER IF NOT EXISTS {table}_no_replace BEFORE INSERT ON {table}
WHEN EXISTS (SELECT 1 FROM {table} WHERE {conflict})
BEGIN SELECT RAISE(ABORT, '{table} is append-only: overwriting refused'); END
"""
_CONFLICTS = {
    "record_versions": "record_id = NEW.record_id AND version = NEW.version",
    "audit_events": "id = NEW.id OR (station = NEW.station AND seq = NEW.seq)",
    "audit_checkpoints": "id = NEW.id",
}

_POSTGRES_APPEND_ONLY = """
CREATE OR REPLACE FUNCTION shopfloor_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$
LANGUAGE plpgsql;
"""


def _create_append_only_triggers(connection: Connection) -> None:
    dialect = connection.dialect.name
    if dialect == "postgresql":
        connection.exec_driver_sql(_POSTGRES_APPEND_ONLY)
    for table in schema.APPEND_ONLY_TABLES:
        if dialect == "sqlite":
            connection.exec_driver_sql(_SQLITE_NO_REPLACE.format(table=table,
                                                                 conflict=_CONFLICTS[table]))
        for verb in ("update", "delete"):
            if dialect == "sqlite":
                connection.exec_driver_sql(_SQLITE_APPEND_ONLY.format(
                    table=table, verb=verb, verb_upper=verb.upper()))
            elif dialect == "postgresql":
                connection.exec_driver_sql(
                    f"CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION shopfloor_append_only()")


def _v1_initial(connection: Connection) -> None:
    schema.metadata.create_all(connection, tables=list(schema.V1_TABLES))
    _create_append_only_triggers(connection)


def _v2_site_sync(connection: Connection) -> None:
    schema.metadata.create_all(connection, tables=list(schema.V2_TABLES))


def _v3_repair(connection: Connection) -> None:
    """Bring databases made by earlier releases level with a new one.

    A version-1 database from before the REPLACE guards lacks the `*_no_replace` triggers; a
    version-2 database from the first site-sync release lacks the site read-model tables
    (without them an edit fails with "no such table: site_record_versions") and the
    unacknowledged-commands index. Every statement skips what already exists.
    """
    tables = [*schema.V1_TABLES, *schema.V2_TABLES]
    schema.metadata.create_all(connection, tables=tables)  # checkfirst: only missing tables
    for table in tables:  # indexes of tables that existed already
        for index in table.indexes:
            index.create(connection, checkfirst=True)
    if connection.dialect.name == "sqlite":  # the PostgreSQL triggers never changed
        _create_append_only_triggers(connection)


def _v4_keys_by_role(connection: Connection) -> None:
    """Per-person signing keys on accounts; the directory log, its outbox; site lockout."""
    columns = {c["name"] for c in inspect(connection).get_columns("users")}
    for name, kind in (("public_key", "VARCHAR(64)"), ("sealed_key", "TEXT")):
        if name not in columns:
            connection.exec_driver_sql(f"ALTER TABLE users ADD COLUMN {name} {kind}")
    schema.metadata.create_all(connection, tables=list(schema.V4_TABLES))


def _v5_site_view_moved(connection: Connection) -> None:
    """The site read-model moved to a database of its own (data/view_db.py), read again from
    the journals: its old tables here held nothing else, and are dropped. The witnessed
    checkpoints (evidence, not derived) stay."""
    for name in ("site_audit_events", "site_record_versions", "site_ingest_state"):
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")


def _v6_box_index(connection: Connection) -> None:
    """The index on a record's box (station, lot, box) the legacy import looks each row up by:
    without it importing a lot of N boxes read the station's history N times. A new database
    has it already (step 1 creates the table's indexes), so it is made only where missing."""
    schema.record_box_index.create(connection, checkfirst=True)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema: users, records, lots, audit chain, checkpoints", _v1_initial),
    (2, "site sync: command ledger, sent commands, site read-model", _v2_site_sync),
    (3, "repair: REPLACE guards, site read-model and indexes missing from older databases",
     _v3_repair),
    (4, "keys by role: person keys, directory log and outbox, site-wide lockout",
     _v4_keys_by_role),
    (5, "site view moved to its own database: the old read-model tables dropped",
     _v5_site_view_moved),
    (6, "an index on a record's box (station, lot, box) for the legacy import", _v6_box_index),
]
LATEST_VERSION = MIGRATIONS[-1][0]


def current_version(connection: Connection) -> int:
    if not inspect(connection).has_table("schema_migrations"):
        return 0
    versions = connection.execute(select(schema.schema_migrations.c.version)).scalars().all()
    return max(versions, default=0)


def apply_migrations(database: "Database") -> int:
    """Apply every pending migration; returns the schema version now in force."""
    with database.write() as connection:
        version = current_version(connection)
    if version > LATEST_VERSION:
        raise RuntimeError(
            f"The database has schema version {version}, newer than this program knows "
            f"({LATEST_VERSION}). Nothing was changed: update the program.")
    for number, description, step in MIGRATIONS:
        if number <= version:
            continue
        with database.write() as connection:
            if number <= current_version(connection):  # another process got there first
                continue
            step(connection)
            schema.schema_migrations.create(connection, checkfirst=True)
            connection.execute(schema.schema_migrations.insert().values(
                version=number, description=description,
                applied_at=format_utc(datetime.now(timezone.utc))))
        log.info("Applied database migration %d: %s", number, description)
        version = number
    return version
