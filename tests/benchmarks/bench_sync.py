#!/usr/bin/env python3
"""Site sync benchmark: command round trip, idle cost, share traffic and status fan-in
(a script, not a pytest module).

    python tests/benchmarks/bench_sync.py [--quick] --json PATH

Everything runs on this PC in a fresh temporary folder; the "share" is a local folder there
(so inotify works and there is no network latency: the figures are the software's own cost).
Measured in one run, side by side with the old system's loop (REFERENCE.md):

- rt_p50_ms, rt_p99_ms    ping round trip in watcher mode: the admin's `FleetMonitor.send`
                          writes a signed ping, the station's `SyncService` (watchdog observer
                          on its inbox, product default rescan) executes it and writes the ack,
                          the admin sees it through `FleetMonitor.track()`. Admin detection: the
                          panel's ack watcher (AckWatch) on the station's acks folder wakes it, which
                          then calls track() (fallback: track() every 50 ms if no event comes).
                          Timed from the call to send() to track() returning the finished
                          command. Station and admin run in this process (two AppContexts,
                          two SQLite files, one share), sequentially, one command at a time.
                          Timed without the benchmark's counters and stamps; a third run
                          (`rt_watch_traced` in the diagnostics) has them, for the legs.
- rt_p99_ms_poll10        the same with polling only: SyncService(watch=False) with
                          rescan_interval_ms=10, and the admin calling track() every 10 ms.
- idle_cpu_pct            one station agent (`python main.py --home H agent`, heartbeat
                          1000 ms, product default rescan) in its own process; psutil reads
                          the process CPU time (all its threads) over the idle window; percent
                          of one core.
- share_ops_per_s         system calls on the share per second by that idle agent, counted with
                          `strace -f -ff -ttt -y -e trace=%file,%desc` (any call naming a path
                          under the share or using a file descriptor open on it; strace's -y
                          shows the fd's path) in a separate run, so strace's overhead does not
                          enter idle_cpu_pct. Without strace: an in-process counting wrapper
                          around the os/io functions, filtered to paths under the share.
- fanin_staleness_p99_s,  200 simulated stations (a writer subprocess, a few threads) write
  fanin_admin_cpu_pct     status files at 1 Hz with the product's atomic writer, each signed
                          by its own PC key (Ed25519, certified in the site directory as
                          `shopfloor demo` certifies simulated stations); the
                          admin runs `FleetMonitor.poll()` in a loop every 500 ms. Staleness =
                          admin time at the end of the poll that first returned an update minus
                          the writer's clock just before it wrote that update (same PC clock).
                          Admin CPU = CPU time of the poll thread inside poll() / wall time.
- reference_*             the old loop, reimplemented: every 1 ms it re-reads its config file,
                          checks the share path, rewrites its status file in place and checks its
                          one command slot; the reference admin writes the command in place and
                          polls the response every 1 ms. Same CPU and share-ops methods.

Prints a table (metric, value, target, pass/fail) and writes
`{"metrics", "targets", "machine", "params", "pass", "diagnostics"}` as JSON.
`--quick` (100 commands per mode, 8 s idle windows, 5 s strace windows, 15 s fan-in) finishes
in under two minutes; the default run uses 500 commands, 30 s idle, 15 s strace, 60 s fan-in.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit  # noqa: E402  (shared with the other benchmark scripts)
from benchkit import log, pct, summary  # noqa: E402
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("SHOPFLOOR_KEYRING", "off")
if os.environ["SHOPFLOOR_KEYRING"] != "off":
    os.environ["SHOPFLOOR_KEYRING"] = "off"

BCRYPT_ROUNDS = 4

TARGETS = {
    "rt_p99_ms": 10.0,
    "rt_p99_ms_poll10": 30.0,
    "idle_cpu_pct": 1.0,
    "idle_cpu_reference_ratio": 10.0,  # reference_idle_cpu_pct / idle_cpu_pct
    "fanin_staleness_p99_s": 1.5,
    "fanin_admin_cpu_pct": 15.0,
}
TARGET_OPS = {"rt_p99_ms": "<=", "rt_p99_ms_poll10": "<=", "idle_cpu_pct": "<=",
              "idle_cpu_reference_ratio": ">=", "fanin_staleness_p99_s": "<=",
              "fanin_admin_cpu_pct": "<="}

FULL = {"commands": 500, "idle_s": 30.0, "ops_s": 15.0, "fanin_s": 60.0}
QUICK = {"commands": 100, "idle_s": 8.0, "ops_s": 5.0, "fanin_s": 15.0}
WARMUP_COMMANDS = 10
SETTLE_S = 3.0  # after an agent is up, before its idle window starts
REFERENCE_LOOP_SLEEP_S = 0.001


def child_env() -> dict[str, str]:
    return {**os.environ, "SHOPFLOOR_KEYRING": "off", "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1"}


def stop_process(proc: subprocess.Popen, pid: int | None = None, timeout: float = 30) -> None:
    """SIGTERM one process we started (by its pid), then wait; SIGKILL only if it hangs."""
    target = pid or proc.pid
    try:
        os.kill(target, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.kill(target, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if target != proc.pid:
            try:
                os.kill(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait(timeout=10)
    if target != proc.pid:  # a traced program must not outlive its tracer
        try:
            os.kill(target, 0)
        except ProcessLookupError:
            return
        os.kill(target, signal.SIGKILL)


# --- site set-up (the project's own test kit) --------------------------------------------------

def _kit():
    import utils.passwords

    utils.passwords.BCRYPT_ROUNDS = BCRYPT_ROUNDS
    from tests.utils.site import sitekit

    return sitekit


class Counters:
    """fsync calls (os.fsync, this process) and SQLite commits per engine, for the breakdown."""

    def __init__(self) -> None:
        self.fsync = 0
        self.ticks = 0
        self.commits: dict[str, int] = {}
        self._orig_fsync = os.fsync
        self._lock = threading.Lock()
        self._wrapped: list[tuple[Any, str]] = []

    def install(self) -> None:
        counters = self

        def _fsync(fd: int) -> None:
            with counters._lock:
                counters.fsync += 1
            return counters._orig_fsync(fd)

        os.fsync = _fsync  # atomic_io and journal look os.fsync up at call time

        from utils.site.station_sync import SyncService

        original_tick = SyncService.tick
        self._orig_tick = original_tick

        def _tick(service: Any) -> None:
            with counters._lock:
                counters.ticks += 1
            return original_tick(service)

        SyncService.tick = _tick  # type: ignore[method-assign]

    def uninstall(self) -> None:
        from utils.site.station_sync import SyncService

        os.fsync = self._orig_fsync
        SyncService.tick = self._orig_tick  # type: ignore[method-assign]
        for database, kind in self._wrapped:
            delattr(database, kind)  # the class's own helper again
        self._wrapped.clear()

    def watch_database(self, name: str, database: Any) -> None:
        """Count transactions: write ones (BEGIN IMMEDIATE, durable commit with
        synchronous=FULL) and read ones (BEGIN ... COMMIT of a read, no sync). The database's
        two transaction helpers are wrapped on this one object: an SQLAlchemy event listener
        would make the engine dispatch events around every statement of the timed trips."""
        for kind in ("write", "read"):
            key = f"{kind}_tx_{name}"
            self.commits.setdefault(key, 0)
            setattr(database, kind, self._counted(getattr(database, kind), key))
            self._wrapped.append((database, kind))

    def _counted(self, transaction: Callable[[], Any], key: str) -> Callable[[], Any]:
        @contextlib.contextmanager
        def counted() -> Iterator[Any]:
            with transaction() as connection:
                yield connection
            with self._lock:
                self.commits[key] += 1
        return counted

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {"fsync_calls": self.fsync, "station_loop_ticks": self.ticks, **self.commits}


GAP_MS = (5.0, 30.0)  # the pause between two round trips, drawn at random in this range


class Stamps:
    """When the inbox file and the ack file became visible (wrapping the share seam's
    write-once create, which both the admin's send and the station's ack go through)."""

    def __init__(self) -> None:
        self.inbox: dict[str, float] = {}
        self.ack: dict[str, float] = {}
        self._undo: list[Callable[[], None]] = []

    def install(self) -> None:
        from utils.site.share_fs import ShareFS

        original = ShareFS.create_once
        books = {"inbox": self.inbox, "acks": self.ack}

        def _wrapped(fs, path, data, *a, **k):
            original(fs, path, data, *a, **k)
            book = books.get(Path(path).parent.name)
            if book is not None:
                book[Path(path).stem] = time.perf_counter()

        ShareFS.create_once = _wrapped
        self._undo.append(lambda: setattr(ShareFS, "create_once", original))

    def uninstall(self) -> None:
        for undo in self._undo:
            undo()
        self._undo.clear()


class AckWaker:
    """The admin's wake-up: the product's ack watcher (`utils.site.view_watch.AckWatch`, the
    one the panel's FleetPoller runs) on one station's acks folder."""

    def __init__(self, transport: Any, station_id: str):
        from utils.site.view_watch import AckWatch

        self.event = threading.Event()
        self.events = 0

        def _wake() -> None:
            self.events += 1
            self.event.set()

        self.watch = AckWatch(transport, _wake)
        if not self.watch.follow([station_id]) or station_id not in self.watch.watched:
            raise RuntimeError(f"no ack watcher on station {station_id}")

    def stop(self) -> None:
        self.watch.stop()


def round_trips(fleet: Any, session: Any, station_id: str, count: int, *, waker: AckWaker | None,
                poll_s: float, stamps: Stamps | None, counters: Counters | None,
                gap_ms: tuple[float, float], rng: random.Random) -> dict[str, Any]:
    """`count` pings, one at a time; the admin waits on the waker (or polls every poll_s)."""
    from config.constants import CommandType

    totals: list[float] = []
    legs: dict[str, list[float]] = {"admin_write": [], "station": [], "admin_detect": [],
                                    "send_call": []}
    failures: list[str] = []
    fallback_wakeups = 0
    pause = threading.Event()
    before = counters.snapshot() if counters else None
    for index in range(count + WARMUP_COMMANDS):
        measured = index >= WARMUP_COMMANDS
        if measured and index == WARMUP_COMMANDS and counters:
            before = counters.snapshot()
        t0 = time.perf_counter()
        document = fleet.send(session, CommandType.PING, [station_id])[0]
        t_sent = time.perf_counter()
        finished = None
        deadline = t0 + 10.0
        while True:
            if waker is not None:
                waker.event.clear()
            done = fleet.track()
            if done:
                finished = done[0]
                break
            if time.perf_counter() > deadline:
                break
            if waker is not None:
                if not waker.event.wait(0.05):
                    fallback_wakeups += measured
            else:
                pause.wait(poll_s)
        t_seen = time.perf_counter()
        if finished is None or finished["command_id"] != document["id"] or finished["state"] != "done":
            failures.append(f"{document['id']}: {finished and finished['state']}")
            continue
        if measured:
            totals.append((t_seen - t0) * 1000)
            legs["send_call"].append((t_sent - t0) * 1000)
            if stamps is not None:
                t_inbox = stamps.inbox.get(document["id"])
                t_ack = stamps.ack.get(document["id"])
                if t_inbox is not None and t_ack is not None:
                    legs["admin_write"].append((t_inbox - t0) * 1000)
                    legs["station"].append((t_ack - t_inbox) * 1000)
                    legs["admin_detect"].append((t_seen - max(t_ack, t_sent)) * 1000)
        pause.wait(rng.uniform(*gap_ms) / 1000)
    per_command = None
    if counters and before is not None:
        after = counters.snapshot()
        per_command = {k: round((after[k] - before.get(k, 0)) / max(1, count), 2) for k in after}
    return {"totals_ms": totals, "legs": {k: summary(v) for k, v in legs.items() if v},
            "failures": failures, "fallback_wakeups": fallback_wakeups,
            "per_command_io": per_command}


def phase_round_trip(folder: Path, params: dict, rng: random.Random,
                     diagnostics: dict) -> dict[str, Any]:
    """Watcher mode and polling-only mode, on one site, one station at a time; then the
    watcher mode again with the counters and stamps installed (`watch_traced`).

    The two timed modes run without the benchmark's own instruments: the counters wrap
    `os.fsync` and every transaction of both databases in Python (a lock, a context manager)
    and the stamps wrap every write-once create, all on the path being timed and under the
    one interpreter lock the admin and the station share. Alternated on the disk
    (2026-12-05, 10:27 UTC, three pairs) they added 0.1-0.3 ms to the median and up to
    1.1 ms to the p99. The traced run gives the legs and the per-command I/O."""
    kit = _kit()
    from utils.site.fleet import FleetMonitor
    from utils.site.folder_transport import FolderTransport

    site = kit.make_site(folder)
    results: dict[str, Any] = {}
    counters = Counters()
    stamps = Stamps()
    try:
        fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
        session = site.admin.auth.login("ana", kit.ADMIN_PW).session
        watch_settings = {"status_interval_ms": 1000, "rescan_interval_ms": None}
        modes = [("watch", "206", watch_settings, {"watch": True}, None, False),
                 ("poll10", "207", {"status_interval_ms": 1000, "rescan_interval_ms": 10},
                  {"watch": False}, params["admin_poll_ms_poll10"] / 1000, False),
                 ("watch_traced", "209", watch_settings, {"watch": True}, None, True)]
        for name, station_id, settings, options, poll_s, traced in modes:
            log(f"  {name}: station {station_id}, {params['commands']} pings "
                f"(+{WARMUP_COMMANDS} warm-up)")
            ctx = site.station(folder, station_id, **settings)
            if traced:
                counters.install()
                stamps.install()
                counters.watch_database("admin", site.admin.database)
                counters.watch_database(f"station_{name}", ctx.database)
            service = kit.start_sync(ctx, **options)
            waker = AckWaker(fleet.transport, station_id) if options["watch"] else None
            try:
                kit.wait_until(lambda: service.counters["heartbeats"] > 0, timeout=30)
                # The site and this station were just made (keys, databases, the directory):
                # their dirty pages are written out now, not by the kernel in the middle of
                # the timed trips, whose fsyncs would wait behind them.
                os.sync()
                run = round_trips(fleet, session, station_id, params["commands"], waker=waker,
                                  poll_s=poll_s or 0.05, stamps=stamps if traced else None,
                                  counters=counters if traced else None,
                                  gap_ms=params["gap_ms"], rng=rng)
                run["rescan_interval_ms"] = round(service.site_settings.rescan_interval_s * 1000)
                run["observer"] = type(service.scheduler.observer).__name__ if service.scheduler.observer else None
                run["admin_wakeup_events"] = waker.events if waker else None
                results[name] = run
                s = summary(run["totals_ms"])
                log(f"    p50 {s.get('p50', float('nan')):.2f} ms, p99 {s.get('p99', float('nan')):.2f} ms,"
                    f" failures {len(run['failures'])}")
            finally:
                if waker is not None:
                    waker.stop()
                service.stop()
                if traced:
                    stamps.uninstall()
                    counters.uninstall()
            if name == "watch":
                diagnostics["idle_tick_cost"] = idle_tick_cost(service)
            ctx.close()
        # For comparison: the station as a real agent process (no shared GIL with the admin).
        log(f"  agent: station 208 as `main.py agent` (own process), {params['commands']} pings")
        ctx = site.station(folder, "208", status_interval_ms=1000, rescan_interval_ms=None)
        ctx.close()
        started = time.time()
        with open(folder / "agent-208.log", "wb") as out:
            proc = subprocess.Popen(agent_command(folder / "home-208"), env=child_env(), cwd=ROOT,
                                    stdout=out, stderr=subprocess.STDOUT)
            waker = None
            try:
                wait_for_status(site.share, "208", started)
                waker = AckWaker(fleet.transport, "208")
                run = round_trips(fleet, session, "208", params["commands"], waker=waker,
                                  poll_s=0.05, stamps=None, counters=None,
                                  gap_ms=params["gap_ms"], rng=rng)
                run["admin_wakeup_events"] = waker.events
                run["rescan_interval_ms"], run["observer"] = "default", "agent"
                results["agent"] = run
                log(f"    p50 {summary(run['totals_ms']).get('p50', float('nan')):.2f} ms, "
                    f"p99 {pct(run['totals_ms'], 99):.2f} ms, failures {len(run['failures'])}")
            finally:
                if waker is not None:
                    waker.stop()
                stop_process(proc)
    finally:
        site.admin.close()
    return results


def idle_tick_cost(service: Any, calls: int = 200) -> dict[str, Any]:
    """CPU per call of what one idle loop iteration does (on a station that ran the pings,
    so its ledger and chain hold a few hundred rows), plus a cProfile of idle ticks."""
    parts = {"rescan_inbox": service.inbox.rescan, "flush_acks": service.ledger.flush_acks,
             "export_journal": service.exporter.export, "heartbeat": service.heartbeat.beat,
             "status_document": service.status_document,
             "directory_refresh": service.directory.refresh}
    cost = {}
    for name, call in parts.items():
        call()
        c0 = time.thread_time()
        for _ in range(calls):
            call()
        cost[f"{name}_cpu_ms"] = round((time.thread_time() - c0) / calls * 1000, 4)
    tick = cost["rescan_inbox_cpu_ms"] + cost["flush_acks_cpu_ms"] + cost["export_journal_cpu_ms"]
    rescans_per_s = 1 / service.site_settings.rescan_interval_s
    cost["idle_tick_cpu_ms_hot"] = round(tick, 4)
    # The same three calls spaced like the real loop (caches cold again after each pause),
    # which is what an idle station pays.
    pause = threading.Event()
    spaced = []
    for _ in range(max(20, int(2.0 / service.site_settings.rescan_interval_s))):
        pause.wait(service.site_settings.rescan_interval_s)
        c0 = time.thread_time()
        service.inbox.rescan()
        service.ledger.flush_acks()
        service.exporter.export()
        spaced.append((time.thread_time() - c0) * 1000)
    cost["idle_tick_cpu_ms_spaced"] = round(statistics.median(spaced), 4)
    cost["rescans_per_s"] = rescans_per_s
    cost["predicted_idle_cpu_pct_from_spaced_ticks"] = round(
        (cost["idle_tick_cpu_ms_spaced"] * rescans_per_s
         + cost["heartbeat_cpu_ms"] / service.site_settings.status_interval_s
         + cost["directory_refresh_cpu_ms"] / 5.0) / 10, 3)
    with service.ctx.database.read() as connection:
        from sqlalchemy import text

        cost["ledger_rows"] = connection.execute(text("SELECT count(*) FROM command_ledger")).scalar()
        cost["audit_rows"] = connection.execute(text("SELECT count(*) FROM audit_events")).scalar()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        service.inbox.rescan()
        service.ledger.flush_acks()
        service.exporter.export()
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(
        r"station_sync|journal|commands_repo|audit_repo|share_files|database\.py", 14)
    cost["profile_top_cumulative"] = [line.rstrip() for line in stream.getvalue().splitlines()
                                      if re.match(r"\s*\d", line)][:14]
    return cost


# --- the station agent in its own process -------------------------------------------------------

def make_agent_home(folder: Path) -> tuple[Path, Path, Any]:
    """A fresh site with one production station (1000 ms heartbeat, default rescan)."""
    kit = _kit()
    site = kit.make_site(folder)
    ctx = site.station(folder, "210", status_interval_ms=1000, rescan_interval_ms=None)
    home = folder / "home-210"
    ctx.close()
    site.admin.close()
    return home, site.share, kit


def agent_command(home: Path) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--home", str(home), "agent"]


def wait_for_status(share: Path, station_id: str, since: float, timeout: float = 60) -> None:
    status = share / "stations" / station_id / "status.json"
    pause = threading.Event()
    end = time.time() + timeout
    while time.time() < end:
        try:
            if status.stat().st_mtime >= since:
                return
        except FileNotFoundError:
            pass
        pause.wait(0.05)
    raise RuntimeError(f"station {station_id} did not publish a status within {timeout} s")


def measure_cpu(pid: int, window_s: float) -> dict[str, Any]:
    import psutil

    process = psutil.Process(pid)
    c0 = process.cpu_times()
    t_threads0 = {t.id: t.user_time + t.system_time for t in process.threads()}
    w0 = time.perf_counter()
    time.sleep(window_s)
    c1 = process.cpu_times()
    w1 = time.perf_counter()
    t_threads1 = {t.id: t.user_time + t.system_time for t in process.threads()}
    wall = w1 - w0
    used = (c1.user - c0.user) + (c1.system - c0.system)
    per_thread = sorted(((tid, t_threads1[tid] - t_threads0.get(tid, 0.0)) for tid in t_threads1),
                        key=lambda item: -item[1])
    return {"cpu_pct": used / wall * 100, "cpu_s": used, "wall_s": wall,
            "user_s": c1.user - c0.user, "system_s": c1.system - c0.system,
            "threads": len(t_threads1),
            "top_threads_pct": [round(d / wall * 100, 3) for _, d in per_thread[:4]]}


def phase_idle_cpu(home: Path, share: Path, folder: Path, window_s: float) -> dict[str, Any]:
    started = time.time()
    with open(folder / "agent-idle.log", "wb") as out:
        proc = subprocess.Popen(agent_command(home), env=child_env(), cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT)
        try:
            wait_for_status(share, "210", started)
            time.sleep(SETTLE_S)
            result = measure_cpu(proc.pid, window_s)
        finally:
            stop_process(proc)
    result["exit_code"] = proc.returncode
    return result


# --- counting share operations ------------------------------------------------------------------

_STRACE_LINE = re.compile(r"^(\d+\.\d+)\s+([a-z0-9_]+)\(")


def strace_usable() -> bool:
    if shutil.which("strace") is None:
        return False
    try:
        done = subprocess.run(["strace", "-f", "-qq", "-e", "trace=none", "true"],
                              capture_output=True, timeout=20)
        return done.returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def count_strace(prefix: Path, share: Path, t0: float, t1: float) -> dict[str, Any]:
    share_re = re.compile(re.escape(str(share)) + r"(?=[/\"'>]|$)")
    by_call: dict[str, int] = {}
    total = 0
    for path in prefix.parent.glob(prefix.name + ".*"):
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                match = _STRACE_LINE.match(line)
                if not match:
                    continue
                ts = float(match.group(1))
                if ts < t0 or ts > t1 or not share_re.search(line):
                    continue
                total += 1
                by_call[match.group(2)] = by_call.get(match.group(2), 0) + 1
    return {"ops": total, "by_call": dict(sorted(by_call.items(), key=lambda kv: -kv[1]))}


def strace_wrap(command: list[str], prefix: Path) -> list[str]:
    return ["strace", "-f", "-ff", "-ttt", "-y", "-qq", "-e", "trace=%file,%desc",
            "-o", str(prefix), *command]


def traced_child_pid(proc: subprocess.Popen, marker: str, timeout: float = 30) -> int:
    """The pid of the traced program (strace's descendant whose command line has `marker`,
    i.e. after its exec: strace's own forked child first shows strace's command line)."""
    import psutil

    end = time.time() + timeout
    while time.time() < end:
        for child in psutil.Process(proc.pid).children(recursive=True):
            try:
                if any(marker in part for part in child.cmdline()):
                    return child.pid
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        time.sleep(0.02)
    raise RuntimeError("strace did not start its child")


def phase_agent_ops(home: Path, share: Path, folder: Path, window_s: float,
                    method: str) -> dict[str, Any]:
    started = time.time()
    if method == "strace":
        prefix = folder / "strace-agent" / "trace"
        prefix.parent.mkdir()
        with open(folder / "agent-strace.log", "wb") as out:
            proc = subprocess.Popen(strace_wrap(agent_command(home), prefix), env=child_env(),
                                    cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
            pid = None
            try:
                pid = traced_child_pid(proc, "main.py")
                wait_for_status(share, "210", started, timeout=120)
                time.sleep(SETTLE_S)
                t0 = time.time()
                time.sleep(window_s)
                t1 = time.time()
            finally:
                stop_process(proc, pid=pid)
        counted = count_strace(prefix, share, t0, t1)
        shutil.rmtree(prefix.parent, ignore_errors=True)
    else:
        counted, t0, t1 = counted_run(["agent", str(home)], share, folder, window_s, "210")
    return {"method": method, "ops_per_s": counted["ops"] / (t1 - t0), "window_s": t1 - t0,
            **counted}


# In-process counting (fallback when strace cannot run): wrappers around the os/io functions
# that take a path, counting calls whose path is under the share. Reads and writes on an open
# file are not counted (one `open` stands for them), so this undercounts relative to strace.
_COUNTED = ("stat", "lstat", "open", "scandir", "listdir", "replace", "rename", "unlink",
            "remove", "link", "mkdir", "rmdir", "access", "utime")


def install_counting(share: str, snapshots: Path) -> None:
    import builtins

    lock = threading.Lock()
    counts: dict[str, int] = {}

    def _under(path: Any) -> bool:
        try:
            return os.fspath(path).startswith(share)
        except TypeError:
            return False

    def _wrap(name: str, original: Callable) -> Callable:
        def _counted(*args: Any, **kwargs: Any) -> Any:
            if args and (_under(args[0]) or (len(args) > 1 and _under(args[1]))):
                with lock:
                    counts[name] = counts.get(name, 0) + 1
            return original(*args, **kwargs)
        return _counted

    for name in _COUNTED:
        if hasattr(os, name):
            setattr(os, name, _wrap(name, getattr(os, name)))
    builtins.open = _wrap("open", builtins.open)
    io.open = builtins.open

    def _snap() -> None:
        with open(snapshots, "a", encoding="utf-8") as handle:
            while True:
                with lock:
                    line = json.dumps({"t": time.time(), "counts": dict(counts)})
                handle.write(line + "\n")
                handle.flush()
                time.sleep(0.5)

    threading.Thread(target=_snap, daemon=True).start()


def counted_run(spec: list[str], share: Path, folder: Path, window_s: float,
                station_id: str | None) -> tuple[dict[str, Any], float, float]:
    snapshots = folder / f"counted-{uuid.uuid4().hex[:6]}.jsonl"
    command = [sys.executable, str(Path(__file__).resolve()), "--_counted", str(share),
               str(snapshots), *spec]
    started = time.time()
    with open(folder / "counted.log", "ab") as out:
        proc = subprocess.Popen(command, env=child_env(), cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT)
        try:
            if station_id:
                wait_for_status(share, station_id, started)
            time.sleep(SETTLE_S)
            time.sleep(window_s + 1.0)
        finally:
            stop_process(proc)
    rows = [json.loads(line) for line in snapshots.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["t"] >= started + SETTLE_S]
    first, last = rows[0], rows[-1]
    by_call = {k: last["counts"].get(k, 0) - first["counts"].get(k, 0) for k in last["counts"]}
    return ({"ops": sum(by_call.values()), "by_call": by_call}, first["t"], last["t"])


# --- the old system's loop (REFERENCE.md), reimplemented ---------------------------------------

def reference_station(share: Path, home: Path, machine: str, duration: float | None,
                      report: Path) -> None:
    """The old collector's sync loop: every 1 ms, re-read the config file, touch the network
    path, rewrite the status file in place, check the one command slot of this machine."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    config_path = home / "config.json"
    status_path = share / f"status_{machine}.json"
    command_path = share / f"comando_{machine}.json"
    response_path = share / f"resposta_{machine}.json"
    iterations = commands = corrupt = 0
    started = time.time()
    while not stop.is_set() and (duration is None or time.time() - started < duration):
        iterations += 1
        with open(config_path, encoding="utf-8") as handle:
            config = json.load(handle)  # re-read on every iteration
        if os.path.exists(config["pasta_rede"]):  # "touched the network path"
            status = {"maquina": machine, "status": "online",
                      "timestamp": datetime.now().isoformat(), "lote": config["lote"],
                      "caixa": config["caixa"], "tamanho": config["tamanho"],
                      "peso": config["peso"], "usuario": "operador"}
            with open(status_path, "w", encoding="utf-8") as handle:  # in place, no fsync
                json.dump(status, handle)
            if os.path.exists(command_path):
                try:
                    with open(command_path, encoding="utf-8") as handle:
                        command = json.load(handle)
                except (OSError, ValueError):
                    command = None
                    corrupt += 1  # the old defect: a half-written command is deleted, lost
                try:
                    os.remove(command_path)
                except OSError:
                    pass
                if command is not None:
                    commands += 1
                    result = {"id": command.get("id"), "comando": command.get("comando"),
                              "resultado": "pong", "maquina": machine,
                              "timestamp": datetime.now().isoformat()}
                    with open(response_path, "w", encoding="utf-8") as handle:
                        json.dump(result, handle)
        time.sleep(REFERENCE_LOOP_SLEEP_S)
    ended = time.time()
    report.write_text(json.dumps({"iterations": iterations, "loop_start": started,
                                  "loop_end": ended, "commands": commands,
                                  "corrupt": corrupt}), encoding="utf-8")


def make_reference_home(folder: Path) -> tuple[Path, Path]:
    share = folder / "ref-share"
    home = folder / "ref-home"
    share.mkdir()
    home.mkdir()
    (home / "config.json").write_text(json.dumps({
        "maquina": "206", "pasta_rede": str(share), "intervalo_ms": 1, "lote": "L2511-00042",
        "caixa": 17, "total_caixas": 500, "tamanho": "#00", "peso": 0.000121,
        "idioma": "pt-BR"}), encoding="utf-8")
    return home, share


def reference_command(share: Path, home: Path, report: Path, duration: float | None) -> list[str]:
    command = [sys.executable, str(Path(__file__).resolve()), "--_reference-station",
               str(share), str(home), str(report)]
    if duration is not None:
        command += ["--_duration", str(duration)]
    return command


def wait_for_file(path: Path, timeout: float = 30) -> None:
    end = time.time() + timeout
    while not path.exists():
        if time.time() > end:
            raise RuntimeError(f"{path} did not appear within {timeout} s")
        time.sleep(0.01)


def phase_reference(folder: Path, params: dict, rng: random.Random,
                    ops_method: str) -> dict[str, Any]:
    home, share = make_reference_home(folder)
    results: dict[str, Any] = {}

    # round trip: the reference admin writes the command in place, polls the response every 1 ms
    report = folder / "ref-rt.json"
    proc = subprocess.Popen(reference_command(share, home, report, None), env=child_env(),
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    totals: list[float] = []
    lost = 0
    try:
        wait_for_file(share / "status_206.json")
        pause = threading.Event()
        for index in range(params["commands"] + WARMUP_COMMANDS):
            nonce = uuid.uuid4().hex
            t0 = time.perf_counter()
            with open(share / "comando_206.json", "w", encoding="utf-8") as handle:
                json.dump({"id": nonce, "comando": "ping", "maquina": "206"}, handle)
            seen = False
            while time.perf_counter() - t0 < 2.0:
                time.sleep(REFERENCE_LOOP_SLEEP_S)
                try:
                    with open(share / "resposta_206.json", encoding="utf-8") as handle:
                        seen = json.load(handle).get("id") == nonce
                except (OSError, ValueError):
                    continue
                if seen:
                    break
            if index >= WARMUP_COMMANDS:
                if seen:
                    totals.append((time.perf_counter() - t0) * 1000)
                else:
                    lost += 1
            pause.wait(rng.uniform(*params["gap_ms"]) / 1000)
    finally:
        stop_process(proc)
    results["rt"] = {"totals_ms": totals, "lost": lost,
                     "station": json.loads(report.read_text(encoding="utf-8"))}
    log(f"    reference rt p99 {pct(totals, 99):.2f} ms, lost {lost}")

    # idle CPU of the reference loop, untraced
    report = folder / "ref-idle.json"
    proc = subprocess.Popen(reference_command(share, home, report, None), env=child_env(),
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        cpu = measure_cpu(proc.pid, params["idle_s"])
    finally:
        stop_process(proc)
    station = json.loads(report.read_text(encoding="utf-8"))
    cpu["iterations_per_s"] = station["iterations"] / (station["loop_end"] - station["loop_start"])
    results["idle"] = cpu
    log(f"    reference idle cpu {cpu['cpu_pct']:.2f} % ({cpu['iterations_per_s']:.0f} iterations/s)")

    # share operations of the reference loop
    window = params["ops_s"]
    if ops_method == "strace":
        prefix = folder / "strace-ref" / "trace"
        prefix.parent.mkdir()
        report = folder / "ref-ops.json"
        proc = subprocess.Popen(strace_wrap(reference_command(share, home, report,
                                                              window + 2.0), prefix),
                                env=child_env(), cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        proc.wait(timeout=window + 120)
        station = json.loads(report.read_text(encoding="utf-8"))
        t0, t1 = station["loop_start"] + 1.0, station["loop_end"] - 0.5
        counted = count_strace(prefix, share, t0, t1)
        shutil.rmtree(prefix.parent, ignore_errors=True)
        traced_rate = station["iterations"] / (station["loop_end"] - station["loop_start"])
        ops_per_iteration = counted["ops"] / ((t1 - t0) * traced_rate)
    else:
        counted, t0, t1 = counted_run(["reference", str(home)], share, folder, window, None)
        traced_rate = None
        ops_per_iteration = None
    raw = counted["ops"] / (t1 - t0)
    results["ops"] = {"method": ops_method, "ops_per_s_traced": raw, "window_s": t1 - t0,
                      "iterations_per_s_traced": traced_rate,
                      "ops_per_iteration": ops_per_iteration, **counted}
    # strace slows the 1 ms loop down; scale to the untraced iteration rate
    results["ops"]["ops_per_s"] = (ops_per_iteration * cpu["iterations_per_s"]
                                   if ops_per_iteration else raw)
    return results


# --- fan-in: 200 simulated stations, one admin ---------------------------------------------------

def fanin_writer(share: Path, keys_file: Path, stations: int, duration: float, threads: int,
                 start_at: float, report: Path) -> None:
    """Simulated stations: status documents each signed by its own PC key (certified in the
    site directory, as a station's is), 1 Hz each, phases spread over the second, written with
    the product's atomic writer (temp file, fsync, replace, folder fsync)."""
    from models.canonical import format_utc
    from tests.utils.site.sitekit import pc_sign
    from utils.atomic_io import atomic_write_bytes
    from utils.site.layout import SiteLayout
    from utils.site.signed import document_bytes
    from utils.trust.crypto import SigningKeyPair

    handed = json.loads(keys_file.read_text(encoding="utf-8"))
    keys_file.unlink()  # private keys: gone from disk as soon as they are in memory
    pairs = {station_id: SigningKeyPair.from_raw(bytes.fromhex(raw))
             for station_id, raw in handed["keys"].items()}
    directory_head = handed["directory_head"]
    layout = SiteLayout(share)
    ids = [f"sim-{n:03d}" for n in range(1, stations + 1)]
    for station_id in ids:
        layout.station(station_id).folder.mkdir(parents=True, exist_ok=True)
    lateness: list[float] = []
    writes = [0]
    lock = threading.Lock()

    def _run(mine: list[int]) -> None:
        sessions = {i: uuid.uuid4().hex for i in mine}
        pause = threading.Event()
        for k in range(int(duration)):
            for i in mine:
                due = start_at + i / stations + k
                delay = due - time.time()
                if delay > 0:
                    pause.wait(delay)
                now = time.time()
                moment = datetime.fromtimestamp(now, timezone.utc)
                station_id = ids[i]
                document = pc_sign(pairs[station_id], {
                    "kind": "status", "station": station_id, "session_id": sessions[i],
                    "seq": k + 1, "ts_ms": int(now * 1000), "sent_at": format_utc(moment),
                    "interval_ms": 1000, "version": "0.1.0",
                    "user": {"username": "maria", "role": "operator"},
                    "lot": {"code": "L2511-00042", "current_box": 17 + k, "total_boxes": 500},
                    "size": "#00", "locked": None,
                    "metrics": {"cpu": {"value": 12.5, "quality": "ok"},
                                "memory": {"value": 41.2, "quality": "ok"},
                                "disk": {"value": 63.0, "quality": "ok"},
                                "uptime_s": {"value": 86400.0 + k, "quality": "ok"}},
                    "last_results": [], "pending_commands": 0, "host": f"sim-host-{i}",
                    "directory_head": directory_head, "bench_t_write": now})
                atomic_write_bytes(layout.station(station_id).status, document_bytes(document))
                with lock:
                    writes[0] += 1
                    lateness.append(now - due)

    workers = [threading.Thread(target=_run, args=(list(range(t, stations, threads)),))
               for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    report.write_text(json.dumps({"writes": writes[0], "late_p99_s": pct(lateness, 99),
                                  "late_max_s": max(lateness)}), encoding="utf-8")


def phase_fanin(folder: Path, params: dict) -> dict[str, Any]:
    import psutil

    kit = _kit()
    from utils.site.fleet import FleetMonitor
    from utils.site.folder_transport import FolderTransport

    site_folder = folder / "fanin"
    site_folder.mkdir()
    site = kit.make_site(site_folder)
    stations, duration = params["fanin_stations"], params["fanin_s"]
    # Each simulated station signs with its own certified PC key; the private keys reach the
    # writer process in a 0600 file, which it deletes once read.
    from utils.site.keystore import write_secret_file

    pairs, directory_head, certify_s = benchkit.certify_simulated(
        site, kit.PASSPHRASE, [f"sim-{n:03d}" for n in range(1, stations + 1)], site_folder)
    keys_file = site_folder / "simulated-keys.json"
    write_secret_file(keys_file, json.dumps({
        "keys": {s: pair.private_raw().hex() for s, pair in pairs.items()},
        "directory_head": directory_head}))
    certified = {"certify_s": round(certify_s, 2), "directory_entries": directory_head[0]}
    warmup = 3.0
    start_at = time.time() + 3.0  # the writer's first write (time to start the process)
    report = folder / "fanin-writer.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--_fanin-writer", str(site.share),
               str(keys_file), str(stations), str(warmup + duration + 2),
               str(params["fanin_writer_threads"]), repr(start_at), str(report)]
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    interval = params["fanin_poll_ms"] / 1000
    measure_from, measure_to = start_at + warmup, start_at + warmup + duration
    observed: dict[tuple[str, int], float] = {}  # (station, seq) -> staleness
    observed_at: dict[tuple[str, int], float] = {}  # (station, seq) -> writer's time
    liveness: dict[str, int] = {}
    poll_wall: list[float] = []
    poll_cpu = [0.0]
    process_cpu: dict[str, float] = {}
    done = threading.Event()

    def _admin() -> None:
        last: dict[str, int] = {}
        next_poll = time.time()
        pause = threading.Event()
        me = psutil.Process()
        while True:
            now = time.time()
            if now >= measure_from and "start" not in process_cpu:
                times = me.cpu_times()
                process_cpu["start"], process_cpu["t0"] = times.user + times.system, now
            c0, w0 = time.thread_time(), time.perf_counter()
            views = fleet.poll()
            c1, w1 = time.thread_time(), time.perf_counter()
            t_seen = time.time()
            if measure_from <= now and t_seen <= measure_to:
                poll_cpu[0] += c1 - c0
                poll_wall.append((w1 - w0) * 1000)
            for view in views:
                status = view.status
                if not status or "bench_t_write" not in status:
                    continue
                seq = status.get("seq")
                if last.get(view.station_id) != seq:
                    last[view.station_id] = seq
                    key = (view.station_id, seq)
                    observed.setdefault(key, t_seen - status["bench_t_write"])
                    observed_at[key] = status["bench_t_write"]
            if t_seen > measure_to + 1.5:
                times = me.cpu_times()
                process_cpu["end"], process_cpu["t1"] = times.user + times.system, t_seen
                liveness["online"] = sum(1 for v in views if str(v.liveness) == "online")
                liveness["views"] = len(views)
                liveness["seq_gaps"] = sum(v.seq_gaps for v in views)
                liveness["bad_signatures"] = sum(v.bad_signatures for v in views)
                break
            next_poll += interval
            pause.wait(max(0.0, next_poll - time.time()))
        done.set()

    with open(folder / "fanin-writer.log", "wb") as out:
        proc = subprocess.Popen(command, env=child_env(), cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT)
        admin = threading.Thread(target=_admin, name="bench-admin-poll", daemon=True)
        try:
            admin.start()
            admin.join(timeout=warmup + duration + 60)
            proc.wait(timeout=30)  # the writer ends about when the admin does
        finally:
            if proc.poll() is None:
                stop_process(proc)
    writer = json.loads(report.read_text(encoding="utf-8"))
    staleness = [s for key, s in observed.items()
                 if measure_from <= observed_at[key] <= measure_to - 1.0]
    # updates written inside the window that the admin never saw (superseded before a poll)
    expected = 0
    seen = 0
    for n in range(stations):
        for k in range(int(warmup + duration + 2)):
            t_write = start_at + n / stations + k
            if measure_from <= t_write <= measure_to - 1.0:
                expected += 1
                seen += (f"sim-{n + 1:03d}", k + 1) in observed
    wall = measure_to - measure_from
    site.admin.close()
    return {"staleness_s": staleness, "poll_wall_ms": summary(poll_wall),
            "admin_poll_cpu_pct": poll_cpu[0] / wall * 100,
            "admin_process_cpu_pct": ((process_cpu["end"] - process_cpu["start"])
                                      / (process_cpu["t1"] - process_cpu["t0"]) * 100
                                      if "end" in process_cpu else None),
            "updates_expected": expected, "updates_seen": seen, "writer": writer,
            "liveness_at_end": liveness, "fleet_reads": fleet.reads, "polls": len(poll_wall),
            **certified}


# --- reporting ---------------------------------------------------------------------------------

def machine_info(folder: Path) -> dict:
    info = benchkit.machine_info(folder)
    try:
        import watchdog.version
        from watchdog.observers import Observer

        info["watchdog"] = watchdog.version.VERSION_STRING
        info["watchdog_observer"] = Observer.__name__
    except ImportError:  # pragma: no cover
        pass
    # What the product watches folders with here (utils/site/inotify_hints.py make_observer).
    from utils.site.inotify_hints import make_observer
    from utils.site.view_watch import stop_observer

    observer = make_observer()
    info["observer"] = type(observer).__name__
    stop_observer(observer, "benchmark's probe")  # never started: its descriptors given back
    if shutil.which("strace"):
        try:
            info["strace"] = subprocess.run(["strace", "-V"], capture_output=True, text=True,
                                            timeout=10).stdout.splitlines()[0]
        except (OSError, subprocess.TimeoutExpired, IndexError):
            pass
    return info


def methods(params: dict) -> dict[str, str]:
    ops = ("strace -f -ff -ttt -y -e trace=%file,%desc on the process; calls naming a path "
           "under the share or an fd open on it, inside the window" if params["share_ops_method"]
           == "strace" else "in-process wrapper around os/io path functions, paths under the "
           "share (reads/writes on open files not counted)")
    return {
        "rt_p50_ms/rt_p99_ms": "FleetMonitor.send() of a ping to track() returning it done; "
                               "SyncService(watch=True, product default rescan) in this "
                               "process; admin woken by the panel's ack watcher (AckWatch) "
                               "on the station's acks folder, then track() (50 ms fallback); "
                               "one command at a "
                               f"time, {params['commands']} measured after "
                               f"{WARMUP_COMMANDS} warm-up, 5-30 ms pause between; no "
                               "counter or stamp installed (the benchmark's own instruments)",
        "rt_watch_traced (diagnostics)": "the watcher mode again on station 209 with the "
                                         "counters (fsync, transactions, loop ticks) and the "
                                         "stamps (inbox and ack files) installed: its legs and "
                                         "per-command I/O; its times include the instruments",
        "rt_p99_ms_poll10": "same, SyncService(watch=False, rescan_interval_ms=10); admin "
                            f"calls track() every {params['admin_poll_ms_poll10']} ms",
        "rt_p99_ms_agent_process": "info: same as watcher mode but the station is "
                                   "`main.py agent` in its own process",
        "idle_cpu_pct": f"`main.py --home H agent` (heartbeat 1000 ms, default rescan), psutil "
                        f"process CPU (user+system, all threads) over {params['idle_s']:g} s "
                        f"after {SETTLE_S:g} s settling; percent of one core",
        "share_ops_per_s": ops + f"; idle agent, {params['ops_s']:g} s window, separate run",
        "fanin": f"{params['fanin_stations']} simulated stations (writer subprocess, "
                 f"{params['fanin_writer_threads']} threads, atomic_write_bytes of status "
                 "documents signed by each station's own certified PC key (Ed25519), 1 Hz, "
                 "phases spread); admin FleetMonitor.poll() (an Ed25519 check of each new "
                 f"status) every {params['fanin_poll_ms']} ms for {params['fanin_s']:g} s after 3 s warm-up; "
                 "staleness = admin clock after the poll that first returned an update minus "
                 "the writer's clock just before writing it; admin CPU = thread CPU inside "
                 "poll() / wall",
        "reference": "REFERENCE.md loop reimplemented (subprocess): each iteration re-reads its "
                     "config, checks the share path, rewrites status in place, checks its one "
                     "command slot, sleeps 1 ms; reference admin writes the command in place and "
                     "polls the response every 1 ms; share ops = ops per iteration under strace "
                     "x untraced iterations/s",
    }


def print_table(metrics: dict, passed: dict) -> None:
    def fmt(value: Any, spec: str) -> str:
        return "n/a" if value is None or value != value else format(value, spec)

    def row(name: str, key: str, spec: str, target_name: str | None = None):
        target = "" if target_name is None else f"{TARGET_OPS[target_name]} {TARGETS[target_name]:g}"
        result = "" if target_name is None else passed.get(target_name)
        return (name, fmt(metrics.get(key), spec), target, result)

    rows = [
        row("rt_p50_ms (watcher)", "rt_p50_ms", ".2f"),
        row("rt_p99_ms (watcher)", "rt_p99_ms", ".2f", "rt_p99_ms"),
        row("rt_p50_ms_poll10", "rt_p50_ms_poll10", ".2f"),
        row("rt_p99_ms_poll10", "rt_p99_ms_poll10", ".2f", "rt_p99_ms_poll10"),
        row("rt_p99_ms_agent_process (info)", "rt_p99_ms_agent_process", ".2f"),
        row("reference_rt_p99_ms", "reference_rt_p99_ms", ".2f"),
        row("idle_cpu_pct", "idle_cpu_pct", ".3f", "idle_cpu_pct"),
        row("reference_idle_cpu_pct", "reference_idle_cpu_pct", ".3f"),
        row("  reference / product", "idle_cpu_reference_ratio", ".1f", "idle_cpu_reference_ratio"),
        row("share_ops_per_s", "share_ops_per_s", ".1f"),
        row("reference_share_ops_per_s", "reference_share_ops_per_s", ".0f"),
        row("fanin_staleness_p99_s", "fanin_staleness_p99_s", ".3f", "fanin_staleness_p99_s"),
        row("fanin_admin_cpu_pct", "fanin_admin_cpu_pct", ".2f", "fanin_admin_cpu_pct"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'metric':<{width}}  {'value':>12}  {'target':>10}  result")
    print("-" * (width + 34))
    for name, value, target, result in rows:
        text = "" if result == "" else {True: "PASS", False: "FAIL", None: "n/a"}[result]
        print(f"{name:<{width}}  {value:>12}  {target:>10}  {text}")


# --- main --------------------------------------------------------------------------------------

def hidden_entry(argv: list[str]) -> int | None:
    """Child-process roles of this script (not for people)."""
    if not argv:
        return None
    if argv[0] == "--_reference-station":
        share, home, report = Path(argv[1]), Path(argv[2]), Path(argv[3])
        duration = float(argv[5]) if len(argv) > 5 and argv[4] == "--_duration" else None
        reference_station(share, home, "206", duration, report)
        return 0
    if argv[0] == "--_fanin-writer":
        share, keys_file = Path(argv[1]), Path(argv[2])
        fanin_writer(share, keys_file, int(argv[3]), float(argv[4]), int(argv[5]),
                     float(argv[6]), Path(argv[7]))
        return 0
    if argv[0] == "--_counted":
        share, snapshots, role, home = argv[1], Path(argv[2]), argv[3], Path(argv[4])
        install_counting(share, snapshots)
        if role == "agent":
            import main as app

            return app.main(["--home", str(home), "agent"])
        reference_station(Path(share), home, "206", None, snapshots.with_suffix(".report"))
        return 0
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    code = hidden_entry(argv)
    if code is not None:
        return code
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="100 commands per mode, 8 s idle, 5 s strace, 15 s fan-in (< 2 min)")
    parser.add_argument("--json", required=True, type=Path, help="where to write the results")
    parser.add_argument("--commands", type=int, default=None, help="pings per mode")
    parser.add_argument("--idle-s", type=float, default=None, help="idle CPU window")
    parser.add_argument("--ops-s", type=float, default=None, help="share-ops counting window")
    parser.add_argument("--fanin-s", type=float, default=None, help="fan-in measured window")
    parser.add_argument("--fanin-stations", type=int, default=200)
    parser.add_argument("--fanin-poll-ms", type=int, default=500,
                        help="admin FleetMonitor.poll() cadence in the fan-in (default 500)")
    parser.add_argument("--fanin-writer-threads", type=int, default=4)
    parser.add_argument("--admin-poll-ms-poll10", type=int, default=10,
                        help="admin track() period in polling-only mode (default 10)")
    parser.add_argument("--share-ops-method", choices=("auto", "strace", "wrapper"),
                        default="auto")
    parser.add_argument("--phases", default="rt,reference,idle,ops,fanin",
                        help="comma-separated subset of rt,reference,idle,ops,fanin")
    parser.add_argument("--seed", type=int, default=20251)
    parser.add_argument("--gap-ms", type=float, nargs=2, default=GAP_MS, metavar=("LOW", "HIGH"),
                        help="the pause between two round trips, drawn in [LOW, HIGH] ms "
                             "(default 5 30: each command lands while the station still "
                             "gathers the previous one's status and export, 0.2 s)")
    parser.add_argument("--dir", type=Path, default=None,
                        help="parent folder for the temporary files (default: system temp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    args = parser.parse_args(argv)

    base = QUICK if args.quick else FULL
    params: dict[str, Any] = {
        "quick": args.quick,
        "commands": args.commands or base["commands"],
        "warmup_commands": WARMUP_COMMANDS,
        "idle_s": args.idle_s or base["idle_s"],
        "ops_s": args.ops_s or base["ops_s"],
        "fanin_s": args.fanin_s or base["fanin_s"],
        "fanin_stations": args.fanin_stations,
        "fanin_poll_ms": args.fanin_poll_ms,
        "fanin_writer_threads": args.fanin_writer_threads,
        "fanin_status_interval_ms": 1000,
        "admin_poll_ms_poll10": args.admin_poll_ms_poll10,
        "gap_ms": tuple(args.gap_ms),
        "bcrypt_rounds": BCRYPT_ROUNDS,
        "keyring": "off (SHOPFLOOR_KEYRING=off)",
        "seed": args.seed,
    }
    phases = {p.strip() for p in args.phases.split(",") if p.strip()}
    ops_method = args.share_ops_method
    if ops_method == "auto":
        ops_method = "strace" if strace_usable() else "wrapper"
    params["share_ops_method"] = ops_method
    rng = random.Random(args.seed)
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None

    folder = Path(tempfile.mkdtemp(prefix="bench-sync-", dir=args.dir))
    started = time.perf_counter()
    metrics: dict[str, Any] = {}
    diagnostics: dict[str, Any] = {}
    try:
        if "rt" in phases:
            log("[rt] command round trips (watcher, then polling only)")
            (folder / "rt").mkdir()
            rt = phase_round_trip(folder / "rt", params, rng, diagnostics)
            watch, poll = rt["watch"], rt["poll10"]
            metrics["rt_p50_ms"] = statistics.median(watch["totals_ms"])
            metrics["rt_p99_ms"] = pct(watch["totals_ms"], 99)
            metrics["rt_p50_ms_poll10"] = statistics.median(poll["totals_ms"])
            metrics["rt_p99_ms_poll10"] = pct(poll["totals_ms"], 99)
            metrics["rt_p50_ms_agent_process"] = statistics.median(rt["agent"]["totals_ms"])
            metrics["rt_p99_ms_agent_process"] = pct(rt["agent"]["totals_ms"], 99)
            metrics["rt_failures"] = sum(len(run["failures"]) for run in rt.values())
            for name, run in rt.items():
                diagnostics[f"rt_{name}"] = {
                    "total_ms": summary(run["totals_ms"]), "legs_ms": run["legs"],
                    "per_command_io": run["per_command_io"],
                    "fallback_wakeups": run["fallback_wakeups"],
                    "admin_wakeup_events": run["admin_wakeup_events"],
                    "station_rescan_interval_ms": run["rescan_interval_ms"],
                    "station_observer": run["observer"], "failures": run["failures"][:5]}
        if "reference" in phases:
            log("[reference] the old 1 ms loop: round trip, idle CPU, share operations")
            (folder / "ref").mkdir()
            ref = phase_reference(folder / "ref", params, rng, ops_method)
            metrics["reference_rt_p50_ms"] = statistics.median(ref["rt"]["totals_ms"]) if ref["rt"]["totals_ms"] else None
            metrics["reference_rt_p99_ms"] = pct(ref["rt"]["totals_ms"], 99) if ref["rt"]["totals_ms"] else None
            metrics["reference_idle_cpu_pct"] = ref["idle"]["cpu_pct"]
            metrics["reference_share_ops_per_s"] = ref["ops"]["ops_per_s"]
            diagnostics["reference"] = {
                "rt_ms": summary(ref["rt"]["totals_ms"]), "rt_lost": ref["rt"]["lost"],
                "rt_station": ref["rt"]["station"], "idle": ref["idle"], "ops": ref["ops"]}
        if "idle" in phases or "ops" in phases:
            (folder / "agent").mkdir()
            home, share, _ = make_agent_home(folder / "agent")
            if "idle" in phases:
                log(f"[idle] station agent in its own process, {params['idle_s']:g} s window")
                idle = phase_idle_cpu(home, share, folder / "agent", params["idle_s"])
                metrics["idle_cpu_pct"] = idle["cpu_pct"]
                diagnostics["idle_agent"] = idle
                log(f"    idle cpu {idle['cpu_pct']:.3f} % of one core")
            if "ops" in phases:
                log(f"[ops] share operations of the idle agent ({ops_method}), "
                    f"{params['ops_s']:g} s window")
                ops = phase_agent_ops(home, share, folder / "agent", params["ops_s"], ops_method)
                metrics["share_ops_per_s"] = ops["ops_per_s"]
                diagnostics["share_ops_agent"] = ops
                log(f"    {ops['ops_per_s']:.1f} share ops/s")
        if "fanin" in phases:
            log(f"[fanin] {params['fanin_stations']} simulated stations at 1 Hz, "
                f"{params['fanin_s']:g} s; admin polls every {params['fanin_poll_ms']} ms")
            fan = phase_fanin(folder, params)
            metrics["fanin_staleness_p50_s"] = statistics.median(fan["staleness_s"])
            metrics["fanin_staleness_p99_s"] = pct(fan["staleness_s"], 99)
            metrics["fanin_admin_cpu_pct"] = fan["admin_poll_cpu_pct"]
            diagnostics["fanin"] = {k: v for k, v in fan.items() if k != "staleness_s"}
            diagnostics["fanin"]["staleness_s"] = summary(fan["staleness_s"])
            log(f"    staleness p99 {metrics['fanin_staleness_p99_s']:.3f} s, admin poll cpu "
                f"{metrics['fanin_admin_cpu_pct']:.2f} %")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    if metrics.get("idle_cpu_pct") and metrics.get("reference_idle_cpu_pct") is not None:
        metrics["idle_cpu_reference_ratio"] = (metrics["reference_idle_cpu_pct"]
                                               / metrics["idle_cpu_pct"])
    elapsed = time.perf_counter() - started
    params.update({
        "station_status_interval_ms": 1000,
        "station_rescan_watch_mode": "product default (50 ms on a local folder)",
        "rt_admin_detection": "the panel's ack watcher (utils.site.view_watch.AckWatch) on the "
                              "station's acks folder wakes the admin, which calls "
                              "FleetMonitor.track() (50 ms fallback)",
        "rt_poll_admin_detection": f"FleetMonitor.track() every {params['admin_poll_ms_poll10']} ms",
        "rt_in_process": "admin and station in this process (two AppContexts, one share)",
        "reference_loop": "1 ms sleep; config re-read, share path checked, status rewritten "
                          "in place, command slot checked on every iteration; no fsync",
        "reference_share_ops_scaling": "ops per iteration under strace x untraced iterations/s",
        "share_ops_counted": "syscalls naming a path under the share or an fd open on it "
                             "(strace trace=%file,%desc with -y)" if ops_method == "strace"
                             else "os/io path calls under the share (in-process wrapper)",
        "fanin_staleness": "admin time after the poll that first returned an update minus the "
                           "writer's clock just before writing it",
        "fanin_admin_cpu": "thread CPU time inside FleetMonitor.poll() / wall time",
        "fanin_writer_durable": True,
    })
    return benchkit.write_report(
        args, metrics=metrics, targets=TARGETS, target_ops=TARGET_OPS, params=params,
        methods=methods(params), diagnostics=diagnostics, machine=machine_info(folder.parent),
        phases=phases, folder=folder, load_before=load_before, elapsed=elapsed,
        print_table=print_table, quick_note="fewer commands, shorter idle, strace and fan-in windows")


if __name__ == "__main__":
    sys.exit(main())
