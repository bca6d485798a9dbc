"""The follower keeps the site view current while someone needs it: it catches up with every
station's journal in time order with progress, follows new batches, says when the share is
away and resumes without duplicates, and stops (its thread joined) when the last user lets go."""

from __future__ import annotations

import os
import threading

import pytest

from config.constants import Role
from data import view_repo
from utils.site.journal import JournalWriter
from utils.site.layout import SiteLayout
from utils.site.view_follower import Phase, ViewFollower

from tests.utils.site.sitekit import ADMIN_PW, make_site, use_fast_kdf, wait_until

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}


@pytest.fixture
def plant(site, tmp_path):
    """Two production stations with boxes in their journals (206's before 207's)."""
    admin_session = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin_session, "op", "Op", Role.OPERATOR, "Initial-Pass-1",
                                "operator of the test plant")
    stations, writers, operators = {}, {}, {}
    for station_id in ("206", "207"):
        ctx = site.station(tmp_path, station_id)
        ctx.directory.refresh()
        operators[station_id] = ctx.auth.login("op", "Initial-Pass-1").session
        ctx.production.set_lot(operators[station_id], f"L{station_id}", 500)
        stations[station_id] = ctx
        writers[station_id] = JournalWriter(ctx.database, SiteLayout(site.share)
                                            .station(station_id).ensure(), ctx.anchor,
                                            ctx.trust.pc_key)
    yield site, stations, writers, operators
    for ctx in stations.values():
        ctx.close()


def _boxes(stations, writers, operators, station_id, count):
    for _ in range(count):
        stations[station_id].production.register_box(operators[station_id], FORM)
    while writers[station_id].sync():
        pass


def _journal_events(view):
    with view.database.read() as connection:
        rows = connection.exec_driver_sql(
            "SELECT station, seq FROM view_events WHERE station IN ('206', '207')").all()
    return rows


def test_catch_up_in_time_order_then_follow_then_stop(plant):
    site, stations, writers, operators = plant
    _boxes(stations, writers, operators, "206", 12)
    _boxes(stations, writers, operators, "207", 12)
    view = site.admin.site_view
    follower = ViewFollower(view, rescan_s=0.05, chunk_events=4)
    states, order = [], []
    follower.add_state_listener(states.append)
    view.add_listener(lambda change: order.extend(sorted(change.stations)))
    follower.acquire()
    try:
        wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
        catching = [s for s in states if s.phase == Phase.CATCHING_UP]
        assert catching and catching[0].progress == 0.0
        progress = [s.progress for s in catching]
        assert progress == sorted(progress) and follower.state().checked_at is not None
        fronts = [s.complete_up_to for s in catching if s.complete_up_to is not None]
        assert fronts == sorted(fronts)  # "showing data up to" only moves forward
        # 206's boxes are older: its records come in before 207's.
        assert order.index("206") < order.index("207")
        expected = {(sid, seq) for sid, ctx in stations.items()
                    for seq in range(1, writers[sid].last_exported_seq + 1)}
        assert set(_journal_events(view)) == expected

        _boxes(stations, writers, operators, "207", 1)  # followed while it runs
        wait_until(lambda: len(_journal_events(view)) > len(expected), timeout=10)
    finally:
        follower.release()
    assert not follower.running and follower.state().phase == Phase.STOPPED
    assert not [t for t in threading.enumerate() if t.name.startswith("shopfloor-site-view")]


def test_an_idle_pc_reads_nothing_until_someone_needs_the_view(plant):
    site, stations, writers, operators = plant
    _boxes(stations, writers, operators, "206", 3)
    view = site.admin.site_view
    follower = ViewFollower(view, rescan_s=0.05)
    follower.acquire()
    follower.acquire()  # the panel and the sync service
    wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
    follower.release()
    assert follower.running  # one user left
    follower.release()
    assert not follower.running
    _boxes(stations, writers, operators, "206", 2)
    passes = follower.passes
    threading.Event().wait(0.2)  # a stopped follower: nothing to wait for, nothing happens
    assert follower.passes == passes
    with view.database.read() as connection:
        assert view_repo.source(connection, "206")["last_seq"] < writers["206"].last_exported_seq


def test_catch_up_survives_the_share_going_away_and_resumes_without_duplicates(plant, tmp_path):
    site, stations, writers, operators = plant
    _boxes(stations, writers, operators, "206", 15)
    _boxes(stations, writers, operators, "207", 15)
    away = tmp_path / "share-away"
    view = site.admin.site_view
    # A transaction per batch: the share vanishes after the first one is committed.
    follower = ViewFollower(view, rescan_s=0.05, chunk_events=5, group_events=1)
    gone = threading.Event()

    def pull_the_cable(change) -> None:
        if change.stations & {"206", "207"} and not gone.is_set():
            gone.set()
            os.rename(site.share, away)  # the share vanishes in the middle of catching up

    view.add_listener(pull_the_cable)
    follower.acquire()
    try:
        wait_until(lambda: follower.state().phase == Phase.OFFLINE, timeout=20)
        assert follower.state().offline_since is not None
        partial = len(_journal_events(view))
        expected = sum(w.last_exported_seq for w in writers.values())
        assert 0 < partial < expected
        os.rename(away, site.share)  # back
        follower.wake()
        wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
        rows = _journal_events(view)
        assert len(rows) == len(set(rows)) == expected
    finally:
        follower.release()


def test_while_the_share_stays_away_the_view_keeps_saying_since_when(plant, tmp_path, caplog,
                                                                     monkeypatch):
    """A catch-up retried every rescan while the share is away says "unreachable since" with
    the time it went away, once: not a new time, a flicker to "catching up" and a warning on
    every retry."""
    from utils.clock import ManualClock

    site, stations, writers, operators = plant
    _boxes(stations, writers, operators, "206", 3)
    away = tmp_path / "share-away"
    os.rename(site.share, away)
    view = site.admin.site_view
    tries = []
    check = view.store.check
    monkeypatch.setattr(view.store, "check", lambda: (tries.append(1), check())[1])
    clock = ManualClock()
    follower = ViewFollower(view, clock=clock, rescan_s=0.02)
    states = []
    follower.add_state_listener(states.append)
    caplog.set_level("WARNING", logger="utils.site.view_follower")
    follower.acquire()
    try:
        wait_until(lambda: follower.state().phase == Phase.OFFLINE, timeout=20)
        since = follower.state().offline_since
        for _ in range(5):  # five more retries, a minute apart on the injected clock
            done = len(tries)
            clock.advance(minutes=1)
            follower.wake()
            wait_until(lambda: len(tries) > done, timeout=20)
        state = follower.state()
        assert state.phase == Phase.OFFLINE and state.offline_since == since
        first_offline = next(i for i, s in enumerate(states) if s.phase == Phase.OFFLINE)
        assert all(s.phase == Phase.OFFLINE for s in states[first_offline:])
        warnings = [r for r in caplog.records if "cannot be read" in r.getMessage()]
        assert len(warnings) == 1
        os.rename(away, site.share)  # back: caught up, and no longer "unreachable"
        follower.wake()
        wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
        assert follower.state().offline_since is None
    finally:
        follower.release()
        if away.exists():
            os.rename(away, site.share)


def test_a_link_in_place_of_the_stations_folder_is_said_never_live(plant, tmp_path):
    """A link planted in place of the share's `stations` folder hides every journal: the view
    says it was refused (offline, naming the folder), never "live: every journal read"; put
    right, it follows again."""
    site, stations, writers, operators = plant
    _boxes(stations, writers, operators, "206", 2)
    folder = site.share / "stations"
    elsewhere = tmp_path / "stations-elsewhere"
    os.rename(folder, elsewhere)
    os.symlink(elsewhere, folder)
    follower = ViewFollower(site.admin.site_view, rescan_s=0.02)
    follower.acquire()
    try:
        wait_until(lambda: follower.state().phase == Phase.OFFLINE, timeout=20)
        assert follower.state().refused == f"{site.share}/stations"
        folder.unlink()
        os.rename(elsewhere, folder)
        follower.wake()
        wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
        assert follower.state().refused is None and follower.state().offline_since is None
        assert {station for station, _seq in _journal_events(site.admin.site_view)} == {"206"}
    finally:
        follower.release()


def test_the_gui_thread_takes_a_bounded_part_of_this_pcs_own_backlog(tmp_path, monkeypatch):
    """A tab's Apply takes this PC's own new events itself, but at most GUI_LOCAL_EVENTS of
    them: a long backlog (the first opening on a PC with a long chain) is the follower's."""
    from utils.audit.chain import Actor
    from utils.site.site_ingest import GUI_LOCAL_EVENTS

    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    try:
        view = site.admin.site_view
        view.ingest_local()
        with site.admin.database.write() as connection:
            for n in range(GUI_LOCAL_EVENTS * 2 + 500):
                site.admin.audit.append(connection, Actor("ana", "admin"), "bench.event",
                                        entity="test", entity_id=str(n))
        assert view.ingest_local(wait=False, max_events=GUI_LOCAL_EVENTS) == GUI_LOCAL_EVENTS
        assert view.ingest_local() == GUI_LOCAL_EVENTS + 500  # the rest, in one pass
    finally:
        site.admin.close()


def _indexes(view) -> set[str]:
    with view.database.read() as connection:
        return {row[0] for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}


def _contents(view) -> dict[str, list]:
    """What a reader sees of a view: its tables' rows (the events without their arrival ids,
    the sources without their numbers and times)."""
    tables = {"view_events": "station, seq, ts, action, hash, body",
              "view_record_versions": "*", "view_records": "*", "agg_counts": "*",
              "agg_defects": "*", "agg_insight": "*", "agg_insight_defects": "*",
              "agg_insight_weeks": "*", "agg_runs": "*",
              "view_sources": "source, segment, \"offset\", last_seq, last_hash, events"}
    with view.database.read() as connection:
        return {table: sorted(tuple(row) for row in connection.exec_driver_sql(
            f"SELECT {columns} FROM {table}")) for table, columns in tables.items()}


def test_a_cold_catch_up_stopped_midway_and_resumed_is_the_view_of_one_run(plant, tmp_path):
    """An empty view catches up with the indexes only readers need left out (made at the end)
    and in groups of batches; the share vanishing after the first group leaves a view without
    them, which the next catch-up finishes: the same rows as a catch-up in one run."""
    from data.view_db import open_view_database
    from data.view_schema import DEFERRED_INDEXES
    from utils.site.site_view import SiteView

    site, stations, writers, operators = plant
    _boxes(stations, writers, operators, "206", 15)
    _boxes(stations, writers, operators, "207", 15)
    view = site.admin.site_view
    assert set(DEFERRED_INDEXES) <= _indexes(view)
    follower = ViewFollower(view, chunk_events=5, group_events=1)
    away = tmp_path / "share-away"
    commits = []

    def pull_the_cable(change) -> None:
        if change.stations & {"206", "207"}:
            commits.append(change)
            if len(commits) == 1:
                os.rename(site.share, away)

    view.add_listener(pull_the_cable)
    assert not follower.catch_up_now()  # the share went away after the first group
    view.remove_listener(pull_the_cable)
    assert 0 < len(_journal_events(view)) < sum(w.last_exported_seq for w in writers.values())
    assert not set(DEFERRED_INDEXES) & _indexes(view)  # still left out
    os.rename(away, site.share)
    assert follower.catch_up_now()
    assert set(DEFERRED_INDEXES) <= _indexes(view)

    other = SiteView(site.admin, database=open_view_database(tmp_path / "one-run.sqlite3"))
    try:
        assert ViewFollower(other).catch_up_now()
        assert set(DEFERRED_INDEXES) <= _indexes(other)
        resumed, one_run = _contents(view), _contents(other)
        assert resumed["view_events"] and resumed["agg_counts"] and resumed["view_records"]
        assert resumed == one_run
    finally:
        other.close()
        other.database.dispose()


def test_a_group_is_committed_whole_and_told_once(plant):
    """Batches stored in a group are seen by a reader together, at its commit, and the
    listeners hear of them then (never of rows a reader cannot see yet)."""
    site, stations, writers, operators = plant
    _boxes(stations, writers, operators, "206", 6)
    view = site.admin.site_view
    seen = []
    view.add_listener(lambda change: seen.append((change.events, len(_journal_events(view)))))
    with view.grouped(max_events=10_000):
        report = view.ingest_station("206", max_events=None)
        assert report.ingested == writers["206"].last_exported_seq
        assert _journal_events(view) == [] and seen == []  # nothing committed yet
    assert seen == [(report.ingested, report.ingested)]


def test_memory_is_given_back_after_a_catch_up_that_read_not_on_each_retry(plant, tmp_path,
                                                                           monkeypatch):
    """A catch-up that read journals gives the allocator's freed memory back (utils/heap.py);
    while the share is away the follower retries every rescan and reads nothing: no trim
    each time (it walks every arena of a process that may hold hundreds of MB)."""
    import utils.site.view_follower as view_follower

    site, stations, writers, operators = plant
    _boxes(stations, writers, operators, "206", 3)
    trims: list[bool] = []

    def counted() -> bool:  # the real trim, counted
        trims.append(real())
        return trims[-1]

    real = view_follower.give_back_freed_memory
    monkeypatch.setattr(view_follower, "give_back_freed_memory", counted)
    away = tmp_path / "share-away"
    os.rename(site.share, away)  # away before the panel opens
    view = site.admin.site_view
    attempts: list[int] = []
    check = view.store.check  # each catch-up begins by checking the share is there
    monkeypatch.setattr(view.store, "check", lambda: (attempts.append(1), check())[1])
    follower = ViewFollower(view, rescan_s=0.02)
    follower.acquire()
    try:
        wait_until(lambda: len(attempts) >= 4, timeout=20)  # tried again and again, offline
        assert follower.state().phase == Phase.OFFLINE
        assert trims == []
        os.rename(away, site.share)  # back: this catch-up reads 206's journal
        follower.wake()
        wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
        assert len(trims) == 1
    finally:
        follower.release()


def test_a_journal_that_grows_after_the_catch_up_read_it_is_followed(plant):
    """A station's journal grows after the catch-up has read it to its end but before the
    catch-up is over (a box exported while other stations are still being read): following
    reads the growth. (It once remembered the journal's size at the end of the catch-up, so
    the growth looked already read, and nothing showed it until the station wrote again.)"""
    site, stations, writers, operators = plant
    _boxes(stations, writers, operators, "206", 3)
    view = site.admin.site_view
    follower = ViewFollower(view, rescan_s=0.05, watch=False)
    grown = threading.Event()

    def a_box_meanwhile(change) -> None:  # on the follower's thread, inside the catch-up
        if "206" in change.stations and not grown.is_set():
            grown.set()
            _boxes(stations, writers, operators, "206", 1)

    view.add_listener(a_box_meanwhile)
    follower.acquire()
    try:
        wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
        assert grown.is_set()
        passes = follower.passes
        wait_until(lambda: follower.passes >= passes + 2, timeout=10)  # followed a while
        with view.database.read() as connection:
            assert view_repo.source(connection, "206")["last_seq"] \
                == writers["206"].last_exported_seq
    finally:
        view.remove_listener(a_box_meanwhile)
        follower.release()


def test_reading_up_to_a_time_stops_near_it_not_a_month_later(plant):
    """Catching up reads every station up to a moving time; a reading stops only where a
    checked seal released the events before it. Those anchor seals are every 4,000 events
    when reading to the end, and every HORIZON_ANCHOR_EVENTS when reading up to a time, so a
    round reads about its share of the site and progress moves round by round."""
    import json

    from utils.site.journal_read import JournalEvent
    from utils.site.ports import FIRST_CHAIN
    from utils.site.site_ingest import HORIZON_ANCHOR_EVENTS

    site, stations, writers, operators = plant
    for _ in range(HORIZON_ANCHOR_EVENTS + 150):  # exported box by box, as a station does
        _boxes(stations, writers, operators, "206", 1)
    view = site.admin.site_view
    times = [json.loads(entry.body)["ts"] for entry in view.store.read_journal("206", FIRST_CHAIN)
             if isinstance(entry, JournalEvent)]
    assert len(times) > 50 + HORIZON_ANCHOR_EVENTS + 3 + 50
    until = times[50]
    report = view.ingest_station("206", until=until)
    assert report.more and 50 < report.ingested <= 50 + HORIZON_ANCHOR_EVENTS + 3
    with view.database.read() as connection:
        assert view_repo.source(connection, "206")["last_seq"] == report.ingested
    rest = view.ingest_station("206")  # to the end: the rest, once
    assert not rest.more and report.ingested + rest.ingested == len(times)
