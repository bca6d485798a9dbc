"""Keeping this PC's site's file, and writing it back when it is gone from a share that plainly
holds this site.

The site file (`shopfloor-site.json`, site_key.py) is how every running PC tells the real share
from a phantom one (an empty mount point): without it nothing is written (layout.py
`require_root`). Deleting it, or putting a folder or a link in its place, would otherwise take
every PC of the site off the share until a person put the file back. So each PC keeps the
file's bytes as it last read them, once they are of the site it belongs to (the site id and the
root's public key it pinned at join: its membership file), in memory and in a copy in its
config folder (`site-<id>.site-file.json`, next to the membership file), and:

- a file of this site in place: taken, and kept as the newest copy (read again only when its
  identity, size or times change: `require_root` runs on every pass);
- missing, a folder, a link, or a file that is not this site's (another site's, protocol 1,
  junk) in place, on a share whose directory log starts with this site's genesis entry signed
  by the pinned root: whatever is in the way is moved to `quarantine/_site-file/` (the entry
  itself, never followed), the kept bytes are created write-once (two PCs at once: one
  creates, the other finds it and judges it as any file in place) and one WARNING says so;
- anything else (an empty folder, another site's share, no copy kept yet): nothing is written
  or moved, and the outage says what the folder holds.

Only bytes of this site ever go back, so nobody on the share can make a PC write another
site's file; the genesis check keeps a PC from writing into a phantom or foreign folder; and
every PC of the site takes any file of this site, so two of them never fight over it.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from utils.atomic_io import atomic_write_bytes
from utils.site.layout import SiteLayout, guard_site_file, plain_file, site_file_guard
from utils.site.share_files import ReadState, quarantine, read_json_file
from utils.site.share_fs import ShareRefused, describe
from utils.site.site_key import SITE_FILE_LIMITS, SiteError, SiteInfo, parse_site_file
from utils.trust.crypto import PublicKey
from utils.trust.directory_state import DirectoryState, OpRefused
from utils.trust.dirlog import check_entry
from utils.trust.dirlog_repair import ENTRY_MAX_BYTES

log = logging.getLogger(__name__)

_Identity = tuple[int, int, int, int, int]


def local_copy(keep_dir: Path, site_id: str) -> Path:
    """This PC's copy of its site's file (not secret: the share holds the same bytes)."""
    return Path(keep_dir) / f"site-{site_id}.site-file.json"


def _identity(info: os.stat_result) -> _Identity:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


@dataclass(eq=False)
class SiteFileKeeper:
    """The site file's guard for one share root (layout.SiteFileGuard); thread-safe."""

    site_id: str
    root: PublicKey
    copies: list[Path]
    kept: bytes | None = None
    _seen: _Identity | None = None  # the file in place last found to be this site's
    _lock: threading.Lock = field(default_factory=threading.Lock)

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
        # made-up sealed key. Once this PC holds a copy, only its sealed key counts, so a
        # forged file never replaces the copy every PC would write back.
        if self.kept is not None and info.root_sealed != parse_site_file(self.kept).root_sealed:
            return "a site file of this site's id with another sealed root key than this PC kept"
        return None

    def keep(self, data: bytes) -> None:
        """Bytes of this site (checked by the caller): the copy written back from now on."""
        if data == self.kept:
            return
        self.kept = data
        for path in self.copies:
            try:
                atomic_write_bytes(path, data, durable=False)
            except OSError as exc:  # the copy in memory still serves this run
                log.info("Could not keep a copy of the site file in %s (%s)", path, exc)

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
            self.keep(data)
            self._seen = _identity(info)
        return problem

    def _write_back(self, layout: SiteLayout, found: os.stat_result | None,
                    problem: str | None) -> None:
        """Put the kept file back when the share plainly holds this site; raise otherwise."""
        what = problem or ("missing" if found is None else
                           describe(found) or "a folder where a file belongs")
        if not self.holds_this_site(layout):
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
        log.warning("The site file %s was %s; this PC wrote it back from its verified copy "
                    "(site %s)%s", layout.site_file, what, self.site_id,
                    "" if moved is None else
                    f"; what was in its place is in {moved.relative_to(layout.root)}")

    def holds_this_site(self, layout: SiteLayout) -> bool:
        """The share's directory log starts with this site's genesis entry, signed by the
        root this PC pinned: an empty mount point or another site's share does not."""
        result = read_json_file(layout.directory_entry(1), max_bytes=ENTRY_MAX_BYTES,
                                share=layout.fs, single_link=False)
        if result.state != ReadState.OK:
            return False
        try:
            check_entry(DirectoryState(self.site_id, self.root), result.document, 1)
        except OpRefused:
            return False
        return result.document["op"].get("op") == "site.genesis"


def keep_site_file(folder: Path | str, site_id: str, root: PublicKey, keep_dir: Path) -> None:
    """Guard the site file on `folder` for this PC's site (`site_id`, the pinned `root`),
    starting from the copy kept in `keep_dir` when it is still this site's."""
    copy = local_copy(keep_dir, site_id)
    guard = site_file_guard(folder)
    if isinstance(guard, SiteFileKeeper) and (guard.site_id, guard.root) == (site_id, root):
        with guard._lock:  # `keep` may be writing the copies meanwhile
            if copy not in guard.copies:  # another PC of this process (tests, demo): one guard
                guard.copies.append(copy)
        return
    keeper = SiteFileKeeper(site_id, root, [copy])
    try:
        data = copy.read_bytes()
    except OSError:
        data = None
    if data is not None and keeper.problem(data) is None:
        keeper.kept = data
    guard_site_file(folder, keeper)
