"""A document signed by a person, and its check against the site directory.

An act that only some roles may do (freezing SPC limits, classifying another station's stop, a
shift handover) is written as a document in the `after` of an audit event and signed with the
person's own key (utils/trust/person_keys.py: opened at login, kept in the session). The PC's
own key only seals its journal: with a copy of it anyone can write an event naming any user and
role, but not this signature.

Any PC checks such a document against its site directory: made for this site, signed with a
key the directory certified for the person it names (any key it ever certified for them: a
signature made before a password reset stays theirs), and the directory gave that person a
role allowing the act when they signed it (its `signed_at`, within the directory's
ROLE_CHANGE_SKEW of a role change: a supervisor's act stays theirs after they are made an
operator, on a PC that reads it later as on one that read it at once). On a PC in no site there are no person keys: the document is unsigned
(`key_id` None) and only this PC's own chain counts (its events are MACed with its own key),
as for lot decisions (utils/release/decisions.py).

`ViewSignatures` is that check as the site view's ingest asks it (data/view_extensions.py
`PersonSignatures`): a freeze or a classification that fails it never changes the view.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from config.constants import Permission, role_allows
from models.canonical import parse_utc
from models.record_checks import record_time_errors
from utils.trust.crypto import SIG, SigningKeyPair
from utils.trust.directory_state import DirectoryState

NOT_SIGNED = "not signed with a person's key"


class NoSigningKey(RuntimeError):
    """In a site, the person's signing key is not open in this session: nothing is written."""

    def __init__(self) -> None:
        super().__init__("Your signing key is not open on this PC (log in again; if it persists "
                         "an admin resets your password); nothing was changed.")


def signed(signer: SigningKeyPair | None, document: dict[str, Any]) -> dict[str, Any]:
    """The document signed with the person's key (`key_id`, `sig`); unsigned with `key_id` None
    when there is no key (a PC in no site)."""
    if signer is None:
        return {**document, "key_id": None}
    return signer.sign_document(document)


def document_problem(state: DirectoryState, document: Any, permissions: Iterable[Permission],
                     act: str, *, document_name: str = "document") -> str | None:
    """Why `document` is not signed by a certified key of the person it names, whose role in
    the directory allows every one of `permissions` (`act` names them in the reason), or None."""
    if not isinstance(document, dict):
        return f"no {document_name}"
    if document.get("site") != state.site_id:
        return "made for another site"
    if not isinstance(document.get(SIG), str):
        return NOT_SIGNED
    known = state.person_keys.get(document.get("key_id"))
    if known is None or known[0] != document.get("signed_by"):
        return "signed with a key the site never certified for that person"
    if not known[1].verify_document(document):
        return f"the signature does not match the {document_name}"
    if not role_allowed(state, known[0], document, permissions):
        return f"signed by a person whose role may not {act}"
    return None


def role_allowed(state: DirectoryState, username: str, document: dict[str, Any],
                 permissions: Iterable[Permission]) -> bool:
    """Did the directory give `username` a role allowing every one of `permissions` when they
    signed `document` (its `signed_at`)? False for a document without a time in the one
    canonical UTC text every signer writes (models/canonical.format_utc): the acts that follow
    one another (a lot's decisions) compare that text, and another offset ("...T23:00+23:00",
    the day before in UTC) would sort otherwise than the moment it names; nor a time beyond
    any a record may have (year 2200 on: no act could follow it)."""
    signed_at = document.get("signed_at")
    if record_time_errors("signed_at", signed_at, required=True):  # as a record's time is
        return False
    try:
        roles = state.roles_at(username, parse_utc(signed_at))
    except (ValueError, OverflowError):  # not a time, or one at the ends of the calendar
        return False
    wanted = tuple(permissions)
    return any(all(role_allows(role, p) for p in wanted) for role in roles)


class ViewSignatures:
    """The site view's check of a person's signature on an event's document (see the module's
    docstring). `state` gives the directory as this PC knows it now (None: in no site);
    `refresh` reads the directory again (at most once a second) and says whether it learnt
    anything: a person certified or promoted a moment ago counts at once."""

    def __init__(self, state: Callable[[], DirectoryState | None], own_station: str,
                 refresh: Callable[[], bool] = lambda: False):
        self._state = state
        self._own_station = own_station
        self._refresh = refresh

    def problem(self, station: str, username: str | None, document: Any,
                permissions: tuple[Permission, ...], act: str, *,
                keyless_ok: bool = False) -> str | None:
        """Why the document that `station`'s event by `username` carries is not that person's
        signed act, or None. `keyless_ok`: an unsigned document counts when the directory
        certified no key for that person (and their role allows the act)."""
        if not isinstance(document, dict) or document.get("signed_by") != username:
            return "signed in the name of someone who was not logged in"
        state = self._state()
        if state is None:
            return None if station == self._own_station else (
                f"{NOT_SIGNED} (this PC is in no site: only its own chain counts)")
        problem = self._check(state, document, permissions, act, keyless_ok)
        if problem is not None and self._refresh():
            problem = self._check(self._state() or state, document, permissions, act,
                                  keyless_ok)
        return problem

    @staticmethod
    def _check(state: DirectoryState, document: dict[str, Any],
               permissions: tuple[Permission, ...], act: str, keyless_ok: bool) -> str | None:
        person = state.users.get(document.get("signed_by"))
        if keyless_ok and SIG not in document and person is not None \
                and person.public_key is None:
            # Someone the site gave no key (an account from before person keys): the chain
            # of the station the act concerns is all there is, as before keys.
            if not role_allowed(state, person.username, document, permissions):
                return f"by a person whose role may not {act}"
            return None
        return document_problem(state, document, permissions, act)
