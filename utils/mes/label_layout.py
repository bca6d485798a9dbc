"""Where everything goes on a label, in printer dots: one layout that both the ZPL builder and
the Qt painter draw, so the preview, a PDF and a Zebra print show the same label.

Pure: plain values in (what the label says, the template, the captions in the reader's
language), positioned elements out, with the problems that make a template unusable (a Code
128 wider than the label, text too small to read) listed instead of silently clipped.

Arrangement: a title line (BOX or LOT, and REPRINT in reverse at the right), the chosen fields
one per line on the left, the QR code at the right, the Code 128 across the bottom.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from config.labels import LabelTemplate

MARGIN_MM = 2.0
TITLE_MM = 4.0  # the title's letter height
TEXT_MM = 3.5  # a field's letter height, at most
MIN_TEXT_MM = 1.8  # below this a field is not readable on a thermal label
BAR_MM = 10.0  # Code 128 bar height, at most
QUIET_MODULES = 10  # Code 128's quiet zone on each side (its specification asks for 10X)
CHAR_WIDTH = 0.6  # a character's width as a share of its height (Zebra's font 0, Qt's sans)
QR_ERROR = "M"  # error correction level: 15 %, enough for a scuffed box
MAX_MODULE_DOTS = 4


@dataclass(frozen=True)
class LabelContent:
    """What one label says. `box` 0 is the lot's own label."""

    kind: str  # "box" or "lot"
    lot: str
    box: int
    total_boxes: int
    size: str
    station: str
    time: str  # already in the site's time zone, as it is printed
    operator: str
    payload: str  # what the barcodes carry (utils/mes/label_payload.py)
    reprint: bool = False

    def value(self, field: str) -> str:
        if field == "box":
            return f"{self.box}/{self.total_boxes}" if self.kind == "box" else str(self.total_boxes)
        return str(getattr(self, field))


@dataclass(frozen=True)
class TextItem:
    x: int
    y: int
    height: int  # letter height in dots
    text: str
    inverse: bool = False  # white on a black box (REPRINT)
    width: int = 0  # the room it has (the black box's width when inverse)


@dataclass(frozen=True)
class Code128Item:
    x: int
    y: int
    height: int
    module: int  # the narrowest bar, in dots
    modules: int  # the symbol's width in modules, quiet zones excluded
    data: str


@dataclass(frozen=True)
class QrItem:
    x: int
    y: int
    magnification: int  # dots per module
    modules: int  # the symbol's side in modules
    data: str


Item = TextItem | Code128Item | QrItem


@dataclass(frozen=True)
class LabelLayout:
    width: int  # dots
    height: int
    items: tuple[Item, ...]
    problems: tuple[str, ...]  # problem codes: "code128_too_wide", "text_too_small", "qr_too_big"


def code128_modules(data: str) -> str:
    """The symbol's bars and spaces, one character per module ('1' a bar), start to stop.

    Always code set B (python-barcode's table of the specification's patterns, our encoding):
    a Zebra printer given the same data with ^BC in its default mode also starts in set B, so
    the printed bars and the preview's are the same symbol, and the width the layout reserves
    is exact. Set C would shorten long digit runs, which our payloads hardly have.
    """
    # Imported when a label is drawn, not with this module: the station window and every
    # command import it through the labels' service, and python-barcode (with segno) added
    # ~0.2 s to each start-up.
    from barcode.charsets import code128 as code128_table

    values = [code128_table.START_CODES["B"]]
    for char in data:
        if char not in code128_table.B:
            raise ValueError(f"{char!r} is not in Code 128 set B")
        values.append(code128_table.B[char])
    checksum = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    # The table's STOP is the stop character's first 11 modules; the symbol ends with its
    # 2-module termination bar (the stop pattern is 2331112, 13 modules).
    return "".join(code128_table.CODES[v] for v in (*values, checksum)) + code128_table.STOP + "11"


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR code's modules, row by row, without the quiet zone."""
    import segno  # when a label is drawn (see code128_modules)

    code = segno.make_qr(data, error=QR_ERROR.lower(), boost_error=False)
    return [[bool(cell) for cell in row] for row in code.matrix]


def fit_text(text: str, height: int, width: int) -> str:
    """Cut `text` to what fits `width` dots at `height` (with an ellipsis when cut)."""
    most = max(1, int(width / (height * CHAR_WIDTH)))
    return text if len(text) <= most else text[:max(0, most - 1)] + "…"


def layout_label(content: LabelContent, template: LabelTemplate,
                 captions: Mapping[str, str]) -> LabelLayout:
    dots_mm = template.dpi / 25.4
    width = round(template.width_mm * dots_mm)
    height = round(template.height_mm * dots_mm)
    margin = round(MARGIN_MM * dots_mm)
    inner_width = width - 2 * margin
    items: list[Item] = []
    problems: list[str] = []

    title_h = round(TITLE_MM * dots_mm)
    title = captions["title_box" if content.kind == "box" else "title_lot"]
    if content.reprint:
        word = captions["reprint"]
        pad = max(2, title_h // 6)
        box_width = round(len(word) * title_h * CHAR_WIDTH) + 2 * pad
        items.append(TextItem(width - margin - box_width, margin, title_h, word, inverse=True,
                              width=box_width))
        title_room = inner_width - box_width - margin
    else:
        title_room = inner_width
    items.append(TextItem(margin, margin, title_h, fit_text(title, title_h, title_room),
                          width=title_room))
    top = margin + title_h + margin

    bottom = height - margin
    if template.code128:
        modules = len(code128_modules(content.payload))
        module = min(MAX_MODULE_DOTS, inner_width // (modules + 2 * QUIET_MODULES))
        if module < 1:
            problems.append("code128_too_wide")
        else:
            bar_h = min(round(BAR_MM * dots_mm), (bottom - top) // 3)
            bar_width = module * modules
            items.append(Code128Item(margin + (inner_width - bar_width) // 2, bottom - bar_h,
                                     bar_h, module, modules, content.payload))
            bottom -= bar_h + margin

    text_width = inner_width
    if template.qr:
        side = len(qr_matrix(content.payload))
        room = min(bottom - top, inner_width // 2)
        magnification = room // side
        if magnification < 1:
            problems.append("qr_too_big")
        else:
            items.append(QrItem(width - margin - side * magnification, top, magnification, side,
                                content.payload))
            text_width = inner_width - side * magnification - margin

    fields = template.fields
    if fields:
        line = (bottom - top) // len(fields)
        text_h = min(round(TEXT_MM * dots_mm), int(line * 0.85))
        if text_h < MIN_TEXT_MM * dots_mm:
            problems.append("text_too_small")
        for index, field in enumerate(fields):
            caption = captions["boxes" if field == "box" and content.kind == "lot" else field]
            items.append(TextItem(margin, top + index * line, text_h,
                                  fit_text(f"{caption}: {content.value(field)}", text_h, text_width),
                                  width=text_width))
    return LabelLayout(width, height, tuple(items), tuple(problems))
