"""`check_command` on its own: pure, with `now` injected, so every limit is tested exactly.

The station-level tests (test_commands_faults.py, test_roundtrip.py) show that refusals are
acked and audited; these pin the decision itself: the one-day validity, the clock skew and the
expiry at their exact edges (a `>` turned into `>=` must fail a test), the order of the checks
(the first failure decides), each refusal's outcome, and the ack's field names.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from config.command_parameters import check_params
from config.constants import CommandType, Role
from models.canonical import format_utc
from utils.site.commands import (
    MAX_TTL, Outcome, ack_problem, check_command, issue_command, make_ack)
from utils.site.protocol import PROTOCOL_VERSION
from utils.site.signed import document_bytes
from utils.trust.crypto import SigningKeyPair

NOW = datetime(2026, 12, 3, 12, 0, 0, tzinfo=timezone.utc)
SKEW = timedelta(minutes=5)
MS = timedelta(milliseconds=1)  # the resolution of timestamps on the wire (format_utc)
STATION = "206"

PERSON = SigningKeyPair.generate()
STRANGER = SigningKeyPair.generate()
PC = SigningKeyPair.generate()


def person_signature(name: str, document: dict[str, Any]) -> str | None:
    """The directory's answer for this test: `ana` holds PERSON's key, nobody else has one."""
    if name != "ana":
        return f"{name} has no key"
    return None if PERSON.public.verify_document(document) else "does not verify"


def command(*, issued_at: datetime = NOW, not_after: datetime | None = None,
            key: SigningKeyPair = PERSON, role: Role = Role.SUPERVISOR,
            command_type: CommandType = CommandType.PING, target: str = STATION,
            params: dict[str, Any] | None = None, **overrides: Any) -> dict[str, Any]:
    """A command document signed by `key`, with any window (issue_command caps it)."""
    document = issue_command(key, command_type, target, params, issued_by="ana", role=role,
                             now=issued_at)
    body = {k: v for k, v in document.items() if k not in ("sig", "key_id")}
    if not_after is not None:
        body["not_after"] = format_utc(not_after)
    body.update(overrides)
    return key.sign_document(body)


def decide(document: dict[str, Any], *, now: datetime = NOW, stem: str | None = None,
           seen: bool = False, role: Role | None = Role.SUPERVISOR, data: bytes | None = None,
           taken_over_at: datetime | None = None):
    return check_command(data if data is not None else document_bytes(document),
                         file_stem=stem if stem is not None else document["id"],
                         signature_problem=person_signature, station_id=STATION, now=now,
                         max_skew=SKEW, seen_before=lambda _id: seen,
                         role_of=lambda _name: role, taken_over_at=taken_over_at)


def test_a_good_command_is_accepted_with_its_fields():
    document = command(command_type=CommandType.SET_LOT, params={"code": "L-7", "total_boxes": 10})
    decision = decide(document)
    assert decision.outcome is None and decision.reason == "accepted"
    assert decision.command_id == document["id"]
    assert decision.command is not None
    assert (decision.command.type, decision.command.target, decision.command.params,
            decision.command.issued_by, decision.command.role) == (
        CommandType.SET_LOT, STATION, {"code": "L-7", "total_boxes": 10}, "ana", Role.SUPERVISOR)
    assert decision.command.issued_at == NOW


# -- the validity window: at most one day, never negative ------------------------------------

def test_a_window_of_exactly_one_day_is_accepted():
    assert decide(command(not_after=NOW + MAX_TTL)).outcome is None


def test_a_window_one_millisecond_over_a_day_is_rejected():
    decision = decide(command(not_after=NOW + MAX_TTL + MS))
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == "validity window is not acceptable"


def test_a_window_of_zero_length_is_accepted_at_its_instant():
    assert decide(command(not_after=NOW), now=NOW).outcome is None


def test_a_window_that_ends_before_it_starts_is_rejected():
    decision = decide(command(not_after=NOW - MS))
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == "validity window is not acceptable"


def test_issue_command_caps_the_window_at_one_day():
    document = issue_command(PERSON, CommandType.PING, STATION, None, issued_by="ana",
                             role=Role.SUPERVISOR, now=NOW, ttl=timedelta(days=30))
    assert document["not_after"] == format_utc(NOW + MAX_TTL)
    assert decide(document).outcome is None


# -- clock skew: a command from the future is refused beyond the allowed skew ----------------

def test_issued_exactly_at_the_skew_limit_is_accepted():
    assert decide(command(issued_at=NOW + SKEW)).outcome is None


def test_issued_one_millisecond_beyond_the_skew_is_rejected():
    decision = decide(command(issued_at=NOW + SKEW + MS))
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == "issued in the future beyond the allowed clock skew"


# -- expiry: valid up to and including not_after ---------------------------------------------

def test_at_its_last_instant_a_command_is_still_valid():
    document = command(issued_at=NOW - timedelta(minutes=10), not_after=NOW)
    assert decide(document, now=NOW).outcome is None


def test_one_millisecond_after_not_after_a_command_has_expired():
    document = command(issued_at=NOW - timedelta(minutes=10), not_after=NOW)
    decision = decide(document, now=NOW + MS)
    assert decision.outcome is Outcome.EXPIRED
    assert decision.reason == f"expired at {document['not_after']}"
    assert decision.command_id == document["id"] and decision.command is not None


# -- each refusal and its outcome ------------------------------------------------------------

def test_not_json_is_rejected_with_the_file_name_as_its_id():
    stem = "a" * 32
    decision = decide({}, data=b"{not json", stem=stem)
    assert decision.outcome is Outcome.REJECTED and decision.reason.startswith("not valid JSON")
    assert decision.command_id == stem and decision.command is None


def test_a_file_name_that_is_not_a_command_id_gives_no_id():
    decision = decide({}, data=b"[]", stem="../../etc")
    assert decision.outcome is Outcome.REJECTED and decision.reason == "not a JSON object"
    assert decision.command_id is None


@pytest.mark.parametrize("missing", ["v", "id", "type", "target", "params", "issued_by", "role",
                                     "issued_at", "not_after", "key_id", "sig"])
def test_each_missing_field_is_named(missing):
    document = command()
    del document[missing]
    decision = decide(document, stem=command()["id"] if missing == "id" else None)
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == f"missing field(s): {missing}"


def test_an_unexpected_field_is_named():
    decision = decide(command(extra="x"))
    assert (decision.outcome, decision.reason) == (Outcome.REJECTED, "unexpected field(s): extra")


def test_another_protocol_version_is_rejected():
    decision = decide(command(v=PROTOCOL_VERSION + 1))
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == f"protocol version {PROTOCOL_VERSION + 1!r} not supported"


def test_an_id_that_differs_from_the_file_name_is_rejected():
    document = command()
    decision = decide(document, stem="b" * 32)
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == "the command id does not match its file name"
    assert decision.command_id == "b" * 32


def test_an_unknown_type_is_rejected():
    decision = decide(command(type="format_disk"))
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == "unknown command type 'format_disk'"


def test_control_characters_in_a_text_parameter_are_rejected():
    decision = decide(command(command_type=CommandType.SET_LOT, params={"code": "L\u202e7", "total_boxes": 10}))
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == "control or direction characters in the command"


def test_a_role_that_does_not_exist_is_a_bad_field():
    document = {k: v for k, v in command().items() if k not in ("sig", "key_id")}
    decision = decide(PERSON.sign_document({**document, "role": "owner"}))
    assert decision.outcome is Outcome.REJECTED and decision.reason.startswith("bad field:")


def test_a_signature_by_another_key_is_rejected_and_the_command_kept_for_the_audit():
    document = command(key=STRANGER)
    decision = decide(document)
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == "bad signature: does not verify"
    assert decision.command is not None and decision.command.id == document["id"]


def test_a_changed_parameter_breaks_the_signature():
    document = command(command_type=CommandType.SET_LOT, params={"code": "L-7", "total_boxes": 10})
    document["params"]["code"] = "L-8"
    assert decide(document).reason == "bad signature: does not verify"


def test_a_command_for_another_station_is_rejected():
    decision = decide(command(target="201"))
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == "addressed to 201, not 206"


def test_a_command_seen_before_is_a_duplicate():
    decision = decide(command(), seen=True)
    assert (decision.outcome, decision.reason) == (Outcome.DUPLICATE, "already received")


def test_an_issuer_who_is_no_longer_active_is_rejected():
    decision = decide(command(), role=None)
    assert (decision.outcome, decision.reason) == (Outcome.REJECTED, "ana is not an active user")


def test_the_role_the_directory_knows_wins_over_the_file():
    decision = decide(command(role=Role.ADMIN), role=Role.SUPERVISOR)
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == "role supervisor may not send ping"


def test_a_supervisor_may_not_send_settings():
    decision = decide(command(command_type=CommandType.SET_CONFIG,
                              params={"status_interval_ms": 2000}), role=Role.SUPERVISOR)
    assert decision.outcome is Outcome.REJECTED
    assert decision.reason == "role supervisor may not send set_config"


# -- order: the first failing check decides ---------------------------------------------------

def test_a_bad_signature_is_reported_before_the_target_and_the_expiry():
    document = command(key=STRANGER, target="201", issued_at=NOW - timedelta(days=2),
                       not_after=NOW - timedelta(days=2))
    assert decide(document).reason == "bad signature: does not verify"


def test_the_target_is_checked_before_the_expiry():
    document = command(target="201", issued_at=NOW - timedelta(days=2),
                       not_after=NOW - timedelta(days=2))
    assert decide(document).reason == "addressed to 201, not 206"


def test_an_expired_duplicate_is_reported_as_expired():
    document = command(issued_at=NOW - timedelta(hours=2), not_after=NOW - timedelta(hours=1))
    assert decide(document, seen=True).outcome is Outcome.EXPIRED


def test_a_duplicate_is_reported_before_the_role():
    assert decide(command(), seen=True, role=None).outcome is Outcome.DUPLICATE


# -- the ack -----------------------------------------------------------------------------------

def test_the_ack_carries_exactly_these_fields():
    ack = make_ack(PC, command_id="c" * 32, station_id=STATION, outcome=Outcome.DONE,
                   reason="accepted", result={"pong": True}, finished_at=NOW,
                   command_type="ping")
    assert set(ack) == {"v", "kind", "id", "station", "type", "status", "reason", "result",
                        "finished_at", "key_id", "sig"}
    assert (ack["v"], ack["kind"], ack["id"], ack["station"], ack["type"], ack["status"],
            ack["reason"], ack["result"], ack["finished_at"], ack["key_id"]) == (
        PROTOCOL_VERSION, "ack", "c" * 32, STATION, "ping", "done", "accepted",
        {"pong": True}, format_utc(NOW), PC.key_id)
    assert PC.public.verify_document(ack)


def pc_check(station: str, document: Any) -> str | None:
    return None if station == STATION and PC.public.verify_document(document) else "not its PC"


def test_an_ack_of_this_command_by_the_station_is_an_outcome():
    ack = make_ack(PC, command_id="c" * 32, station_id=STATION, outcome=Outcome.FAILED,
                   reason="x", result=None, finished_at=NOW)
    assert ack_problem(ack, command_id="c" * 32, station_id=STATION, check_pc=pc_check) is None


@pytest.mark.parametrize("change", [
    {"kind": "status"}, {"id": "d" * 32}, {"station": "201"}, {"status": "maybe"},
    {"v": PROTOCOL_VERSION + 1}])
def test_anything_else_in_acks_is_not_an_outcome(change):
    ack = make_ack(PC, command_id="c" * 32, station_id=STATION, outcome=Outcome.DONE,
                   reason="x", result=None, finished_at=NOW)
    forged = PC.sign_document({**ack, **change})
    assert ack_problem(forged, command_id="c" * 32, station_id=STATION,
                       check_pc=pc_check) == "not an ack of this command"


def test_an_ack_signed_by_another_key_is_not_an_outcome():
    ack = make_ack(STRANGER, command_id="c" * 32, station_id=STATION, outcome=Outcome.DONE,
                   reason="x", result=None, finished_at=NOW)
    assert ack_problem(ack, command_id="c" * 32, station_id=STATION,
                       check_pc=pc_check) == "not its PC"


# -- what a refusal carries: the id for the ack, the command for the audit ---------------------
# A refusal names the command by its file name (the ack goes back under that name) once the name
# is a command id, and carries the parsed command from the moment it could be built.

def resigned(document: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """`document` with `changes`, signed again by PERSON (so only the change is wrong)."""
    body = {k: v for k, v in document.items() if k not in ("sig", "key_id")}
    return PERSON.sign_document({**body, **changes})


def test_refusals_before_the_command_is_built_carry_the_file_name_only():
    good = command()
    unsigned = {k: v for k, v in good.items() if k not in ("key_id", "sig")}
    cases = [
        ("not a JSON object", []),
        ("missing field(s): key_id, sig", unsigned),
        ("unexpected field(s): extra, more", command(extra=1, more=2)),
        (f"protocol version {PROTOCOL_VERSION + 1!r} not supported",
         command(v=PROTOCOL_VERSION + 1)),
        ("unknown command type 'format_disk'", command(type="format_disk")),
        (check_params(CommandType.PING, {"x": 1}), resigned(good, params={"x": 1})),
        ("bad field: issued_at must be text", resigned(good, issued_at=20261203)),
    ]
    for reason, document in cases:
        stem = document["id"] if isinstance(document, dict) else "a" * 32
        decision = decide({}, stem=stem, data=document_bytes(document))
        assert (decision.outcome, decision.reason, decision.command_id, decision.command) == (
            Outcome.REJECTED, reason, stem, None), reason


def test_the_catalogue_refuses_unknown_parameters_before_signing():
    assert check_params(CommandType.PING, {"x": 1}) is not None
    with pytest.raises(ValueError, match=re.escape(check_params(CommandType.PING, {"x": 1}))):
        issue_command(PERSON, CommandType.PING, STATION, {"x": 1}, issued_by="ana",
                      role=Role.SUPERVISOR, now=NOW)


def test_a_target_that_is_not_text_is_a_bad_field():
    decision = decide(resigned(command(), target=206))
    assert decision.reason == "bad field: target must be text"


@pytest.mark.parametrize(("name", "changes", "outcome", "reason"), [
    ("signature", {"key": STRANGER}, Outcome.REJECTED, "bad signature: does not verify"),
    ("target", {"target": "201"}, Outcome.REJECTED, "addressed to 201, not 206"),
    ("window", {"not_after": NOW + MAX_TTL + MS}, Outcome.REJECTED,
     "validity window is not acceptable"),
    ("future", {"issued_at": NOW + SKEW + MS}, Outcome.REJECTED,
     "issued in the future beyond the allowed clock skew"),
    ("expired", {"issued_at": NOW - timedelta(hours=1), "not_after": NOW - MS}, Outcome.EXPIRED,
     None),
    ("duplicate", {}, Outcome.DUPLICATE, "already received"),
    ("inactive", {}, Outcome.REJECTED, "ana is not an active user"),
    ("role", {"command_type": CommandType.SET_CONFIG, "params": {"status_interval_ms": 2000}},
     Outcome.REJECTED, "role supervisor may not send set_config"),
])
def test_refusals_after_parsing_carry_the_id_and_the_whole_command(name, changes, outcome,
                                                                    reason):
    document = command(**changes)
    decision = decide(document, seen=name == "duplicate",
                      role=None if name == "inactive" else Role.SUPERVISOR)
    assert decision.outcome is outcome
    assert decision.reason == (reason or f"expired at {document['not_after']}")
    assert decision.command_id == document["id"]
    assert decision.command is not None
    assert decision.command.id == document["id"] and decision.command.issued_by == "ana"
    assert decision.command.document == document


def test_the_duplicate_check_and_the_directory_are_asked_about_this_command_and_issuer():
    document = command()
    asked: list[tuple[str, str]] = []

    def seen_before(command_id: str) -> bool:
        asked.append(("seen", command_id))
        return False

    def role_of(name: str) -> Role | None:
        asked.append(("role", name))
        return Role.SUPERVISOR if name == "ana" else None

    decision = check_command(document_bytes(document), file_stem=document["id"],
                             signature_problem=person_signature, station_id=STATION, now=NOW,
                             max_skew=SKEW, seen_before=seen_before, role_of=role_of)
    assert decision.outcome is None
    assert asked == [("seen", document["id"]), ("role", "ana")]


# -- a PC that took its station over: nothing issued before that moment plus the skew ---------

TAKEN_OVER = NOW - SKEW - timedelta(minutes=1)  # the commands below still valid now


def test_issued_at_the_takeover_plus_the_skew_is_refused_a_millisecond_later_runs():
    at_bound = command(issued_at=TAKEN_OVER + SKEW)
    refused = decide(at_bound, taken_over_at=TAKEN_OVER)
    assert refused.outcome == Outcome.REJECTED
    assert refused.reason == ("issued before this PC took station 206 over at 2026-12-03 "
                              "11:54 UTC; send it again if it is still wanted (one issued "
                              "after 11:59:00 UTC runs)")
    assert refused.command_id == at_bound["id"]
    assert refused.command is not None and refused.command.id == at_bound["id"]
    assert decide(command(issued_at=TAKEN_OVER + SKEW + MS),
                  taken_over_at=TAKEN_OVER).outcome is None
    # The station's first PC (no takeover): the same command runs.
    assert decide(at_bound).outcome is None


def test_the_takeover_check_comes_after_the_duplicate_and_before_the_role():
    old = command(issued_at=TAKEN_OVER)
    assert decide(old, taken_over_at=TAKEN_OVER, seen=True).outcome == Outcome.DUPLICATE
    refused = decide(old, taken_over_at=TAKEN_OVER, role=None)  # no longer an active user
    assert refused.outcome == Outcome.REJECTED and refused.reason.startswith("issued before")
