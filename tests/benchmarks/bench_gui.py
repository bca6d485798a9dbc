#!/usr/bin/env python3
"""GUI benchmark: fleet refresh tick, GUI stalls during a verify, start-up time and memory
(a script, not a pytest module).

    python tests/benchmarks/bench_gui.py [--quick] --json PATH

Everything runs on this PC in a fresh temporary folder, Qt on the offscreen platform. The
"share" is a local folder; the admin panel is the product's `AdminWindow`.

- refresh_median_ms,      one fleet refresh tick with 200 stations, on the GUI thread: the
  refresh_p99_ms          FleetPoller's `updated` signal delivering a frame to
                          `FleetTab.show_frame` (table model, summary, alarms, the CPU / memory
                          / disk lines of 8 selected stations, each with an hour of history =
                          3,600 samples), then the repaint of the table and the plots (Qt
                          events processed until the window is drawn). The frame is what
                          `FleetTab.prepare` makes of the snapshot on the poller's thread (the
                          cells, alarms and lines); its cost is timed and reported apart
                          (`prepare_ms`), as the poll's is (`poll_ms`). Status comes
                          the realistic way: 200 status files on the share, each signed by
                          its station's own PC key (Ed25519, certified in the site directory
                          as `shopfloor demo` certifies simulated stations), rewritten
                          between ticks (194 live stations; 6 stop reporting and go stale, then
                          offline; a few run hot), read by the real `FleetMonitor.poll()`, whose
                          rings append one sample per new status. The hour of history is put in
                          the monitor's rings beforehand with `MetricRing.append` (the call
                          `poll()` makes), as 3,599 one-second samples per station. The poller
                          thread is stopped and its pass (poll, track, snapshot, prepare) is run
                          on the GUI thread between ticks, outside the timing, so ticks are not
                          disturbed by a thread this benchmark cannot pace. The dashboard's
                          10-second timer is stopped (its refresh is not a fleet tick).
- live_gap_*_ms           not a target: the panel as it runs, the real poller thread polling
                          and preparing while the 200 stations report once a second (30 s; 5 s
                          with --quick); the GUI thread's gaps (a 5 ms timer) show what the
                          poller's work costs it, interpreter lock included.
- max_stall_ms_verify     the longest gap between ticks of a 5 ms `QTimer` on the GUI thread
                          from the click on "Verify audit integrity" (Tools menu → the verify
                          dialog, run by gui/tasks.py) until its result is set, while it checks
                          N events (1,000,000; 50,000 with --quick) in the admin PC's own chain.
                          Each run starts on the fleet tab. The result is then read for a
                          second (its paint, and the audit tab built the first time:
                          verify_result_stall_ms); closing the dialog shows the audit tab with
                          the per-station table (verify_close_stall_ms); both measured apart,
                          not part of the target. Worst of a few runs; the timer's
                          own gaps with nothing running are measured first as a baseline. The
                          N-event home (an office PC not in a site, built like bench_audit.py:
                          batched `AuditLog.append` of production-record events) is built once
                          and cached (see --cache-dir), then copied for each benchmark run.
- startup_s               `python main.py --home H gui --smoke` in a subprocess: wall time from
                          just before the process is started until it prints "smoke: login
                          window shown" (median of several runs; one untimed warm-up run first,
                          so files are in the page cache as on a PC used every day). Each run
                          gets a fresh copy of a home made ready by `main.py user add` (a first
                          admin), so the login window, not a first-run screen, is what appears.
- rss_mb                  resident memory of a separate process (psutil) with the admin panel
                          open: 200 stations on the share, an hour of history each in the
                          monitor's rings, 8 stations plotted, the real poller running, after a
                          few seconds of settling.

Prints a table (metric, value, p99 / detail, target, pass/fail) and writes
`{"metrics", "targets", "target_ops", "machine", "params", "pass", "methods", "diagnostics"}`
as JSON. `--quick` (60 ticks, 50,000 events, fewer runs) finishes in well under a minute once
its 50,000-event home is cached (the first quick run builds it in a few seconds more).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit  # noqa: E402  (shared with the other benchmark scripts)
from benchkit import log, pct, summary  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ["SHOPFLOOR_KEYRING"] = "off"  # site keys in 0600 files, never the desktop keyring
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

TARGETS = {"refresh_median_ms": 16.0, "max_stall_ms_verify": 50.0, "startup_s": 1.5,
           "rss_mb": 300.0}
TARGET_OPS = {name: "<=" for name in TARGETS}

FULL = {"ticks": 300, "events": 1_000_000, "verify_runs": 3, "startup_runs": 7, "settle_s": 5.0,
        "live_s": 30.0}
QUICK = {"ticks": 40, "events": 50_000, "verify_runs": 2, "startup_runs": 3, "settle_s": 2.0,
         "live_s": 5.0}
WARMUP_TICKS = 10
STATIONS = 200
DEAD_STATIONS = 6  # stop reporting after the first tick: stale, then offline (alarms)
HOT_EVERY = 25  # every 25th station runs hot (CPU warning / critical alarms)
PLOTTED = 8  # FleetTab plots at most 8 selected stations
HISTORY_S = 3600  # one hour at 1 Hz: the rings' capacity
TIMER_MS = 5
READ_RESULT_S = 1.0  # a person reading the verify's result before closing it
BCRYPT_ROUNDS = 4  # accounts made by the benchmark itself (not the start-up homes)
ADMIN_PW = "Quarry-Lantern-42"
CACHE_FORMAT = 3  # bump when the cached home changes (2: no record events: records_proof; 3: record ids made for their station)


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child process: no SHOPFLOOR_* of the caller's own installation."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("SHOPFLOOR_")}
    return {**base, "SHOPFLOOR_KEYRING": "off", "QT_QPA_PLATFORM": "offscreen",
            "PYTHONUNBUFFERED": "1", **extra}


def _kit():
    """The test suite's site builder, with cheap bcrypt and scrypt (accounts and the site
    root are set-up here, not what is measured)."""
    import utils.passwords
    from utils.site import membership, site_key

    utils.passwords.BCRYPT_ROUNDS = BCRYPT_ROUNDS
    membership.create_site = functools.partial(site_key.create_site, scrypt_n=2 ** 10)
    from tests.utils.site import sitekit

    return sitekit


# --- the fleet: 200 stations on a share ----------------------------------------------------------

def station_ids(count: int = STATIONS) -> list[str]:
    return [str(101 + n) for n in range(count)]


class StatusWriter:
    """Stands in for the stations (other PCs): status documents on the share, each signed by
    its station's own certified PC key (Ed25519), written with the product's atomic writer in
    the shape `SyncService.status_document()` gives. `keys`: station id -> the private key's
    raw bytes in hex (so a child process can be handed them)."""

    def __init__(self, share: Path, keys: dict[str, str], directory_head: list[Any],
                 count: int = STATIONS):
        from utils.site.layout import SiteLayout
        from utils.trust.crypto import SigningKeyPair

        self.layout = SiteLayout(share)
        self.ids = station_ids(count)
        self.keys = {station_id: SigningKeyPair.from_raw(bytes.fromhex(keys[station_id]))
                     for station_id in self.ids}
        self.directory_head = directory_head
        self.dead = set(self.ids[-DEAD_STATIONS:])
        self.sessions = {station_id: uuid.uuid4().hex for station_id in self.ids}
        self.seq = dict.fromkeys(self.ids, 0)
        for station_id in self.ids:
            self.layout.station(station_id).folder.mkdir(parents=True, exist_ok=True)

    def write(self, tick: int) -> None:
        from models.canonical import format_utc
        from utils.atomic_io import atomic_write_bytes
        from tests.utils.site.sitekit import pc_sign
        from utils.site.signed import document_bytes

        now = time.time()
        moment = datetime.fromtimestamp(now, timezone.utc)
        for n, station_id in enumerate(self.ids):
            if tick > 0 and station_id in self.dead:
                continue
            self.seq[station_id] += 1
            hot = n % HOT_EVERY == 0
            cpu = (84.0 + (tick + n) % 14) if hot else 8.0 + (tick * 7 + n * 13) % 40
            document = pc_sign(self.keys[station_id], {
                "kind": "status", "station": station_id, "session_id": self.sessions[station_id],
                "seq": self.seq[station_id], "ts_ms": int(now * 1000) + (n % 7) * 40,
                "sent_at": format_utc(moment), "interval_ms": 1000, "version": "0.1.0",
                "user": {"username": f"op{n % 37:02d}", "role": "operator"},
                "lot": {"code": f"L2511-{n:05d}", "current_box": 1 + (tick + n) % 500,
                        "total_boxes": 500},
                "size": "#00", "locked": None,
                "metrics": {"cpu": {"value": round(cpu, 1), "quality": "ok"},
                            "memory": {"value": round(30.0 + (n * 3 + tick) % 50, 1),
                                       "quality": "ok"},
                            "disk": {"value": round(40.0 + n % 45, 1), "quality": "ok"},
                            "uptime_s": {"value": 86400.0 + tick, "quality": "ok"}},
                "last_results": [], "pending_commands": n % 3, "host": f"pc-{station_id}",
                "directory_head": self.directory_head})
            # Not durable: the reader's cost is what is measured, not the stations' disks.
            atomic_write_bytes(self.layout.station(station_id).status, document_bytes(document),
                               durable=False)


def prefill_history(fleet, station_ids: list[str], seconds: int = HISTORY_S - 1) -> int:
    """An hour of 1 Hz samples per station, appended to the monitor's rings the way `poll()`
    appends them, ending one second ago; the first poll then fills the last slot."""
    from utils.site.timeseries import MetricRing

    end = time.time() - 1.0
    total = 0
    with fleet.lock:
        for n, station_id in enumerate(station_ids):
            ring = fleet.rings.setdefault(station_id, MetricRing(fleet.ring_capacity))
            for k in range(seconds):
                ring.append(end - (seconds - 1 - k), {
                    "cpu": 8.0 + (k * 7 + n * 13) % 40, "memory": 30.0 + (n * 3 + k) % 50,
                    "disk": None if k % 900 == 0 else 40.0 + n % 45})  # a gap now and then
                total += 1
    return total


class FleetPanel:
    """A site with 200 stations' status on its share and the admin panel open on it."""

    def __init__(self, folder: Path, *, run_poller: bool, history: bool = True):
        kit = _kit()
        from gui.admin.window import AdminWindow
        from gui.app import make_application

        self.app = make_application([])
        self.site = kit.make_site(folder)
        pairs, self.directory_head, _ = benchkit.certify_simulated(
            self.site, kit.PASSPHRASE, station_ids(), folder)
        # Hex, so the live phase can hand them to the stations' own process.
        self.station_keys = {s: pair.private_raw().hex() for s, pair in pairs.items()}
        self.writer = StatusWriter(self.site.share, self.station_keys, self.directory_head)
        self.writer.write(0)
        session = self.site.admin.auth.login("ana", kit.ADMIN_PW).session
        self.window = AdminWindow(self.site.admin, session)
        self.fleet = self.window.fleet
        self.tab = self.window.fleet_tab
        if not run_poller:
            self.window.poller.stop()  # this benchmark runs the poller's pass itself
        if getattr(self.window, "dashboard_tab", None) is not None:
            self.window.dashboard_tab.timer.stop()
        self.samples = prefill_history(self.fleet, self.writer.ids) if history else 0
        self.window.tabs.setCurrentWidget(self.tab)
        self.window.show()

    def poller_pass(self) -> None:
        """What `FleetPoller._run` does once; the emit runs `FleetTab.show_frame` here."""
        self.fleet.poll()
        self.fleet.track()
        self.window.poller.updated.emit(self.window.poller.make_update(self.fleet.snapshot()))

    def select_plotted(self) -> list[str]:
        from PySide6.QtCore import QItemSelectionModel

        rows = self.tab.model.rowCount()
        chosen = [round(i * (rows - 1) / (PLOTTED - 1)) for i in range(PLOTTED)]
        selection = self.tab.table.selectionModel()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        for row in chosen:
            selection.select(self.tab.model.index(row, 0), flags)
        return self.tab.selected_stations()

    def close(self) -> None:
        from PySide6.QtCore import QEvent

        self.window.close()  # stops the poller and the task runner
        self.window.deleteLater()
        # Gone now, not in the next phase's first event loop (it would count there).
        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.app.processEvents()
        self.site.admin.close()


class PaintCounter:
    """Counts paint events of the table's and the plots' viewports (proof that the repaint
    being timed really happened)."""

    def __init__(self, *widgets):
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class _Filter(QObject):
            def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint:
                    counter.counts[watched] = counter.counts.get(watched, 0) + 1
                return False

        self.counts: dict[Any, int] = {}
        self.filter = _Filter()
        self.widgets = widgets
        for widget in widgets:
            widget.installEventFilter(self.filter)

    def snapshot(self) -> tuple[int, ...]:
        return tuple(self.counts.get(widget, 0) for widget in self.widgets)


def drain_events(app, passes: int = 4) -> None:
    """Process posted events a few times: pyqtgraph's scene reports changes through a queued
    call, which then schedules the viewport's update request."""
    for _ in range(passes):
        app.sendPostedEvents()
        app.processEvents()


def phase_refresh(folder: Path, params: dict) -> dict[str, Any]:
    panel = FleetPanel(folder, run_poller=False)
    app, tab = panel.app, panel.tab
    try:
        poll_ms: list[float] = []
        t0 = time.perf_counter()
        panel.poller_pass()
        poll_ms.append((time.perf_counter() - t0) * 1000)
        drain_events(app)
        plotted = panel.select_plotted()
        drain_events(app)
        paints = PaintCounter(tab.table.viewport(), tab.plots.viewport())
        prepare_ms: list[float] = []
        update_ms: list[float] = []
        paint_ms: list[float] = []
        tick_ms: list[float] = []
        painted_ticks = 0
        ticks = params["ticks"]
        for tick in range(1, WARMUP_TICKS + ticks + 1):
            panel.writer.write(tick)
            w0 = time.perf_counter()
            panel.fleet.poll()
            panel.fleet.track()
            views = panel.fleet.snapshot()
            w1 = time.perf_counter()
            frame = panel.window.poller.make_update(views)  # the poller thread's share
            w2 = time.perf_counter()
            drain_events(app)  # between ticks: nothing of this tick's own left to do
            before = paints.snapshot()
            c0 = time.perf_counter()
            panel.window.poller.updated.emit(frame)  # direct call: FleetTab.show_frame
            del frame  # as in the poller: only its queue of sent updates holds it
            c1 = time.perf_counter()
            drain_events(app)  # the repaint of the table and the plots
            c2 = time.perf_counter()
            if tick <= WARMUP_TICKS:
                continue
            poll_ms.append((w1 - w0) * 1000)
            prepare_ms.append((w2 - w1) * 1000)
            update_ms.append((c1 - c0) * 1000)
            paint_ms.append((c2 - c1) * 1000)
            tick_ms.append((c2 - c0) * 1000)
            after = paints.snapshot()
            painted_ticks += all(a > b for a, b in zip(after, before))
        views = panel.fleet.snapshot()
        liveness: dict[str, int] = {}
        for view in views:
            liveness[str(view.liveness)] = liveness.get(str(view.liveness), 0) + 1
        curve_points = [tab.drawn_points(station, name) for station in plotted
                        for name in ("cpu", "memory", "disk")]
        result = {
            "tick_ms": tick_ms, "update_ms": update_ms, "paint_ms": paint_ms,
            "poll_ms": summary(poll_ms), "prepare_ms": summary(prepare_ms),
            "ticks": len(tick_ms), "warmup_ticks": WARMUP_TICKS,
            "painted_ticks": painted_ticks, "stations": len(views), "liveness_at_end": liveness,
            "alarms_at_end": tab.alarms.count(), "plotted_stations": plotted,
            "lines": len(curve_points), "points_drawn_per_line": (min(curve_points),
                                                                  max(curve_points)),
            "history_samples_prefilled": panel.samples,
            "ring_bytes": sum(ring.nbytes for ring in panel.fleet.rings.values()),
            "window_size": (panel.window.width(), panel.window.height()),
            "table_viewport": (tab.table.viewport().width(), tab.table.viewport().height()),
        }
        if params.get("profile"):
            result["profile"] = profile_ticks(panel, params["profile"])
        return result
    finally:
        panel.close()


def phase_live(folder: Path, params: dict) -> dict[str, Any]:
    """The panel as it runs: the real poller thread polls, prepares and hands over updates
    while the 200 stations report once a second; the GUI thread's longest gaps (a 5 ms timer)
    show what the poller thread's work costs it, interpreter lock included. Not a target:
    the refresh phase times the tick itself."""
    panel = FleetPanel(folder, run_poller=True)
    app = panel.app
    try:
        panel.select_plotted()
        settle_end = time.perf_counter() + 2.0
        run_loop(app, lambda: time.perf_counter() >= settle_end, 10.0)
        frames = [0]
        panel.window.poller.updated.connect(lambda _frame: frames.__setitem__(0, frames[0] + 1))
        # The stations are other PCs: they report from a process of their own, so their
        # signing and writing never competes with this one's GUI thread.
        context = multiprocessing.get_context("spawn")
        stop = context.Event()
        stations = context.Process(target=report_every_second,
                                   args=(panel.site.share, panel.station_keys,
                                         panel.directory_head, stop))
        stations.start()
        try:
            recorder = GapRecorder()
            recorder.start()
            end = time.perf_counter() + params["live_s"]
            run_loop(app, lambda: time.perf_counter() >= end, params["live_s"] + 30)
            gaps = recorder.stop()
        finally:
            stop.set()
            stations.join(30)
        return {"seconds": params["live_s"], "frames_shown": frames[0], "gaps": summary(gaps),
                "poll_interval_s": panel.window.poller.interval_s}
    finally:
        panel.close()


def report_every_second(share: Path, keys: dict[str, str], directory_head: list[Any],
                        stop) -> None:
    """The stations' side of the live phase, in a child process: every status once a second."""
    writer = StatusWriter(share, keys, directory_head)
    tick = 0
    while not stop.is_set():
        tick += 1
        started = time.monotonic()
        writer.write(tick)
        stop.wait(max(0.0, 1.0 - (time.monotonic() - started)))


def profile_ticks(panel: FleetPanel, path: str) -> str:
    """pyinstrument over 50 ticks (writer and poll excluded), saved as text; for diagnosis."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    for tick in range(50):
        panel.writer.write(10_000 + tick)
        panel.fleet.poll()
        frame = panel.window.poller.make_update(panel.fleet.snapshot())
        drain_events(panel.app)
        profiler.start()
        panel.window.poller.updated.emit(frame)
        drain_events(panel.app)
        profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    Path(path).write_text(text, encoding="utf-8")
    return path


# --- verifying a large chain from the GUI --------------------------------------------------------

def _cache_key(events: int) -> str:
    """Changes when the code that writes or reads the chain's tables changes."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{events}".encode())
    for pattern in ("data/*.py", "utils/audit/*.py"):
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def build_verify_home(home: Path, events: int, batch: int = 10_000) -> float:
    """An office admin PC (not in a site) whose chain holds `events` production-record events
    plus its own few, appended like bench_audit.py's batched phase."""
    import bench_audit

    _kit()
    from config.paths import resolve_paths
    from config.settings import Settings
    from utils.changes import Topic
    from utils.context import AppContext
    from utils.settings_store import save_settings

    paths = resolve_paths(home).ensure()
    save_settings(paths.settings_file, Settings(station_id="office1", station_kind="office",
                                                language="en"))
    ctx = AppContext.open(home)
    try:
        ctx.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW)
        start = time.perf_counter()
        done = 0
        next_report = start + 10
        while done < events:
            size = min(batch, events - done)
            with ctx.changes.begin(bench_audit.ACTOR, Topic.AUDIT) as tx:
                for _ in range(size):
                    done += 1
                    tx.audit(bench_audit.ACTION, **bench_audit.event_fields(done))
            if time.perf_counter() >= next_report:
                log(f"    built {done:,}/{events:,} events")
                next_report += 10
        return time.perf_counter() - start
    finally:
        ctx.close()


def verify_home(folder: Path, events: int, cache_dir: Path | None) -> tuple[Path, dict]:
    """A private copy of the cached N-event home (built first when missing)."""
    target = folder / "verify-home"
    info: dict[str, Any] = {"cache_dir": None if cache_dir is None else str(cache_dir)}
    if cache_dir is None:
        log(f"    building a {events:,}-event home (no cache)")
        info["build_s"] = build_verify_home(target, events)
        info["cached"] = False
        return target, info
    key = _cache_key(events)
    cached = cache_dir / f"verify-{events}-{key}"
    if not (cached / "complete").exists():
        for old in cache_dir.glob(f"verify-{events}-*"):  # older code's copies
            shutil.rmtree(old, ignore_errors=True)
        partial = cache_dir / f"building-{events}-{key}-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        log(f"    building the {events:,}-event home once, cached in {cached}")
        info["build_s"] = build_verify_home(partial, events)
        (partial / "complete").write_text(f"{events}\n", encoding="utf-8")
        partial.rename(cached)
    t0 = time.perf_counter()
    shutil.copytree(cached, target)
    info["copy_s"] = time.perf_counter() - t0
    info["cached"] = True
    info["database_bytes"] = sum(p.stat().st_size for p in target.rglob("*.sqlite3*"))
    return target, info


class GapRecorder:
    """A 5 ms timer on the GUI thread; the gaps between its ticks are the GUI's stalls."""

    def __init__(self, interval_ms: int = TIMER_MS):
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.stamps: list[float] = []

    def _tick(self) -> None:
        self.stamps.append(time.perf_counter())

    def start(self) -> None:
        self.stamps = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        self.stamps.append(time.perf_counter())  # the stretch after the last tick counts too
        return [(b - a) * 1000 for a, b in zip(self.stamps, self.stamps[1:])]


def run_loop(app, until, timeout_s: float) -> bool:
    """Run the Qt event loop until `until()` holds (checked on every event-loop wake-up via a
    zero-cost signal), with a hard bound."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(loop.quit)
    watchdog.start(int(timeout_s * 1000))
    checker = QTimer()
    checker.setInterval(20)
    checker.timeout.connect(lambda: until() and loop.quit())
    checker.start()
    if not until():
        loop.exec()
    checker.stop()
    watchdog.stop()
    return bool(until())


def phase_verify(folder: Path, params: dict) -> dict[str, Any]:
    _kit()
    from gui.admin.window import AdminWindow
    from gui.app import make_application
    from gui.verify_dialog import INTACT, VerifyDialog
    from utils.context import AppContext

    events = params["events"]
    home, home_info = verify_home(folder, events, params["cache_dir"])
    app = make_application([])
    ctx = AppContext.open(home)
    window = None
    try:
        session = ctx.auth.login("ana", ADMIN_PW).session
        t0 = time.perf_counter()
        window = AdminWindow(ctx, session)  # the audit tab reads its newest events here
        window_open_s = time.perf_counter() - t0
        if getattr(window, "dashboard_tab", None) is not None:
            window.dashboard_tab.timer.stop()
        window.show()
        drain_events(app)

        recorder = GapRecorder()
        recorder.start()
        idle_end = time.perf_counter() + 1.0
        run_loop(app, lambda: time.perf_counter() >= idle_end, 5.0)
        idle_gaps = recorder.stop()

        runs = []
        seen: set[int] = set()
        for run in range(params["verify_runs"]):
            window.tabs.setCurrentIndex(0)  # where a person would be: the fleet
            drain_events(app)
            result_at: list[float] = []

            def result_shown(*_args) -> None:
                # The click → result window ends as the result is set, before its paint and
                # what the panel does once it is set (the audit tab built): those fall in the
                # reading window.
                if not result_at:
                    result_at.append(time.perf_counter())
                    gaps_until_result.extend(recorder.stop())
                    recorder.start()

            gaps_until_result: list[float] = []
            recorder.start()
            t0 = time.perf_counter()
            window.verify_site()  # Tools → Verify audit integrity (whole site)…
            # Found among the window's children, not through window.audit_tab: reading that
            # attribute builds the tab (built when first shown) inside the measured click.
            dialogs = [d for d in window.findChildren(VerifyDialog) if id(d) not in seen]
            if not dialogs:
                raise SystemExit("verify_site() opened no new dialog")
            dialog = dialogs[-1]
            seen.update(id(d) for d in dialogs)
            dialog.finished_with.connect(result_shown)
            dialog.failed.connect(result_shown)
            finished = run_loop(app, lambda: dialog.outcome is not None,
                                timeout_s=max(120.0, events / 5_000))
            elapsed = (result_at[0] if result_at else time.perf_counter()) - t0
            if not result_at:
                gaps_until_result.extend(recorder.stop())
                recorder.start()
            gaps = gaps_until_result
            if not finished or dialog.outcome != INTACT:
                recorder.stop()
                raise SystemExit(f"verify did not end intact (run {run + 1}): outcome "
                                 f"{dialog.outcome!r}: {dialog.result_text!r}")
            checked = sum(r.events_checked for r in dialog.results)
            if checked < events:
                recorder.stop()
                raise SystemExit(f"verify checked {checked:,} events, expected {events:,}+")
            order = sorted(range(len(gaps)), key=gaps.__getitem__, reverse=True)[:5]
            # The first gap holds the menu action itself (the dialog made and opened); the rest
            # is the GUI thread while the dialog paints and the task runs, until the result.
            runs.append({"max_gap_ms": max(gaps), "start_gap_ms": gaps[0],
                         "running_max_gap_ms": max(gaps[1:], default=0.0),
                         "gaps": summary(gaps),
                         "worst_gaps_ms": [round(gaps[i], 2) for i in order],
                         "worst_gap_at_s": [round(sum(gaps[:i]) / 1000, 3) for i in order],
                         "elapsed_s": elapsed, "events_checked": checked,
                         "events_per_s": checked / elapsed})
            # A person reads the result before closing it (a second here): the result's paint
            # and what the panel prepares meanwhile (the audit tab, the first time) are here.
            read_end = time.perf_counter() + READ_RESULT_S
            run_loop(app, lambda: time.perf_counter() >= read_end, 5.0)
            read_gaps = recorder.stop()
            runs[-1]["result_max_gap_ms"] = max(read_gaps)
            log(f"    run {run + 1}: {checked:,} events in {elapsed:.2f} s, longest GUI gap "
                f"{max(gaps):.1f} ms (p99 {pct(gaps, 99):.1f} ms); while the result is read "
                f"{max(read_gaps):.1f} ms")
            # Closing the dialog shows the audit tab (laid out and painted on the first run):
            # a gap apart, after the verify, reported but not part of the target.
            recorder.start()
            dialog.accept()
            close_end = time.perf_counter() + 0.5
            run_loop(app, lambda: time.perf_counter() >= close_end, 5.0)
            close_gaps = recorder.stop()
            if window.tabs.currentWidget() is not window.audit_tab:
                raise SystemExit("closing the verify dialog did not show the audit tab")
            runs[-1]["close_max_gap_ms"] = max(close_gaps)
        return {"runs": runs, "idle_gaps": summary(idle_gaps), "home": home_info,
                "events": events, "admin_window_open_s": window_open_s}
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
            app.processEvents()
        ctx.close()


# --- start-up, whole process -----------------------------------------------------------------

def prepare_home(home: Path) -> None:
    """A PC with its first admin, made with the command line (as the README says)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--home", str(home), "user", "add", "maria",
         "--role", "admin", "--full-name", "Maria Silva"],
        env=child_env(SHOPFLOOR_PASSWORD=ADMIN_PW), cwd=ROOT, capture_output=True, text=True,
        timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"user add failed: {result.stdout}{result.stderr}")


def time_smoke(home: Path, pycache: Path) -> dict[str, Any]:
    command = [sys.executable, str(ROOT / "main.py"), "--home", str(home), "gui", "--smoke"]
    # Byte-compiled, as an installed app is (pip and PyInstaller ship .pyc files): the warm-up
    # run writes the bytecode to `pycache`, the counted runs read it. A caller's
    # PYTHONDONTWRITEBYTECODE (set on CI machines) would otherwise recompile ~80 modules of
    # ours on every start (~0.3 s).
    env = child_env(PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    shown_at = None
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.rstrip())
        if line.startswith("smoke: login window"):
            shown_at = time.perf_counter()
            if "NOT" in line:
                shown_at = None
            break
    rest, errors = proc.communicate(timeout=120)
    exited = time.perf_counter()
    lines += rest.splitlines()
    if shown_at is None or proc.returncode != 0:
        raise SystemExit(f"smoke run failed (exit {proc.returncode}): {lines} {errors[-2000:]}")
    return {"shown_s": shown_at - t0, "exit_s": exited - t0}


def phase_startup(folder: Path, params: dict) -> dict[str, Any]:
    runs = []
    baseline = []
    prepared = folder / "startup-prepared"
    prepare_home(prepared)
    for run in range(params["startup_runs"] + 1):
        home = folder / f"startup-{run}"
        shutil.copytree(prepared, home)  # each run starts in a home no GUI has opened yet
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=child_env(), check=True)
        baseline.append(time.perf_counter() - t0)
        timing = time_smoke(home, folder / "pycache")
        log(f"    run {run}{' (warm-up, not counted)' if run == 0 else ''}: login window "
            f"after {timing['shown_s']:.3f} s, exit after {timing['exit_s']:.3f} s")
        runs.append(timing)
    counted = runs[1:]
    return {"shown_s": [r["shown_s"] for r in counted], "exit_s": [r["exit_s"] for r in counted],
            "warmup_shown_s": runs[0]["shown_s"],
            "bare_interpreter_s": statistics.median(baseline)}


# --- memory of the open panel, in its own process ----------------------------------------------

def rss_child(folder: Path, settle_s: float, report: Path) -> None:
    import psutil

    me = psutil.Process()
    marks = {"start_mb": me.memory_info().rss / 2 ** 20}
    panel = FleetPanel(folder, run_poller=True, history=False)
    try:
        app = panel.app
        marks["window_open_mb"] = me.memory_info().rss / 2 ** 20
        panel.samples = prefill_history(panel.fleet, panel.writer.ids)
        marks["history_filled_mb"] = me.memory_info().rss / 2 ** 20
        end = time.perf_counter() + 1.0
        run_loop(app, lambda: time.perf_counter() >= end, 5.0)  # the poller's first passes
        plotted = panel.select_plotted()
        end = time.perf_counter() + settle_s
        written = [time.perf_counter(), 0]

        def _live() -> bool:
            now = time.perf_counter()
            if now - written[0] >= 1.0:  # the stations keep reporting at 1 Hz
                written[0], written[1] = now, written[1] + 1
                panel.writer.write(written[1])
            return now >= end

        run_loop(app, _live, settle_s + 30)
        drain_events(app)
        info = me.memory_info()
        report.write_text(json.dumps({
            "rss_mb": info.rss / 2 ** 20, "vms_mb": info.vms / 2 ** 20,
            "uss_mb": me.memory_full_info().uss / 2 ** 20, **marks,
            "stations": len(panel.fleet.views), "plotted": plotted,
            "lines": 3 * len(plotted), "threads": me.num_threads(),
            "ring_bytes": sum(ring.nbytes for ring in panel.fleet.rings.values()),
            "ring_samples": sum(len(ring) for ring in panel.fleet.rings.values()),
        }), encoding="utf-8")
    finally:
        panel.close()


def phase_rss(folder: Path, params: dict) -> dict[str, Any]:
    report = folder / "rss.json"
    (folder / "rss").mkdir()
    command = [sys.executable, str(Path(__file__).resolve()), "--_rss-child", str(folder / "rss"),
               str(params["settle_s"]), str(report)]
    result = subprocess.run(command, env=child_env(), cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0 or not report.exists():
        raise SystemExit(f"rss child failed ({result.returncode}): {result.stderr[-3000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


# --- reporting ---------------------------------------------------------------------------------

def machine_info(folder: Path) -> dict:
    info = benchkit.machine_info(folder)
    try:
        import PySide6
        import pyqtgraph

        info["pyside6"] = PySide6.__version__
        info["pyqtgraph"] = pyqtgraph.__version__
        info["qt_platform"] = os.environ.get("QT_QPA_PLATFORM")
    except ImportError:  # pragma: no cover
        pass
    return info


def methods(params: dict) -> dict[str, str]:
    return {
        "refresh": f"{STATIONS} status files on a tmp share, each signed by its station's "
                   f"own certified PC key (Ed25519; {DEAD_STATIONS} stop reporting), rewritten between ticks and read by the real FleetMonitor.poll(); "
                   f"{HISTORY_S - 1} samples of history per station put in its rings with "
                   f"MetricRing.append first; AdminWindow (offscreen, fleet tab) with {PLOTTED} "
                   "stations selected; one tick = the poller's `updated` signal running "
                   "FleetTab.show_frame plus the repaint that follows (events processed), on "
                   "the GUI thread; FleetTab.prepare (the poller thread's share) timed apart; "
                   f"{params['ticks']} ticks after {WARMUP_TICKS} warm-up ticks",
        "max_stall_ms_verify": f"longest gap between ticks of a {TIMER_MS} ms PreciseTimer on the "
                               "GUI thread while Tools → Verify audit integrity checks "
                               f"{params['events']:,} events of the admin PC's own chain in the "
                               f"background (gui/tasks.py), from the menu click (on the fleet "
                               "tab) until the result shows; worst of "
                               f"{params['verify_runs']} runs (the window ends as the result "
                               "is set). Then the result is read for "
                               f"{READ_RESULT_S:g} s (its paint; the audit tab built the first "
                               "time): verify_result_stall_ms_*; closing the dialog shows the "
                               "audit tab: verify_close_stall_ms_*; both outside the target. "
                               "Modules imported from bytecode (a PYTHONPYCACHEPREFIX in the "
                               "cache folder), as an installed app ships .pyc files",
        "startup_s": "wall time from starting `python main.py --home H gui --smoke` to its "
                     "'smoke: login window shown' line; fresh home with a first admin made by "
                     f"`main.py user add` (a copy per run); median of {params['startup_runs']} runs after a "
                     "warm-up run that writes the bytecode (kept in a temporary PYTHONPYCACHEPREFIX, "
                     "as an installed app ships .pyc files)",
        "rss_mb": f"psutil RSS of a separate process with the admin panel open: {STATIONS} "
                  f"stations × {HISTORY_S} samples in the rings, {PLOTTED} plotted, real poller "
                  f"running, after {params['settle_s']:g} s",
    }


def print_table(metrics: dict, passed: dict) -> None:
    def fmt(value: Any, spec: str) -> str:
        return "n/a" if value is None or value != value else format(value, spec)

    rows = [
        ("refresh_median_ms (tick)", fmt(metrics.get("refresh_median_ms"), ".2f"),
         "p99 " + fmt(metrics.get("refresh_p99_ms"), ".2f"), "refresh_median_ms"),
        ("  show_frame only", fmt(metrics.get("refresh_update_median_ms"), ".2f"),
         "p99 " + fmt(metrics.get("refresh_update_p99_ms"), ".2f"), None),
        ("  repaint after it", fmt(metrics.get("refresh_paint_median_ms"), ".2f"),
         "p99 " + fmt(metrics.get("refresh_paint_p99_ms"), ".2f"), None),
        ("  prepare (poller thread)", fmt(metrics.get("refresh_prepare_median_ms"), ".2f"),
         "p99 " + fmt(metrics.get("refresh_prepare_p99_ms"), ".2f"), None),
        ("live: GUI gap p99, real poller", fmt(metrics.get("live_gap_p99_ms"), ".1f"),
         "max " + fmt(metrics.get("live_gap_max_ms"), ".1f"), None),
        ("max_stall_ms_verify", fmt(metrics.get("max_stall_ms_verify"), ".1f"),
         "idle " + fmt(metrics.get("idle_max_gap_ms"), ".1f"), "max_stall_ms_verify"),
        ("  starting it, first run", fmt(metrics.get("verify_start_stall_ms_first_run"), ".1f"),
         "", None),
        ("  while the task runs", fmt(metrics.get("verify_running_max_stall_ms"), ".1f"),
         "", None),
        ("  reading the result (1 s)", fmt(metrics.get("verify_result_stall_ms_first_run"), ".1f"),
         "max " + fmt(metrics.get("verify_result_stall_ms_max"), ".1f"), None),
        ("  closing it: audit tab shown", fmt(metrics.get("verify_close_stall_ms_first_run"), ".1f"),
         "max " + fmt(metrics.get("verify_close_stall_ms_max"), ".1f"), None),
        ("startup_s (median)", fmt(metrics.get("startup_s"), ".3f"),
         "max " + fmt(metrics.get("startup_max_s"), ".3f"), "startup_s"),
        ("rss_mb", fmt(metrics.get("rss_mb"), ".0f"),
         "uss " + fmt(metrics.get("uss_mb"), ".0f"), "rss_mb"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'metric':<{width}}  {'value':>9}  {'p99 / detail':>13}  {'target':>8}  result")
    print("-" * (width + 45))
    for name, value, detail, key in rows:
        target = "" if key is None else f"{TARGET_OPS[key]} {TARGETS[key]:g}"
        result = "" if key is None else {True: "PASS", False: "FAIL", None: "n/a"}[passed.get(key)]
        print(f"{name:<{width}}  {value:>9}  {detail:>13}  {target:>8}  {result}")


# --- main --------------------------------------------------------------------------------------

def hidden_entry(argv: list[str]) -> int | None:
    """Child-process roles of this script (not for people)."""
    if argv and argv[0] == "--_rss-child":
        rss_child(Path(argv[1]), float(argv[2]), Path(argv[3]))
        return 0
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    code = hidden_entry(argv)
    if code is not None:
        return code
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="60 ticks, 50,000 events, fewer runs (< 1 min once cached)")
    parser.add_argument("--json", required=True, type=Path, help="where to write the results")
    parser.add_argument("--ticks", type=int, default=None, help="measured refresh ticks")
    parser.add_argument("--events", type=int, default=None, help="events to verify")
    parser.add_argument("--verify-runs", type=int, default=None)
    parser.add_argument("--startup-runs", type=int, default=None)
    parser.add_argument("--settle-s", type=float, default=None,
                        help="seconds the panel runs before its RSS is read")
    parser.add_argument("--phases", default="startup,refresh,live,verify,rss",
                        help="comma-separated subset of startup,refresh,live,verify,rss")
    parser.add_argument("--cache-dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "shopfloor-bench-gui-cache",
                        help="where the N-event home is kept between runs")
    parser.add_argument("--no-cache", action="store_true",
                        help="build the N-event home in the temporary folder every time")
    parser.add_argument("--profile", metavar="TXT", default=None,
                        help="also profile 50 refresh ticks with pyinstrument into TXT")
    parser.add_argument("--dir", type=Path, default=None,
                        help="parent folder for the temporary files (default: system temp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    args = parser.parse_args(argv)

    base = QUICK if args.quick else FULL
    params: dict[str, Any] = {
        "quick": args.quick,
        "ticks": args.ticks or base["ticks"],
        "events": args.events or base["events"],
        "verify_runs": args.verify_runs or base["verify_runs"],
        "startup_runs": args.startup_runs or base["startup_runs"],
        "settle_s": args.settle_s or base["settle_s"],
        "live_s": base["live_s"],
        "stations": STATIONS, "dead_stations": DEAD_STATIONS, "plotted_stations": PLOTTED,
        "history_samples_per_station": HISTORY_S, "timer_ms": TIMER_MS,
        "cache_dir": None if args.no_cache else args.cache_dir,
        "profile": args.profile,
    }
    phases = {p.strip() for p in args.phases.split(",") if p.strip()}
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    if params["cache_dir"] is not None:
        params["cache_dir"].mkdir(parents=True, exist_ok=True)
        # The phases run in this process import the app's modules from bytecode, as an
        # installed app does: with a caller's PYTHONDONTWRITEBYTECODE (CI machines set it)
        # each module of ours was compiled on its first import, inside the measured moments
        # (the audit tab's nine on the first verify's click or close, ~40-90 ms).
        sys.pycache_prefix = str(params["cache_dir"] / "pycache")
        sys.dont_write_bytecode = False

    folder = Path(tempfile.mkdtemp(prefix="bench-gui-", dir=args.dir))
    started = time.perf_counter()
    metrics: dict[str, Any] = {}
    diagnostics: dict[str, Any] = {"phase_s": {}}
    try:
        if "startup" in phases:
            log(f"[startup] main.py gui --smoke, {params['startup_runs']} runs + 1 warm-up")
            t0 = time.perf_counter()
            startup = phase_startup(folder, params)
            diagnostics["phase_s"]["startup"] = round(time.perf_counter() - t0, 1)
            metrics["startup_s"] = statistics.median(startup["shown_s"])
            metrics["startup_max_s"] = max(startup["shown_s"])
            diagnostics["startup"] = {**startup, "shown": summary(startup["shown_s"])}
        if "rss" in phases:
            log(f"[rss] admin panel with {STATIONS} stations x 1 h, separate process")
            t0 = time.perf_counter()
            rss = phase_rss(folder, params)
            diagnostics["phase_s"]["rss"] = round(time.perf_counter() - t0, 1)
            metrics["rss_mb"] = rss["rss_mb"]
            metrics["uss_mb"] = rss["uss_mb"]
            diagnostics["rss"] = rss
            log(f"    rss {rss['rss_mb']:.0f} MB")
        if "refresh" in phases:
            log(f"[refresh] {STATIONS} stations, {params['ticks']} ticks")
            (folder / "refresh").mkdir()
            t0 = time.perf_counter()
            refresh = phase_refresh(folder / "refresh", params)
            diagnostics["phase_s"]["refresh"] = round(time.perf_counter() - t0, 1)
            metrics["refresh_median_ms"] = statistics.median(refresh["tick_ms"])
            metrics["refresh_p99_ms"] = pct(refresh["tick_ms"], 99)
            metrics["refresh_update_median_ms"] = statistics.median(refresh["update_ms"])
            metrics["refresh_update_p99_ms"] = pct(refresh["update_ms"], 99)
            metrics["refresh_paint_median_ms"] = statistics.median(refresh["paint_ms"])
            metrics["refresh_paint_p99_ms"] = pct(refresh["paint_ms"], 99)
            metrics["refresh_prepare_median_ms"] = refresh["prepare_ms"]["p50"]
            metrics["refresh_prepare_p99_ms"] = refresh["prepare_ms"]["p99"]
            diagnostics["refresh"] = {
                **{k: v for k, v in refresh.items() if k not in ("tick_ms", "update_ms",
                                                                   "paint_ms")},
                "tick_ms": summary(refresh["tick_ms"]), "update_ms": summary(refresh["update_ms"]),
                "paint_ms": summary(refresh["paint_ms"])}
            log(f"    tick median {metrics['refresh_median_ms']:.2f} ms, p99 "
                f"{metrics['refresh_p99_ms']:.2f} ms")
        if "live" in phases:
            log(f"[live] real poller thread, {STATIONS} stations reporting, {params['live_s']:g} s")
            (folder / "live").mkdir()
            t0 = time.perf_counter()
            live = phase_live(folder / "live", params)
            diagnostics["phase_s"]["live"] = round(time.perf_counter() - t0, 1)
            diagnostics["live"] = live
            metrics["live_gap_p99_ms"] = live["gaps"]["p99"]
            metrics["live_gap_max_ms"] = live["gaps"]["max"]
            log(f"    {live['frames_shown']} updates shown; GUI gaps p99 "
                f"{live['gaps']['p99']:.1f} ms, max {live['gaps']['max']:.1f} ms")
        if "verify" in phases:
            log(f"[verify] {params['events']:,} events, {params['verify_runs']} runs")
            (folder / "verify").mkdir()
            t0 = time.perf_counter()
            verify = phase_verify(folder / "verify", params)
            diagnostics["phase_s"]["verify"] = round(time.perf_counter() - t0, 1)
            maxima = [run["max_gap_ms"] for run in verify["runs"]]
            metrics["max_stall_ms_verify"] = max(maxima)
            metrics["max_stall_ms_verify_median_run"] = statistics.median(maxima)
            metrics["verify_start_stall_ms_first_run"] = verify["runs"][0]["start_gap_ms"]
            metrics["verify_running_max_stall_ms"] = max(
                run["running_max_gap_ms"] for run in verify["runs"])
            metrics["verify_result_stall_ms_first_run"] = verify["runs"][0]["result_max_gap_ms"]
            metrics["verify_result_stall_ms_max"] = max(
                run["result_max_gap_ms"] for run in verify["runs"])
            metrics["verify_close_stall_ms_first_run"] = verify["runs"][0]["close_max_gap_ms"]
            metrics["verify_close_stall_ms_max"] = max(
                run["close_max_gap_ms"] for run in verify["runs"])
            metrics["idle_max_gap_ms"] = verify["idle_gaps"]["max"]
            metrics["verify_events_per_s"] = statistics.median(
                run["events_per_s"] for run in verify["runs"])
            diagnostics["verify"] = verify
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    elapsed = time.perf_counter() - started
    params.update({
        "cache_dir": None if params["cache_dir"] is None else str(params["cache_dir"]),
    })
    return benchkit.write_report(
        args, metrics=metrics, targets=TARGETS, target_ops=TARGET_OPS, params=params,
        methods=methods(params), diagnostics=diagnostics, machine=machine_info(folder.parent),
        phases=phases, folder=folder, load_before=load_before, elapsed=elapsed,
        print_table=print_table, quick_note="fewer ticks, 50,000 events, fewer runs")


if __name__ == "__main__":
    sys.exit(main())
