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

from config.catalog import default_catalog  # noqa: E402
from config.settings import Settings  # noqa: E402
from data.audit_repo import StoredCheckpoint  # noqa: E402
from data.view_record_row import record_row  # noqa: E402
from models.record import RECORD_EVENT_ACTIONS  # noqa: E402
from utils.audit import records  # noqa: E402
from utils.audit.chain import genesis_hash  # noqa: E402
from utils.backup.proof import verify_backup  # noqa: E402
from utils.backup.snapshot import make_backup  # noqa: E402
from utils.context import AppContext  # noqa: E402
from utils.site.synthetic import (  # noqa: E402
    CHAIN_HASH, PlantPlan, chained_row, station_events)

TARGETS = {"record_verify_per_s": 200_000.0, "lot_report_s": 10.0,
           "lot_report_max_stall_ms": 50.0}
TARGET_OPS = {"record_verify_per_s": ">=", "lot_report_s": "<=",
              "lot_report_max_stall_ms": "<="}
LOT, LOT_BOXES, LOT_CORRECTIONS = "L-BENCH-5000", 5000, 500
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
    return write_events(ctx, station_events(plan, STATION, default_catalog()))


def write_events(ctx, stream) -> dict:
    """(moment, actor, action, fields) events appended to this PC's chain in bulk, with their
    record versions and a signed checkpoint every CHECKPOINT_EVERY events, as AuditLog and the
    production service would write them one by one."""
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

    for moment, actor, action, fields in stream:
        seq += 1
        row = chained_row(STATION, seq, prev, moment, actor, action, fields, "pc-206", key)
        events.append(row)
        prev = digest = row[CHAIN_HASH]
        if seq % CHECKPOINT_EVERY == 0:
            ts = row[2]
            unsigned = StoredCheckpoint(STATION, seq, digest.hex(), ts, key.key_id, "")
            checkpoints.append((STATION, seq, digest.hex(), ts, key.key_id,
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


def lot_events(boxes: int, corrections: int):
    """One lot of `boxes` boxes at station 206, and `corrections` of them corrected later by a
    supervisor (a new version each, before and after, a reason), in time order."""
    from dataclasses import replace
    from datetime import timedelta

    from models.record import ProductionRecord, Rejection
    from utils.audit.chain import Actor

    operator, supervisor = Actor("op206", "operator"), Actor("sup", "supervisor")
    start = END - timedelta(days=3)
    yield start, operator, "lot.set", {"entity": "lot", "entity_id": LOT, "after": {
        "code": LOT, "total_boxes": boxes, "current_box": 1}}
    made = []
    for box in range(1, boxes + 1):
        moment = start + timedelta(seconds=30 * box)
        record = ProductionRecord(
            record_id=f"{box:032x}", station_id=STATION, lot=LOT, box=box, size="#00",
            unit_weight_kg=0.000121, rejections=(Rejection("Rachada", "Cap/Body"),),
            cam_d=round(1 + (box % 40) / 10, 2), cam_w=round(0.5 + (box % 30) / 10, 2),
            operator="op206", recorded_at=moment, utc_offset_minutes=-180)
        made.append(record)
        yield moment, operator, "record.create", {"entity": "record",
                                                   "entity_id": record.record_id,
                                                   "after": record.audit_view()}
    every = max(1, boxes // max(1, corrections))
    for index, record in enumerate(made[::every][:corrections]):
        moment = start + timedelta(seconds=30 * boxes + 60 * (index + 1))
        new = replace(record, cam_d=round((record.cam_d or 0) + 0.5, 2), version=2,
                      reason="transcription error on the paper log", editor="sup",
                      edited_at=moment, base_version=1)
        yield moment, supervisor, "record.edit", {
            "entity": "record", "entity_id": record.record_id, "before": record.audit_view(),
            "after": {**new.audit_view(), "signature": None},
            "reason": "transcription error on the paper log"}


def phase_lot_report(folder: Path, boxes: int, corrections: int) -> dict:
    """lot_report_s: the lot record PDF of a lot of `boxes` boxes with `corrections` corrected,
    made as the Lots tab makes it (TaskRunner: gather, verify the chain, lay out and print),
    with a 5 ms timer on the GUI thread measuring its stalls (bench_gui's GapRecorder)."""
    from bench_gui import GapRecorder, run_loop

    from utils.release.record import LotRecords

    from gui.admin.lot_record_pdf import write_lot_record
    from gui.app import make_application
    from gui.tasks import TaskRunner

    app = make_application([])
    ctx = AppContext.open(folder / "lot-home", settings=Settings(station_id=STATION))
    try:
        log(f"[lot] a lot of {boxes:,} boxes, {corrections:,} corrected, in bulk")
        write_events(ctx, lot_events(boxes, corrections))  # the chain starts with the lot
        ctx.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42")
        session = ctx.auth.login("ana", "Quarry-Lantern-42").session
        ctx.site_view.ingest_local()
        runner = TaskRunner()
        import gc

        gc.freeze()  # as the admin panel does once built (gui/admin/window.py)
        gaps = GapRecorder()
        out = folder / "lot.pdf"
        pages: list[int] = []
        gaps.start()
        started = time.perf_counter()
        task = runner.run(lambda p, c: write_lot_record(LotRecords(ctx), session, LOT, out, progress=p,
                                                        cancel=c),
                          on_done=pages.append, on_error=lambda exc: pages.append(-1))
        assert run_loop(app, lambda: bool(pages), 600), "the lot record did not finish"
        seconds = time.perf_counter() - started
        stalls = gaps.stop()
        runner.shutdown()
        assert task.finished.is_set() and pages[0] > 0, pages
        log(f"      {seconds:.2f} s, {pages[0]} pages, {out.stat().st_size / 1e6:.1f} MB, "
            f"longest GUI stall {max(stalls):.1f} ms")
    finally:
        ctx.close()
    return {"lot_report_s": seconds, "lot_report_pages": pages[0],
            "lot_report_max_stall_ms": max(stalls),
            "lot_report_p99_stall_ms": benchkit.pct(stalls, 99)}


def timed(runs: int, work) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return seconds


def print_table(metrics: dict, passed: dict) -> None:
    lot_rows = [] if "lot_report_s" not in metrics else [
        ("lot_report_s (5,000 boxes, 500 corrected)", f"{metrics['lot_report_s']:,.2f}",
         f"<= {TARGETS['lot_report_s']:,.0f}", passed["lot_report_s"]),
        ("lot_report_max_stall_ms (GUI thread)", f"{metrics['lot_report_max_stall_ms']:,.1f}",
         f"<= {TARGETS['lot_report_max_stall_ms']:,.0f}", passed["lot_report_max_stall_ms"]),
        ("lot_report_pages", f"{metrics['lot_report_pages']:,}", "", ""),
    ]
    rows = [] if "record_verify_per_s" not in metrics else [
        ("record_verify_per_s (median)", f"{metrics['record_verify_per_s']:,.0f}",
         f">= {TARGETS['record_verify_per_s']:,.0f}", passed["record_verify_per_s"]),
        ("backup_verify_s (median)", f"{metrics['backup_verify_s']:,.2f}", "", ""),
        ("verify_audit_s (chain + records)", f"{metrics['verify_audit_s']:,.2f}", "", ""),
        ("backup_s", f"{metrics['backup_s']:,.2f}", "", ""),
        ("events / record versions", f"{metrics['events']:,} / {metrics['records']:,}", "", ""),
        ("database_mb", f"{metrics['database_mb']:,.0f}", "", ""),
    ]
    rows += lot_rows
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
    benchkit.report_arguments(parser)
    parser.add_argument("--only", choices=("proof", "lot"), default=None,
                        help="run only the records/backup phases, or only the lot report")
    args = parser.parse_args(argv)
    days = args.days or (QUICK_DAYS if args.quick else DAYS)
    load_before = benchkit.os.getloadavg() if hasattr(benchkit.os, "getloadavg") else None
    folder = Path(tempfile.mkdtemp(prefix="bench-release-", dir=args.dir))
    started = time.perf_counter()
    metrics: dict = {}
    if args.only != "lot":
        metrics.update(phase_proof(folder, days, args.runs))
    if args.only != "proof":
        metrics.update(phase_lot_report(folder, LOT_BOXES, LOT_CORRECTIONS))
    params = {"days": days, "boxes_per_day": BOXES_PER_DAY, "station": STATION,
              "checkpoint_every": CHECKPOINT_EVERY, "runs": args.runs, "quick": args.quick,
              "lot_boxes": LOT_BOXES, "lot_corrections": LOT_CORRECTIONS, "only": args.only}
    methods = {
        "record_verify_per_s": "utils.audit.records.check_database over every record "
                               "version (versions / median seconds)",
        "backup_verify_s": "utils.backup.proof.verify_backup: restore into a temporary "
                           "folder, verify chains (MACs, checkpoints) and records",
        "lot_report_s": "gui.admin.lot_record_pdf.write_lot_record in a TaskRunner task "
                        "(gather the lot from the site view, verify-audit of its chain, lay "
                        "out and print every page), from the click to the result",
        "lot_report_max_stall_ms": "longest gap between ticks of a 5 ms PreciseTimer on the "
                                   "GUI thread while the task ran (bench_gui's GapRecorder)",
    }
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    targets = {k: v for k, v in TARGETS.items() if k in metrics}
    return benchkit.write_report(
        args, metrics=metrics, targets=targets, target_ops=TARGET_OPS, params=params,
        methods=methods, diagnostics={}, machine=benchkit.machine_info(folder.parent),
        phases={"records", "backup", "lot"}, folder=folder, load_before=load_before,
        elapsed=time.perf_counter() - started, print_table=print_table,
        quick_note=f"{QUICK_DAYS} days instead of a year")


def phase_proof(folder: Path, days: int, runs: int) -> dict:
    ctx = AppContext.open(folder / "home", settings=Settings(station_id=STATION))
    try:
        log(f"[1/5] a station's {days} days at {BOXES_PER_DAY} boxes a day, in bulk")
        built = time.perf_counter()
        counts = build_year(ctx, days)
        log(f"      {counts['events']:,} events, {counts['records']:,} record versions in "
            f"{time.perf_counter() - built:,.0f} s")
        log(f"[2/5] records against the chain x{runs}")
        reports = []
        check = timed(runs, lambda: reports.append(records.check_database(ctx.database)))
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
        log(f"[5/5] backup verify x{max(1, runs - 1)}")
        proofs: list = []
        proof_s = timed(max(1, runs - 1),
                        lambda: proofs.append(verify_backup(ctx, made[0].file.path)))
        assert proofs[-1].intact, proofs[-1].summary()
        log(f"      {', '.join(f'{s:.2f} s' for s in proof_s)}")
        database_mb = ctx.paths.database_file.stat().st_size / 1e6
    finally:
        ctx.close()
    return {
        "record_verify_per_s": rate, "record_verify_runs_s": check,
        "backup_verify_s": statistics.median(proof_s), "backup_verify_runs_s": proof_s,
        "verify_audit_s": verify_s[0], "backup_s": backup_s[0], "events": counts["events"],
        "records": counts["records"], "database_mb": database_mb,
        "backup_mb": made[0].bytes / 1e6,
    }


if __name__ == "__main__":
    sys.exit(main())
