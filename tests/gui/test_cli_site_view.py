"""The command line on the same site view as the panel: `export --site` writes exactly the
Production tab's rows for the same filters (on an office PC and on a production PC that never
opened the panel), `status` says what the view holds of each station, `verify-audit --site`
reads the view, and an export that finds nothing says why. In-process (tests/cli/clikit.py)."""

from __future__ import annotations

import csv
import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from config.constants import Role
from data import audit_repo
from data.exports import (
    BOX, CAM_D, CAM_W, EXPORT_COLUMNS, LOT, OPERATOR, RECORD_ID, RECORDED_AT_UTC, SHEET_NAME,
    STATION, UNIT_WEIGHT, UTC_OFFSET, VERSION,
)
from models.canonical import format_utc, parse_utc
from utils.clock import ManualClock
from utils.context import AppContext
from utils.site.layout import SiteLayout

from tests.utils.site.sitekit import ADMIN_PW, make_site, start_sync, use_fast_kdf, wait_until

# The export's numeric columns ("numbers kept as numbers", data/exports.py); the rest is text.
INTEGER_COLUMNS = (VERSION, BOX, UTC_OFFSET)
DECIMAL_COLUMNS = (UNIT_WEIGHT, CAM_D, CAM_W)

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
    """An office PC and stations 206 and 201, their records published to their journals by
    each station's sync service.
    206: 7 boxes of lot L206 by op. 201, on an injected clock started now: 2 boxes of lot L201
    by op, then 10 minutes later 2 boxes of lot K201 by op2 (so a lot, an operator and a "to"
    on the Production tab's 5-minute grid each pick part of the site)."""
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin, "op", "Olga", Role.OPERATOR, "Initial-Pass-1", "operator of the plant")
    site.admin.auth.create_user(admin, "op2", "Otto", Role.OPERATOR, "Initial-Pass-1",
                                "second operator of the plant")
    homes = {"office1": tmp_path / "home-admin"}
    for station_id in ("206", "201"):
        ctx = site.station(tmp_path, station_id)
        if station_id == "201":  # reopened on a clock the fixture moves
            ctx.close()
            clock = ManualClock(datetime.now(timezone.utc))
            ctx = AppContext.open(tmp_path / f"home-{station_id}", clock=clock)
        ctx.directory.refresh()
        if station_id == "206":
            _register(ctx, "op", "L206", range(7))
        else:
            _register(ctx, "op", "L201", range(2))
            clock.advance(minutes=10)
            _register(ctx, "op2", "K201", range(2, 4))
        # The station's own sync service (its threads) publishes its journal, as on a PC.
        service = start_sync(ctx)
        try:
            with ctx.database.read() as connection:
                head = audit_repo.chain_head(connection, station_id)[0]
            wait_until(lambda: (service.exported_up_to() or 0) >= head, timeout=20)
        finally:
            service.stop()
        ctx.close()
        homes[station_id] = tmp_path / f"home-{station_id}"
    site.admin.close()
    return site, homes


def _register(ctx, username: str, lot: str, forms: range) -> None:
    """`username` sets `lot` and registers one box per form number (FORMS, in turn)."""
    operator = ctx.auth.login(username, "Initial-Pass-1").session
    ctx.production.set_lot(operator, lot, 100)
    for number in forms:
        ctx.production.register_box(operator, FORMS[number % len(FORMS)])


def _csv_ids(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [row[RECORD_ID] for row in csv.DictReader(handle)]


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _assert_same_rows(csv_rows: list[dict[str, str]], tab, case: str) -> None:
    """The file's rows (oldest first) are the tab's (newest first), record by record: id,
    station, lot, operator and time."""
    shown = [tab.model.row_data(r) for r in range(tab.model.rowCount())]
    in_file = [(row[RECORD_ID], row[STATION], row[LOT], row[OPERATOR], row[RECORDED_AT_UTC])
               for row in csv_rows]
    in_tab = [(row["record_id"], row["station_id"], row["lot"], row["operator"],
               format_utc(parse_utc(row["recorded_at"]))) for row in reversed(shown)]
    assert in_file == in_tab, case


def _on_grid(moment: datetime) -> datetime:
    """`moment` rounded down to the 5-minute step of the tab's time fields."""
    return moment - timedelta(minutes=moment.minute % 5, seconds=moment.second,
                              microseconds=moment.microsecond)


def _assert_xlsx_cells_are_the_csv(xlsx: Path, csv_path: Path) -> None:
    """Cell by cell, the same columns in the same order. The formats differ only where
    data/exports.py says: a CSV holds text, the XLSX keeps numbers as numbers (an empty cell
    is "" in the CSV, no value in the sheet). Texts are compared as written (formula
    neutralising is the same in both), numbers by value and by type (integers stay integers,
    a station id like "201" stays text)."""
    from openpyxl import load_workbook

    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        csv_table = list(csv.reader(handle))
    book = load_workbook(xlsx, read_only=True)
    try:
        assert book.sheetnames == [SHEET_NAME]
        sheet_table = [list(row) for row in book[SHEET_NAME].iter_rows(values_only=True)]
    finally:
        book.close()
    assert csv_table[0] == sheet_table[0] == list(EXPORT_COLUMNS)
    assert len(sheet_table) == len(csv_table) > 1
    for line, (text_row, cell_row) in enumerate(zip(csv_table[1:], sheet_table[1:]), start=2):
        assert len(text_row) == len(cell_row) == len(EXPORT_COLUMNS), line
        for column, text, cell in zip(EXPORT_COLUMNS, text_row, cell_row):
            where = f"row {line}, {column}: CSV {text!r}, XLSX {cell!r}"
            if text == "":
                assert cell is None, where
            elif column in INTEGER_COLUMNS:
                assert type(cell) is int and str(cell) == text, where
            elif column in DECIMAL_COLUMNS:
                assert type(cell) in (int, float) and cell == float(text), where
            else:
                assert type(cell) is str and cell == text, where


def test_export_site_equals_the_production_tabs_rows_for_the_same_filters(qtbot, plant, cli,
                                                                          tmp_path):
    """`export --site` writes the Production tab's rows for the same filters: station, defect
    and from; lot, operator and to, each narrowing the site; none. And the XLSX export holds
    the CSV's values, cell by cell."""
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner

    site, homes = plant
    since = ("--from", "2020-01-01T00:00")  # the tab's "from" below, in the site's zone

    def export(name: str, *filters: str, fmt: str = "csv") -> Path:
        out = tmp_path / f"{name}.{fmt}"
        result = cli(homes["office1"], "export", "--site", "--format", fmt, "--out", str(out),
                     *filters, "--as", "ana")
        assert result.returncode == 0, result.stderr
        return out

    out = tmp_path / "site-206-furo.csv"
    exported = cli(homes["office1"], "export", "--site", "--format", "csv", "--out", str(out),
                   "--station", "206", "--defect", "Furo", *since, "--as", "ana")
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
        start = datetime(2020, 1, 1, 3, tzinfo=timezone.utc)  # 00:00 in São Paulo
        tab.set_range(start)
        tab.station.setCurrentIndex(tab.station.findData("206"))
        tab.defect.setCurrentIndex(tab.defect.findData("Furo"))
        tab.refresh()
        shown = [tab.model.row_data(r)["record_id"] for r in range(tab.model.rowCount())]
        assert shown == list(reversed(ids))  # the tab newest first, the file oldest first
        _assert_same_rows(_csv_rows(out), tab, "station, defect, from")

        # Without filters, every station: the same rows again, in CSV and in XLSX.
        everything = tmp_path / "site.xlsx"
        result = cli(homes["office1"], "export", "--site", "--format", "xlsx", "--out",
                     str(everything), "--as", "ana")
        assert result.returncode == 0 and result.stdout.startswith("exported 11 records")
        tab.station.setCurrentIndex(0)
        tab.defect.setCurrentIndex(0)
        tab.refresh()
        assert tab.model.rowCount() == 11
        all_rows = _csv_rows(export("site"))
        assert len(all_rows) == 11
        _assert_same_rows(all_rows, tab, "no filter")
        _assert_xlsx_cells_are_the_csv(everything, tmp_path / "site.csv")

        # A "to" on the tab's 5-minute grid between station 201's two groups of boxes.
        later = max(parse_utc(row[RECORDED_AT_UTC]) for row in all_rows if row[STATION] == "201")
        until = _on_grid(later)
        assert 0 < sum(parse_utc(row[RECORDED_AT_UTC]) >= until for row in all_rows) < 11

        # Lot, operator and to, each alone: fewer rows than the site, and the same in both.
        for name, filters, on_tab, count in (
                ("lot", ("--lot", "L201"), lambda: tab.lot.setText("L201"), 2),
                ("operator", ("--operator", "op2"), lambda: tab.operator.setText("op2"), 2),
                ("to", ("--to", until.isoformat()), lambda: tab.set_range(start, until), 9)):
            tab.lot.clear()
            tab.operator.clear()
            tab.set_range(start)
            on_tab()
            tab.refresh()
            rows = _csv_rows(export(name, *since, *filters))
            assert 0 < len(rows) < len(all_rows) and len(rows) == count, name
            assert tab.model.rowCount() == count, name
            _assert_same_rows(rows, tab, name)
        assert {row[OPERATOR] for row in _csv_rows(tmp_path / "operator.csv")} == {"op2"}
        assert {row[LOT] for row in _csv_rows(tmp_path / "lot.csv")} == {"L201"}

        # The XLSX of a filtered export holds that CSV's values too.
        _assert_xlsx_cells_are_the_csv(export("to", *since, "--to", until.isoformat(),
                                              fmt="xlsx"), tmp_path / "to.csv")
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

    # The share away now: the view's break, read before, is still named.
    away = tmp_path / "share-away"
    os.rename(site.share, away)
    try:
        offline = cli(homes["201"], "export", "--site", "--format", "csv", "--out", str(out),
                      "--station", "206", "--as", "ana")
    finally:
        os.rename(away, site.share)
    assert "the shared folder cannot be read now" in offline.stdout
    assert "; its journal is broken at event 1 (modified); run the export again" in offline.stdout
