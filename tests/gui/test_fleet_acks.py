"""The admin panel sees a command's outcome as soon as the station's ack lands
(gui/admin/fleet_poller.py with utils/site/view_watch.py `AckWatch`), not at its next poll:
two real PCs on a tmp share, real sync threads, a real watcher."""

from __future__ import annotations

import os
import threading

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
