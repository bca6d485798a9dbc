"""The audit trail as a printed report (PDF) for inspectors: the events for the filters up to
PDF_EVENT_LIMIT, each with its reason, changed fields and command, the heading naming what it
covers. Made and printed on a background task (QTextDocument and QPdfWriter need no GUI
thread); every text in the person's language is made on the GUI thread and passed in
(ReportTexts). The CSV export has no limit and lives in utils/audit/trail.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from models.canonical import parse_utc
from utils.atomic_io import atomic_write_with
from utils.audit.trail import TrailFilter, record_export, trail_for_report
from utils.auth import Session

from gui.admin.audit_model import AuditEventsModel, display_value
from gui.pdf_pages import Section, print_sections

# A printed report beyond this would run to hundreds of pages: the person is asked to narrow
# the filters or take the CSV, which has no limit.
PDF_EVENT_LIMIT = 5000

REPORT_COLUMNS = AuditEventsModel.COLUMNS[:8]  # the command id rides in the details column


def report_html(rows: list[dict[str, Any]], headers: list[str], title: str, subtitle: str,
                zone: ZoneInfo | None, command_word: str) -> tuple[str, str, list[str]]:
    """The printed report in parts: the heading (title and what it covers), the table's
    header row, and one table row per event."""
    heading = f"<h2>{_html(title)}</h2><p>{_html(subtitle)}</p>"
    header = "<tr>" + "".join(f"<th>{_html(text)}</th>" for text in headers) + "</tr>"
    rows_html = [
        "<tr>" + "".join(f"<td>{_html(display_value(row, c, zone))}</td>" for c in REPORT_COLUMNS)
        + f"<td>{_html(event_details(row, command_word))}</td></tr>" for row in rows]
    return heading, header, rows_html


def print_pdf(heading: str, header: str, rows: list[str], path: Path) -> None:
    """Print the report page by page (gui/pdf_pages.py), the heading on the first."""
    print_sections(path, [Section(heading, header, rows)])


def site_time(utc_text: str | None, zone: ZoneInfo | None) -> str:
    if not utc_text:
        return "—"
    return parse_utc(utc_text).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def event_details(row: dict[str, Any], command_word: str = "command %1") -> str:
    """An event's reason, changed fields (before → after; the audit trail's own field names,
    as the CSV and the event detail show them) and command, in one line of a report."""
    try:
        body = json.loads(row.get("body") or "{}")
    except ValueError:
        return str(row.get("body") or "")
    parts = []
    if body.get("reason"):
        parts.append(str(body["reason"]))
    before, after = body.get("before") or {}, body.get("after") or {}
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                parts.append(f"{key}: {_short(before.get(key))} → {_short(after.get(key))}")
    if row.get("command_id"):
        parts.append(command_word.replace("%1", str(row["command_id"])))
    return "; ".join(parts)


def _short(value: Any, limit: int = 60) -> str:
    text = "–" if value is None else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _html(text: Any) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


@dataclass(frozen=True)
class ReportTexts:
    """The report's words, in the person's language: the column headers (REPORT_COLUMNS and
    "Details"), the title, what it covers, and "command %1" for an event's command."""

    headers: list[str]
    title: str
    subtitle: str
    command_word: str


def write_report(database, changes, session: Session, filters: TrailFilter, limit: int,
                 out: Path, texts: ReportTexts, zone: ZoneInfo | None) -> int | None:
    """Print the events for `filters` to `out` (atomically) and audit the export; the number of
    events, or None when more than `limit` match (nothing written)."""
    rows = trail_for_report(database, changes, session, filters, limit)
    if rows is None:
        return None
    heading, header, rows_html = report_html(rows, texts.headers, texts.title, texts.subtitle,
                                             zone, texts.command_word)
    atomic_write_with(out, lambda temp: print_pdf(heading, header, rows_html, temp))
    record_export(changes, session, "pdf", out, len(rows), filters)
    return len(rows)
