#!/usr/bin/env python3
"""Audit chain benchmark on a real SQLite file (a script, not a pytest module).

    python tests/benchmarks/bench_audit.py [--records N] [--quick] --json PATH

Measures, in one run, in a fresh temporary folder on this PC's disk:

- durable_append_per_s   `AuditLog.record`: one event per IMMEDIATE transaction, committed
                         with synchronous=FULL. Two sustained windows: the first appends of
                         an empty chain, and the same number once the chain holds N events.
                         The metric is the lower of the two.
- batched_append_per_s   many `AuditLog.append` calls per `database.write()` transaction;
                         this is also how the N-event chain is built.
- verify_per_s           `verify_database` over the N-event chain (median of a few runs;
                         the page cache is warm, as right after the chain was written).
- reference_append_per_s the old system's audit log (REFERENCE.md): the whole JSON file is
                         loaded, one entry (hashed alone, no chain, no key) appended, and the
                         whole file rewritten, for every event; measured up to a few thousand
                         events because each append costs O(n).
- records                N.

Prints a table (metric, value, target, pass/fail) and writes
`{"metrics", "targets", "machine", "params", "pass"}` as JSON. `--quick` (N = 50,000) finishes
in well under a minute. The file name is bench_*.py so pytest's `test_*.py` collection never
picks it up.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit  # noqa: E402  (shared with the other benchmark scripts)
from benchkit import log  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from data.database import open_database  # noqa: E402
from utils.audit.chain import Actor, AuditLog  # noqa: E402
from utils.changes import Changes, Topic  # noqa: E402
from utils.audit.keys import KeyRing, load_or_create_local_key  # noqa: E402
from utils.audit.database_verify import verify_database  # noqa: E402

DEFAULT_RECORDS = 1_000_000
QUICK_RECORDS = 50_000
TARGET_RECORDS = 1_000_000  # the durable target is stated for a chain of this size
TARGETS = {"durable_append_per_s": 2_000.0, "verify_per_s": 300_000.0}

ANCHOR = "site-bench"
STATION = "206"
ACTOR = Actor("maria", "operator")
# Not one of the record actions (models/record.RECORD_EVENT_ACTIONS): this chain has no record
# table behind it, and verify checks every record event against its stored version (that check
# is measured by bench_release.py on a station's year).
ACTION = "bench.record"
DEFECTS = ("Amassada", "Furo", "Rachada", "Short", "Suja")
LOCATIONS = ("Cap", "Body", "Cap/Body")


def payload(n: int) -> dict:
    """A production record as an audit event's `after`: the typical event of a station."""
    return {
        "record_id": f"206-{n:010d}", "version": 1, "station_id": STATION,
        "lot": f"L2511-{n // 500:05d}", "box": n % 500 + 1, "size": "#00",
        "unit_weight_kg": 0.000121,
        "rej1_defect": DEFECTS[n % 5], "rej1_location": LOCATIONS[n % 3],
        "rej2_defect": None, "rej2_location": None, "rej3_defect": None, "rej3_location": None,
        "cam_d": round(2 + (n % 400) / 100, 2), "cam_w": round(1.5 + (n % 300) / 100, 2),
        "operator": "maria", "origin": "station", "status": "active",
    }


def event_fields(n: int) -> dict:
    return {"entity": "record", "entity_id": f"206-{n:010d}", "after": payload(n)}


# --- the product's audit chain -----------------------------------------------------------------

class Bench:
    def __init__(self, folder: Path):
        self.folder = folder
        self.database = open_database(folder / "bench.sqlite3")
        self.key = load_or_create_local_key(folder / "bench.key")
        self.checkpoint_file = folder / "checkpoint.json"
        self.audit = AuditLog(self.database, anchor=ANCHOR, station=STATION, key=self.key,
                              checkpoint_file=self.checkpoint_file, host="bench-pc")
        self.changes = Changes(self.database, self.audit)
        self.count = 0

    def durable(self, count: int) -> float:
        """`count` appends, each its own durable transaction; events per second."""
        start = time.perf_counter()
        for _ in range(count):
            self.count += 1
            self.changes.record(ACTOR, ACTION, **event_fields(self.count))
        return count / (time.perf_counter() - start)

    def batched(self, upto: int, batch: int) -> tuple[int, float]:
        """Append until the chain holds `upto` events, `batch` per transaction."""
        first = self.count
        start = time.perf_counter()
        next_report = start + 10
        while self.count < upto:
            size = min(batch, upto - self.count)
            with self.changes.begin(ACTOR, Topic.AUDIT) as tx:
                for _ in range(size):
                    self.count += 1
                    tx.audit(ACTION, **event_fields(self.count))
            now = time.perf_counter()
            if now >= next_report:
                rate = (self.count - first) / (now - start)
                log(f"  batched: {self.count:,}/{upto:,} events ({rate:,.0f}/s)")
                next_report = now + 10
        appended = self.count - first
        return appended, (appended / (time.perf_counter() - start) if appended else 0.0)

    def verify(self, expected: int) -> float:
        start = time.perf_counter()
        results = verify_database(self.database, anchor=ANCHOR, keyring=KeyRing(self.key),
                                  witness_files=(self.checkpoint_file,))
        elapsed = time.perf_counter() - start
        if len(results) != 1 or not results[0].ok or results[0].events_checked != expected:
            raise SystemExit(f"verify failed on an untouched chain: {results}")
        return expected / elapsed

    def close(self) -> None:
        self.database.dispose()


# --- the old system's approach (REFERENCE.md) ------------------------------------------------

def reference_append(path: Path, n: int) -> None:
    """Load the whole log, append one entry hashed on its own, rewrite the whole file."""
    try:
        with open(path, encoding="utf-8") as handle:
            entries = json.load(handle)
    except FileNotFoundError:
        entries = []
    entry = {"timestamp": datetime.now(timezone.utc).isoformat(), "usuario": ACTOR.user,
             "acao": "record.create", "detalhes": payload(n)}
    entry["hash"] = hashlib.sha256(json.dumps(entry, sort_keys=True).encode("utf-8")).hexdigest()
    entries.append(entry)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(entries, handle, ensure_ascii=False, indent=2)


def reference_run(folder: Path, count: int) -> dict:
    path = folder / "auditoria.json"
    window = max(1, count // 10)
    start = time.perf_counter()
    last_window_start = start
    for n in range(1, count + 1):
        if n == count - window + 1:
            last_window_start = time.perf_counter()
        reference_append(path, n)
    end = time.perf_counter()
    return {"reference_append_per_s": count / (end - start),
            "reference_append_last_window_per_s": window / (end - last_window_start),
            "reference_file_bytes": path.stat().st_size}


# --- reporting ---------------------------------------------------------------------------------

def machine_info(folder: Path) -> dict:
    info = benchkit.machine_info(folder)
    try:
        import sqlalchemy

        info["sqlalchemy"] = sqlalchemy.__version__
    except ImportError:  # pragma: no cover
        pass
    return info


def print_table(metrics: dict, passed: dict, records: int) -> None:
    rows = [
        ("records", f"{metrics['records']:,}", "", ""),
        ("durable_append_per_s (min)", f"{metrics['durable_append_per_s']:,.0f}",
         f">= {TARGETS['durable_append_per_s']:,.0f}", passed["durable_append_per_s"]),
        ("  at start (empty chain)", f"{metrics['durable_append_start_per_s']:,.0f}", "", ""),
        (f"  at {records:,} events", f"{metrics['durable_append_at_n_per_s']:,.0f}", "", ""),
        ("batched_append_per_s", f"{metrics['batched_append_per_s']:,.0f}", "", ""),
        ("verify_per_s (median)", f"{metrics['verify_per_s']:,.0f}",
         f">= {TARGETS['verify_per_s']:,.0f}", passed["verify_per_s"]),
        ("reference_append_per_s", f"{metrics['reference_append_per_s']:,.0f}", "", ""),
        ("  last 10% of reference run", f"{metrics['reference_append_last_window_per_s']:,.0f}",
         "", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'metric':<{width}}  {'value':>12}  {'target':>12}  result")
    print("-" * (width + 36))
    for name, value, target, result in rows:
        verdict = "" if result == "" else ("PASS" if result else "FAIL")
        print(f"{name:<{width}}  {value:>12}  {target:>12}  {verdict}")
    if records < TARGET_RECORDS:
        print(f"note: the durable target is stated at {TARGET_RECORDS:,} events; this run "
              f"used {records:,}.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=None,
                        help=f"chain size N (default {DEFAULT_RECORDS:,}; {QUICK_RECORDS:,} "
                             f"with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="small run (N=50,000, fewer reference events), under a minute")
    parser.add_argument("--json", required=True, type=Path, help="where to write the results")
    parser.add_argument("--window", type=int, default=5_000,
                        help="durable appends per measured window (default 5,000)")
    parser.add_argument("--batch", type=int, default=10_000,
                        help="appends per transaction when building the chain")
    parser.add_argument("--reference-events", type=int, default=None,
                        help="events for the reference approach (default 5,000; 1,000 quick)")
    parser.add_argument("--verify-runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None,
                        help="parent folder for the temporary files (default: system temp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    args = parser.parse_args(argv)

    records = args.records or (QUICK_RECORDS if args.quick else DEFAULT_RECORDS)
    window = args.window
    reference_events = args.reference_events or (1_000 if args.quick else 5_000)
    if records < window:
        parser.error(f"--records must be at least the durable window ({window:,})")

    folder = Path(tempfile.mkdtemp(prefix="bench-audit-", dir=args.dir))
    started_utc = datetime.now(timezone.utc).isoformat(timespec="seconds")
    started = time.perf_counter()
    bench = Bench(folder)
    try:
        log(f"[1/5] durable appends, first {window:,} events")
        durable_start = bench.durable(window)
        log(f"      {durable_start:,.0f}/s")

        log(f"[2/5] batched appends up to {records:,} events ({args.batch:,} per transaction)")
        batched_count, batched_rate = bench.batched(records, args.batch)
        log(f"      {batched_rate:,.0f}/s over {batched_count:,} events")

        log(f"[3/5] verify {records:,} events x{args.verify_runs}")
        verify_rates = []
        for _ in range(max(1, args.verify_runs)):
            verify_rates.append(bench.verify(records))
            log(f"      {verify_rates[-1]:,.0f}/s")

        log(f"[4/5] durable appends, {window:,} more at {records:,} events")
        durable_at_n = bench.durable(window)
        log(f"      {durable_at_n:,.0f}/s")
        database_bytes = sum(p.stat().st_size for p in folder.glob("bench.sqlite3*"))
    finally:
        bench.close()

    log(f"[5/5] reference approach (whole JSON file rewritten per event), "
        f"{reference_events:,} events")
    reference = reference_run(folder, reference_events)
    log(f"      {reference['reference_append_per_s']:,.0f}/s overall")
    elapsed = time.perf_counter() - started

    metrics = {
        "durable_append_per_s": min(durable_start, durable_at_n),
        "durable_append_start_per_s": durable_start,
        "durable_append_at_n_per_s": durable_at_n,
        "batched_append_per_s": batched_rate,
        "verify_per_s": statistics.median(verify_rates),
        "verify_runs_per_s": verify_rates,
        "reference_append_per_s": reference["reference_append_per_s"],
        "reference_append_last_window_per_s": reference["reference_append_last_window_per_s"],
        "records": records,
    }
    passed = {name: metrics[name] >= target for name, target in TARGETS.items()}
    params = {
        "records": records, "quick": args.quick, "durable_window": window,
        "batch_size": args.batch, "verify_runs": len(verify_rates),
        "reference_events": reference_events, "reference_fsync": False,
        "reference_file_bytes": reference["reference_file_bytes"],
        "database_bytes": database_bytes, "final_chain_events": records + window,
        "checkpoint_every": bench.audit.checkpoint_every, "synchronous": "FULL",
        "journal_mode": "WAL", "target_records": TARGET_RECORDS,
        "temp_folder": str(folder), "kept": args.keep, "elapsed_s": round(elapsed, 1),
        "started_utc": started_utc,
    }
    report = {"metrics": metrics, "targets": dict(TARGETS), "machine": machine_info(folder),
              "params": params, "pass": passed}

    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(metrics, passed, records)
    print(f"elapsed {elapsed:,.1f} s; results written to {args.json}")
    return 1 if args.strict and not all(passed.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
