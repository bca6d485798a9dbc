"""The two ports of site sync (docs/architecture.md, "The two ports"): what the rest of the
program asks of the site, whatever carries it.

- `LiveTransport` moves what is live: each station's presence (birth, status, death), the
  commands sent to a station, and the station's acks. A station uses its own end of it
  (`StationLink`, through the sync service's parts); the admin panel uses the rest
  (`FleetMonitor`). The shared folder is the first implementation (`FolderTransport`); an MQTT
  broker is the next.
- `SiteStore` keeps what is history: each PC's journal (its audit chain, sealed), published by
  the PC and read by every site view, the archive and verify; and the site records beside it
  (`RecordKind`: a signed document per station, such as its failed logins). It lists what it
  holds and names its places for a person with opaque labels, so no caller knows where or how
  it keeps them. The shared folder is the first implementation (`FolderSiteStore`); a
  PostgreSQL server is the next.

A port only moves bytes and documents. Signing and every check of a signature, a schema, a
sequence or a seal stay in the core (`commands.py`, `fleet.py`, `journal_check.py`): the
shared folder is hostile, and so is a broker or a database anyone with a credential can write.
What a port hands out is read within bounds and returned as a `ReadResult` (never raised): the
caller decides what it means. An `OSError` raised by a port means "the transport is away now";
the caller keeps its state and tries again later.

Callers outside `utils/site` import these names, never the folder implementations (an
import-linter contract in `pyproject.toml`; the composition root `utils/context.py` excepted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Hashable, Iterator, Protocol

if TYPE_CHECKING:
    from utils.site.journal_read import JournalEntry
    from utils.site.share_files import ReadResult

__all__ = ["FIRST_CHAIN", "AckWrite", "DirectoryEntries", "EntryWrite", "RecordFound",
           "RecordKind", "chain_of", "JournalPublisher", "LiveTransport", "PlaceRefused",
           "Presence", "SiteStore", "StationLink", "StatusCursor", "StatusRead", "StoreListing",
           "StoreRefusal"]


# A chain of a station's journal is named as the signed site directory names it (a takeover's
# `retired_heads`, utils/site/membership.py): its first "journal", each later one
# "journal-<chain id>" (16 lowercase hex digits). Every store keeps these names.
FIRST_CHAIN = "journal"
_LATER_CHAIN = re.compile(r"journal-([0-9a-f]{16})\Z")


def chain_of(name: str) -> str | None:
    """The chain id a chain's name stands for: "" for the first chain, None when the name is
    no chain's (a store reads nothing by such a name)."""
    if name == FIRST_CHAIN:
        return ""
    match = _LATER_CHAIN.match(name)
    return None if match is None else match[1]


class PlaceRefused(OSError):
    """A place in the transport or the store is refused (on the shared folder: a link, or a
    file where a folder belongs). Not an outage: the implementation may move it aside
    (`SiteStore.set_aside`) and the caller tries again at its next pass. `reason` says what
    the place is (for a person); where it is, the store names (`SiteStore.refused_label`)."""

    reason: str = ""


class Presence(StrEnum):
    """What a station says about itself, each replaced by the next of its kind."""

    BIRTH = "birth"    # at start: identity, version, capabilities
    STATUS = "status"  # the heartbeat
    DEATH = "death"    # at a clean stop


class AckWrite(StrEnum):
    """What became of a write-once ack."""

    WRITTEN = "written"  # it is there now
    TAKEN = "taken"      # something already holds the name (ours from before, or a stranger's)
    NOT_NOW = "not_now"  # the place for acks is refused for now (set aside; try again later)


class EntryWrite(StrEnum):
    """What became of a write-once entry of the site directory log."""

    WRITTEN = "written"  # it is there now, ours
    TAKEN = "taken"      # something holds the number already (another's entry, junk, a link)


@dataclass(frozen=True)
class StatusRead:
    """One station the transport knows, as found by a poll: a new status (`result`, parsed
    within bounds, not checked: the caller checks the signature), or why the transport would
    not read it (`where` names the place, `problem` the reason), or neither (nothing new)."""

    station_id: str
    result: ReadResult | None = None
    where: str = ""
    problem: str | None = None


@dataclass
class StatusCursor:
    """What one reader of statuses has taken so far (each panel keeps its own): the marker
    of each station's status last read, and how many documents it read."""

    seen: dict[str, Hashable] = field(default_factory=dict)
    reads: int = 0


class RecordKind(StrEnum):
    """The site's records beside the journals: per kind, one signed document per name (a
    station's id), replaced by its one writer and read by every PC, which checks it."""

    LOGIN_FAILURES = "login_failures"  # a PC's failed passwords (utils/trust/lockout_share.py)


@dataclass(frozen=True)
class RecordFound:
    """A record the store holds: its name, and what changes when it is replaced."""

    name: str
    marker: Hashable


@dataclass(frozen=True)
class StoreRefusal:
    """A place in the site store that was not read, named for a person: `where` is the
    store's own label (on the shared folder the path under the share; a database names its
    rows its way), opaque to callers, who only show it and compare it."""

    station_id: str  # "" when the place is the store's own (not one station's)
    where: str
    reason: str


@dataclass(frozen=True)
class StoreListing:
    """What the store lists (stations, or one station's chains), in order, and what it
    refused to list among them (never read, never followed)."""

    names: list[str]
    refused: list[StoreRefusal] = field(default_factory=list)


class StationLink(Protocol):
    """One station's end of the live transport: what the sync service's parts use."""

    @property
    def station_id(self) -> str: ...

    def check(self) -> None:
        """Raise OSError unless the transport is there (cheap; called before every beat)."""

    def open(self) -> None:
        """Make this station's place (at start and after an outage). Raises OSError when the
        place cannot be used at all; a part that stays refused is left out (logged)."""

    def sweep(self) -> None:
        """Remove what a crash of this station left half-written."""

    # -- presence --------------------------------------------------------------------------

    def publish(self, kind: Presence, data: bytes) -> None:
        """Replace this station's birth, status or death with `data` (a signed document)."""

    def read_presence(self, kind: Presence, *, max_bytes: int) -> ReadResult:
        """This station's birth, status or death as it is now (whoever wrote it)."""

    def presence_marker(self, kind: Presence) -> Hashable | None:
        """What identifies the current birth, status or death (changes when anyone writes
        it); None when there is none."""

    # -- commands to this station ----------------------------------------------------------

    def pending_commands(self, *, limit: int, skip: set[str]) -> list[str]:
        """Names of up to `limit` commands waiting, oldest first, those in `skip` left out
        before the limit (what can be a command may come before junk: a flooded inbox never
        holds one back). A refused inbox is set aside and made again (nothing is listed)."""

    def read_command(self, name: str, *, max_bytes: int,
                     parse: Callable[[bytes], Any] | None = None) -> ReadResult:
        """One waiting command, read within bounds; never executed by the transport."""

    def set_aside_command(self, name: str, reason: str) -> bool:
        """Keep a refused command as evidence, out of the way; False if it was gone."""

    def remove_command(self, name: str) -> None:
        """Take a processed command away (FileNotFoundError when it is gone already)."""

    def command_key(self, name: str) -> str:
        """A key naming this command's place, for counting repeated failures to read it."""

    # -- claims: one session of the station takes a command --------------------------------

    def claim(self, command_id: str, data: bytes) -> bool:
        """Create the claim once; False when a claim already holds the name."""

    def read_claim(self, command_id: str, *, max_bytes: int) -> ReadResult: ...

    def set_aside_claim(self, command_id: str, reason: str) -> bool: ...

    def prune_claims(self, older_than_s: float) -> None:
        """Forget claims older than any command's validity."""

    # -- acks back to the sender -----------------------------------------------------------

    def put_ack(self, command_id: str, data: bytes) -> AckWrite:
        """Create the ack once (a signed document)."""

    def read_ack(self, command_id: str, *, max_bytes: int) -> ReadResult: ...

    def set_aside_ack(self, command_id: str, reason: str) -> bool: ...

    # -- hints -----------------------------------------------------------------------------

    def watch_folder(self) -> Path | None:
        """A local folder whose changes hint that a command arrived (a file-system watcher
        wakes the loop); None when the transport has no such thing (the rescan alone)."""

    def watch_identity(self) -> Hashable | None:
        """What identifies the watched folder now (a rename or a swap changes it)."""


class LiveTransport(Protocol):
    """The site's live transport: each station's presence, commands and acks."""

    @property
    def place(self) -> str:
        """Where the transport is, for a person (the shared folder's path, a broker's
        address): messages name it."""

    def station(self, station_id: str) -> StationLink:
        """The end of one station (the station's own PC uses it)."""

    def check(self) -> None:
        """Raise OSError unless the transport is there (never send into a phantom site)."""

    def default_rescan_ms(self) -> int:
        """How often a station looks for commands when its settings do not say."""

    def send(self, station_id: str, command_id: str, data: bytes) -> None:
        """Deliver a signed command to a station, write-once (FileExistsError if the id is
        taken). Raises OSError when the transport is away or refuses the station's inbox."""

    def read_ack(self, station_id: str, command_id: str, *, max_bytes: int) -> ReadResult:
        """A station's ack of a command, if there is one (checked by the caller)."""

    def set_aside_ack(self, station_id: str, command_id: str, reason: str) -> None:
        """Move an ack the caller refused out of the way (the station's own can come)."""

    def ack_watch_folder(self, station_id: str) -> Path | None:
        """A local folder whose writes hint that an ack of this station came (the panel's
        watcher wakes its tracking at once); None: none here (missing, refused, or a
        transport that tells another way), and the panel's poll carries on alone."""

    def poll_statuses(self, cursor: StatusCursor, *, max_bytes: int) -> list[StatusRead]:
        """Every station the transport knows, with its status when it changed since this
        cursor last took it (the cursor is updated). Raises OSError when away."""

    def read_presence(self, station_id: str, kind: Presence, *, max_bytes: int) -> ReadResult:
        """A station's birth, status or death as it is now."""

    def presence_marker(self, station_id: str, kind: Presence) -> Hashable | None:
        """What identifies a station's current birth, status or death; None when none."""


class JournalPublisher(Protocol):
    """Publishes this PC's chain to the site store: new events in order, sealed with this
    PC's key, and the signed head. Raises `journal.JournalNotOurs` when the store's journal
    of this station goes on past this PC's chain, OSError when the store is away."""

    @property
    def last_exported_seq(self) -> int: ...

    def sync(self) -> int:
        """Publish a batch of events not yet there; the number published (0: up to date)."""

    def reset(self) -> None:
        """After an outage: trust only what the store holds, not what was remembered."""


class DirectoryEntries(Protocol):
    """The site directory log's place in the store (utils/trust/dirlog.py): entries numbered
    from 1, each created once and never replaced, so two admins appending at once cannot both
    take a number (the one that gets TAKEN reads the winner's entry and tries the next). The
    log reads them by number, one after the other, and needs no listing. The store moves the
    bytes only: what an entry says, its signature and its link to the entry before it are the
    log's to check; an entry the log refuses is set aside, so it neither changes any PC's state
    nor blocks the number for a real writer. `check` and `create_entry` raise OSError when
    the store is away (a write never makes a phantom site); the others may find nothing
    instead (MISSING, False): the log checks the store before it reads."""

    def check(self) -> None:
        """Raise OSError unless the store is there."""

    def create_entry(self, seq: int, data: bytes) -> EntryWrite:
        """Create entry `seq` with `data` (a whole document) once: TAKEN when anything holds
        the number already, whatever it is."""

    def read_entry(self, seq: int, *, max_bytes: int) -> ReadResult:
        """Entry `seq`, read within bounds (MISSING: none yet; NOT_READY with no bytes:
        nothing readable yet, perhaps a writer mid-create; NOT_READY with the document: read,
        but not settled, as a file with a second name, which the log judges by its content).
        Never raises for what others wrote there."""

    def has_entry(self, seq: int) -> bool:
        """Whether anything holds number `seq` (of any kind, not read)."""

    def set_aside_entry(self, seq: int, reason: str) -> bool:
        """Move what holds number `seq` out of the log, unread, with `reason` beside it (the
        number is free again); False when it was gone already."""


class SiteStore(DirectoryEntries, Protocol):
    """The site's store of journals and records, and the site directory log's entries: each
    PC publishes its own journal, every site view reads all."""

    def check(self) -> None:
        """Raise OSError unless the store is there."""

    def journal_writer(self, station_id: str, database: Any, anchor: str, key: Any, *,
                       on_new_chain: Callable[[str, int, str], None] | None = None
                       ) -> JournalPublisher:
        """What publishes this PC's journal (`on_new_chain`: told when this PC starts a
        chain of its own after a takeover or a restore)."""

    def set_aside(self, station_id: str, refused: PlaceRefused) -> bool:
        """Move a refused place of this station's own aside; True if it was moved."""

    def list_stations(self) -> StoreListing:
        """Stations that have a place in the store, sorted, and what was refused among them
        (OSError when the store is away)."""

    def list_chains(self, station_id: str) -> StoreListing:
        """The names of a station's journal chains, its first first (one more after each
        takeover or restore), and what was refused among them; empty when the station has no
        place. Raises `PlaceRefused` when the station's place itself is refused."""

    def journal_published(self, station_id: str, chain: str) -> bool:
        """Whether a chain holds anything published (False: an empty chain, or none)."""

    def read_journal(self, station_id: str, chain: str, *, start_segment: int = 1,
                     start_offset: int = 0) -> Iterator["JournalEntry"]:
        """A chain's lines from a position, in order, each parsed within bounds (checked by
        the caller: utils/site/journal_check.py); a torn last line is left for next time.
        Nothing for a chain the station does not have; FileNotFoundError for a name that is
        no chain's (`chain_of`)."""

    def journal_size(self, station_id: str, chain: str, start_segment: int = 1,
                     start_offset: int = 0) -> int:
        """Bytes of a chain not read yet from a position."""

    def read_checkpoint(self, station_id: str, *, max_bytes: int) -> ReadResult:
        """A station's published journal head (signed; checked by the caller)."""

    def change_marker(self, station_id: str, previous: Any) -> Any:
        """What changes when one of a station's journals grows or a chain is added (cheap:
        the follower compares it every rescan). `previous`: what it gave last time."""

    def journal_watch_folder(self, station_id: str) -> Path | None:
        """A local folder whose changes hint that a station's journal grew (a file-system
        watcher wakes the follower); None: the follower's rescan alone."""

    # -- site records (signed documents by name, beside the journals) ---------------------

    def publish_record(self, kind: RecordKind, name: str, data: bytes) -> None:
        """Replace this PC's record of a kind (`name`: a station id; ValueError for a name
        the store cannot hold). OSError when the store is away."""

    def list_records(self, kind: RecordKind) -> list[RecordFound]:
        """The records of a kind, by name; what is not a plain record there (a link) is left
        out, never read. OSError when the store is away."""

    def read_record(self, kind: RecordKind, name: str, *, max_bytes: int) -> ReadResult:
        """One record, read within bounds (checked by the caller)."""

    # -- naming places for a person (opaque labels: shown and compared, never parsed) ------

    def journal_label(self, station_id: str, chain: str, segment: int | None = None) -> str:
        """Where a chain (or one part of it, as `JournalEntry.segment` numbers it) is."""

    def checkpoint_label(self, station_id: str) -> str:
        """Where a station's published journal head is."""

    def refused_label(self, refused: PlaceRefused) -> str:
        """Where a refused place is (`PlaceRefused` raised by this store)."""
