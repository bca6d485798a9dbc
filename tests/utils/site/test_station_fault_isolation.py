"""A fault of the program (a bug, a hostile value no check expected) while one station is
verified, or while this PC's own chain is taken into the site view, stops only that one: the
whole site's verify names it "not verified" (never intact, never tampered with a kind it did
not find) and verifies every other station; `ingest` names this PC's chain stuck (as the
follower names a station whose journal raised) and reads every station's journal on. The
traceback is logged once, at ERROR.

The fault is made by the one internal seam each path reads through (the store's journal
reading, the view's writer) raising for one station only: the point is a bug's containment."""

from __future__ import annotations

import json
import logging
import threading

import pytest

from cli.cmd_verify_audit import show
from data.view_store import ViewWriter
from utils.site.folder_store import FolderSiteStore
from utils.site.journal import JournalWriter
from utils.site.view_follower import Phase, ViewFollower
from utils.site.view_state import NOT_STORED

from tests.utils.site.memberkit import MemberStation, record_ids
from tests.utils.site.sitekit import site_layout, wait_until

STATIONS = ("205", "206", "207")


@pytest.fixture
def stations(site, tmp_path, closing):
    made = {station_id: MemberStation(site, tmp_path, station_id) for station_id in STATIONS}
    closing.extend(station.ctx for station in made.values())
    for station in made.values():
        station.boxes(1)
    # The admin's own journal on the share too, as its sync exports it: its station is then
    # read as a journal as well (and read fine, which must not clear its own chain's fault).
    admin = site.admin
    JournalWriter(admin.database, site_layout(site.share).station(admin.station_id).ensure(),
                  admin.anchor, admin.trust.pc_key).sync()
    return made


def _errors(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


# -- verify ---------------------------------------------------------------------------------------

@pytest.fixture
def reading_206_fails(monkeypatch):
    """Reading station 206's journal raises what no refusal expects, while the event is set."""
    read = FolderSiteStore.read_journal
    fault = threading.Event()
    fault.set()

    def failing(store, station_id, chain, **options):
        if station_id == "206" and fault.is_set():
            raise RuntimeError("a fault reading 206")
        return read(store, station_id, chain, **options)

    monkeypatch.setattr(FolderSiteStore, "read_journal", failing)
    return fault


def test_a_fault_verifying_one_station_names_it_and_verifies_every_other(
        site, stations, reading_206_fails, caplog, capsys):
    view = site.admin.site_view
    reading_206_fails.clear()
    view.ingest()  # what the view took is a witness too
    reading_206_fails.set()
    with caplog.at_level(logging.WARNING):
        results = view.verify_site()
    by_station = {r.station: r for r in results}
    assert {"205", "206", "207", "office1"} <= set(by_station)
    assert all(by_station[s].ok and by_station[s].events_checked for s in ("205", "207"))
    faulty = by_station["206"]
    assert (faulty.ok, faulty.kind, faulty.cancelled) == (False, None, False)
    assert "RuntimeError: a fault reading 206" in faulty.detail
    assert "nothing is known about its journal" in faulty.detail
    errors = _errors(caplog)
    assert len(errors) == 1 and errors[0].exc_info is not None  # once, with its traceback
    assert "206" in errors[0].getMessage()
    # What `shopfloor verify-audit --site` says of it: not intact (exit 1), in plain words.
    assert show(results, as_json=False) is False
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("station 206: could NOT be verified: checking this station "
                               "stopped with a fault of the program") for line in lines)
    assert "station 205: intact, " in "\n".join(lines)
    assert show(results, as_json=True) is False
    assert json.loads(capsys.readouterr().out)["ok"] is False
    # The fault gone (a fixed program), the station verifies again.
    reading_206_fails.clear()
    assert view.verify_station("206").ok


# -- this PC's own chain into the view ------------------------------------------------------------

@pytest.fixture
def storing_local_fails(monkeypatch):
    """Storing a batch of this PC's own chain (the admin's, office1) raises, while set."""
    store = ViewWriter.store
    fault = threading.Event()
    fault.set()

    def failing(writer, batch):
        if batch.kind == "local" and fault.is_set():
            raise RuntimeError("a fault storing this PC's chain")
        return store(writer, batch)

    monkeypatch.setattr(ViewWriter, "store", failing)
    return fault


def _local_seq(view, station_id: str) -> int:
    with view.database.read() as connection:
        return connection.exec_driver_sql(
            "SELECT coalesce(max(seq), 0) FROM view_events WHERE station = ?",
            (station_id,)).scalar()


def test_a_fault_taking_this_pcs_chain_stops_only_that_chain(site, stations,
                                                             storing_local_fails, caplog):
    view = site.admin.site_view
    own = site.admin.station_id
    with caplog.at_level(logging.WARNING):
        reports = view.ingest()
        view.ingest()  # a second pass: tried again, not logged again
    assert sorted(r.station for r in reports if r.ingested) == sorted(STATIONS)
    for station_id in STATIONS:
        assert record_ids(view, station_id)
    stuck = view.stuck[own]
    assert (stuck.kind, stuck.seq) == (NOT_STORED, _local_seq(view, own) + 1)
    assert "RuntimeError: a fault storing this PC's chain" in stuck.detail
    errors = _errors(caplog)
    assert len(errors) == 1 and errors[0].exc_info is not None
    assert own in errors[0].getMessage()
    # The GUI thread's call (a tab's Apply) gets no exception either.
    assert view.ingest_local(wait=False) == 0
    # The fault gone, the chain is taken and no longer named.
    storing_local_fails.clear()
    assert view.ingest_local() > 0
    assert own not in view.stuck


def test_the_follower_reads_every_station_with_this_pcs_chain_stuck(
        site, stations, storing_local_fails, closing, caplog):
    view = site.admin.site_view
    follower = ViewFollower(view, rescan_s=0.02)
    closing.append(follower)
    with caplog.at_level(logging.WARNING):
        follower.acquire()
        wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
        after = set(stations["206"].boxes(1))
        follower.wake()
        wait_until(lambda: after <= record_ids(view, "206"), timeout=20)
        passes = follower.passes
        wait_until(lambda: follower.passes > passes + 3, timeout=20)
    own = site.admin.station_id
    assert [(b.station, b.kind) for b in follower.state().broken] == [(own, NOT_STORED)]
    assert len(_errors(caplog)) == 1


def test_a_station_stuck_on_a_fault_is_no_longer_named_once_its_folder_is_gone(
        site, stations, reading_206_fails, caplog):
    """A station that left the share (its folder removed, as a retired PC's is) stops being
    named stuck: before, the panel kept listing it broken until the program restarted."""
    import shutil

    view = site.admin.site_view
    with caplog.at_level(logging.WARNING):
        view.ingest()
    assert set(view.stuck) == {"206"}
    shutil.rmtree(site_layout(site.share).station("206").folder)
    view.ingest()
    assert view.stuck == {}
    assert record_ids(view, "205") and record_ids(view, "207")


def test_a_refused_listing_of_stations_does_not_count_as_every_station_leaving(
        site, stations, reading_206_fails, caplog):
    """`stations/` replaced by a link lists nothing (refused): the stuck station is still
    named, not forgotten and its traceback logged again when the folder is back."""
    import os

    view = site.admin.site_view
    with caplog.at_level(logging.WARNING):
        view.ingest()
        assert set(view.stuck) == {"206"}
        folder = site_layout(site.share).stations_dir
        away = folder.with_name("stations-away")
        os.rename(folder, away)
        os.symlink(away, folder)
        try:
            view.ingest()
        except OSError:
            pass  # (said as the share's refusal: not this test's point)
        assert set(view.stuck) == {"206"}
        folder.unlink()
        os.rename(away, folder)
        view.ingest()
    assert set(view.stuck) == {"206"}
    assert len(_errors(caplog)) == 1  # the traceback once, not again after the folder's return
