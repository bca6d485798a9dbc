"""The role a person held when they signed (DirectoryState.roles_at, person_documents
.role_allowed): the exact limits of ROLE_CHANGE_SKEW around a role change, a time before the
person was known, and times that are none."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from config.constants import Permission, Role
from models.canonical import format_utc
from utils.trust.crypto import SigningKeyPair
from utils.trust.directory_state import ROLE_CHANGE_SKEW, DirectoryState
from utils.trust.person_documents import role_allowed

MADE = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)
DEMOTED = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def state() -> DirectoryState:
    state = DirectoryState("site", SigningKeyPair.generate().public)
    state.role_changes["sup"] = ((MADE, Role.SUPERVISOR), (DEMOTED, Role.OPERATOR))
    return state


@pytest.mark.parametrize(("moment", "roles"), [
    (DEMOTED - ROLE_CHANGE_SKEW - timedelta(microseconds=1), {Role.SUPERVISOR}),
    (DEMOTED - ROLE_CHANGE_SKEW, {Role.SUPERVISOR, Role.OPERATOR}),
    (DEMOTED, {Role.SUPERVISOR, Role.OPERATOR}),
    (DEMOTED + ROLE_CHANGE_SKEW - timedelta(microseconds=1), {Role.SUPERVISOR, Role.OPERATOR}),
    (DEMOTED + ROLE_CHANGE_SKEW, {Role.OPERATOR}),
    (MADE - timedelta(days=3), {Role.SUPERVISOR}),  # before they were known: their first role
])
def test_the_roles_held_around_a_moment(state, moment, roles):
    assert state.roles_at("sup", moment) == roles


def test_someone_the_directory_never_knew_holds_no_role(state):
    assert state.roles_at("nobody", DEMOTED) == frozenset()


def _document(signed_at):
    return {"signed_by": "sup", "signed_at": signed_at}


@pytest.mark.parametrize(("signed_at", "allowed"), [
    (format_utc(DEMOTED - timedelta(hours=1)), True),
    (format_utc(DEMOTED + timedelta(hours=1)), False),
    (None, False), (42, False), ("yesterday", False),
    # The same moment in another form than the canonical UTC text: its text would sort as a
    # later time (a decision "after" the last one while judged an hour before the demotion).
    ("2026-12-01T23:00:00+23:00", False), ((DEMOTED - timedelta(hours=1)).isoformat(), False),
    ("0001-01-01T00:00:00.000Z", False),  # no moment 5 minutes before it: refused, not raised
    ("9999-12-31T23:59:59.999Z", False),
])
def test_a_supervisors_act_counts_when_signed_as_supervisor(state, signed_at, allowed):
    assert role_allowed(state, "sup", _document(signed_at), (Permission.OEE_VIEW,)) is allowed


# -- the roles as a real directory log gives them (signed operations, checked and applied) ----

class Log:
    """A site directory built by checked, signed operations, as every PC replays it."""

    def __init__(self):
        from utils.trust.directory_state import apply_op, check_op
        from utils.trust.dirlog import make_op

        self._make, self._check, self._apply = make_op, check_op, apply_op
        self.root = SigningKeyPair.generate()
        self.state = DirectoryState("site", self.root.public)
        self.keys: dict[str, SigningKeyPair] = {}
        self.versions: dict[str, int] = {}
        self._do("root", self.root, "site.genesis", {"root_public_key": self.root.public.hex},
                 MADE)
        self.put("ana", "admin", MADE, signer="root")

    def _do(self, signer: str, key: SigningKeyPair, name: str, data: dict, at) -> None:
        op = self._make(signer, key, "site", name, data, at)
        self._check(self.state, op)
        self.state = self._apply(self.state, op, self.state.head_seq + 1)
        self.state.head_seq += 1

    def put(self, username: str, role: str, at, *, active: bool = True,
            signer: str = "person:ana") -> None:
        key = self.keys.setdefault(username, SigningKeyPair.generate())
        self.versions[username] = self.versions.get(username, 0) + 1
        data = {"username": username, "full_name": username.title(), "role": role,
                "active": active, "must_change_password": False, "badge_id": None,
                "password_hash": f"hash {self.versions[username]}",
                "version": self.versions[username], "public_key": key.public.hex,
                "sealed_key": {"public_key": key.public.hex}}
        signing = self.root if signer == "root" else self.keys[signer.removeprefix("person:")]
        self._do(signer, signing, "user.put", data, at)


def _allowed(state: DirectoryState, at: datetime) -> bool:
    return role_allowed(state, "sup", _document(format_utc(at)), (Permission.OEE_VIEW,))


def test_a_password_change_dated_far_ahead_keeps_no_role_for_later():
    """A supervisor's own password change dated in the year 3000, then a demotion: what they
    sign dated 3000 is an operator's act (a change of password is no change of role)."""
    log = Log()
    log.put("sup", "supervisor", MADE)
    far = datetime(3000, 1, 1, tzinfo=timezone.utc)
    log.put("sup", "supervisor", far, signer="person:sup")
    log.put("sup", "operator", DEMOTED)
    assert not _allowed(log.state, far)
    assert _allowed(log.state, DEMOTED - timedelta(hours=1))


def test_a_deactivated_person_signs_nothing_from_then_on():
    log = Log()
    log.put("sup", "supervisor", MADE)
    log.put("sup", "supervisor", DEMOTED, active=False)
    assert _allowed(log.state, DEMOTED - timedelta(hours=1))
    assert not _allowed(log.state, DEMOTED + timedelta(hours=1))
    assert log.state.roles_at("sup", DEMOTED + timedelta(hours=1)) == frozenset()


def test_a_change_dated_before_the_previous_one_counts_from_the_previous_one():
    """An admin whose clock is behind: the demotion counts from the last change's time, never
    before it (the times of one person's changes only move forward)."""
    log = Log()
    log.put("sup", "supervisor", DEMOTED)
    log.put("sup", "operator", MADE)  # later in the log, dated a month earlier
    assert _allowed(log.state, DEMOTED - ROLE_CHANGE_SKEW)
    assert not _allowed(log.state, DEMOTED + ROLE_CHANGE_SKEW)


def test_an_audit_review_stays_valid_after_its_signer_leaves_quality():
    from utils.audit.review import _payload, _problem
    from utils.trust.crypto import SIG

    log = Log()
    log.put("qa", "quality", MADE)
    document = {"kind": "audit_review", "site": "site", "start": "a", "end": "b", "events": 1,
                "events_hash": "h", "note": "ok", "signed_by": "qa", "full_name": "Qa",
                "role": "quality", "signed_at": format_utc(DEMOTED - timedelta(days=1)),
                "local_time": "x", "zone": "UTC", "key_id": log.keys["qa"].key_id}
    document[SIG] = log.keys["qa"].sign(_payload(document))
    event = {"username": "qa", "station": "office1"}
    assert _problem(document, event, log.state, "office1") is None
    log.put("qa", "operator", DEMOTED)
    assert _problem(document, event, log.state, "office1") is None
    late = {**document, "signed_at": format_utc(DEMOTED + timedelta(hours=1))}
    late[SIG] = log.keys["qa"].sign(_payload(late))
    assert "may not review" in _problem(late, event, log.state, "office1")


def test_a_pc_whose_clock_is_behind_does_not_sign_a_change_of_role():
    """A reactivation or a promotion dated months back would count from the person's last
    change: the PC that would sign it refuses while its clock is behind that change (beyond
    the skew), and says to correct its clock."""
    from utils.trust.role_history import role_change_dated_behind
    from utils.trust.dirlog import make_op

    log = Log()
    log.put("sup", "supervisor", MADE)
    log.put("sup", "supervisor", DEMOTED, active=False)

    def op(at: datetime, role: str = "supervisor", active: bool = True) -> dict:
        data = {"username": "sup", "full_name": "Sup", "role": role, "active": active,
                "must_change_password": False, "badge_id": None, "password_hash": "h",
                "version": 3, "public_key": None, "sealed_key": None}
        return make_op("person:ana", log.keys["ana"], "site", "user.put", data, at)

    behind = role_change_dated_behind(log.state.role_changes, op(DEMOTED - ROLE_CHANGE_SKEW
                                                    - timedelta(minutes=1)))
    assert behind is not None and "clock" in behind and "behind" in behind
    assert role_change_dated_behind(log.state.role_changes, op(DEMOTED - ROLE_CHANGE_SKEW)) is None
    assert role_change_dated_behind(log.state.role_changes, op(DEMOTED + timedelta(days=1))) is None
    # Not a change of role or of being active (a new name, a password): never refused.
    assert role_change_dated_behind(log.state.role_changes, op(MADE, active=False)) is None


def test_a_last_change_dated_at_the_calendars_start_is_no_error():
    """An operation dated 0001-01-01 (a broken or hostile admin clock) is in the log: the next
    change of role is checked without arithmetic that leaves the calendar."""
    from utils.trust.role_history import note_role, role_change_dated_behind

    changes: dict = {}
    note_role(changes, "sup", datetime(1, 1, 1, tzinfo=timezone.utc), Role.SUPERVISOR)
    op = {"op": "user.put", "at": format_utc(DEMOTED),
          "data": {"username": "sup", "role": "operator", "active": True}}
    assert role_change_dated_behind(changes, op) is None


@pytest.mark.parametrize(("signed_at", "allowed"), [
    ("2199-12-31T23:59:59.999Z", True),
    ("2200-01-01T00:00:00.000Z", False),  # past any time a record may have: a lot frozen for good
    ("9999-12-31T23:59:59.999Z", False),
    ("2026-02-30T08:00:00.000Z", False),  # a day that does not exist
])
def test_an_act_is_dated_as_a_records_time_is(signed_at, allowed):
    """A person who still holds their role signs with a time every PC must be able to order
    the next act after (models/record_checks.record_time_errors, as for a record's time)."""
    state = DirectoryState("site", SigningKeyPair.generate().public)
    state.role_changes["sup"] = ((MADE, Role.SUPERVISOR),)
    assert role_allowed(state, "sup", _document(signed_at), (Permission.OEE_VIEW,)) is allowed
