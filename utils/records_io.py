"""Importing the old system's CSV and exporting records, with permissions and audit.

Parsing and file formats live in `data/` (legacy_import, exports); this module decides who
may do it, writes records and audit events together, and writes export files atomically.
"""

from __future__ import annotations

import os
import shutil
import uuid
from functools import partial
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Callable

from sqlalchemy import Connection

from config.constants import Permission
from data import records_repo, view_repo
from data.exports import NOT_RECORDED_TEXT, records_to_dataframe, write_csv, write_xlsx
from data.legacy_boxes import BoxConflict, BoxKey, box_of, imported_box
from data.legacy_import import LegacyParseResult, LegacyRow, RejectedRow, parse_legacy_csv
from data.records_repo import RecordFilter
from models.path_text import path_text
from models.record import Origin, ProductionRecord
from models.record_ids import new_record_id
from utils.atomic_io import TEMP_PREFIX, TEMP_SUFFIX, atomic_write_with
from utils.audit.records import require_proven
from utils.auth import Session
from utils.changes import Changes, Topic
from utils.permissions import require
from utils.production import ProductionService, actor_of

EXPORT_FORMATS = ("csv", "xlsx")
IMPORT_BATCH = 500
# A legacy row may be a little ahead of this PC's clock (the old PCs' clocks drifted); a day
# ahead or more is a typo in the year or the date, refused.
LEGACY_CLOCK_MARGIN = timedelta(days=1)


@dataclass
class ImportReport:
    total_rows: int = 0
    imported: int = 0
    already_present: int = 0  # the same box (station, lot, box) with the same content
    rejected: list[RejectedRow] = field(default_factory=list)
    # Lines that are a box already imported with other values: not imported, the record kept
    # (data/legacy_boxes.py says what a box is and what is compared).
    conflicts: list[BoxConflict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Of `imported`: rows that lack something the old system did not record (a defect's
    # location, a measurement); `gaps` counts those rows per kind (data.legacy_import GAP_*).
    imported_with_gaps: int = 0
    gaps: dict[str, int] = field(default_factory=dict)


def import_legacy_file(service: ProductionService, session: Session, path: Path,
                       timezone: str, *,
                       progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Import a legacy `dados_producao.csv`. Re-importing the same rows adds nothing; a row
    that is a box already imported (same station, lot and box) is never imported again: it is
    already present, or a conflict when its values differ (the record is kept).
    `progress(stored, to_store)`: once the file is read (0 stored), then after each batch.

    Raises data.legacy_import.LegacyFileError when the file cannot be read at all.
    """
    require(session, Permission.IMPORT_LEGACY, service.changes, target=path_text(path))
    parsed: LegacyParseResult = parse_legacy_csv(
        Path(path), service.catalog, timezone,
        not_after=service.clock.now() + LEGACY_CLOCK_MARGIN)
    report = ImportReport(total_rows=parsed.total_rows, rejected=list(parsed.rejected),
                          warnings=list(parsed.warnings))
    actor = actor_of(session)
    rows = list(parsed.rows)
    imported_here: dict[BoxKey, int] = {}  # box -> its line, for the boxes this import made
    for start in range(0, len(rows), IMPORT_BATCH):
        if progress is not None:
            progress(start, len(rows))
        with service.changes.begin(actor, Topic.RECORDS) as tx:
            for row in rows[start:start + IMPORT_BATCH]:
                if records_repo.import_key_exists(tx.connection, row.source_key):
                    report.already_present += 1
                    continue
                if _known_box(tx.connection, row, report, imported_here):
                    continue
                draft = row.draft
                record = ProductionRecord(
                    **draft.content(), record_id=new_record_id(row.station_id), station_id=row.station_id,
                    operator=row.operator, recorded_at=row.recorded_at_utc,
                    utc_offset_minutes=row.utc_offset_minutes, origin=Origin.IMPORT,
                    reason=row.justification or None)
                records_repo.insert_version(tx.connection, record)
                records_repo.insert_import_key(tx.connection, row.source_key, record.record_id,
                                               service.clock.now())
                tx.audit("record.import", entity="record", entity_id=record.record_id, after={
                    **record.audit_view(), "legacy_origin": row.legacy_origin,
                    "source_file": path_text(Path(path).name), "line": row.line,
                    "gaps": list(row.gaps)})
                report.imported += 1
                imported_here[box_of(row)] = row.line
                if row.gaps:
                    report.imported_with_gaps += 1
                    for gap in row.gaps:
                        report.gaps[gap] = report.gaps.get(gap, 0) + 1
    if progress is not None:
        progress(len(rows), len(rows))
    service.changes.record(actor, "import.legacy", entity="file",
                           entity_id=path_text(Path(path).name),
                           after={"total_rows": report.total_rows, "imported": report.imported,
                                  "imported_with_gaps": report.imported_with_gaps,
                                  "gaps": dict(sorted(report.gaps.items())),
                                  "already_present": report.already_present,
                                  "conflicts": len(report.conflicts),
                                  "rejected": len(report.rejected)})
    return report


def _known_box(connection: Connection, row: LegacyRow, report: ImportReport,
               imported_here: dict[BoxKey, int]) -> bool:
    """True when the row's box was imported before (by an earlier import or an earlier line):
    counted in `report` as already present, or as a conflict with the columns that differ."""
    match = imported_box(connection, row)
    if match is None:
        return False
    record_id, differing = match
    if not differing:
        report.already_present += 1
        return True
    station, lot, box = box_of(row)
    report.conflicts.append(BoxConflict(
        line=row.line, station_id=station, lot=lot, box=box, differences=tuple(differing),
        record_id=record_id, earlier_line=imported_here.get(box_of(row))))
    return True


def export_records(service: ProductionService, session: Session, fmt: str, out: Path,
                   record_filter: RecordFilter = RecordFilter(), *,
                   not_recorded_text: str = NOT_RECORDED_TEXT, demo: str | None = None) -> int:
    """Write the current version of the matching records to `out`; returns the row count.
    `not_recorded_text`: "location not recorded" in the person's language; `demo`: the
    demo's name on a demo's home (write_export)."""
    require(session, Permission.EXPORT, service.changes, target=path_text(out))
    rows = service.list_records(session, record_filter)
    # This PC's table is checked against its chain first: an export never hands out a value
    # the chain does not hold (utils/audit/records.py). Refused, nothing is written.
    require_proven(service.database, (row["record_id"] for row in rows), "The export",
                   changes=service.changes, actor=actor_of(session))
    scoped = service.scope_filter(session, record_filter)
    return write_export(service.changes, session, rows, fmt, out, {
        "station": scoped.station_id, "lot": scoped.lot, "operator": scoped.operator,
        "from": None if scoped.start is None else scoped.start.isoformat(),
        "to": None if scoped.end is None else scoped.end.isoformat()},
        not_recorded_text=not_recorded_text, demo=demo)


def view_records(view, record_filter: RecordFilter) -> list[dict]:
    """The site view's records for a filter, oldest first: what the Production tab lists
    (newest first there) and what `export --site` writes."""

    with view.database.read() as connection:
        return list(view_repo.iter_records(connection, record_filter))


def export_view_records(view, changes: Changes, session: Session, record_filter: RecordFilter, fmt: str,
                        out: Path, filters: dict, *,
                        not_recorded_text: str = NOT_RECORDED_TEXT,
                        demo: str | None = None) -> int:
    """Export every site record for the filter from the site view (the admin panel's
    Production tab and `shopfloor export --site` alike); returns the row count.
    `not_recorded_text`: "location not recorded" in the person's language; `demo`: the
    demo's name on a demo's home (write_export)."""
    require(session, Permission.RECORD_VIEW_SITE, changes, target=path_text(out))
    require(session, Permission.EXPORT, changes, target=path_text(out))
    return write_export(changes, session, view_records(view, record_filter), fmt, out, filters,
                        not_recorded_text=not_recorded_text, demo=demo)


def write_export(changes: Changes, session: Session, rows: list[dict], fmt: str, out: Path,
                 filters: dict, *, not_recorded_text: str = NOT_RECORDED_TEXT,
                 demo: str | None = None) -> int:
    """The file, written atomically, and its audit event (what, how many, which filters).
    `demo`: the demo's name when this home is `shopfloor demo`'s: an XLSX says so (its title
    and a DEMO sheet); a CSV stays plain rows (a line above the header would break what
    reads it), its name is the caller's to mark."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"export format must be one of {', '.join(EXPORT_FORMATS)}")
    frame = records_to_dataframe(rows, not_recorded_text=not_recorded_text)
    writer = write_csv if fmt == "csv" else partial(write_xlsx, demo=demo)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # The file is put in place first: a file another program holds open (an old export in a
    # spreadsheet, on Windows) is then refused with no event. The event follows; if it cannot
    # be recorded, the new file goes and the one it replaced (audited when it was made) comes
    # back: no copy of the records leaves without its trace, and none already made is lost.
    previous = _second_name(out)
    try:
        atomic_write_with(out, lambda temp: writer(frame, temp))
        try:
            changes.record(actor_of(session), "records.export", entity="file",
                           entity_id=path_text(out.name),
                           after={"format": fmt, "rows": len(rows), **filters})
        except BaseException:
            if previous is None:
                out.unlink(missing_ok=True)
            else:
                os.replace(previous, out)
                previous = None
            raise
    finally:
        if previous is not None:
            previous.unlink(missing_ok=True)
    return len(rows)


def _second_name(path: Path) -> Path | None:
    """Another name for the file at `path` (a hard link, or a copy where the file system has
    none), a temp name a sweep removes if this process dies; None when there is no file."""
    if not path.is_file():
        return None
    aside = path.with_name(f"{TEMP_PREFIX}{path.name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")
    try:
        os.link(path, aside)
    except OSError:
        shutil.copy2(path, aside)
    return aside
