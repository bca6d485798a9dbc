#!/usr/bin/env python3
"""What SQLite alone costs to store a catch-up's rows in the site view, by layout.

The floor under any faster reading or checking. A script, not a pytest module.

    .venv/bin/python tests/benchmarks/view_insert_floor.py SOURCE_VIEW --json PATH
        [--events N] [--dir DIR]

SOURCE_VIEW is a site view a catch-up filled and kept (`bench_site_view.py --phases catchup
--keep` keeps its work folder, the view in `office/data/site-view.sqlite3`). Its rows are read back in the order
they were stored (rowid order: the order a catch-up stores them) and stored again into empty
tables made from the view's own schema (data/view_schema.py), by the writer's statements, in
batches of the catch-up's size, each a savepoint, a commit every 50,000 events, with the
writer's settings (WAL, synchronous NORMAL, 256 MiB page cache). Only the storing is timed:
reading the source is not. Layouts:

- events as the view stores them (the table and its five indexes);
- events with the unique index and the one by time only (what the Audit tab's time order
  needs; the indexes by station, user and action left out);
- events with the unique index only;
- events without their bodies in the row (the bodies appended to a table of their own);
- events in the table alone, no index;
- records: every version (`view_record_versions`) and the current one (`view_records`, the
  indexes a first catch-up keeps).

Each layout is a database of its own, with a page cache of its own (the writer's events and
records share one): a floor, if anything on the low side. Prints a table (microseconds per
event) and writes JSON. The 50,000 events/s target leaves
20 µs an event for everything: reading, checking and storing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy.dialects import sqlite as sqlite_dialect  # noqa: E402
from sqlalchemy.schema import CreateIndex, CreateTable  # noqa: E402

from benchkit import log, machine_info  # noqa: E402
from data import view_schema  # noqa: E402
from data.view_extensions import EVENT_COLUMNS  # noqa: E402
from data.view_schema import RECORD_COLUMNS  # noqa: E402

BATCH_EVENTS = 200  # about what a catch-up's batch holds (a station's events of one round)
GROUP_EVENTS = 50_000  # utils/site/site_ingest.GROUP_EVENTS
CACHE_KIB = 256 * 1024  # data/view_store.CATCHUP_CACHE_KIB
READ_CHUNK = 20_000
BUDGET_US = 20.0  # 50,000 events/s


def _ddl(element: Any) -> str:
    return str(element.compile(dialect=sqlite_dialect.dialect()))


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", f"cache_size={-CACHE_KIB}",
                   "wal_autocheckpoint=16000"):
        connection.execute(f"PRAGMA {pragma}")
    return connection


def _rows(source: Path, sql: str, limit: int) -> Iterator[list[tuple]]:
    """The source's rows in the order they were stored, a chunk at a time."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as connection:
        cursor = connection.execute(f"{sql} LIMIT ?", (limit,))
        while chunk := cursor.fetchmany(READ_CHUNK):
            yield chunk


def _store(target: sqlite3.Connection, chunks: Iterator[list[tuple]],
           put: Callable[[sqlite3.Connection, list[tuple]], None], batch: int,
           group: int) -> tuple[float, int]:
    """Store every row in batches (a savepoint each) and groups (a commit each); returns the
    seconds spent storing and the rows."""
    spent, rows, in_group = 0.0, 0, 0
    started = time.perf_counter()
    target.execute("BEGIN IMMEDIATE")
    spent += time.perf_counter() - started
    for chunk in chunks:
        started = time.perf_counter()
        for at in range(0, len(chunk), batch):
            part = chunk[at:at + batch]
            target.execute("SAVEPOINT batch")
            put(target, part)
            target.execute("RELEASE batch")
            in_group += len(part)
            if in_group >= group:
                target.execute("COMMIT")
                target.execute("BEGIN IMMEDIATE")
                in_group = 0
        spent += time.perf_counter() - started
        rows += len(chunk)
    started = time.perf_counter()
    target.execute("COMMIT")
    target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    spent += time.perf_counter() - started
    return spent, rows


def _events_layout(name: str, folder: Path, source: Path, limit: int) -> dict[str, Any]:
    table = view_schema.view_events
    path = folder / f"{name}.sqlite3"
    target = _open(path)
    target.execute(_ddl(CreateTable(table)))
    unique = next(i for i in table.indexes if i.unique)
    by_time = next(i for i in table.indexes if i.name == "ix_view_events_ts")
    indexes = {"as_view": list(table.indexes), "no_bodies": list(table.indexes),
               "unique_and_time": [unique, by_time], "unique_only": [unique],
               "table_only": []}[name]
    for index in indexes:
        target.execute(_ddl(CreateIndex(index)))
    columns = ", ".join(EVENT_COLUMNS)
    marks = ", ".join("?" * len(EVENT_COLUMNS))
    insert = f"INSERT OR IGNORE INTO view_events ({columns}) VALUES ({marks})"
    if name == "no_bodies":
        target.execute("CREATE TABLE event_bodies (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        body_at = EVENT_COLUMNS.index("body")

        def put(connection: sqlite3.Connection, rows: list[tuple]) -> None:
            connection.executemany(insert, [(*row[:body_at], "", *row[body_at + 1:])
                                            for row in rows])
            connection.executemany("INSERT INTO event_bodies (body) VALUES (?)",
                                   [(row[body_at],) for row in rows])
    else:
        def put(connection: sqlite3.Connection, rows: list[tuple]) -> None:
            connection.executemany(insert, rows)
    chunks = _rows(source, f"SELECT {columns} FROM view_events ORDER BY id", limit)
    seconds, rows = _store(target, chunks, put, BATCH_EVENTS, GROUP_EVENTS)
    target.close()
    size = sum(p.stat().st_size for p in folder.glob(f"{name}.sqlite3*"))
    return {"seconds": round(seconds, 2), "rows": rows,
            "us_per_event": round(seconds / rows * 1e6, 2), "bytes_per_event": round(size / rows)}


def _records(folder: Path, source: Path, events: int, limit: int) -> dict[str, Any]:
    path = folder / "records.sqlite3"
    target = _open(path)
    for table in (view_schema.view_record_versions, view_schema.view_records):
        target.execute(_ddl(CreateTable(table)))
        for index in table.indexes:
            if index.name not in view_schema.DEFERRED_INDEXES:
                target.execute(_ddl(CreateIndex(index)))
    columns = ", ".join(RECORD_COLUMNS)
    marks = ", ".join("?" * len(RECORD_COLUMNS))
    version = f"INSERT OR IGNORE INTO view_record_versions ({columns}) VALUES ({marks})"
    current = f"INSERT OR REPLACE INTO view_records ({columns}) VALUES ({marks})"

    def put(connection: sqlite3.Connection, rows: list[tuple]) -> None:
        connection.executemany(version, rows)
        connection.executemany(current, rows)

    # The versions in the order they were stored; storing each as the current one too is
    # what a catch-up does for every new record (a correction replaces the current row).
    chunks = _rows(source, f"SELECT {columns} FROM view_record_versions ORDER BY rowid", limit)
    # Batches and groups of records in the proportion records bear to events in the source.
    share = max(1, round(events / max(1, limit)))
    seconds, rows = _store(target, chunks, put, max(1, BATCH_EVENTS // share),
                           max(1, GROUP_EVENTS // share))
    target.close()
    return {"seconds": round(seconds, 2), "rows": rows,
            "us_per_record": round(seconds / rows * 1e6, 2),
            "us_per_event": round(seconds / events * 1e6, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a site view a catch-up filled")
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="view-floor-", dir=args.dir))
    started_utc = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    load_before = os.getloadavg()
    machine = machine_info(folder)
    try:
        with sqlite3.connect(f"file:{args.source}?mode=ro", uri=True) as connection:
            events = min(args.events,
                         connection.execute("SELECT count(*) FROM view_events").fetchone()[0])
            records_total = connection.execute(
                "SELECT count(*) FROM view_record_versions").fetchone()[0]
            events_total = connection.execute("SELECT count(*) FROM view_events").fetchone()[0]
        # The records that come with those events, in the source's proportion.
        records = round(records_total * events / max(1, events_total))
        results: dict[str, Any] = {}
        for name in ("as_view", "unique_and_time", "unique_only", "no_bodies", "table_only"):
            log(f"  events, {name}: {events:,}")
            results[f"events_{name}"] = _events_layout(name, folder, args.source, events)
            log(f"    {results[f'events_{name}']['us_per_event']} µs an event")
        log(f"  records: {records:,}")
        results["records"] = _records(folder, args.source, events, records)
        log(f"    {results['records']['us_per_event']} µs an event")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    floor = results["events_as_view"]["us_per_event"] + results["records"]["us_per_event"]
    print(f"\n{'layout':<34} {'µs / event':>11}")
    for key, value in results.items():
        print(f"{key:<34} {value['us_per_event']:>11.2f}")
    print(f"{'floor (events as the view + records)':<34} {floor:>11.2f}"
          f"   (the 50,000/s target allows {BUDGET_US:.0f} for everything)")
    args.json.write_text(json.dumps({
        "started_utc": started_utc, "source": str(args.source), "events": events,
        "records": records, "results": results, "floor_us_per_event": round(floor, 2),
        "budget_us_per_event": BUDGET_US, "batch_events": BATCH_EVENTS,
        "group_events": GROUP_EVENTS, "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(), "machine": machine}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
