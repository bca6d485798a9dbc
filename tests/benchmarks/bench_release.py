#!/usr/bin/env python3
"""Release-proof benchmark: records checked against the chain, and a year's backup proven (a
script, not a pytest module).

    python tests/benchmarks/bench_release.py [--quick] --json PATH

One station's own home (AppContext, a real SQLite file) holding a year of production at 500
boxes a day: the chain as the synthetic plant makes it (utils/site/synthetic.py station_events:
logins, lots, boxes, commands, about 1 % of the boxes corrected or voided later, signed),
written in bulk with this PC's real local key, a signed checkpoint every 500 events as AuditLog
writes them, and every record version in record_versions as the production service stores
it. --quick: 30 days.

- record_verify_per_s  record versions compared with their events per second: the product's
                       check (utils/audit/records.check_database, data/record_proof.py) over
                       the whole table, median of runs (page cache warm, as right after the
                       year was written).
- backup_verify_s      `shopfloor backup verify FILE` on a backup of that year: restored into
                       a temporary folder with SQLite's backup API, every chain verified (hash
                       links, MACs, checkpoints) and every record checked against the chain
                       (utils/backup/proof.verify_backup); median of runs.
- also: verify_audit_s (the same home's verify-audit: chain and records), backup_s (making the
  backup: checkpoint, online backup API, quick_check, checksum), database_mb, events, records.

Prints a table and writes JSON (tests/benchmarks/benchkit.py).
"""

from __future__ import annotations

import argparse
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

from config.catalogs import default_catalog  # noqa: E402
from config.settings import Settings  # noqa: E402
from data.audit_repo import StoredCheckpoint  # noqa: E402
from data.view_store import record_row  # noqa: E402
from models.audit_event import AuditEvent  # noqa: E402
from models.canonical import format_utc  # noqa: E402
from models.record import RECORD_EVENT_ACTIONS  # noqa: E402
from utils.audit import records  # noqa: E402
from utils.audit.chain import event_hash, genesis_hash  # noqa: E402
from utils.backup.proof import verify_backup  # noqa: E402
from utils.backup.snapshot import make_backup  # noqa: E402
from utils.context import AppContext  # noqa: E402
from utils.site.synthetic import PlantPlan, station_events  # noqa: E402

TARGETS = {"record_verify_per_s": 200_000.0}
TARGET_OPS = {"record_verify_per_s": ">="}
STATION = "206"
BOXES_PER_DAY = 500
DAYS, QUICK_DAYS = 365, 30
CHECKPOINT_EVERY = 500
BATCH = 20_000
END = datetime(2026, 11, 1, tzinfo=timezone.utc)

_EVENT = ("INSERT INTO audit_events (station, seq, ts, username, role, action, entity, "
          "entity_id, command_id, prev_hash, hash, key_id, mac, body) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_CHECKPOINT = ("INSERT INTO audit_checkpoints (station, seq, head_hash, ts, key_id, sig) "
               "VALUES (?, ?, ?, ?, ?, ?)")


def build_year(ctx, days: int) -> dict:
    """The station's year in its own database, in bulk (a year of single commits would take
    hours; what is measured is reading it)."""
    plan = PlantPlan(stations=(STATION,), days=days, boxes_per_day=BOXES_PER_DAY, end=END)
    key = ctx.key
    prev, seq = genesis_hash(ctx.anchor, STATION), 0
    events, checkpoints, versions = [], [], []
    columns: list[str] | None = None
    counts = {"events": 0, "records": 0}

    def flush() -> None:
        with ctx.database.write() as connection:
            connection.exec_driver_sql(_EVENT, events)
            if checkpoints:
                connection.exec_driver_sql(_CHECKPOINT, checkpoints)
            if versions:
                assert columns is not None
                connection.exec_driver_sql(
                    f"INSERT INTO record_versions ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})", versions)
        events.clear()
        checkpoints.clear()
        versions.clear()

    for moment, actor, action, fields in station_events(plan, STATION, default_catalog()):
        seq += 1
        event = AuditEvent(station=STATION, seq=seq, ts=format_utc(moment), user=actor.user,
                           role=actor.role, action=action, host="pc-206", **fields)
        body = event.body()
        digest = event_hash(prev, body)
        events.append((STATION, seq, event.ts, actor.user, actor.role, action,
                       fields.get("entity"), fields.get("entity_id"), fields.get("command_id"),
                       prev, digest, key.key_id, key.mac(digest), body))
        prev = digest
        if seq % CHECKPOINT_EVERY == 0:
            unsigned = StoredCheckpoint(STATION, seq, digest.hex(), event.ts, key.key_id, "")
            checkpoints.append((STATION, seq, digest.hex(), event.ts, key.key_id,
                                key.sign(unsigned.payload())))
        if action in RECORD_EVENT_ACTIONS:
            row = record_row(fields["after"], STATION, seq)
            assert row is not None
            row.pop("source_station")
            row.pop("source_seq")
            columns = columns or list(row)
            versions.append(tuple(row[name] for name in columns))
            counts["records"] += 1
        if len(events) >= BATCH:
            flush()
    flush()
    ctx.audit._last_checkpoint_seq = None  # written in bulk: read it again
    ctx.audit.checkpoint_now()  # the head signed, and the witness file written, as at exit
    counts["events"] = seq
    return counts


def timed(runs: int, work) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return seconds


def print_table(metrics: dict, passed: dict) -> None:
    rows = [
        ("record_verify_per_s (median)", f"{metrics['record_verify_per_s']:,.0f}",
         f">= {TARGETS['record_verify_per_s']:,.0f}", passed["record_verify_per_s"]),
        ("backup_verify_s (median)", f"{metrics['backup_verify_s']:,.2f}", "", ""),
        ("verify_audit_s (chain + records)", f"{metrics['verify_audit_s']:,.2f}", "", ""),
        ("backup_s", f"{metrics['backup_s']:,.2f}", "", ""),
        ("events / record versions", f"{metrics['events']:,} / {metrics['records']:,}", "", ""),
        ("database_mb", f"{metrics['database_mb']:,.0f}", "", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'metric':<{width}}  {'value':>20}  {'target':>12}  result")
    print("-" * (width + 44))
    for name, value, target, result in rows:
        verdict = "" if result in ("", None) else ("PASS" if result else "FAIL")
        print(f"{name:<{width}}  {value:>20}  {target:>12}  {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_DAYS} days, not a year")
    parser.add_argument("--days", type=int, default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)
    days = args.days or (QUICK_DAYS if args.quick else DAYS)
    load_before = benchkit.os.getloadavg() if hasattr(benchkit.os, "getloadavg") else None
    folder = Path(tempfile.mkdtemp(prefix="bench-release-", dir=args.dir))
    started = time.perf_counter()
    ctx = AppContext.open(folder / "home", settings=Settings(station_id=STATION))
    try:
        log(f"[1/5] a station's {days} days at {BOXES_PER_DAY} boxes a day, in bulk")
        built = time.perf_counter()
        counts = build_year(ctx, days)
        log(f"      {counts['events']:,} events, {counts['records']:,} record versions in "
            f"{time.perf_counter() - built:,.0f} s")
        log(f"[2/5] records against the chain x{args.runs}")
        reports = []
        check = timed(args.runs, lambda: reports.append(records.check_database(ctx.database)))
        report, _text = reports[-1]
        assert not report.findings, report.findings[:3]
        rate = report.versions / statistics.median(check)
        log(f"      {rate:,.0f}/s ({', '.join(f'{s:.2f} s' for s in check)})")
        log("[3/5] verify-audit (chain and records)")
        results: list = []
        verify_s = timed(1, lambda: results.extend(ctx.verify_audit()))
        assert all(r.ok for r in results), [r.detail for r in results]
        log(f"      {verify_s[0]:.2f} s")
        log("[4/5] backup (online backup API)")
        made: list = []
        backup_s = timed(1, lambda: made.append(make_backup(ctx, reason="benchmark")))
        log(f"      {backup_s[0]:.2f} s, {made[0].bytes / 1e6:,.0f} MB")
        log(f"[5/5] backup verify x{max(1, args.runs - 1)}")
        proofs: list = []
        proof_s = timed(max(1, args.runs - 1),
                        lambda: proofs.append(verify_backup(ctx, made[0].file.path)))
        assert proofs[-1].intact, proofs[-1].summary()
        log(f"      {', '.join(f'{s:.2f} s' for s in proof_s)}")
        database_mb = ctx.paths.database_file.stat().st_size / 1e6
    finally:
        ctx.close()
    metrics = {
        "record_verify_per_s": rate, "record_verify_runs_s": check,
        "backup_verify_s": statistics.median(proof_s), "backup_verify_runs_s": proof_s,
        "verify_audit_s": verify_s[0], "backup_s": backup_s[0], "events": counts["events"],
        "records": counts["records"], "database_mb": database_mb,
        "backup_mb": made[0].bytes / 1e6,
    }
    params = {"days": days, "boxes_per_day": BOXES_PER_DAY, "station": STATION,
              "checkpoint_every": CHECKPOINT_EVERY, "runs": args.runs, "quick": args.quick}
    methods = {
        "record_verify_per_s": "utils.audit.records.check_database over every record "
                               "version (versions / median seconds)",
        "backup_verify_s": "utils.backup.proof.verify_backup: restore into a temporary "
                           "folder, verify chains (MACs, checkpoints) and records",
    }
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return benchkit.write_report(
        args, metrics=metrics, targets=TARGETS, target_ops=TARGET_OPS, params=params,
        methods=methods, diagnostics={}, machine=benchkit.machine_info(folder.parent),
        phases={"records", "backup"}, folder=folder, load_before=load_before,
        elapsed=time.perf_counter() - started, print_table=print_table,
        quick_note=f"{QUICK_DAYS} days instead of a year")


if __name__ == "__main__":
    sys.exit(main())
