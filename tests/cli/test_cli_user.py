"""`shopfloor user ...` in-process, and once as real processes: sixteen of them guessing one
password at once (issue 13)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from tests.cli.clikit import ROOT, process_env, run_process

PASSWORD = "Quarry-Lantern-42"


@pytest.fixture
def site(tmp_path, shopfloor, fast_secrets):
    home = tmp_path / "home"
    created = shopfloor(home, "user", "add", "maria", "--role", "admin", "--full-name",
                        "Maria Silva", SHOPFLOOR_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip() == "created first admin maria"
    return home


def test_user_commands(site, shopfloor):
    added = shopfloor(site, "user", "add", "joao", "--role", "operator", "--as", "maria",
                      SHOPFLOOR_PASSWORD=PASSWORD, SHOPFLOOR_NEW_PASSWORD="Jasper-First-Pass1")
    assert added.returncode == 0, added.stderr
    assert "created operator joao (must change the password at first login)" in added.stdout
    listed = shopfloor(site, "user", "list", "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert "joao" in listed.stdout and "must-change-password" in listed.stdout
    wrong = shopfloor(site, "user", "list", "--as", "maria",
                      SHOPFLOOR_PASSWORD="not-the-password")
    assert wrong.returncode == 2 and wrong.stderr.strip() == "error: wrong username or password"
    assert "Traceback" not in wrong.stderr
    must_change = shopfloor(site, "user", "list", "--as", "joao",
                            SHOPFLOOR_PASSWORD="Jasper-First-Pass1")
    assert must_change.returncode == 2 and "change-password" in must_change.stderr
    changed = shopfloor(site, "user", "change-password", "joao",
                        SHOPFLOOR_PASSWORD="Jasper-First-Pass1",
                        SHOPFLOOR_NEW_PASSWORD="Jasper-Own-Pass-77")
    assert changed.returncode == 0, changed.stderr
    denied = shopfloor(site, "user", "deactivate", "maria", "--as", "joao",
                       SHOPFLOOR_PASSWORD="Jasper-Own-Pass-77")
    assert denied.returncode == 2 and "may not manage user accounts" in denied.stderr
    assert "Traceback" not in denied.stderr
    too_long = shopfloor(site, "user", "reset-password", "joao", "--as", "maria",
                         SHOPFLOOR_PASSWORD=PASSWORD, SHOPFLOOR_NEW_PASSWORD="Kx9-Qy7-" * 9 + "z")
    assert too_long.returncode == 2 and "72 bytes" in too_long.stderr


def test_unlock_and_deactivate(site, shopfloor):
    shopfloor(site, "user", "add", "rita", "--role", "operator", "--as", "maria",
              SHOPFLOOR_PASSWORD=PASSWORD, SHOPFLOOR_NEW_PASSWORD="Raven-First-Pass1")
    for n in range(5):
        shopfloor(site, "user", "list", "--as", "rita", SHOPFLOOR_PASSWORD=f"wrong-{n}")
    locked = shopfloor(site, "user", "list", "--as", "rita", SHOPFLOOR_PASSWORD="Raven-First-Pass1")
    assert locked.returncode == 2 and "rita is locked until" in locked.stderr
    listed = shopfloor(site, "user", "list", "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert [line for line in listed.stdout.splitlines() if line.startswith("rita")][0] \
        .endswith("must-change-password locked")
    unlocked = shopfloor(site, "user", "unlock", "rita", "--as", "maria",
                         SHOPFLOOR_PASSWORD=PASSWORD)
    assert unlocked.returncode == 0 and unlocked.stdout.strip() == "rita unlocked"
    gone = shopfloor(site, "user", "deactivate", "rita", "--as", "maria", "--reason",
                     "left the company", SHOPFLOOR_PASSWORD=PASSWORD)
    assert gone.returncode == 0 and "deactivated (the name will never be reused)" in gone.stdout
    listed = shopfloor(site, "user", "list", "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert "inactive" in [line for line in listed.stdout.splitlines()
                          if line.startswith("rita")][0]


def test_the_first_user_must_be_an_admin(tmp_path, shopfloor, fast_secrets):
    refused = shopfloor(tmp_path / "h", "user", "add", "x1", "--role", "operator",
                        SHOPFLOOR_PASSWORD=PASSWORD)
    assert refused.returncode == 2
    assert refused.stderr.strip() == "error: the first user must be an admin: use --role admin"


def test_no_secret_without_terminal_is_a_clear_error(tmp_path, shopfloor):
    result = shopfloor(tmp_path / "h", "user", "add", "x1", "--role", "admin")
    assert result.returncode == 2
    assert "set SHOPFLOOR_NEW_PASSWORD" in result.stderr and "Traceback" not in result.stderr


def test_sixteen_concurrent_cli_processes_get_no_more_guesses_than_the_threshold(tmp_path):
    """Issue 13: 16 processes guessing at once on one PC. The attempt is counted before the
    password is checked, in one transaction, so at most `lockout_threshold` (5) passwords are
    ever checked; the right one afterwards is refused as locked. (The `user` verb's run as
    real processes.)"""
    home = tmp_path / "home"
    created = run_process(home, "user", "add", "maria", "--role", "admin", "--full-name",
                          "Maria Silva", SHOPFLOOR_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    guesses = [subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--home", str(home), "user", "list", "--as",
         "maria"], env=process_env(SHOPFLOOR_PASSWORD=f"wrong-guess-{n}"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
        for n in range(16)]
    outcomes = [process.communicate(timeout=180) for process in guesses]
    assert all(process.returncode == 2 for process in guesses), outcomes
    connection = sqlite3.connect(home / "data" / "shopfloor.sqlite3")
    try:
        actions = [row[0] for row in connection.execute(
            "SELECT action FROM audit_events WHERE entity_id = 'maria' AND action IN "
            "('login.failed', 'user.locked', 'login.refused_locked')")]
    finally:
        connection.close()
    checked = actions.count("login.failed") + actions.count("user.locked")
    assert checked <= 5 and actions.count("login.refused_locked") >= 11, actions
    right = run_process(home, "user", "list", "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert right.returncode == 2 and "locked until" in right.stderr
