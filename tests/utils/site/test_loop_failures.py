"""A sync loop whose passes fail one after another (this PC's database unreadable, a bug) writes
its traceback once and waits longer after each failed pass, instead of spinning a core and
logging thousands of tracebacks a second; a pass that succeeds again says so and the loop
goes back to its pace."""

from __future__ import annotations

import logging
import threading
import time

import sqlalchemy.exc

from tests.utils.site.sitekit import start_sync, wait_until


def test_failing_passes_back_off_and_log_their_traceback_once(site, tmp_path, caplog):
    station = site.station(tmp_path, "206")
    service = start_sync(station)
    calls: list[float] = []
    failing = threading.Event()
    failing.set()
    real_tick = service.scheduler.tick

    def tick(**options):
        if failing.is_set():
            calls.append(time.monotonic())
            raise sqlalchemy.exc.OperationalError("SELECT", {}, Exception("disk I/O error"))
        return real_tick(**options)

    caplog.set_level(logging.INFO, logger="utils.site.scheduler")
    try:
        service.scheduler.tick = tick
        service.scheduler.wake_event.set()
        # Woken all the time meanwhile (a flooded inbox, commits): the waits hold all the same.
        wait_until(lambda: (service.scheduler.wake_event.set() or len(calls) >= 5), timeout=30)
        # Waits of 0.1, 0.2, 0.4 and 0.8 s between the five: a lower bound only.
        assert calls[4] - calls[0] >= 1.0
        tracebacks = [r for r in caplog.records if r.exc_info]
        assert len(tracebacks) == 1 and tracebacks[0].getMessage() == "Sync loop iteration failed"
        failing.clear()
        wait_until(lambda: any("a pass succeeded again after" in r.getMessage()
                               for r in caplog.records), timeout=30)
    finally:
        service.stop()
        station.close()
