"""Record exports: frame shape and types, CSV/XLSX round trips, formula-injection defence."""

from __future__ import annotations

import zipfile
from datetime import datetime, timezone

import openpyxl
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from data import records_repo
from data.database import open_database
from data.exports import (
    EXPORT_COLUMNS, neutralise_formula, read_export, records_to_dataframe, write_csv, write_xlsx,
)
from models.record import Origin, ProductionRecord, RecordStatus, Rejection


def row(record_id: str = "r1", **changes) -> dict:
    """A dict shaped like records_repo.list_current_rows returns."""
    base = {
        "record_id": record_id, "version": 1, "station_id": "206", "lot": "L2503-001", "box": 2,
        "size": "#00", "unit_weight_kg": 0.000121, "rej1_defect": "Cápsula Fina",
        "rej1_location": "Cap/Body", "rej2_defect": None, "rej2_location": None,
        "rej3_defect": None, "rej3_location": None, "cam_d": 4.42, "cam_w": None,
        "operator": "maria", "recorded_at": "2025-11-03T09:02:23.000Z",
        "utc_offset_minutes": -180, "origin": "station", "status": "active", "reason": None,
        "editor": None, "edited_at": None, "base_version": None,
    }
    base.update(changes)
    return base


ROWS = [
    row(),
    row("r2", version=3, station_id="214", lot="NA", box=40, size="#4", unit_weight_kg=0.00005,
        rej2_defect="Furo", rej2_location="Body", cam_d=0.0, cam_w=100.0, operator="N/A",
        recorded_at="2025-11-04T02:59:59.999Z", origin="manual", status="voided",
        reason="Caixa lançada em duplicidade — 日本", editor="sup.joão",
        edited_at="2025-11-05T10:00:00.000Z", base_version=2),
]


def test_frame_columns_order_and_values():
    frame = records_to_dataframe(ROWS)
    assert list(frame.columns) == list(EXPORT_COLUMNS)
    assert len(EXPORT_COLUMNS) == len(set(EXPORT_COLUMNS))
    first = frame.iloc[0]
    assert first["Record ID"] == "r1" and first["Station"] == "206" and first["Box"] == 2
    assert first["Unit weight (kg)"] == 0.000121
    assert first["Rejection 1 defect"] == "Cápsula Fina"
    assert pd.isna(first["Rejection 2 defect"]) and pd.isna(first["CAM-W %"])
    assert first["Recorded at (UTC)"] == "2025-11-03T09:02:23.000Z"
    assert first["Local time"] == "2025-11-03 06:02:23"  # -180 minutes
    second = frame.iloc[1]
    assert second["Local time"] == "2025-11-03 23:59:59"  # across midnight, back a day
    assert second["Status"] == "voided" and second["Editor"] == "sup.joão"
    assert second["Edited at (UTC)"] == "2025-11-05T10:00:00.000Z"


def test_empty_input_gives_empty_frame_with_columns(tmp_path):
    frame = records_to_dataframe([])
    assert list(frame.columns) == list(EXPORT_COLUMNS) and len(frame) == 0
    for name, writer in (("e.csv", write_csv), ("e.xlsx", write_xlsx)):
        writer(frame, tmp_path / name)
        back = read_export(tmp_path / name)
        assert list(back.columns) == list(EXPORT_COLUMNS) and len(back) == 0


@pytest.mark.parametrize("name,writer", [("out.csv", write_csv), ("out.xlsx", write_xlsx)])
def test_round_trip(tmp_path, name, writer):
    frame = records_to_dataframe(ROWS)
    writer(frame, tmp_path / name)
    back = read_export(tmp_path / name)
    assert_frame_equal(back, frame)
    assert back.loc[1, "Lot"] == "NA" and back.loc[1, "Operator"] == "N/A"  # text, not missing


def test_csv_is_utf8_with_bom_for_excel(tmp_path):
    write_csv(records_to_dataframe(ROWS), tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfRecord ID,")
    assert "Cápsula Fina".encode("utf-8") in raw and b"\r\n" in raw


def test_xlsx_written_to_a_tmp_path_is_still_xlsx(tmp_path):
    temp = tmp_path / ".out.xlsx.1a2b3c.tmp"  # what utils.atomic_io hands the writer
    write_xlsx(records_to_dataframe(ROWS), temp)
    assert zipfile.is_zipfile(temp)
    final = temp.rename(tmp_path / "out.xlsx")
    assert_frame_equal(read_export(final), records_to_dataframe(ROWS))


def test_csv_written_to_a_tmp_path(tmp_path):
    temp = tmp_path / ".out.csv.1a2b3c.tmp"
    write_csv(records_to_dataframe(ROWS), temp)
    assert_frame_equal(read_export(temp.rename(tmp_path / "out.csv")),
                       records_to_dataframe(ROWS))


DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR", "  =HYPERLINK(\"x\")"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_neutralise_formula(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["L2503-001", "N/A", "", "a=b", 3.5, -1, None])
def test_harmless_values_are_untouched(value):
    assert neutralise_formula(value) == value


def injected_frame() -> pd.DataFrame:
    rows = [row(f"r{i}", lot=value, reason=value, operator="=op") for i, value in
            enumerate(DANGEROUS)]
    return records_to_dataframe(rows)


def test_formula_injection_neutralised_in_csv(tmp_path):
    frame = injected_frame()
    write_csv(frame, tmp_path / "out.csv")
    back = read_export(tmp_path / "out.csv")
    assert back["Lot"].tolist() == ["'" + v for v in DANGEROUS]
    assert set(back["Operator"]) == {"'=op"}
    assert back["CAM-D %"].tolist() == frame["CAM-D %"].tolist()  # numbers untouched
    assert frame["Lot"].tolist() == DANGEROUS  # the caller's frame is not modified
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert ",=1+1" not in text and ",'=1+1" in text


def test_formula_injection_neutralised_in_xlsx(tmp_path):
    write_xlsx(injected_frame(), tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    formulas = [cell.coordinate for line in sheet.iter_rows() for cell in line
                if cell.data_type == "f"]
    assert formulas == []
    lots = [cell.value for cell in sheet["D"][1:]]
    # XML turns a stored CR into LF when read back; the apostrophe in front is what matters.
    assert lots == ["'" + v.replace("\r", "\n") for v in DANGEROUS]


def test_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        read_export(tmp_path / "out.ods")


def test_rows_from_the_repository_export(tmp_path):
    db = open_database(tmp_path / "db.sqlite3")
    try:
        record = ProductionRecord(
            record_id="abc", station_id="203", lot="L7", box=5, size="#0",
            unit_weight_kg=0.000096, rejections=(Rejection("Furo", "Cap"),), cam_d=2.5,
            cam_w=3.25, operator="ana", recorded_at=datetime(2025, 11, 3, 9, 0, tzinfo=timezone.utc),
            utc_offset_minutes=-180, origin=Origin.IMPORT)
        edited = record.next_version(cam_d=2.75, editor="sup", reason="corrected CAM-D value",
                                     edited_at=datetime(2025, 11, 4, 12, 0, tzinfo=timezone.utc),
                                     status=RecordStatus.ACTIVE)
        with db.write() as connection:
            records_repo.insert_version(connection, record)
            records_repo.insert_version(connection, edited)
        with db.read() as connection:
            rows = records_repo.list_current_rows(connection)
    finally:
        db.dispose()
    frame = records_to_dataframe(rows)
    assert len(frame) == 1
    current = frame.iloc[0]
    assert (current["Version"], current["CAM-D %"], current["Operator"], current["Editor"]) == (
        2, 2.75, "ana", "sup")
    assert current["Origin"] == "import" and current["Local time"] == "2025-11-03 06:00:00"
    assert current["Rejection 1 defect"] == "Furo" and pd.isna(current["Rejection 2 defect"])
    write_xlsx(frame, tmp_path / "out.xlsx")
    assert_frame_equal(read_export(tmp_path / "out.xlsx"), frame)


def test_location_not_recorded_is_written_as_words_in_the_callers_language(tmp_path):
    from config.catalog import LOCATION_NOT_RECORDED

    rows = [row(rej1_location=LOCATION_NOT_RECORDED, origin="import")]
    assert records_to_dataframe(rows).loc[0, "Rejection 1 location"] == "location not recorded"
    translated = records_to_dataframe(rows, not_recorded_text="local não registrado")
    write_csv(translated, tmp_path / "out.csv")
    back = read_export(tmp_path / "out.csv")
    assert back.loc[0, "Rejection 1 location"] == "local não registrado"
    assert back.loc[0, "Rejection 1 defect"] == "Cápsula Fina"
