"""Proving a backup: restore it into a temporary place and verify it end to end.

`verify_backup` copies the file with SQLite's backup API into a folder of its own (the file
itself is only read), brings the copy's schema up to date there, and runs the same verify as
`verify-audit` on it: every chain (hash links, MACs with this PC's keys, the copy's own signed
checkpoints) and the record table against the chains. It also says how the backup stands
against the checkpoints this PC witnessed since (`behind`, `forked`): what a restore must be
told about. A backup is verified on the PC that made it: its events' MACs need that PC's local
key, which never leaves it (an archive is the form another PC can check, utils/backup/archive).
So which installation a backup belongs to (its chain anchor) is checked before its chain: one
of another installation is refused as such (OtherInstallation), never reported as forged. A
file that does not start as an SQLite database (an empty one too) is refused before SQLite
opens it: SQLite would take an empty file for a new database, and the migrations build it.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import threading
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from sqlalchemy.exc import DBAPIError

from data.database import DatabaseError, open_database, sqlite_uri
from models.bounded_json import JsonLimits, parse_json
from models.validation import SITE_NAME_MAX, has_forbidden_characters
from utils.audit.chain import read_checkpoint_file
from utils.audit.database_verify import verify_database
from utils.audit.verify import VerifyResult
from utils.backup.files import file_sha256, parse_name, read_sidecar
from utils.backup.snapshot import chain_heads

if TYPE_CHECKING:
    from utils.context import AppContext

ANCHOR_KEY = "chain_anchor"  # utils/context.py keeps a database's anchor under this name


# What to do about a file that is no backup this PC can read (the command line's words: a
# backup is verified and restored there).
GIVE_A_BACKUP = "give the path of a backup file (shopfloor backup list shows this station's)"


class BackupUnreadable(ValueError):
    """The file is not a database this program can read. `problem`: what is wrong with the
    file alone; `advice`: what to do about it; `damaged`: it starts as a database does, but
    SQLite cannot read it (a damaged backup, not another kind of file). Its own text is the
    restore's ("nothing was changed"); a caller that did something else says so with
    `telling` (a verify: "nothing was checked"), every message built here."""

    def __init__(self, problem: str, *, advice: str = GIVE_A_BACKUP, damaged: bool = False):
        self.problem = problem
        self.advice = advice
        self.damaged = damaged
        super().__init__(self.telling("nothing was changed"))

    def telling(self, nothing_done: str) -> str:
        """The person's message: the problem, what was not done (`nothing_done`), what to do."""
        return f"{self.problem}; {nothing_done}: {self.advice}"


class OtherInstallation(BackupUnreadable):
    """The backup was made by another installation (its chain has another anchor): this PC
    cannot check it (its events' MACs need that PC's local key) nor restore it; nothing was
    changed. `station` and `site` name where it comes from, when the file says."""

    def __init__(self, problem: str, *, station: str | None = None, site: str | None = None):
        self.station = station
        self.site = site
        super().__init__(problem)

    def telling(self, nothing_done: str) -> str:
        # The problem says itself what to do (a sentence: where it can be verified).
        return f"{self.problem} {nothing_done[:1].upper()}{nothing_done[1:]}."


SQLITE_HEADER = b"SQLite format 3\x00"
SITE_ENTRY_LIMITS = JsonLimits(max_bytes=64 * 1024)  # a site's first entry: its name and id


@dataclass
class BackupProof:
    file: Path
    sha256: str
    sidecar: str  # "matches", "missing" or "differs": the manifest written beside it
    anchor: str | None
    results: list[VerifyResult]
    heads: dict[str, tuple[int, str]]
    # Against this PC's witness: the witnessed event is beyond the backup, or different.
    behind: dict[str, tuple[int, int]] = field(default_factory=dict)  # station -> (head, seen)
    forked: dict[str, int] = field(default_factory=dict)  # station -> witnessed seq
    seconds: float = 0.0
    restored: Path | None = None  # the verified copy, when the caller asked to keep it

    @property
    def intact(self) -> bool:
        return bool(self.results) and all(r.ok for r in self.results) \
            and self.sidecar != "differs"

    @property
    def older_than_witnessed(self) -> bool:
        return bool(self.behind or self.forked)

    def summary(self) -> list[str]:
        lines = []
        for r in self.results:
            if r.ok:
                records = (f", {r.records_checked} record versions match the chain"
                           if r.records_checked else "")
                lines.append(f"station {r.station}: intact, {r.events_checked} events "
                             f"checked{records}")
            else:
                where = (f"record {r.record_id} version {r.record_version}" if r.record_id
                         else f"first bad event {r.first_bad_seq}")
                lines.append(f"station {r.station}: NOT intact: {where} ({r.kind}): {r.detail}")
        if self.sidecar == "differs":
            lines.append("the file differs from the checksum written beside it when it was made")
        for station, (head, seen) in sorted(self.behind.items()):
            lines.append(f"station {station}: the backup ends at event {head}; this PC "
                         f"witnessed event {seen} since (restoring it loses the events after "
                         f"{head})")
        for station, seen in sorted(self.forked.items()):
            lines.append(f"station {station}: the backup's event {seen} is not the one this PC "
                         f"witnessed (another history)")
        return lines


def verify_backup(ctx: "AppContext", file: Path, *, keep_copy_in: Path | None = None,
                  progress: Callable[[str, int, int | None], None] | None = None,
                  cancel: threading.Event | None = None) -> BackupProof:
    """Restore `file` into a temporary folder (or `keep_copy_in`, left for the caller) and
    verify it with this PC's keys. Raises BackupUnreadable when it is no readable database
    (an empty file included), OtherInstallation (one of those) when another installation made
    it: its chain is not checked then, it cannot be here."""
    started = time.perf_counter()
    file = Path(file)
    if not file.is_file():
        raise BackupUnreadable(f"{file} {'is not a file' if file.exists() else 'does not exist'}")
    _check_header(file)  # before SQLite opens it: an empty file would become a new database
    digest = file_sha256(file)
    sidecar = read_sidecar(file)
    state = "missing" if sidecar is None else (
        "matches" if sidecar.get("sha256") == digest else "differs")
    place = Path(keep_copy_in) if keep_copy_in is not None else Path(
        tempfile.mkdtemp(prefix="shopfloor-verify-"))
    place.mkdir(parents=True, exist_ok=True)
    copy = place / "restored.sqlite3"
    try:
        try:
            with closing(sqlite3.connect(sqlite_uri(file, "ro"), uri=True)) as source, \
                    closing(sqlite3.connect(copy)) as target:
                source.backup(target)
            database = open_database(copy)
        # SQLAlchemy wraps SQLite's own error (a damaged page met while opening) in DBAPIError.
        except (sqlite3.Error, DatabaseError, DBAPIError) as exc:
            detail = exc.orig if isinstance(exc, DBAPIError) else exc  # its text: one line
            raise BackupUnreadable(f"{file.name} is not a database this program can read "
                                   f"({detail})", damaged=True) from exc
        try:
            with database.read() as connection:
                found = connection.exec_driver_sql(
                    "SELECT value FROM meta_info WHERE key = ?", (ANCHOR_KEY,)).first()
            anchor = None if found is None else str(found[0])
            if anchor != ctx.anchor:  # checked first: its chain cannot be checked here
                with closing(database.raw_sqlite_connection()) as raw:
                    raise _other_installation(file, sidecar, raw, ctx.station_id)
            results = verify_database(database, anchor=anchor or "", keyring=ctx.keyring,
                                      progress=progress, cancel=cancel,
                                      home=(sidecar or {}).get("station") or ctx.station_id)
            with closing(database.raw_sqlite_connection()) as raw:
                heads = chain_heads(raw)
                behind, forked = _against_witness(ctx, raw, heads)
        finally:
            database.dispose()
    finally:
        if keep_copy_in is None:
            shutil.rmtree(place, ignore_errors=True)
    return BackupProof(file, digest, state, anchor, results, heads, behind, forked,
                       time.perf_counter() - started, copy if keep_copy_in is not None else None)


def _check_header(file: Path) -> None:
    """BackupUnreadable unless the file starts as an SQLite database does: an empty or short
    file, or another kind of file, is never handed to SQLite."""
    try:
        with open(file, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupUnreadable(f"{file.name} cannot be read ({exc.strerror or exc})",
                               advice="check its permissions, or copy it somewhere you can "
                                      "read it") from exc
    if not head:
        problem = f"{file.name} is empty: not a backup"
    elif head != SQLITE_HEADER:
        problem = (f"{file.name} is not a database this program can read (not an SQLite "
                   f"file)")
    else:
        return
    raise BackupUnreadable(problem)


def _other_installation(file: Path, sidecar: dict | None, connection: sqlite3.Connection,
                        this_station: str) -> OtherInstallation:
    """The refusal for a backup of another installation, naming its station and site where
    the sidecar, the file's name or the copy's site directory say them. One that names this
    PC's own station may also be one of this PC's backups whose anchor was altered: said so,
    never passed off as someone else's."""
    station = (sidecar or {}).get("station")
    if not _printable(station, 64):
        parsed = parse_name(file)
        station = parsed.station if parsed is not None else None
    site = _site_name(connection)
    where = " of ".join(part for part in (
        f"station {station}" if station else "", f"site {site}" if site else "") if part)
    if station == this_station:
        return OtherInstallation(
            f"{file.name} names this PC's station ({where}) but does not carry this PC's "
            f"chain anchor: either another installation of the station made it (a PC replaced "
            f"or installed again), or its anchor was altered. It cannot be verified or "
            f"restored here.", station=station, site=site)
    return OtherInstallation(
        f"{file.name} is a backup made by another installation"
        f"{f' ({where})' if where else ''}, not by this PC: it can only be verified on the PC "
        f"that made it (its events are sealed with that PC's own key), and it cannot be "
        f"restored here.", station=station, site=site)


def _site_name(connection: sqlite3.Connection) -> str | None:
    """The site's name (else its id) from the site directory's first entry in a database, or
    None (no site, or a database of a release without it)."""
    try:
        row = connection.execute("SELECT entry FROM directory_log ORDER BY seq "
                                 "LIMIT 1").fetchone()
        # A backup may come from anywhere: its text is parsed within bounds (deep nesting,
        # a huge entry), never trusted, only shown if printable.
        op = parse_json(row[0], SITE_ENTRY_LIMITS)["op"] if row is not None else None
    except (sqlite3.Error, ValueError, TypeError, KeyError):
        return None
    if not isinstance(op, dict) or op.get("op") != "site.genesis":
        return None
    name = op["data"].get("name") if isinstance(op.get("data"), dict) else None
    if _printable(name, SITE_NAME_MAX):
        return repr(name.strip())
    site_id = op.get("site_id")
    return site_id if _printable(site_id, 64) else None


def _printable(text: object, longest: int) -> bool:
    """Text from the file that can be shown as it is (it may have been made anywhere)."""
    return isinstance(text, str) and 0 < len(text.strip()) <= longest \
        and not has_forbidden_characters(text)


def _against_witness(ctx: "AppContext", connection: sqlite3.Connection,
                     heads: dict[str, tuple[int, str]]
                     ) -> tuple[dict[str, tuple[int, int]], dict[str, int]]:
    """Each checkpoint this PC witnessed (and can check the signature of) against the backup."""
    behind: dict[str, tuple[int, int]] = {}
    forked: dict[str, int] = {}
    for station, checkpoint in read_checkpoint_file(ctx.paths.checkpoint_file).items():
        key = ctx.keyring.get(checkpoint.key_id)
        if key is None or not key.check(checkpoint.payload(), checkpoint.sig):
            continue  # not this PC's signature: proves nothing either way
        row = connection.execute("SELECT hash FROM audit_events WHERE station = ? AND seq = ?",
                                 (station, checkpoint.seq)).fetchone()
        if row is None:
            behind[station] = (heads.get(station, (0, ""))[0], checkpoint.seq)
        elif bytes(row[0]).hex() != checkpoint.head_hash:
            forked[station] = checkpoint.seq
    return behind, forked
