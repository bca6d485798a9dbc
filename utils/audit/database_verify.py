"""Verifying the chains stored in a local database, with progress and cancellation."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Callable

from data import audit_repo
from data.database import Database
from utils.audit import records
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
    try:
        return audit_repo.first_inconsistent_row_sqlite(connection, station)
    except sqlite3.OperationalError:  # interrupted on cancel
        return None


def verify_database(database: Database, *, anchor: str, keyring: KeyRing,
                    witness_files: tuple[Path, ...] = (),
                    progress: ProgressCallback | None = None,
                    cancel: threading.Event | None = None,
                    home: str | None = None) -> list[VerifyResult]:
    """Every chain in the database, plus stations known only from a witness (all deleted),
    and the record table against the chains (utils/audit/records.py), reported on the result
    of chain `home` (this PC's own). The record check runs in a thread of its own meanwhile
    (inside SQLite, which lets the hash pass run on the other core)."""
    with database.read() as connection:
        stations = set(audit_repo.stations(connection))
    for path in witness_files:
        stations.update(read_checkpoint_file(path))
    stop = threading.Event()  # the chains failed or were cancelled: the record check stops
    checked: list = []
    failed: list[BaseException] = []

    def check() -> None:
        try:
            checked.append(records.check_database(
                database, cancelled=lambda: stop.is_set() or bool(cancel and cancel.is_set())))
        except BaseException as exc:  # raised again on the caller's thread
            failed.append(exc)

    thread = threading.Thread(target=check, name="verify-records", daemon=True)
    thread.start()
    results = []
    try:
        for station in sorted(stations):
            result = verify_station(database, station, anchor=anchor, keyring=keyring,
                                    witness_files=witness_files, progress=progress,
                                    cancel=cancel)
            results.append(result)
            if result.cancelled:
                stop.set()
                break
    except BaseException:
        stop.set()
        raise
    finally:
        thread.join()
    if failed:
        raise failed[0]
    if any(r.cancelled for r in results):
        return results
    if not checked or checked[0] is None:  # cancelled while the records were checked
        return [*results, VerifyResult(home or "", False, 0, cancelled=True, detail="cancelled")]
    return records.merge(results, checked[0], home)
