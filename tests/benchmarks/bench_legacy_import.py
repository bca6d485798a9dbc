#!/usr/bin/env python3
"""Legacy import benchmark: one lot of thousands of boxes imported, then a copy of it again
(a script, not a pytest module).

    python tests/benchmarks/bench_legacy_import.py [--quick] [--boxes N] --json PATH

Each run opens a new station home (AppContext, a real SQLite file) and imports, as
`shopfloor import-legacy` does (utils.records_io.import_legacy_file), a legacy
`dados_producao.csv` holding one lot of station 206 with N boxes (5,000; --quick 1,000), one a
minute. Every row is looked up by its box (data/legacy_boxes.py imported_box) before it is
written; a lookup that reads the station's or the lot's history makes the import O(N^2).

- first_import_s   the file into the empty home: N boxes imported (each lookup finds nothing);
                   median of runs.
- reimport_s       a copy as Excel re-saves it (day-first times without seconds: new source keys,
                   so every row reaches the box lookup, which finds its box): N already
                   present; median of runs.
- also: per-row milliseconds of both, each run's seconds, the data.legacy_boxes module the run
  imported (to tell which checkout was measured).

Prints a table and writes JSON (tests/benchmarks/benchkit.py).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit  # noqa: E402  (shared with the other benchmark scripts)
from benchkit import log  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import data.legacy_boxes  # noqa: E402
from config.settings import Settings  # noqa: E402
from utils.context import AppContext  # noqa: E402
from utils.records_io import import_legacy_file  # noqa: E402

BOXES, QUICK_BOXES = 5000, 1000
STATION, LOT, ZONE = "206", "L-BENCH-5000", "America/Sao_Paulo"
PASSWORD = "Quarry-Lantern-42"
START = datetime(2025, 11, 3, 6, 0, 23)
HEADER = ("maquina,lote,numero_caixa,size,peso,rej1_defect,rej1_local,percent_cam_d,"
          "percent_cam_w,data_hora,origem,justificativa,usuario_reg")


def write_lot(path: Path, boxes: int, *, excel: bool) -> Path:
    """The lot's boxes, one a minute; `excel`: the times as Excel re-saves them (day first,
    without their seconds)."""
    lines = [HEADER]
    for box in range(1, boxes + 1):
        moment = START + timedelta(minutes=box)
        when = moment.strftime("%d/%m/%Y %H:%M" if excel else "%Y-%m-%d %H:%M:%S")
        cam_d, cam_w = f"{1 + box % 50 / 10:.1f}", f"{2 + box % 30 / 10:.1f}"
        lines.append(f"{STATION},{LOT},{box},#00,0.000121,Furo,Cap,{cam_d},{cam_w},{when},"
                     f"coletor,,op")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def one_run(folder: Path, original: Path, copy: Path, boxes: int) -> tuple[float, float]:
    """(first import seconds, re-import seconds) in a new home."""
    ctx = AppContext.open(folder, settings=Settings(station_id=STATION, timezone=ZONE))
    try:
        ctx.auth.create_first_admin("admin", "Ana Admin", PASSWORD)
        admin = ctx.auth.login("admin", PASSWORD).session
        started = time.perf_counter()
        first = import_legacy_file(ctx.production, admin, original, ZONE)
        first_s = time.perf_counter() - started
        assert (first.imported, first.already_present, len(first.conflicts),
                len(first.rejected)) == (boxes, 0, 0, 0), first
        started = time.perf_counter()
        again = import_legacy_file(ctx.production, admin, copy, ZONE)
        again_s = time.perf_counter() - started
        assert (again.imported, again.already_present, len(again.conflicts),
                len(again.rejected)) == (0, boxes, 0, 0), again
    finally:
        ctx.close()
    return first_s, again_s


def print_table(metrics: dict, _passed: dict) -> None:
    rows = [
        (f"first_import_s ({metrics['boxes']:,} boxes, median)",
         f"{metrics['first_import_s']:,.2f}"),
        ("  per row (ms)", f"{metrics['first_import_ms_per_row']:,.3f}"),
        (f"reimport_s ({metrics['boxes']:,} already present, median)",
         f"{metrics['reimport_s']:,.2f}"),
        ("  per row (ms)", f"{metrics['reimport_ms_per_row']:,.3f}"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'metric':<{width}}  {'value':>12}")
    print("-" * (width + 14))
    for name, value in rows:
        print(f"{name:<{width}}  {value:>12}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_BOXES:,} boxes")
    parser.add_argument("--boxes", type=int, default=None)
    parser.add_argument("--runs", type=int, default=3)
    benchkit.report_arguments(parser)
    args = parser.parse_args(argv)
    boxes = args.boxes or (QUICK_BOXES if args.quick else BOXES)
    load_before = benchkit.os.getloadavg() if hasattr(benchkit.os, "getloadavg") else None
    folder = Path(tempfile.mkdtemp(prefix="bench-legacy-", dir=args.dir))
    started = time.perf_counter()
    original = write_lot(folder / "dados_producao.csv", boxes, excel=False)
    copy = write_lot(folder / "dados_producao_excel.csv", boxes, excel=True)
    log(f"code: {data.legacy_boxes.__file__}")
    firsts, agains = [], []
    for run in range(args.runs):
        first_s, again_s = one_run(folder / f"home-{run}", original, copy, boxes)
        firsts.append(first_s)
        agains.append(again_s)
        log(f"[{run + 1}/{args.runs}] first import {first_s:.2f} s, re-import {again_s:.2f} s")
    first, again = statistics.median(firsts), statistics.median(agains)
    metrics = {"boxes": boxes, "first_import_s": first, "reimport_s": again,
               "first_import_ms_per_row": first * 1000 / boxes,
               "reimport_ms_per_row": again * 1000 / boxes,
               "first_import_runs_s": firsts, "reimport_runs_s": agains}
    params = {"boxes": boxes, "runs": args.runs, "quick": args.quick, "station": STATION,
              "lot": LOT, "legacy_boxes_module": data.legacy_boxes.__file__}
    methods = {
        "first_import_s": "utils.records_io.import_legacy_file of one lot of N boxes into a "
                          "new home (parse, box lookup, insert, audit; batches of 500)",
        "reimport_s": "the same lot with Excel's times (new source keys) into that home: every "
                      "row found by its box, already present",
    }
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return benchkit.write_report(
        args, metrics=metrics, targets={}, target_ops={}, params=params, methods=methods,
        diagnostics={}, machine=benchkit.machine_info(folder.parent), phases={"import"},
        folder=folder, load_before=load_before, elapsed=time.perf_counter() - started,
        print_table=print_table, quick_note=f"{QUICK_BOXES:,} boxes instead of {BOXES:,}")


if __name__ == "__main__":
    sys.exit(main())
