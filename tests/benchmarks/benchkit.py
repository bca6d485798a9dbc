"""What every benchmark script shares: progress logging, a description of the machine,
percentiles and summaries, the report (JSON, table, methods), and simulated stations
certified in a site (other PCs, each with its own key)."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable


def log(message: str) -> None:
    """Progress goes to stderr, so stdout holds only the result table."""
    print(message, file=sys.stderr, flush=True)


def machine_info(folder: Path) -> dict:
    """CPU, Python, SQLite, memory and the file system the benchmark's files live on."""
    info = {"platform": platform.platform(), "python": platform.python_version(),
            "implementation": platform.python_implementation(), "sqlite": sqlite3.sqlite_version,
            "logical_cpus": os.cpu_count(), "cpu": platform.processor() or platform.machine()}
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        info["memory_bytes"] = psutil.virtual_memory().total
        info["psutil"] = psutil.__version__
        best = None
        for part in psutil.disk_partitions(all=True):
            if str(folder).startswith(part.mountpoint) and (
                    best is None or len(part.mountpoint) > len(best.mountpoint)):
                best = part
        if best is not None:
            info["temp_filesystem"] = f"{best.fstype} on {best.mountpoint} ({best.device})"
    except ImportError:  # pragma: no cover
        pass
    return info


def pct(values: list[float], q: float) -> float:
    import numpy

    return float(numpy.percentile(numpy.asarray(values, dtype=float), q)) if values else float("nan")


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": statistics.median(values), "p90": pct(values, 90),
            "p99": pct(values, 99), "max": max(values), "mean": statistics.fmean(values)}


def verdict(value: float | None, target: float, op: str) -> bool | None:
    """Whether a metric meets its target (None: not measured)."""
    if value is None or value != value:
        return None
    return value <= target if op == "<=" else value >= target


def report_arguments(parser: Any) -> None:
    """The options every benchmark's report takes (`write_report` reads them): where the JSON
    goes, the temporary folder's parent, keeping it, and a failing status on a missed target."""
    parser.add_argument("--json", required=True, type=Path, help="where to write the results")
    parser.add_argument("--dir", type=Path, default=None, help="parent of the temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--strict", action="store_true", help="status 1 when a target is missed")


def write_report(args: Any, *, metrics: dict, targets: dict, target_ops: dict, params: dict,
                 methods: dict, diagnostics: dict, machine: dict, phases: set[str],
                 folder: Path, load_before: Any, elapsed: float,
                 print_table: Callable[[dict, dict], None], quick_note: str) -> int:
    """Write the JSON, print the table and the methods; the exit status (1 with --strict when
    a target is missed)."""
    passed = {name: verdict(metrics.get(name), targets[name], target_ops[name])
              for name in targets}
    params.update({
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "phases": sorted(phases), "temp_folder": str(folder), "kept": args.keep,
        "elapsed_s": round(elapsed, 1),
        "started_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    })
    report = {"metrics": metrics, "targets": dict(targets), "target_ops": dict(target_ops),
              "machine": machine, "params": params, "pass": passed, "methods": methods,
              "diagnostics": diagnostics}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print_table(metrics, passed)
    print("methods:")
    for name, text in methods.items():
        print(f"  {name}: {text}")
    if args.quick:
        print(f"note: --quick run ({quick_note})")
    print(f"elapsed {elapsed:,.1f} s; results written to {args.json}")
    return 1 if args.strict and not all(v for v in passed.values() if v is not None) else 0


def certify_simulated(site: Any, passphrase: str, station_ids: list[str],
                      folder: Path) -> tuple[dict[str, Any], list[Any], float]:
    """Stations that are simulated by a benchmark (other PCs, in the product's terms), each
    with its own PC key certified in the site directory the way `shopfloor demo` certifies its
    simulated stations; the admin PC then reads the directory, so it knows them all. Returns
    (station id -> SigningKeyPair, the directory head a status carries, seconds it took)."""
    from utils.site.membership import certify_simulated_pcs

    started = time.perf_counter()
    pairs = certify_simulated_pcs(site.share, passphrase, station_ids,
                                  database_file=folder / "simulated-directory.sqlite")
    elapsed = time.perf_counter() - started
    site.admin.trust.directory.refresh()
    state = site.admin.trust.state
    missing = [s for s in station_ids if state.member(s) is None]
    if missing:
        raise RuntimeError(f"simulated stations not certified on the admin PC: {missing[:3]}")
    return pairs, [state.head_seq, state.head_hash], elapsed
