"""The admin panel sees a command's outcome as soon as the station's ack lands
(gui/admin/fleet_poller.py with utils/site/view_watch.py `AckWatch`), not at its next poll:
two real PCs on a tmp share, real sync threads, a real watcher."""

from __future__ import annotations

import os
import threading
import time

from config.constants import CommandType
from gui.admin.fleet_poller import FleetPoller
from tests.gui.conftest import wait_for
from tests.utils.site.sitekit import admin_session, make_site, start_sync, use_fast_kdf
from utils.site.fleet import FleetMonitor
from utils.site.folder_transport import FolderTransport
from utils.site.layout import SiteLayout


def test_an_ack_reaches_the_panel_long_before_its_next_poll(qtbot, qapp, tmp_path, monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    station = site.station(tmp_path, "206")
    service = start_sync(station)
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    # A poll a minute apart: only the ack watcher can bring the outcome within the bound.
    wait_for(lambda: service.counters["heartbeats"] > 0)
    poller = FleetPoller(fleet, interval_s=60.0)
    frames, finished = [], []
    poller.updated.connect(frames.append)
    poller.commands_finished.connect(finished.extend)
    poller.start()
    try:
        # Station 206 seen online (its folder there): the first frame is the only poll.
        wait_for(lambda: frames and any(v.station_id == "206" and v.status for v in frames[-1]))
        [sent] = fleet.send(admin_session(site), CommandType.PING, ["206"])
        wait_for(lambda: finished, timeout=20)
        assert finished[0]["command_id"] == sent["id"] and finished[0]["state"] == "done"
        assert len(frames) == 1  # no poll came meanwhile: the ack woke the tracking alone
    finally:
        poller.stop()
        service.stop()
        station.close()
        site.admin.close()
    assert not any(t.name == "shopfloor-fleet" for t in threading.enumerate())


def test_a_linked_acks_folder_is_never_watched(tmp_path, monkeypatch):
    """Someone replaced station 206's acks folder by a link to a folder of theirs: the panel
    does not watch through it (its writes would wake the panel at their will); the poll goes
    on reading acks through the share's seam, which refuses the link too."""
    share = tmp_path / "share"
    layout = SiteLayout(share)
    acks = layout.station("206").acks
    acks.parent.mkdir(parents=True)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.symlink(theirs, acks)
    transport = FolderTransport(share)
    assert transport.ack_watch_folder("206") is None
    os.unlink(acks)
    acks.mkdir()
    assert transport.ack_watch_folder("206") == acks
    assert transport.ack_watch_folder("../206") is None  # not a station's name


def test_a_flood_of_files_in_an_acks_folder_cannot_spin_the_panel(qtbot, qapp, tmp_path):
    """Anyone may write into a station's acks folder, and each write wakes the watcher: the
    passes it causes are spaced (ACK_PASS_GAP_S), so the flood costs a bounded rate of
    tracking, and a real ack still shows."""
    from gui.admin.fleet_poller import ACK_PASS_GAP_S

    acks = tmp_path / "acks"
    acks.mkdir()

    class OneFolder:
        def ack_watch_folder(self, station_id: str):
            return acks

    class Fleet:
        transport = OneFolder()
        tracks = 0

        def poll(self):
            return []

        def track(self):
            Fleet.tracks += 1
            return []

        def snapshot(self):
            from tests.gui.test_fleet_refresh import _view

            return [_view("206", 10)]

    poller = FleetPoller(Fleet(), interval_s=60.0)
    frames = []
    poller.updated.connect(frames.append)
    poller.start()
    try:
        wait_for(lambda: frames)
        started = time.monotonic()
        for n in range(3000):  # an attacker's flood: 3,000 "acks" as fast as it can
            (acks / f"{n:08d}.json").write_bytes(b"{}")
        wait_for(lambda: poller.ack_passes > 0)
        elapsed = time.monotonic() - started
        passes = poller.ack_passes
    finally:
        poller.stop()
    # At most one pass per gap over the flood (and one more for the last wake).
    assert 1 <= passes <= elapsed / ACK_PASS_GAP_S + 2, (passes, elapsed)
