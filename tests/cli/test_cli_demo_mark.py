"""What leaves `shopfloor demo`'s home says DEMO, so that it never passes for a real plant's
data: an export's file name (a CSV stays plain rows, readable as any export), an XLSX's title
and a sheet of its own after the records, and the first line (or a JSON key) of `status` and
`verify-audit --site`; a real PC's say nothing of it. In-process (tests/cli/clikit.py)."""

from __future__ import annotations

import json

import openpyxl

from data.exports import EXPORT_COLUMNS, SHEET_NAME, read_export

from tests.cli.clikit import create_office_site

PASSWORD = "Quarry-Lantern-2026"
DEMO = "DEMO plant (synthetic data, not a real site)"


def test_what_leaves_a_demo_home_says_demo(tmp_path, shopfloor, fast_secrets):
    made = shopfloor(tmp_path / "home", "demo", "--no-gui", "--days", "1",
                     SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    office = tmp_path / "home" / "demo" / "office"

    def run(*args: str):
        return shopfloor(office, *args, SHOPFLOOR_PASSWORD=PASSWORD)

    # A CSV named as a real one is written under a name that says DEMO, and is plain rows.
    asked = tmp_path / "site.csv"
    exported = run("export", "--site", "--format", "csv", "--out", str(asked), "--as", "demo")
    assert exported.returncode == 0, exported.stderr
    written = tmp_path / "site-DEMO.csv"
    assert not asked.exists() and written.exists()
    lines = exported.stdout.splitlines()
    count = int(lines[0].split("exported ")[1].split(" records")[0])
    assert lines[0] == f"exported {count} records to {written}" and count > 0
    assert lines[1] == f"{DEMO}: the file's name says DEMO"
    frame = read_export(written)
    assert list(frame.columns) == list(EXPORT_COLUMNS) and len(frame) == count

    # An XLSX whose name says demo keeps it; its title and a sheet after the records say so.
    book_path = tmp_path / "demo.xlsx"
    exported = run("export", "--site", "--format", "xlsx", "--out", str(book_path), "--as",
                   "demo")
    assert exported.returncode == 0, exported.stderr
    assert f"records to {book_path}" in exported.stdout
    assert "and so do its title and a DEMO sheet" in exported.stdout
    book = openpyxl.load_workbook(book_path, read_only=True)
    assert book.sheetnames == [SHEET_NAME, "DEMO"]  # the records' sheet first, as ever
    assert book.properties.title == f"{DEMO}: records"
    assert next(book["DEMO"].iter_rows(values_only=True))[0] == DEMO
    book.close()
    assert len(read_export(book_path)) == count

    status = run("status")
    assert status.returncode == 0 and status.stdout.splitlines()[0] == DEMO
    assert json.loads(run("status", "--json").stdout)["demo"] == DEMO
    verified = run("verify-audit", "--site")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.splitlines()[0] == DEMO
    assert json.loads(run("verify-audit", "--site", "--json").stdout)["demo"] == DEMO


def test_a_real_pcs_outputs_say_nothing_of_a_demo(shopfloor, tmp_path, fast_secrets):
    share, office = tmp_path / "share", tmp_path / "office"
    share.mkdir()
    created = create_office_site(shopfloor, office, share,
                                 SHOPFLOOR_PASSPHRASE="long site passphrase 1",
                                 SHOPFLOOR_PASSWORD="Quarry-Lantern-42")
    assert created.returncode == 0, created.stderr
    out = tmp_path / "site.csv"
    exported = shopfloor(office, "export", "--site", "--format", "csv", "--out", str(out),
                         "--as", "ana", SHOPFLOOR_PASSWORD="Quarry-Lantern-42")
    assert exported.returncode == 0, exported.stderr
    assert out.exists() and "DEMO" not in exported.stdout
    assert "DEMO" not in shopfloor(office, "status").stdout
    assert "demo" not in json.loads(shopfloor(office, "status", "--json").stdout)
    assert "demo" not in json.loads(shopfloor(office, "verify-audit", "--json").stdout)
