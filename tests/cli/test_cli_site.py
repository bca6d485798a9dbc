"""Two PCs set up with the command line alone (two --home folders, one shared folder): a
command sent from one is executed once by the other's agent and its ack printed. The agent runs
as its own process (the `agent` verb's real run, stopped by SIGTERM); every other verb runs
in-process (tests/cli/clikit.py)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.clikit import ROOT, process_env, run_process
from tests.utils.site.sitekit import wait_until

PASSPHRASE = "long site passphrase 1"
PASSWORD = "Quarry-Lantern-42"


def start_agent(home: Path) -> subprocess.Popen:
    """`python main.py --home HOME agent`, its own process until SIGTERM."""
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--home", str(home),
                             "agent"], env=process_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)


@pytest.fixture
def two_pcs(tmp_path, shopfloor, fast_secrets):
    share, office, station = tmp_path / "share", tmp_path / "office", tmp_path / "pc206"
    share.mkdir()  # a missing one is refused (unless --make-folder)
    run = shopfloor
    created = run(office, "site", "create", "--folder", str(share), "--station", "office1",
                  "--office", "--admin", "ana", SHOPFLOOR_PASSPHRASE=PASSPHRASE,
                  SHOPFLOOR_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    wrong = run(station, "site", "join", "--folder", str(share), "--station", "206",
                SHOPFLOOR_PASSPHRASE="not the passphrase at all")
    assert wrong.returncode == 2 and "passphrase is wrong" in wrong.stderr
    joined = run(station, "site", "join", "--folder", str(share), "--station", "206",
                 SHOPFLOOR_PASSPHRASE=PASSPHRASE)
    assert joined.returncode == 0, joined.stderr
    # The hint starts an agent on this very home, not the default one.
    assert f"start syncing with: shopfloor --home {station} agent" in joined.stdout
    # The first admin is in the site's directory, certified by the site's root.
    first = json.loads((share / "directory" / "log" / "00000003.json").read_text())["op"]
    assert (first["op"], first["signer"], first["data"]["username"]) == ("user.put", "root", "ana")
    return share, office, station


def assert_refusal_logged(home: Path, code: str) -> None:
    """An expected refusal is one INFO/WARNING line in the PC's log, never a traceback."""
    text = (home / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if code in line]
    assert len(lines) == 1 and "refused" in lines[0], text[-2000:]
    assert " ERROR " not in text and "Traceback" not in text, text[-2000:]
    assert " INFO " in lines[0] or " WARNING " in lines[0]


def test_a_wrong_passphrase_is_logged_as_a_refusal_not_a_crash(two_pcs):
    _share, _office, station = two_pcs
    text = (station / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "wrong_passphrase" in text and "Traceback" not in text and " ERROR " not in text
    assert_refusal_logged(station, "wrong_passphrase")


def test_command_round_trip_between_two_homes(two_pcs, tmp_path, shopfloor):
    share, office, station = two_pcs
    run = shopfloor
    agent = start_agent(station)
    try:
        wait_until(lambda: (share / "stations" / "206" / "status.json").exists(), timeout=30)
        # site, send and status: each verb's run as a real process
        again = run_process(tmp_path / "other", "site", "join", "--folder", str(share),
                            "--station", "206", SHOPFLOOR_PASSPHRASE=PASSPHRASE)
        assert again.returncode == 2 and "in use" in again.stderr
        assert_refusal_logged(tmp_path / "other", "station_in_use")
        sent = run_process(office, "send", "206", "set_lot", "code=L2503-9", "total_boxes=40",
                           "--as", "ana", "--wait", "30", SHOPFLOOR_PASSWORD=PASSWORD)
        assert sent.returncode == 0, sent.stdout + sent.stderr
        acks = [json.loads(line) for line in sent.stdout.splitlines() if '"state"' in line]
        assert len(acks) == 1 and acks[0]["state"] == "done"
        assert acks[0]["result"]["lot"] == "L2503-9"
        status = run_process(office, "status", "--json")
        rows = {row["station"]: row for row in json.loads(status.stdout)["stations"]}
        assert rows["206"]["state"] == "online"
        wait_until(lambda: json.loads(run(office, "status", "--json").stdout)["stations"] and
                   {r["station"]: r for r in json.loads(run(office, "status", "--json").stdout)
                    ["stations"]}["206"]["lot"] == "L2503-9", timeout=30)
    finally:
        agent.send_signal(signal.SIGTERM)
        out, err = agent.communicate(timeout=60)
    assert agent.returncode == 0, err
    assert "stopped" in out
    assert (share / "stations" / "206" / "death.json").exists()
    # The admin sees the station's journal and every chain verifies.
    verified = run(office, "verify-audit", "--site", "--json")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    stations = {s["station"] for s in json.loads(verified.stdout)["stations"]}
    assert {"office1", "206"} <= stations


def test_a_pc_with_its_own_accounts_creates_a_site_in_its_admins_name(tmp_path, shopfloor,
                                                                      fast_secrets):
    """A PC that had accounts before it was in a site: an admin of them must be named (the
    site's root certifies that admin, who certifies the others and signs the site's first
    catalog with its time zone); without one nothing is created."""
    share, home = tmp_path / "share", tmp_path / "office"
    share.mkdir()
    run = shopfloor
    made = run(home, "user", "add", "ana", "--role", "admin", "--full-name", "Ana Admin",
               SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    unnamed = run(home, "site", "create", "--folder", str(share), "--station", "office1",
                  "--office", SHOPFLOOR_PASSPHRASE=PASSPHRASE)
    assert unnamed.returncode == 2 and "--admin" in unnamed.stderr, unnamed.stderr
    assert not (share / "directory").exists()
    created = run(home, "site", "create", "--folder", str(share), "--station", "office1",
                  "--office", "--admin", "ana", "--timezone", "Asia/Tokyo",
                  SHOPFLOOR_PASSPHRASE=PASSPHRASE, SHOPFLOOR_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    assert "the site's time zone: Asia/Tokyo" in created.stdout
    ops = [json.loads(p.read_text())["op"] for p in sorted((share / "directory" / "log").iterdir())]
    [catalog] = [op for op in ops if op["op"] == "catalog.publish"]
    assert catalog["signer"] == "person:ana"
    assert catalog["data"]["catalog"]["catalog"]["timezone"] == "Asia/Tokyo"


def test_site_create_and_join_check_the_folder_as_the_wizard_does(tmp_path, shopfloor,
                                                                  fast_secrets, monkeypatch):
    """The command line runs the wizard's set-up (utils/first_run.set_up): a folder given as
    a relative path, or one that holds no site, is refused before anything is written."""
    monkeypatch.chdir(tmp_path)  # a relative folder, were it taken, lands here
    home = tmp_path / "office"
    relative = shopfloor(home, "site", "create", "--folder", "share", "--station", "office1",
                         "--office", "--admin", "ana", SHOPFLOOR_PASSPHRASE=PASSPHRASE,
                         SHOPFLOOR_PASSWORD=PASSWORD)
    assert relative.returncode == 2 and "is not a full path" in relative.stderr, relative.stderr
    assert not (tmp_path / "share").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = shopfloor(home, "site", "join", "--folder", str(empty), "--station", "206",
                        SHOPFLOOR_PASSPHRASE=PASSPHRASE)
    assert nothing.returncode == 2 and "no Shopfloor site" in nothing.stderr, nothing.stderr
    assert list(empty.iterdir()) == []
    assert_refusal_logged(home, "folder_not_absolute")
    assert_refusal_logged(home, "no_site")
