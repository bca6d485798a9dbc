"""How a cold catch-up's time splits between the view's writer and everything else.

    .venv/bin/python tests/benchmarks/catchup_writer_share.py [--quick] --json PATH
        [--cache-dir DIR] [--dir DIR]

The catch-up of bench_site_view.py (`--phases catchup`: an office PC with an empty view reads
the synthetic site), with plain timers around the writer's three calls: `ViewWriter.store`
(a batch's rows, records and aggregates), `commit_group` (a group's commit) and
`end_catch_up` (the indexes left out until the end). The rest is reading the journals,
checking the chains and building the batches. The writer's share bounds what a second process
for the reading and checking could give: with that process free, the catch-up would take the
writer's time. Prints a table and writes JSON. A script, not a pytest module.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_site_view  # noqa: E402  (this folder's benchmark: its site and its catch-up)
from benchkit import machine_info  # noqa: E402
from data import view_store  # noqa: E402

WRITER_CALLS = ("store", "commit_group", "end_catch_up")


def time_writer(spent: dict[str, float]) -> None:
    """Wrap the writer's calls so each adds its wall time to `spent` (what the calls do is
    unchanged; the wrappers cost a perf_counter pair per batch)."""
    def timed(name: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started
        return wrapper

    for name in WRITER_CALLS:
        spent[name] = 0.0
        setattr(view_store.ViewWriter, name, timed(name, getattr(view_store.ViewWriter, name)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="one tenth of the year (about 1 M events)")
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("--cache-dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "shopfloor-bench-site-cache",
                        help="where bench_site_view.py keeps its synthetic site")
    parser.add_argument("--dir", type=Path, default=None, help="parent of the temporary view")
    args = parser.parse_args(argv)
    bench_site_view._fast_accounts()
    params = bench_site_view.QUICK if args.quick else bench_site_view.FULL
    site = bench_site_view.build_site(args.cache_dir, params)
    spent: dict[str, float] = {}
    time_writer(spent)
    started_utc = datetime.now(timezone.utc).isoformat(timespec="seconds")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        result = bench_site_view.phase_catchup(Path(folder), site)
    writer_s = sum(spent.values())
    rest_s = result["seconds"] - writer_s
    bound = result["events"] / writer_s if writer_s else None
    rows = [("catch-up, all of it", result["seconds"]),
            *((f"writer: {name}", spent[name]) for name in WRITER_CALLS),
            ("writer, all of it", writer_s), ("reading, checking, building batches", rest_s)]
    print(f"{result['events']:,} events, {result['events_per_s']:,}/s")
    print(f"{'part':40} {'seconds':>9} {'share':>7}")
    for name, seconds in rows:
        print(f"{name:40} {seconds:9.1f} {100 * seconds / result['seconds']:6.1f}%")
    if bound is not None:
        print(f"bound with a free reading process: {bound:,.0f} events/s")
    report = {"catchup": result, "writer_s": {k: round(v, 2) for k, v in spent.items()},
              "writer_total_s": round(writer_s, 2), "everything_else_s": round(rest_s, 2),
              "bound_events_per_s": None if bound is None else round(bound),
              "started_utc": started_utc, "loadavg_before": load_before,
              "loadavg_after": os.getloadavg(),
              "site": {k: v for k, v in site.items() if k != "share"},
              "machine": machine_info(args.dir or Path(tempfile.gettempdir()))}
    args.json.write_text(json.dumps(report, indent=2))
    print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
