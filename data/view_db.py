"""Opening the site view's own database (data/view_schema.py) next to this PC's database.

The view is derived: every row comes from a station's sealed journal or this PC's own chain,
so it is opened with synchronous=NORMAL (a power cut may lose its last commits, which the next
reading of the journals puts back) and a view in an older format is emptied and read again
rather than migrated. It never holds anything this PC could not rebuild.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import inspect, select, text

from data import view_registry, view_schema  # view_registry: the features' tables too
from data.database import Database, open_database

log = logging.getLogger(__name__)

FORMAT_KEY = "format"
TIMEZONE_KEY = "aggregates_timezone"


def open_view_database(path: Path) -> Database:
    """The view database at `path`, created or emptied to the current format as needed."""
    database = open_database(path, migrate=False, synchronous="NORMAL")
    try:
        with database.write() as connection:
            found = _format_of(connection)
            if found == view_schema.VIEW_FORMAT:
                return database
            if found is not None or inspect(connection).get_table_names():
                log.info("Site view %s has format %s, not %d: emptied, to be read again from "
                         "the journals", path, found, view_schema.VIEW_FORMAT)
                for name in inspect(connection).get_table_names():
                    connection.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')
            view_schema.metadata.create_all(connection)
            connection.execute(view_schema.view_meta.insert().values(
                key=FORMAT_KEY, value=str(view_schema.VIEW_FORMAT)))
    except BaseException:
        database.dispose()
        raise
    return database


def _format_of(connection) -> int | None:
    if not inspect(connection).has_table("view_meta"):
        return None
    value = connection.execute(select(view_schema.view_meta.c.value).where(
        view_schema.view_meta.c.key == FORMAT_KEY)).scalar()
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def get_meta(database: Database, key: str) -> str | None:
    with database.read() as connection:
        return connection.execute(select(view_schema.view_meta.c.value).where(
            view_schema.view_meta.c.key == key)).scalar()


def put_meta(connection, key: str, value: str) -> None:
    connection.execute(text("INSERT INTO view_meta (key, value) VALUES (:key, :value) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                       {"key": key, "value": value})
