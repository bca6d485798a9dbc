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
LINES_PER_PAGE_TRIED = 70  # preformatted rows
BLOCK_LINES = 24  # preformatted rows laid out in one call
FOOTER_PX = 28
TABLE = "<table width='100%' border='1' cellspacing='0' cellpadding='2'>"


@dataclass(frozen=True)
class Section:
    heading: str  # HTML before the table (may be empty)
    header: str  # the table's header row (<tr>…</tr>), repeated on each page it spans
    rows: list[str]  # one <tr>…</tr> each
    # Rows are lines of fixed-width text (inline HTML allowed: <s>, <b>, colour), in a <pre>
    # block: for long listings, laid out about ten times faster than table cells (a table of
    # 5,000 rows x 12 cells took 8 s in QTextDocument.setHtml, 80 ms a page in one call).
    preformatted: bool = False


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

    def page_parts(chunk: list[tuple[int, str | None]], continued: int | None) -> list[str]:
        """A page's HTML as fragments, each laid out as its own document: a listing is cut
        into blocks of BLOCK_LINES lines so no single layout call holds the interpreter long."""
        fragments: list[str] = []
        parts: list[str] = []
        open_section: int | None = None
        lines = 0
        for index, row in chunk:
            section = sections[index]
            if index != open_section:
                if open_section is not None:
                    parts.append(_close(sections[open_section]))
                if index != continued:
                    parts.append(section.heading)
                parts.append(_open(section))
                open_section, lines = index, 0
            elif section.preformatted and lines >= BLOCK_LINES:
                parts.append(_close(section))
                fragments.append("".join(parts))
                parts, lines = [_open(section, header=False)], 0
            if row is not None:
                parts.append(row + ("\n" if section.preformatted else ""))
                lines += 1
        if open_section is not None:
            parts.append(_close(sections[open_section]))
        fragments.append("".join(parts))
        return fragments

    documents: list[list[QTextDocument]] = []  # each page's documents, top to bottom
    start, continued = 0, None
    while start < len(items) or not documents:
        if cancel is not None and cancel.is_set():
            raise PrintCancelled()
        tried = (LINES_PER_PAGE_TRIED if items and sections[items[start][0]].preformatted
                 else ROWS_PER_PAGE_TRIED) if start < len(items) else ROWS_PER_PAGE_TRIED
        count = min(tried, len(items) - start)
        while True:
            blocks = [layout(part) for part in page_parts(items[start:start + count], continued)]
            used = sum(b.size().height() for b in blocks)
            if count <= 1 or used <= height:
                break
            # Long cells wrapped: fewer rows fit, about in proportion (one or two tries).
            count = max(1, min(count - 1, int(count * height / used)))
        documents.append(blocks)
        start += max(count, 1)
        continued = items[start - 1][0] if 0 < start <= len(items) else None
        if progress is not None:
            progress(start, len(items))
        if not items:
            break
    painter = QPainter(writer)
    try:
        total = len(documents)
        for number, blocks in enumerate(documents, 1):
            if cancel is not None and cancel.is_set():
                raise PrintCancelled()
            if number > 1:
                writer.newPage()
            painter.save()
            for block in blocks:
                block.drawContents(painter)
                painter.translate(0, block.size().height())
            painter.restore()
            if footer is not None:
                painter.drawText(QRectF(0, page.height() - FOOTER_PX + 6, page.width(),
                                        FOOTER_PX - 6),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                 footer(number, total))
    finally:
        painter.end()
    del writer  # closes the file before it is moved into place
    return len(documents)


def _open(section: Section, *, header: bool = True) -> str:
    if section.preformatted:
        # pre-wrap: a listing's last column (a reason) wraps instead of leaving the page
        return ("<pre style='font-size:10px; margin-top:0; margin-bottom:0; "
                "white-space:pre-wrap'>"
                + (section.header + "\n" if header else ""))
    return TABLE + section.header


def _close(section: Section) -> str:
    return "</pre>" if section.preformatted else "</table>"
