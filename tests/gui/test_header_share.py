"""The header's share status: the time of the last successful sync from the first heartbeat
on (not only after an outage), how far behind the PC is once it stops reaching the share, and
how many of its changes are waiting; a real sync service on a tmp_path share."""

from __future__ import annotations

from datetime import timedelta

import pytest

from utils.site.share_health import ShareState

from tests.gui.conftest import wait_for
from tests.utils.site.sitekit import ADMIN_PW, make_site, use_fast_kdf


@pytest.fixture
def site(tmp_path, monkeypatch):
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    yield site
    site.admin.close()


def test_last_sync_time_from_the_start_then_offline_with_changes_waiting(qtbot, site, tmp_path):
    from gui.app import StationApp, make_application

    station_ctx = site.station(tmp_path, "206")
    make_application([])
    app = StationApp(station_ctx)
    qtbot.addWidget(app.window)
    app.start()
    header = app.window.header
    moved = site.share.with_name("share-unplugged")
    try:
        # The first heartbeat is enough: no outage needed for a time to appear.
        wait_for(lambda: header.share.text().startswith("Share online · synced "), timeout=20)
        assert "waiting" not in header.share.text()
        site.share.rename(moved)  # the network folder goes away
        wait_for(lambda: "offline since" in header.share.text(), timeout=20)
        station_ctx.auth.login("ana", ADMIN_PW)  # a change made while offline (audited)
        wait_for(lambda: "1 change waiting" in header.share.text(), timeout=20)
        moved.rename(site.share)
        wait_for(lambda: header.share.text().startswith("Share online · synced ")
                 and "waiting" not in header.share.text(), timeout=30)
    finally:
        if moved.exists():
            moved.rename(site.share)
        app.stop()
        app.window.allow_close = True
        app.window.close()
        station_ctx.close()


def test_how_far_behind(qtbot, station, clock):
    header = station.window.header
    now = clock.now()
    header.set_share(ShareState(True, None, now - timedelta(seconds=2)))
    assert header.share.text() == "Share online · synced 08:59:58"  # site time (Sao Paulo)
    header.set_share(ShareState(True, None, now - timedelta(minutes=12)))
    assert header.share.text() == "Share online · last sync 08:48 · 12 min behind"
    header.set_share(ShareState(False, now - timedelta(minutes=40), now - timedelta(hours=3)))
    assert header.share.text() == "Share offline since 08:20 · saving on this PC · 3 h behind"
