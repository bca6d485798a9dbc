"""FAULTS.md "Shared folder", end to end on a tmp_path share: a blind or dying watcher, a share
that vanishes and comes back, files that are not ready, re-sent commands, and PCs that must not
join as a station that is already running."""

from __future__ import annotations

import json
import logging
import os
import threading
from datetime import datetime, timedelta, timezone

import pytest

from config.constants import CommandType, Role
from config.paths import resolve_paths
from config.settings import Settings
from utils.site.folder_transport import FolderTransport
from utils.site.fleet import FleetMonitor
from utils.site.membership import join_site_membership
from utils.site.share_files import QUARANTINE_AFTER, QUARANTINE_MIN_AGE_S, quarantine
from utils.site.signed import document_bytes
from utils.site.site_key import SiteError
from utils.site.station_sync import SyncService

from tests.utils.site.sitekit import (
    LOCKED,
    OPERATOR_PW, PASSPHRASE, RecordingEffects, add_user, admin_session, command_actions, drop,
    issue, read_ack, site_layout, start_sync, status_seq, wait_ack,
    wait_actions, wait_until,
)

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}





class FakeObserver:
    """Stands in for watchdog's Observer: `blind` never reports anything (SMB/NFS),
    `dies` has a thread that ends at once; `hints` calls a function many times per second."""

    def __init__(self, mode: str, hint=None):
        self.mode, self.hint = mode, hint
        self.daemon = True
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self):
        self._thread = threading.Thread(target=self._run, name=f"fake-observer-{self.mode}",
                                        daemon=True)
        self._thread.start()

    def _run(self):
        if self.mode == "dies":
            return
        while not self._stopped.wait(0.002 if self.mode == "hints" else 10):
            if self.hint is not None:
                self.hint()

    def is_alive(self):
        return self._thread is not None and self._thread.is_alive()

    def stop(self):
        self._stopped.set()

    def join(self, timeout=None):
        if self._thread is not None:
            self._thread.join(timeout)


# -- watcher -----------------------------------------------------------------------------------


@pytest.mark.parametrize("watch", [False, "blind"])
def test_commands_are_picked_up_by_the_rescan_when_the_watcher_sees_nothing(site, tmp_path,
                                                                            closing, watch):
    station = site.station(tmp_path, "206", rescan_interval_ms=50)
    closing.append(station)
    effects = RecordingEffects()
    closing.append(effects)
    if watch:
        service = start_sync(station, effects, observer_factory=lambda: FakeObserver("blind"))
    else:
        service = start_sync(station, effects, watch=False)
    closing.append(service)
    wait_until(lambda: service.counters["heartbeats"] > 0)
    document = issue(site, CommandType.LOCK, params={"reason": "rescan"})
    drop(site.share, "206", document)
    assert wait_ack(site.share, "206", document["id"])["status"] == "done"
    assert station.production.locked_reason == "rescan"


def test_duplicate_events_and_rescans_execute_once_with_one_ack(site, tmp_path, closing):
    station = site.station(tmp_path, "206", rescan_interval_ms=10)
    closing.append(station)
    effects = RecordingEffects()
    effects.release.clear()
    closing.append(effects)
    holder = {}
    flood = FakeObserver("hints", hint=lambda: holder["service"].wake())  # a hint every 2 ms
    service = SyncService(station,
                          effects=effects, observer_factory=lambda: flood)
    holder["service"] = service
    service.start()
    closing.append(service)
    document = issue(site, CommandType.MESSAGE, params={"text": "once"})
    path = drop(site.share, "206", document)
    wait_until(lambda: effects.calls)
    rescans = service.counters["heartbeats"]
    wait_until(lambda: service.counters["heartbeats"] >= rescans + 3)  # seen again and again
    assert path.exists()  # still there while it runs
    effects.release.set()
    ack = wait_ack(site.share, "206", document["id"])
    wait_until(lambda: not path.exists())
    heartbeats = service.counters["heartbeats"]
    wait_until(lambda: service.counters["heartbeats"] >= heartbeats + 2)
    assert ack["status"] == "done"
    assert [name for name, _ in effects.calls] == ["message"]
    assert [p.name for p in site_layout(site.share).station("206").acks.iterdir()] == [
        f"{document['id']}.json"]
    wait_actions(station, document["id"], ["command.received", "command.done"])
    assert service.counters["commands"] == 1


def test_a_dying_watcher_is_restarted_and_commands_still_work(site, tmp_path, closing, caplog):
    caplog.set_level(logging.INFO, logger="utils.site.scheduler")
    station = site.station(tmp_path, "206", rescan_interval_ms=50)
    closing.append(station)
    made = []

    def factory():
        made.append(FakeObserver("dies"))
        return made[-1]

    service = start_sync(station, observer_factory=factory)
    closing.append(service)
    wait_until(lambda: service.restarts["observer"] >= 2, timeout=5)
    assert len(made) >= 3 and service.restarts["loop"] == 0
    assert any("watcher restarted" in r.getMessage() for r in caplog.records)
    document = issue(site, CommandType.PING)
    drop(site.share, "206", document)
    assert wait_ack(site.share, "206", document["id"])["status"] == "done"


def test_watcher_is_restarted_when_the_inbox_folder_is_renamed(site, tmp_path, closing):
    station = site.station(tmp_path, "206", status_interval_ms=60_000, rescan_interval_ms=60_000)
    closing.append(station)
    service = start_sync(station)  # the product's own folder watcher
    closing.append(service)
    inbox = site_layout(site.share).station("206").inbox
    _ping_by_event(site)  # with a 60 s rescan, only the watcher can wake the loop this fast
    os.rename(inbox, inbox.with_name("inbox-renamed"))
    inbox.mkdir()
    wait_until(lambda: service.restarts["observer"] >= 1, timeout=3)
    # A rescan in the instant without an inbox counts as "share offline" until the next
    # heartbeat (60 s here): a state change brings that heartbeat forward.
    service.notify_state_changed()
    wait_until(lambda: service.share_state().online)
    _ping_by_event(site)


def _ping_by_event(site, tries=10):
    """A ping acked within 0.5 s. With watchdog's observer the inotify watch was set up on
    its own thread a moment after start (ours sets it up in `schedule`), so an early file may
    be missed: each try drops a new one (whose event also wakes the loop for the earlier
    ones)."""
    for _ in range(tries):
        ping = issue(site, CommandType.PING)
        drop(site.share, "206", ping)
        try:
            return wait_ack(site.share, "206", ping["id"], timeout=0.5)
        except AssertionError:
            continue
    raise AssertionError("no command was picked up by a watcher event")


# -- the share goes away and comes back --------------------------------------------------------


def test_share_renamed_away_then_back(site, tmp_path, closing):
    add_user(site, "olga", Role.OPERATOR)
    station = site.station(tmp_path, "206")
    closing.append(station)
    states = []
    service = start_sync(station, watch=False, on_share_state=states.append)
    closing.append(service)
    olga = station.auth.login("olga", OPERATOR_PW).session
    station.production.set_lot(olga, "L1", 10)
    before = station.production.register_box(olga, FORM)
    wait_until(lambda: (status_seq(site.share, "206") or 0) > 0)
    site.admin.trust.directory.refresh()  # the admin PC has seen the station join

    away = tmp_path / "share-away"
    os.rename(site.share, away)
    state = wait_until(lambda: (lambda s: s if not s.online else None)(service.share_state()))
    assert isinstance(state.since, datetime) and state.since.tzinfo is not None
    # The listener is told just after the state changes (ShareHealth.went_offline), on the
    # sync thread: waited for, not assumed (it failed once in a clean-clone run).
    wait_until(lambda: states and states[-1].online is False)
    seq_offline = status_seq(away, "206")

    # Production goes on against the local database.
    station.production.set_lot(olga, "L2", 50, 2)
    during = [station.production.register_box(olga, FORM) for _ in range(2)]
    assert station.production.current_lot().current_box == 4

    # The admin PC still reaches the share and sends a short-lived command meanwhile.
    ana = admin_session(site)
    away_fleet = FleetMonitor(site.admin, transport=FolderTransport(away))
    sent = away_fleet.send(ana, CommandType.LOCK, ["206"], {"reason": "too late"},
                           ttl=timedelta(milliseconds=300))[0]
    not_after = datetime.fromisoformat(sent["not_after"].replace("Z", "+00:00"))
    wait_until(lambda: datetime.now(timezone.utc) > not_after + timedelta(milliseconds=50))
    assert not service.share_state().online
    assert not site.share.exists(), "something recreated the share while it was away"
    assert status_seq(away, "206") == seq_offline  # nothing written while offline

    os.rename(away, site.share)
    wait_until(lambda: service.share_state().online)
    wait_until(lambda: states[-1].online)  # reported once the birth file is rewritten
    assert service.share_state().since is None
    wait_until(lambda: (status_seq(site.share, "206") or 0) > seq_offline)
    status = wait_until(lambda: _status_with_box(site, 4))  # the latest state, not a queue
    assert status["lot"]["code"] == "L2"
    ack = wait_ack(site.share, "206", sent["id"])
    assert ack["status"] == "expired"
    assert station.production.locked_reason is None
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    finished = wait_until(fleet.track)
    assert finished[0]["state"] == "expired"
    journal = site_layout(site.share).station("206").journal
    wait_until(lambda: all(r.record_id in _journal_text(journal) for r in [before, *during]))


def _status_with_box(site, box):
    import json

    try:
        status = json.loads(site_layout(site.share).station("206").status.read_bytes())
    except (FileNotFoundError, ValueError):
        return None
    return status if status.get("lot") and status["lot"]["current_box"] == box else None


def _journal_text(folder):
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.jsonl")))


def test_station_started_while_the_share_is_away_stays_offline(site, tmp_path, closing):
    station = site.station(tmp_path, "206")
    closing.append(station)
    away = tmp_path / "share-away"
    os.rename(site.share, away)
    service = start_sync(station, watch=False)
    closing.append(service)
    wait_until(lambda: service.counters["share_errors"] > 0 or service.counters["heartbeats"] > 0)
    assert not service.share_state().online and service.share_state().since is not None
    heartbeats = service.counters["heartbeats"]
    wait_until(lambda: service.counters["share_errors"] >= 3)  # heartbeats keep trying
    assert service.counters["heartbeats"] == heartbeats == 0
    assert not site.share.exists()
    os.rename(away, site.share)  # the share is mounted at last
    wait_until(lambda: service.share_state().online)
    document = issue(site, CommandType.PING)
    drop(site.share, "206", document)
    assert wait_ack(site.share, "206", document["id"])["status"] == "done"


def test_sending_while_the_share_is_away_fails_without_a_phantom_share(site, tmp_path):
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    ana = admin_session(site)
    os.rename(site.share, tmp_path / "share-away")
    try:
        with pytest.raises(OSError):
            fleet.send(ana, CommandType.PING, ["206"])
    finally:
        assert not site.share.exists()
    assert fleet.sent_commands() == []  # nothing recorded as sent


def test_user_change_while_the_share_is_away_is_published_later(site, tmp_path):
    away = tmp_path / "share-away"
    os.rename(site.share, away)
    add_user(site, "olga", Role.OPERATOR)  # the local change is made; publishing waits
    assert not site.share.exists()
    assert site.admin.trust.directory.pending() == 1  # signed, kept in the outbox
    os.rename(away, site.share)
    site.admin.directory.refresh()
    assert site.admin.trust.directory.pending() == 0
    station = site.station(tmp_path, "206")
    try:
        assert station.auth.login("olga", OPERATOR_PW).ok
    finally:
        station.close()


def test_journal_export_with_the_share_away_raises_and_creates_nothing(site, tmp_path):
    from utils.site.journal import JournalWriter

    station = site.station(tmp_path, "206")
    try:
        writer = JournalWriter(station.database, site_layout(site.share).station("206"),
                               station.anchor, station.trust.pc_key)
        os.rename(site.share, tmp_path / "share-away")
        with pytest.raises(OSError):  # the caller marks the share offline
            writer.sync()
        assert not site.share.exists()
    finally:
        station.close()


def test_quarantine_of_a_vanished_file_on_a_vanished_share_creates_nothing(tmp_path):
    share = tmp_path / "share"
    assert quarantine(share / "stations" / "206" / "inbox" / "x.json",
                      site_layout(share).quarantine("206"), "gone") is None
    assert not share.exists()


# -- files that are not ready ------------------------------------------------------------------


@pytest.fixture
def hand_driven(site, tmp_path, closing):
    """A station service driven by explicit tick() calls (no threads until start())."""
    station = site.station(tmp_path, "206")
    closing.append(station)
    effects = RecordingEffects()
    service = SyncService(station,
                          effects=effects, watch=False)
    closing.append(service)
    site_layout(site.share).station("206").ensure()
    station.directory.refresh()
    return station, service, effects


class FakeMonotonic:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def failure_clock(monkeypatch):
    """The clock of the service's FailureCounter (quarantine needs failures *and* time)."""
    from utils.site import station_sync

    clock = FakeMonotonic()
    real = station_sync.FailureCounter
    # The service passes its own clock; this test moves time for the counter alone.
    monkeypatch.setattr(station_sync, "FailureCounter",
                        lambda *args, **kwargs: real(*args, **{**kwargs, "clock": clock}))
    return clock


UNREADY = {
    "half-written": (lambda full: full[: len(full) // 2], "not valid JSON"),
    "empty": (lambda full: b"", "unreadable: empty"),
    "blank": (lambda full: b"   \n", "unreadable: empty"),
    "garbage": (lambda full: b"{not json at all", "not valid JSON"),
}


@pytest.mark.parametrize("kind", sorted(UNREADY))
def test_unready_file_is_kept_then_quarantined_after_repeated_failures(site, failure_clock,
                                                                      hand_driven, kind):
    content, reason = UNREADY[kind]
    station, service, effects = hand_driven
    document = issue(site, CommandType.LOCK, params={"reason": "half"})
    path = site_layout(site.share).station("206").inbox / f"{document['id']}.json"
    path.write_bytes(content(document_bytes(document)))  # a careless, non-atomic writer
    quarantined = site_layout(site.share).quarantine("206") / path.name

    def still_waiting(note):
        assert path.exists(), f"removed {note}"
        assert read_ack(site.share, "206", document["id"]) is None
        assert not quarantined.exists()

    for attempt in range(1, QUARANTINE_AFTER + 3):  # many failures, but within a moment
        service.tick()
        still_waiting(f"after {attempt} quick failure(s)")
    failure_clock.now += QUARANTINE_MIN_AGE_S - 0.1
    service.tick()
    still_waiting("before the minimum age")
    failure_clock.now += 0.2
    service.tick()
    assert not path.exists() and quarantined.exists()
    assert reason in quarantined.with_name(path.name + ".reason").read_text()
    ack = read_ack(site.share, "206", document["id"])
    assert ack["status"] == "rejected" and reason in ack["reason"]
    assert station.production.locked_reason is None and effects.calls == []
    assert command_actions(station, document["id"]) == ["command.rejected"]


def test_a_slow_writer_has_time_to_finish(site, failure_clock, hand_driven):
    """Long enough, but too few failures (a slow rescan): not quarantined yet."""
    station, service, effects = hand_driven
    document = issue(site, CommandType.LOCK, params={"reason": "slow"})
    path = site_layout(site.share).station("206").inbox / f"{document['id']}.json"
    path.write_bytes(b"")
    for _ in range(QUARANTINE_AFTER - 1):
        service.tick()
        failure_clock.now += 10
    assert path.exists() and read_ack(site.share, "206", document["id"]) is None


def test_half_written_file_completed_in_time_runs_once(site, hand_driven):
    station, service, effects = hand_driven
    document = issue(site, CommandType.LOCK, params={"reason": "completed later"})
    full = document_bytes(document)
    path = site_layout(site.share).station("206").inbox / f"{document['id']}.json"
    path.write_bytes(full[:40])
    for _ in range(QUARANTINE_AFTER - 1):
        service.tick()
    assert path.exists()
    path.write_bytes(full)  # the writer finished
    service.start()
    assert wait_ack(site.share, "206", document["id"])["status"] == "done"
    assert station.production.locked_reason == "completed later"
    wait_actions(station, document["id"], LOCKED)


def test_temp_files_in_the_inbox_are_never_read(site, hand_driven):
    station, service, effects = hand_driven
    document = issue(site, CommandType.LOCK, params={"reason": "temp"})
    inbox = site_layout(site.share).station("206").inbox
    temp = inbox / f".{document['id']}.json.0123456789ab.tmp"
    temp.write_bytes(document_bytes(document))
    for _ in range(QUARANTINE_AFTER + 2):
        service.tick()
    assert temp.exists() and read_ack(site.share, "206", document["id"]) is None
    assert station.production.locked_reason is None


# -- re-sent commands ----------------------------------------------------------------------------


def test_command_re_sent_with_the_same_id_runs_once(site, tmp_path, closing):
    station = site.station(tmp_path, "206")
    closing.append(station)
    effects = RecordingEffects()
    effects.release.clear()
    closing.append(effects)
    service = start_sync(station, effects, watch=False)
    closing.append(service)
    document = issue(site, CommandType.MESSAGE, params={"text": "only once"})
    path = drop(site.share, "206", document)
    wait_until(lambda: effects.calls)
    # A client cache flushes the same command again while it runs (same id, same bytes).
    with pytest.raises(FileExistsError):
        drop(site.share, "206", document)
    os.replace(_copy_beside(path), path)
    effects.release.set()
    first = wait_ack(site.share, "206", document["id"])
    wait_until(lambda: not path.exists())
    # ... and once more after it was done, re-signed by the admin with a new issue time.
    again = issue(site, CommandType.MESSAGE, params={"text": "only once"},
                  command_id=document["id"])
    replay = drop(site.share, "206", again)
    wait_until(lambda: not replay.exists())
    wait_until(lambda: "command.duplicate" in command_actions(station, document["id"]))
    assert first["status"] == "done" and read_ack(site.share, "206", document["id"]) == first
    assert [name for name, _ in effects.calls] == ["message"]
    assert command_actions(station, document["id"]).count("command.received") == 1


def _copy_beside(path):
    copy = path.with_name(f".{path.name}.copy.tmp")
    copy.write_bytes(path.read_bytes())
    return copy


# -- joining ------------------------------------------------------------------------------------


def _second_pc(tmp_path, name):
    paths = resolve_paths(tmp_path / name).ensure()
    return paths, Settings()


def test_second_pc_claiming_a_live_station_id_is_refused(site, tmp_path, closing):
    station = site.station(tmp_path, "206")
    closing.append(station)
    service = start_sync(station, watch=False)
    wait_until(lambda: status_seq(site.share, "206"))
    paths, settings = _second_pc(tmp_path, "intruder")
    try:
        for reason in (None, "the old PC is broken"):  # running: refused even as a takeover
            with pytest.raises(SiteError) as refused:
                join_site_membership(paths, settings, site.share, PASSPHRASE, station_id="206",
                                     takeover_reason=reason)
            assert refused.value.code == "station_in_use"
        assert not paths.settings_file.exists()  # nothing was changed on the second PC
        other = join_site_membership(paths, settings, site.share, PASSPHRASE, station_id="207")
        assert other.settings.station_id == "207"
    finally:
        service.stop()
    # Stopped, the id still belongs to its PC: taking it over is a decision, with a reason.
    paths2, settings2 = _second_pc(tmp_path, "replacement")
    with pytest.raises(SiteError) as taken:
        join_site_membership(paths2, settings2, site.share, PASSPHRASE, station_id="206")
    assert taken.value.code == "station_taken"
    joined = join_site_membership(paths2, settings2, site.share, PASSPHRASE, station_id="206",
                                  takeover_reason="PC replaced after a disk failure")
    assert joined.settings.station_id == "206"
    # The old PC comes back: it no longer acts for the station (no status, no commands).
    again = start_sync(station, watch=False)
    closing.append(again)
    assert again.refusal and "taken over" in again.refusal
    certify = [op for op in (json.loads(p.read_text())["op"]
                             for p in sorted((site.share / "directory" / "log").iterdir()))
               if op["op"] == "pc.certify" and op["data"]["station"] == "206"]
    assert certify[-1]["data"]["takeover"] is True
    assert certify[-1]["data"]["reason"] == "PC replaced after a disk failure"


def test_a_pc_whose_key_is_certified_for_another_station_does_not_act_for_this_one(
        site, tmp_path, closing):
    """A PC's settings edited to another station id: its key is not that station's."""
    from utils.context import AppContext
    from utils.settings_store import load_settings, save_settings

    site.station(tmp_path, "208").close()  # (a production id is a machine of the table)
    settings_file = resolve_paths(tmp_path / "home-208").settings_file
    save_settings(settings_file, load_settings(settings_file).with_changes(station_id="206"))
    clone = AppContext.open(tmp_path / "home-208")
    closing.append(clone)
    service = start_sync(clone, watch=False)
    closing.append(service)
    assert service.refusal and "certified for station 208" in service.refusal
    assert status_seq(site.share, "206") is None  # it wrote nothing as 206


def test_a_copy_of_a_running_pc_does_not_run_next_to_it(site, tmp_path, closing):
    """The whole home of a running station copied to a second machine (same key): the copy
    refuses to act for the station; commands run once."""
    import shutil

    from utils.context import AppContext

    first = site.station(tmp_path, "206")
    closing.append(first)
    one = start_sync(first, watch=False)
    closing.append(one)
    wait_until(lambda: status_seq(site.share, "206"))
    shutil.copytree(tmp_path / "home-206", tmp_path / "home-copy")
    copy = AppContext.open(tmp_path / "home-copy")
    closing.append(copy)
    two = start_sync(copy, watch=False)
    closing.append(two)
    assert two.refusal and ("another program of this PC (the app or an agent), or a copy "
                            "of this PC with its name, runs as station 206") in two.refusal
    document = issue(site, CommandType.PING)
    drop(site.share, "206", document)
    assert wait_ack(site.share, "206", document["id"])["status"] == "done"
    wait_actions(first, document["id"], ["command.received", "command.done"])
    assert command_actions(copy, document["id"]) == []


def test_wrong_passphrase_is_refused(site, tmp_path):
    paths, settings = _second_pc(tmp_path, "pc2")
    with pytest.raises(SiteError) as refused:
        join_site_membership(paths, settings, site.share, "not the passphrase 9",
                             station_id="207")
    assert refused.value.code == "wrong_passphrase"
    assert not any(paths.config_dir.glob("site-*.key")) and not paths.settings_file.exists()


def test_slow_delete_of_a_finished_command_is_not_audited_as_a_duplicate(site, tmp_path, closing,
                                                                        monkeypatch):
    """On SMB a delete can take a while; rescans meanwhile must not treat the finished command
    file as a new arrival (no spurious 'command.duplicate', no rejected count)."""
    station = site.station(tmp_path, "206", rescan_interval_ms=10)
    closing.append(station)
    service = start_sync(station, watch=False)
    closing.append(service)
    real_remove = service.link.remove_command

    def slow_remove(name):
        if threading.current_thread().name.startswith("shopfloor-cmd"):  # the executor's delete
            rescans = service.counters["heartbeats"]
            wait_until(lambda: service.counters["heartbeats"] >= rescans + 2)
        return real_remove(name)

    monkeypatch.setattr(service.link, "remove_command", slow_remove)
    document = issue(site, CommandType.PING)
    path = drop(site.share, "206", document)
    assert wait_ack(site.share, "206", document["id"])["status"] == "done"
    wait_until(lambda: not path.exists())
    wait_actions(station, document["id"], ["command.received", "command.done"])
    assert service.counters["rejected"] == 0
