"""The site file's keeper (utils/site/site_file_keep.py): what it writes back and what proves
a share is this site's.

- The site file and the directory's first entry both deleted: a PC whose own signed status is
  on the share writes the file back (and its directory log the entry); another site's share
  with the same gaps, holding a status of a station with the same id, gets nothing.
- The guard holds for every spelling of the share's folder (a link, `..` through a link).
- The copy written back is the one the join checked with the passphrase: a forged sealed key
  put on the share before the PC's first run is not taken, and a forged name beside the
  genuine seal is never written back.
"""

from __future__ import annotations

import json
import logging
import os

import pytest

from config.paths import resolve_paths
from config.settings import Settings
from tests.utils.site.sitekit import (
    PASSPHRASE, make_site, site_layout, start_sync, wait_until,
)
from utils.context import AppContext
from utils.settings_store import save_settings
from utils.site.folder_transport import FolderTransport
from utils.site.membership import create_site_membership, join_site_membership
from utils.site.site_key import read_site

KEEP_LOGGER = "utils.site.site_file_keep"


def _heartbeats(service, more: int) -> None:
    beats = service.counters["heartbeats"]
    wait_until(lambda: service.counters["heartbeats"] > beats + more, timeout=10)


def _refused_passes(service, more: int) -> None:
    errors = service.counters["share_errors"]
    wait_until(lambda: service.counters["share_errors"] > errors + more, timeout=10)


def _drop_site_file_and_genesis(share) -> None:
    layout = site_layout(share)
    layout.site_file.unlink()
    layout.directory_entry(1).unlink()


def test_the_site_file_and_the_first_entry_both_deleted_are_written_back_on_this_sites_share(
        site, tmp_path, closing, caplog):
    caplog.set_level(logging.WARNING, logger=KEEP_LOGGER)
    station = site.station(tmp_path, "206")
    closing.append(station)
    service = start_sync(station, watch=False)
    closing.append(service)
    _heartbeats(service, 2)  # its signed status is on the share
    layout = site_layout(site.share)
    genuine, genesis = layout.site_file.read_bytes(), layout.directory_entry(1).read_bytes()

    # Another site, with a station 206 of its own that wrote its signed status, and the same
    # two files gone: mounted in this site's place, it gets nothing.
    other = make_site(tmp_path / "other")
    closing.append(other.admin)
    other_206 = other.station(tmp_path / "other", "206")
    other_service = start_sync(other_206, watch=False)
    _heartbeats(other_service, 2)
    other_service.stop()
    other_206.close()
    _drop_site_file_and_genesis(other.share)
    away = tmp_path / "share-away"
    os.rename(site.share, away)
    os.rename(other.share, site.share)
    wait_until(lambda: not service.share_state().online, timeout=10)
    _refused_passes(service, 5)
    assert not layout.site_file.exists() and not layout.directory_entry(1).exists()
    assert not layout.site_file_quarantine.exists()
    with pytest.raises(FileNotFoundError, match="is there but holds no site file"):
        FolderTransport(site.share).check()

    # This site's share back, its site file and its first entry deleted meanwhile.
    os.rename(site.share, tmp_path / "other-away")
    _drop_site_file_and_genesis(away)
    os.rename(away, site.share)
    wait_until(lambda: layout.site_file.exists(), timeout=10)
    assert layout.site_file.read_bytes() == genuine
    wait_until(lambda: service.share_state().online, timeout=10)
    _heartbeats(service, 3)
    # The directory log writes its first entry back from the PC's copy (a refresh: 5 s).
    wait_until(lambda: layout.directory_entry(1).exists(), timeout=20)
    assert layout.directory_entry(1).read_bytes() == genesis
    [said] = [r.getMessage() for r in caplog.records if r.name == KEEP_LOGGER]
    assert "wrote it back from its verified copy" in said
    assert "own signed stations/206/status.json" in said


@pytest.mark.parametrize("spelling", ["link", "through a link and back"])
def test_the_guard_holds_for_another_spelling_of_the_share(site, tmp_path, caplog, spelling):
    """The admin PC's guard is registered for the share as its settings spell it; a layout
    of the same folder spelled otherwise writes the removed site file back too."""
    caplog.set_level(logging.WARNING, logger=KEEP_LOGGER)
    layout = site_layout(site.share)
    genuine = layout.site_file.read_bytes()
    alias = tmp_path / "alias"
    alias.symlink_to(site.share, target_is_directory=True)
    folder = alias if spelling == "link" else alias / "stations" / ".."
    layout.site_file.unlink()

    FolderTransport(folder).check()

    assert layout.site_file.read_bytes() == genuine
    assert any("wrote it back" in r.getMessage() for r in caplog.records
               if r.name == KEEP_LOGGER)


def _site_with_a_joined_station(tmp_path):
    """A site and station 206 joined (the passphrase checked its site file), neither PC's
    program run yet: nothing has read the share through a keeper."""
    share = tmp_path / "share"
    admin_paths = resolve_paths(tmp_path / "home-admin").ensure()
    create_site_membership(admin_paths, Settings(), share, PASSPHRASE, station_id="office1",
                           kind="office")
    home = tmp_path / "home-206"
    paths = resolve_paths(home).ensure()
    base = Settings(status_interval_ms=100, rescan_interval_ms=20)
    save_settings(paths.settings_file, base)
    join_site_membership(paths, base, share, PASSPHRASE, station_id="206")
    return share, home


def _replace(share, document: dict) -> None:
    layout = site_layout(share)
    swap = share / "swap.tmp"
    swap.write_bytes(json.dumps(document).encode())
    os.replace(swap, layout.site_file)


def test_a_forged_seal_there_before_the_first_run_is_not_taken(tmp_path, closing, caplog):
    """The file is not signed: a share writer puts this site's id and public root beside a
    made-up sealed key after the join, before the PC's first run. The PC keeps the copy its
    join opened with the passphrase, so the forgery is moved aside and the genuine written."""
    caplog.set_level(logging.WARNING, logger=KEEP_LOGGER)
    share, home = _site_with_a_joined_station(tmp_path)
    layout = site_layout(share)
    genuine = layout.site_file.read_bytes()
    forged = json.loads(genuine)
    forged["root_sealed"] = {**forged["root_sealed"], "box": "00" * 48}
    _replace(share, forged)

    station = AppContext.open(home)
    closing.append(station)
    station.transport.check()

    assert layout.site_file.read_bytes() == genuine
    kept = layout.site_file_quarantine / layout.site_file.name
    assert json.loads(kept.read_bytes())["root_sealed"]["box"] == "00" * 48
    assert any("another sealed root key" in r.getMessage() for r in caplog.records
               if r.name == KEEP_LOGGER)


def test_a_forged_name_beside_the_genuine_seal_is_never_written_back(tmp_path, closing):
    """Only the site id, the root and its seal are checked (by the join's passphrase); a file
    that changes what nothing checks (its name) is left in place, but what a PC writes back
    after a deletion is the file its join checked, not the share's latest."""
    share, home = _site_with_a_joined_station(tmp_path)
    layout = site_layout(share)
    genuine = layout.site_file.read_bytes()
    station = AppContext.open(home)
    closing.append(station)
    station.transport.check()
    _replace(share, {**json.loads(genuine), "name": "Not this plant"})
    station.transport.check()  # a file of this site: taken as it is, not written over
    assert read_site(share).name == "Not this plant"

    layout.site_file.unlink()
    station.transport.check()

    assert layout.site_file.read_bytes() == genuine


def _syncing_206(site, tmp_path, closing):
    """Station 206 running its sync, its signed status on the share."""
    station = site.station(tmp_path, "206")
    closing.append(station)
    service = start_sync(station, watch=False)
    closing.append(service)
    _heartbeats(service, 2)
    return service


def test_a_copy_of_this_pcs_status_in_another_sites_share_proves_nothing_there(
        site, tmp_path, closing):
    """A status is public: copied into another site's share (its genesis in place), mounted
    where this PC looks, it made this PC quarantine that site's file and write its own
    (found by a review); now another site's first entry decides, and nothing is written."""
    service = _syncing_206(site, tmp_path, closing)
    layout = site_layout(site.share)
    status = layout.station("206").status.read_bytes()
    other = make_site(tmp_path / "other")
    closing.append(other.admin)
    other_layout = site_layout(other.share)
    theirs = other_layout.site_file.read_bytes()
    copied = other_layout.station("206").status
    copied.parent.mkdir(parents=True, exist_ok=True)
    copied.write_bytes(status)
    other_layout.site_file.unlink()  # that site's file gone too: the keeper is asked
    os.rename(site.share, tmp_path / "ours-away")
    os.rename(other.share, site.share)
    wait_until(lambda: not service.share_state().online, timeout=10)
    _refused_passes(service, 5)
    assert not layout.site_file.exists()
    assert not layout.site_file_quarantine.exists()
    assert theirs  # (that site's own PCs write theirs back)


def test_an_old_status_of_this_pc_does_not_prove_a_share_with_no_directory(
        site, tmp_path, closing):
    """With no first entry, only a status this PC signed in the last ten minutes proves the
    share is this site's: an old copy (carried anywhere) does not."""
    from utils.site.layout import site_file_guard
    from utils.site.site_file_keep import PROOF_FRESH_S

    service = _syncing_206(site, tmp_path, closing)
    layout = site_layout(site.share)
    keeper = site_file_guard(site.share)
    now = [None]
    real_now = keeper._now
    keeper._now = lambda: (now[0] or real_now())
    now[0] = real_now() + PROOF_FRESH_S + 60  # this PC's clock: its last status is stale
    _drop_site_file_and_genesis(site.share)
    wait_until(lambda: not service.share_state().online, timeout=10)
    _refused_passes(service, 5)
    assert not layout.site_file.exists()
    now[0] = None  # back to the real clock: its status is fresh again
    wait_until(lambda: layout.site_file.exists(), timeout=10)


def test_starting_a_member_pc_never_resolves_the_shares_path(site, tmp_path, closing,
                                                               monkeypatch):
    """Registering the site file's guard at start is string work: resolving the share's path
    (links on the way) reads the share, which may hang (a hard NFS mount whose server is
    down), and a station must start and record production without it (found by a review)."""
    from utils.site import layout as layout_module

    site.station(tmp_path, "206").close()
    home = tmp_path / "home-206"  # (sitekit's)

    def touches_the_share(root):
        raise AssertionError(f"the share's path resolved at start: {root}")

    monkeypatch.setattr(layout_module, "_real_key", touches_the_share)
    started = AppContext.open(home)
    closing.append(started)
    assert layout_module.site_file_guard(site.share) is not None


def test_a_pc_that_joined_before_copies_were_checked_writes_back_what_it_last_read(
        site, tmp_path, closing, caplog, monkeypatch):
    """A PC that joined before its join kept a checked copy (none in its config folder) keeps
    the site file it last read while it runs, writes that back, and says to join again."""
    from utils.site import layout as layout_module
    from utils.site.site_file_keep import local_copy

    site.station(tmp_path, "206").close()
    home = tmp_path / "home-206"
    local_copy(resolve_paths(home).config_dir, site.admin.settings.site_id).unlink()
    monkeypatch.setattr(layout_module, "_GUARDS", {})  # this process's other PCs' guards gone
    caplog.set_level(logging.WARNING, logger=KEEP_LOGGER)
    station = AppContext.open(home)
    closing.append(station)
    service = start_sync(station, watch=False)
    closing.append(service)
    _heartbeats(service, 2)  # the site file read: the copy it writes back
    layout = site_layout(site.share)
    genuine = layout.site_file.read_bytes()
    layout.site_file.unlink()
    wait_until(lambda: layout.site_file.exists(), timeout=10)
    assert layout.site_file.read_bytes() == genuine
    said = [r.getMessage() for r in caplog.records if "wrote it back" in r.getMessage()]
    assert said and "join it again to keep one" in said[0]
