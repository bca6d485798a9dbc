"""The command line on the same site view as the panel: `export --site` writes exactly the
Production tab's rows for the same filters (on an office PC and on a production PC that never
opened the panel), `status` says what the view holds of each station, `verify-audit --site`
reads the view, and an export that finds nothing says why. In-process (tests/cli/clikit.py)."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from config.constants import Role
from data.exports import RECORD_ID
from utils.site.journal import JournalWriter
from utils.site.layout import SiteLayout

from tests.utils.site.sitekit import ADMIN_PW, make_site, use_fast_kdf

FORMS = [{"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body", "cam_d": "4,42",
          "cam_w": "3,98"},
         {"size": "#00", "rej1_defect": "Furo", "rej1_location": "Cap", "cam_d": "1,5",
          "cam_w": "2"},
         {"size": "#00", "cam_d": "2,5", "cam_w": "2,1"}]


@pytest.fixture
def cli(shopfloor):
    """`shopfloor --home HOME ARGS` in this process, as the plant's admin."""
    return lambda home, *args: shopfloor(home, *args, SHOPFLOOR_PASSWORD=ADMIN_PW)


@pytest.fixture
def plant(tmp_path, monkeypatch):
    """An office PC and stations 206 and 201, their records exported to their journals."""
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin, "op", "Olga", Role.OPERATOR, "Initial-Pass-1", "operator of the plant")
    homes = {"office1": tmp_path / "home-admin"}
    for station_id, boxes in (("206", 7), ("201", 4)):
        ctx = site.station(tmp_path, station_id)
        ctx.directory.refresh()
        operator = ctx.auth.login("op", "Initial-Pass-1").session
        ctx.production.set_lot(operator, f"L{station_id}", 100)
        for number in range(boxes):
            ctx.production.register_box(operator, FORMS[number % len(FORMS)])
        writer = JournalWriter(ctx.database, SiteLayout(site.share).station(station_id).ensure(),
                               ctx.anchor, ctx.trust.pc_key)
        while writer.sync():
            pass
        ctx.close()
        homes[station_id] = tmp_path / f"home-{station_id}"
    site.admin.close()
    return site, homes


def _csv_ids(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [row[RECORD_ID] for row in csv.DictReader(handle)]


def test_export_site_equals_the_production_tabs_rows_for_the_same_filters(qtbot, plant, cli,
                                                                          tmp_path):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner
    from utils.context import AppContext

    site, homes = plant
    out = tmp_path / "site-206-furo.csv"
    exported = cli(homes["office1"], "export", "--site", "--format", "csv", "--out", str(out),
                   "--station", "206", "--defect", "Furo", "--from", "2020-01-01T00:00",
                   "--as", "ana")
    assert exported.returncode == 0, exported.stderr
    assert "reading the stations' journals: 100%" in exported.stderr
    ids = _csv_ids(out)
    assert len(ids) == 2 and exported.stdout.startswith("exported 2 records")

    make_application([])
    ctx = AppContext.open(homes["office1"])
    runner = TaskRunner()
    try:
        tab = wiring.production_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session, runner)
        qtbot.addWidget(tab)
        tab.set_range(datetime(2020, 1, 1, 3, tzinfo=timezone.utc))  # 00:00 in São Paulo
        tab.station.setCurrentIndex(tab.station.findData("206"))
        tab.defect.setCurrentIndex(tab.defect.findData("Furo"))
        tab.refresh()
        shown = [tab.model.row_data(r)["record_id"] for r in range(tab.model.rowCount())]
        assert shown == list(reversed(ids))  # the tab newest first, the file oldest first

        # And without filters, every station: the same set again.
        everything = tmp_path / "site.xlsx"
        result = cli(homes["office1"], "export", "--site", "--format", "xlsx", "--out",
                     str(everything), "--as", "ana")
        assert result.returncode == 0 and result.stdout.startswith("exported 11 records")
        tab.station.setCurrentIndex(0)
        tab.defect.setCurrentIndex(0)
        tab.refresh()
        assert tab.model.rowCount() == 11
    finally:
        runner.shutdown()
        ctx.close()


def test_a_production_pc_exports_the_whole_site_and_says_why_when_nothing(plant, cli,
                                                                          tmp_path):
    site, homes = plant
    out = tmp_path / "x.csv"
    # Station 201's own records hold none of 206's: said, with the way out.
    own = cli(homes["201"], "export", "--format", "csv", "--out", str(out), "--station", "206",
              "--as", "ana")
    assert own.returncode == 0 and own.stdout.startswith("exported 0 records")
    assert "own records hold none of station 206" in own.stdout and "--site" in own.stdout
    whole = cli(homes["201"], "export", "--site", "--format", "csv", "--out", str(out),
                "--station", "206", "--as", "ana")
    assert whole.returncode == 0 and whole.stdout.startswith("exported 7 records")
    assert len(_csv_ids(out)) == 7

    unknown = cli(homes["201"], "export", "--site", "--format", "csv", "--out", str(out),
                  "--station", "299", "--as", "ana")
    assert "no journal of that station was found on the shared folder" in unknown.stdout
    assert "cannot be read" not in unknown.stdout  # the share was read (away: test_cli_share_away)
    narrow = cli(homes["201"], "export", "--site", "--format", "csv", "--out", str(out),
                 "--station", "206", "--lot", "no-such-lot", "--as", "ana")
    assert "holds 7 records of station 206, none within these filters" in narrow.stdout

    status = cli(homes["201"], "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["share_readable"] is True
    held = {row["station"]: row["site_view"] for row in json.loads(status.stdout)["stations"]}
    assert held["206"]["events"] > 7 and held["206"]["broken"] is None
    text = cli(homes["201"], "status")
    assert "view: " in text.stdout

    verified = cli(homes["201"], "verify-audit", "--site")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "station 206: intact" in verified.stdout


def test_a_broken_journal_is_named_when_an_export_finds_nothing(plant, cli, tmp_path):
    site, homes = plant
    journal = SiteLayout(site.share).station("206").journal
    segment = sorted(journal.iterdir())[0]
    lines = segment.read_bytes().splitlines(keepends=True)
    first_event = next(i for i, line in enumerate(lines) if b'"kind":"event"' in line)
    entry = json.loads(lines[first_event])
    entry["body"] = entry["body"].replace('"user"', '"usr"')  # changed, hash left as it was
    lines[first_event] = (json.dumps(entry) + "\n").encode()
    segment.write_bytes(b"".join(lines))
    out = tmp_path / "x.csv"
    result = cli(homes["201"], "export", "--site", "--format", "csv", "--out", str(out),
                 "--station", "206", "--as", "ana")
    assert result.stdout.startswith("exported 0 records")
    assert "its journal is broken at event 1 (modified)" in result.stdout
    assert "journal of station 206 is broken at event 1" in result.stderr
    verified = cli(homes["201"], "verify-audit", "--site")
    assert verified.returncode == 1 and "station 206: NOT intact" in verified.stdout
