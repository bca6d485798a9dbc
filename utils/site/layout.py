"""Where everything lives on the shared folder (protocol `PROTOCOL_VERSION`, utils/site/protocol.py;
docs/architecture.md).

Each layout also hands out the share's file-system seam (`fs`, utils.site.share_fs): every
operation on these paths goes through it, so nothing on the share is followed.

The site file is how a PC tells the real share from a phantom one (an unmounted mount point):
`require_root` refuses a root without it. For the root of the site this PC belongs to, the
composition root registers a guard (`guard_site_file`; utils/site/site_file_keep.py) that
checks the file is this site's and writes it back when it went missing on a share that plainly
holds this site.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Protocol

from utils.site.ports import FIRST_CHAIN, chain_of
from utils.site.protocol import valid_station_id
from utils.site.share_fs import ShareFS, describe, refused

SITE_FILE_NAME = "shopfloor-site.json"
# A station's journals: the first chain it publishes in `journal/`, each later one (the chain
# of a PC that took the station over, or a restored chain that forked from the published one)
# in `journal-<chain id>/`, a chain id being 16 lowercase hex digits (utils/site/journal.py
# chain_id). Nothing else named like a journal is read.
FIRST_JOURNAL = FIRST_CHAIN  # the folder of a chain is named as the chain (ports.py)
STATION_LAYOUTS_KEPT = 1024  # a plant has up to a few hundred stations


def chain_folder_name(chain: str | None) -> str:
    """The journal folder of a chain id (None: the station's first chain)."""
    return FIRST_JOURNAL if chain is None else f"{FIRST_JOURNAL}-{chain}"


def folder_chain(name: str) -> str | None:
    """The chain id a journal folder's name stands for: "" for the first journal, None when
    the name is no journal folder's (a folder is named as its chain: ports.py)."""
    return chain_of(name)


class SiteFileGuard(Protocol):
    """Keeps the site file of the site this PC belongs to (utils/site/site_file_keep.py)."""

    def require(self, layout: "SiteLayout", found: os.stat_result | None) -> None:
        """Return when the root holds this site's file (written back first if it can be);
        raise as `SiteLayout.require_root` does otherwise. `found`: the site file's lstat,
        None when missing."""


# Share root, as spelled when registered (`spelled_key`) -> the guard of this PC's site there.
# Registered by the composition root, which alone knows the root key this PC pinned; every
# layout of that root consults it, however the root is spelled (`guard_of`).
_GUARDS: dict[str, SiteFileGuard] = {}


def spelled_key(root: Path | str) -> str:
    """A share root's spelling made one: `..`, a trailing separator, on Windows the case.
    String work only: registering a guard at start must never wait on a share that hangs."""
    return os.path.normcase(os.path.abspath(root))


def _real_key(root: Path | str) -> str:
    """The folder a spelling leads to (links on the way, on Windows a mapped drive's server
    path while it is reachable): reads the file system, so only where the share is read
    anyway. The path, not the folder's (st_dev, st_ino): that changes when the share is
    mounted on, or taken off, its mount point, and the guard must hold for the mount point
    either way (and say an empty one holds nothing)."""
    return os.path.normcase(os.path.realpath(root))


def guard_site_file(root: Path | str, guard: SiteFileGuard) -> None:
    """From now on every layout of `root` checks its site file with `guard`."""
    _GUARDS[spelled_key(root)] = guard


def site_file_guard(root: Path | str) -> SiteFileGuard | None:
    """The guard registered for `root` spelled this way (no file system call)."""
    return _GUARDS.get(spelled_key(root))


def guard_of(root: Path | str) -> SiteFileGuard | None:
    """The guard of `root` however spelled: as registered (the program spells its share as
    its settings do: no file system call), else a registered root that leads to the same
    folder (a link on the way; resolved here, on a thread that is about to read the share)."""
    guard = site_file_guard(root)
    if guard is not None or not _GUARDS:
        return guard
    real = _real_key(root)
    return next((found for key, found in list(_GUARDS.items()) if _real_key(key) == real),
                None)


def looks_like_journal(name: str) -> bool:
    """A name a journal folder could be mistaken for (`journal-` anything): one that is not a
    valid chain folder's is reported, never read."""
    return name == FIRST_JOURNAL or name.startswith(FIRST_JOURNAL + "-")


def plain_file(info: os.stat_result) -> bool:
    """A regular file and nothing odd (no link, device or reparse point)."""
    return describe(info) is None and stat.S_ISREG(info.st_mode)


@dataclass(frozen=True)
class SiteLayout:
    """The share's folders and files; each station's layout is made once (see StationLayout)."""

    root: Path

    @cached_property
    def fs(self) -> ShareFS:
        return ShareFS(self.root)

    @cached_property
    def site_file(self) -> Path:
        return self.root / SITE_FILE_NAME

    @property
    def directory_dir(self) -> Path:
        """The site directory: its signed log (utils/trust/dirlog.py), failed-login records."""
        return self.root / "directory"

    @property
    def directory_log(self) -> Path:
        """The site directory log's entries, `NNNNNNNN.json` each (utils/trust/dirlog.py)."""
        return self.directory_dir / "log"

    def directory_entry(self, seq: int) -> Path:
        """Entry `seq` of the site directory log (numbered from 1)."""
        if type(seq) is not int or seq < 1:
            raise ValueError(f"not a directory entry's number: {seq!r}")
        return self.directory_log / f"{seq:08d}.json"

    @cached_property
    def stations_dir(self) -> Path:
        return self.root / "stations"

    @cached_property
    def _stations(self) -> dict[str, "StationLayout"]:
        return {}

    @cached_property
    def site_file_quarantine(self) -> Path:
        """Where a folder, a link or a stranger's file found in the site file's place goes.
        `_site-file` is no station id (it starts with `_`), so no station's quarantine."""
        return self.root / "quarantine" / "_site-file"

    def require_root(self) -> None:
        """Raise FileNotFoundError (or ShareRefused) unless the share is really there. Nobody
        creates folders under a share root that has vanished (that would make a phantom share
        on the local disk, or in an empty mount point, and report it as online). On the root
        of this PC's site, its guard also checks the file is this site's and writes it back
        when it can (site_file_keep.py)."""
        try:
            found: os.stat_result | None = self.fs.lstat(self.site_file)
        except FileNotFoundError:
            found = None
        guard = guard_of(self.root)
        if guard is not None:
            guard.require(self, found)
        elif found is None or not plain_file(found):
            raise self.no_site_file(found)

    def no_site_file(self, found: os.stat_result | None) -> OSError:
        """What `require_root` raises when the site file is not in its place: the folder is
        away, or it is there without a site file (a folder or a link in its place)."""
        if found is not None:
            return refused(self.site_file, describe(found) or "a folder where a file belongs")
        try:
            os.stat(self.root)  # the root as configured (a mount point may be a link)
        except OSError:
            return FileNotFoundError(f"the site folder {self.root} is not reachable")
        return FileNotFoundError(
            f"the site folder {self.root} is there but holds no site file ({SITE_FILE_NAME}): "
            "the share is not mounted there, or the file was removed; nothing is written to it")

    def station(self, station_id: str) -> "StationLayout":
        known = self._stations.get(station_id)
        if known is not None:
            return known
        if not valid_station_id(station_id):
            raise ValueError(f"not a valid station id: {station_id!r}")
        station = StationLayout(self.stations_dir / station_id, station_id)
        if len(self._stations) < STATION_LAYOUTS_KEPT:  # folders anyone may make: bounded
            self._stations[station_id] = station
        return station

    def quarantine(self, station_id: str) -> Path:
        return self.root / "quarantine" / station_id


class OnSiteFolder:
    """What the shared folder's implementations of the ports share: the site folder's
    layout and seam, and the check that the share is really there."""

    def __init__(self, root: Path | str):
        self.layout = SiteLayout(Path(root))
        self.fs = self.layout.fs

    @property
    def root(self) -> Path:
        return self.layout.root

    def check(self) -> None:
        self.layout.require_root()

    def _watch_folder(self, station_id: str, place: Callable[[StationLayout], Path]
                      ) -> Path | None:
        """A station's folder (`place` picks it) that a file-system watcher may watch: None
        when the id is no station's, or the folder is not a plain folder below the share
        (never watched through a link)."""
        if not valid_station_id(station_id):
            return None
        folder = place(self.layout.station(station_id))
        try:
            self.fs.require_folder(folder)
        except OSError:
            return None
        return folder

    def _relative(self, path: Path) -> str:
        """A path on the share as a person reads it (messages, labels): under the root."""
        try:
            return Path(path).relative_to(self.layout.root).as_posix()
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class StationLayout:
    """One station's folders and files on the share. The paths are built once per layout:
    every share operation turns its path into names, and a fresh Path pays for that each time
    (a command's round trip reaches them many times)."""

    folder: Path
    station_id: str

    @cached_property
    def root(self) -> Path:
        """The share root: a station folder is always `<root>/stations/<id>`."""
        return self.folder.parent.parent

    @cached_property
    def fs(self) -> ShareFS:
        return ShareFS(self.root)

    @cached_property
    def birth(self) -> Path:
        return self.folder / "birth.json"

    @cached_property
    def status(self) -> Path:
        return self.folder / "status.json"

    @cached_property
    def death(self) -> Path:
        return self.folder / "death.json"

    @cached_property
    def inbox(self) -> Path:
        return self.folder / "inbox"

    @cached_property
    def acks(self) -> Path:
        return self.folder / "acks"

    @cached_property
    def journal(self) -> Path:
        return self.folder / "journal"

    @cached_property
    def claims(self) -> Path:
        """Write-once claims: which session of the station took a command (inbox.py)."""
        return self.folder / "claims"

    def chain_journal(self, chain: str | None) -> Path:
        """The folder of one of the station's chains (None: its first, `journal/`)."""
        return self.folder / chain_folder_name(chain)

    @property
    def checkpoint(self) -> Path:
        return self.folder / "checkpoint.json"

    def ensure(self) -> "StationLayout":
        """Make the station's folders; raises ShareRefused (naming it) when stations/, the
        station folder, inbox, acks, journal or claims is a link or not a folder."""
        fs = self.fs
        for folder in (self.folder, self.inbox, self.acks, self.journal, self.claims):
            fs.mkdirs(folder)
        return self
