#!/usr/bin/env python3
"""Manufacturing-execution figures benchmark (issue 15): the OEE and downtime figures, then the
SPC ones, of a 200-station plant over a year, read from the site view's tables kept on ingest
(a script, not a pytest module; the SPC section is tests/benchmarks/bench_spc.py, which also
runs alone).

    python tests/benchmarks/bench_mes.py [--quick] [--sections oee,spc] [--cache-dir DIR] --json PATH

The year of figures is built directly through the view writer's OEE extension
(data/view_oee.py), in the writer's own transactions, with synthetic records and stop events
(not real journals: a real year of a 200-station plant takes hours to generate and ingest, and
the figures' tables are the same size either way). Per station and shift: BOXES_PER_SHIFT
records (one with a rejection), STOPS_PER_SHIFT stops (opened and closed, with a planned break
in one of them), half of them classified. --quick: one tenth of the year (36.5 days). The built
view is kept in --cache-dir per plan and view format (building is not what is measured; the
measures only read it, and the ingest measure rolls its transaction back).

- oee_tab_day_ms        OeeReport.shifts() for the last 24 hours, every station (the OEE tab's
                        default refresh): median of runs
- oee_tab_week_ms       the same over 7 days (4,400 station-shifts)
- oee_screen_week_ms    the OEE tab itself (gui/admin/oee_tab.py, offscreen, 1366x768) set to
                        the last 7 days: refresh() and the paint that follows (report, model,
                        texts of the rows on screen, column widths)
- oee_days_year_ms      OeeReport.days() over the year for one station (the tab per day)
- dashboard_oee_ms      the dashboard's downtime charts over the year, every station:
                        OeeReport.pareto() + OeeReport.trend() (target: median <= 250 ms)
- ingest_batch_ms       one more batch through the extension (a station's shift: its boxes and
                        a stop), inside a transaction: the incremental cost on ingest

SPC section (bench_spc.py's docstring): spc_refresh_ms, spc_alarms_ms, follow_box_ms,
ingest_records_per_s; its diagnostics and params under "spc".

Prints a table and writes {"metrics", "targets", "target_ops", "machine", "params", "pass",
"methods", "diagnostics"} as JSON (tests/benchmarks/benchkit.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import log, machine_info, summary, write_report  # noqa: E402  (shared)

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tests.data import people  # noqa: E402  (real keys: a classification counts only signed)

STATIONS = 200
BOXES_PER_SHIFT = 3
STOPS_PER_SHIFT = 2
ZONE = "America/Sao_Paulo"
END = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)  # 06:00 local: a shift boundary
FULL = {"days": 365, "runs": 15}
QUICK = {"days": 36.5, "runs": 15}
TARGETS = {"dashboard_oee_ms": 250.0, "oee_tab_day_ms": 250.0, "oee_tab_week_ms": 250.0,
           "oee_screen_week_ms": 250.0, "oee_days_year_ms": 250.0, "ingest_batch_ms": 50.0}
BUILD_FORMAT = 1  # bump when build() makes other rows: the cached views are then rebuilt
SPC_TARGETS = {"spc_refresh_ms": 250.0}  # bench_spc.TARGETS


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _record(station: str, number: int, at: datetime, rejected: bool) -> dict[str, Any]:
    return {"record_id": f"{station}-{number}", "version": 1, "station_id": station,
            "lot": "L1", "box": number, "size": "#0", "unit_weight_kg": 0.000096,
            "rej1_defect": "Furo" if rejected else "N/A", "rej1_location": None,
            "rej2_defect": None, "rej2_location": None, "rej3_defect": None,
            "rej3_location": None, "cam_d": 1.0, "cam_w": 1.0, "operator": "op",
            "recorded_at": _text(at), "utc_offset_minutes": -180, "origin": "station",
            "status": "active", "reason": None, "editor": None, "edited_at": None,
            "base_version": None, "source_station": station, "source_seq": number}


def _event(station: str, seq: int, action: str, ts: datetime, after: dict) -> tuple:
    return (station, seq, _text(ts), "op", "operator", action, "stop", None, None,
            f"h{station}-{seq}", json.dumps({"after": after}))


REASONS = ("setup", "material", "maintenance", "quality", "no_operator", "other")


def shift_batch(station: str, shift_start: datetime, counter: list[int]):
    """One station's shift: its boxes and stops (as records changed and events stored)."""
    from data.view_extensions import RecordChange

    changes, events = [], []
    for box in range(BOXES_PER_SHIFT):
        counter[0] += 1
        at = shift_start + timedelta(minutes=20 + box * 150)
        changes.append(RecordChange(None, _record(station, counter[0], at, box == 0)))
    for stop in range(STOPS_PER_SHIFT):
        counter[0] += 3
        seq, stop_id = counter[0], f"s{counter[0]}"
        start = shift_start + timedelta(minutes=60 + stop * 180)
        end = start + timedelta(minutes=25 + (counter[0] % 40))
        breaks = [[_text(start + timedelta(minutes=10)), _text(start + timedelta(minutes=20))]] \
            if stop == 0 else []
        events.append(_event(station, seq, "stop.opened", start,
                             {"stop_id": stop_id, "started_at": _text(start), "size": "#0",
                              "reason": ""}))
        events.append(_event(station, seq + 1, "stop.closed", end,
                             {"stop_id": stop_id, "started_at": _text(start),
                              "ended_at": _text(end), "breaks": breaks}))
        if seq % 2:  # the operator's classification, signed with their own key
            events.append(_event(station, seq + 2, "stop.classified", end, people.sign("op", {
                "kind": "stop_classification", "station": station, "stop_id": stop_id,
                "reason": REASONS[seq % len(REASONS)], "note": ""}, at=_text(end))))
    return changes, events


def build(folder: Path, params: dict) -> tuple[Any, Any, dict]:
    """The view with a year (or --quick's part) of OEE figures; (database, writer, facts).
    A view already built in `folder` (its facts.json written last) is opened as it is."""
    from data.view_buckets import Buckets
    from data.view_db import open_view_database
    from data.view_oee import OeeExtension
    from data.view_store import ViewWriter

    facts_file = folder / "facts.json"
    cached = facts_file.exists()
    if not cached:
        (folder / "view.sqlite3").unlink(missing_ok=True)  # a build stopped half way
    database = open_view_database(folder / "view.sqlite3")
    extension = OeeExtension(people.signatures())
    writer = ViewWriter(database, ZONE, extensions=(extension,))
    if cached:
        log(f"    cached view {folder}")
        return database, writer, dict(json.loads(facts_file.read_text()), cached=True)
    buckets = Buckets(ZONE)
    db = writer.connection
    shifts = int(params["days"] * 3)
    first = END - timedelta(hours=8 * shifts)
    counters = {f"{200 + n}": [0] for n in range(STATIONS)}
    started = time.perf_counter()
    for index in range(shifts):
        shift_start = first + timedelta(hours=8 * index)
        db.execute("BEGIN IMMEDIATE")
        for station, counter in counters.items():
            changes, events = shift_batch(station, shift_start, counter)
            extension.records_changed(db, changes, buckets)
            extension.events_stored(db, events, buckets)
        db.execute("COMMIT")
        if index % 100 == 0:
            log(f"    shift {index}/{shifts}")
    db.execute("ANALYZE")
    facts = {"shifts": shifts, "station_shifts": shifts * STATIONS,
             "records": shifts * STATIONS * BOXES_PER_SHIFT,
             "stops": shifts * STATIONS * STOPS_PER_SHIFT,
             "build_s": round(time.perf_counter() - started, 1),
             "load_during_build": os.getloadavg() if hasattr(os, "getloadavg") else None,
             "rows": {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in extension.tables}}
    facts_file.write_text(json.dumps(facts))
    return database, writer, dict(facts, cached=False)


def cache_folder(cache_dir: Path, params: dict) -> Path:
    from data.view_schema import VIEW_FORMAT

    return cache_dir / f"mes-oee-v{BUILD_FORMAT}-{STATIONS}st-{params['days']}d-view{VIEW_FORMAT}"


class _Clock:
    def now(self) -> datetime:
        return END


def timed(runs: int, action) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return times


def measure(database, writer, params: dict, metrics: dict, diagnostics: dict) -> None:
    from config.catalog import Catalog
    from data.view_buckets import Buckets
    from utils.mes.oee_report import OeeReport

    catalog = Catalog()
    report = OeeReport(database, lambda: catalog, lambda: ZONE, _Clock())
    year = END - timedelta(days=params["days"])
    runs = params["runs"]
    cases = {
        "oee_tab_day_ms": lambda: report.shifts(END - timedelta(days=1, hours=8), END),
        "oee_tab_week_ms": lambda: report.shifts(END - timedelta(days=7, hours=8), END),
        "oee_days_year_ms": lambda: report.days(year, END, "250"),
        "dashboard_oee_ms": lambda: (report.pareto(year, END), report.trend(year, END)),
    }
    for name, action in cases.items():
        action()  # warm: the first read pulls the pages from disk
        times = timed(runs, action)
        metrics[name] = round(statistics.median(times), 1)
        diagnostics[name] = summary(times)
        log(f"    {name}: {metrics[name]} ms")
    screen = screen_times(database, catalog, report, runs)
    metrics["oee_screen_week_ms"] = round(statistics.median(screen), 1)
    diagnostics["oee_screen_week_ms"] = summary(screen)
    log(f"    oee_screen_week_ms: {metrics['oee_screen_week_ms']} ms")
    extension = writer.extensions[0]
    buckets = Buckets(ZONE)
    counter = [10_000_000]
    db = writer.connection

    def one_batch():
        changes, events = shift_batch("299", END, counter)
        db.execute("BEGIN IMMEDIATE")
        extension.records_changed(db, changes, buckets)
        extension.events_stored(db, events, buckets)
        db.execute("ROLLBACK")  # measured, not kept: the next run adds the same shift again

    times = timed(runs, one_batch)
    metrics["ingest_batch_ms"] = round(statistics.median(times), 2)
    diagnostics["ingest_batch_ms"] = summary(times)


def screen_times(database, catalog, report, runs: int) -> list[float]:
    """The OEE tab over the last 7 days, offscreen at 1366x768: refresh() and its paint."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from types import SimpleNamespace

    from PySide6.QtWidgets import QApplication

    from gui.admin.oee_tab import OeeTab

    app = QApplication.instance() or QApplication([])
    ctx = SimpleNamespace(clock=_Clock(), oee=report, site_view=SimpleNamespace(database=database),
                          timezone=ZONE, catalog=catalog)
    tab = OeeTab(ctx, None, refresh_ms=3_600_000)
    tab.resize(1366, 768)
    tab.show()
    tab.filters.period.setCurrentIndex(tab.filters.period.findData(7))  # refreshes: the warm run
    app.processEvents()
    lines = tab.model.rowCount()

    def refresh_and_paint():
        tab.refresh()
        app.processEvents()

    times = timed(runs, refresh_and_paint)
    log(f"    the tab showed {lines} lines")
    tab.timer.stop()
    tab.close()
    tab.deleteLater()
    app.processEvents()
    return times


def print_table(metrics: dict, passed: dict) -> None:
    print(f"{'metric':<22} {'value':>10} {'target':>10}  result")
    for name in ("oee_tab_day_ms", "oee_tab_week_ms", "oee_screen_week_ms", "oee_days_year_ms",
                 "dashboard_oee_ms", "ingest_batch_ms"):
        value = metrics.get(name)
        verdict = passed.get(name)
        if value is None:
            continue
        print(f"{name:<22} {format(value, ',.1f'):>10} "
              f"{'<= ' + format(TARGETS[name], 'g'):>10}  "
              f"{'' if verdict is None else ('pass' if verdict else 'MISS')}")
    if "spc_refresh_ms" in metrics:
        import bench_spc

        bench_spc.print_table(metrics, passed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one tenth of the year")
    parser.add_argument("--json", required=True, type=Path, help="where to write the results")
    parser.add_argument("--dir", type=Path, default=None, help="parent of the temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="keep the built view here between runs (default: build it in the "
                             "temporary folder, removed at the end)")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    parser.add_argument("--sections", default="oee,spc",
                        help="which sections to run, comma-separated: oee, spc (default both)")
    args = parser.parse_args(argv)
    params: dict[str, Any] = dict(QUICK if args.quick else FULL, quick=args.quick,
                                  stations=STATIONS, boxes_per_shift=BOXES_PER_SHIFT,
                                  stops_per_shift=STOPS_PER_SHIFT)
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    folder = Path(tempfile.mkdtemp(prefix="bench-mes-", dir=args.dir))
    started = time.perf_counter()
    metrics: dict[str, Any] = {}
    diagnostics: dict[str, Any] = {}
    sections = {part.strip() for part in args.sections.split(",") if part.strip()}
    methods: dict[str, str] = {}
    try:
        if "oee" in sections:
            methods.update(run_oee(args, folder, params, metrics, diagnostics))
        if "spc" in sections:
            import bench_spc

            spc_folder = folder / "spc"
            spc_folder.mkdir()
            found = bench_spc.run_section(args.quick, spc_folder, args.cache_dir)
            metrics.update(found["metrics"])
            diagnostics["spc"] = found["diagnostics"]
            params["spc"] = found["params"]
            methods.update(found["methods"])
        targets = dict(TARGETS, **SPC_TARGETS)
        return write_report(args, metrics=metrics, targets=targets,
                            target_ops={name: "<=" for name in targets}, params=params,
                            methods=methods, diagnostics=diagnostics,
                            machine=machine_info(folder), phases=sections, folder=folder,
                            load_before=load_before, elapsed=time.perf_counter() - started,
                            print_table=print_table,
                            quick_note="36.5 days of OEE and 36 of SPC, not a year")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def run_oee(args, folder: Path, params: dict, metrics: dict, diagnostics: dict) -> dict:
    """The OEE section: build (or take from the cache) and measure; its methods."""
    log(f"[build] {STATIONS} stations, {params['days']} days of OEE figures")
    where = folder
    if args.cache_dir is not None:
        where = cache_folder(args.cache_dir, params)
        where.mkdir(parents=True, exist_ok=True)
        params["cache_dir"] = str(args.cache_dir)
    database, writer, facts = build(where, params)
    diagnostics["site"] = facts
    log(f"    built in {facts['build_s']} s: {facts['rows']}")
    log("[measure] OEE")
    try:
        measure(database, writer, params, metrics, diagnostics)
    finally:
        writer.close()
        database.dispose()
    return {
        "site": f"{STATIONS} stations x {facts['shifts']} shifts: {facts['records']:,} "
                f"records, {facts['stops']:,} stops given to the OEE extension in the "
                "view writer's transactions (synthetic, not journals)",
        "figures": "utils.mes.oee_report.OeeReport on the view's SQLite file, default "
                   "catalog, site zone America/Sao_Paulo, medians of runs after a warm run",
        "oee_screen_week_ms": "gui/admin/oee_tab.OeeTab offscreen at 1366x768 on the same "
                              "report, period 'Last 7 days': refresh() then processEvents()",
    }


if __name__ == "__main__":
    raise SystemExit(main())
