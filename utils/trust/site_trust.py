"""What one PC trusts in its site, and how it signs: the questions every sync part asks.

- `sign(document)`: this PC's own signature (status, birth, death, acks, journal seals,
  checkpoints, failed-login records). Only this PC's own words.
- `check_pc(station, document)`: was this document signed by the PC *currently certified* for
  that station? ("not a member", "revoked", "bad signature" otherwise.)
- `check_person(username, document)`: was it signed by that person's current key, while they
  are an active account? (Commands, and the signature manifests of corrections.)

Everything is answered from the verified directory log (utils/trust/dirlog.py), which chains
every certificate to the root this PC pinned when it joined; nothing is taken from the share
without that chain.
"""

from __future__ import annotations

import time
from typing import Any, Mapping

from config.constants import Role
from utils.site.ports import FIRST_CHAIN, chain_of
from utils.site.protocol import PROTOCOL_VERSION
from utils.trust.crypto import PublicKey, SigningKeyPair
from utils.trust.directory_state import PERSON_PREFIX, DirectoryState
from utils.trust.dirlog import DirectoryLog

NOT_A_MEMBER = "not a member of the site"
REFRESH_AT_MOST_EVERY_S = 1.0


def seal_folder_problem(document: Any, folder: str) -> str | None:
    """A seal read in the journal folder `folder` must have been made for it: a later chain's
    seals sign its chain id, the first journal's none (a copy in another folder is refused)."""
    if isinstance(document, dict) and document.get("chain") != (chain_of(folder) or None):
        return f"the seal was made for another journal folder than {folder} (a copy put there)"
    return None


def retired_seal_problem(retired_heads: tuple[tuple[str, int, str], ...] | None,
                         document: dict[str, Any], folder: str) -> str | None:
    """A seal by a key a takeover retired counts only in a folder the takeover recorded, up to
    the event recorded there (and at it only for its hash). `retired_heads` None: a takeover
    made before heads were recorded (the key counts in the first journal only)."""
    if retired_heads is None:
        return None if folder == FIRST_CHAIN else (
            f"sealed by a PC key retired at a takeover, in {folder}, a journal folder it "
            f"never wrote")
    head = next(((seq, digest) for name, seq, digest in retired_heads if name == folder), None)
    if head is None:
        return (f"sealed by a PC key retired at a takeover, in {folder}, where it had sealed "
                f"nothing when it was retired")
    seq = document.get("seq")
    if type(seq) is not int or seq > head[0]:
        return (f"sealed by a PC key retired at a takeover, beyond the last event it had sealed "
                f"in {folder} then (event {head[0]})")
    if seq == head[0] and document.get("hash") != head[1]:
        return (f"sealed by a PC key retired at a takeover: event {seq} is not the one it had "
                f"sealed in {folder} then")
    return None


class SiteTrust:
    def __init__(self, *, site_id: str, station_id: str, pc_key: SigningKeyPair,
                 directory: DirectoryLog):
        self.site_id = site_id
        self.station_id = station_id
        self.pc_key = pc_key
        self.directory = directory
        self._last_refresh = 0.0
        # journal_keys per station, for one directory head (a published state never changes:
        # a new head is a new state): a verify asks for every seal it checks, and building
        # them scans every PC key the site ever certified.
        self._journal_keys: tuple[tuple[int, str], dict[str, Mapping[str, PublicKey]]] = (
            (-1, ""), {})

    @property
    def state(self) -> DirectoryState:
        return self.directory.state

    def sign(self, document: dict[str, Any]) -> dict[str, Any]:
        """This PC's signature over `document` (with the protocol version set)."""

        return self.pc_key.sign_document({"v": PROTOCOL_VERSION, **document})

    # -- this PC's own standing ----------------------------------------------------------------

    def membership_problem(self) -> str | None:
        """None while this PC's key is the one certified for its station; else why not."""
        state = self.state
        mine = state.pc_keys.get(self.pc_key.key_id)
        if mine is None:
            return "this PC's key is not certified in the site directory (yet)"
        if mine.station != self.station_id:
            return f"this PC's key is certified for station {mine.station}, not {self.station_id}"
        if mine.revoked_seq is not None:
            current = state.member(self.station_id)
            if current is not None:
                return (f"station {self.station_id} was taken over by another PC "
                        f"({current.host or current.key_id}); this PC no longer acts for it")
            return f"this PC's certificate for station {self.station_id} was revoked"
        return None

    # -- other PCs -----------------------------------------------------------------------------

    def check_pc(self, station: str, document: Any) -> str | None:
        """None when `document` is signed by the PC now certified for `station`. A station
        or key not known yet makes this PC read the directory once more (at most once a
        second): a PC that joined a moment ago is a member at once."""
        problem = self._check_pc(station, document)
        if problem is not None and self._may_refresh():
            problem = self._check_pc(station, document)
        return problem

    def refresh_if_unknown(self, station: str) -> None:
        """Read the directory once more (at most once a second) when `station` is not a
        member yet: a PC that joined a moment ago counts at once."""
        if self.state.member(station) is None:
            self._may_refresh()

    def refresh_soon(self) -> bool:
        """Read the directory once more (at most once a second); True when it brought something
        new: a person certified or promoted a moment ago counts at once."""
        return self._may_refresh()

    def _may_refresh(self) -> bool:
        now = time.monotonic()
        if now - self._last_refresh < REFRESH_AT_MOST_EVERY_S:
            return False
        self._last_refresh = now
        try:
            return bool(self.directory.refresh().taken)
        except OSError:
            return False

    def _check_pc(self, station: str, document: Any) -> str | None:
        state = self.state
        member = state.member(station)
        if member is None:
            signer = state.pc_keys.get(document.get("key_id")) if isinstance(document, dict) else None
            if signer is not None and signer.station == station and signer.revoked_seq is not None:
                return "signed by a revoked PC key"
            return NOT_A_MEMBER
        if not isinstance(document, dict) or document.get("key_id") != member.key_id:
            revoked = state.pc_keys.get(document.get("key_id")) if isinstance(document, dict) else None
            if revoked is not None and revoked.station == station:
                return "signed by a revoked PC key"
            return "not signed by the PC certified for this station"
        if not member.public_key.verify_document(document):
            return "bad signature"
        return None

    def journal_keys(self, station: str) -> Mapping[str, PublicKey]:
        """The keys whose seals count in `station`'s journal: its PC's now, and those of the
        PCs it took over from (their seals are its history). None at all when the station is
        not a member now; a key revoked as lost or stolen never counts. Built once per
        directory head and shared: read it, never change it."""
        state = self.state
        head = (state.head_seq, state.head_hash)
        cached_head, by_station = self._journal_keys
        if cached_head != head:
            by_station = {}
            self._journal_keys = (head, by_station)
        keys = by_station.get(station)
        if keys is None:
            keys = {} if state.member(station) is None else {
                key_id: pc.public_key for key_id, pc in state.pc_keys.items()
                if pc.station == station and (pc.revoked_seq is None or pc.superseded)}
            by_station[station] = keys
        return keys

    def check_seal(self, station: str, document: Any, folder: str = FIRST_CHAIN) -> str | None:
        """None when a journal seal of `station`, read in its journal folder `folder`, is
        signed by one of its `journal_keys`, was made for that folder (a later chain's seals
        name their chain id: a copy in another folder is refused), and, for a key retired by
        a takeover, vouches for no event beyond what it had sealed there when it was retired
        (a stolen old PC key adds no history)."""
        problem = seal_folder_problem(document, folder)
        if problem is not None:
            return problem
        keys = self.journal_keys(station)
        if not keys and self._may_refresh():
            keys = self.journal_keys(station)
        if not keys:
            return NOT_A_MEMBER
        key = keys.get(document.get("key_id")) if isinstance(document, dict) else None
        if key is None and self._may_refresh():
            keys = self.journal_keys(station)
            key = keys.get(document.get("key_id")) if isinstance(document, dict) else None
        if key is None:
            return "the seal is not signed by a PC certified for this station"
        if not key.verify_document(document):
            return "the seal's signature does not verify"
        return self._retired_problem(key.key_id, document, folder)

    def _retired_problem(self, key_id: str, document: dict[str, Any], folder: str) -> str | None:
        pc = self.state.pc_keys.get(key_id)
        if pc is None or not pc.superseded:
            return None
        return retired_seal_problem(pc.retired_heads, document, folder)

    def members(self) -> list[str]:
        return sorted(station for station in self.state.pcs if self.state.member(station))

    # -- people --------------------------------------------------------------------------------

    def check_person(self, username: str, document: Any) -> str | None:
        key = self.state.person_key(username)
        verified = key is not None and key.verify_document(document)
        if not verified and self._may_refresh():
            # A key certified (or replaced) a moment ago: the directory read again, and the
            # signature checked again only when it names another key now.
            fresh = self.state.person_key(username)
            if fresh is not None and fresh != key:
                verified = fresh.verify_document(document)
            key = fresh
        if key is None:
            person = self.state.users.get(username)
            if person is None or not person.active:
                return f"{username} is not an active user"
            return f"{username} has no certified signing key"
        if not verified:
            return "bad signature (not signed by that person's key, or altered)"
        return None

    def role_of(self, username: str) -> Role | None:
        person = self.state.active_person(username)
        return None if person is None else person.role

    @staticmethod
    def person_name(username: str) -> str:
        return PERSON_PREFIX + username
