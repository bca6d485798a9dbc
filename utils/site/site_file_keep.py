"""Keeping this PC's site's file, and writing it back when it is gone from a share that plainly
holds this site.

The site file (`shopfloor-site.json`, site_key.py) is how every running PC tells the real share
from a phantom one (an empty mount point): without it nothing is written (layout.py
`require_root`). Deleting it, or putting a folder or a link in its place, would otherwise take
every PC of the site off the share until a person put the file back. So each PC keeps a copy
of the file, and:

- **The copy is the one its join checked.** The file is not signed: only the passphrase
  checks it, when its sealed root opens to the root's public key (site_key.py `open_root`).
  So the copy is made there, at create, join or upgrade (`keep_verified_copy`, in the config
  folder next to the membership file: `site-<id>.verified-site-file.json`), re-derived from
  what was checked (an unknown field on the share is not kept), and never replaced by what
  the share holds later: a file of this site's id and root with another sealed key is a
  forgery, moved aside and written over. A PC that joined before copies were kept there
  holds none: it takes the file of this site (id and pinned root) it last read, in memory
  only, writes that back, and never refuses another sealed key (it cannot tell which is
  genuine; a PC with a checked copy can, and the two never fight).
- **A file of this site in place** is taken (read again only when its identity, size or
  times change: `require_root` runs on every pass).
- **Missing, a folder, a link, or a file that is not this site's** (another site's, protocol
  1, junk, a forged seal) in place, on a share that plainly holds this site: whatever is in
  the way is moved to `quarantine/_site-file/` (the entry itself, never followed), the copy
  is created write-once (two PCs at once: one creates, the other finds it and judges it as
  any file in place) and one WARNING says so.
- **Plainly this site's share**: its directory log starts with this site's genesis entry,
  signed by the pinned root; or, when there is no first entry at all (deleted too), the
  share holds this PC's own status (`stations/<its id>/status.json`) signed by its own key
  (the key of this site only, certified by its root at join) within the last ten minutes.
  An empty mount point holds none. A status is public: a copy of it put in another site's
  share proves nothing there, so it counts only where no first entry is (another site's
  genesis in place decides) and only while fresh (an old copy does not). The directory log
  then writes its first entry back from this PC's verified copy in its database
  (dirlog_repair.py), as any entry deleted below its head.
- **Anything else** (an empty folder, another site's share, no copy kept yet): nothing is
  written or moved, and the outage says what the folder holds.

Only bytes of this site ever go back, so nobody on the share can make a PC write another
site's file; the proof of the share keeps a PC from writing into a phantom or foreign folder.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from utils.atomic_io import atomic_write_bytes
from utils.site.layout import SiteLayout, guard_site_file, plain_file, site_file_guard
from utils.site.share_files import ReadState, quarantine, read_json_file
from utils.site.share_fs import ShareRefused, describe
from utils.site.signed import document_bytes
from utils.site.site_key import SITE_FILE_LIMITS, SiteError, SiteInfo, parse_site_file
from utils.trust.crypto import PublicKey
from utils.trust.directory_state import DirectoryState, OpRefused
from utils.trust.dirlog import check_entry
from utils.trust.dirlog_repair import ENTRY_MAX_BYTES

log = logging.getLogger(__name__)

_Identity = tuple[int, int, int, int, int]
# A status as the fleet and a join read it (fleet.py, membership.py STATUS_MAX_BYTES).
STATUS_MAX_BYTES = 256 * 1024
# How recent this PC's own status must be to prove a share with no directory is this site's
# (`SiteFileKeeper._fresh`): a PC writes its status every few seconds while it runs.
PROOF_FRESH_S = 600.0


@dataclass(frozen=True)
class Witness:
    """A PC of this process in the site: its station id and its own (certified) public key."""

    station_id: str
    key: PublicKey


def local_copy(keep_dir: Path, site_id: str) -> Path:
    """This PC's copy of its site's file, as its create, join or upgrade checked it with the
    passphrase (not secret: the share holds the same bytes)."""
    return Path(keep_dir) / f"site-{site_id}.verified-site-file.json"


def keep_verified_copy(keep_dir: Path, info: SiteInfo) -> None:
    """Keep the site file whose sealed root the passphrase just opened (a create, a join, an
    upgrade), re-derived from what was checked. Failing to is no reason to undo the join:
    the PC then writes back only what it reads from the share, and the log says so."""
    path = local_copy(keep_dir, info.site_id)
    try:
        atomic_write_bytes(path, document_bytes(info.to_json()))
    except OSError as exc:
        log.warning("Could not keep this PC's checked copy of the site file in %s (%s): if "
                    "the share's file is removed, this PC writes back the one it last read",
                    path, exc)


def _identity(info: os.stat_result) -> _Identity:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


@dataclass(eq=False)
class SiteFileKeeper:
    """The site file's guard for one share root (layout.SiteFileGuard); thread-safe. One per
    root in a process: the PCs of one process (tests, the demo) share it."""

    site_id: str
    root: PublicKey
    kept: bytes | None = None  # the bytes written back
    verified: bool = False  # `kept` is a join's checked copy (else: as last read, or None)
    witnesses: list[Witness] = field(default_factory=list)
    _seen: _Identity | None = None  # the file in place last found to be this site's
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _now: Callable[[], float] = time.time  # the statuses' clock (`_fresh`); tests set it

    def problem(self, data: bytes) -> str | None:
        """Why `data` is not this site's file (None: it is)."""
        try:
            info: SiteInfo = parse_site_file(data)
        except SiteError as exc:
            return f"not a site file ({exc})"
        if info.site_id != self.site_id:
            return f"the site file of another site ({info.site_id})"
        if info.root != self.root:
            return "a site file of this site's id with another root key than this PC pinned"
        # The file is not signed: anyone may copy this site's id and public root beside a
        # made-up sealed key. Only the sealed key the passphrase opened at join counts; the
        # name and time beside it are not checked by anything, so they do not decide.
        if self.verified and self.kept is not None \
                and info.root_sealed != parse_site_file(self.kept).root_sealed:
            return ("a site file of this site's id with another sealed root key than the one "
                    "this PC's join opened with the passphrase")
        return None

    def add_pc(self, copy: bytes | None, witness: Witness | None) -> None:
        """A PC of this process in the site: its checked copy (None: it holds none, or not of
        this site) and what of it on the share proves the share is this site's."""
        with self._lock:
            if copy is not None and not self.verified and self.problem(copy) is None:
                self.kept, self.verified = copy, True
                self._seen = None  # the file in place is judged against it from now on
            if witness is not None and witness not in self.witnesses:
                self.witnesses.append(witness)

    def require(self, layout: SiteLayout, found: os.stat_result | None) -> None:
        with self._lock:
            if found is not None and plain_file(found):
                if _identity(found) == self._seen:
                    return
                problem = self._judge(layout)
                if problem is None:
                    return
            else:
                problem = None
            self._write_back(layout, found, problem)

    def _judge(self, layout: SiteLayout) -> str | None:
        """Read the file in place: None when it is this site's (kept), else what it is. An
        error reading it is an outage (raised), never a reason to move it."""
        try:
            # A second name is judged by content: a write-once create has one for a moment.
            data, info = layout.fs.read_bytes(layout.site_file,
                                              max_bytes=SITE_FILE_LIMITS.max_bytes,
                                              single_link=False)
        except FileNotFoundError:
            raise layout.no_site_file(None) from None
        except ShareRefused as exc:  # swapped for a link or a folder since its lstat
            return exc.reason
        problem = self.problem(data)
        if problem is None:
            if not self.verified:  # nothing checked to keep: the newest of this site's
                self.kept = data
            self._seen = _identity(info)
        return problem

    def _write_back(self, layout: SiteLayout, found: os.stat_result | None,
                    problem: str | None) -> None:
        """Put the kept file back when the share plainly holds this site; raise otherwise."""
        what = problem or ("missing" if found is None else
                           describe(found) or "a folder where a file belongs")
        # The share's first entry proves it; when that is gone too, this PC's own signed
        # status does (see the module docstring: an empty or another site's folder has none).
        first = self._first_entry(layout)
        genesis = first is True
        # Only when no first entry is there at all: another site's genesis in its place
        # says the share is that site's, whatever status of this PC was copied beside it.
        own = self._own_status(layout) if first is None else None
        if not genesis and own is None:
            if problem is None:
                raise layout.no_site_file(found)
            raise FileNotFoundError(
                f"the site folder {layout.root} holds {problem} in {layout.site_file.name}, "
                f"and no directory of this PC's site {self.site_id}: it is not this site's "
                "share (check where the share is mounted); nothing is written to it")
        if self.kept is None:
            raise FileNotFoundError(
                f"the site file {layout.site_file} is {what}, and this PC holds no copy of it "
                "yet to write back: put it back from a backup or from a PC of the site that "
                "ran since, which writes it back itself")
        moved = None
        if found is not None:
            moved = quarantine(layout.site_file, layout.site_file_quarantine,
                               f"in the site file's place: {what}", share=layout.fs,
                               announce=False)
        try:
            layout.fs.create_once(layout.site_file, self.kept)
        except FileExistsError:
            return  # another PC wrote it meanwhile: judged as any file in place, next pass
        self._seen = _identity(layout.fs.lstat(layout.site_file))
        log.warning("The site file %s was %s; this PC wrote it back from %s (site %s)%s%s",
                    layout.site_file, what,
                    "its verified copy" if self.verified else
                    "the copy it last read on the share (this PC joined before a copy checked "
                    "with the passphrase was kept: join it again to keep one)",
                    self.site_id,
                    "" if own is None else
                    f"; the directory's first entry is not this site's genesis either: this "
                    f"PC's own signed {own} shows the share is this site's, and the directory "
                    "log writes that entry back from this PC's copy",
                    "" if moved is None else
                    f"; what was in its place is in {moved.relative_to(layout.root)}")

    def holds_this_site(self, layout: SiteLayout) -> bool:
        """The share's directory log starts with this site's genesis entry, signed by the
        root this PC pinned: an empty mount point or another site's share does not."""
        return self._first_entry(layout) is True

    def _first_entry(self, layout: SiteLayout) -> bool | None:
        """True: the directory's first entry is this site's genesis (signed by the pinned
        root); None: no first entry at all (deleted, or never there); False: something else
        is there (another site's genesis, a forgery, a link, junk)."""
        result = read_json_file(layout.directory_entry(1), max_bytes=ENTRY_MAX_BYTES,
                                share=layout.fs, single_link=False)
        if result.state == ReadState.MISSING:
            return None
        if result.state != ReadState.OK:
            return False
        try:
            check_entry(DirectoryState(self.site_id, self.root), result.document, 1)
        except OpRefused:
            return False
        return result.document["op"].get("op") == "site.genesis"

    def _own_status(self, layout: SiteLayout) -> str | None:
        """Where the share holds the status of a PC of this process signed by that PC's own
        key (None: nowhere). The key was made for this site and certified by its root at
        join, and signs only that PC's files of this site: only this site's share holds one."""
        for witness in self.witnesses:
            status = layout.station(witness.station_id).status
            result = read_json_file(status, max_bytes=STATUS_MAX_BYTES, share=layout.fs)
            if result.state == ReadState.OK and witness.key.verify_document(result.document) \
                    and self._fresh(result.document):
                return status.relative_to(layout.root).as_posix()
        return None

    def _fresh(self, status: dict) -> bool:
        """Signed within the last PROOF_FRESH_S by this PC's clock: a status is public, and a
        copy of an old one carried to another folder proves nothing of that folder (a fresh
        copy needs someone copying it as it is written, and the other site's first entry
        deleted too)."""
        stamp = status.get("ts_ms")
        if not isinstance(stamp, int) or isinstance(stamp, bool):
            return False
        return abs(self._now() - stamp / 1000) <= PROOF_FRESH_S


def keep_site_file(folder: Path | str, site_id: str, root: PublicKey, keep_dir: Path, *,
                   witness: Witness | None = None) -> None:
    """Guard the site file on `folder` for this PC's site (`site_id`, the pinned `root`),
    writing back the copy its join checked (kept in `keep_dir`) when it is still this site's.
    `witness`: this PC's station id and own key, whose signed status on the share proves the
    share is this site's when the directory's first entry is gone."""
    try:
        copy: bytes | None = local_copy(keep_dir, site_id).read_bytes()
    except OSError:
        copy = None  # joined before copies were kept at join: none checked
    guard = site_file_guard(folder)
    if not (isinstance(guard, SiteFileKeeper) and (guard.site_id, guard.root) == (site_id, root)):
        guard = SiteFileKeeper(site_id, root)
        guard_site_file(folder, guard)
    guard.add_pc(copy, witness)
