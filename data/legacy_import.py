"""Reading the old Tkinter collector's `dados_producao.csv` into validated drafts.

The file is streamed with the `csv` module (it can be large and is often on a share), columns
are matched by name (their order differs between installations), and every data row ends up
either as a `LegacyRow` ready to be stored or as a `RejectedRow` that names its physical line
and why. Only problems with the file as a whole (missing, unreadable, not the expected CSV,
too large, unknown time zone) raise `LegacyFileError`; a bad row never does.

Decisions worth knowing (see also REFERENCE.md):
- `data_hora` is local wall-clock time in the zone given by the caller. A time that does not
  exist (clock jumped forward) is read with the offset in force before the jump; a time that
  occurs twice (clock turned back) is read as the first occurrence. Both are reported as
  warnings with their line numbers.
- Numbers are read as Python and pandas write them (the old collector wrote the table with
  pandas `DataFrame.to_csv`): plain (0.000121), scientific notation (7.6e-05, 1e-05), with a
  decimal point or a decimal comma (pandas' `decimal=","`: "7,6e-05", "3,5"), and whole numbers
  written as floats ("2.0", "2,0", what pandas writes for a column that has an empty cell; the
  same for a machine "201.0"). Neither Python nor pandas writes thousands separators, so one
  separator is always the decimal one. Refused as ambiguous, with the row's line: two or more
  separators ("1.234,5", "1,234.5", "1.234.567"), and in a whole-number column a fraction other
  than a single zero ("1.000" may be one or a thousand, "2.5" is no box number). "inf" is
  refused; "nan" is pandas' missing value and reads as empty.
- `percent_cam_*` may be empty, "N/A" or "nan" (the old collector let operators skip them):
  they become None, and the row counts as imported with a gap.
- A defect whose location is empty or "N/A" (the old form allowed it) is imported with the
  location LOCATION_NOT_RECORDED (config.catalog): a distinct value the GUI shows translated,
  never a catalog location; the row counts as imported with a gap and is listed in a warning.
  A location without a defect is still rejected: it cannot say which rejection it was.
- Gaps are missing values kept as missing; wrong values (out of range, not in the catalog,
  contradictory) reject the row, because importing them would put a false value in the plant's
  history. Only rows that cannot be a box are rejected: no machine from the table, no readable
  time, no lot, box or size, or text that is not data (formulas, control characters).
- `peso` is kept at full precision (validation would round it to 4 decimals); empty means the
  catalog weight for the size.
- `source_key` hashes the normalised content (not the line number), so the same rows imported
  again, from this file or from another PC's copy, are recognised. Identical rows within one
  file get an occurrence counter in the key; they are one box all the same, stored once by the
  import (data/legacy_boxes.py: a box is its station, lot and box), the repeats warned about.
"""

from __future__ import annotations

import csv
import hashlib
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from config.catalog import LOCATION_NOT_RECORDED, NO_REJECTION, Catalog
from data.legacy_cells import (
    FIELD_TO_COLUMN, FILE_KIND, FORMULA_START, KNOWN_COLUMNS, OPTIONAL_COLUMNS, catalog_spelling, is_number, listed_lines, localise, read_local_time,
    read_number, show, site_zone, whole_number,
)
from data.legacy_csv import (
    LegacyFileError, RejectedRow, map_header, physical_records,
    read_header_line, read_legacy_file,
)
from models.canonical import canonical_json
from models.validation import (TEXT_MAX, FieldError, RecordDraft, ValidationFailed,
                               has_forbidden_characters, validate_record_input)

# A production CSV of a few years is tens of MB; anything far larger is not one, and reading it
# would tie up the importing PC.
MAX_FILE_BYTES = 200 * 1024 * 1024

# Bumped whenever the content hashed into `source_key` changes, so old keys are not silently
# compared with keys computed a different way.
SOURCE_KEY_SCHEME = "legacy-dados-producao/1"

DEFAULT_OPERATOR = "legacy"
OPERATOR_MAX = 64  # the records table's operator column
LEGACY_ORIGINS = ("coletor", "manual")

# What callers take from here with the parser (the file's own errors come from legacy_csv).
__all__ = ["GAP_CAM_D", "GAP_CAM_W", "GAP_DESCRIPTIONS", "GAP_LOCATION", "LegacyFileError",
           "LegacyParseResult", "LegacyRow", "parse_legacy_csv"]

# What a row imported with gaps lacks (LegacyRow.gaps).
GAP_LOCATION = "location"  # a defect without its location: LOCATION_NOT_RECORDED
GAP_CAM_D = "cam_d"  # CAM-D not measured
GAP_CAM_W = "cam_w"  # CAM-W not measured
GAP_DESCRIPTIONS = {GAP_LOCATION: "location not recorded", GAP_CAM_D: "CAM-D not recorded",
                    GAP_CAM_W: "CAM-W not recorded"}


@dataclass(frozen=True)
class LegacyRow:
    line: int
    station_id: str
    draft: RecordDraft
    operator: str
    recorded_at_utc: datetime
    utc_offset_minutes: int
    legacy_origin: str
    justification: str
    source_key: str
    gaps: tuple[str, ...] = ()  # GAP_* values, empty for a complete row


@dataclass
class LegacyParseResult:
    rows: list[LegacyRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    total_rows: int = 0  # non-blank data records: always len(rows) + len(rejected)


def parse_legacy_csv(path: Path, catalog: Catalog, timezone: str, *,
                     not_after: datetime | None = None) -> LegacyParseResult:
    """Parse a legacy `dados_producao.csv`; rows are validated, nothing is stored.

    `timezone` is the IANA name of the site's zone (e.g. "America/Sao_Paulo"), in which
    `data_hora` was written; a row after `not_after` is refused (2052 typed for 2025). Raises
    `LegacyFileError` when the import cannot start.
    """
    zone = site_zone(timezone)
    path = Path(path)
    result, encoding_warning = read_legacy_file(
        path, FILE_KIND, MAX_FILE_BYTES,
        lambda handle: _Parser(catalog, zone, path.name, not_after).parse(handle))
    if encoding_warning:
        result.warnings.insert(0, encoding_warning)
    return result


class _Parser:
    """One pass over one decoded stream; holds the per-file state (header, counters)."""

    def __init__(self, catalog: Catalog, zone: ZoneInfo, file_name: str,
                 not_after: datetime | None = None):
        self.catalog = catalog
        self.zone = zone  # its key is the zone's name, for the warnings
        self.file_name = file_name
        self.not_after = not_after
        self.result = LegacyParseResult()
        self.columns: dict[str, int] = {}  # canonical name -> cell index
        self.labels: dict[str, str] = {}  # canonical name -> header text as written
        self.width = 0
        self.occurrences: dict[str, int] = {}
        self.duplicates: list[int] = []
        self.gap_lines: list[int] = []  # DST gaps (local times that do not exist)
        self.unrecorded_location_lines: list[int] = []
        self.ambiguous_lines: list[int] = []
        self.blank_lines = 0

    # -- file level -----------------------------------------------------------------------

    def parse(self, handle: TextIO) -> LegacyParseResult:
        header_line, header_text = read_header_line(handle, self.file_name, FILE_KIND)
        header = map_header(header_text, self.file_name, FILE_KIND)
        self.columns, self.labels, self.width = header.columns, header.labels, header.width
        self.result.warnings.extend(header.warnings)
        absent = [column for column in OPTIONAL_COLUMNS if column not in self.columns]
        if absent:
            self.result.warnings.append(
                f"Column(s) {', '.join(absent)} are not in the file (older collector version?); "
                "they were read as empty.")
        reader = csv.reader(handle, delimiter=header.delimiter)
        for start, end, cells, error in physical_records(reader, header_line, self.file_name):
            if error is not None:
                self.result.total_rows += 1
                self.result.rejected.append(RejectedRow(start, error))
                continue
            if not any(cell.strip() for cell in cells):
                self.blank_lines += end - start + 1
                continue
            self.result.total_rows += 1
            outcome = self._row(start, end, cells)
            if isinstance(outcome, LegacyRow):
                self.result.rows.append(outcome)
            else:
                self.result.rejected.append(outcome)
        self._summarise()
        return self.result

    def _summarise(self) -> None:
        warnings = self.result.warnings
        if self.blank_lines:
            warnings.append(f"{self.blank_lines} blank line(s) skipped.")
        if self.gap_lines:
            warnings.append(
                f"{len(self.gap_lines)} row(s) have a local time that does not exist in "
                f"{self.zone.key} (the clock jumped forward for daylight saving time): lines "
                f"{listed_lines(self.gap_lines)}. They were read with the UTC offset in force before "
                "the jump.")
        if self.ambiguous_lines:
            warnings.append(
                f"{len(self.ambiguous_lines)} row(s) have a local time that occurs twice in "
                f"{self.zone.key} (the clock was turned back): lines "
                f"{listed_lines(self.ambiguous_lines)}. They were read as the first occurrence.")
        if self.unrecorded_location_lines:
            warnings.append(
                f"{len(self.unrecorded_location_lines)} row(s) have a defect without its "
                f"location (empty or N/A): lines {listed_lines(self.unrecorded_location_lines)}. They "
                f"were imported with the location '{LOCATION_NOT_RECORDED}', shown as 'location "
                "not recorded'; correct a record if the location is known.")
        if self.duplicates:
            warnings.append(
                f"{len(self.duplicates)} row(s) repeat an earlier row exactly: lines "
                f"{listed_lines(self.duplicates)}. They are the same box (station, lot, box): "
                "it is imported once, the repeats count as already present.")
        if self.result.total_rows == 0:
            warnings.append("The file has a header but no data rows.")

    # -- row level ------------------------------------------------------------------------

    def _cell(self, cells: list[str], column: str) -> str:
        index = self.columns.get(column)
        return "" if index is None else cells[index]

    def _label(self, column: str) -> str:
        return self.labels.get(column, column)

    def _problem(self, column: str, value: str, message: str) -> str:
        state = "is empty" if not value.strip() else f"has {show(value)}"
        return f"Column '{self._label(column)}' {state}: {message.rstrip('.')}."

    def _row(self, start: int, end: int, cells: list[str]) -> LegacyRow | RejectedRow:
        if len(cells) != self.width:
            spans = f" The record spans lines {start} to {end}: a quote is probably not " \
                    "closed, so those lines were read as one." if end > start else ""
            return RejectedRow(start, f"The line has {len(cells)} fields but the header has "
                                      f"{self.width}.{spans}")
        problems: list[str] = []
        values: dict[str, str] = {}
        for column in KNOWN_COLUMNS:
            raw = self._cell(cells, column)
            # Checked before stripping: a leading tab or CR is itself a formula trick.
            if has_forbidden_characters(raw):
                bad = next(ch for ch in raw if has_forbidden_characters(ch))
                problems.append(self._problem(
                    column, raw, f"it contains the control or invisible character "
                                 f"U+{ord(bad):04X}, which is not accepted"))
                continue
            value = unicodedata.normalize("NFC", raw.strip())
            if value.startswith(FORMULA_START) and not is_number(value):
                problems.append(self._problem(
                    column, value, "it looks like a spreadsheet formula and is not imported"))
                continue
            values[column] = value
        if problems:
            return RejectedRow(start, " ".join(problems))
        return self._validated(start, values)

    def _validated(self, line: int, values: dict[str, str]) -> LegacyRow | RejectedRow:
        problems: list[str] = []
        station = self._station(values["maquina"])
        if not station:
            problems.append(self._problem("maquina", station, "the machine is required"))
        elif self.catalog.machine(station) is None:
            problems.append(self._problem("maquina", station,
                                          f"machine {station} is not in the machine catalog"))
        local, when_problem = self._local_time(values["data_hora"])
        if when_problem:
            problems.append(when_problem)
        origin = values.get("origem", "").lower()
        if origin and origin not in LEGACY_ORIGINS:
            problems.append(self._problem("origem", values["origem"],
                                          "the origin must be 'coletor' or 'manual'"))
        operator = values.get("usuario_reg", "") or DEFAULT_OPERATOR
        if len(operator) > OPERATOR_MAX:
            problems.append(self._problem("usuario_reg", operator,
                                          f"the user name is longer than {OPERATOR_MAX} "
                                          "characters"))
        justification = values.get("justificativa", "")
        if len(justification) > TEXT_MAX:
            problems.append(self._problem("justificativa", justification,
                                          f"the justification is longer than {TEXT_MAX} "
                                          "characters"))
        weight, weight_problem = self._unit_weight(values.get("peso", ""))
        if weight_problem:
            problems.append(weight_problem)
        raw, gaps, number_problems = self._raw_for_validation(values)
        problems.extend(number_problems)
        draft: RecordDraft | None = None
        try:
            draft = validate_record_input(raw, self.catalog, require_measurements=False,
                                          allow_unrecorded_location=True)
        except ValidationFailed as failed:
            problems.extend(self._explain(error, values) for error in failed.errors)
        if problems or draft is None or local is None:
            return RejectedRow(line, " ".join(problems))
        if GAP_LOCATION in gaps:
            self.unrecorded_location_lines.append(line)
        if weight is not None:
            draft = replace(draft, unit_weight_kg=weight)
        moment = self._localise(local, line)
        offset = moment.utcoffset() or timedelta(0)
        return LegacyRow(
            line=line, station_id=station, draft=draft, operator=operator,
            recorded_at_utc=moment.astimezone(dt_timezone.utc),
            utc_offset_minutes=int(offset.total_seconds() // 60), legacy_origin=origin,
            justification=justification,
            source_key=self._source_key(line, station, draft, local, origin, justification,
                                        operator),
            gaps=gaps)

    def _station(self, value: str) -> str:
        """The machine as the catalog names it; "201.0" (pandas' float for a column with an
        empty cell) is machine 201 when the catalog has no "201.0"."""
        whole = whole_number(value)
        if whole != value and self.catalog.machine(value) is None \
                and self.catalog.machine(whole) is not None:
            return whole
        return value

    def _raw_for_validation(self, values: dict[str, str]
                            ) -> tuple[dict[str, Any], tuple[str, ...], list[str]]:
        """The validation input, the row's gaps and the problems with its numbers."""
        gaps: list[str] = []
        problems: list[str] = []
        raw: dict[str, Any] = {"lot": values["lote"], "box": whole_number(values["numero_caixa"]),
                               "size": values["size"]}
        for index in range(1, 4):
            defect = catalog_spelling(values.get(f"rej{index}_defect", ""),
                                      self.catalog.defects)
            location = catalog_spelling(values.get(f"rej{index}_local", ""),
                                        self.catalog.locations)
            if defect and defect.upper() != NO_REJECTION and (
                    not location or location.upper() == NO_REJECTION):
                # The old form let a defect be saved without its location: keep the defect,
                # say plainly that the location is unknown, never guess one.
                location = LOCATION_NOT_RECORDED
            if location == LOCATION_NOT_RECORDED and GAP_LOCATION not in gaps:
                gaps.append(GAP_LOCATION)
            raw[f"rej{index}_defect"] = defect
            raw[f"rej{index}_location"] = location
        for key, column, gap in (("cam_d", "percent_cam_d", GAP_CAM_D),
                                 ("cam_w", "percent_cam_w", GAP_CAM_W)):
            value, problem = self._number(column, values.get(column, ""), "3,5")
            if problem:
                problems.append(problem)
            elif value is None:
                gaps.append(gap)
            # Parsed here (validation checks the range): validation's own parser takes only
            # what a person types, not scientific notation.
            raw[key] = "" if value is None else value
        # unit_weight_kg is left out on purpose: validation rounds it to 4 decimals, which
        # would turn 0.000121 into 0.0001. `_unit_weight` checks it at full precision.
        return raw, tuple(gaps), problems

    def _number(self, column: str, value: str, example: str
                ) -> tuple[float | None, str | None]:
        number, problem = read_number(value, example)
        return number, None if problem is None else self._problem(column, value, problem)

    def _unit_weight(self, value: str) -> tuple[float | None, str | None]:
        weight, problem = self._number("peso", value, "0,000121 or 1.21e-04 (kg)")
        if weight is None:
            # Missing: the draft already carries the catalog weight for the size.
            return None, problem
        if not 0.0 < weight <= 1.0:
            return None, self._problem("peso", value, "the unit weight must be more than 0 "
                                                      "and at most 1 kg")
        return weight, None

    def _explain(self, error: FieldError, values: dict[str, str]) -> str:
        column = FIELD_TO_COLUMN.get(error.field)
        if column is None:
            return f"{error.message[:1].upper()}{error.message[1:].rstrip('.')}."
        return self._problem(column, values.get(column, ""), error.message)

    def _local_time(self, text: str) -> tuple[datetime | None, str | None]:
        moment, problem = read_local_time(text)
        if moment and self.not_after and localise(moment, self.zone)[0] > self.not_after:
            problem = "it is later than this PC's clock: a box cannot be recorded in the future"
        return moment, None if problem is None else self._problem("data_hora", text, problem)

    def _localise(self, naive: datetime, line: int) -> datetime:
        """Attach the site zone; DST gaps and repeats are noted for the summary."""
        moment, kind = localise(naive, self.zone)
        if kind == "gap":
            self.gap_lines.append(line)
        elif kind == "repeat":
            self.ambiguous_lines.append(line)
        return moment

    def _source_key(self, line: int, station: str, draft: RecordDraft, local: datetime,
                    origin: str, justification: str, operator: str) -> str:
        # Local time as written (not UTC): importing the same rows with another zone setting
        # must not create a second copy of every box.
        content = {
            "scheme": SOURCE_KEY_SCHEME, "station": station, "lot": draft.lot, "box": draft.box,
            "size": draft.size, "unit_weight_kg": draft.unit_weight_kg,
            "rejections": [[r.defect, r.location] for r in draft.rejections],
            "cam_d": draft.cam_d, "cam_w": draft.cam_w,
            "local_time": local.strftime("%Y-%m-%dT%H:%M:%S"), "origin": origin,
            "justification": justification, "operator": operator,
        }
        identity = canonical_json(content)
        occurrence = self.occurrences.get(identity, 0) + 1
        self.occurrences[identity] = occurrence
        if occurrence > 1:
            self.duplicates.append(line)
        content["occurrence"] = occurrence
        return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()
