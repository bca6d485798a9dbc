"""Making this PC a member of a site: create one, or join one (CLI and first-run wizard).

Creating a site makes its root key (sealed under the passphrase in the site file), starts the
site's directory log with the root's genesis entry, and certifies this PC. Joining opens the
root with the passphrase just long enough to certify this PC's new key in the directory log;
the root's private half is then forgotten. Each PC keeps its own private key (keystore) and
the root's public key it pinned (the membership file).

A station id already certified to another PC is refused unless the person asks for a
takeover, gives a reason, and that PC is not running now; the takeover is an audited directory
entry, and the old PC stops acting for the station as soon as it reads it. The takeover also
records, signed by the root with it, the last event the old PC's seals vouch for in each of
the station's journal folders as the share holds them then (`retired_heads`): the old key's
seals count up to there and never beyond (a stolen old key adds no history), and the new PC
publishes its own chain beside the old journal (utils/site/journal.py). The join also records,
in this PC's own database, the moment before which it runs no command (`takeover_moment`):
what the old PC ran is in the old PC's ledger (utils/site/command_ledger.py
`CommandLedger.taken_over_at`).
"""

from __future__ import annotations

import json
import logging
import platform
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterable

from config.paths import AppPaths
from config.settings import Settings
from data import directory_repo
from data.database import open_database
from data.netfs import network_filesystem_reason
from models.canonical import format_utc, parse_utc
from models.validation import validate_site_name
from utils.clock import Clock, SystemClock
from utils.settings_store import save_settings
from utils.site.command_ledger import record_takeover_moment
from utils.site.journal_read import sealed_heads
from utils.site.folder_store import FolderSiteStore
from utils.site.keystore import MemberFile, read_member_file, store_pc_key, write_member_file
from utils.site.layout import SiteLayout
from utils.site.share_files import ReadState, read_json_file
from utils.site.site_file_keep import keep_verified_copy
from utils.site.site_key import SiteError, SiteInfo, create_site, join_site
from utils.site.station_checks import check_machine_table, check_new_station, check_station
from utils.trust.crypto import SigningKeyPair
from utils.trust.directory_state import ROOT, OpRefused, PcMember
from utils.trust.directory_copy import forget_other_site
from utils.trust.dirlog import DirectoryLog, DirectoryUnavailable, make_op

log = logging.getLogger(__name__)

STATUS_MAX_BYTES = 256 * 1024
DEATH_MAX_BYTES = 16 * 1024
# Another PC's signed time counts for a takeover's moment up to this far past the joining PC's
# clock: a clock that wrong (the old PC's, or a stolen old key's signature) would otherwise
# keep the new PC refusing every command for as long.
OTHER_CLOCK_AHEAD_MAX = timedelta(days=1)


@dataclass(frozen=True)
class Membership:
    info: SiteInfo
    settings: Settings
    key_location: str
    folder_note: str | None  # e.g. "this is a network share": for the person's information
    # The site's root key, only right after *creating* a site, for the caller to certify the
    # first admin at once; it is never stored.
    root: SigningKeyPair | None = field(default=None, repr=False, compare=False)


def station_running(folder: Path, member: PcMember, *, now: datetime) -> bool:
    """True when the PC certified for this station publishes a fresh status now: signed by its
    key, sent (by its own signed clock) within three intervals of our clock, and not followed
    by a death file of the same session. File times are never trusted."""
    layout = SiteLayout(Path(folder))
    station = layout.station(member.station)
    status = read_json_file(station.status, max_bytes=STATUS_MAX_BYTES, share=layout.fs)
    document = status.document
    if status.state != ReadState.OK or not member.public_key.verify_document(document):
        return False
    try:
        sent = parse_utc(document["sent_at"])
        interval_s = max(float(document.get("interval_ms") or 1000) / 1000, 1.0)
    except (KeyError, TypeError, ValueError):
        return False
    if abs((now - sent).total_seconds()) > 3 * interval_s + 2:
        return False
    death = read_json_file(station.death, max_bytes=DEATH_MAX_BYTES, share=layout.fs)
    return not (death.state == ReadState.OK and member.public_key.verify_document(death.document)
                and death.document.get("session_id") == document.get("session_id"))


def takeover_moment(folder: Path, previous: PcMember, directory: DirectoryLog, *,
                    now: datetime, max_skew: timedelta) -> datetime:
    """The moment this PC, joining now in place of `previous` (the station's last PC, in
    office or revoked), takes the station over: it runs no command issued before it plus the
    skew (utils/site/commands.py `taken_over_problem`). The latest of this PC's clock (the
    certifying entry's time), the newest time `previous` signed in its status or death file on
    the share (its clock, after everything it ran), and the newest time in the site's
    directory (its signers' clocks; entries made before this one): each is a time that had
    passed when this PC joined, so a clock behind at the join (corrected later) no longer
    moves the moment back before what the old PC ran. Only signatures that verify count
    (the old PC's certified key, the directory's verified entries); another clock counts up to
    `OTHER_CLOCK_AHEAD_MAX` past ours. Residual: a share writer who deletes the old PC's
    status and death before the join leaves this PC's clock and the directory's times, so a
    command the old PC ran can run again only with this PC's clock behind at the join and a
    share writer acting then. A clock behind by more than the skew is said (a WARNING)."""
    bounds = [(now, "this PC's clock")]
    signed = _signed_by_pc(folder, previous)
    revoked = None if previous.revoked_seq is None else _entry_at(directory,
                                                                 previous.revoked_seq)
    if signed is not None and revoked is not None:
        # A key revoked (lost, stolen) signs nothing that counts after its revocation: a thief
        # cannot make this PC refuse every command for a day with a status dated ahead.
        signed = min(signed, revoked)
    if signed is not None:
        bounds.append((signed, f"the last status or death file of station {previous.station}'s "
                               "previous PC"))
    entry = _newest_entry_at(directory)
    if entry is not None:
        bounds.append((entry, "the newest entry of the site's directory"))
    moment, source = max(bounds, key=lambda bound: bound[0])
    if moment - now <= max_skew:
        return moment
    limit = now + OTHER_CLOCK_AHEAD_MAX
    log.warning("This PC's clock looks behind: it says %s, and %s was signed at %s. Set this "
                "PC's clock right; commands issued before %s (plus the allowed skew) are "
                "refused here as issued before this takeover%s", format_utc(now), source,
                format_utc(moment), format_utc(min(moment, limit)),
                "" if moment <= limit else " (that time counts only up to a day after this "
                "PC's clock: check that clock too)")
    return min(moment, limit)


def _signed_by_pc(folder: Path, member: PcMember) -> datetime | None:
    """The newest time `member` signed in its station's status (`sent_at`) or death (`at`)
    file on the share, its key verified and the document its own station's; None if none."""
    layout = SiteLayout(Path(folder))
    station = layout.station(member.station)
    times = []
    for path, kind, field_name, limit in ((station.status, "status", "sent_at", STATUS_MAX_BYTES),
                                          (station.death, "death", "at", DEATH_MAX_BYTES)):
        document = read_json_file(path, max_bytes=limit, share=layout.fs).document
        if not (member.public_key.verify_document(document) and document.get("kind") == kind
                and document.get("station") == member.station):
            continue
        try:
            times.append(parse_utc(document[field_name]))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return max(times, default=None)


def _entry_at(directory: DirectoryLog, seq: int) -> datetime | None:
    """The operation time of this PC's verified copy of directory entry `seq`, if readable."""
    with directory.database.read() as connection:
        held = directory_repo.log_entry(connection, seq)
    try:
        return None if held is None else parse_utc(json.loads(held[1])["op"]["at"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _newest_entry_at(directory: DirectoryLog) -> datetime | None:
    """The newest operation time among the directory entries this PC verified (its copy)."""
    with directory.database.read() as connection:
        rows = directory_repo.log_entries(connection)
    newest = None
    for _seq, _digest, text in rows:
        try:
            at = parse_utc(json.loads(text)["op"]["at"])
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # (verified when kept: a damaged row only gives no bound)
        newest = at if newest is None or at > newest else newest
    return newest


def _certify_op(root: SigningKeyPair, info: SiteInfo, pc: SigningKeyPair, station_id: str,
                kind: str, now: datetime, *, takeover: bool, reason: str | None,
                host: str | None = None,
                retired_heads: dict[str, tuple[int, str]] | None = None) -> dict:
    data = {"station": station_id, "kind": kind, "public_key": pc.public.hex,
            "host": platform.node() if host is None else host}
    if takeover:
        data.update(takeover=True, reason=reason or "", retired_heads={
            folder: {"seq": seq, "hash": digest}
            for folder, (seq, digest) in sorted((retired_heads or {}).items())})
    return make_op(ROOT, root, info.site_id, "pc.certify", data, now)


def _remember(paths: AppPaths, settings: Settings, info: SiteInfo, pc: SigningKeyPair,
              folder: Path, station_id: str, kind: str,
              root: SigningKeyPair | None = None) -> Membership:
    location = store_pc_key(paths.config_dir, info.site_id, pc)
    assert info.root is not None
    write_member_file(paths.config_dir, MemberFile(info.site_id, info.root.hex, station_id,
                                                   kind, pc.key_id))
    # The site file as the passphrase checked it (its sealed root opened to `info.root`): the
    # copy this PC writes back if the share's is removed, never the share's later bytes.
    keep_verified_copy(paths.config_dir, info)
    new_settings = settings.with_changes(site_folder=str(Path(folder).resolve()),
                                         site_id=info.site_id, station_id=station_id,
                                         station_kind=kind)
    save_settings(paths.settings_file, new_settings)
    note = network_filesystem_reason(Path(folder))
    return Membership(info, new_settings, location, note, root)


def _directory(paths: AppPaths, folder: Path, info: SiteInfo, clock: Clock, *,
               newcomer: bool = False):
    return _directory_at(paths.database_file, folder, info, clock, newcomer=newcomer)


def _directory_at(database_file: Path, folder: Path, info: SiteInfo, clock: Clock, *,
                  newcomer: bool = False):
    """This PC's database and its copy of the site's directory. `newcomer`: a PC in no site
    (a copy of another site's directory, left by a join that did not finish, is dropped)."""
    assert info.root is not None
    database = open_database(database_file)
    try:
        if newcomer:
            forget_other_site(database, info.site_id)
        return database, DirectoryLog(FolderSiteStore(Path(folder)), database,
                                      site_id=info.site_id, root=info.root, clock=clock)
    except BaseException:
        database.dispose()
        raise


def create_site_membership(paths: AppPaths, settings: Settings, folder: Path, passphrase: str, *,
                           station_id: str, kind: str = "production", name: str = "",
                           clock: Clock | None = None) -> Membership:
    """Create the site on `folder` and make this PC its first member. A name with control,
    format or direction characters, or longer than a full name, is refused (ValidationFailed)
    before anything is written."""
    name = validate_site_name(name)
    check_station(station_id, kind)
    check_new_station(station_id, ())  # the site's first station: nothing is written yet
    check_machine_table(station_id, kind, (), None)  # its first catalog: the built-in one
    if settings.site_id:
        raise SiteError("already_member", "this PC already belongs to a site")
    clock = clock or SystemClock()
    info, root = create_site(Path(folder), passphrase, name=name, now=clock.now())
    pc = SigningKeyPair.generate()
    database, directory = _directory(paths, Path(folder), info, clock, newcomer=True)
    try:
        directory.start(make_op(ROOT, root, info.site_id, "site.genesis",
                                {"root_public_key": root.public.hex, "name": name},
                                clock.now()))
        directory.append(_certify_op(root, info, pc, station_id, kind, clock.now(),
                                     takeover=False, reason=None))
    except (DirectoryUnavailable, OpRefused) as exc:
        raise SiteError("folder_unusable", f"cannot start the site's directory: {exc}") from exc
    finally:
        database.dispose()
    return _remember(paths, settings, info, pc, Path(folder), station_id, kind, root)


def join_site_membership(paths: AppPaths, settings: Settings, folder: Path, passphrase: str, *,
                         station_id: str, kind: str = "production",
                         takeover_reason: str | None = None, clock: Clock | None = None,
                         machine_table: bool = True) -> Membership:
    """Certify a new key for this PC as `station_id`. A station id that another PC holds
    needs `takeover_reason` (and that PC must not be running now); a new production station's
    id must be a machine of the site's table (`check_machine_table`; `machine_table=False`
    only for the synthetic plants of the screenshots and benchmarks, whose ids no table names).
    Every check is against the directory as read here, its junk set aside by its reader."""
    check_station(station_id, kind)
    clock = clock or SystemClock()
    info, root = join_site(Path(folder), passphrase)
    if settings.site_id and not (settings.site_id == info.site_id
                                 and read_member_file(paths.config_dir, info.site_id) is None):
        # (A PC of this very site with no membership of the new kind joins again after the
        # site's upgrade to keys by role; its chain and settings stay.)
        raise SiteError("already_member", "this PC already belongs to a site")
    database, directory = _directory(paths, Path(folder), info, clock,
                                     newcomer=not settings.site_id)
    try:
        try:
            directory.refresh()
        except DirectoryUnavailable as exc:
            raise SiteError("folder_unusable", f"cannot read the site's directory: {exc}") from exc
        # (An entry deleted or damaged on the share that a member PC has witnessed: refused
        # as rolled back, so this PC never writes its own at that number.)
        _check_not_rolled_back(Path(folder), directory)
        check_new_station(station_id, directory.state.pcs)
        # A PC of this site joining again after its upgrade, as the station it was: no new machine.
        upgrading = bool(settings.site_id) and station_id == settings.station_id
        if machine_table and not upgrading:
            check_machine_table(station_id, kind, directory.state.pcs, directory.state.catalog)
        current = directory.state.member(station_id)
        if current is not None:
            if station_running(Path(folder), current, now=clock.now()):
                raise SiteError("station_in_use", f"station id {station_id} is in use by a "
                                "running PC; choose another id, or stop that PC first")
            if not (takeover_reason or "").strip():
                raise SiteError("station_taken", f"station id {station_id} belongs to another "
                                f"PC ({current.host or current.key_id}); to replace that PC, "
                                "join again asking for a takeover with a reason (that PC "
                                "then stops acting for the station)")
            log.warning("Station %s taken over from PC %s: %s", station_id, current.host,
                        takeover_reason)
        retired = None if current is None else sealed_heads(
            SiteLayout(Path(folder)).station(station_id), current.public_key)
        now = clock.now()
        previous = directory.state.pcs.get(station_id)  # in office or revoked: taken over
        moment = None if previous is None else takeover_moment(
            Path(folder), previous, directory, now=now,
            max_skew=timedelta(seconds=settings.command_max_skew_s))
        pc = SigningKeyPair.generate()
        try:
            directory.append(_certify_op(root, info, pc, station_id, kind, now,
                                         takeover=current is not None, reason=takeover_reason,
                                         retired_heads=retired))
        except (DirectoryUnavailable, OpRefused) as exc:
            raise SiteError("folder_unusable", f"cannot certify this PC: {exc}") from exc
        if moment is not None:  # this PC's own database: no share writer moves it
            with database.write() as connection:
                record_takeover_moment(connection, pc.key_id, moment)
    finally:
        database.dispose()
    return _remember(paths, settings, info, pc, Path(folder), station_id, kind)


def certify_simulated_pcs(folder: Path, passphrase: str, station_ids: Iterable[str], *,
                          database_file: Path, clock: Clock | None = None
                          ) -> dict[str, SigningKeyPair]:
    """A fresh PC key certified for each of `station_ids`, for stations that are simulated on
    this PC (`shopfloor demo`, the benchmark's synthetic plant): members of the site like real
    ones, each sealing its own journal. Needs the site's passphrase, as a join does; a station
    id already held is refused. `database_file` keeps this PC's copy of the directory."""
    clock = clock or SystemClock()
    info, root = join_site(Path(folder), passphrase)
    database, directory = _directory_at(database_file, Path(folder), info, clock)
    pairs: dict[str, SigningKeyPair] = {}
    try:
        directory.refresh()
        for station_id in station_ids:
            check_station(station_id, "production")
            check_new_station(station_id, directory.state.pcs)
            if directory.state.member(station_id) is not None:
                raise SiteError("station_taken", f"station id {station_id} is already in use")
            pair = SigningKeyPair.generate()
            directory.append(_certify_op(root, info, pair, station_id, "production",
                                         clock.now(), takeover=False, reason=None,
                                         host=f"simulated-{station_id}"))
            pairs[station_id] = pair
    except (DirectoryUnavailable, OpRefused) as exc:
        raise SiteError("folder_unusable", f"cannot certify the simulated stations: {exc}") from exc
    finally:
        database.dispose()
    return pairs


def _check_not_rolled_back(folder: Path, directory: DirectoryLog) -> None:
    """Refuse a share whose directory is older than what a member PC has witnessed: each
    status carries the directory head its PC holds, signed by that PC."""
    layout = SiteLayout(folder)
    for attempt in range(2):
        ahead = _witnessed_ahead(layout, directory)
        if ahead is None:
            return
        if attempt == 0:
            directory.refresh()  # a PC may have appended a moment ago: look once more
    station_id, seen = ahead
    raise SiteError("directory_rolled_back", f"the site's directory on the share (entry "
                    f"{directory.state.head_seq}) is older than what station {station_id} has "
                    f"seen (entry {seen}): the share was rolled back or is still being "
                    "restored. Start an up-to-date PC of the site (it writes the missing "
                    "entries back), then join again.")


def _witnessed_ahead(layout: SiteLayout, directory: DirectoryLog) -> tuple[str, int] | None:
    state = directory.state
    for station_id in sorted(state.pcs):
        member = state.member(station_id)
        if member is None:
            continue
        status = read_json_file(layout.station(station_id).status, max_bytes=STATUS_MAX_BYTES,
                                share=layout.fs)
        document = status.document
        if status.state != ReadState.OK or not member.public_key.verify_document(document):
            continue
        head = document.get("directory_head")
        if isinstance(head, list) and len(head) == 2 and isinstance(head[0], int) \
                and head[0] > state.head_seq:
            return station_id, head[0]
    return None


