"""The command line, run as a real subprocess in a fresh home."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "legacy_dados_producao.csv"


def run(home: Path, *args: str, password: str | None = None, new_password: str | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPFLOOR_")}
    if password is not None:
        env["SHOPFLOOR_PASSWORD"] = password
    if new_password is not None:
        env["SHOPFLOOR_NEW_PASSWORD"] = new_password
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--home", str(home), *args],
                          capture_output=True, text=True, env=env, timeout=120,
                          stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    home = tmp_path_factory.mktemp("cli") / "home"
    created = run(home, "user", "add", "maria", "--role", "admin", "--full-name", "Maria Silva",
                  password="Quarry-Lantern-42")
    assert created.returncode == 0, created.stderr
    return home


def test_version():
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("shopfloor ")


def test_user_commands(site):
    added = run(site, "user", "add", "joao", "--role", "operator", "--as", "maria",
                password="Quarry-Lantern-42", new_password="Joao-First-Pass1")
    assert added.returncode == 0, added.stderr
    listed = run(site, "user", "list", "--as", "maria", password="Quarry-Lantern-42")
    assert "joao" in listed.stdout and "must-change-password" in listed.stdout
    wrong = run(site, "user", "list", "--as", "maria", password="not-the-password")
    assert wrong.returncode == 2 and wrong.stderr.strip() == "error: wrong username or password"
    assert "Traceback" not in wrong.stderr
    must_change = run(site, "user", "list", "--as", "joao", password="Joao-First-Pass1")
    assert must_change.returncode == 2 and "change-password" in must_change.stderr
    changed = run(site, "user", "change-password", "joao", password="Joao-First-Pass1",
                  new_password="Joao-Own-Pass-77")
    assert changed.returncode == 0, changed.stderr
    denied = run(site, "user", "deactivate", "maria", "--as", "joao", password="Joao-Own-Pass-77")
    assert denied.returncode == 2 and "not allowed" in denied.stderr
    assert "Traceback" not in denied.stderr
    too_long = run(site, "user", "reset-password", "joao", "--as", "maria",
                   password="Quarry-Lantern-42", new_password="Kx9-Qy7-" * 9 + "z")
    assert too_long.returncode == 2 and "72 bytes" in too_long.stderr


def test_no_secret_without_terminal_is_a_clear_error(tmp_path):
    result = run(tmp_path / "h", "user", "add", "x1", "--role", "admin")
    assert result.returncode == 2
    assert "SHOPFLOOR_PASSWORD" in result.stderr and "Traceback" not in result.stderr


def test_import_export_and_verify(site, tmp_path):
    imported = run(site, "import-legacy", str(SAMPLE), "--as", "maria",
                   "--timezone", "America/Sao_Paulo", password="Quarry-Lantern-42")
    assert imported.returncode == 0, imported.stderr
    assert "rejected line" in imported.stdout and "imported:" in imported.stdout
    again = run(site, "import-legacy", str(SAMPLE), "--as", "maria",
                "--timezone", "America/Sao_Paulo", password="Quarry-Lantern-42")
    assert "imported: 0," in again.stdout
    missing = run(site, "import-legacy", str(tmp_path / "nope.csv"), "--as", "maria",
                  password="Quarry-Lantern-42")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    out = tmp_path / "export.csv"
    exported = run(site, "export", "--format", "csv", "--out", str(out), "--station", "206",
                   "--as", "maria", password="Quarry-Lantern-42")
    assert exported.returncode == 0, exported.stderr and out.exists()
    verified = run(site, "verify-audit", "--json")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert json.loads(verified.stdout)["ok"] is True


def test_verify_audit_exits_1_and_names_the_event(tmp_path):
    home = tmp_path / "home"
    assert run(home, "user", "add", "ana", "--role", "admin", password="Quarry-Lantern-42").returncode == 0
    run(home, "user", "list", "--as", "ana", password="Quarry-Lantern-42")
    db = sqlite3.connect(home / "data" / "shopfloor.sqlite3")
    db.execute("DROP TRIGGER audit_events_no_update")
    db.execute("UPDATE audit_events SET username = 'mallory' WHERE seq = 2")
    db.commit()
    db.close()
    result = run(home, "verify-audit")
    assert result.returncode == 1
    assert "first bad event 2 (modified)" in result.stdout
    as_json = json.loads(run(home, "verify-audit", "--json").stdout)
    assert as_json["ok"] is False and as_json["stations"][0]["first_bad_seq"] == 2


def test_sixteen_concurrent_cli_processes_get_no_more_guesses_than_the_threshold(tmp_path):
    """Issue 13: 16 processes guessing at once on one PC. The attempt is counted before the
    password is checked, in one transaction, so at most `lockout_threshold` (5) passwords are
    ever checked; the right one afterwards is refused as locked."""
    home = tmp_path / "home"
    created = run(home, "user", "add", "maria", "--role", "admin", "--full-name", "Maria Silva",
                  password="Quarry-Lantern-42")
    assert created.returncode == 0, created.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPFLOOR_")}
    guesses = [subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--home", str(home), "user", "list", "--as",
         "maria"], env={**env, "SHOPFLOOR_PASSWORD": f"wrong-guess-{n}"},
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
    right = run(home, "user", "list", "--as", "maria", password="Quarry-Lantern-42")
    assert right.returncode == 2 and "locked until" in right.stderr
