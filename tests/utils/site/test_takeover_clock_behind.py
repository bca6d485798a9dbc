"""A replacement PC whose clock was behind when it joined (corrected later): the takeover's
moment is no longer the joining PC's own clock alone, but the latest of it and the times the
old PC signed on the share (its status, its death file), so a command the old PC ran, put back
in the inbox, is still refused (utils/site/membership.py `takeover_moment`; found by a
review). A command issued after the takeover runs; a status the old PC did not sign moves
nothing, and one it signed far ahead counts only up to a day past the join."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

from config.constants import CommandType
from config.paths import resolve_paths
from config.settings import Settings
from models.canonical import parse_utc
from utils.clock import ManualClock, SystemClock
from utils.context import AppContext
from utils.site.membership import join_site_membership
from utils.site.signed import document_bytes
from utils.trust.crypto import SigningKeyPair

from tests.utils.site.sitekit import (
    PASSPHRASE, RecordingEffects, drop, issue, pc_sign, read_ack, site_layout, start_sync,
    wait_ack, wait_actions, wait_until,
)
from tests.utils.site.test_takeover_replay import _old_pc_runs


class _Later(SystemClock):
    """The system clock moved on by `offset`: a PC started that much later (its intervals are
    the real ones, so its threads run as usual)."""

    def __init__(self, offset: timedelta):
        self.offset = offset

    def now(self) -> datetime:
        return super().now() + self.offset


def _replacement(site, tmp_path, closing, *, joined_at: datetime,
                 runs_later: timedelta | None = None) -> AppContext:
    """A new PC joins as station 206 asking for a takeover, its clock saying `joined_at`;
    it then runs with its clock set right (now, or `runs_later`)."""
    home = tmp_path / "home-206-replacement"
    paths = resolve_paths(home).ensure()
    join_site_membership(paths, Settings(status_interval_ms=100, rescan_interval_ms=20),
                         site.share, PASSPHRASE, station_id="206",
                         takeover_reason="motherboard replaced", clock=ManualClock(joined_at))
    new = AppContext.open(home, clock=None if runs_later is None else _Later(runs_later))
    closing.append(new)
    return new


def _old_pc_stopped_at(share) -> datetime:
    document = json.loads(site_layout(share).station("206").death.read_bytes())
    return parse_utc(document["at"])


def test_a_command_the_old_pc_ran_is_refused_though_the_new_pc_joined_an_hour_behind(
        site, tmp_path, closing, caplog):
    now = datetime.now(timezone.utc)
    command = issue(site, CommandType.RESTART_APP, params={"force": True},
                    now=now - timedelta(minutes=20), ttl=timedelta(days=1))
    _old_pc_runs(site, tmp_path, command)  # run by the old PC, about now
    caplog.set_level(logging.WARNING, logger="utils.site.membership")
    new = _replacement(site, tmp_path, closing, joined_at=now - timedelta(hours=1))
    stopped = _old_pc_stopped_at(site.share)
    behind = [r for r in caplog.records if "This PC's clock looks behind" in r.getMessage()]

    effects = RecordingEffects()
    closing.append(start_sync(new, effects, watch=False))
    drop(site.share, "206", command)  # a share writer puts it back
    wait_actions(new, command["id"], ["command.rejected"])
    assert effects.calls == []
    ack = wait_until(lambda: (read_ack(site.share, "206", command["id"]) or {}).get(
        "status") == "rejected" and read_ack(site.share, "206", command["id"]))
    # The moment is when the old PC stopped (its signed death), not the join's clock.
    assert ack["reason"].startswith("issued before this PC took station 206 over at "
                                    f"{stopped:%Y-%m-%d %H:%M} UTC")
    # The join said, once, that this PC's clock looks behind, and what to do.
    assert len(behind) == 1 and behind[0].levelno == logging.WARNING
    assert "Set this PC's clock right" in behind[0].getMessage()


def test_a_command_issued_since_runs_and_a_status_the_old_pc_did_not_sign_counts_for_nothing(
        site, tmp_path, closing):
    now = datetime.now(timezone.utc)
    old_command = issue(site, CommandType.RESTART_APP, params={"force": True},
                        now=now - timedelta(minutes=20), ttl=timedelta(days=1))
    _old_pc_runs(site, tmp_path, old_command)
    # Before the join, a share writer puts a status dated a year ahead there, signed by a key
    # of its own: were it believed, the new PC would refuse every command for a day.
    status = site_layout(site.share).station("206").status
    status.write_bytes(document_bytes(pc_sign(SigningKeyPair.generate(), {
        "kind": "status", "station": "206", "session_id": "x", "seq": 1,
        "ts_ms": int((now + timedelta(days=365)).timestamp() * 1000),
        "sent_at": (now + timedelta(days=365)).isoformat(), "interval_ms": 1000})))
    # The new PC joined with its clock an hour behind, and starts ten minutes later.
    later = _Later(timedelta(minutes=10))
    new = _replacement(site, tmp_path, closing, joined_at=now - timedelta(hours=1),
                       runs_later=later.offset)
    effects = RecordingEffects()
    closing.append(start_sync(new, effects, watch=False))

    drop(site.share, "206", old_command)
    wait_actions(new, old_command["id"], ["command.rejected"])
    fresh = issue(site, CommandType.RESTART_APP, params={"force": True}, now=later.now())
    drop(site.share, "206", fresh)
    assert wait_ack(site.share, "206", fresh["id"])["status"] == "done"
    wait_actions(new, fresh["id"], ["command.received", "command.done"])
    assert [name for name, _args in effects.calls] == ["restart_app"]


def _old_key_signs_a_status_dated(site, tmp_path, when: datetime) -> None:
    """The old PC's key (stolen, or its clock wrong) signs a status dated `when`."""
    old = AppContext.open(tmp_path / "home-206")
    try:
        assert old.trust is not None
        site_layout(site.share).station("206").status.write_bytes(document_bytes(old.trust.sign({
            "kind": "status", "station": "206", "session_id": "x", "seq": 1,
            "ts_ms": int(when.timestamp() * 1000), "sent_at": when.isoformat(),
            "interval_ms": 1000})))
    finally:
        old.close()


def test_a_time_the_old_key_signed_far_ahead_counts_only_up_to_a_day_after_the_join(
        site, tmp_path, closing, caplog):
    now = datetime.now(timezone.utc)
    _old_pc_runs(site, tmp_path, issue(site, CommandType.RESTART_APP, params={"force": True}))
    # The old PC's key (stolen, or its clock a year ahead) signs a status dated a year on.
    _old_key_signs_a_status_dated(site, tmp_path, now + timedelta(days=365))
    caplog.set_level(logging.WARNING, logger="utils.site.membership")
    later = _Later(timedelta(days=1, minutes=10))
    new = _replacement(site, tmp_path, closing, joined_at=now, runs_later=later.offset)
    behind = [r.getMessage() for r in caplog.records if "clock looks behind" in r.getMessage()]
    assert len(behind) == 1 and "counts only up to a day after this PC's clock" in behind[0]
    effects = RecordingEffects()
    closing.append(start_sync(new, effects, watch=False))

    fresh = issue(site, CommandType.RESTART_APP, params={"force": True}, now=later.now())
    drop(site.share, "206", fresh)
    assert wait_ack(site.share, "206", fresh["id"])["status"] == "done"
    assert [name for name, _args in effects.calls] == ["restart_app"]


def test_a_revoked_key_signs_no_time_after_its_revocation(site, tmp_path, closing, caplog):
    """The old PC revoked as stolen: a status its key signs dated a year ahead (the thief's)
    counts only up to the revocation, so the new PC does not refuse every command for a day
    (found by a review)."""
    from tests.utils.site.sitekit import ADMIN_PW
    from utils.trust.dirlog import make_op

    now = datetime.now(timezone.utc)
    _old_pc_runs(site, tmp_path, issue(site, CommandType.RESTART_APP, params={"force": True}))
    site.admin.directory.refresh()
    member = site.admin.trust.state.member("206")
    session = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.trust.directory.append(make_op(
        "person:ana", session.signer, site.admin.trust.site_id, "pc.revoke",
        {"station": "206", "key_id": member.key_id, "reason": "PC stolen"}, now))
    _old_key_signs_a_status_dated(site, tmp_path, now + timedelta(days=365))
    caplog.set_level(logging.WARNING, logger="utils.site.membership")
    later = _Later(timedelta(minutes=6))  # started six minutes after the join
    new = _replacement(site, tmp_path, closing, joined_at=datetime.now(timezone.utc),
                       runs_later=later.offset)
    assert not [r for r in caplog.records if "clock looks behind" in r.getMessage()]
    effects = RecordingEffects()
    closing.append(start_sync(new, effects, watch=False))
    fresh = issue(site, CommandType.RESTART_APP, params={"force": True}, now=later.now())
    drop(site.share, "206", fresh)
    assert wait_ack(site.share, "206", fresh["id"])["status"] == "done"
