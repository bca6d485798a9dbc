"""The index on a record's box (station, lot, box) reaches databases made before it existed.

The legacy import looks each row's box up by it (data/legacy_boxes.py). A new database gets it
with the table; a PC's existing database gets it from migration 6 when the program opens it:
one made by the release before (schema version 5, no such index) and the upgrade fixtures
written by old releases (tests/fixtures/upgrade/). Their records stay as they were.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from data.database import open_database
from data.migrations import LATEST_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "upgrade"
INDEX = "ix_record_versions_box"


def box_indexes(path: Path) -> list[tuple[str, list[str]]]:
    """The indexes of record_versions on exactly (station_id, lot, box), with their columns,
    as SQLite describes them (a plain connection, not the code under test)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = []
        for _seq, name, *_rest in connection.execute("PRAGMA index_list(record_versions)"):
            columns = [row[2] for row in connection.execute(f'PRAGMA index_info("{name}")')]
            if columns == ["station_id", "lot", "box"]:
                found.append((name, columns))
        return found
    finally:
        connection.close()


def versions_and_records(path: Path) -> tuple[list[int], list[tuple]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        versions = [v for (v,) in connection.execute(
            "SELECT version FROM schema_migrations ORDER BY version")]
        records = connection.execute(
            "SELECT * FROM record_versions ORDER BY record_id, version").fetchall()
        return versions, records
    finally:
        connection.close()


def open_and_close(path: Path) -> None:
    open_database(path).dispose()


def test_a_new_database_has_the_index(tmp_path):
    path = tmp_path / "new.sqlite3"
    open_and_close(path)
    assert box_indexes(path) == [(INDEX, ["station_id", "lot", "box"])]


def test_a_database_of_the_release_before_gets_the_index(tmp_path):
    """Made as that release made it: today's schema less the index and migration 6."""
    path = tmp_path / "v5.sqlite3"
    open_and_close(path)
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(f"DROP INDEX IF EXISTS {INDEX}")
            connection.execute("DELETE FROM schema_migrations WHERE version > 5")
    finally:
        connection.close()
    assert box_indexes(path) == [] and versions_and_records(path)[0] == [1, 2, 3, 4, 5]

    open_and_close(path)

    assert box_indexes(path) == [(INDEX, ["station_id", "lot", "box"])]
    assert versions_and_records(path)[0] == list(range(1, LATEST_VERSION + 1))
    assert LATEST_VERSION >= 6


@pytest.mark.parametrize("name", ["v1-10f95d3", "v2-5a62e3b"])
def test_databases_written_by_old_releases_get_the_index_and_keep_their_records(name,
                                                                                 tmp_path):
    path = tmp_path / "shopfloor.sqlite3"
    shutil.copyfile(FIXTURES / name / "home" / "data" / "shopfloor.sqlite3", path)
    _versions, records = versions_and_records(path)
    assert box_indexes(path) == [] and len(records) == 16

    open_and_close(path)

    assert box_indexes(path) == [(INDEX, ["station_id", "lot", "box"])]
    assert versions_and_records(path)[1] == records
