"""The lot record as a PDF (Qt's QPdfWriter, gui/pdf_pages.py), made in the background.

Header: lot, product (sizes), stations, period in the site's zone, status, content hash, who
printed it and when. Then every box (a changed value shows its first value struck through
beside the current one, and the row carries a change bar), every changed value with who, when
and why, the signature manifest of every decision (meaning, printed name, user, role, date and
time in the site's zone, content hash, in force or invalidated) and any event refused as a
decision, the exceptions with their acknowledgements, and the verify result of every chain
involved (run now). Every page's footer: lot, "page x of y", the content hash.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from utils.atomic_io import atomic_write_with
from utils.auth import Session
from utils.permissions import PermissionDenied
from utils.release.record import LotRecord, LotRecords

from gui.admin.lot_texts import (
    exception_text, kind_text, meaning_text, site_time, status_text,
)
from gui.numbers import format_number
from gui.pdf_pages import PrintCancelled, Section, print_sections
from gui.tasks import Task, TaskRunner

CHANGE_BAR = "<span style='color:#b00020'>▌</span>"  # a changed box's change bar


def _h(value: Any) -> str:
    text = "—" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _value(value: Any) -> str:
    if isinstance(value, float):
        return format_number(value, 2)
    return _h(value)


def _heading(level: int, text: str) -> str:
    return f"<h{level}>{_h(text)}</h{level}>"


def _plain(value: Any) -> str:
    if isinstance(value, float):
        return format_number(value, 2)
    return "—" if value is None else str(value)


def _row(cells: list[str]) -> str:
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _header(titles: list[str]) -> str:
    return "<tr>" + "".join(f"<th>{_h(t)}</th>" for t in titles) + "</tr>"


def _texts() -> dict[str, str]:
    """The record's words in the reader's language (read by lupdate one by one)."""
    return {
        "lot": QCoreApplication.translate("LotRecord", "Lot"),
        "product": QCoreApplication.translate("LotRecord", "Product (size)"),
        "stations": QCoreApplication.translate("LotRecord", "Stations"),
        "period": QCoreApplication.translate("LotRecord", "Period"),
        "status": QCoreApplication.translate("LotRecord", "Status"),
        "records": QCoreApplication.translate("LotRecord", "Records"),
        "hash": QCoreApplication.translate("LotRecord", "Content SHA-256"),
        "printed": QCoreApplication.translate("LotRecord", "Printed"),
        "printed_by": QCoreApplication.translate("LotRecord", "%1 by %2"),
        "title": QCoreApplication.translate("LotRecord", "Lot record %1"),
        "boxes": QCoreApplication.translate("LotRecord", "Boxes"),
        "station": QCoreApplication.translate("LotRecord", "Station"),
        "box": QCoreApplication.translate("LotRecord", "Box"),
        "time": QCoreApplication.translate("LotRecord", "Time"),
        "size": QCoreApplication.translate("LotRecord", "Size"),
        "rejections": QCoreApplication.translate("LotRecord", "Rejections"),
        "cam_d": QCoreApplication.translate("LotRecord", "CAM-D %"),
        "cam_w": QCoreApplication.translate("LotRecord", "CAM-W %"),
        "operator": QCoreApplication.translate("LotRecord", "Operator"),
        "origin": QCoreApplication.translate("LotRecord", "Origin"),
        "version": QCoreApplication.translate("LotRecord", "Version"),
        "no_records": QCoreApplication.translate("LotRecord", "No records"),
        "changed": QCoreApplication.translate("LotRecord", "Changed values"),
        "field": QCoreApplication.translate("LotRecord", "Field"),
        "before": QCoreApplication.translate("LotRecord", "Before"),
        "after": QCoreApplication.translate("LotRecord", "After"),
        "who": QCoreApplication.translate("LotRecord", "Who"),
        "when": QCoreApplication.translate("LotRecord", "When"),
        "why": QCoreApplication.translate("LotRecord", "Why"),
        "no_changes": QCoreApplication.translate("LotRecord", "No changes"),
        "invalidated": QCoreApplication.translate("LotRecord", "invalidated"),
        "in_force": QCoreApplication.translate("LotRecord", "in force"),
        "person_key": QCoreApplication.translate("LotRecord", "person's key"),
        "pc_chain": QCoreApplication.translate("LotRecord", "this PC's chain"),
        "not_decision": QCoreApplication.translate("LotRecord", "Not a decision"),
        "signatures": QCoreApplication.translate("LotRecord", "Signatures"),
        "meaning": QCoreApplication.translate("LotRecord", "Meaning"),
        "printed_name": QCoreApplication.translate("LotRecord", "Printed name"),
        "user": QCoreApplication.translate("LotRecord", "User"),
        "role": QCoreApplication.translate("LotRecord", "Role"),
        "date_time": QCoreApplication.translate("LotRecord", "Date and time"),
        "content_hash": QCoreApplication.translate("LotRecord", "Content hash"),
        "state": QCoreApplication.translate("LotRecord", "State"),
        "signed_with": QCoreApplication.translate("LotRecord", "Signed with"),
        "no_decision": QCoreApplication.translate("LotRecord", "No decision signed yet"),
        "not_acked": QCoreApplication.translate("LotRecord", "not acknowledged"),
        "exceptions": QCoreApplication.translate("LotRecord", "Exceptions and acknowledgements"),
        "kind": QCoreApplication.translate("LotRecord", "Kind"),
        "what": QCoreApplication.translate("LotRecord", "What"),
        "acknowledged": QCoreApplication.translate("LotRecord", "Acknowledged"),
        "no_exceptions": QCoreApplication.translate("LotRecord", "No exceptions"),
        "intact": QCoreApplication.translate("LotRecord", "intact"),
        "not_intact": QCoreApplication.translate("LotRecord", "NOT INTACT"),
        # The check did not run to a finding (cancelled, a fault of the program): no proof of
        # tampering, nor of integrity.
        "not_verified": QCoreApplication.translate("LotRecord", "NOT VERIFIED"),
        "verify": QCoreApplication.translate("LotRecord", "Audit verify of the chains involved"),
        "chain": QCoreApplication.translate("LotRecord", "Chain"),
        "result": QCoreApplication.translate("LotRecord", "Result"),
        "events": QCoreApplication.translate("LotRecord", "Events"),
        "detail": QCoreApplication.translate("LotRecord", "Detail"),
        "no_verify": QCoreApplication.translate("LotRecord", "No chain could be verified"),
    }


def lot_record_sections(record: LotRecord, zone: ZoneInfo) -> list[Section]:
    t = _texts()
    state = record.state
    period = state.period
    sizes = sorted({str(r["size"]) for r in state.records})
    printed = (t["printed_by"].replace("%1", f"{record.printed_at.astimezone(zone):%Y-%m-%d %H:%M}")
               .replace("%2", record.printed_by))
    summary = [
        (t["lot"], state.lot), (t["product"], ", ".join(sizes)),
        (t["stations"], ", ".join(state.stations)),
        (t["period"], f"{site_time(period[0] if period else None, zone)} – "
                      f"{site_time(period[1] if period else None, zone)} ({zone.key})"),
        (t["status"], status_text(state.status, state.release_valid)),
        (t["records"], str(len(state.records))), (t["hash"], state.content_hash),
        (t["printed"], printed),
    ]
    title = (_heading(2, t["title"].replace("%1", state.lot)) + "<table cellpadding='2'>"
             + "".join(f"<tr><td><b>{_h(k)}</b></td><td>{_h(v)}</td></tr>" for k, v in summary)
             + "</table>")
    first = record.first_values()
    changed = record.changed_records
    boxes = []
    for row in state.records:
        fields = changed.get(row["record_id"], set())
        original = first.get(row["record_id"], row)

        def cell(name: str, width: int, text: str | None = None) -> str:
            """A column of the fixed-width listing: a changed value is its first value struck
            through and the current one in bold (padded by the text's printed width)."""
            if text is None and name in fields and original[name] != row[name]:
                old, new = _plain(original[name]), _plain(row[name])
                return (f"<s>{_h(old)}</s> <b>{_h(new)}</b>"
                        + " " * max(1, width - len(old) - len(new) - 1))
            plain = _plain(row[name]) if text is None else text
            return _h(plain[:width - 1].ljust(width))

        rejections = ";".join(
            f"{row[f'rej{i}_defect']}/{row[f'rej{i}_location']}" for i in (1, 2, 3)
            if row[f"rej{i}_defect"]) or "—"
        bar = CHANGE_BAR if fields else " "
        boxes.append(bar + cell("station_id", 8) + cell("box", 7)
                     + cell("recorded_at", 17, site_time(row["recorded_at"], zone))
                     + cell("size", 8) + cell("rejections", 34, rejections) + cell("cam_d", 13)
                     + cell("cam_w", 13) + cell("operator", 12) + cell("origin", 8)
                     + cell("version", 4) + cell("status", 8))
    columns = ((t["station"], 8), (t["box"], 7), (t["time"], 17), (t["size"], 8),
               (t["rejections"], 34), (t["cam_d"], 13), (t["cam_w"], 13), (t["operator"], 12),
               (t["origin"], 8), (t["version"], 4), (t["status"], 8))
    listing_header = " " + "".join(_h(title[:width - 1].ljust(width)) for title, width in columns)
    sections = [Section(title + _heading(3, t["boxes"]), f"<b>{listing_header}</b>",
                        boxes or [_h(t["no_records"])], preformatted=True)]
    def pad(text: str, width: int) -> str:
        return _h(text[:width - 1].ljust(width))

    changes = [pad(c.station, 8) + pad(str(c.box), 7) + pad(str(c.version), 4)
               + pad(c.field, 14)
               + f"<s>{_h(_plain(c.before)[:11])}</s>" + " " * (12 - len(_plain(c.before)[:11]))
               + f"<b>{_h(_plain(c.after)[:11])}</b>" + " " * (12 - len(_plain(c.after)[:11]))
               + pad(c.editor or "—", 10) + pad(site_time(c.edited_at, zone), 17)
               + _h(c.reason) for c in record.changes]
    change_columns = ((t["station"], 8), (t["box"], 7), (t["version"], 4), (t["field"], 14),
                      (t["before"], 12), (t["after"], 12), (t["who"], 10), (t["when"], 17),
                      (t["why"], 10))
    sections.append(Section(_heading(3, t["changed"]), "<b>" + "".join(
        pad(title, width) for title, width in change_columns) + "</b>",
        changes or [_h(t["no_changes"])], preformatted=True))
    invalidated = {d.id for d in state.invalidated}
    decisions = [_row([_h(meaning_text(d.kind, d.reason)), _h(d.full_name), _h(d.signed_by),
                       _h(d.role), _h(d.local_time), _h(d.content_hash[:16] + "…"),
                       _h(t["invalidated"] if d.id in invalidated else t["in_force"]),
                       _h(t["person_key"] if d.signed_with_key else t["pc_chain"])])
                 for d in state.history.chain]
    decisions += [_row(["<i>" + _h(t["not_decision"]) + "</i>", _h(r.station), _h(r.seq),
                        "", "", "", _h(r.reason), ""]) for r in state.history.refused]
    sections.append(Section(_heading(3, t["signatures"]), _header(
        [t["meaning"], t["printed_name"], t["user"], t["role"], t["date_time"],
         t["content_hash"], t["state"], t["signed_with"]]),
        decisions or [_row([_h(t["no_decision"])])]))
    exceptions = []
    for exception in record.exceptions:
        ack = state.acknowledgements.get(exception.id)
        exceptions.append(_row([
            _h(kind_text(exception.kind)), _h(exception.station),
            _h(exception_text(exception, zone)),
            _h(t["not_acked"] if ack is None else
               f"{ack.by}, {site_time(ack.at, zone)}: {ack.note}")]))
    sections.append(Section(_heading(3, t["exceptions"]), _header(
        [t["kind"], t["station"], t["what"], t["acknowledged"]]),
        exceptions or [_row([_h(t["no_exceptions"])])]))
    verify = [_row([_h(station), _h(t["intact"] if r.ok else
                                   t["not_verified"] if r.kind is None else t["not_intact"]),
                    _h(r.events_checked), _h(r.detail)])
              for station, r in sorted(record.verified.items())]
    sections.append(Section(_heading(3, t["verify"]), _header(
        [t["chain"], t["result"], t["events"], t["detail"]]),
        verify or [_row([_h(t["no_verify"])])]))
    return sections


def write_lot_record(records: LotRecords, session: Session, lot: str, out: Path, *,
                     progress=None, cancel=None) -> int:
    """Gather, print and audit the lot record; returns its pages (runs off the GUI thread)."""
    record = records.gather(session, lot, cancel=cancel)
    zone = ZoneInfo(records.timezone)
    sections = lot_record_sections(record, zone)
    footer_text = QCoreApplication.translate("LotRecord", "Lot %1 · page %2 of %3 · content SHA-256 %4")
    pages: list[int] = []

    def footer(page: int, total: int) -> str:
        return (footer_text.replace("%1", lot).replace("%2", str(page))
                .replace("%3", str(total)).replace("%4", record.state.content_hash))

    atomic_write_with(out, lambda temp: pages.append(print_sections(
        temp, sections, footer=footer, progress=progress, cancel=cancel)))
    records.made(session, record, out, pages[0])
    return pages[0]


def run_lot_record_pdf(parent: QWidget, records: LotRecords, session: Session, lot: str, out: Path,
                       runner: TaskRunner, button: QPushButton, status: QLabel) -> Task:
    button.setEnabled(False)
    status.setText(QCoreApplication.translate("LotRecord", "Making the record of lot %1…").replace("%1", lot))

    def progress(done: int, total: Any) -> None:
        status.setText(QCoreApplication.translate("LotRecord", "Making the record of lot %1: %2 of %3 rows laid out…")
                       .replace("%1", lot).replace("%2", str(done)).replace("%3", str(total)))

    def done(pages: int) -> None:
        button.setEnabled(True)
        status.setText(QCoreApplication.translate("LotRecord", "The record of lot %1 was written to %2 (%3 pages).")
                       .replace("%1", lot).replace("%2", str(out)).replace("%3", str(pages)))

    def failed(exc: BaseException) -> None:
        button.setEnabled(True)
        if isinstance(exc, PrintCancelled):
            status.setText(QCoreApplication.translate("LotRecord", "Cancelled; no file was written."))
        elif isinstance(exc, PermissionDenied):
            status.setText(QCoreApplication.translate("LotRecord", "Your role may not print lot records; no file was written."))
        else:
            status.setText(QCoreApplication.translate("LotRecord", "The lot record could not be written (%1); no file was "
                               "written. Check that the folder exists and can be written to, "
                               "then try again.").replace(
                "%1", getattr(exc, "strerror", None) or type(exc).__name__))

    return runner.run(lambda p, c: write_lot_record(records, session, lot, out, progress=p,
                                                    cancel=c),
                      on_done=done, on_error=failed, on_progress=progress)
