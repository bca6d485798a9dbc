"""`shopfloor import-legacy` of copies of a file already imported (review s19, new user item 1):
a box is its station, lot and box number, imported once. A copy with other values is a list of
conflicts (the records kept), a copy re-saved by Excel is already present, and a copy whose
measurement column was renamed is refused whole (exit 2) instead of importing every box again
with that measurement empty."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.clikit import ROOT

SAMPLE = ROOT / "tests" / "fixtures" / "legacy_dados_producao.csv"
PASSWORD = "Quarry-Lantern-42"
ZONE = ("--timezone", "America/Sao_Paulo")
HEADER = ("maquina,lote,numero_caixa,size,peso,rej1_defect,rej1_local,rej2_defect,rej2_local,"
          "rej3_defect,rej3_local,percent_cam_d,percent_cam_w,data_hora,origem,justificativa,"
          "usuario_reg")


@pytest.fixture
def site(admin_home):
    return admin_home


def import_file(shopfloor, home: Path, path: Path):
    return shopfloor(home, "import-legacy", str(path), "--as", "maria", *ZONE,
                     SHOPFLOOR_PASSWORD=PASSWORD)


def summary(stdout: str) -> dict[str, int]:
    """The counts of the import's summary line ("rows: 606, imported: 600, ...")."""
    line = next(text for text in stdout.splitlines() if text.startswith("rows: "))
    return {name: int(count) for name, count in
            (part.rsplit(": ", 1) for part in line.split(", "))}


def exported(shopfloor, home: Path, out: Path) -> list[dict[str, str]]:
    result = shopfloor(home, "export", "--format", "csv", "--out", str(out), "--as", "maria",
                       SHOPFLOOR_PASSWORD=PASSWORD)
    assert result.returncode == 0, result.stderr
    with open(out, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def rewritten(target: Path, change, *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    """The sample, each well-formed data row passed through `change(row) -> row` (by column)."""
    with open(SAMPLE, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    out = [header] + [
        row if len(row) != len(header) else
        [dict(change(dict(zip(header, row))))[name] for name in header]
        for row in rows[1:]]
    with open(target, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(out)
    return target


def without_cam_d(row: dict[str, str]) -> dict[str, str]:
    return {**row, "percent_cam_d": ""}


def import_events(home: Path) -> list[dict]:
    db = sqlite3.connect(home / "data" / "shopfloor.sqlite3")
    try:
        bodies = [body for (body,) in db.execute(
            "SELECT body FROM audit_events WHERE action = 'import.legacy' ORDER BY id")]
    finally:
        db.close()
    return [json.loads(body) for body in bodies]


def test_a_copy_with_other_values_is_listed_as_conflicts_and_adds_no_box(site, shopfloor,
                                                                          tmp_path):
    first = import_file(shopfloor, site, SAMPLE)
    assert first.returncode == 0 and summary(first.stdout)["imported"] == 600
    copy = rewritten(tmp_path / "v_empty_cam_d.csv", without_cam_d)

    again = import_file(shopfloor, site, copy)

    assert again.returncode == 0, again.stderr
    counts = summary(again.stdout)
    # The 12 boxes whose CAM-D the sample lacks are the same in the copy: already present.
    assert (counts["imported"], counts["already present"],
            counts.get("conflicts (not imported)")) == (0, 12, 588)
    conflict = next(line for line in again.stdout.splitlines()
                    if line.startswith("conflict line 2:"))
    assert "station 206, lot 'L2503-001', box 2 was already imported" in conflict
    assert "percent_cam_d: 4.42 imported, empty in this line" in conflict
    assert "percent_cam_w" not in conflict and "Not imported" in conflict
    assert "the record imported first was kept" in again.stdout
    rows = exported(shopfloor, site, tmp_path / "all.csv")
    assert len(rows) == 600
    boxes = [row for row in rows if (row["Station"], row["Lot"], row["Box"])
             == ("206", "L2503-001", "2")]
    assert len(boxes) == 1 and boxes[0]["CAM-D %"] == "4.42"
    assert import_events(site)[-1]["after"]["conflicts"] == 588


def test_an_excel_copy_without_seconds_is_already_present(site, shopfloor, tmp_path):
    """Re-saved by a Portuguese Excel: cp1252, semicolons, decimal commas, day-first dates
    without their seconds. The same boxes: nothing imported, nothing in conflict."""
    assert import_file(shopfloor, site, SAMPLE).returncode == 0

    def excel(row: dict[str, str]) -> dict[str, str]:
        try:
            moment = datetime.strptime(row["data_hora"], "%Y-%m-%d %H:%M:%S")
        except ValueError:  # the sample's rows already day-first, and its malformed times
            return row
        return {**row, "data_hora": moment.strftime("%d/%m/%Y %H:%M"),
                "percent_cam_w": row["percent_cam_w"].replace(".", ",")}

    copy = rewritten(tmp_path / "excel.csv", excel, encoding="cp1252", delimiter=";")
    assert "03/11/2025 06:02;" in copy.read_text(encoding="cp1252")

    again = import_file(shopfloor, site, copy)

    assert again.returncode == 0, again.stderr
    counts = summary(again.stdout)
    assert (counts["imported"], counts["already present"],
            counts.get("conflicts (not imported)"), counts["rejected"]) == (0, 600, 0, 6)
    assert len(exported(shopfloor, site, tmp_path / "all.csv")) == 600


def test_a_box_is_its_station_lot_and_box_within_one_file(site, shopfloor, tmp_path):
    """Box 1 of lot L1 on 206 and on 207, and box 1 of lot L2 on 206, are three boxes; the
    same box again with another CAM-W is a conflict naming the line it was imported from."""
    row = "{station},{lot},1,#00,0.000121,Furo,Cap,,,,,2.5,{cam_w},2025-11-03 06:02:23,coletor,,op"
    path = tmp_path / "dados_producao.csv"
    path.write_text("\n".join([
        HEADER,
        row.format(station="206", lot="L1", cam_w="3.1"),
        row.format(station="207", lot="L1", cam_w="3.1"),
        row.format(station="206", lot="L2", cam_w="3.1"),
        row.format(station="206", lot="L1", cam_w="3.9"),
        row.format(station="206", lot="L1", cam_w="3.1"),
    ]) + "\n", encoding="utf-8")

    result = import_file(shopfloor, site, path)

    assert result.returncode == 0, result.stderr
    counts = summary(result.stdout)
    assert (counts["imported"], counts["already present"],
            counts.get("conflicts (not imported)")) == (3, 1, 1)
    assert ("conflict line 5: station 206, lot 'L1', box 1 was already imported from line 2 "
            "of this file, with other values: percent_cam_w: 3.1 imported, 3.9 in this "
            "line. Not imported.") in result.stdout.splitlines()
    assert len(exported(shopfloor, site, tmp_path / "all.csv")) == 3


def test_a_renamed_measurement_column_refuses_the_whole_file(site, shopfloor, tmp_path):
    copy = tmp_path / "v_wrongcol.csv"
    text = SAMPLE.read_text(encoding="utf-8")
    copy.write_text(text.replace("percent_cam_d", "percent_camd", 1), encoding="utf-8")

    refused = import_file(shopfloor, site, copy)

    assert refused.returncode == 2 and refused.stdout == ""
    (line,) = refused.stderr.splitlines()
    assert line.startswith(f"error: cannot import {copy}: ")
    assert "lacks the column(s) percent_cam_d," in line and "'percent_camd'" in line
    assert "Nothing was imported" in line and "give it its name back" in line
    assert exported(shopfloor, site, tmp_path / "all.csv") == []
    assert import_events(site) == []
