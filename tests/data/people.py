"""Real people with real keys for the site view's tests: a site directory state that certified
an Ed25519 key for ana (admin), sup (supervisor) and op (operator), the site view's real check
over it (utils/trust/person_documents.py `ViewSignatures`), and documents signed with those
keys as the services sign them."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from config.constants import Role
from utils.trust.crypto import SigningKeyPair
from utils.trust.directory_state import DirectoryState, Person
from utils.trust.person_documents import ViewSignatures, signed

SITE = "site-of-the-tests"
ROLES = {"ana": Role.ADMIN, "sup": Role.SUPERVISOR, "op": Role.OPERATOR}
KEYS = {name: SigningKeyPair.generate() for name in ROLES}


def directory() -> DirectoryState:
    state = DirectoryState(SITE, SigningKeyPair.generate().public)
    for name, role in ROLES.items():
        key = KEYS[name].public
        state.users[name] = Person(name, name.title(), role, True, False, None, "x", 1, key,
                                   None)
        state.person_keys[key.key_id] = (name, key)
        state.role_changes[name] = ((datetime(2000, 1, 1, tzinfo=timezone.utc), role),)
    return state


def signatures(own_station: str = "office") -> ViewSignatures:
    state = directory()
    return ViewSignatures(lambda: state, own_station)


def sign(user: str, document: dict[str, Any], *, at: str = "2026-12-02T08:00:00.000Z",
         key: SigningKeyPair | None = None) -> dict[str, Any]:
    """`document` as `user` signs it at `at` (with `key`: someone else's key, or a PC's)."""
    return signed(key or KEYS[user], {
        **document, "site": SITE, "signed_by": user, "full_name": user.title(),
        "role": str(ROLES[user]), "signed_at": at})
