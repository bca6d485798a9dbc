"""FAULTS.md "Commands", end to end: command files dropped straight into the inbox of a station
whose SyncService is running; each fault is answered by one ack, one audit trail and no side
effect beyond the one the command is allowed to have."""

from __future__ import annotations

import os
import threading
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from config.command_parameters import COMMAND_PARAMS
from config.constants import CommandType, Role
from data import commands_repo
from utils.trust.crypto import SigningKeyPair
from utils.context import AppContext
from utils.site import inbox as inbox_part
from utils.site import share_files
from utils.site.commands import COMMAND_MAX_BYTES, Outcome, check_command
from utils.site.folder_transport import FolderTransport
from utils.site.fleet import FleetMonitor
from utils.site.signed import document_bytes, sign_document
from utils.audit.chain import Actor
from utils.site.station_state import StationState

from tests.utils.site.sitekit import (
    RecordingEffects, add_user, admin_session, called_path, command_actions, drop, issue,
    person_signer, read_ack, site_layout, start_sync, status_seq, wait_ack, wait_actions,
    wait_until,
)




class Running:
    """A station PC with its sync service; closed by the fixture whatever happens."""

    def __init__(self, site, tmp_path, station_id="206", **settings):
        self.site, self.tmp_path, self.station_id = site, tmp_path, station_id
        self.ctx = site.station(tmp_path, station_id, **settings)
        self.home = tmp_path / f"home-{station_id}"
        self.effects = RecordingEffects()
        self.service = None
        self.start()

    def start(self):
        self.service = start_sync(self.ctx, self.effects, watch=False)
        wait_until(lambda: self.service.counters["heartbeats"] > 0)

    def restart(self):
        """A station restart: stop, close the database, open the same home again."""
        self.service.stop()
        self.service = None
        self.ctx.close()
        self.ctx = AppContext.open(self.home)
        self.effects = RecordingEffects()
        self.start()

    @property
    def layout(self):
        return site_layout(self.site.share).station(self.station_id)

    @property
    def quarantine(self):
        return site_layout(self.site.share).quarantine(self.station_id)

    def close(self):
        self.effects.release.set()
        try:
            if self.service is not None:
                self.service.stop()
        finally:
            self.ctx.close()


@pytest.fixture
def station(site, tmp_path):
    running = Running(site, tmp_path)
    yield running
    running.close()


def effect_calls(effects):
    return [name for name, _ in effects.calls]


def assert_rejected(station, command_id, reason_part):
    """Ack `rejected` with the reason, the file quarantined with a .reason, audited."""
    ack = wait_ack(station.site.share, station.station_id, command_id)
    assert ack["status"] == "rejected", ack
    assert reason_part in ack["reason"], ack["reason"]
    assert not (station.layout.inbox / f"{command_id}.json").exists()
    quarantined = station.quarantine / f"{command_id}.json"
    assert quarantined.exists()
    reason_file = station.quarantine / f"{command_id}.json.reason"
    assert reason_part in reason_file.read_text()
    assert "command.rejected" in command_actions(station.ctx, command_id)
    assert "command.received" not in command_actions(station.ctx, command_id)
    return ack


# -- refused before any side effect ----------------------------------------------------------


def test_unsigned_command_is_rejected(site, station):
    document = issue(site, CommandType.LOCK, params={"reason": "unsigned"})
    del document["sig"]
    drop(site.share, "206", document)
    assert_rejected(station, document["id"], "missing field(s): sig")
    assert station.ctx.production.locked_reason is None and effect_calls(station.effects) == []


def test_blank_signature_is_rejected(site, station):
    document = issue(site, CommandType.LOCK, params={"reason": "blank sig"})
    document["sig"] = "0" * 64
    drop(site.share, "206", document)
    assert_rejected(station, document["id"], "bad signature")
    assert station.ctx.production.locked_reason is None


@pytest.mark.parametrize("same_key_id", [False, True], ids=["other-key-id", "forged-key-id"])
def test_command_signed_with_a_wrong_key_is_rejected(site, station, same_key_id):
    wrong = SigningKeyPair.generate()  # anybody's key but ana's
    document = issue(site, CommandType.LOCK, params={"reason": "forged"}, key=wrong)
    if same_key_id:  # it claims to be ana's key
        document["key_id"] = person_signer(site, "ana").key_id
    drop(site.share, "206", document)
    assert_rejected(station, document["id"], "bad signature")
    assert station.ctx.production.locked_reason is None and effect_calls(station.effects) == []


def test_parameter_changed_after_signing_is_rejected_and_the_lot_is_unchanged(site, station):
    operator_lot = issue(site, CommandType.SET_LOT, params={"code": "LOT-A", "total_boxes": 10})
    drop(site.share, "206", operator_lot)
    assert wait_ack(site.share, "206", operator_lot["id"])["status"] == "done"
    tampered = issue(site, CommandType.SET_LOT, params={"code": "LOT-B", "total_boxes": 10})
    tampered["params"]["code"] = "EVIL-1"
    drop(site.share, "206", tampered)
    assert_rejected(station, tampered["id"], "bad signature")
    lot = station.ctx.production.current_lot()
    assert (lot.code, lot.total_boxes) == ("LOT-A", 10)
    assert [name for name in effect_calls(station.effects)] == ["lot_changed"]


def test_unknown_type_signed_with_the_site_key_is_rejected(site, station):
    document = issue(site, CommandType.PING)
    document["type"] = "shell"
    document["params"] = {"cmd": "rm -rf /"}
    document = sign_document(document, person_signer(site, "ana"))
    drop(site.share, "206", document)
    assert_rejected(station, document["id"], "unknown command type 'shell'")


@pytest.mark.parametrize("field", ["target", "params", "not_after", "issued_by"])
def test_missing_fields_are_rejected(site, station, field):
    document = issue(site, CommandType.LOCK, params={"reason": "x"})
    del document[field]
    document = sign_document(document, person_signer(site, "ana"))
    drop(site.share, "206", document)
    assert_rejected(station, document["id"], f"missing field(s): {field}")
    assert station.ctx.production.locked_reason is None


def test_bad_parameters_are_rejected(site, station):
    document = issue(site, CommandType.SET_LOT, params={"code": "L", "total_boxes": 10})
    document["params"]["total_boxes"] = 0
    document = sign_document(document, person_signer(site, "ana"))
    drop(site.share, "206", document)
    assert_rejected(station, document["id"], "total_boxes")
    assert station.ctx.production.current_lot() is None


# -- replay, expiry, skew, target, role ------------------------------------------------------


def test_replayed_command_is_not_executed_again_also_after_a_restart(site, station):
    document = issue(site, CommandType.MESSAGE, params={"text": "hello once"})
    drop(site.share, "206", document)
    first = wait_ack(site.share, "206", document["id"])
    assert first["status"] == "done" and effect_calls(station.effects) == ["message"]
    wait_until(lambda: not (station.layout.inbox / f"{document['id']}.json").exists())

    replay = drop(site.share, "206", document)
    wait_until(lambda: not replay.exists())
    wait_until(lambda: "command.duplicate" in command_actions(station.ctx, document["id"]))
    assert effect_calls(station.effects) == ["message"]
    assert read_ack(site.share, "206", document["id"]) == first  # the first ack stands

    station.restart()
    replay = drop(site.share, "206", document)
    wait_until(lambda: not replay.exists())
    wait_until(lambda: command_actions(station.ctx, document["id"]).count("command.duplicate") == 2)
    assert effect_calls(station.effects) == []
    assert read_ack(site.share, "206", document["id"]) == first
    actions = command_actions(station.ctx, document["id"])
    assert actions.count("command.received") == 1 and actions.count("command.done") == 1


def test_expired_command_is_acked_expired_without_effect(site, station):
    past = datetime.now(timezone.utc) - timedelta(minutes=30)
    document = issue(site, CommandType.LOCK, params={"reason": "late"}, now=past,
                     ttl=timedelta(minutes=10))
    path = drop(site.share, "206", document)
    ack = wait_ack(site.share, "206", document["id"])
    assert ack["status"] == "expired" and "expired at" in ack["reason"]
    wait_until(lambda: not path.exists())
    assert station.ctx.production.locked_reason is None and effect_calls(station.effects) == []
    assert "command.expired" in command_actions(station.ctx, document["id"])


def test_command_from_the_future_beyond_the_skew_is_rejected(site, station):
    skew = station.ctx.settings.command_max_skew_s
    future = datetime.now(timezone.utc) + timedelta(seconds=skew + 120)
    document = issue(site, CommandType.LOCK, params={"reason": "future"}, now=future)
    drop(site.share, "206", document)
    assert_rejected(station, document["id"], "issued in the future")
    assert station.ctx.production.locked_reason is None


def test_command_within_the_skew_is_accepted(site, station):
    skew = station.ctx.settings.command_max_skew_s
    soon = datetime.now(timezone.utc) + timedelta(seconds=skew / 2)
    document = issue(site, CommandType.PING, now=soon)
    drop(site.share, "206", document)
    assert wait_ack(site.share, "206", document["id"])["status"] == "done"


def test_command_for_another_station_in_this_inbox_is_rejected(site, station):
    document = issue(site, CommandType.LOCK, target="207", params={"reason": "not for you"})
    drop(site.share, "206", document)
    assert_rejected(station, document["id"], "addressed to 207, not 206")
    assert station.ctx.production.locked_reason is None


@pytest.fixture
def site_with_people(site):
    add_user(site, "olga", Role.OPERATOR)
    add_user(site, "andre", Role.ANALYST)
    add_user(site, "sue", Role.SUPERVISOR)
    return site


@pytest.mark.parametrize("issuer,role,command_type,params,reason", [
    ("olga", "operator", CommandType.LOCK, {"reason": "x"}, "role operator may not send lock"),
    ("andre", "analyst", CommandType.PING, {}, "role analyst may not send ping"),
    ("olga", "admin", CommandType.LOCK, {"reason": "x"}, "role operator may not send lock"),
    ("sue", "supervisor", CommandType.SET_CONFIG, {"status_interval_ms": 50},
     "role supervisor may not send set_config"),
    ("nobody", "admin", CommandType.LOCK, {"reason": "x"}, "nobody is not an active user"),
])
def test_issuer_role_not_allowed_is_rejected(site_with_people, tmp_path, issuer, role,
                                             command_type, params, reason):
    site = site_with_people
    running = Running(site, tmp_path)
    try:
        interval = running.ctx.settings.status_interval_ms
        # Nobody has no key: that command carries somebody else's signature (ana's).
        key = person_signer(site, "ana") if issuer == "nobody" else None
        document = issue(site, command_type, params=params, issued_by=issuer, role=role, key=key)
        drop(site.share, "206", document)
        assert_rejected(running, document["id"], reason)
        assert running.ctx.production.locked_reason is None
        assert running.ctx.settings.status_interval_ms == interval
        assert effect_calls(running.effects) == []
    finally:
        running.close()


def test_supervisor_may_lock(site_with_people, tmp_path):
    running = Running(site_with_people, tmp_path)
    try:
        document = issue(site_with_people, CommandType.LOCK, params={"reason": "audit"},
                         issued_by="sue", role="supervisor")
        drop(site_with_people.share, "206", document)
        assert wait_ack(site_with_people.share, "206", document["id"])["status"] == "done"
        assert running.ctx.production.locked_reason == "audit"
    finally:
        running.close()


# -- slow commands, floods, huge files -------------------------------------------------------


def test_slow_message_does_not_stall_heartbeat_or_other_commands(site, station):
    station.effects.release.clear()
    message = issue(site, CommandType.MESSAGE, params={"text": "please acknowledge"})
    drop(site.share, "206", message)
    wait_until(lambda: effect_calls(station.effects) == ["message"])
    seq = wait_until(lambda: status_seq(site.share, "206"))
    wait_until(lambda: (status_seq(site.share, "206") or 0) >= seq + 3)  # heartbeat goes on
    ping = issue(site, CommandType.PING)
    drop(site.share, "206", ping)
    assert wait_ack(site.share, "206", ping["id"])["status"] == "done"
    assert read_ack(site.share, "206", message["id"]) is None  # still waiting for the operator
    assert (station.layout.inbox / f"{message['id']}.json").exists()
    station.effects.release.set()
    ack = wait_ack(site.share, "206", message["id"])
    assert ack["status"] == "done" and ack["result"]["acknowledged_by"] == "op"
    assert effect_calls(station.effects) == ["message"]


def test_100_mb_file_is_rejected_with_bounded_memory(site, station):
    command_id = "ab" * 16
    path = station.layout.inbox / f".{command_id}.json.writing.tmp"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    tracemalloc.start()
    try:
        path.rename(station.layout.inbox / f"{command_id}.json")
        ack = wait_ack(site.share, "206", command_id)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ack["status"] == "rejected" and "file too large" in ack["reason"]
    assert str(COMMAND_MAX_BYTES) in ack["reason"]
    assert peak < 10 * 1024 * 1024, f"{peak} bytes allocated while refusing a 100 MB file"
    assert (station.quarantine / f"{command_id}.json").stat().st_size == 100 * 1024 * 1024
    assert "file too large" in (station.quarantine / f"{command_id}.json.reason").read_text()
    assert "command.rejected" in command_actions(station.ctx, command_id)
    ping = issue(site, CommandType.PING)
    drop(site.share, "206", ping)
    assert wait_ack(site.share, "206", ping["id"])["status"] == "done"


def test_300_junk_files_are_all_dealt_with_and_the_station_keeps_working(site, station):
    inbox = station.layout.inbox
    signed_other = issue(site, CommandType.PING, target="207")
    kinds = [
        b"",  # empty
        b"{\"v\": 1, \"id\": ",  # half-written
        b"\xff\xfe garbage \x00\x01",  # not UTF-8
        b"[1, 2, 3]",  # not an object
        b"{\"v\": 1}",  # missing fields
        b"{\"a\": 1, \"a\": 2}",  # duplicate keys
        b"{\"x\": NaN}",  # JSON constant
        document_bytes(signed_other),  # genuine, but for another station, under another name
    ]
    names = []
    for i in range(300):
        name = f"{i:032x}.json" if i % 2 else f"junk-{i}.json"
        (inbox / name).write_bytes(kinds[i % len(kinds)])
        names.append(name)
    wait_until(lambda: not any(name.endswith(".json") for name in os.listdir(inbox)), timeout=30)
    expected = set(names) | {f"{name}.reason" for name in names}  # the .reason follows the move
    wait_until(lambda: expected <= {p.name for p in station.quarantine.iterdir()})
    hex_ids = [name[:-5] for name in names if not name.startswith("junk")]
    acks = wait_until(lambda: (lambda found: found if all(found) else None)(
        [read_ack(site.share, "206", cid) for cid in hex_ids]))
    assert all(ack["status"] == "rejected" and ack["reason"] for ack in acks)
    ping = issue(site, CommandType.PING)
    drop(site.share, "206", ping)
    assert wait_ack(site.share, "206", ping["id"])["status"] == "done"
    assert effect_calls(station.effects) == []


# -- every command type, through the admin's FleetMonitor ------------------------------------


SAMPLE_PARAMS = {
    CommandType.PING: {},
    CommandType.MESSAGE: {"text": "Check the die", "title": "Supervisor"},
    CommandType.LOGOUT: {"reason": "end of shift"},
    CommandType.LOCK: {"reason": "maintenance"},
    CommandType.UNLOCK: {},
    CommandType.SET_LOT: {"code": "L-42", "total_boxes": 12, "current_box": 3},
    CommandType.SET_PRODUCT: {"size": "#00"},
    CommandType.SET_CONFIG: {"status_interval_ms": 120, "idle_logout_minutes": 30},
    CommandType.RESEND_STATUS: {},
    CommandType.COLLECT_DIAGNOSTICS: {},
    CommandType.GET_LOGS: {"lines": 20, "contains": "share"},
    CommandType.BACKUP_NOW: {},
    CommandType.VERIFY_AUDIT: {},
    CommandType.CLOSE_APP: {"force": False},
    CommandType.RESTART_APP: {"force": True},
}


def test_sample_params_cover_the_catalogue():
    assert set(SAMPLE_PARAMS) == set(CommandType)
    for command_type, params in SAMPLE_PARAMS.items():
        assert set(params) <= {spec.name for spec in COMMAND_PARAMS[command_type]}
        assert {spec.name for spec in COMMAND_PARAMS[command_type] if spec.required} <= set(params)


def test_every_command_type_round_trips_to_done(site, station):
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    ana = admin_session(site)
    results = {}
    for command_type, params in SAMPLE_PARAMS.items():
        sent = fleet.send(ana, command_type, ["206"], params)
        finished = wait_until(fleet.track)
        assert [row["command_id"] for row in finished] == [sent[0]["id"]]
        assert finished[0]["state"] == "done", (command_type, finished[0]["reason"])
        results[command_type] = finished[0]["result"]
        if command_type == CommandType.LOCK:
            assert station.ctx.production.locked_reason == "maintenance"
        if command_type == CommandType.UNLOCK:
            assert station.ctx.production.locked_reason is None
        if command_type == CommandType.CLOSE_APP:
            assert station.effects.stop_requested.is_set()
            assert station.effects.restart_requested is False
            station.effects.stop_requested.clear()
        if command_type == CommandType.RESTART_APP:
            assert station.effects.stop_requested.is_set()
            assert station.effects.restart_requested is True

    calls = station.effects.calls
    assert [name for name, _ in calls] == [
        "message", "force_logout", "lock_entry", "unlock_entry", "lot_changed",
        "product_changed", "config_changed", "close_app", "restart_app"]
    assert calls[0][1] == {"text": "Check the die", "title": "Supervisor"}
    assert calls[2][1] == ("maintenance",)
    assert calls[6][1] == ({"status_interval_ms": 120, "idle_logout_minutes": 30},)
    assert calls[7][1] == (False,) and calls[8][1] == (True,)  # force flags reach the effects
    assert results[CommandType.PING]["station"] == "206"
    assert results[CommandType.SET_LOT] == {"lot": "L-42", "current_box": 3, "total_boxes": 12}
    lot = station.ctx.production.current_lot()
    assert (lot.code, lot.total_boxes, lot.current_box) == ("L-42", 12, 3)
    assert results[CommandType.SET_PRODUCT] == {"size": "#00"}
    assert station.ctx.settings.status_interval_ms == 120
    assert station.ctx.settings.idle_logout_minutes == 30
    assert station.service.site_settings.status_interval_s == pytest.approx(0.12)
    assert results[CommandType.COLLECT_DIAGNOSTICS]["share_online"] is True
    assert isinstance(results[CommandType.GET_LOGS]["lines"], list)
    assert Path(results[CommandType.BACKUP_NOW]["path"]).stat().st_size > 0
    assert results[CommandType.VERIFY_AUDIT]["ok"] is True
    sent_states = {row["type"]: row["state"] for row in fleet.sent_commands()}
    assert sent_states == {str(t): "done" for t in CommandType}


# -- crash between "ledger says executing" and the ack ----------------------------------------


def _cut_off(site, ctx, document, kind: str, change=None):
    """The PC died while running `document`: its ledger says "executing" (and `change`, a
    unit of work the command made, was committed), its file still in the inbox. The PC
    starts again: its sync service, with the effects it records."""
    with ctx.database.write() as connection:
        commands_repo.ledger_start(connection, document["id"], kind, "ana",
                                   datetime.now(timezone.utc))
    if change is not None:
        change()
    site_layout(site.share).station("206").ensure()
    drop(site.share, "206", document)
    effects = RecordingEffects()
    return effects, start_sync(ctx, effects, watch=False)


def test_crash_after_ledger_start_is_acked_failed_and_never_executed(site, tmp_path):
    ctx = site.station(tmp_path, "206")
    document = issue(site, CommandType.MESSAGE, params={"text": "before the crash"})
    effects, service = _cut_off(site, ctx, document, "message")
    try:
        ack = wait_ack(site.share, "206", document["id"])
        assert ack["status"] == "failed" and "interrupted" in ack["reason"]
        wait_until(lambda: not (site_layout(site.share).station("206").inbox
                                / f"{document['id']}.json").exists())
        wait_until(lambda: "command.duplicate" in command_actions(ctx, document["id"]))
        assert effects.calls == []
        actions = command_actions(ctx, document["id"])
        assert "command.received" not in actions and "command.done" not in actions
        assert actions.count("command.failed") == 1

        def all_acked():
            with ctx.database.read() as connection:
                return commands_repo.ledger_unacked(connection) == []
        wait_until(all_acked)
    finally:
        service.stop()
        ctx.close()


def test_crash_after_a_locks_change_is_acked_done_and_the_station_stays_locked(site, tmp_path):
    """The lock's change (its key and its event, one unit of work) was committed, then the PC
    died before the command's outcome: at restart the station is still locked, and the ack
    and the trail say the lock was done (they said "failed: interrupted" while the station
    stayed locked); it is not run again."""
    ctx = site.station(tmp_path, "206")
    document = issue(site, CommandType.LOCK, params={"reason": "maintenance"})

    def locked() -> None:
        StationState(ctx.database, ctx.production, ctx.changes, "206").lock(
            "maintenance", Actor("ana", "admin"), document["id"])
        ctx.production.locked_reason = None  # the process died: nothing of it in memory

    effects, service = _cut_off(site, ctx, document, "lock", locked)
    try:
        ack = wait_ack(site.share, "206", document["id"])
        assert ack["status"] == "done" and "station.locked" in ack["reason"]
        assert "restart" in ack["reason"]
        assert ctx.production.locked_reason == "maintenance"
        wait_until(lambda: "command.duplicate" in command_actions(ctx, document["id"]))
        assert effects.calls == []
        actions = command_actions(ctx, document["id"])
        assert actions.index("station.locked") < actions.index("command.done")
        assert "command.failed" not in actions and actions.count("command.done") == 1
    finally:
        service.stop()
        ctx.close()


# -- robustness beyond the list: one bad file must never stop the inbox -----------------------


def test_timestamp_of_the_wrong_type_does_not_block_the_inbox(site, station):
    document = issue(site, CommandType.LOCK, params={"reason": "x"})
    document["issued_at"] = 5  # no key needed: parsing comes before the signature check
    drop(site.share, "206", document)
    ping = issue(site, CommandType.PING)
    drop(site.share, "206", ping)
    assert wait_ack(site.share, "206", ping["id"], timeout=2)["status"] == "done"
    ack = wait_ack(site.share, "206", document["id"], timeout=2)
    assert ack["status"] == "rejected" and "bad field" in ack["reason"]


@pytest.mark.parametrize("field", ["issued_at", "not_after"])
@pytest.mark.parametrize("value", [5, None, ["2026-01-01T00:00:00Z"]], ids=["int", "null", "list"])
def test_check_command_rejects_timestamps_of_the_wrong_type(site, field, value):
    document = issue(site, CommandType.PING)
    document[field] = value
    decision = check_command(document_bytes(document), file_stem=document["id"],
                             signature_problem=lambda _name, _doc: None, station_id="206",
                             now=datetime.now(timezone.utc), max_skew=timedelta(minutes=5),
                             seen_before=lambda _id: False, role_of=lambda _name: Role.ADMIN)
    assert decision.outcome == Outcome.REJECTED and "bad field" in decision.reason


def test_second_copy_of_a_forged_command_is_audited_too(site, station):
    document = issue(site, CommandType.LOCK, params={"reason": "forged"})
    document["params"]["reason"] = "altered"
    drop(site.share, "206", document)
    assert_rejected(station, document["id"], "bad signature")
    again = drop(site.share, "206", document)
    wait_until(lambda: not again.exists())
    assert (station.quarantine / f"{document['id']}.1.json").exists()
    assert command_actions(station.ctx, document["id"]).count("command.rejected") == 2


def test_two_slow_messages_do_not_block_a_ping(site, station):
    station.effects.release.clear()
    for text in ("first", "second"):
        drop(site.share, "206", issue(site, CommandType.MESSAGE, params={"text": text}))
    wait_until(lambda: effect_calls(station.effects) == ["message", "message"])
    ping = issue(site, CommandType.PING)
    drop(site.share, "206", ping)
    ack = wait_until(lambda: read_ack(site.share, "206", ping["id"]), timeout=2)
    assert ack["status"] == "done"


def test_a_command_file_that_cannot_be_removed_is_not_reprocessed_every_rescan(site, station,
                                                                                monkeypatch):
    ping = issue(site, CommandType.PING)
    protected = station.layout.inbox / f"{ping['id']}.json"
    real_unlink = os.unlink
    refusals = []

    def unlink(path, *args, **kwargs):
        if called_path(path, kwargs) == os.fspath(protected) and len(refusals) < 1000:
            refusals.append(path)
            raise PermissionError(13, "Access is denied")  # the share lets us read, not delete
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    drop(site.share, "206", ping)
    assert wait_ack(site.share, "206", ping["id"])["status"] == "done"
    heartbeats = station.service.counters["heartbeats"]
    wait_until(lambda: station.service.counters["heartbeats"] >= heartbeats + 3)  # many rescans
    assert protected.exists() and len(refusals) >= 2  # removal retried
    wait_actions(station.ctx, ping["id"], ["command.received", "command.done"])
    assert station.service.counters["rejected"] == 0
    refusals.extend([None] * 1000)  # the share allows it again
    wait_until(lambda: not protected.exists())
    wait_actions(station.ctx, ping["id"], ["command.received", "command.done"])


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_the_inbox_does_not_freeze_the_sync_loop(site, station):
    fifo = station.layout.inbox / ("cd" * 16 + ".json")
    os.mkfifo(fifo)
    try:
        ping = issue(site, CommandType.PING)
        drop(site.share, "206", ping)
        seq = wait_until(lambda: status_seq(site.share, "206"))
        wait_until(lambda: (status_seq(site.share, "206") or 0) >= seq + 3, timeout=2)
        ack = wait_until(lambda: read_ack(site.share, "206", ping["id"]), timeout=2)
        assert ack["status"] == "done"
        fifo_ack = wait_ack(site.share, "206", fifo.stem)
        assert fifo_ack["status"] == "rejected" and "not a regular file" in fifo_ack["reason"]
        assert not fifo.exists() and (station.quarantine / fifo.name).exists()
    finally:
        # A service that left the FIFO in the inbox (a regression): take it out, then unblock
        # a reader stuck in open() on it, so the test fails instead of hanging. (No `return`
        # here: it would swallow the failure of the assertions above.)
        if fifo.exists():
            _unblock_fifo(station, fifo)


def _unblock_fifo(station, fifo) -> None:
    moved = station.tmp_path / "fifo-out"
    os.rename(fifo, moved)
    heartbeats = station.service.counters["heartbeats"]

    def loop_moves_on():
        try:
            os.close(os.open(moved, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass  # nobody is waiting on it (yet)
        return station.service.counters["heartbeats"] > heartbeats

    wait_until(loop_moves_on, timeout=5)


def test_a_command_accepted_while_another_finishes_is_not_acked_interrupted(site, station):
    effects, audit = station.effects, station.ctx.audit
    effects.release.clear()
    message = issue(site, CommandType.MESSAGE, params={"text": "finishing"})
    drop(site.share, "206", message)
    wait_until(lambda: effect_calls(effects) == ["message"])
    real_flush = audit.write_witness
    armed = threading.Event()
    armed.set()

    def flush_then_let_the_message_finish():
        result = real_flush()
        if armed.is_set() and threading.current_thread().name == "shopfloor-sync":
            armed.clear()  # the loop is inside _accept for the lock: the message ends now
            effects.release.set()
            try:
                wait_until(lambda: read_ack(site.share, "206", message["id"]), timeout=2)
            except AssertionError:
                pass  # a fixed service may hold the message's acks back until the accept ends
        return result

    audit.write_witness = flush_then_let_the_message_finish
    try:
        lock = issue(site, CommandType.LOCK, params={"reason": "race"})
        drop(site.share, "206", lock)
        ack = wait_ack(site.share, "206", lock["id"])
        wait_until(lambda: "command.done" in command_actions(station.ctx, lock["id"])
                   or "command.failed" in command_actions(station.ctx, lock["id"]))
        assert ack["status"] == "done", (ack["status"], ack["reason"],
                                         station.ctx.production.locked_reason)
    finally:
        del audit.write_witness


def test_a_refused_file_that_cannot_be_quarantined_does_not_block_the_inbox(site, station,
                                                                             monkeypatch):
    """The share lets the station read a forged file but not move it to the quarantine: the
    refusal is recorded (not once per rescan), and later commands still run."""
    forged = issue(site, CommandType.LOCK, params={"reason": "forged"})
    forged["params"]["reason"] = "altered"
    stuck = station.layout.inbox / f"{forged['id']}.json"
    real_rename = os.rename

    def rename(source, target, *args, **kwargs):  # the quarantine's move
        if called_path(source, kwargs) == os.fspath(stuck):
            raise PermissionError(13, "Access is denied")
        return real_rename(source, target, *args, **kwargs)

    monkeypatch.setattr(share_files.os, "rename", rename)
    drop(site.share, "206", forged)
    ping = issue(site, CommandType.PING)
    drop(site.share, "206", ping)
    assert wait_ack(site.share, "206", ping["id"], timeout=3)["status"] == "done"
    ack = wait_ack(site.share, "206", forged["id"], timeout=3)
    assert ack["status"] == "rejected" and "bad signature" in ack["reason"]
    heartbeats = station.service.counters["heartbeats"]
    wait_until(lambda: station.service.counters["heartbeats"] >= heartbeats + 3)  # many rescans
    assert station.ctx.production.locked_reason is None
    assert command_actions(station.ctx, forged["id"]).count("command.rejected") <= 2
    assert not (station.quarantine / stuck.name).exists()


def test_processed_files_the_station_may_not_delete_do_not_starve_new_commands(site, station,
                                                                              monkeypatch):
    """Stations may have no delete right on their inbox (only admin PCs write it): processed
    files pile up, yet a new command is still found however many are left (batch of 5 here)."""
    monkeypatch.setattr(inbox_part, "INBOX_BATCH", 5)
    inbox = os.fspath(station.layout.inbox)
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):  # the station's deletes only: the admin's temp files go
        full = called_path(path, kwargs)
        if os.path.dirname(full) == inbox and not os.path.basename(full).startswith("."):
            raise PermissionError(13, "Access is denied")
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    done = 0
    for _ in range(7):
        ping = issue(site, CommandType.PING)
        drop(site.share, "206", ping)
        try:
            wait_ack(site.share, "206", ping["id"], timeout=2)
        except AssertionError:
            break
        done += 1
    assert done == 7, f"only the first {done} commands were seen"
    assert len([n for n in os.listdir(inbox) if not n.startswith(".")]) == 7  # all still there


def test_a_flooded_inbox_is_worked_through_at_once_not_a_batch_an_interval(site, tmp_path,
                                                                          monkeypatch):
    """Anyone may fill the inbox with junk: each listing takes a batch (5 here), and one that
    came back full lists again at once. A real command behind the flood waits for that work,
    not for one rescan interval (a minute here) per batch."""
    monkeypatch.setattr(inbox_part, "INBOX_BATCH", 5)
    running = Running(site, tmp_path, status_interval_ms=60_000, rescan_interval_ms=60_000)
    try:
        older = time.time() - 60  # listed first: the flood is ahead of the command
        for n in range(23):
            junk = drop(site.share, "206", b'{"junk": 1}', name=f"junk-{n:02d}.json")
            os.utime(junk, (older, older))
        ping = issue(site, CommandType.PING)
        drop(site.share, "206", ping)
        running.service.wake()
        assert wait_ack(site.share, "206", ping["id"], timeout=10)["status"] == "done"
    finally:
        running.close()


def test_a_station_whose_share_is_away_waits_between_passes(site, tmp_path):
    """Offline, a pass has nothing to do until the heartbeat tries the share again: the loop
    sleeps an interval between passes (it used to spin until the next heartbeat)."""
    running = Running(site, tmp_path, status_interval_ms=60_000, rescan_interval_ms=500)
    share, away = Path(site.share), Path(f"{site.share}-away")
    passes: list[float] = []
    scheduler = running.service.scheduler
    real_tick = scheduler.tick

    def counted_tick(**kwargs):
        passes.append(time.monotonic())
        return real_tick(**kwargs)

    scheduler.tick = counted_tick
    try:
        share.rename(away)
        running.service.wake()
        wait_until(lambda: not running.service.health.online)
        went = time.monotonic()
        wait_until(lambda: len([t for t in passes if t > went]) >= 3, step=0.05)
        since = [t for t in passes if t > went][:3]
        assert min(b - a for a, b in zip(since, since[1:])) >= 0.25  # about one per 0.5 s
    finally:
        if away.exists():
            away.rename(share)
        running.close()


def test_crash_after_the_ack_but_before_the_ledger_commit_keeps_both_sides_in_agreement(
        site, tmp_path):
    """The station writes the ack, then commits the outcome. Killed in between, it restarts
    with the ledger saying 'executing' and a 'done' ack on the share (the effect did happen):
    its ledger and audit must not call that command failed."""
    from utils.site.commands import make_ack

    ctx = site.station(tmp_path, "206")
    lock = issue(site, CommandType.LOCK, params={"reason": "before the crash"})
    now = datetime.now(timezone.utc)
    with ctx.database.write() as connection:
        commands_repo.ledger_start(connection, lock["id"], "lock", "ana", now)
    acks = site_layout(site.share).station("206").ensure().acks
    ack = make_ack(ctx.trust.pc_key, command_id=lock["id"], station_id="206",
                   outcome=Outcome.DONE, reason="production entry locked",
                   result={"locked": True, "reason": "before the crash"}, finished_at=now,
                   command_type="lock")
    (acks / f"{lock['id']}.json").write_bytes(document_bytes(ack))
    service = start_sync(ctx, watch=False)
    try:
        def settled():
            with ctx.database.read() as connection:
                return commands_repo.ledger_unacked(connection) == []

        wait_until(settled)
        assert read_ack(site.share, "206", lock["id"]) == ack  # write-once: it stands
        actions = command_actions(ctx, lock["id"])
        assert "command.failed" not in actions, actions
    finally:
        service.stop()
        ctx.close()
