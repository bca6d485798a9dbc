"""The site-wide audit trail as people read it: a viewer's page, and exports for inspectors.

Everything is read from the site view (utils/site/site_view.py), which holds every station's
sealed journal and this PC's own chain. A page is events for the filters, newest first; an
export is *every* event for the filters, oldest first, streamed, so a whole site's trail never
sits in memory. Each function checks the session's permission itself, and every export is
written to the audit trail (who, what, how many, which filters).
"""

from __future__ import annotations

import csv
import threading
from dataclasses import asdict, dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any, Callable, Iterator

from config.constants import Permission
from data import view_repo
from data.spreadsheet_cells import neutralise_formula
from models.canonical import parse_utc
from utils.atomic_io import atomic_write_with
from utils.auth import Session
from utils.changes import Changes
from utils.permissions import require

CSV_COLUMNS = ("Time (UTC)", "Local time", "Station", "Event", "User", "Role", "Action",
               "Entity", "Id", "Command", "Body")
_FIELDS = ("ts", "station", "seq", "username", "role", "action", "entity", "entity_id",
           "command_id")
PROGRESS_EVERY = 5000


class ExportCancelled(Exception):
    """The person cancelled an export; nothing was written."""


@dataclass(frozen=True)
class TrailFilter:
    """Filters of the audit viewer; times are canonical UTC strings (start inclusive)."""

    station: str | None = None
    user: str | None = None
    action: str | None = None
    start: str | None = None
    end: str | None = None


def trail_stations(view) -> list[str]:
    """Every station with events in the view, sorted."""
    with view.database.read() as connection:
        return view_repo.event_stations(connection)


def trail_count(view, changes: Changes, session: Session, filters: TrailFilter) -> int:
    """How many events match the filters."""
    require(session, Permission.AUDIT_VIEW, changes, target="audit trail")
    with view.database.read() as connection:
        return view_repo.count_events(connection, **asdict(filters))


def trail_page(view, changes: Changes, session: Session, filters: TrailFilter, limit: int,
               offset: int = 0) -> list[dict[str, Any]]:
    """`limit` events for the filters from `offset` on, newest first."""
    require(session, Permission.AUDIT_VIEW, changes, target="audit trail")
    with view.database.read() as connection:
        return view_repo.event_page(connection, limit=limit, offset=offset, **asdict(filters))


def iter_trail(view, filters: TrailFilter) -> Iterator[dict[str, Any]]:
    """Every event for the filters, oldest first, streamed (this PC's own newest events taken
    into the view first: an export holds everything this PC has)."""
    view.ingest_local()
    with view.database.read() as connection:
        yield from view_repo.iter_events(connection, **asdict(filters))


def trail_for_report(view, changes: Changes, session: Session,
                     filters: TrailFilter, limit: int) -> list[dict[str, Any]] | None:
    """Every event for the filters, oldest first, or None when there are more than `limit`
    (a printed report of more would be thousands of pages: narrow the filters or use CSV)."""
    _require_export(session, changes)
    rows: list[dict[str, Any]] = []
    for row in iter_trail(view, filters):
        if len(rows) == limit:
            return None
        rows.append(row)
    return rows


def export_trail_csv(view, changes: Changes, session: Session,
                     filters: TrailFilter, out: Path, zone: tzinfo, *,
                     progress: Callable[[int], None] | None = None,
                     cancel: threading.Event | None = None) -> int:
    """Write every event for the filters to `out` (UTF-8 with BOM, as Excel expects), text
    that a spreadsheet would run as a formula neutralised; returns the number of events.
    Cancelled, it raises ExportCancelled and leaves no file."""
    _require_export(session, changes)
    count = 0

    def write(temp: Path) -> None:
        nonlocal count
        with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(CSV_COLUMNS)
            for row in iter_trail(view, filters):
                writer.writerow([neutralise_formula(value) for value in csv_cells(row, zone)])
                count += 1
                if count % PROGRESS_EVERY == 0:
                    if cancel is not None and cancel.is_set():
                        raise ExportCancelled()
                    if progress is not None:
                        progress(count)

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_with(out, write)
    record_export(changes, session, "csv", out, count, filters)
    return count


def local_time_text(ts: str, zone: tzinfo | None) -> str:
    """An event's time in the site's zone, as the Audit tab and its export show it. A time no
    chain writes (year 9999, not a time), stored by a view from before the ingest refused
    such events, is shown as written rather than stop the table or the export."""
    try:
        return parse_utc(ts).astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
    except (ValueError, OverflowError):
        return ts


def csv_cells(row: dict[str, Any], zone: tzinfo) -> list[str]:
    """One event as the export's cells (see CSV_COLUMNS)."""
    ts = row.get("ts") or ""
    local = local_time_text(ts, zone) if ts else ""
    fields = ["" if row.get(name) is None else str(row[name]) for name in _FIELDS]
    return [ts, local, *fields[1:], row.get("body") or ""]


def record_export(changes: Changes, session: Session, fmt: str, out: Path, count: int,
                  filters: TrailFilter) -> None:
    """The export's own audit event: what was exported, how many events, which filters."""
    changes.record(session.actor, "audit.export", entity="file", entity_id=Path(out).name,
                   after={"format": fmt, "events": count, **asdict(filters)})


def _require_export(session: Session, changes: Changes) -> None:
    require(session, Permission.AUDIT_VIEW, changes, target="audit trail")
    require(session, Permission.EXPORT, changes, target="audit trail export")

