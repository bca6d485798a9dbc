"""`shopfloor archive`, `verify-archive`, `backup` and `restore`, each once as a real process
on a home made in-process (their behaviour in-process: tests/utils/test_backups.py,
tests/utils/site/test_archive.py, tests/utils/test_record_proof.py)."""

from __future__ import annotations

import json

from tests.cli.clikit import run_process

PASSWORD = "Quarry-Lantern-42"


def test_the_proof_verbs_as_real_processes(tmp_path, shopfloor, fast_secrets):
    home = tmp_path / "home"
    assert shopfloor(home, "user", "add", "ana", "--role", "admin",
                     SHOPFLOOR_PASSWORD=PASSWORD).returncode == 0
    archive = tmp_path / "period.zip"
    made = run_process(home, "archive", "--from", "2020-01-01", "--to", "2100-01-01", "--out",
                       str(archive), "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0 and made.stdout.startswith(f"archive written: {archive}"), \
        made.stderr
    checked = run_process(tmp_path / "inspector", "verify-archive", str(archive), "--json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["ok"] is True, checked.stderr
    backed_up = run_process(home, "backup", "now", "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert backed_up.returncode == 0, backed_up.stderr
    backup = backed_up.stdout.split("backup written: ")[1].split(" (")[0]
    restored = run_process(home, "restore", backup, "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert f"restored {backup}; the previous database is kept as" in restored.stdout
    for result in (made, checked, backed_up, restored):
        assert "Traceback" not in result.stderr


def test_archive_in_process_and_its_refusals(tmp_path, shopfloor, fast_secrets):
    home, out = tmp_path / "home", tmp_path / "a.zip"
    assert shopfloor(home, "user", "add", "ana", "--role", "admin",
                     SHOPFLOOR_PASSWORD=PASSWORD).returncode == 0
    assert shopfloor(home, "user", "add", "op", "--role", "operator", "--as", "ana",
                     SHOPFLOOR_PASSWORD=PASSWORD,
                     SHOPFLOOR_NEW_PASSWORD="Initial-Pass-op").returncode == 0
    assert shopfloor(home, "user", "change-password", "op", SHOPFLOOR_PASSWORD="Initial-Pass-op",
                     SHOPFLOOR_NEW_PASSWORD="Op-Own-Pass-77").returncode == 0
    period = ("--from", "2020-01-01", "--to", "2100-01-01", "--out", str(out))
    operator = shopfloor(home, "archive", *period, "--as", "op",
                         SHOPFLOOR_PASSWORD="Op-Own-Pass-77")
    assert operator.returncode == 2
    assert operator.stderr.strip() == ("error: op (operator) may not make archives (supervisor "
                                       "or admin role only); nothing was written: run it again "
                                       "with --as a user whose role allows it")
    assert not out.exists()
    bad = shopfloor(home, "archive", "--from", "2020-13-01", "--to", "2100-01-01", "--out",
                    str(out), "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert bad.returncode == 2 and "'2020-13-01' is not an ISO date" in bad.stderr
    made = shopfloor(home, "archive", *period, "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"archive written: {out} (1 station(s), ")
    checked = shopfloor(tmp_path / "inspector", "verify-archive", str(out))
    assert checked.returncode == 0 and checked.stdout.rstrip().endswith("archive INTACT")
