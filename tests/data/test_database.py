"""Opening the database: pragmas, migrations, network refusal, append-only tables."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing

import pytest

from data.database import NetworkDatabaseRefused, open_database
from data.migrations import LATEST_VERSION, current_version
from data.netfs import Mount, network_filesystem_reason


def test_pragmas_and_migrations(tmp_path):
    db = open_database(tmp_path / "db.sqlite3")
    with db.read() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert current_version(c) == LATEST_VERSION
    db.dispose()
    again = open_database(tmp_path / "db.sqlite3")  # re-opening applies nothing twice
    with again.read() as c:
        rows = c.exec_driver_sql("SELECT count(*) FROM schema_migrations").scalar()
    assert rows == LATEST_VERSION
    again.dispose()


def _other(path) -> sqlite3.Connection:
    """A second connection to the same file that never waits for a lock."""
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("PRAGMA busy_timeout=0")
    return other


def test_a_write_holds_the_write_lock_from_its_start(tmp_path):
    """IMMEDIATE: the lock is taken before the first statement, so a read-then-write (the audit
    chain's append) never fails half way; nobody else can start writing meanwhile."""
    db = open_database(tmp_path / "db.sqlite3")
    other = _other(tmp_path / "db.sqlite3")
    with db.write():
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # free again after the commit
    other.execute("ROLLBACK")
    other.close()
    db.dispose()


def test_a_write_that_finds_the_database_locked_says_so_and_leaves_it_usable(tmp_path):
    """Locked past the busy timeout: SQLAlchemy's OperationalError (the caller's "locked",
    never a database that "cannot be read"), and the pooled connection is clean after it."""
    from sqlalchemy.exc import OperationalError

    db = open_database(tmp_path / "db.sqlite3")
    with db.engine.connect() as c:  # the pool's one connection: no waiting for the lock
        c.exec_driver_sql("PRAGMA busy_timeout=0")
    other = _other(tmp_path / "db.sqlite3")
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(OperationalError, match="locked"):
        with db.write():
            pass
    other.execute("ROLLBACK")
    other.close()
    with db.write() as c:
        c.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    db.dispose()


def test_a_failed_write_keeps_none_of_its_statements(tmp_path):
    db = open_database(tmp_path / "db.sqlite3")
    with db.write() as c:
        c.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    with pytest.raises(RuntimeError):
        with db.write() as c:
            c.exec_driver_sql("INSERT INTO t VALUES (1)")
            c.exec_driver_sql("INSERT INTO t VALUES (2)")
            raise RuntimeError("fails half way")
    with db.read() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM t").scalar() == 0
    db.dispose()


def test_a_read_sees_one_moment(tmp_path):
    """Every statement of a read sees the same snapshot, however others commit meanwhile."""
    db = open_database(tmp_path / "db.sqlite3")
    with db.write() as c:
        c.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    other = _other(tmp_path / "db.sqlite3")
    with db.read() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM t").scalar() == 0
        other.execute("INSERT INTO t VALUES (1)")
        assert c.exec_driver_sql("SELECT count(*) FROM t").scalar() == 0
    with db.read() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM t").scalar() == 1
    other.close()
    db.dispose()


@pytest.mark.parametrize("path,mounts,expected", [
    (r"\\server\share\db.sqlite3", [], "UNC"),
    ("//server/share/db.sqlite3", [], "UNC"),
    ("/mnt/plant/db.sqlite3", [Mount("/", "ext4"), Mount("/mnt/plant", "cifs")], "cifs"),
    ("/srv/nfs/x/db.sqlite3", [Mount("/", "ext4"), Mount("/srv/nfs", "nfs4")], "nfs4"),
    ("/home/op/db.sqlite3", [Mount("/", "ext4"), Mount("/mnt/plant", "smb3")], None),
])
def test_network_detection(path, mounts, expected):
    reason = network_filesystem_reason(path, mounts=lambda: mounts)
    if expected is None:
        assert reason is None
    else:
        assert reason is not None and expected in reason


def test_database_on_network_mount_is_refused_and_nothing_created(tmp_path, monkeypatch):
    import data.database as database_module

    monkeypatch.setattr(database_module, "network_filesystem_reason",
                        lambda path: f"{path} is on a cifs network mount (/mnt/share)")
    target = tmp_path / "share" / "db.sqlite3"
    with pytest.raises(NetworkDatabaseRefused) as error:
        open_database(target)
    message = str(error.value)
    assert "network folder" in message and "own disk" in message
    assert not target.exists()


def test_a_folder_named_with_uri_characters_holds_the_database_itself(tmp_path):
    """"?" cut the path short in the engine's URL (the database went to "…/Linha #2 "), "#"
    and "?" in a raw connection's URI: the name is the name."""
    folder = tmp_path / ("Linha #2 ?a%20b" if os.name != "nt" else "Linha #2 %20b")
    path = folder / "shopfloor.sqlite3"
    database = open_database(path)
    try:
        with database.write() as connection:
            connection.exec_driver_sql("CREATE TABLE probe (x INTEGER)")
            connection.exec_driver_sql("INSERT INTO probe VALUES (7)")
        with closing(database.raw_sqlite_connection()) as connection:
            assert connection.execute("SELECT x FROM probe").fetchone() == (7,)
    finally:
        database.dispose()
    assert path.is_file() and sorted(p.name for p in tmp_path.iterdir()) == [folder.name]
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT x FROM probe").fetchone() == (7,)
