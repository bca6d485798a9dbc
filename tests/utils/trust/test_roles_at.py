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
    ("0001-01-01T00:00:00.000Z", False),  # no moment 5 minutes before it: refused, not raised
    ("9999-12-31T23:59:59.999Z", False),
])
def test_a_supervisors_act_counts_when_signed_as_supervisor(state, signed_at, allowed):
    assert role_allowed(state, "sup", _document(signed_at), (Permission.OEE_VIEW,)) is allowed
