"""The admin side (FleetMonitor) with a ManualClock: liveness by the admin's own clock, seq gaps,
clock skew, cheap polling, forged status files, the metric ring buffers; and the user directory
seen from a station PC through an outage and a deactivation."""

from __future__ import annotations

import os
import tracemalloc
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from config.constants import Role
from utils.atomic_io import atomic_write_bytes
from utils.trust.crypto import SigningKeyPair
from utils.clock import ManualClock
from utils.site.folder_transport import FolderTransport
from utils.site.fleet import FleetMonitor, Liveness
from utils.site.signed import document_bytes, sign_document
from utils.site.timeseries import MetricRing

from tests.utils.site.sitekit import (
    OPERATOR_PW, add_user, admin_session, certified_pc_key, pc_sign, site_layout, )




class FakeStation:
    """Writes a station's status/death files as its SyncService would, timed by `clock`."""

    def __init__(self, site, station_id="206", clock=None, session="session-1",
                 interval_ms=1000):
        self.site, self.station_id, self.clock = site, station_id, clock
        self.session, self.interval_ms = session, interval_ms
        self.layout = site_layout(site.share).station(station_id).ensure()
        self.seq = 0
        self.key = certified_pc_key(site, station_id)

    def _write(self, path, document, key=None):
        atomic_write_bytes(path, document_bytes(pc_sign(key or self.key, document)),
                           durable=False)
        stamp = int(self.clock.now().timestamp() * 1e9)
        os.utime(path, ns=(stamp, stamp))  # the share's clock agrees with the admin's here

    def heartbeat(self, *, seq=None, skew_s=0.0, cpu=10.0, key=None, tamper=False):
        self.seq = self.seq + 1 if seq is None else seq
        now = self.clock.now()
        document = {"kind": "status", "station": self.station_id, "session_id": self.session,
                    "seq": self.seq, "ts_ms": int((now.timestamp() + skew_s) * 1000),
                    "interval_ms": self.interval_ms,
                    "metrics": {"cpu": {"value": cpu, "quality": "good"},
                                "memory": {"value": 50.0, "quality": "good"},
                                "disk": {"value": None, "quality": "unavailable"}}}
        if tamper:
            signed = pc_sign(self.key, document)
            signed["seq"] += 100  # altered after signing
            atomic_write_bytes(self.layout.status, document_bytes(signed), durable=False)
            stamp = int(now.timestamp() * 1e9)
            os.utime(self.layout.status, ns=(stamp, stamp))
            return
        self._write(self.layout.status, document, key)

    def death(self, session=None, key=None):
        self._write(self.layout.death, {"kind": "death", "station": self.station_id,
                                        "session_id": session or self.session,
                                        "reason": "clean exit"}, key)


@pytest.fixture
def clock():
    return ManualClock(datetime.now(timezone.utc).replace(microsecond=0))


@pytest.fixture
def fleet(site, clock):
    return FleetMonitor(site.admin, transport=FolderTransport(site.share),
                        clock=clock)


def view(fleet, station_id="206"):
    return {v.station_id: v for v in fleet.poll()}[station_id]


# -- liveness ------------------------------------------------------------------------------------


def test_online_then_stale_then_offline_as_the_admin_clock_advances(site, clock, fleet):
    station = FakeStation(site, clock=clock)
    station.heartbeat(cpu=42.0)
    first = view(fleet)
    assert first.liveness == Liveness.ONLINE and not first.values_are_stale
    # interval 1 s: online up to 1.5 x interval + 0.5 s, stale up to 3 x interval + 0.5 s
    for advance, expected in [(1.9, Liveness.ONLINE), (0.2, Liveness.STALE),
                              (1.3, Liveness.STALE), (0.2, Liveness.OFFLINE),
                              (3600, Liveness.OFFLINE)]:
        clock.advance(advance)
        current = view(fleet)
        assert current.liveness == expected, (advance, current.liveness)
        assert current.status["seq"] == 1  # the last values are kept ...
        assert current.values_are_stale == (expected != Liveness.ONLINE)  # ... and flagged
    assert fleet.reads == 1
    station.heartbeat()
    assert view(fleet).liveness == Liveness.ONLINE and view(fleet).status["seq"] == 2


def test_thresholds_follow_the_station_interval(site, clock, fleet):
    station = FakeStation(site, clock=clock, interval_ms=10_000)
    station.heartbeat()
    view(fleet)
    clock.advance(15.4)
    assert view(fleet).liveness == Liveness.ONLINE
    clock.advance(1.0)
    assert view(fleet).liveness == Liveness.STALE
    clock.advance(15.0)
    assert view(fleet).liveness == Liveness.OFFLINE


def test_a_station_first_seen_with_an_old_status_file_is_not_online(site, clock, fleet):
    station = FakeStation(site, clock=clock)
    station.heartbeat()
    clock.advance(600)  # the admin starts long after the station's last heartbeat
    assert view(fleet).liveness == Liveness.OFFLINE


def test_death_file_of_the_same_session_means_stopped(site, clock, fleet):
    station = FakeStation(site, clock=clock)
    station.heartbeat()
    view(fleet)
    station.death()
    assert view(fleet).liveness == Liveness.ONLINE  # the last heartbeat is still fresh
    clock.advance(2.1)
    assert view(fleet).liveness == Liveness.STOPPED
    clock.advance(3600)
    assert view(fleet).liveness == Liveness.STOPPED


def test_death_file_of_another_session_or_forged_is_not_stopped(site, clock, fleet):
    station = FakeStation(site, clock=clock)
    station.heartbeat()
    view(fleet)
    station.death(session="an-earlier-session")
    clock.advance(2.1)
    assert view(fleet).liveness == Liveness.STALE
    station.death(key=SigningKeyPair.generate())  # a key nobody certified
    clock.advance(2.0)
    assert view(fleet).liveness == Liveness.OFFLINE


# -- seq, skew, cheap reads, forged files --------------------------------------------------------


def test_seq_gaps_are_counted_and_older_files_ignored(site, clock, fleet):
    station = FakeStation(site, clock=clock)
    for seq in (1, 2, 5, 6, 10):
        station.heartbeat(seq=seq)
        clock.advance(0.1)
        view(fleet)
    assert view(fleet).seq_gaps == 2 + 3
    station.heartbeat(seq=7)  # an older copy through a client cache
    clock.advance(0.1)
    current = view(fleet)
    assert current.status["seq"] == 10 and current.seq_gaps == 5
    # A restart (new session) starts again at 1: not a gap.
    station.session = "session-2"
    station.heartbeat(seq=1)
    clock.advance(0.1)
    current = view(fleet)
    assert current.status["seq"] == 1 and current.seq_gaps == 5
    assert current.session_id == "session-2" and not current.duplicate_id_suspected


@pytest.mark.parametrize("skew", [7.5, -42.0, 0.0])
def test_clock_skew_is_measured(site, clock, fleet, skew):
    FakeStation(site, clock=clock).heartbeat(skew_s=skew)
    assert view(fleet).skew_s == pytest.approx(skew, abs=0.002)


def test_an_unchanged_status_file_is_not_read_again(site, clock, fleet):
    station = FakeStation(site, clock=clock)
    station.heartbeat()
    for _ in range(20):
        clock.advance(0.05)
        view(fleet)
    assert fleet.reads == 1
    clock.advance(0.05)
    station.heartbeat()
    view(fleet)
    view(fleet)
    assert fleet.reads == 2


def test_status_with_a_bad_signature_is_ignored(site, clock, fleet):
    station = FakeStation(site, clock=clock)
    station.heartbeat()
    assert view(fleet).status["seq"] == 1
    clock.advance(0.5)
    station.heartbeat(tamper=True)
    current = view(fleet)
    assert current.bad_signatures == 1 and current.status["seq"] == 1
    clock.advance(0.5)
    station.heartbeat(key=SigningKeyPair.generate())
    current = view(fleet)
    assert current.bad_signatures == 2 and current.status["seq"] == 1
    clock.advance(1.5)  # forged files do not keep a dead station online
    assert view(fleet).liveness == Liveness.STALE
    assert fleet.reads == 3 and view(fleet).bad_signatures == 2  # each forged file read once


def test_status_of_another_station_copied_here_is_ignored(site, clock, fleet):
    other = FakeStation(site, station_id="207", clock=clock)
    other.heartbeat()
    target = site_layout(site.share).station("206").ensure()
    target.status.write_bytes(other.layout.status.read_bytes())
    views = {v.station_id: v for v in fleet.poll()}
    assert views["206"].status is None and views["206"].bad_signatures == 1
    assert views["206"].liveness == Liveness.OFFLINE
    assert views["207"].liveness == Liveness.ONLINE


# -- acks delayed by client caches ---------------------------------------------------------------


def test_a_late_ack_within_the_grace_is_not_a_false_failure(site, clock, fleet):
    from utils.site.commands import Outcome, make_ack
    from utils.site.fleet import ACK_GRACE

    ana = admin_session(site)
    station_key = certified_pc_key(site, "206")
    certified_pc_key(site, "207")  # a station of the site that never answers
    late, lost = fleet.send(ana, "ping", ["206", "207"], ttl=timedelta(seconds=10))
    assert fleet.track() == []
    clock.advance(10 + ACK_GRACE.total_seconds() - 1)  # expired, but an ack may still arrive
    assert fleet.track() == []
    acks = site_layout(site.share).station("206").acks
    acks.mkdir(parents=True, exist_ok=True)
    forged = make_ack(SigningKeyPair.generate(), command_id=late["id"],
                      station_id="206", outcome=Outcome.FAILED, reason="forged", result=None,
                      finished_at=clock.now())
    (acks / f"{late['id']}.json").write_bytes(document_bytes(forged))
    assert fleet.track() == []  # a forged ack is ignored (and moved to the quarantine)
    assert not (acks / f"{late['id']}.json").exists()
    assert fleet.anomalies[-1]["station"] == "206"
    ack = make_ack(station_key, command_id=late["id"], station_id="206",
                   outcome=Outcome.DONE, reason="pong", result={"station": "206"},
                   finished_at=clock.now())
    (acks / f"{late['id']}.json").write_bytes(document_bytes(ack))
    assert [(r["command_id"], r["state"]) for r in fleet.track()] == [(late["id"], "done")]
    clock.advance(2)
    assert [(r["command_id"], r["state"]) for r in fleet.track()] == [(lost["id"], "timed_out")]
    states = {r["command_id"]: r["state"] for r in fleet.sent_commands()}
    assert states == {late["id"]: "done", lost["id"]: "timed_out"}


# -- ring buffers ----------------------------------------------------------------------------------


def test_ring_buffer_keeps_at_most_capacity_samples_in_order():
    ring = MetricRing(5)
    assert len(ring) == 0 and ring.series("cpu")[0].size == 0
    for i in range(3):
        ring.append(100.0 + i, {"cpu": float(i), "memory": None})
    times, values = ring.series("cpu")
    assert list(times) == [100.0, 101.0, 102.0] and list(values) == [0.0, 1.0, 2.0]
    assert np.isnan(ring.series("memory")[1]).all()
    nbytes = ring.nbytes
    for i in range(3, 13):
        ring.append(100.0 + i, {"cpu": float(i), "memory": 1.0, "disk": 2.0})
    times, values = ring.series("cpu")
    assert len(ring) == 5 and ring.nbytes == nbytes
    assert list(times) == [108.0, 109.0, 110.0, 111.0, 112.0]
    assert list(values) == [8.0, 9.0, 10.0, 11.0, 12.0]
    assert np.all(np.diff(times) > 0)


def test_peak_bins_keep_each_bins_low_and_high_and_nan_only_bins_as_gaps():
    from utils.site.timeseries import peak_bins

    times = np.arange(100.0, 130.0)  # 30 one-second samples: bins [100, 110), [110, 120), [120, 130)
    values = np.array([(i * 37) % 23 for i in range(30)], dtype=np.float32)
    values[3] = np.nan  # a gap inside a bin: the bin keeps its other samples
    values[20:30] = np.nan  # a bin of nothing but gaps
    values[15] = 99.0  # a spike survives the reduction
    out_times, out_values = peak_bins(times, values, 10.0)
    expected = []
    for start in (100.0, 110.0, 120.0):
        inside = [float(v) for t, v in zip(times, values) if start <= t < start + 10 and v == v]
        expected += [min(inside), max(inside)] if inside else [None, None]
    assert list(out_times) == [100.0, 105.0, 110.0, 115.0, 120.0, 125.0]
    assert [None if v != v else float(v) for v in out_values] == expected
    assert out_values[3] == 99.0
    # The same samples give the same bins later, whatever comes before them.
    again_times, again_values = peak_bins(times[5:], values[5:], 10.0)
    assert list(again_times[2:]) == list(out_times[2:])
    assert np.array_equal(again_values[2:], out_values[2:], equal_nan=True)
    empty_times, empty_values = peak_bins(np.empty(0), np.empty(0, np.float32), 10.0)
    assert empty_times.size == empty_values.size == 0


def test_fleet_ring_holds_the_latest_heartbeats(site, clock):
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share),
                         clock=clock, ring_capacity=4)
    station = FakeStation(site, clock=clock)
    stamps = []
    for i in range(7):
        station.heartbeat(cpu=float(i))
        stamps.append(clock.now().timestamp())
        view(fleet)
        view(fleet)  # an unchanged file adds no sample
        clock.advance(1)
    times, cpu = fleet.rings["206"].series("cpu")
    assert list(times) == stamps[-4:] and list(cpu) == [3.0, 4.0, 5.0, 6.0]
    assert np.isnan(fleet.rings["206"].series("disk")[1]).all()  # unavailable stays NaN


def test_200_stations_times_3600_samples_stay_under_50_mb():
    tracemalloc.start()
    try:
        rings = [MetricRing(3600) for _ in range(200)]
        for i in range(3600 + 10):  # one of them filled and wrapped
            rings[0].append(float(i), {"cpu": 1.0, "memory": 2.0, "disk": 3.0})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    total = sum(ring.nbytes for ring in rings)
    assert total < 50 * 1024 * 1024 and peak < 50 * 1024 * 1024
    assert rings[0].nbytes == rings[1].nbytes == total // 200  # fixed size, whatever is stored
    assert len(rings[0]) == 3600 and rings[0].series("cpu")[0][0] == 10.0


# -- the user directory, as a station PC sees it ------------------------------------------------


def test_user_directory_login_offline_deactivation_and_no_resurrection(site, tmp_path):
    add_user(site, "olga", Role.OPERATOR)
    log_folder = site.share / "directory" / "log"
    station = site.station(tmp_path, "206")
    stale = site.station(tmp_path, "207")  # a PC that will keep an old copy
    try:
        assert station.auth.login("olga", OPERATOR_PW).ok  # taken when the PC joined

        away = tmp_path / "share-away"
        os.rename(site.share, away)
        with pytest.raises(OSError):
            station.directory.refresh()  # the share is gone: said, nothing breaks
        assert station.auth.login("olga", OPERATOR_PW).ok  # the local copy serves logins
        os.rename(away, site.share)

        site.admin.auth.deactivate(admin_session(site), "olga", "left the company")
        assert "olga" in station.directory.refresh().taken
        assert not station.auth.login("olga", OPERATOR_PW).ok
        assert stale.directory.refresh().taken == ["olga"]
        assert not stale.auth.login("olga", OPERATOR_PW).ok

        # The deactivation's entry vanishes from the share (restored from a backup, or
        # removed): every PC that saw it writes it back, and nobody takes the older state.
        newest = sorted(log_folder.iterdir())[-1]
        newest.unlink()
        assert station.directory.refresh().taken == []
        assert newest.exists()
        for pc in (station, stale, site.admin):
            pc.directory.refresh()
            assert not pc.auth.login("olga", OPERATOR_PW).ok
    finally:
        station.close()
        stale.close()


def test_a_command_to_a_station_that_is_not_of_the_site_is_refused_and_leaves_nothing(
        site, fleet):
    """A typo (207 for 206) once made a phantom station folder that `status` on every PC
    listed and every "all stations" send then addressed."""
    from data import commands_repo
    from utils.site.fleet import NotAStation

    ana = admin_session(site)
    certified_pc_key(site, "206")
    with pytest.raises(NotAStation, match="207: not a station of this site .*206.*nothing "
                                          "was sent"):
        fleet.send(ana, "ping", ["206", "207"])
    assert not site_layout(site.share).station("207").folder.exists()
    assert not site_layout(site.share).station("206").inbox.exists()  # nor to the good one
    with site.admin.database.read() as connection:
        assert commands_repo.sent_list(connection) == []


def test_all_stations_leaves_out_a_folder_someone_made_on_the_share(site, fleet):
    ana = admin_session(site)
    certified_pc_key(site, "206")
    for station_id in ("206", "999"):
        folder = site_layout(site.share).station(station_id)
        folder.ensure()
        folder.status.write_text("{}")  # shows itself (refused, but a view of the panel)
    fleet.poll()
    assert {"206", "999"} <= set(fleet.views)
    sent = fleet.send(ana, "ping", None)
    assert [document["target"] for document in sent] == ["206"]
    assert list(site_layout(site.share).station("999").inbox.glob("*.json")) == []
