"""`shopfloor agent` refusals at start: a second agent (or the app) on the same home, a
metrics port out of range or in use. Each is one line naming what and what to do, exit 2,
nothing started and no traceback in the log. The second agent runs as its own process, so a
regression (an agent that keeps running) is stopped by the test, not left waiting."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from utils.backup.scheduler import BackupService
from utils.context import AppContext

from tests.cli.test_cli_site import start_agent
from tests.utils.site.sitekit import make_site, use_fast_kdf
from tests.waiting import wait_until


@pytest.fixture
def station(tmp_path, monkeypatch) -> Path:
    """The home of station 206 of a site (closed: the test's commands open it)."""
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    site.station(tmp_path, "206").close()
    site.admin.close()
    return tmp_path / "home-206"


def assert_no_traceback(home: Path) -> None:
    text = (home / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "Traceback" not in text and " ERROR " not in text, text[-2000:]


@pytest.mark.parametrize("port", ["99999", "-1", "80"])
def test_a_metrics_port_out_of_range_is_refused_before_anything_starts(station, shopfloor,
                                                                       port):
    refused = shopfloor(station, "agent", "--metrics-port", port)
    assert refused.returncode == 2, refused.stderr
    assert f"--metrics-port {port} cannot be used" in refused.stderr
    assert "from 1024 to 65535" in refused.stderr and "nothing was started" in refused.stderr
    assert "syncing" not in refused.stdout
    assert_no_traceback(station)


def test_a_metrics_port_in_use_is_refused_naming_it(station, shopfloor):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused = shopfloor(station, "agent", "--metrics-port", str(port))
    assert refused.returncode == 2, refused.stderr
    assert f"the metrics port {port} cannot be opened" in refused.stderr
    assert "nothing was started" in refused.stderr and "syncing" not in refused.stdout
    assert_no_traceback(station)


def test_a_second_agent_of_the_same_home_is_refused_naming_the_first(station):
    # This process holds the home as a running app (or agent) does: its backup schedule.
    ctx = AppContext.open(station)
    running = BackupService(ctx)
    assert running.start()
    try:
        second = start_agent(station)
        try:
            out, err = second.communicate(timeout=60)
        except subprocess.TimeoutExpired:  # it did not refuse: stopped here, then failed
            second.send_signal(signal.SIGTERM)
            out, err = second.communicate(timeout=60)
            pytest.fail(f"the second agent kept running: {out} {err}")
    finally:
        running.stop()
        ctx.close()
    assert second.returncode == 2, err
    assert "an agent or the app already runs with this home" in err
    assert f"process {os.getpid()}" in err and "nothing was started" in err
    assert "syncing" not in out
    assert_no_traceback(station)


def test_an_agent_that_may_not_act_says_it_waits_and_acts_once_that_clears(station, tmp_path):
    """A copy of this PC runs as the station: the agent says it is not acting and waits, never
    that it is syncing; once the copy stops, it acts by itself (as after its own crash) and
    says so."""
    copy = tmp_path / "copy-of-206"
    shutil.copytree(station, copy)  # the same PC key: a copy of this PC
    status = station.parent / "share" / "stations" / "206" / "status.json"
    birth = status.with_name("birth.json")
    first = start_agent(copy)
    second = None
    try:
        wait_until(lambda: status.exists() or first.poll() is not None, timeout=60)
        assert first.poll() is None, first.communicate(timeout=10)
        second = start_agent(station)
        told: list[str] = []
        reader = threading.Thread(target=lambda: told.append(second.stderr.readline()),
                                  daemon=True)
        reader.start()
        reader.join(timeout=60)
        assert told and "not acting for station 206" in told[0], told
        assert "waiting" in told[0] and second.poll() is None  # still running, checking
        assert str(second.pid) not in birth.read_text(encoding="utf-8")  # the copy's birth
        first.send_signal(signal.SIGTERM)  # the copy stops: its death frees the station
        first.communicate(timeout=60)
        acting: list[str] = []
        reader = threading.Thread(target=lambda: acting.append(second.stdout.readline()),
                                  daemon=True)
        reader.start()
        reader.join(timeout=60)
        assert acting and acting[0].startswith("station 206 syncing with"), acting
        wait_until(lambda: f'"pid": {second.pid}' in birth.read_text(encoding="utf-8")
                   or f'"pid":{second.pid}' in birth.read_text(encoding="utf-8"), timeout=60)
    finally:
        for agent in (second, first):
            if agent is not None:
                agent.send_signal(signal.SIGTERM)
                agent.communicate(timeout=60)
