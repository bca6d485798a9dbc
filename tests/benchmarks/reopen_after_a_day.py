"""A production PC's panel reopened after a day: how long its site view takes to read what the
stations wrote while the panel was closed.

    .venv/bin/python tests/benchmarks/reopen_after_a_day.py SHARE WORK_DIR --json PATH [--hours H]

SHARE is a synthetic site's shared folder (bench_site_view.py keeps one in its cache, e.g.
`<cache>/v2-200st-365d-49b/share`). It is copied to WORK_DIR; in the copy every station's
journal is cut back to its last seal before the final H hours (24 by default), a new PC's view
catches up on that (the first opening, timed too), then the cut hours are put back, as if the
stations had worked with the panel closed, and the second catch-up is timed: what a reopening
reads. The journals are read with the product's reader (utils/site/journal_read.py); only each
station's first journal, `journal/` (a synthetic site has no other), is cut and put back.
Prints a table and writes JSON. A script, not a pytest module; the full year needs about 20 GB
in WORK_DIR and about 20 minutes for the first catch-up.
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
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_site_view  # noqa: E402  (this folder's benchmark: its office PC and its catch-up)
from utils.site.journal_read import (  # noqa: E402  (the product's reader of the journals)
    JournalEntry, JournalEvent, JournalSeal, list_segments, parse_body, read_journal,
    segment_name,
)


def event_time(event: JournalEvent) -> str:
    """When the station says the event happened: its body's `ts`."""
    return parse_body(event.body)["ts"]


def segment_entries(journal: Path, number: int) -> Iterator[JournalEntry]:
    """One segment's complete lines in order. The reader goes on into the next segment, so it
    is stopped there: the cut works a segment at a time, from the newest."""
    for entry in read_journal(journal, start_segment=number):
        if entry.segment != number:
            return
        yield entry


def last_event_time(station: Path) -> str:
    """The latest event time in the station's newest segment (its first journal's)."""
    journal = station / "journal"
    newest, _path = list_segments(journal)[-1]
    return max(event_time(entry) for entry in segment_entries(journal, newest)
               if isinstance(entry, JournalEvent))


def cut_point(journal: Path, number: int, before: str) -> tuple[int | None, list[int]]:
    """Where segment `number` may be cut: the end of its last seal that follows, in this
    segment, an event from before `before` (None: no such seal); and the end of each of its
    event lines, to count what a cut takes away."""
    keep: int | None = None
    newest = ""  # the time of the segment's latest event line so far, in line order
    events: list[int] = []
    for entry in segment_entries(journal, number):
        if isinstance(entry, JournalEvent):
            newest = event_time(entry)
            events.append(entry.end_offset)
        elif isinstance(entry, JournalSeal) and newest and newest < before:
            keep = entry.end_offset
    return keep, events


def cut_back(station: Path, before: str) -> int:
    """Cut the station's journal to its last seal whose events are all before `before`;
    returns how many events were taken away."""
    journal = station / "journal"
    taken = 0
    for number, segment in reversed(list_segments(journal)):
        keep, events = cut_point(journal, number, before)
        if keep is not None:
            taken += sum(1 for end in events if end > keep)
            with open(segment, "r+b") as handle:
                handle.truncate(keep)  # whole lines: `keep` is where a line ends
            return taken
        taken += len(events)
        segment.unlink()  # wholly within the cut hours
    return taken


def put_back(source: Path, station: Path) -> None:
    """Copy back, from the untouched share, each segment the cut removed or shortened."""
    for number, segment in list_segments(source / "stations" / station.name / "journal"):
        target = station / "journal" / segment_name(number)
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
