"""The site file deleted, or a folder, a link or another site's file put in its place, on a
share that holds this site: a running PC writes it back from its verified copy and every PC
carries on without a person. An empty folder (a share not mounted) or another site's share
in the folder's place gets nothing written (utils/site/site_file_keep.py)."""

from __future__ import annotations

import logging
import os

import pytest

from tests.utils.site.sitekit import make_site, site_layout, start_sync, wait_until
from utils.site.fleet import FleetMonitor, Liveness
from utils.site.folder_transport import FolderTransport
from utils.site.site_file_keep import local_copy
from utils.site.site_key import read_site
from utils.site.view_state import Phase

KEEP_LOGGER = "utils.site.site_file_keep"


def _running(site, tmp_path, closing):
    """Station 206 syncing (real threads) and the admin's site view following."""
    station = site.station(tmp_path, "206")
    closing.append(station)
    service = start_sync(station, watch=False)
    closing.append(service)
    follower = site.admin.view_follower
    follower.acquire()
    closing.append(follower)
    wait_until(lambda: service.counters["heartbeats"] > 2, timeout=10)
    wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
    return service, follower


def _is_this_sites_file(layout, site_id: str) -> bool:
    path = layout.site_file
    if path.is_symlink() or not path.is_file():
        return False
    try:
        return read_site(layout.root).site_id == site_id
    except Exception:  # not written whole yet, or not a site file: not back yet
        return False


def _station_online(site) -> bool:
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    return any(view.station_id == "206" and view.liveness == Liveness.ONLINE
               for view in fleet.poll())


@pytest.mark.parametrize("attack", ["rm", "dir", "link"])
def test_the_site_file_removed_or_replaced_is_written_back_and_all_resumes(
        site, tmp_path, closing, caplog, attack):
    caplog.set_level(logging.WARNING, logger=KEEP_LOGGER)
    service, follower = _running(site, tmp_path, closing)
    layout = site_layout(site.share)
    genuine = layout.site_file.read_bytes()
    site_id = read_site(site.share).site_id
    saved = tmp_path / "saved-site.json"
    saved.write_bytes(genuine)
    layout.site_file.unlink()
    if attack == "dir":
        layout.site_file.mkdir()
    elif attack == "link":
        os.symlink(saved, layout.site_file)

    wait_until(lambda: _is_this_sites_file(layout, site_id), timeout=10)
    assert layout.site_file.read_bytes() == genuine
    # Each PC keeps its verified copy beside its membership file (for after a restart too).
    assert local_copy(site.admin.paths.config_dir, site_id).read_bytes() == genuine
    beats = service.counters["heartbeats"]
    wait_until(lambda: service.counters["heartbeats"] > beats + 3, timeout=10)
    wait_until(lambda: service.share_state().online, timeout=10)
    wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
    wait_until(lambda: _station_online(site), timeout=10)
    written = [r for r in caplog.records if r.name == KEEP_LOGGER]
    assert len(written) == 1 and "wrote it back from its verified copy" in \
        written[0].getMessage()
    kept = layout.site_file_quarantine / layout.site_file.name
    if attack == "rm":
        assert not kept.exists()
    else:  # the entry itself was moved aside, never followed: the link still points away
        assert kept.is_symlink() if attack == "link" else kept.is_dir()
        assert saved.read_bytes() == genuine


def test_an_empty_folder_where_the_share_should_be_gets_nothing_written(
        site, tmp_path, closing, caplog):
    """A share not mounted (its mount point an empty folder): the PCs go offline, write
    nothing there, and say the folder is there without a site file (not "not reachable")."""
    caplog.set_level(logging.WARNING)
    service, follower = _running(site, tmp_path, closing)
    away = tmp_path / "share-away"
    os.rename(site.share, away)
    site.share.mkdir()  # the phantom: an empty mount point
    wait_until(lambda: not service.share_state().online, timeout=10)
    wait_until(lambda: follower.state().phase == Phase.OFFLINE, timeout=20)
    with pytest.raises(FileNotFoundError, match="is there but holds no site file"):
        site.admin.transport.check()
    said = [r.getMessage() for r in caplog.records]
    assert any("Site view: the share cannot be read" in message
               and "is there but holds no site file" in message for message in said)
    assert not any("not reachable" in message for message in said)
    # Several refused passes later: still nothing written in the empty folder.
    errors = service.counters["share_errors"]
    wait_until(lambda: service.counters["share_errors"] > errors + 5, timeout=10)
    assert os.listdir(site.share) == []
    assert not any(r.name == KEEP_LOGGER for r in caplog.records)

    os.rmdir(site.share)
    os.rename(away, site.share)  # mounted again: everything resumes
    wait_until(lambda: service.share_state().online, timeout=10)
    wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)


def test_another_sites_share_in_the_folder_gets_nothing_written(site, tmp_path, closing):
    """Another site's share mounted where this site's should be: its site file is left as it
    is (refused, never replaced) and nothing of this site is written into it."""
    service, _follower = _running(site, tmp_path, closing)
    other = make_site(tmp_path / "other")
    closing.append(other.admin)
    other_bytes = site_layout(other.share).site_file.read_bytes()
    os.rename(site.share, tmp_path / "share-away")
    os.rename(other.share, site.share)
    wait_until(lambda: not service.share_state().online, timeout=10)
    errors = service.counters["share_errors"]
    wait_until(lambda: service.counters["share_errors"] > errors + 5, timeout=10)
    layout = site_layout(site.share)
    assert layout.site_file.read_bytes() == other_bytes
    assert not (layout.stations_dir / "206").exists()
    assert not layout.site_file_quarantine.exists()


def test_another_sites_file_put_in_this_sites_share_is_quarantined_and_this_one_written_back(
        site, tmp_path, closing, caplog):
    """On a share that plainly holds this site (its directory starts with this site's genesis
    signed by the pinned root), another site's file in place is a writer's swap: it is moved
    to the quarantine (kept, never overwritten) and this site's file written back."""
    caplog.set_level(logging.WARNING, logger=KEEP_LOGGER)
    service, _follower = _running(site, tmp_path, closing)
    layout = site_layout(site.share)
    genuine = layout.site_file.read_bytes()
    site_id = read_site(site.share).site_id
    other = make_site(tmp_path / "other")
    closing.append(other.admin)
    other_bytes = site_layout(other.share).site_file.read_bytes()
    swap = site.share / "swap.tmp"
    swap.write_bytes(other_bytes)
    os.replace(swap, layout.site_file)

    wait_until(lambda: _is_this_sites_file(layout, site_id), timeout=10)
    kept = layout.site_file_quarantine / layout.site_file.name
    assert layout.site_file.read_bytes() == genuine and kept.read_bytes() == other_bytes
    beats = service.counters["heartbeats"]
    wait_until(lambda: service.counters["heartbeats"] > beats + 3, timeout=10)
    [written] = [r.getMessage() for r in caplog.records if r.name == KEEP_LOGGER]
    assert "the site file of another site" in written


def test_a_forged_file_of_this_site_never_replaces_the_copy_written_back(
        site, tmp_path, closing, caplog):
    """The site file is not signed: a share writer may put this site's id and public root
    beside a made-up sealed root key. It is not taken as the copy every PC writes back; it is
    moved aside and the genuine file written again (before, every PC kept the forgery, and
    after a deletion wrote it back: joins then failed on the sealed key)."""
    import json

    caplog.set_level(logging.WARNING, logger=KEEP_LOGGER)
    station, _follower = _running(site, tmp_path, closing)
    layout = site_layout(site.share)
    genuine = layout.site_file.read_bytes()
    site_id = read_site(site.share).site_id
    forged = json.loads(genuine)
    forged["root_sealed"] = {**forged["root_sealed"], "box": "00" * 48}
    swap = site.share / "swap.tmp"
    swap.write_bytes(json.dumps(forged).encode())
    os.replace(swap, layout.site_file)

    wait_until(lambda: layout.site_file.read_bytes() == genuine, timeout=10)
    copy = local_copy(tmp_path / "home-206" / "config", site_id)
    assert not copy.exists() or copy.read_bytes() == genuine
    assert any("another sealed root key" in r.getMessage() for r in caplog.records
               if r.name == KEEP_LOGGER)
