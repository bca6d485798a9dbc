"""A production PC's panel reopened after a day: how long its site view takes to read what the
stations wrote while the panel was closed.

    .venv/bin/python tests/benchmarks/reopen_after_a_day.py SHARE WORK_DIR --json PATH [--hours H]

SHARE is a synthetic site's shared folder (bench_site_view.py keeps one in its cache, e.g.
`<cache>/v2-200st-365d-49b/share`). It is copied to WORK_DIR; in the copy every station's
journal is cut back to its last seal before the final H hours (24 by default), a new PC's view
catches up on that (the first opening, timed too), then the cut hours are put back, as if the
stations had worked with the panel closed, and the second catch-up is timed: what a reopening
reads. Prints a table and writes JSON. A script, not a pytest module; the full year needs about
20 GB in WORK_DIR and about 20 minutes for the first catch-up.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_site_view  # noqa: E402  (this folder's benchmark: its office PC and its catch-up)

EVENT = b'{"body"'
SEAL = b'"kind":"seal"'


def event_time(line: bytes) -> str:
    return json.loads(json.loads(line)["body"])["ts"]


def last_event_time(station: Path) -> str:
    newest = sorted((station / "journal").glob("*.jsonl"))[-1]
    return max(event_time(line) for line in newest.read_bytes().splitlines()
               if line.startswith(EVENT))


def cut_back(station: Path, before: str) -> int:
    """Cut the station's journal to its last seal whose events are all before `before`;
    returns how many events were taken away."""
    taken = 0
    for segment in reversed(sorted((station / "journal").glob("*.jsonl"))):
        data = segment.read_bytes()
        keep, position, newest = None, 0, ""
        for line in data.split(b"\n")[:-1]:
            position += len(line) + 1
            if line.startswith(EVENT):
                newest = event_time(line)
            elif SEAL in line and newest and newest < before:
                keep = position
        if keep is not None:
            taken += data[keep:].count(EVENT)
            with open(segment, "r+b") as handle:
                handle.truncate(keep)
            return taken
        taken += data.count(EVENT)
        segment.unlink()  # wholly within the cut hours
    return taken


def put_back(source: Path, station: Path) -> None:
    for segment in sorted((source / "stations" / station.name / "journal").glob("*.jsonl")):
        target = station / "journal" / segment.name
        if not target.exists() or target.stat().st_size != segment.stat().st_size:
            shutil.copyfile(segment, target)


def reopen(home: Path) -> dict[str, float]:
    from utils.context import AppContext

    ctx = AppContext.open(home)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        assert ctx.view_follower.catch_up_now()
        return {"seconds": time.perf_counter() - started, "cpu_s": time.process_time() - cpu}
    finally:
        ctx.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("share", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("--hours", type=float, default=24.0)
    args = parser.parse_args(argv)
    share = args.work / "share"
    for leftover in (share, args.work / "office"):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(args.share, share, symlinks=True)
    stations = sorted(p for p in (share / "stations").iterdir() if p.is_dir())
    end = max(last_event_time(station) for station in stations)
    before = (datetime.fromisoformat(end.replace("Z", "+00:00"))
              - timedelta(hours=args.hours)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    held_back = sum(cut_back(station, before) for station in stations)
    first = bench_site_view.phase_catchup(args.work, {"share": str(share)})
    for station in stations:
        put_back(args.share, station)
    second = reopen(args.work / "office")
    result = {"stations": len(stations), "hours": args.hours, "cut_before": before,
              "first_opening": first, "reopening_events": held_back,
              "reopening_s": round(second["seconds"], 2),
              "reopening_cpu_s": round(second["cpu_s"], 2),
              "reopening_events_per_s": round(held_back / second["seconds"]),
              "loadavg": os.getloadavg()}
    print(f"{'stations':28} {len(stations)}")
    print(f"{'first opening':28} {first['events']:,} events in {first['seconds']:.0f} s "
          f"({first['events_per_s']:,}/s)")
    print(f"{'reopening after':28} {args.hours:g} h: {held_back:,} events in "
          f"{second['seconds']:.2f} s ({second['cpu_s']:.2f} s CPU)")
    args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
