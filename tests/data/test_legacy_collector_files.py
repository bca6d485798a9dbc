"""What the old collector really wrote (pandas `to_csv`), imported whole.

The files come from tests/fixtures/legacy_collector.py, which writes them with pandas exactly as
the collector did; the expectations come from what the generator put in, not from the importer.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from config.catalog import LOCATION_NOT_RECORDED, default_catalog
from config.settings import Settings
from data import audit_repo
from data.legacy_import import GAP_CAM_D, GAP_CAM_W, GAP_LOCATION, parse_legacy_csv
from models.record import Rejection
from utils.clock import ManualClock
from utils.context import AppContext
from utils.records_io import import_legacy_file

from tests.fixtures.legacy_collector import COLUMNS, collector_rows, write_collector_csv

ZONE = "America/Sao_Paulo"


def parse(path: Path):
    return parse_legacy_csv(path, default_catalog(), ZONE)


@pytest.fixture(scope="module")
def point_file(tmp_path_factory):
    return write_collector_csv(tmp_path_factory.mktemp("collector") / "dados_producao.csv")


def test_the_generated_file_is_what_the_issue_describes(point_file):
    text = point_file.path.read_text(encoding="utf-8")
    assert point_file.boxes == 560
    assert {str(row["maquina"]) for row in point_file.rows} == {str(n) for n in range(201, 215)}
    assert ",7.6e-05\n" in text and ",9.6e-05\n" in text and ",0.000121\n" in text
    assert ",N/A," in text and point_file.unrecorded_location_lines
    assert point_file.missing_lines("percent_cam_d") and point_file.missing_lines("percent_cam_w")


def test_every_box_is_imported_with_its_gaps_named(point_file):
    result = parse(point_file.path)
    assert (result.total_rows, len(result.rows), result.rejected) == (560, 560, [])
    catalog = default_catalog()
    for row, written, pairs in zip(result.rows, point_file.rows, point_file.rejections):
        machine = catalog.machine(str(written["maquina"]))
        assert row.station_id == machine.station_id
        assert row.draft.unit_weight_kg == machine.unit_weight_kg  # 7.6e-05 read exactly
        assert row.draft.rejections == tuple(
            Rejection(defect, location or LOCATION_NOT_RECORDED) for defect, location in pairs)
        assert (row.draft.cam_d, row.draft.cam_w) == (written["percent_cam_d"],
                                                      written["percent_cam_w"])
    gap_lines = {gap: [r.line for r in result.rows if gap in r.gaps]
                 for gap in (GAP_LOCATION, GAP_CAM_D, GAP_CAM_W)}
    assert gap_lines[GAP_LOCATION] == point_file.unrecorded_location_lines
    assert gap_lines[GAP_CAM_D] == point_file.missing_lines("percent_cam_d")
    assert gap_lines[GAP_CAM_W] == point_file.missing_lines("percent_cam_w")
    (warning,) = [w for w in result.warnings if "without its location" in w]
    assert warning.startswith(f"{len(point_file.unrecorded_location_lines)} row(s)")


@pytest.mark.parametrize("sep", [",", ";"])
def test_decimal_comma_files_are_the_same_boxes(point_file, tmp_path, sep):
    comma = write_collector_csv(tmp_path / "dados_producao.csv", decimal=",", sep=sep)
    text = comma.path.read_text(encoding="utf-8")
    assert "7,6e-05" in text and "7.6e-05" not in text
    ours, theirs = parse(point_file.path), parse(comma.path)
    assert theirs.rejected == []
    assert [r.source_key for r in theirs.rows] == [r.source_key for r in ours.rows]
    assert [r.draft for r in theirs.rows] == [r.draft for r in ours.rows]


def test_whole_numbers_written_as_floats_and_the_one_row_that_is_no_box(tmp_path):
    """A column with an empty cell becomes float in pandas: boxes are written "2.0", machines
    "201.0". The row without a box number is rejected; the others are boxes."""
    rows = collector_rows(boxes_per_machine=1).rows[:3]
    rows[1] = {**rows[1], "numero_caixa": None, "maquina": None}
    path = tmp_path / "dados_producao.csv"
    pd.DataFrame(rows, columns=list(COLUMNS)).to_csv(path, index=False)
    text = path.read_text(encoding="utf-8")
    assert "\n201.0," in text and ",1.0,#1," in text
    result = parse(path)
    assert [(r.line, r.station_id, r.draft.box) for r in result.rows] == [(2, "201", 1),
                                                                          (4, "203", 1)]
    (rejected,) = result.rejected
    assert rejected.line == 3 and "'maquina' is empty" in rejected.reason
    assert "'numero_caixa' is empty" in rejected.reason


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    context = AppContext.open(tmp_path / "home", clock=ManualClock(),
                              settings=Settings(station_id="office1", timezone=ZONE))
    context.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42")
    yield context
    context.close()


def test_import_counts_gaps_and_stays_idempotent_across_formats(ctx, point_file, tmp_path):
    ana = ctx.auth.login("ana", "Quarry-Lantern-42").session
    report = import_legacy_file(ctx.production, ana, point_file.path, ZONE)
    located = len(point_file.unrecorded_location_lines)
    with_gaps = {line for gap_lines in (point_file.unrecorded_location_lines,
                                        point_file.missing_lines("percent_cam_d"),
                                        point_file.missing_lines("percent_cam_w"))
                 for line in gap_lines}
    assert (report.imported, report.already_present, report.rejected) == (560, 0, [])
    assert report.imported_with_gaps == len(with_gaps)
    assert report.gaps == {GAP_LOCATION: located,
                           GAP_CAM_D: len(point_file.missing_lines("percent_cam_d")),
                           GAP_CAM_W: len(point_file.missing_lines("percent_cam_w"))}
    records = ctx.production.list_records(ana)
    unrecorded = [r for r in records if LOCATION_NOT_RECORDED in
                  (r["rej1_location"], r["rej2_location"], r["rej3_location"])]
    assert len(records) == 560 and len(unrecorded) == located
    with ctx.database.read() as connection:
        events = audit_repo.list_events(connection)
    (summary,) = [e for e in events if e["action"] == "import.legacy"]
    assert '"imported_with_gaps":' + str(len(with_gaps)) in summary["body"]

    again = import_legacy_file(ctx.production, ana, point_file.path, ZONE)
    assert (again.imported, again.imported_with_gaps, again.already_present) == (0, 0, 560)
    comma = write_collector_csv(tmp_path / "copia_virgula.csv", decimal=",", sep=";")
    other_copy = import_legacy_file(ctx.production, ana, comma.path, ZONE)
    assert (other_copy.imported, other_copy.already_present) == (0, 560)
    assert len(ctx.production.list_records(ana)) == 560
