"""Junk files in a station's own folder (`stations/<id>/`, not its inbox), s17 attack finding 3:
the station replaces its status there every 100 ms, so the folder's time always changes, and
the admin's change marker listed the whole folder, each entry lstat'ed, at every follow pass
(2 s a pass at 200,000 files; a box took 2-5 s to reach the view instead of 0.23 s), with no
word to the admin. Now a flooded folder is listed again only every few seconds, by name only,
the admin is told once, and a new journal folder (a takeover's, a restore's) is still found,
late by at most that spacing; a link named like one is still refused, never followed."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from utils.site.folder_store import RELIST_EVERY_S, FolderSiteStore
from utils.site.layout import SiteLayout
from utils.site.view_follower import Phase, ViewFollower

from tests.utils.site import test_view_follower
from tests.utils.site.sitekit import wait_until

plant = test_view_follower.plant
JUNK = 20_000
NEW_CHAIN = "journal-0123456789abcdef"


def _flood(folder: Path, count: int = JUNK) -> None:
    for number in range(count):
        open(folder / f"junk-{number:07d}", "wb").close()


class _Listings:
    """Listings of one folder through the share's seam (`ShareFS.scandir` without a name
    filter, `ShareFS.opened`): each reads every entry of the folder."""

    def __init__(self, monkeypatch, fs, folder: Path):
        self.count = 0
        self.by_name = 0  # listings that stat only names like a journal's (every name read)
        scandir, opened = fs.scandir, fs.opened

        def counted_scandir(path, **options):
            if Path(path) == folder:
                if options.get("match") is None:
                    self.count += 1
                else:
                    self.by_name += 1
            return scandir(path, **options)

        def counted_opened(path):
            if Path(path) == folder:
                self.count += 1
            return opened(path)

        monkeypatch.setattr(fs, "scandir", counted_scandir)
        monkeypatch.setattr(fs, "opened", counted_opened)


class _Status:
    """The station's status replaced (the folder's time moves), as its sync does."""

    def __init__(self, folder: Path):
        self.folder, self.times = folder, 0

    def replace(self) -> None:
        self.times += 1
        (self.folder / "status.tmp").write_bytes(b"{}")
        os.replace(self.folder / "status.tmp", self.folder / "status.json")
        # The file system's clock may not tick between two replaces: move it for sure.
        os.utime(self.folder, ns=(self.times, self.times))


def _counts(view) -> dict[str, int]:
    with view.database.read() as connection:
        return dict(connection.exec_driver_sql(
            "SELECT station, max(seq) FROM view_events GROUP BY station").all())


def test_a_flooded_station_folder_is_not_listed_at_every_pass_and_told_once(plant, monkeypatch,
                                                                           caplog):
    site, stations, writers, operators = plant
    test_view_follower._boxes(stations, writers, operators, "206", 2)
    folder = SiteLayout(site.share).station("206").folder
    _flood(folder)
    follower = ViewFollower(site.admin.site_view, rescan_s=0.02)
    caplog.set_level(logging.WARNING)
    follower.acquire()
    try:
        wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
        listings = _Listings(monkeypatch, follower.view.store.fs, folder)
        status = _Status(folder)
        passes = follower.passes

        def twenty_passes_each_with_a_new_status() -> bool:
            status.replace()
            return follower.passes >= passes + 20

        wait_until(twenty_passes_each_with_a_new_status, timeout=20)
        # Before: one listing of all 20,000 entries at every pass the status moved.
        assert listings.count <= 2, listings.count
        # A box still reaches the view, without a listing of the junk for it (its ingest
        # asked for the station's journal folders: a listing of every name, before).
        test_view_follower._boxes(stations, writers, operators, "206", 1)
        wait_until(lambda: _counts(follower.view).get("206")
                   == writers["206"].last_exported_seq, timeout=20)
        assert listings.count <= 2, listings.count
        assert listings.by_name == 0, listings.by_name
        more = follower.passes
        wait_until(lambda: status.replace() or follower.passes >= more + 10, timeout=20)
        told = [record.getMessage() for record in caplog.records
                if "far more than a station writes" in record.getMessage()]
        assert len(told) == 1, told
        held = re.search(r"stations/206 holds (\d+) entries", told[0])
        assert held and JUNK < int(held[1]) < JUNK + 10  # the junk, and the station's own
    finally:
        follower.release()
    assert not follower.running


def test_a_new_journal_folder_is_still_found_after_the_flood(tmp_path, monkeypatch):
    share = tmp_path / "share"
    folder = share / "stations" / "206"
    (folder / "journal").mkdir(parents=True)
    (folder / "journal" / "00000001.jsonl").write_bytes(b"{}\n")
    now = [100.0]
    store = FolderSiteStore(share, clock=lambda: now[0])
    status = _Status(folder)
    seen = store.change_marker("206", None)
    assert seen[1] == ("journal",)
    assert store.list_chains("206").names == ["journal"]
    _flood(folder)
    listings = _Listings(monkeypatch, store.fs, folder)
    for _ in range(30):
        status.replace()
        assert store.change_marker("206", seen)[1] == ("journal",)
    assert listings.count == 1  # the flood found once, then not listed before the spacing
    assert store.list_chains("206").names == ["journal"]  # kept from before the flood: no listing
    assert listings.by_name == 0
    (folder / NEW_CHAIN).mkdir()
    status.replace()
    assert store.change_marker("206", seen)[1] == ("journal",)  # not looked for yet
    now[0] += RELIST_EVERY_S + 0.1
    found = store.change_marker("206", seen)
    assert found[1] == ("journal", NEW_CHAIN)
    assert listings.count == 2
    assert store.list_chains("206").names == ["journal", NEW_CHAIN]  # listed again, once
    assert store.list_chains("206").names == ["journal", NEW_CHAIN]
    assert listings.by_name == 1
    # A journal that grows is seen at every call, flood or not: its own folder is lstat'ed.
    (folder / "journal" / "00000001.jsonl").write_bytes(b"{}\n{}\n")
    assert store.change_marker("206", found)[2] != found[2]
    # A link named like a journal folder made after the flood is refused, never followed.
    link = f"journal-{'f' * 16}"
    os.symlink(share, folder / link)
    status.replace()
    now[0] += RELIST_EVERY_S + 0.1
    marker = store.change_marker("206", found)
    assert marker[1] == ("journal", NEW_CHAIN, link)
    assert marker[2][2] == ("a symbolic link",)
    assert listings.count == 3
    # The folder stops changing after a listing was put off: the next call lists it anyway.
    (folder / f"journal-{'e' * 16}").mkdir()
    os.utime(folder, ns=(10**9, 10**9))
    put_off = store.change_marker("206", marker)
    assert put_off[1] == marker[1]
    now[0] += RELIST_EVERY_S + 0.1
    assert f"journal-{'e' * 16}" in store.change_marker("206", put_off)[1]
