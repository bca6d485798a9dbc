"""Files of the wrong kind, on the command line: an archive's --out must end with .zip (a ZIP
named .txt opens in a text editor), and `backup verify` of a file that is no backup is
refused (exit 2, "nothing was checked"), while a damaged backup is "NOT intact" (exit 1), as
cli/errors.py and the README's exit codes say. In-process."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.cli.clikit import ROOT
from tests.cli.test_cli_newcomer import PASSWORD

SAMPLE = ROOT / "tests" / "fixtures" / "legacy_dados_producao.csv"


@pytest.mark.parametrize("name", ["arch.txt", "arch"])
def test_an_archive_named_other_than_zip_is_refused_before_anything(admin_home, shopfloor,
                                                                    tmp_path, name):
    out = tmp_path / name
    refused = shopfloor(admin_home, "archive", "--from", "2025-11-01", "--to", "2025-12-01",
                        "--out", str(out), "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert refused.returncode == 2 and refused.stdout == ""
    ending = "ends with .txt" if name.endswith(".txt") else "does not end with .zip"
    assert refused.stderr == (f"error: --out {out} {ending}, but archive writes a ZIP archive: "
                              f"give a file name ending with .zip (such as arch.zip); nothing "
                              f"was written\n")
    assert not out.exists()


def test_backup_verify_of_a_csv_is_refused_not_not_intact(admin_home, shopfloor):
    refused = shopfloor(admin_home, "backup", "verify", str(SAMPLE))
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == ("error: legacy_dados_producao.csv is not a database this program "
                              "can read (not an SQLite file); nothing was checked: give the "
                              "path of a backup file (shopfloor backup list shows this "
                              "station's)\n")


def test_a_damaged_backup_is_not_intact_without_an_error_line(admin_home, shopfloor, tmp_path):
    made = shopfloor(admin_home, "backup", "now", "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    backup = made.stdout.split("backup written: ")[1].split(" (")[0]
    damaged = tmp_path / "damaged.sqlite3"
    shutil.copyfile(backup, damaged)
    with open(damaged, "r+b") as handle:  # the header kept, the pages after it overwritten
        handle.seek(100)
        handle.write(b"\xff" * 8000)
    result = shopfloor(admin_home, "backup", "verify", str(damaged))
    assert result.returncode == 1 and result.stderr == "", result.stderr
    assert result.stdout.splitlines()[-1] == "NOT intact"
    assert result.stdout.splitlines()[-2] == (
        f"{damaged}: damaged.sqlite3 is not a database this program can read (database disk "
        f"image is malformed): the backup is damaged")
    log = (admin_home / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "Traceback" not in log  # an expected finding, not a crash
    as_json = shopfloor(admin_home, "backup", "verify", str(damaged), "--json")
    assert as_json.returncode == 1 and json.loads(as_json.stdout)["ok"] is False
