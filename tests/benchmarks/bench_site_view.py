#!/usr/bin/env python3
"""Site view benchmark: a synthetic plant's journals read into an empty view, the admin panel
catching up and following, the dashboard, insights and a narrow production filter over a year,
and the memory of the panel (a script, not a pytest module).

    python tests/benchmarks/bench_site_view.py [--quick] --json PATH

The site is made by the product's own synthetic plant (utils/site/synthetic.py, the generator
behind `shopfloor demo`): each station's chain in a database of its own, its journal written by
the product's JournalWriter and sealed with each station's own certified PC key, a seal
about every box as a running station writes them. Full run: 200 stations, a year, 49 boxes a station a day (3.6 M records,
about 10 M events); --quick: the same 200 stations and one tenth of the year (36.5 days). The
site is kept in --cache-dir between runs (making it is not what is measured).

- catchup_events_per_s   cold ingest of every journal into an empty view, headless: this PC's
                         ViewFollower.catch_up_now() on an office PC that never read the share
                         (events taken / wall time).
- catchup_full_s         a production PC opening the admin panel for the first time: the real
                         AdminWindow (offscreen) on an empty view, its follower thread catching
                         up, until every journal is read (phase "following"). Also:
                         panel_shown_s (constructor to shown), first_progress_s (until the
                         tabs' "catching up: N %" line shows a state from the follower) and the
                         GUI thread's gaps meanwhile (a 5 ms timer).
- follow_lag_p99_s       with that panel open and following: a station (real SyncService
                         thread) registers a box; time until the box is the newest row of the
                         panel's Production tab (the GUI thread sees it). With the journal
                         watcher, and in network-share mode (no watcher: the 1 s rescan).
- dashboard_refresh_ms   DashboardTab.refresh() over everything (a year), all stations, until
                         the figures read on the window's task runner are drawn; median
                         of runs. insights_refresh_ms: InsightsTab's computation over a year
                         (median of runs, fewer in the full run), and over 30 days apart.
- production_filter_ms   one station, one day, one defect over the year: the Production tab's
                         refresh() (count, first page, table fitted); median over stations/days.
- view_rss_mb            resident memory of this process with the panel open on the caught-up
                         site, its tabs visited (insights over a year not computed yet: it is
                         measured after, and its peak memory reported apart).

Prints a table and writes `{"metrics", "targets", "target_ops", "machine", "params", "pass",
"methods", "diagnostics"}` as JSON (tests/benchmarks/benchkit.py).
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
import threading
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

TARGETS = {"catchup_events_per_s": 50_000.0, "catchup_full_s": 240.0,
           "first_progress_s": 1.0, "follow_lag_p99_s": 2.0,
           "follow_lag_network_p99_s": 3.0, "dashboard_refresh_ms": 250.0,
           "insights_refresh_ms": 250.0, "production_filter_ms": 100.0, "view_rss_mb": 500.0,
           # the same 250 ms for the refresh as records arrive (the full one is kept above)
           "insights_live_refresh_ms": 250.0}
TARGET_OPS = {name: ("<=" if name != "catchup_events_per_s" else ">=") for name in TARGETS}
STATIONS = 200
BOXES_PER_DAY = 49  # 200 stations x 49 x 365 = 3.6 M records (the figures)
FULL = {"days": 365, "runs": 7, "insights_runs": 7, "follow_samples": 40, "filter_runs": 15}
QUICK = {"days": 36, "runs": 5, "insights_runs": 5, "follow_samples": 20, "filter_runs": 10}
PASSPHRASE = "benchmark site passphrase"
ADMIN_PW = "Quarry-Lantern-42"
END = datetime(2026, 11, 23, 3, 0, tzinfo=timezone.utc)  # a fixed year: the cache stays valid
CACHE_FORMAT = 3  # 2: journals sealed by per-station PC keys (keys by role); 3: record ids made for their station (models/record_ids.py)
TIMER_MS = 5


def _fast_accounts() -> None:
    """Accounts and the site key are set-up here, not what is measured."""
    import functools

    import utils.passwords
    from utils.site import membership, site_key

    utils.passwords.BCRYPT_ROUNDS = 4
    membership.create_site = functools.partial(site_key.create_site, scrypt_n=2 ** 12)


# This run's PCs get ids of their own: the cached site keeps every PC certified by an earlier
# run, and joining again as the same id is refused ("belongs to another PC").
RUN = uuid.uuid4().hex[:6]


def _home(folder: Path, share: Path, station_id: str, kind: str):
    from config.paths import resolve_paths
    from config.settings import Settings
    from utils.context import AppContext
    from utils.site.membership import join_site_membership

    paths = resolve_paths(folder).ensure()
    join_site_membership(paths, Settings(), share, PASSPHRASE, station_id=station_id, kind=kind,
                         machine_table=False)  # (a synthetic plant's ids: no table names them)
    return AppContext.open(folder)


# -- the site ------------------------------------------------------------------------------------

def build_site(cache: Path, params: dict) -> dict[str, Any]:
    """The synthetic plant's share (made once per plan and kept in `cache`)."""
    from config.paths import resolve_paths
    from config.settings import Settings
    from utils.context import AppContext
    from utils.site.membership import create_site_membership
    from utils.site.synthetic import PlantPlan, certify_plant, write_plant

    plan_key = f"v{CACHE_FORMAT}-{STATIONS}st-{params['days']}d-{BOXES_PER_DAY}b"
    site = cache / plan_key
    facts_file = site / "facts.json"
    if facts_file.exists():
        log(f"    cached site {site}")
        return {**json.loads(facts_file.read_text()), "share": str(site / "share")}
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    paths = resolve_paths(site / "maker").ensure()
    membership = create_site_membership(paths, Settings(), site / "share", PASSPHRASE,
                                        station_id="maker", kind="office")
    maker = AppContext.open(site / "maker")
    maker.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW, root=membership.root)
    plan = PlantPlan(stations=tuple(str(201 + i) for i in range(STATIONS)),
                     days=params["days"], boxes_per_day=BOXES_PER_DAY, end=END)
    started = time.perf_counter()
    done = []

    def progress(outcome) -> None:
        done.append(outcome)
        if len(done) % 20 == 0:
            log(f"    {len(done)}/{STATIONS} stations written, "
                f"{sum(o.events for o in done):,} events, {time.perf_counter() - started:.0f} s")

    keys = certify_plant(plan, site / "share", PASSPHRASE, site / "work")
    outcomes = write_plant(plan, site / "share", keys, site / "work",
                           processes=2, progress=progress)
    shutil.rmtree(site / "work", ignore_errors=True)
    maker.close()
    facts = {"events": sum(o.events for o in outcomes),
             "records": sum(o.records for o in outcomes), "stations": STATIONS,
             "days": params["days"], "boxes_per_day": BOXES_PER_DAY,
             "build_s": round(time.perf_counter() - started, 1),
             "journal_bytes": _size(site / "share" / "stations")}
    facts_file.write_text(json.dumps(facts, indent=2))
    return {**facts, "share": str(site / "share")}


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


# -- phases --------------------------------------------------------------------------------------

def phase_catchup(folder: Path, site: dict) -> dict[str, Any]:
    """Cold ingest, headless, on an office PC that never read the share."""
    ctx = _home(folder / "office", Path(site["share"]), f"office-{RUN}", "office")
    try:
        started = time.perf_counter()
        assert ctx.view_follower.catch_up_now()
        seconds = time.perf_counter() - started
        with ctx.site_view.database.read() as connection:
            taken = connection.exec_driver_sql(
                "SELECT coalesce(sum(events), 0) FROM view_sources WHERE kind = 'journal'"
            ).scalar()
        view_bytes = sum(Path(f"{ctx.paths.site_view_file}{s}").stat().st_size
                         for s in ("", "-wal") if Path(f"{ctx.paths.site_view_file}{s}").exists())
    finally:
        ctx.close()
    return {"seconds": round(seconds, 2), "events": taken,
            "events_per_s": round(taken / seconds), "view_bytes": view_bytes,
            "view_bytes_per_event": round(view_bytes / max(1, taken), 1)}


class GapTimer:
    """The GUI thread's gaps: a 5 ms QTimer whose ticks are timed."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(TIMER_MS)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.gaps


def pump(seconds: float = 0.0, until=None, timeout: float = 600.0) -> float:
    """Process Qt events for `seconds`, or until `until()` holds; returns the time waited."""
    from PySide6.QtWidgets import QApplication

    started = time.perf_counter()
    pause = threading.Event()
    while True:
        QApplication.processEvents()
        waited = time.perf_counter() - started
        if until is not None and until():
            return waited
        if until is None and waited >= seconds:
            return waited
        if waited > timeout:
            raise TimeoutError(f"condition not met within {timeout} s")
        pause.wait(0.002)


def phase_panel(folder: Path, site: dict, params: dict, metrics: dict,
                diagnostics: dict, *, with_insights: bool = True) -> None:
    """A production PC opens the panel for the first time, then everything measured on it."""
    from gui.admin.window import AdminWindow
    from gui.app import make_application
    from utils.site.view_follower import Phase

    make_application([])
    share = Path(site["share"])
    ctx = _home(folder / "pc", share, f"P1-{RUN}", "production")
    ctx.directory.refresh()  # the site's accounts, as its sync loop would fetch them
    session = ctx.auth.login("ana", ADMIN_PW).session
    gaps = GapTimer()
    opened = time.perf_counter()
    window = AdminWindow(ctx, session)
    window.resize(1366, 768)
    window.show()
    pump(0.0, until=lambda: window.isVisible())
    shown_s = time.perf_counter() - opened
    status = window.production_tab.currency
    first_progress_s = pump(until=lambda: "%" in status.text()
                            or window.follower.state().phase == Phase.FOLLOWING, timeout=60)
    first_progress_s += shown_s
    log(f"    panel shown in {shown_s:.2f} s, progress shown at {first_progress_s:.2f} s")
    last_log = [time.perf_counter()]

    def caught_up() -> bool:
        if time.perf_counter() - last_log[0] > 20:
            last_log[0] = time.perf_counter()
            log(f"    {status.text()}")
        return window.follower.state().phase == Phase.FOLLOWING

    pump(until=caught_up, timeout=24 * 3600)
    full_s = time.perf_counter() - opened
    catch_gaps = gaps.stop()
    metrics.update(catchup_full_s=round(full_s, 1), first_progress_s=round(first_progress_s, 2),
                   panel_shown_s=round(shown_s, 2),
                   catchup_gui_gap_p99_ms=round(pct(catch_gaps, 99), 1),
                   catchup_gui_gap_max_ms=round(max(catch_gaps), 1))
    diagnostics["catchup_panel"] = {"gaps_ms": summary(catch_gaps), "status": status.text()}
    log(f"    caught up in {full_s:.1f} s; GUI gaps p99 {pct(catch_gaps, 99):.0f} ms")

    for tab in (window.production_tab, window.dashboard_tab, window.audit_tab):
        window.tabs.setCurrentWidget(tab)
        pump(0.5)
    diagnostics["follow"] = phase_follow(folder, ctx, window, share, params, metrics)
    measure_tabs(window, params, metrics, diagnostics)
    metrics["view_rss_mb"] = round(_rss_mb(), 1)
    log(f"    rss {metrics['view_rss_mb']:.0f} MB")
    if with_insights:
        measure_insights(window, params, metrics, diagnostics)
    window.close()
    window.runner.shutdown(60)
    ctx.close()


def phase_follow(folder: Path, ctx, window, share: Path, params: dict,
                 metrics: dict) -> dict[str, Any]:
    """A box registered at a live station → the newest row of the panel's Production tab."""
    from config.constants import Role
    from tests.utils.site.sitekit import RecordingEffects
    from utils.site.folder_store import FolderSiteStore
    from utils.site.folder_transport import FolderTransport
    from utils.site.station_sync import SyncService

    station = _home(folder / "live", share, f"LIVE1-{RUN}", "production")
    station.directory.refresh()
    admin = station.auth.login("ana", ADMIN_PW).session
    # A name of this run's own: the cached site's directory keeps every earlier run's
    # operator, and a username is never used again.
    name = f"op-{RUN}"
    station.auth.create_user(admin, name, "Operator", Role.OPERATOR, "Initial-Pass-1",
                             "benchmark operator")
    station.auth.change_password(name, "Initial-Pass-1", "Operator-Pass-1")
    operator = station.auth.login(name, "Operator-Pass-1").session
    station.production.set_lot(operator, "LIVE-1", 100_000)
    form = {"size": "#0", "rej1_defect": "Furo", "rej1_location": "Cap", "cam_d": "2,5",
            "cam_w": "2,1"}
    service = SyncService(station, transport=FolderTransport(share), store=FolderSiteStore(share),
                          effects=RecordingEffects())
    service.start()
    results: dict[str, Any] = {}
    production = window.production_tab
    window.tabs.setCurrentWidget(production)
    try:
        for mode, watch in (("watcher", True), ("network", False)):
            follower = window.follower
            follower.release()  # restarted in this mode (the panel's own hold)
            follower.watch = watch
            follower.acquire()
            pump(until=lambda: follower.state().phase.value == "following", timeout=600)
            lags = []
            for _ in range(params["follow_samples"]):
                pump(random.uniform(0.2, 0.6))
                started = time.perf_counter()
                record = station.production.register_box(operator, form)
                pump(until=lambda: production.model.rowCount()
                     and production.model.row_data(0).get("record_id") == record.record_id,
                     timeout=60)
                lags.append(time.perf_counter() - started)
            results[mode] = summary(lags)
            log(f"    follow ({mode}): p50 {statistics.median(lags):.2f} s, "
                f"p99 {pct(lags, 99):.2f} s")
        window.follower.watch = True
    finally:
        service.stop("benchmark over")
        station.close()
        shutil.rmtree(share / "stations" / f"LIVE1-{RUN}", ignore_errors=True)
    metrics["follow_lag_p99_s"] = round(results["watcher"]["p99"], 2)
    metrics["follow_lag_p50_s"] = round(results["watcher"]["p50"], 2)
    metrics["follow_lag_network_p99_s"] = round(results["network"]["p99"], 2)
    return results


def measure_tabs(window, params: dict, metrics: dict, diagnostics: dict) -> None:
    dashboard = window.dashboard_tab
    window.tabs.setCurrentWidget(dashboard)
    dashboard.filters.period.setCurrentIndex(dashboard.filters.period.findData(0))

    def refreshed() -> float:
        """refresh() until the new figures are drawn (read on the window's task runner)."""
        pump(until=lambda: not dashboard.reading, timeout=120)
        before = dashboard.figures
        started = time.perf_counter()
        dashboard.refresh()
        pump(until=lambda: dashboard.figures is not before, timeout=120)
        return (time.perf_counter() - started) * 1000

    times = [refreshed() for _ in range(params["runs"])]
    metrics["dashboard_refresh_ms"] = round(statistics.median(times), 1)
    diagnostics["dashboard_ms"] = summary(times)
    dashboard.filters.station.setCurrentIndex(1)
    one = [refreshed() for _ in range(params["runs"])]
    diagnostics["dashboard_one_station_ms"] = summary(one)
    log(f"    dashboard over a year: {metrics['dashboard_refresh_ms']:.0f} ms (one station "
        f"{statistics.median(one):.0f} ms), {dashboard.figures.boxes:,} boxes")

    production = window.production_tab
    window.tabs.setCurrentWidget(production)
    rng = random.Random(7)
    stations = [production.station.itemData(i) for i in range(1, production.station.count())]
    times, rows = [], []
    for _ in range(params["filter_runs"]):
        day = END - timedelta(days=rng.randrange(1, params["days"] - 1))
        start = datetime(day.year, day.month, day.day, 3, tzinfo=timezone.utc)
        production.station.setCurrentIndex(production.station.findData(rng.choice(stations)))
        production.defect.setCurrentIndex(production.defect.findData("Furo"))
        production.set_range(start, start + timedelta(days=1))
        started = time.perf_counter()
        production.refresh()
        production.table.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
        rows.append(production.model.rowCount())
    metrics["production_filter_ms"] = round(statistics.median(times), 1)
    diagnostics["production_filter"] = {"ms": summary(times), "rows": rows}
    production.set_range(END - timedelta(days=7))
    production.station.setCurrentIndex(0)
    production.defect.setCurrentIndex(0)
    started = time.perf_counter()
    production.refresh()
    diagnostics["production_week_all_ms"] = round((time.perf_counter() - started) * 1000, 1)
    log(f"    production filter: {metrics['production_filter_ms']:.0f} ms")


def phase_figures(cache: Path, site: dict, params: dict, metrics: dict,
                  diagnostics: dict) -> None:
    """The dashboard's and the insights' figures alone, headless, on an office PC whose view
    was caught up once and is kept in the cache per view format (catching up is measured by
    the other phases; this one is for working on the figures)."""
    from data.view_schema import VIEW_FORMAT
    from utils import dashboard_figures
    from utils.context import AppContext

    home = cache / f"figures-home-v{CACHE_FORMAT}-{params['days']}d-view{VIEW_FORMAT}"
    if (home / "caught-up").exists():
        log(f"    cached view {home}")
        ctx = AppContext.open(home)
    else:
        shutil.rmtree(home, ignore_errors=True)
        ctx = _home(home, Path(site["share"]), f"figures-{RUN}", "office")
        started = time.perf_counter()
        assert ctx.view_follower.catch_up_now()
        seconds = time.perf_counter() - started
        with ctx.site_view.database.read() as connection:
            taken = connection.exec_driver_sql(
                "SELECT coalesce(sum(events), 0) FROM view_sources WHERE kind = 'journal'"
            ).scalar()
        log(f"    view caught up in {seconds:.0f} s ({taken / seconds:,.0f} events/s)")
        # The same cold ingest as the catchup phase (an office PC, an empty view): recorded
        # when this run made it, so a run of this phase alone still gives the rate.
        metrics.setdefault("catchup_events_per_s", round(taken / seconds))
        diagnostics["figures_catchup"] = {"seconds": round(seconds, 1), "events": taken,
                                          "loadavg_after": list(os.getloadavg())}
        (home / "caught-up").write_text("")
    try:
        times = []
        for _ in range(params["runs"]):
            began = time.perf_counter()
            dashboard_figures.dashboard(ctx.site_view, None, END, None, bands=ctx.catalog.bands,
                                timezone=ctx.timezone)
            times.append((time.perf_counter() - began) * 1000)
        metrics["dashboard_figures_ms"] = round(statistics.median(times), 1)
        diagnostics["dashboard_figures_ms"] = summary(times)
        log(f"    dashboard figures over everything: {statistics.median(times):.0f} ms")
        measure_insights(ctx, params, metrics, diagnostics)
        measure_insights_shown(ctx, params, metrics, diagnostics)
    finally:
        ctx.close()


def measure_insights_shown(ctx, params: dict, metrics: dict, diagnostics: dict) -> None:
    """The GUI thread's part of a refresh of the Insights tab (offscreen, 1366x700): a new
    result put on screen (the summary table, the site's details and recommendations, which a
    refresh rebuilds since the site's figures are new objects each time)."""
    from PySide6.QtWidgets import QApplication

    from gui.admin import wiring
    from gui.admin.insights_tab import InsightsTab
    from gui.app import make_application
    from utils import insights

    make_application([])
    tab = InsightsTab(wiring.site_now(ctx), ctx.site_view)  # computes at once (no runner)
    try:
        tab.resize(1366, 700)
        tab.show()
        QApplication.processEvents()
        times = []
        for _ in range(params["runs"]):
            computed = insights.site_insights(ctx.site_view, None, bands=tab.bands)
            began = time.perf_counter()
            tab._show(computed)  # what the tab does with a background computation's result
            QApplication.processEvents()
            times.append((time.perf_counter() - began) * 1000)
        metrics["insights_shown_ms"] = round(statistics.median(times), 1)
        diagnostics["insights_shown_ms"] = summary(times)
        log(f"    insights result shown (GUI thread): {statistics.median(times):.0f} ms")
    finally:
        tab.timer.stop()
        tab.close()
        tab.deleteLater()
        QApplication.processEvents()


def measure_insights(window_or_ctx, params: dict, metrics: dict, diagnostics: dict) -> None:
    """The Insights tab's computation (insights.site_insights over the view's sums), then
    opening the records behind a number (the site's top defect, at most ROWS_LIMIT)."""
    from utils import insights

    ctx = getattr(window_or_ctx, "ctx", window_or_ctx)
    view = ctx.site_view
    results = {}
    computed = []
    for name, days, runs in (("year", None, params["insights_runs"]), ("30_days", 30, 5)):
        start = None if days is None else END - timedelta(days=days)
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            computed = insights.site_insights(view, start, bands=ctx.catalog.bands)
            times.append((time.perf_counter() - began) * 1000)
        results[name] = {**summary(times), "records": computed[0].boxes if computed else 0}
        log(f"    insights over {name}: {statistics.median(times):.0f} ms, "
            f"{results[name]['records']:,} records")
    site = insights.site_insights(view, None, bands=ctx.catalog.bands)[0]
    times = []
    for _ in range(3):
        began = time.perf_counter()
        rows, _complete = insights.rows_behind(view, site.top_defects[0].rows)
        times.append((time.perf_counter() - began) * 1000)
    results["rows_behind_top_defect"] = {**summary(times), "rows": len(rows)}
    log(f"    rows behind the site's top defect: {statistics.median(times):.0f} ms, "
        f"{len(rows):,} rows")
    # Refreshed as records arrive (the tab while shown on a live plant): LiveInsights told
    # which stations changed reads and computes those again and the site from every
    # station's sums. The cost does not depend on what the records are, so no record is
    # written into the cached view: the stations are named changed as a box would.
    live = insights.LiveInsights()
    kept = live.compute(view, changed=None, bands=ctx.catalog.bands)
    names = [insight.station for insight in kept if insight.station is not None]
    for label, count in (("live_one_station", 1), ("live_ten_stations", 10)):
        times = []
        for run in range(params["insights_runs"]):
            changed = {names[(run * 37 + k * 19) % len(names)] for k in range(count)}
            began = time.perf_counter()
            refreshed = live.compute(view, changed=changed, bands=ctx.catalog.bands)
            times.append((time.perf_counter() - began) * 1000)
        results[label] = {**summary(times), "reused": live.reused}
        log(f"    insights refreshed after {count} station(s) changed: "
            f"{statistics.median(times):.0f} ms ({live.reused} stations reused)")
    # The refresh equals a computation from scratch (tests/utils/test_insights_live.py checks
    # it on real changes; here on the year's figures once).
    results["live_equals_full"] = refreshed == insights.site_insights(view, None,
                                                                      bands=ctx.catalog.bands)
    log(f"    refreshed figures equal a computation from scratch: {results['live_equals_full']}")
    metrics["insights_live_refresh_ms"] = round(results["live_one_station"]["p50"], 1)
    metrics["insights_live_ten_ms"] = round(results["live_ten_stations"]["p50"], 1)
    metrics["insights_refresh_ms"] = round(results["year"]["p50"], 1)
    metrics["insights_30_days_ms"] = round(results["30_days"]["p50"], 1)
    metrics["insights_rows_ms"] = round(results["rows_behind_top_defect"]["p50"], 1)
    metrics["insights_peak_rss_mb"] = round(_rss_mb(peak=True), 1)
    diagnostics["insights"] = results


def _rss_mb(peak: bool = False) -> float:
    if peak:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    import psutil

    return psutil.Process().memory_info().rss / 2 ** 20


# -- report --------------------------------------------------------------------------------------

def print_table(metrics: dict, passed: dict) -> None:
    def fmt(value: Any, spec: str) -> str:
        return "n/a" if value is None or value != value else format(value, spec)

    rows = [("catchup_events_per_s", ",.0f"), ("catchup_full_s", ".1f"),
            ("first_progress_s", ".2f"), ("panel_shown_s", ".2f"),
            ("catchup_gui_gap_p99_ms", ".0f"), ("follow_lag_p99_s", ".2f"),
            ("follow_lag_network_p99_s", ".2f"), ("dashboard_refresh_ms", ".0f"),
            ("insights_refresh_ms", ",.0f"), ("insights_30_days_ms", ",.0f"),
            ("insights_rows_ms", ",.0f"), ("insights_live_refresh_ms", ",.0f"),
            ("insights_live_ten_ms", ",.0f"), ("insights_shown_ms", ",.0f"),
            ("dashboard_figures_ms", ".0f"), ("production_filter_ms", ".1f"),
            ("view_rss_mb", ".0f"),
            ("insights_peak_rss_mb", ".0f")]
    print(f"{'metric':<28} {'value':>14} {'target':>12}  result")
    for name, spec in rows:
        target = TARGETS.get(name)
        verdict = passed.get(name)
        print(f"{name:<28} {fmt(metrics.get(name), spec):>14} "
              f"{'' if target is None else TARGET_OPS[name] + ' ' + format(target, ',g'):>12}  "
              f"{'' if verdict is None else ('pass' if verdict else 'MISS')}")


def methods(params: dict, site: dict) -> dict[str, str]:
    return {
        "site": f"{site.get('stations')} stations x {site.get('days')} days x "
                f"{BOXES_PER_DAY} boxes/day: {site.get('records', 0):,} records, "
                f"{site.get('events', 0):,} events (utils/site/synthetic.py; sealed journals "
                f"by JournalWriter, a seal every 3 events); journals "
                f"{site.get('journal_bytes', 0):,} bytes",
        "catchup_events_per_s": "ViewFollower.catch_up_now() on an office PC with an empty view",
        "catchup_full_s": "AdminWindow (offscreen, 1366x768) on a production PC with an empty "
                          "view, from construction until the follower's phase is 'following'",
        "follow_lag": f"{params['follow_samples']} boxes at a station with its real SyncService;"
                      " register_box until the box is row 0 of the panel's Production tab",
        "dashboard_refresh_ms": "DashboardTab.refresh() until drawn (read on the window's "
                                "task runner), period 'Everything', all stations",
        "insights_refresh_ms": "insights.site_insights(view) over the year, from the view's sums "
                               "(what the Insights tab computes in the background when it "
                               "opens, a filter changes or Refresh is pressed); "
                               "insights_live_refresh_ms / insights_live_ten_ms: "
                               "LiveInsights.compute over the year after 1 / 10 stations' "
                               "records changed (what the tab does as records arrive); "
                               "insights_shown_ms: the tab putting a new result on "
                               "screen (GUI thread, offscreen 1366x700, the site selected); "
                               "insights_rows_ms: insights.rows_behind of the site's top "
                               "defect (at most 5,000 rows)",
        "production_filter_ms": "ProductionTab.refresh() + repaint: one station, one day, "
                                "defect Furo",
        "view_rss_mb": "psutil RSS of this process, panel open, tabs visited, before insights",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="one tenth of the year (about 1 M events)")
    parser.add_argument("--json", required=True, type=Path, help="where to write the results")
    parser.add_argument("--phases", default="catchup,panel,insights",
                        help="comma-separated subset of catchup,panel,insights,figures "
                             "(insights needs panel; figures: the dashboard's and the "
                             "insights' figures alone, headless, on a view kept in the cache)")
    parser.add_argument("--cache-dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "shopfloor-bench-site-cache",
                        help="where the synthetic site is kept between runs")
    parser.add_argument("--dir", type=Path, default=None,
                        help="parent folder for the temporary files (default: system temp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    args = parser.parse_args(argv)
    params: dict[str, Any] = dict(QUICK if args.quick else FULL, quick=args.quick,
                                  stations=STATIONS, boxes_per_day=BOXES_PER_DAY)
    phases = {p.strip() for p in args.phases.split(",") if p.strip()}
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    _fast_accounts()
    folder = Path(tempfile.mkdtemp(prefix="bench-site-view-", dir=args.dir))
    started = time.perf_counter()
    metrics: dict[str, Any] = {}
    diagnostics: dict[str, Any] = {"phase_s": {}}
    site: dict[str, Any] = {}
    try:
        log(f"[site] {STATIONS} stations, {params['days']} days")
        site = build_site(args.cache_dir, params)
        diagnostics["site"] = site
        if "catchup" in phases:
            log("[catchup] cold ingest into an empty view")
            t0 = time.perf_counter()
            catchup = phase_catchup(folder, site)
            diagnostics["phase_s"]["catchup"] = round(time.perf_counter() - t0, 1)
            diagnostics["catchup"] = catchup
            metrics["catchup_events_per_s"] = catchup["events_per_s"]
            metrics["view_bytes_per_event"] = catchup["view_bytes_per_event"]
            log(f"    {catchup['events']:,} events in {catchup['seconds']:.1f} s: "
                f"{catchup['events_per_s']:,}/s; view {catchup['view_bytes'] / 2**20:,.0f} MB")
        if "panel" in phases:
            log("[panel] a production PC opens the admin panel for the first time")
            t0 = time.perf_counter()
            phase_panel(folder, site, params, metrics, diagnostics,
                        with_insights="insights" in phases)
            diagnostics["phase_s"]["panel"] = round(time.perf_counter() - t0, 1)
        if "figures" in phases:
            log("[figures] dashboard and insights figures on a cached caught-up view")
            t0 = time.perf_counter()
            phase_figures(args.cache_dir, site, params, metrics, diagnostics)
            diagnostics["phase_s"]["figures"] = round(time.perf_counter() - t0, 1)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    params["cache_dir"] = str(args.cache_dir)
    return benchkit.write_report(
        args, metrics=metrics, targets=TARGETS, target_ops=TARGET_OPS, params=params,
        methods=methods(params, site), diagnostics=diagnostics,
        machine=benchkit.machine_info(folder.parent), phases=phases, folder=folder,
        load_before=load_before, elapsed=time.perf_counter() - started,
        print_table=print_table, quick_note="one tenth of the year: about 1 M events")


if __name__ == "__main__":
    sys.exit(main())
