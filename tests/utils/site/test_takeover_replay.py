"""A command replayed to a station after a replacement PC took it over: the new PC's ledger is
empty and the old PC's claim and ack are not signed by the station's key now, so the command
the old PC ran would run again. The new PC refuses every command issued at or before the
takeover plus the allowed clock skew (utils/site/commands.py `taken_over_problem`), the moment
taken from the directory entry that certified it (found by running the attack:
a throwaway script of the session); the bound itself is pinned in test_check_command.py."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from config.constants import CommandType
from config.paths import resolve_paths
from config.settings import Settings
from utils.clock import ManualClock
from utils.context import AppContext
from utils.site.membership import join_site_membership

from tests.utils.site.sitekit import (
    PASSPHRASE, RecordingEffects, drop, issue, read_ack, site_layout, start_sync, wait_ack,
    wait_actions, wait_until,
)

SKEW = timedelta(seconds=300)  # Settings().command_max_skew_s


def _old_pc_runs(site, tmp_path, command: dict) -> None:
    """Station 206's first PC runs `command`, then stops (a clean exit)."""
    old = site.station(tmp_path, "206")
    effects = RecordingEffects()
    service = start_sync(old, effects, watch=False)
    try:
        drop(site.share, "206", command)
        assert wait_ack(site.share, "206", command["id"])["status"] == "done"
        wait_actions(old, command["id"], ["command.received", "command.done"])
        assert [name for name, _args in effects.calls] == ["restart_app"]
    finally:
        service.stop()
        old.close()


def _replacement(site, tmp_path, closing, *, joined_at: datetime | None = None) -> AppContext:
    """A new PC (new key, new database) joins as station 206 asking for a takeover."""
    home = tmp_path / "home-206-replacement"
    paths = resolve_paths(home).ensure()
    join_site_membership(paths, Settings(status_interval_ms=100, rescan_interval_ms=20),
                         site.share, PASSPHRASE, station_id="206",
                         takeover_reason="motherboard replaced",
                         clock=None if joined_at is None else ManualClock(joined_at))
    new = AppContext.open(home)
    closing.append(new)
    return new


def test_a_command_the_old_pc_ran_is_refused_by_the_pc_that_took_the_station_over(
        site, tmp_path, closing):
    command = issue(site, CommandType.RESTART_APP, params={"force": True}, ttl=timedelta(days=1))
    _old_pc_runs(site, tmp_path, command)
    new = _replacement(site, tmp_path, closing)
    effects = RecordingEffects()
    closing.append(start_sync(new, effects, watch=False))

    # Anyone who writes the share puts the command back (its claim and ack left as they are).
    drop(site.share, "206", command)
    wait_actions(new, command["id"], ["command.rejected"])
    layout = site_layout(site.share).station("206")
    wait_until(lambda: not (layout.inbox / f"{command['id']}.json").exists())
    assert effects.calls == []
    ack = wait_until(lambda: (read_ack(site.share, "206", command["id"]) or {}).get(
        "status") == "rejected" and read_ack(site.share, "206", command["id"]))
    assert ack["reason"].startswith("issued before this PC took station 206 over at ")
    assert "send it again if it is still wanted" in ack["reason"]
    # Kept as evidence, with why.
    quarantine = site_layout(site.share).quarantine("206")
    assert "issued before this PC took station 206 over" in (
        quarantine / f"{command['id']}.json.reason").read_text(encoding="utf-8")

    # A second copy is a duplicate: recorded, never run.
    drop(site.share, "206", command)
    wait_actions(new, command["id"], ["command.rejected", "command.duplicate"])
    assert effects.calls == []


def test_after_a_takeover_a_command_issued_since_runs_and_an_older_one_does_not(
        site, tmp_path, closing):
    now = datetime.now(timezone.utc)
    # The old PC ran a command issued twenty minutes ago (valid a day) and stopped; the new PC
    # joined (its clock then ten minutes behind) and starts now. The takeover counts from when
    # the old PC stopped (its signed death file, utils/site/membership.py `takeover_moment`).
    old_command = issue(site, CommandType.RESTART_APP, params={"force": True},
                        now=now - timedelta(minutes=20), ttl=timedelta(days=1))
    _old_pc_runs(site, tmp_path, old_command)
    new = _replacement(site, tmp_path, closing, joined_at=now - timedelta(minutes=10))
    effects = RecordingEffects()
    closing.append(start_sync(new, effects, watch=False))

    drop(site.share, "206", old_command)
    wait_actions(new, old_command["id"], ["command.rejected"])
    # Issued since, by a clock the allowed skew ahead (the earliest that runs so soon).
    fresh = issue(site, CommandType.RESTART_APP, params={"force": True},
                  now=datetime.now(timezone.utc) + SKEW)
    drop(site.share, "206", fresh)
    assert wait_ack(site.share, "206", fresh["id"])["status"] == "done"
    wait_actions(new, fresh["id"], ["command.received", "command.done"])
    assert [name for name, _args in effects.calls] == ["restart_app"]
