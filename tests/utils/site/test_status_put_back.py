"""A station's own older status (signed with its PC key, from an earlier run) put back on the
share by someone who saved it: no lease. Before, one copy of that file stopped the station
(no status, no acks, no journal export) until a person confirmed a "takeover", blamed on "a
copy of this PC, or a restored backup"; while it ran, put back over its live status, it did
the same. A real copy (tests/utils/site/test_share_faults.py, test_attacks.py) is still
refused."""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime, timedelta, timezone

from utils.clock import ManualClock
from utils.context import AppContext

from tests.utils.site.sitekit import site_layout, start_sync
from tests.waiting import wait_until


def _session_on_share(share, station_id: str) -> str | None:
    try:
        return json.loads(site_layout(share).station(station_id).status.read_bytes())["session_id"]
    except (FileNotFoundError, ValueError, KeyError):
        return None


def _run_once(ctx: AppContext, share) -> bytes:
    """One run of the station's sync until its status is on the share; its status's bytes."""
    service = start_sync(ctx, watch=False)
    try:
        wait_until(lambda: _session_on_share(share, "206") == service.session_id)
        return site_layout(share).station("206").status.read_bytes()
    finally:
        service.stop()


def _put_back(share, saved: bytes, tmp_path) -> None:
    copy = tmp_path / "saved-status.json"
    copy.write_bytes(saved)
    os.replace(copy, site_layout(share).station("206").status)


def _later(home, clock: ManualClock | None = None) -> AppContext:
    """The station's PC started again ten minutes later (the saved status is not fresh)."""
    return AppContext.open(home, clock=clock or ManualClock(datetime.now(timezone.utc)
                                                            + timedelta(minutes=10)))


def test_an_old_status_put_back_before_a_start_does_not_stop_the_station(site, tmp_path,
                                                                         closing, caplog):
    first = site.station(tmp_path, "206")
    saved = _run_once(first, site.share)  # run A
    _run_once(first, site.share)  # run B: its death file names B
    first.close()
    _put_back(site.share, saved, tmp_path)
    caplog.set_level(logging.WARNING, logger="utils.site.standing")
    again = _later(tmp_path / "home-206")
    closing.append(again)
    service = start_sync(again, watch=False)
    closing.append(service)
    assert service.refusal is None
    wait_until(lambda: _session_on_share(site.share, "206") == service.session_id)
    assert any("an old status of this PC" in r.getMessage() for r in caplog.records)


def test_an_old_status_put_back_over_a_running_station_is_written_over(site, tmp_path,
                                                                       closing):
    first = site.station(tmp_path, "206")
    saved = _run_once(first, site.share)  # run A
    _run_once(first, site.share)  # run B: its death file names B, not A
    first.close()
    clock = ManualClock(datetime.now(timezone.utc) + timedelta(minutes=10))
    again = _later(tmp_path / "home-206", clock)
    closing.append(again)
    service = start_sync(again, watch=False)
    closing.append(service)
    wait_until(lambda: _session_on_share(site.share, "206") == service.session_id)
    _put_back(site.share, saved, tmp_path)
    beats = service.counters["heartbeats"]

    def beaten_three_times() -> bool:
        clock.advance(seconds=0.1)  # the station's statuses are due by its clock
        return service.counters["heartbeats"] >= beats + 3

    wait_until(beaten_three_times)
    assert service.refusal is None  # before: "a copy of this PC runs", then a takeover asked
    assert _session_on_share(site.share, "206") == service.session_id
