"""Export of production records to CSV and XLSX for spreadsheets, and reading them back.

One row per record (its current version), English column headers, numbers kept as numbers.
A rejection imported without its location (config.catalog.LOCATION_NOT_RECORDED) is written
as a readable text, "location not recorded" or the caller's translation of it.
Both formats neutralise spreadsheet formula injection: a text cell that a spreadsheet would
run as a formula (starting with = + - @ tab or CR) gets a leading apostrophe, so lot codes,
reasons or names typed by anyone can never execute on the machine that opens the export.
`read_export` returns the cells as written (apostrophe included); it is meant for checks.

The writers receive the temp path of an atomic write (ending in `.tmp`), so the format is
always given explicitly, never guessed from the file name.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from config.catalog import LOCATION_NOT_RECORDED
from data.spreadsheet_cells import neutralise_formula
from models.canonical import format_utc, parse_utc

RECORD_ID = "Record ID"
VERSION = "Version"
STATION = "Station"
LOT = "Lot"
BOX = "Box"
SIZE = "Size"
UNIT_WEIGHT = "Unit weight (kg)"
CAM_D = "CAM-D %"
CAM_W = "CAM-W %"
OPERATOR = "Operator"
RECORDED_AT_UTC = "Recorded at (UTC)"
LOCAL_TIME = "Local time"
UTC_OFFSET = "UTC offset (minutes)"
ORIGIN = "Origin"
STATUS = "Status"
REASON = "Reason"
EDITOR = "Editor"
EDITED_AT_UTC = "Edited at (UTC)"
_REJECTION_COLUMNS = tuple(
    name for index in range(1, 4)
    for name in (f"Rejection {index} defect", f"Rejection {index} location"))

EXPORT_COLUMNS: tuple[str, ...] = (
    RECORD_ID, VERSION, STATION, LOT, BOX, SIZE, UNIT_WEIGHT, *_REJECTION_COLUMNS, CAM_D, CAM_W,
    OPERATOR, RECORDED_AT_UTC, LOCAL_TIME, UTC_OFFSET, ORIGIN, STATUS, REASON, EDITOR,
    EDITED_AT_UTC,
)
# Column types, shared by the writer and the reader so a round trip compares equal.
_INT_COLUMNS = (VERSION, BOX, UTC_OFFSET)
_FLOAT_COLUMNS = (UNIT_WEIGHT, CAM_D, CAM_W)
_TEXT_COLUMNS = tuple(c for c in EXPORT_COLUMNS if c not in _INT_COLUMNS + _FLOAT_COLUMNS)
_DTYPES: dict[str, str] = {
    **{c: "str" for c in _TEXT_COLUMNS}, **{c: "Int64" for c in _INT_COLUMNS},
    **{c: "float64" for c in _FLOAT_COLUMNS},
}

XLSX_MAX_ROWS = 1_048_575  # Excel's sheet limit, minus the header row
SHEET_NAME = "Records"
LOCAL_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
NOT_RECORDED_TEXT = "location not recorded"
# Characters the XLSX format (XML 1.0) cannot hold; openpyxl would raise on them.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _moment(value: Any) -> datetime | None:
    """Stored timestamps are ISO text; callers that built rows by hand may pass datetimes."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc)
    return parse_utc(str(value))


def _utc_text(value: Any) -> str | None:
    moment = _moment(value)
    return None if moment is None else format_utc(moment)


def _local_text(value: Any, offset_minutes: Any) -> str | None:
    moment = _moment(value)
    if moment is None:
        return None
    offset = int(offset_minutes or 0)
    # The offset saved with the record, not today's zone rules: the wall clock the operator saw.
    return (moment + timedelta(minutes=offset)).strftime(LOCAL_TIME_FORMAT)


def _export_row(row: Mapping[str, Any], not_recorded_text: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        RECORD_ID: row.get("record_id"), VERSION: row.get("version"),
        STATION: row.get("station_id"), LOT: row.get("lot"), BOX: row.get("box"),
        SIZE: row.get("size"), UNIT_WEIGHT: row.get("unit_weight_kg"),
    }
    for index in range(1, 4):
        out[f"Rejection {index} defect"] = row.get(f"rej{index}_defect")
        location = row.get(f"rej{index}_location")
        out[f"Rejection {index} location"] = (not_recorded_text if location == LOCATION_NOT_RECORDED
                                              else location)
    out.update({
        CAM_D: row.get("cam_d"), CAM_W: row.get("cam_w"), OPERATOR: row.get("operator"),
        RECORDED_AT_UTC: _utc_text(row.get("recorded_at")),
        LOCAL_TIME: _local_text(row.get("recorded_at"), row.get("utc_offset_minutes")),
        UTC_OFFSET: row.get("utc_offset_minutes"), ORIGIN: row.get("origin"),
        STATUS: row.get("status"), REASON: row.get("reason"), EDITOR: row.get("editor"),
        EDITED_AT_UTC: _utc_text(row.get("edited_at")),
    })
    return out


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=list(EXPORT_COLUMNS))
    for column, dtype in _DTYPES.items():
        if dtype == "str":
            # Station ids like "201" must stay text; pandas' str dtype keeps missing as NaN.
            frame[column] = frame[column].map(lambda v: v if v is None or isinstance(v, str)
                                              or pd.isna(v) else str(v))
        frame[column] = frame[column].astype(dtype)
    return frame


def records_to_dataframe(rows: list[dict[str, Any]], *,
                         not_recorded_text: str = NOT_RECORDED_TEXT) -> pd.DataFrame:
    """The current version of each record as an export frame (columns = EXPORT_COLUMNS)."""
    frame = pd.DataFrame([_export_row(row, not_recorded_text) for row in rows],
                         columns=list(EXPORT_COLUMNS))
    return _typed(frame)


def _neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column].dtype):
            safe[column] = safe[column].map(neutralise_formula)
    return safe


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """UTF-8 with BOM (so Excel shows accents right), comma-separated, CRLF line ends."""
    _neutralised(df).to_csv(Path(path), index=False, encoding="utf-8-sig", lineterminator="\r\n")


def write_xlsx(df: pd.DataFrame, path: Path, *, demo: str | None = None) -> None:
    """One sheet, header frozen; the engine is explicit because `path` may end in `.tmp`.
    `demo`: the demo's name when the records are a demo's (`shopfloor demo`): said in the
    workbook's title and on a sheet of its own after the records (the records' sheet stays
    first and as it is, so what reads it, pandas or a macro, reads it unchanged)."""
    if len(df) > XLSX_MAX_ROWS:
        raise ValueError(f"{len(df)} rows do not fit in one Excel sheet (at most "
                         f"{XLSX_MAX_ROWS}); export as CSV or narrow the filter")
    safe = _neutralised(df)
    for column in safe.columns:
        if pd.api.types.is_string_dtype(safe[column].dtype) or safe[column].dtype == object:
            # Validated records never hold these, but one bad old row must not fail the export.
            safe[column] = safe[column].map(
                lambda v: _XLSX_ILLEGAL.sub("\ufffd", v) if isinstance(v, str) else v)
    # An open handle (not the path) so nothing inspects the `.tmp` suffix.
    with open(Path(path), "wb") as handle:
        with pd.ExcelWriter(handle, engine="openpyxl") as writer:
            safe.to_excel(writer, sheet_name=SHEET_NAME, index=False)
            sheet = writer.sheets[SHEET_NAME]
            sheet.freeze_panes = "A2"
            for index, column in enumerate(safe.columns, start=1):
                width = max([len(str(column))] + [len(str(v)) for v in safe[column].head(200)
                                                  if not _missing(v)])
                letter = sheet.cell(row=1, column=index).column_letter
                sheet.column_dimensions[letter].width = min(width + 2, 60)
            if demo is not None:
                _mark_demo(writer.book, demo)


DEMO_SHEET = "DEMO"


def _mark_demo(book: Any, demo: str) -> None:
    """A demo's workbook says so where a person looks: its title and a sheet named DEMO."""
    book.properties.title = f"{demo}: records"
    book.properties.subject = "synthetic data made by shopfloor demo, not a real plant's"
    note = book.create_sheet(DEMO_SHEET)
    note["A1"] = demo
    note["A2"] = ("These records are synthetic, made by shopfloor demo: they are not a real "
                  "plant's.")


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def read_export(path: Path) -> pd.DataFrame:
    """Read a file written by `write_csv` or `write_xlsx` (chosen by suffix) with export types.

    Only empty cells are missing values: text such as "NA" or "N/A" stays text.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    options: dict[str, Any] = {"keep_default_na": False, "na_values": [""]}
    if suffix == ".csv":
        frame = pd.read_csv(path, encoding="utf-8-sig", dtype=_DTYPES, **options)
    elif suffix == ".xlsx":
        frame = pd.read_excel(path, engine="openpyxl", sheet_name=0, dtype=_DTYPES, **options)
    else:
        raise ValueError(f"cannot tell the format of {path.name}: expected .csv or .xlsx")
    return _typed(frame) if list(frame.columns) == list(EXPORT_COLUMNS) else frame
