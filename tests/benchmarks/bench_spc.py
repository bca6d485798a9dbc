#!/usr/bin/env python3
"""SPC benchmark: a year of a 200-station plant in the site view, SPC kept on ingest, and the
SPC tab's refresh over it (a script, not a pytest module).

    python tests/benchmarks/bench_spc.py [--quick] [--cache-dir DIR] --json PATH

(bench_mes.py runs it too, as its SPC section, after the OEE one.)

The view is written by the product's own writer (data/view_store.py ViewWriter with its
registered extensions, SPC among them), one batch per station and week as catching up with a
journal stores them; the records are made here (200 stations, 49 boxes a station a day, CAM-D
and CAM-W around each station's own mean; a shift of the mean on one station in ten during the
last month, so charts go out of control). After the first 14 days an admin PC's 400 baseline
freezes (every station, CAM-D and CAM-W) arrive, then the rest of the year. --quick: 36 days.
With --cache-dir the built view is kept there per plan and view format, with the build's
figures, and each run measures a copy of it (following boxes writes to the view).

- spc_refresh_ms         what the SPC tab reads on a refresh (utils/mes/spc_service.py): the
                         site table (every chart with a baseline and its open signal), the
                         chooser, one chart's last 200 points with their signals, limits and
                         Cp/Cpk, and the fleet's SPC alarms; median over stations (target
                         ≤ 250 ms, issue 15).
- spc_alarms_ms          the fleet poller's share of it: the charts out of control (median).
- follow_box_ms          one new box of a station with baselines stored by the writer (its
                         aggregates and the SPC judgement of the point; median): the cost of
                         following.
- ingest_records_per_s   the whole build, records per second of store time, with the share of
                         it spent in the SPC extension (diagnostics.spc_share).

Prints a table and writes JSON (tests/benchmarks/benchkit.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit  # noqa: E402  (shared with the other benchmark scripts)

from config.spc import SpcSettings, SpecLimit  # noqa: E402
from data.view_db import open_view_database  # noqa: E402
from data.view_spc import FREEZE_ACTION, SpcExtension  # noqa: E402
from data.view_store import Batch, Position, ViewWriter  # noqa: E402
from models.canonical import canonical_json, format_utc  # noqa: E402
from models.spc import limits_from  # noqa: E402
from utils.mes import spc_service  # noqa: E402
from tests.data import people  # noqa: E402  (real keys: a freeze counts only signed)

STATIONS = 200
BOXES_PER_DAY = 49
SIZES = ("#0", "#00", "#1", "#2", "#3", "#4")
END = datetime(2026, 12, 1, tzinfo=timezone.utc)
FULL = {"days": 365, "runs": 41}
QUICK = {"days": 36, "runs": 21}
BASELINE_DAYS = 14
TARGETS = {"spc_refresh_ms": 250.0}
BUILD_FORMAT = 1  # bump when the plant's records change: the cached views are then rebuilt
TARGET_OPS = {"spc_refresh_ms": "<="}


class TimedSpc(SpcExtension):
    """The SPC extension, timing its own share of the writer's work."""

    def __init__(self) -> None:
        super().__init__(people.signatures("office1"))
        self.seconds = 0.0

    def records_changed(self, db, changes, buckets):
        started = time.perf_counter()
        try:
            return super().records_changed(db, changes, buckets)
        finally:
            self.seconds += time.perf_counter() - started

    def events_stored(self, db, events, buckets):
        started = time.perf_counter()
        try:
            return super().events_stored(db, events, buckets)
        finally:
            self.seconds += time.perf_counter() - started


def station_ids() -> list[str]:
    return [str(1000 + n) for n in range(STATIONS)]


def _record(station: str, size: str, number: int, at: datetime, seq: int, d: float,
            w: float) -> dict[str, Any]:
    return {"record_id": f"{station}-{number:07d}", "version": 1, "station_id": station,
            "lot": f"L{number // 500}", "box": number % 500 + 1, "size": size,
            "unit_weight_kg": 0.0001, "rej1_defect": "N/A", "rej1_location": None,
            "rej2_defect": None, "rej2_location": None, "rej3_defect": None,
            "rej3_location": None, "cam_d": d, "cam_w": w, "operator": "op",
            "recorded_at": format_utc(at), "utc_offset_minutes": -180, "origin": "station",
            "status": "active", "reason": None, "editor": None, "edited_at": None,
            "base_version": None, "source_station": station, "source_seq": seq}


class Plant:
    def __init__(self, writer: ViewWriter, days: int):
        self.writer = writer
        self.days = days
        self.start = END - timedelta(days=days)
        self.rng = random.Random(15)
        self.positions: dict[str, int] = {}
        self.numbers: dict[str, int] = {}
        self.means = {s: (self.rng.uniform(1.0, 2.0), self.rng.uniform(0.8, 1.8))
                      for s in station_ids()}
        self.records = 0

    def size(self, station: str) -> str:
        return SIZES[int(station) % len(SIZES)]

    def store(self, source: str, records=(), events=()) -> float:
        position = self.positions.get(source, 0)
        self.positions[source] = position + 1
        batch = Batch(source, "journal", Position(1, position), Position(1, position + 1),
                      None, events=list(events), records=list(records),
                      now=format_utc(END), source=source)
        started = time.perf_counter()
        self.writer.store(batch)
        return time.perf_counter() - started

    def week(self, station: str, first_day: int, last_day: int) -> list[dict[str, Any]]:
        mean_d, mean_w = self.means[station]
        shifted = int(station) % 10 == 0
        rows = []
        for day in range(first_day, last_day):
            for box in range(BOXES_PER_DAY):
                at = self.start + timedelta(days=day, minutes=box * 29,
                                            seconds=self.rng.randrange(60))
                shift = 0.25 if shifted and day >= self.days - 30 else 0.0
                number = self.numbers[station] = self.numbers.get(station, 0) + 1
                rows.append(_record(station, self.size(station), number, at, number,
                                    round(self.rng.gauss(mean_d + shift, 0.1), 2),
                                    round(self.rng.gauss(mean_w, 0.1), 2)))
        self.records += len(rows)
        return rows

    def days_range(self, first: int, last: int) -> float:
        seconds = 0.0
        for week_start in range(first, last, 7):
            for station in station_ids():
                seconds += self.store(station, self.week(station, week_start,
                                                         min(week_start + 7, last)))
        return seconds

    def freezes(self) -> float:
        events = []
        end = self.start + timedelta(days=BASELINE_DAYS)
        for seq, (station, measurement) in enumerate(
                ((s, m) for s in station_ids() for m in ("cam_d", "cam_w")), start=1):
            db = self.writer.connection
            values = [row[0] for row in db.execute(
                f"SELECT {measurement} FROM view_records WHERE station_id = ? AND "
                f"recorded_at < ? ORDER BY recorded_at, record_id", (station, format_utc(end)))]
            limits = limits_from(values)
            ts = format_utc(end + timedelta(hours=1, seconds=seq))
            document = people.sign("ana", {
                "kind": "spc_baseline_freeze", "station": station, "size": self.size(station),
                "measurement": measurement, "start": format_utc(self.start),
                "end": format_utc(end), "n": limits.n, "mean": limits.mean,
                "mr_bar": limits.mr_bar, "reason": "first two weeks"}, at=ts)
            body = canonical_json({"ts": ts, "user": "ana", "role": "admin",
                                   "action": FREEZE_ACTION, "reason": "first two weeks",
                                   "after": document})
            events.append(("office1", seq, ts, "ana", "admin", FREEZE_ACTION, "spc_baseline",
                           f"{station}/{self.size(station)}/{measurement}", None,
                           f"{seq:064x}", body))
        return self.store("office1", events=events)


def open_plant(folder: Path, params: dict) -> tuple[Any, "TimedSpc", ViewWriter, "Plant"]:
    database = open_view_database(folder / "view.sqlite3")
    spc = TimedSpc()
    writer = ViewWriter(database, "America/Sao_Paulo", extensions=(spc,))
    return database, spc, writer, Plant(writer, params["days"])


def build(plant: "Plant", spc: "TimedSpc", folder: Path, metrics: dict,
          diagnostics: dict) -> None:
    """The year (or --quick's part): the baselines' days, the freezes, the rest."""
    benchkit.log(f"[build] {STATIONS} stations, {plant.days} days")
    store_s = plant.days_range(0, BASELINE_DAYS)
    benchkit.log(f"    first {BASELINE_DAYS} days: {plant.records:,} records")
    freeze_s = plant.freezes()
    benchkit.log(f"    400 baselines frozen in {freeze_s:.1f} s")
    store_s += freeze_s + plant.days_range(BASELINE_DAYS, plant.days)
    metrics["ingest_records_per_s"] = round(plant.records / store_s)
    diagnostics.update(records=plant.records, store_s=round(store_s, 1),
                       spc_s=round(spc.seconds, 1), spc_share=round(spc.seconds / store_s, 3),
                       view_bytes=(folder / "view.sqlite3").stat().st_size,
                       load_during_build=os.getloadavg() if hasattr(os, "getloadavg") else None)
    benchkit.log(f"    {plant.records:,} records in {store_s:.0f} s, SPC "
                 f"{spc.seconds / store_s:.0%} of it")


def measure(view, plant: Plant, params: dict, metrics: dict, diagnostics: dict) -> None:
    settings = SpcSettings(tuple(SpecLimit(size, m, 0.5, 3.0) for size in SIZES
                                 for m in ("cam_d", "cam_w")))
    rng = random.Random(3)
    refresh, alarms = [], []
    for run in range(params["runs"]):
        station = rng.choice(station_ids())
        started = time.perf_counter()
        statuses = spc_service.site_statuses(view)
        choices = spc_service.chart_choices(view)
        chart = spc_service.chart(view, settings, station, plant.size(station),
                                  rng.choice(("cam_d", "cam_w")))
        t_alarms = time.perf_counter()
        found = spc_service.spc_alarms(view)
        done = time.perf_counter()
        if run:  # the first run warms the cache
            refresh.append((done - started) * 1000)
            alarms.append((done - t_alarms) * 1000)
    metrics["spc_refresh_ms"] = round(statistics.median(refresh), 1)
    metrics["spc_alarms_ms"] = round(statistics.median(alarms), 2)
    diagnostics["refresh_ms"] = benchkit.summary(refresh)
    diagnostics["charts"] = len(statuses)
    diagnostics["chooser"] = len(choices)
    diagnostics["chart_points"] = len(chart.values)
    diagnostics["alarms"] = len(found)
    follow = []
    for _ in range(params["runs"]):
        station = rng.choice(station_ids())
        number = plant.numbers[station] = plant.numbers[station] + 1
        at = END + timedelta(minutes=len(follow) + 1)
        follow.append(plant.store(station, [_record(station, plant.size(station), number, at,
                                                    number, 1.5, 1.2)]) * 1000)
    metrics["follow_box_ms"] = round(statistics.median(follow), 2)
    diagnostics["follow_ms"] = benchkit.summary(follow)


def print_table(metrics: dict, passed: dict) -> None:
    rows = [("spc_refresh_ms (median)", metrics.get("spc_refresh_ms"), "≤ 250",
             passed.get("spc_refresh_ms")),
            ("spc_alarms_ms (median)", metrics.get("spc_alarms_ms"), "", None),
            ("follow_box_ms (median)", metrics.get("follow_box_ms"), "", None),
            ("ingest_records_per_s", metrics.get("ingest_records_per_s"), "", None)]
    print(f"{'metric':<28} {'result':>12} {'target':>8}  pass")
    for name, value, target, ok in rows:
        shown = "—" if value is None else f"{value:,}"
        print(f"{name:<28} {shown:>12} {target:>8}  {'' if ok is None else ok}")


def run_section(quick: bool, folder: Path, cache_dir: Path | None) -> dict[str, Any]:
    """Build (or take from `cache_dir`) and measure, in `folder`: {"metrics", "diagnostics",
    "methods", "params"} (bench_mes.py runs this as its SPC section)."""
    params: dict[str, Any] = dict(QUICK if quick else FULL, quick=quick, stations=STATIONS,
                                  boxes_per_day=BOXES_PER_DAY)
    metrics: dict[str, Any] = {}
    diagnostics: dict[str, Any] = {}
    cache = None
    if cache_dir is not None:
        from data.view_schema import VIEW_FORMAT

        cache = cache_dir / f"spc-v{BUILD_FORMAT}-{STATIONS}st-{params['days']}d-view{VIEW_FORMAT}"
        params["cache_dir"] = str(cache_dir)
    if cache is not None and (cache / "facts.json").exists():
        benchkit.log(f"[build] cached view {cache}")
        shutil.copyfile(cache / "view.sqlite3", folder / "view.sqlite3")
        facts = json.loads((cache / "facts.json").read_text())
        database, spc, writer, plant = open_plant(folder, params)
        plant.positions, plant.numbers = facts.pop("positions"), facts.pop("numbers")
        plant.records = facts["records"]
        metrics["ingest_records_per_s"] = facts.pop("ingest_records_per_s")
        diagnostics.update(facts, cached=True)
    else:
        database, spc, writer, plant = open_plant(folder, params)
        build(plant, spc, folder, metrics, diagnostics)
        if cache is not None:
            writer.close()
            database.dispose()  # the last connection closed: the WAL is in the file
            cache.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / "view.sqlite3", cache / "view.sqlite3")
            (cache / "facts.json").write_text(json.dumps(dict(
                diagnostics, positions=plant.positions, numbers=plant.numbers,
                ingest_records_per_s=metrics["ingest_records_per_s"])))
            database, spc, writer, reopened = open_plant(folder, params)
            reopened.positions, reopened.numbers = plant.positions, plant.numbers
            reopened.records, plant = plant.records, reopened
    benchkit.log("[measure] SPC refresh and follow")
    try:
        measure(SimpleNamespace(database=database), plant, params, metrics, diagnostics)
    finally:
        writer.close()
        database.dispose()
    methods = {
        "spc_refresh_ms": "utils/mes/spc_service: site_statuses + chart_choices + chart(last "
                          "200 points) + spc_alarms on the view's own SQLite file, median of "
                          f"{params['runs'] - 1} runs after one warm-up, random station and "
                          "measurement each run (headless: the tab's drawing is not included)",
        "follow_box_ms": "ViewWriter.store of one station's one-box batch (aggregates, SPC)",
        "ingest_records_per_s": "records / wall time of every ViewWriter.store of the build"}
    return {"metrics": metrics, "diagnostics": diagnostics, "methods": methods,
            "params": params}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="36 days instead of a year")
    parser.add_argument("--json", required=True, type=Path, help="where to write the results")
    parser.add_argument("--dir", type=Path, default=None, help="parent of the temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--strict", action="store_true", help="status 1 when a target is missed")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="keep the built view here between runs (measured on a copy)")
    args = parser.parse_args(argv)
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    folder = Path(tempfile.mkdtemp(prefix="bench-spc-", dir=args.dir))
    started = time.perf_counter()
    try:
        found = run_section(args.quick, folder, args.cache_dir)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return benchkit.write_report(
        args, metrics=found["metrics"], targets=TARGETS, target_ops=TARGET_OPS,
        params=found["params"], methods=found["methods"], diagnostics=found["diagnostics"],
        machine=benchkit.machine_info(folder.parent), phases={"build", "measure"},
        folder=folder, load_before=load_before, elapsed=time.perf_counter() - started,
        print_table=print_table, quick_note="36 days instead of a year")


if __name__ == "__main__":
    sys.exit(main())
