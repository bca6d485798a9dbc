"""Where a command's round trip goes: bench_sync's watcher round trip (admin and station in this
process, one shared folder), with each step of the path timed on the thread that ran it.

    .venv/bin/python tests/benchmarks/trace_round_trip.py [--commands N] --json PATH

For every step (the admin's send and its write of the command file, the station's read, check,
claim and ledger commit, the worker's ack, the admin's reading of it, each unit of work's
BEGIN / body / COMMIT, every fsync, and the station's periodic status and journal export that
can land in the middle) it prints how often it ran per round trip, when it started (median,
ms after the send began) and how long it took (median), which steps grow in the slowest 3 %
of the trips (where the p99 lives) against the trips nearest the median, then the six slowest
round trips as timelines. The steps are wrapped at run time (a diagnostic, not a measure of
the product's speed: the wrappers add their own small cost to each step); `bench_sync.py
--phases rt` gives the round trip's own figures. A script, not a pytest module.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("SHOPFLOOR_KEYRING", "off")

import bench_sync  # noqa: E402  (this folder's benchmark: its site kit, stamps and waker)
from benchkit import pct  # noqa: E402

Step = tuple[str, str, float, float]  # (step, thread, start, end), perf_counter seconds
WARMUP = 10


class Tracer:
    """Wraps the steps of the round trip; each call is kept as a Step."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self._undo: list[Callable[[], None]] = []

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        original = getattr(owner, attr)
        steps = self.steps

        @functools.wraps(original)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                steps.append((name, threading.current_thread().name, start,
                              time.perf_counter()))

        setattr(owner, attr, timed)
        self._undo.append(lambda: setattr(owner, attr, original))

    def wrap_transactions(self, database_class: Any) -> None:
        """A write transaction as three steps: BEGIN (waiting for the write lock included),
        its body, and the COMMIT (SQLite's own fsyncs)."""
        original = database_class.write
        steps = self.steps

        @contextlib.contextmanager
        def write(database, *args, **kwargs):
            begun = time.perf_counter()
            with original(database, *args, **kwargs) as connection:
                body = time.perf_counter()
                yield connection
                committing = time.perf_counter()
            done = time.perf_counter()
            thread = threading.current_thread().name
            steps.extend([("tx BEGIN", thread, begun, body), ("tx body", thread, body, committing),
                          ("tx COMMIT", thread, committing, done)])

        database_class.write = write
        self._undo.append(lambda: setattr(database_class, "write", original))

    def undo(self) -> None:
        for step in reversed(self._undo):
            step()
        self._undo.clear()


def install(tracer: Tracer) -> None:
    import data.database
    import utils.site.command_ledger as ledger
    import utils.site.fleet as fleet
    import utils.site.heartbeat as heartbeat
    import utils.site.inbox as inbox
    import utils.site.journal_export as journal_export
    import utils.site.share_fs as share_fs
    import utils.trust.site_trust as site_trust

    for owner, attr, name in [
        (fleet.FleetMonitor, "send", "admin: send"),
        (fleet.FleetMonitor, "track", "admin: track"),
        (share_fs.ShareFS, "create_once", "write-once file"),
        (share_fs.ShareFS, "read_bytes", "read a file"),
        (inbox.Inbox, "_consider", "station: consider"),
        (inbox, "check_command", "station: check_command"),
        (site_trust.SiteTrust, "check_person", "station: signature"),
        (ledger.CommandLedger, "seen_before", "station: seen before"),
        (inbox.Inbox, "_claim", "station: claim"),
        (inbox, "execute", "worker: execute"),
        (ledger.CommandLedger, "write_ack", "worker: write ack"),
        (heartbeat.Heartbeat, "beat", "station: status"),
        (journal_export.JournalExport, "export", "station: journal export"),
        (os, "fsync", "os.fsync"),
    ]:
        tracer.wrap(owner, attr, name)
    tracer.wrap_transactions(data.database.Database)


def thread_kind(name: str) -> str:
    """Worker threads numbered apart ("shopfloor-cmd_0") count as one kind."""
    return name.split("_")[0]


def run(commands: int, folder: Path, gap_ms: tuple[float, float]) -> dict[str, Any]:
    from config.constants import CommandType
    from utils.site.fleet import FleetMonitor
    from utils.site.folder_transport import FolderTransport

    kit = bench_sync._kit()
    tracer = Tracer()
    site = kit.make_site(folder)
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    session = site.admin.auth.login("ana", kit.ADMIN_PW).session
    station = site.station(folder, "206", status_interval_ms=1000, rescan_interval_ms=None)
    service = kit.start_sync(station, watch=True)
    waker = bench_sync.AckWaker(fleet.transport, "206")
    rng = random.Random(20251)
    trips: list[tuple[float, float, list[Step]]] = []
    install(tracer)
    try:
        kit.wait_until(lambda: service.counters["heartbeats"] > 0, timeout=30)
        pause = threading.Event()
        for index in range(commands + WARMUP):
            tracer.steps.clear()
            started = time.perf_counter()
            fleet.send(session, CommandType.PING, ["206"])
            deadline = started + 10
            while True:
                # Cleared before looking, as bench_sync and the panel's poller do: an ack
                # that lands while track() reads must not be cleared unseen (then the wait
                # ran out its 50 ms; with the faster folder watcher, about 1 % of the trips).
                waker.event.clear()
                if fleet.track() or time.perf_counter() >= deadline:
                    break
                waker.event.wait(0.05)
            ended = time.perf_counter()
            if index >= WARMUP:
                trips.append((started, ended, list(tracer.steps)))
            pause.wait(rng.uniform(*gap_ms) / 1000)
    finally:
        tracer.undo()
        waker.stop()
        service.stop()
        station.close()
        site.admin.close()
    return summarise(trips)


def summarise(trips: list[tuple[float, float, list[Step]]]) -> dict[str, Any]:
    totals = sorted((end - start) * 1000 for start, end, _ in trips)
    durations: dict[tuple[str, str], list[float]] = defaultdict(list)
    starts: dict[tuple[str, str], list[float]] = defaultdict(list)
    for start, _end, steps in trips:
        first_seen: set[tuple[str, str]] = set()
        for name, thread, begun, done in steps:
            key = (name, thread_kind(thread))
            durations[key].append((done - begun) * 1000)
            if key not in first_seen:
                first_seen.add(key)
                starts[key].append((begun - start) * 1000)
    rows = [{"step": name, "thread": thread,
             "per_round_trip": len(durations[(name, thread)]) / len(trips),
             "start_p50_ms": statistics.median(starts[(name, thread)]),
             "duration_p50_ms": statistics.median(durations[(name, thread)])}
            for name, thread in durations]
    rows.sort(key=lambda row: row["start_p50_ms"])
    slowest = sorted(trips, key=lambda trip: trip[1] - trip[0])[-6:]
    return {
        "tail": tail_excess(trips),
        "round_trips": len(trips),
        # As bench_sync computes them (benchkit.pct), so the two scripts' figures compare.
        "total_ms": {"p50": pct(totals, 50), "p99": pct(totals, 99)},
        "steps": rows,
        "slowest": [{"total_ms": (end - start) * 1000,
                     "steps": [{"step": name, "thread": thread_kind(thread),
                                "from_ms": (begun - start) * 1000,
                                "to_ms": (done - start) * 1000}
                               for name, thread, begun, done in sorted(steps, key=lambda s: s[2])
                               if done - begun >= 0.0002]}
                    for start, end, steps in slowest],
    }


def tail_excess(trips: list[tuple[float, float, list[Step]]], share: float = 0.03
                ) -> list[dict[str, Any]]:
    """What grows in the slowest `share` of the trips: each step's time per trip (summed when
    it ran more than once), their mean against the mean of the trips nearest the median (the
    middle tenth), biggest growth first. The p99 lives in that tail."""
    def per_trip(steps: list[Step]) -> dict[tuple[str, str], float]:
        spent: dict[tuple[str, str], float] = defaultdict(float)
        for name, thread, begun, done in steps:
            spent[(name, thread_kind(thread))] += (done - begun) * 1000
        return spent

    ordered = sorted(trips, key=lambda trip: trip[1] - trip[0])
    count = len(ordered)
    slow = [per_trip(steps) for _s, _e, steps in ordered[count - max(1, int(count * share)):]]
    middle = [per_trip(steps) for _s, _e, steps in ordered[int(count * 0.45):int(count * 0.55) + 1]]
    rows = []
    for key in set().union(*slow, *middle):
        slow_ms = statistics.fmean(spent.get(key, 0.0) for spent in slow)
        typical_ms = statistics.fmean(spent.get(key, 0.0) for spent in middle)
        rows.append({"step": key[0], "thread": key[1], "slow_ms": slow_ms,
                     "typical_ms": typical_ms, "grows_ms": slow_ms - typical_ms})
    rows.sort(key=lambda row: -row["grows_ms"])
    return rows


def print_report(report: dict[str, Any]) -> None:
    total = report["total_ms"]
    print(f"{report['round_trips']} round trips: p50 {total['p50']:.2f} ms, "
          f"p99 {total['p99']:.2f} ms")
    print(f"{'step':28} {'thread':16} {'per trip':>8} {'starts at':>10} {'takes':>8}")
    for row in report["steps"]:
        print(f"{row['step']:28} {row['thread']:16} {row['per_round_trip']:8.2f} "
              f"{row['start_p50_ms']:8.2f}ms {row['duration_p50_ms']:6.3f}ms")
    print("--- what grows in the slowest 3 % of the trips (ms a trip: slow, typical, growth)")
    for row in report["tail"][:12]:
        print(f"  {row['step']:28} {row['thread']:16} {row['slow_ms']:6.2f} "
              f"{row['typical_ms']:6.2f} {row['grows_ms']:+6.2f}")
    for trip in report["slowest"]:
        print(f"--- a slow round trip: {trip['total_ms']:.2f} ms")
        for step in trip["steps"]:
            print(f"  {step['from_ms']:7.2f} {step['to_ms']:7.2f}  {step['step']:28} "
                  f"{step['thread']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=300)
    parser.add_argument("--json", required=True)
    parser.add_argument("--gap-ms", type=float, nargs=2, default=bench_sync.GAP_MS,
                        metavar=("LOW", "HIGH"), help="the pause between round trips (ms)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="shopfloor-trace-") as folder:
        report = run(args.commands, Path(folder), tuple(args.gap_ms))
    report["gap_ms"] = list(args.gap_ms)
    report["loadavg"] = os.getloadavg()
    print_report(report)
    Path(args.json).write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
