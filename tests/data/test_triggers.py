"""The append-only tables refuse UPDATE and DELETE inside the database itself, whichever way
the SQL arrives (SQLAlchemy or plain sqlite3), while INSERT keeps working."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import DBAPIError

from data import schema
from data.database import open_database

APPEND_ONLY = ("audit_events", "record_versions", "audit_checkpoints")
MESSAGE = "append-only"


def event_row(seq: int, user: str = "ana") -> dict:
    return dict(station="206", seq=seq, ts=f"2026-11-22T12:00:{seq:02d}.000Z", username=user,
                role="admin", action="user.login", entity="user", entity_id=user,
                command_id=None, prev_hash=bytes(32), hash=bytes([seq]) * 32,
                key_id="local:000000000000", mac=bytes(32), body=f'{{"seq":{seq}}}')


def version_row(record_id: str, version: int, lot: str = "L1") -> dict:
    return dict(record_id=record_id, version=version, station_id="206", lot=lot, box=version,
                size="#00", unit_weight_kg=0.000121, cam_d=4.42, cam_w=3.98, operator="op",
                recorded_at="2026-11-22T12:00:00.000Z", utc_offset_minutes=-180,
                origin="station", status="active")


def checkpoint_row(seq: int) -> dict:
    return dict(station="206", seq=seq, head_hash="ab" * 32, ts="2026-11-22T12:00:00.000Z",
                key_id="local:000000000000", sig="cd" * 32)


ROWS = {
    "audit_events": (event_row(1), event_row(2), "username", "mallory"),
    "record_versions": (version_row("r1", 1), version_row("r1", 2), "lot", "FORGED"),
    "audit_checkpoints": (checkpoint_row(20), checkpoint_row(40), "sig", "00" * 32),
}


@pytest.fixture
def database(tmp_path):
    db = open_database(tmp_path / "db.sqlite3")
    with db.write() as c:
        for table in APPEND_ONLY:
            first, second, _column, _value = ROWS[table]
            c.execute(insert(schema.metadata.tables[table]).values(**first))
            c.execute(insert(schema.metadata.tables[table]).values(**second))
    yield db
    db.dispose()


def snapshot(db, table: str) -> list[tuple]:
    with closing(sqlite3.connect(db.path)) as con:
        return con.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()


def test_triggers_exist(database):
    with closing(sqlite3.connect(database.path)) as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {f"{t}_no_{v}" for t in APPEND_ONLY for v in ("update", "delete")} <= names


# --- SQLAlchemy ------------------------------------------------------------------------------

@pytest.mark.parametrize("table", APPEND_ONLY)
def test_sqlalchemy_update_refused(database, table):
    before = snapshot(database, table)
    t = schema.metadata.tables[table]
    _first, _second, column, value = ROWS[table]
    with pytest.raises(DBAPIError, match=MESSAGE):
        with database.write() as c:
            c.execute(update(t).values(**{column: value}))
    with pytest.raises(DBAPIError, match=MESSAGE):
        with database.write() as c:
            c.execute(update(t).where(t.c[column] == ROWS[table][0][column])
                      .values(**{column: value}))
    assert snapshot(database, table) == before


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_sqlalchemy_delete_refused(database, table):
    before = snapshot(database, table)
    t = schema.metadata.tables[table]
    with pytest.raises(DBAPIError, match=MESSAGE):
        with database.write() as c:
            c.execute(delete(t))  # whole table: no truncate shortcut around the trigger
    with pytest.raises(DBAPIError, match=MESSAGE):
        with database.write() as c:
            c.execute(delete(t).where(t.c[ROWS[table][2]] == ROWS[table][1][ROWS[table][2]]))
    assert snapshot(database, table) == before


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_sqlalchemy_insert_works(database, table):
    t = schema.metadata.tables[table]
    extra = {"audit_events": event_row(3), "record_versions": version_row("r2", 1),
             "audit_checkpoints": checkpoint_row(60)}[table]
    with database.write() as c:
        c.execute(insert(t).values(**extra))
    with database.read() as c:
        assert len(c.execute(select(t)).all()) == 3


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_sqlalchemy_insert_or_replace_cannot_overwrite(database, table):
    """REPLACE deletes the conflicting row; SQLite skips DELETE triggers for it unless
    recursive_triggers is on. An overwrite is an overwrite, whatever the SQL verb."""
    before = snapshot(database, table)
    t = schema.metadata.tables[table]
    first, _second, column, value = ROWS[table]
    replacement = {**first, column: value}
    if table == "audit_checkpoints":
        replacement["id"] = before[0][0]
    with pytest.raises(DBAPIError, match=MESSAGE):
        with database.write() as c:
            c.execute(insert(t).prefix_with("OR REPLACE").values(**replacement))
    assert snapshot(database, table) == before


# --- raw sqlite3 -----------------------------------------------------------------------------

@pytest.mark.parametrize("table", APPEND_ONLY)
@pytest.mark.parametrize("statement", [
    "UPDATE {table} SET {column} = ?",
    "UPDATE {table} SET {column} = ? WHERE rowid = 1",
    "DELETE FROM {table}",
    "DELETE FROM {table} WHERE rowid = 1",
])
def test_raw_sqlite_update_and_delete_refused(database, table, statement):
    before = snapshot(database, table)
    column, value = ROWS[table][2], ROWS[table][3]
    sql = statement.format(table=table, column=column)
    params = (value,) if "?" in sql else ()
    with closing(sqlite3.connect(database.path)) as con:
        with pytest.raises(sqlite3.DatabaseError, match=MESSAGE):
            con.execute(sql, params)
        con.rollback()
    assert snapshot(database, table) == before


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_raw_sqlite_upsert_refused(database, table):
    before = snapshot(database, table)
    first, _second, column, value = ROWS[table]
    conflict = {"audit_events": "station, seq", "record_versions": "record_id, version",
                "audit_checkpoints": "id"}[table]
    row = dict(first)
    if table == "audit_checkpoints":
        row["id"] = before[0][0]
    sql = (f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)}) "
           f"ON CONFLICT({conflict}) DO UPDATE SET {column} = ?")
    with closing(sqlite3.connect(database.path)) as con:
        with pytest.raises(sqlite3.DatabaseError, match=MESSAGE):
            con.execute(sql, (*row.values(), value))
        con.rollback()
    assert snapshot(database, table) == before


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_raw_sqlite_insert_or_replace_cannot_overwrite(database, table):
    before = snapshot(database, table)
    first, _second, column, value = ROWS[table]
    row = {**first, column: value}
    if table == "audit_checkpoints":
        row["id"] = before[0][0]
    sql = f"INSERT OR REPLACE INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})"
    with closing(sqlite3.connect(database.path)) as con:
        with pytest.raises(sqlite3.DatabaseError, match=MESSAGE):
            con.execute(sql, tuple(row.values()))
        con.rollback()
    assert snapshot(database, table) == before


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_raw_sqlite_insert_works(database, table):
    extra = {"audit_events": event_row(3), "record_versions": version_row("r2", 1),
             "audit_checkpoints": checkpoint_row(60)}[table]
    with closing(sqlite3.connect(database.path)) as con:
        con.execute(f"INSERT INTO {table} ({', '.join(extra)}) "
                    f"VALUES ({', '.join('?' for _ in extra)})", tuple(extra.values()))
        con.commit()
    assert len(snapshot(database, table)) == 3
