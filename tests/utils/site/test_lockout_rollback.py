"""The site-wide lockout against a share writer who puts back an older, genuinely signed
failed-login record of a station (attack report s16, finding 6): through the real publish and
take of `LockoutShare` on a tmp share, and through the sync loop that runs them.

Threshold 5: four wrong guesses on each of three stations, each station's earlier (empty)
record put back after the others took its guesses, must still lock the account everywhere.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import timedelta
from pathlib import Path

from config.constants import Role
from data import directory_repo
from models.canonical import format_utc
from utils.auth import LoginFailure
from utils.context import AppContext
from utils.site.folder_store import FolderSiteStore
from utils.site.ports import RecordKind
from utils.site.signed import document_bytes
from utils.trust.lockout_share import KEEP, LockoutShare

from tests.utils.site.sitekit import OPERATOR_PW, add_user, start_sync, wait_until

STATIONS = ("201", "202", "203")


def _failures_file(site, station_id: str) -> Path:
    return site.share / "directory" / "failures" / f"{station_id}.json"


def _put_back(site, station_id: str, older: bytes) -> None:
    """What the share writer does: the older copy replaces the file (a fresh mtime)."""
    target = _failures_file(site, station_id)
    temporary = target.with_name(f".{station_id}.put-back")
    temporary.write_bytes(older)
    os.replace(temporary, target)


def _guess(station, times: int, tag: str) -> None:
    for attempt in range(times):
        assert not station.auth.login("olga", f"wrong-{tag}-{attempt}").ok


def _counted(ctx, username: str = "olga") -> int:
    """Every station's failures this PC counts for the account."""
    with ctx.database.read() as connection:
        return len(directory_repo.failures_since(connection, username, None))


def _stations(site, tmp_path, closing):
    add_user(site, "olga", Role.OPERATOR)
    stations = [site.station(tmp_path, n) for n in STATIONS]
    closing.extend(stations)
    for station in stations:
        station.directory.refresh()
    store = FolderSiteStore(site.share)
    shares = [LockoutShare(store, s.trust, s.database, s.clock) for s in stations]
    return stations, shares, store


def test_older_records_put_back_do_not_wipe_the_guesses_of_any_station(
        site, tmp_path, closing, caplog):
    """The attack of a08_lockout_rollback.py: 4 guesses, publish, taken by every PC, the
    station's earlier record put back and taken again, next station. The guesses still count
    everywhere: the account locks (the fifth guess, on the second station) and stays locked."""
    stations, shares, _store = _stations(site, tmp_path, closing)
    for share in shares:
        share.publish()  # each PC's (empty) record, as its sync does at start
    older = {n: _failures_file(site, n).read_bytes() for n in STATIONS}
    caplog.set_level(logging.INFO)
    for station, share, name in zip(stations, shares, STATIONS):
        _guess(station, 4, name)
        share.publish()
        for other in shares:
            other.take()
        _put_back(site, name, older[name])
        for other in shares:
            other.take()
    for station in stations:
        assert _counted(station) >= 5  # 201's four and 202's one (the one that locked)
        result = station.auth.login("olga", OPERATOR_PW)
        assert not result.ok and result.failure == LoginFailure.LOCKED
    refusals = [r for r in caplog.records
                if "refused: older than the one already taken" in r.getMessage()]
    # 201's and 202's put-backs, once per PC that took them (203 never had a newer record).
    assert sorted(r.args[0] for r in refusals) == ["201", "201", "202", "202"]
    assert all(r.levelno == logging.WARNING and r.exc_info is None
               and "\n" not in r.getMessage() for r in refusals)


def test_a_station_whose_record_was_put_back_writes_its_latest_again(site, tmp_path, closing):
    stations, shares, _store = _stations(site, tmp_path, closing)
    first, first_share = stations[0], shares[0]
    path = _failures_file(site, "201")
    first_share.publish()
    older = path.read_bytes()
    _guess(first, 4, "a")
    assert first_share.publish()
    latest = path.read_bytes()
    assert first_share.publish() is False  # nothing changed: nothing written
    _put_back(site, "201", older)
    assert first_share.publish()
    assert path.read_bytes() == latest
    # A PC that had not taken it before the put-back takes the latest: four guesses.
    assert shares[2].take() >= 1 and _counted(stations[2]) == 4
    # Removed, or replaced by a link: written again too (the link replaced, not followed).
    path.unlink()
    assert first_share.publish() and path.read_bytes() == latest
    path.unlink()
    path.symlink_to(tmp_path / "elsewhere.json")
    assert first_share.publish()
    assert not path.is_symlink() and path.read_bytes() == latest
    assert not (tmp_path / "elsewhere.json").exists()


def test_a_restarted_pc_still_refuses_the_older_record(site, tmp_path, closing):
    stations, shares, store = _stations(site, tmp_path, closing)
    first, taker = stations[0], stations[1]
    shares[0].publish()
    older = _failures_file(site, "201").read_bytes()
    _guess(first, 4, "a")
    shares[0].publish()
    assert shares[1].take() >= 1 and _counted(taker) == 4
    _put_back(site, "201", older)
    taker.close()
    closing.remove(taker)
    reopened = AppContext.open(tmp_path / "home-202")
    closing.append(reopened)
    share = LockoutShare(store, reopened.trust, reopened.database, reopened.clock)
    assert share.take() == 0
    assert _counted(reopened) == 4
    _guess(reopened, 1, "b")  # the fifth guess of the site
    result = reopened.auth.login("olga", OPERATOR_PW)
    assert not result.ok and result.failure == LoginFailure.LOCKED


def test_a_record_of_the_previous_format_is_read_and_ordered_by_its_time(
        site, tmp_path, closing):
    """A record without `seq` (as PCs wrote it before) is still taken, ordered by its `at`;
    an older one put back after a newer record was taken is refused like any other."""
    stations, shares, store = _stations(site, tmp_path, closing)
    first, taker = stations[0], stations[1]
    now = first.clock.now()
    earlier = first.trust.sign({"kind": "login_failures", "station": "201",
                                "at": format_utc(now - timedelta(minutes=1)),
                                "failures": {}, "successes": {}})
    store.publish_record(RecordKind.LOGIN_FAILURES, "201", document_bytes(earlier))
    assert shares[1].take() == 1
    _guess(first, 2, "a")
    with first.database.read() as connection:
        failures = directory_repo.station_failures(connection, "201", format_utc(now - KEEP))
    later = first.trust.sign({"kind": "login_failures", "station": "201",
                              "at": format_utc(first.clock.now()), "failures": failures,
                              "successes": {}})
    store.publish_record(RecordKind.LOGIN_FAILURES, "201", document_bytes(later))
    assert shares[1].take() == 1 and _counted(taker) == 2
    assert shares[0].publish()  # the new format: its seq goes above the records before
    assert shares[1].take() == 1 and _counted(taker) == 2
    store.publish_record(RecordKind.LOGIN_FAILURES, "201", document_bytes(earlier))
    assert shares[1].take() == 0 and _counted(taker) == 2


def _failures_of(path: Path) -> int:
    try:
        return len(json.loads(path.read_bytes())["failures"].get("olga", []))
    except (OSError, ValueError):
        return -1


def test_the_sync_loop_writes_its_latest_record_again(site, tmp_path, closing, monkeypatch):
    """Real sync threads: after the put-back, the station's loop writes its latest record
    again, and the other station's loop keeps counting its guesses meanwhile."""
    monkeypatch.setattr("utils.site.scheduler.DIRECTORY_REFRESH_S", 0.05)
    add_user(site, "olga", Role.OPERATOR)
    first, second = (site.station(tmp_path, n) for n in ("201", "202"))
    closing.extend([first, second])
    first.directory.refresh()
    closing.extend([start_sync(first, watch=False), start_sync(second, watch=False)])
    path = _failures_file(site, "201")
    wait_until(lambda: _failures_of(path) == 0)
    older = path.read_bytes()
    _guess(first, 4, "a")
    wait_until(lambda: _failures_of(path) == 4)
    latest = path.read_bytes()
    wait_until(lambda: _counted(second) == 4)
    _put_back(site, "201", older)
    wait_until(lambda: path.read_bytes() == latest)
    assert _counted(second) == 4
