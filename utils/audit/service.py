"""Verifying the chains stored in a local database, with progress and cancellation."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from data import audit_repo
from data.database import Database
from utils.audit.chain import genesis_hash, read_checkpoint_file
from utils.audit.keys import KeyRing
from utils.audit.verify import VerifyResult, verify_stream

ProgressCallback = Callable[[str, int, int | None], None]


def verify_station(database: Database, station: str, *, anchor: str, keyring: KeyRing,
                   witness_files: tuple[Path, ...] = (),
                   progress: ProgressCallback | None = None,
                   cancel: threading.Event | None = None) -> VerifyResult:
    """Verify one station's chain in `database` against its checkpoints and the witnesses."""
    with database.read() as connection:
        stored = audit_repo.checkpoints(connection, station)
        total = audit_repo.event_count(connection, station)
    witnessed = [cp for path in witness_files
                 if (cp := read_checkpoint_file(path).get(station)) is not None]
    reader = database.raw_sqlite_connection()
    checker = database.raw_sqlite_connection()
    try:
        return verify_stream(
            audit_repo.iter_chain_sqlite(reader, station), station=station,
            genesis=genesis_hash(anchor, station), keyring=keyring,
            checkpoints=[*stored, *witnessed], total=total,
            progress=None if progress is None else (lambda done, all_: progress(station, done, all_)),
            cancel=None if cancel is None else cancel.is_set,
            consistency=lambda: _consistency(checker, station),
            stop_consistency=checker.interrupt, require_known_keys=True)
    finally:
        reader.close()
        checker.close()


def _consistency(connection, station: str) -> int | None:
    import sqlite3

    try:
        return audit_repo.first_inconsistent_row_sqlite(connection, station)
    except sqlite3.OperationalError:  # interrupted on cancel
        return None


def verify_database(database: Database, *, anchor: str, keyring: KeyRing,
                    witness_files: tuple[Path, ...] = (),
                    progress: ProgressCallback | None = None,
                    cancel: threading.Event | None = None) -> list[VerifyResult]:
    """Every chain in the database, plus stations known only from a witness (all deleted)."""
    with database.read() as connection:
        stations = set(audit_repo.stations(connection))
    for path in witness_files:
        stations.update(read_checkpoint_file(path))
    results = []
    for station in sorted(stations):
        result = verify_station(database, station, anchor=anchor, keyring=keyring,
                                witness_files=witness_files, progress=progress, cancel=cancel)
        results.append(result)
        if result.cancelled:
            break
    return results
