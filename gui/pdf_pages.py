"""Printing a long report to PDF (Qt's QPdfWriter), page by page, from a background task.

A report is a list of sections, each a heading and a table (its header row and rows, HTML).
Each page is its own small QTextDocument, laid out and drawn in a few milliseconds: one document
of thousands of rows held Python's interpreter lock for most of a second in single calls, and
the window with it, even from a background thread. The pages are laid out first (so the
footer can say "page x of y"), then drawn, each with its footer.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter, QTextDocument

ROWS_PER_PAGE_TRIED = 30
FOOTER_PX = 28
TABLE = "<table width='100%' border='1' cellspacing='0' cellpadding='2'>"


@dataclass(frozen=True)
class Section:
    heading: str  # HTML before the table (may be empty)
    header: str  # the table's header row (<tr>…</tr>), repeated on each page it spans
    rows: list[str]  # one <tr>…</tr> each


class PrintCancelled(Exception):
    """The person cancelled; the file is not written."""


def print_sections(path: Path, sections: list[Section], *,
                   footer: Callable[[int, int], str] | None = None,
                   progress: Callable[[int, int | None], None] | None = None,
                   cancel: threading.Event | None = None) -> int:
    """Print `sections` into `path`; returns the number of pages. `footer(page, pages)` is
    drawn at the bottom of every page."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(96)  # the document's fonts keep their screen sizes
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    height = page.height() - (FOOTER_PX if footer is not None else 0)
    items = [(index, None) for index, section in enumerate(sections) if not section.rows] + [
        (index, row) for index, section in enumerate(sections) for row in section.rows]
    items.sort(key=lambda item: item[0])  # stable: a section's rows stay in order

    def layout(html: str) -> QTextDocument:
        document = QTextDocument()
        document.documentLayout().setPaintDevice(writer)
        document.setTextWidth(page.width())
        document.setHtml(html)
        return document

    def page_html(chunk: list[tuple[int, str | None]], continued: int | None) -> str:
        parts, open_section = [], None
        for index, row in chunk:
            if index != open_section:
                if open_section is not None:
                    parts.append("</table>")
                section = sections[index]
                if index != continued:
                    parts.append(section.heading)
                parts.append(TABLE + section.header)
                open_section = index
            if row is not None:
                parts.append(row)
        if open_section is not None:
            parts.append("</table>")
        return "".join(parts)

    documents: list[QTextDocument] = []
    start, continued = 0, None
    while start < len(items) or not documents:
        if cancel is not None and cancel.is_set():
            raise PrintCancelled()
        count = min(ROWS_PER_PAGE_TRIED, len(items) - start)
        while True:
            document = layout(page_html(items[start:start + count], continued))
            if count <= 1 or document.size().height() <= height:
                break
            count = max(1, count * 3 // 4)  # long cells wrapped: fewer rows fit
        documents.append(document)
        start += max(count, 1)
        continued = items[start - 1][0] if 0 < start <= len(items) else None
        if progress is not None:
            progress(start, len(items))
        if not items:
            break
    painter = QPainter(writer)
    try:
        total = len(documents)
        for number, document in enumerate(documents, 1):
            if cancel is not None and cancel.is_set():
                raise PrintCancelled()
            if number > 1:
                writer.newPage()
            document.drawContents(painter)
            if footer is not None:
                painter.drawText(QRectF(0, page.height() - FOOTER_PX + 6, page.width(),
                                        FOOTER_PX - 6),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                 footer(number, total))
    finally:
        painter.end()
    del writer  # closes the file before it is moved into place
    return len(documents)
