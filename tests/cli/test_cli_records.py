"""`shopfloor import-legacy`, `export` and `verify-audit` on this PC's own records, in-process;
then the three once as real processes."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest

from tests.cli.clikit import ROOT, run_process

SAMPLE = ROOT / "tests" / "fixtures" / "legacy_dados_producao.csv"
PASSWORD = "Quarry-Lantern-42"


@pytest.fixture
def site(admin_home):
    return admin_home


def test_import_export_and_verify(site, shopfloor, tmp_path):
    imported = shopfloor(site, "import-legacy", str(SAMPLE), "--as", "maria", "--timezone",
                         "America/Sao_Paulo", SHOPFLOOR_PASSWORD=PASSWORD)
    assert imported.returncode == 0, imported.stderr
    assert "rejected line" in imported.stdout and "imported:" in imported.stdout
    again = shopfloor(site, "import-legacy", str(SAMPLE), "--as", "maria", "--timezone",
                      "America/Sao_Paulo", SHOPFLOOR_PASSWORD=PASSWORD)
    assert "imported: 0," in again.stdout
    missing = shopfloor(site, "import-legacy", str(tmp_path / "nope.csv"), "--as", "maria",
                        SHOPFLOOR_PASSWORD=PASSWORD)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.startswith(f"error: cannot import {tmp_path / 'nope.csv'}")
    out = tmp_path / "export.csv"
    exported = shopfloor(site, "export", "--format", "csv", "--out", str(out), "--station",
                         "206", "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert exported.returncode == 0, exported.stderr
    count = int(exported.stdout.split("exported ")[1].split(" records")[0])
    assert count > 0 and out.exists()
    with open(out, encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == count
    verified = shopfloor(site, "verify-audit", "--json")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert json.loads(verified.stdout)["ok"] is True


def test_export_refusals_and_an_empty_export_says_why(site, shopfloor, tmp_path):
    out = tmp_path / "x.csv"
    defect = shopfloor(site, "export", "--format", "csv", "--out", str(out), "--defect",
                       "Furo", "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert defect.returncode == 2 and "--defect filters the site view" in defect.stderr
    bad_time = shopfloor(site, "export", "--format", "csv", "--out", str(out), "--from",
                         "yesterday", "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert bad_time.returncode == 2
    assert "'yesterday' is not an ISO date or time" in bad_time.stderr
    empty = shopfloor(site, "export", "--format", "csv", "--out", str(out), "--as", "maria",
                      SHOPFLOOR_PASSWORD=PASSWORD)
    assert empty.returncode == 0 and empty.stdout.startswith("exported 0 records")
    assert "why none: " in empty.stdout


def test_verify_audit_exits_1_and_names_the_event(site, shopfloor):
    shopfloor(site, "user", "list", "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    intact = shopfloor(site, "verify-audit")
    assert intact.returncode == 0 and "intact" in intact.stdout
    db = sqlite3.connect(site / "data" / "shopfloor.sqlite3")
    db.execute("DROP TRIGGER audit_events_no_update")
    db.execute("UPDATE audit_events SET username = 'mallory' WHERE seq = 2")
    db.commit()
    db.close()
    result = shopfloor(site, "verify-audit")
    assert result.returncode == 1
    assert "first bad event 2 (modified)" in result.stdout
    as_json = json.loads(shopfloor(site, "verify-audit", "--json").stdout)
    assert as_json["ok"] is False and as_json["stations"][0]["first_bad_seq"] == 2


def test_verify_audit_of_an_empty_home(tmp_path, shopfloor):
    from utils.context import AppContext

    AppContext.open(tmp_path / "empty").close()  # installed; a home without one is refused
    result = shopfloor(tmp_path / "empty", "verify-audit")
    assert result.returncode == 0
    assert result.stdout.strip() == "no audit events yet: nothing to verify"


def test_the_verbs_as_real_processes(site, tmp_path):
    """import-legacy, export and verify-audit, each once through `python main.py`."""
    home = site
    imported = run_process(home, "import-legacy", str(SAMPLE), "--as", "maria", "--timezone",
                           "America/Sao_Paulo", SHOPFLOOR_PASSWORD=PASSWORD)
    assert imported.returncode == 0 and "imported:" in imported.stdout, imported.stderr
    out = tmp_path / "export.csv"
    exported = run_process(home, "export", "--format", "csv", "--out", str(out), "--as",
                           "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert exported.returncode == 0 and out.stat().st_size > 0, exported.stderr
    verified = run_process(home, "verify-audit", "--json")
    assert verified.returncode == 0 and json.loads(verified.stdout)["ok"] is True
    assert "Traceback" not in imported.stderr + exported.stderr + verified.stderr
