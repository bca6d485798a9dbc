"""The site directory as a state machine: who is a member, who may sign what.

The directory is an append-only log of signed operations (see `dirlog` for the files). This
module is pure: it checks one operation against the state the log has built so far and applies
it. Every PC replays the same log with the same rules, so every PC reaches the same state.

Operations and who may sign them (the first matching rule decides):

| op                | signer                                                            |
|-------------------|-------------------------------------------------------------------|
| `site.genesis`    | the site root, as the log's first entry only                      |
| `pc.certify`      | the site root (a PC joining with the passphrase) or an active admin |
| `pc.revoke`       | the site root or an active admin                                  |
| `user.put`        | an active admin; the root for the first admin; the person
                      themselves for their own password (nothing else may change)       |
| `user.unlock`     | an active admin                                                   |
| `catalog.publish` | an active admin                                                   |

Every valid operation changes the state strictly forward (a user's version grows by one, a
catalog's version grows, an unlock moves later, a key once revoked stays revoked), so an old
signed operation put back on the share later is refused: nothing can be rolled back by replay.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from config.constants import Role
from models.canonical import canonical_bytes, parse_utc
from models.validation import validate_username
from utils.site.ports import chain_of
from utils.site.protocol import valid_station_id
from utils.trust.crypto import PublicKey
from utils.trust.role_history import ROLE_CHANGE_SKEW, RoleChanges, note_role

ROOT = "root"
PERSON_PREFIX = "person:"
OPS = ("site.genesis", "pc.certify", "pc.revoke", "user.put", "user.unlock", "catalog.publish")
PC_KINDS = ("production", "office")
_USER_FIELDS = ("username", "full_name", "role", "active", "must_change_password", "badge_id",
                "password_hash", "version", "public_key", "sealed_key")
# What a person may change about themselves: their password (and so the seal of their key).
_SELF_FIELDS = frozenset({"password_hash", "sealed_key", "must_change_password", "version"})


class OpRefused(ValueError):
    """An operation that the current state does not allow; `reason` says why in one line."""


@dataclass(frozen=True)
class PcMember:
    station: str
    kind: str
    public_key: PublicKey
    host: str
    certified_seq: int
    revoked_seq: int | None = None
    # Revoked by a takeover (another PC now acts for the station), not as lost or stolen: what
    # it sealed before stays the station's history (utils/trust/site_trust.journal_keys).
    superseded: bool = False
    # For a key superseded by a takeover: per journal folder, the last event (seq, hash) its
    # seals vouched for when it was retired, as the takeover recorded it (what counts of it
    # from then on; utils/trust/site_trust.check_seal). None: a takeover made before this was
    # recorded (its seals count in `journal/` only).
    retired_heads: tuple[tuple[str, int, str], ...] | None = None

    @property
    def key_id(self) -> str:
        return self.public_key.key_id


@dataclass(frozen=True)
class Person:
    username: str
    full_name: str
    role: Role
    active: bool
    must_change_password: bool
    badge_id: str | None
    password_hash: str
    version: int
    public_key: PublicKey | None
    sealed_key: dict[str, Any] | None
    unlocked_at: str | None = None  # failures before this moment no longer count

    def as_row(self) -> dict[str, Any]:
        """The account as the local users table keeps it."""
        return {"username": self.username, "full_name": self.full_name, "role": str(self.role),
                "active": self.active, "must_change_password": self.must_change_password,
                "badge_id": self.badge_id, "password_hash": self.password_hash,
                "version": self.version}


@dataclass
class DirectoryState:
    site_id: str
    root: PublicKey
    head_seq: int = 0
    head_hash: str = ""
    users: dict[str, Person] = field(default_factory=dict)
    pcs: dict[str, PcMember] = field(default_factory=dict)  # station -> current member
    pc_keys: dict[str, PcMember] = field(default_factory=dict)  # key id -> member, ever
    catalog: dict[str, Any] | None = None
    catalog_version: int = 0
    # Every person key ever certified (key id -> username): a signature made while the key
    # was theirs stays theirs after a reset or a deactivation.
    person_keys: dict[str, tuple[str, PublicKey]] = field(default_factory=dict)
    # Per person, each change of their role or of their account's being active, and from
    # when (None: deactivated, no role): a signed act is judged by the role its signer held
    # when signing (`roles_at`), so a PC that reads it after a demotion judges it as one that
    # read it before. The times only move forward (an admin's clock behind puts a change at
    # the previous one's time), and a person's own password changes are no change.
    role_changes: RoleChanges = field(default_factory=dict)

    def copy(self) -> "DirectoryState":
        return DirectoryState(
            self.site_id, self.root, self.head_seq, self.head_hash, dict(self.users),
            dict(self.pcs), dict(self.pc_keys), self.catalog, self.catalog_version,
            dict(self.person_keys), dict(self.role_changes))

    # -- questions the rest of the program asks --------------------------------------------------

    def member(self, station: str) -> PcMember | None:
        """The PC currently certified for `station` (None: not a member, or revoked)."""
        found = self.pcs.get(station)
        return None if found is None or found.revoked_seq is not None else found

    def active_person(self, username: str) -> Person | None:
        person = self.users.get(username)
        return person if person is not None and person.active else None

    def person_key(self, username: str) -> PublicKey | None:
        person = self.active_person(username)
        return None if person is None else person.public_key

    def roles_at(self, username: str, moment: datetime) -> frozenset[Role]:
        """The roles `username` held within ROLE_CHANGE_SKEW of `moment`: the one in force
        just before that span (the first they were given, for a moment before it) and any
        given during it; none while deactivated. Empty for someone the directory never knew."""
        changes = self.role_changes.get(username, ())
        if not changes:
            return frozenset()
        start, end = moment - ROLE_CHANGE_SKEW, moment + ROLE_CHANGE_SKEW
        before = [role for at, role in changes if at <= start]
        held = {before[-1] if before else changes[0][1],
                *(role for at, role in changes if start < at <= end)}
        return frozenset(role for role in held if role is not None)

    def active_admins(self) -> list[str]:
        return sorted(name for name, p in self.users.items() if p.active and p.role == Role.ADMIN)


def genesis_prev(site_id: str) -> str:
    return hashlib.sha256(b"shopfloor-directory-log:" + site_id.encode("utf-8")).hexdigest()


def entry_hash(entry: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(entry)).hexdigest()


def signer_key(state: DirectoryState, signer: Any) -> PublicKey | None:
    """The key a signer name stands for right now (root, or an active person's key)."""
    if signer == ROOT:
        return state.root
    if isinstance(signer, str) and signer.startswith(PERSON_PREFIX):
        return state.person_key(signer[len(PERSON_PREFIX):])
    return None


def check_op(state: DirectoryState, op: Any) -> None:
    """Raise OpRefused unless `op` is a validly signed operation the state allows now."""
    if not isinstance(op, dict) or op.get("kind") != "op":
        raise OpRefused("not an operation")
    if op.get("site_id") != state.site_id:
        raise OpRefused("made for another site")
    name = op.get("op")
    if name not in OPS:
        raise OpRefused(f"unknown operation {name!r}")
    data = op.get("data")
    if not isinstance(data, dict) or not isinstance(op.get("at"), str):
        raise OpRefused("operation without data or time")
    try:
        parse_utc(op["at"])
    except ValueError:
        raise OpRefused("operation time is not a time") from None
    signer = op.get("signer")
    key = signer_key(state, signer)
    if key is None:
        raise OpRefused(f"{signer!r} may not sign (not the root, not an active person)")
    if not key.verify_document(op):
        raise OpRefused(f"bad signature by {signer}")
    if name == "site.genesis":
        if state.head_seq != 0 or signer != ROOT:
            raise OpRefused("a genesis comes first and from the root only")
        if data.get("root_public_key") != state.root.hex:
            raise OpRefused("the genesis names another root")
        return
    if state.head_seq == 0:
        raise OpRefused("the log must start with its genesis")
    acting_admin = signer == ROOT or _is_admin(state, signer)
    if name == "pc.certify":
        _check_certify(state, data, acting_admin)
    elif name == "pc.revoke":
        if not acting_admin:
            raise OpRefused("only an admin revokes a PC")
        member = state.pc_keys.get(data.get("key_id"))
        if member is None or member.revoked_seq is not None or member.station != data.get("station"):
            raise OpRefused("no such certified PC key for that station")
    elif name == "user.put":
        _check_user_put(state, data, signer, acting_admin)
    elif name == "user.unlock":
        if not _is_admin(state, signer):
            raise OpRefused("only an admin unlocks an account")
        person = state.users.get(data.get("username"))
        if person is None or not isinstance(data.get("unlocked_at"), str):
            raise OpRefused("no such account")
        if person.unlocked_at is not None and data["unlocked_at"] <= person.unlocked_at:
            raise OpRefused("an unlock no later than the last one")
    elif name == "catalog.publish":
        if not _is_admin(state, signer):
            raise OpRefused("only an admin publishes the site catalog")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version <= state.catalog_version:
            raise OpRefused(f"catalog version {version!r} is not newer than {state.catalog_version}")
        if not isinstance(data.get("catalog"), dict):
            raise OpRefused("a catalog operation without a catalog")


def _is_admin(state: DirectoryState, signer: Any) -> bool:
    if not isinstance(signer, str) or not signer.startswith(PERSON_PREFIX):
        return False
    person = state.active_person(signer[len(PERSON_PREFIX):])
    return person is not None and person.role == Role.ADMIN


def _check_certify(state: DirectoryState, data: dict[str, Any], acting_admin: bool) -> None:
    if not acting_admin:
        raise OpRefused("only the root or an admin certifies a PC")
    station = data.get("station")
    if not isinstance(station, str) or not valid_station_id(station):
        raise OpRefused("not a valid station id")
    if data.get("kind") not in PC_KINDS:
        raise OpRefused("a PC is a production station or an office PC")
    try:
        key = PublicKey.from_hex(data.get("public_key"))
    except ValueError:
        raise OpRefused("not a public key") from None
    if key.key_id in state.pc_keys:
        raise OpRefused("that key was certified before (a key is certified once)")
    current = state.member(station)
    if current is not None and data.get("takeover") is not True:
        raise OpRefused(f"station {station} already has a certified PC; a takeover must say so")
    if not isinstance(data.get("host", ""), str):
        raise OpRefused("host must be text")
    if "retired_heads" in data:
        if current is None:
            raise OpRefused("retired journal heads belong to a takeover")
        retired_heads_of(data["retired_heads"])


MAX_RETIRED_FOLDERS = 64
_HEX = frozenset("0123456789abcdef")


def retired_heads_of(value: Any) -> tuple[tuple[str, int, str], ...]:
    """A takeover's record of what the retired PC had sealed: {folder: {"seq", "hash"}}."""
    if not isinstance(value, dict) or len(value) > MAX_RETIRED_FOLDERS:
        raise OpRefused("retired journal heads are not a small map of folders")
    heads = []
    for folder, head in sorted(value.items()):
        if not (isinstance(folder, str) and chain_of(folder) is not None
                and isinstance(head, dict)):
            raise OpRefused("a retired journal head names no journal folder")
        seq, digest = head.get("seq"), head.get("hash")
        if type(seq) is not int or seq < 1 or not isinstance(digest, str) \
                or len(digest) != 64 or not set(digest) <= _HEX:
            raise OpRefused("a retired journal head is not an event's seq and hash")
        heads.append((folder, seq, digest))
    return tuple(heads)


def _check_user_put(state: DirectoryState, data: dict[str, Any], signer: Any,
                    acting_admin: bool) -> None:
    missing = [name for name in _USER_FIELDS if name not in data]
    if missing:
        raise OpRefused(f"account without {', '.join(missing)}")
    username = data["username"]
    name, errors = validate_username(username)
    if errors or name != username:
        raise OpRefused("not a valid username")
    try:
        role = Role(data["role"])
    except ValueError:
        raise OpRefused("unknown role") from None
    if not isinstance(data["version"], int) or isinstance(data["version"], bool):
        raise OpRefused("version must be a number")
    if not all(isinstance(data[k], bool) for k in ("active", "must_change_password")):
        raise OpRefused("active and must_change_password are yes/no")
    if not isinstance(data["password_hash"], str) or not isinstance(data["full_name"], str):
        raise OpRefused("bad account fields")
    if data["public_key"] is not None:
        try:
            PublicKey.from_hex(data["public_key"])
        except ValueError:
            raise OpRefused("not a public key") from None
        if not isinstance(data["sealed_key"], dict) or data["sealed_key"].get("public_key") != data["public_key"]:
            raise OpRefused("the sealed key does not belong to the public key")
    previous = state.users.get(username)
    expected = 1 if previous is None else previous.version + 1
    if data["version"] != expected:
        raise OpRefused(f"account version {data['version']} where {expected} comes next")
    if signer == ROOT:
        if state.active_admins() or role != Role.ADMIN or previous is not None:
            raise OpRefused("the root certifies only the site's first admin")
    elif not acting_admin:
        if signer != PERSON_PREFIX + username or previous is None:
            raise OpRefused("only an admin changes another person's account")
        changed = {k for k in _USER_FIELDS if data[k] != _field(previous, k)}
        if not changed <= _SELF_FIELDS or data["must_change_password"]:
            raise OpRefused("a person may only change their own password")
    if previous is not None and previous.role == Role.ADMIN and previous.active and (
            role != Role.ADMIN or not data["active"]) and state.active_admins() == [username]:
        raise OpRefused(f"{username} is the last active admin")


def _field(person: Person, name: str) -> Any:
    if name == "public_key":
        return None if person.public_key is None else person.public_key.hex
    if name == "role":
        return str(person.role)
    return getattr(person, name)


def apply_op(state: DirectoryState, op: dict[str, Any], seq: int, *,
             in_place: bool = False) -> DirectoryState:
    """The state after a checked operation: a new object, `state` left as it was; or, with
    `in_place`, `state` itself changed (a replay that owns a state nobody else sees yet: a
    copy per entry made replaying 10,000 entries take seconds, the copies growing with the
    log)."""
    new = state if in_place else state.copy()
    data = op["data"]
    name = op["op"]
    if name == "pc.certify":
        member = PcMember(data["station"], data["kind"], PublicKey.from_hex(data["public_key"]),
                          str(data.get("host", "")), seq)
        previous = new.member(member.station)
        if previous is not None:  # a takeover: the old PC stops counting from here
            revoked = replace(previous, revoked_seq=seq, superseded=True,
                              retired_heads=retired_heads_of(data["retired_heads"])
                              if "retired_heads" in data else None)
            new.pc_keys[previous.key_id] = revoked
        new.pcs[member.station] = member
        new.pc_keys[member.key_id] = member
    elif name == "pc.revoke":
        member = replace(new.pc_keys[data["key_id"]], revoked_seq=seq)
        new.pc_keys[member.key_id] = member
        if new.pcs.get(member.station) is not None and new.pcs[member.station].key_id == member.key_id:
            new.pcs[member.station] = member
    elif name == "user.put":
        previous = new.users.get(data["username"])
        if data["public_key"] is not None:
            key = PublicKey.from_hex(data["public_key"])
            new.person_keys[key.key_id] = (data["username"], key)
        new.users[data["username"]] = Person(
            data["username"], data["full_name"], Role(data["role"]), data["active"],
            data["must_change_password"], data["badge_id"], data["password_hash"],
            data["version"],
            None if data["public_key"] is None else PublicKey.from_hex(data["public_key"]),
            data["sealed_key"], None if previous is None else previous.unlocked_at)
        note_role(new.role_changes, data["username"], parse_utc(op["at"]),
                  Role(data["role"]) if data["active"] else None)
    elif name == "user.unlock":
        new.users[data["username"]] = replace(new.users[data["username"]],
                                              unlocked_at=data["unlocked_at"])
    elif name == "catalog.publish":
        new.catalog, new.catalog_version = data["catalog"], data["version"]
    return new

