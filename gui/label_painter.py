"""Drawing a label with Qt: the same layout (utils/mes/label_layout.py) the ZPL builder sends
to Zebra printers, painted on a preview image or on any system printer through QPrinter.

Coordinates are the layout's printer dots; the painter is scaled so a dot is whatever the
device needs (a screen pixel for the preview, a printer's own resolution on paper).
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from config.labels import LabelTemplate
from utils.mes.label_layout import (
    Code128Item, LabelLayout, QrItem, TextItem, code128_modules, qr_matrix,
)


def paint_label(painter: QPainter, layout: LabelLayout, target: QRectF) -> None:
    """Paint `layout` scaled into `target` (same aspect as the label)."""
    painter.save()
    painter.translate(target.topLeft())
    painter.scale(target.width() / layout.width, target.height() / layout.height)
    painter.fillRect(QRectF(0, 0, layout.width, layout.height), Qt.GlobalColor.white)
    painter.setPen(Qt.PenStyle.NoPen)
    black = QColor(Qt.GlobalColor.black)
    for item in layout.items:
        if isinstance(item, TextItem):
            _text(painter, item, layout.width)
        elif isinstance(item, Code128Item):
            x = item.x
            for module in code128_modules(item.data):
                if module == "1":
                    painter.fillRect(QRectF(x, item.y, item.module, item.height), black)
                x += item.module
        elif isinstance(item, QrItem):
            size = item.magnification
            for row, cells in enumerate(qr_matrix(item.data)):
                for column, dark in enumerate(cells):
                    if dark:
                        painter.fillRect(QRectF(item.x + column * size, item.y + row * size,
                                                size, size), black)
    painter.restore()


def _text(painter: QPainter, item: TextItem, label_width: int) -> None:
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(max(1, item.height))
    painter.setFont(font)
    pad = max(2, item.height // 6) if item.inverse else 0
    room = (item.width or label_width - item.x) - 2 * pad
    box = QRectF(item.x, item.y, item.width or label_width - item.x, item.height + 2 * pad)
    if item.inverse:
        painter.fillRect(box, Qt.GlobalColor.black)
    painter.setPen(QColor(Qt.GlobalColor.white if item.inverse else Qt.GlobalColor.black))
    # Qt's font may be wider than Zebra's font 0, whose width the ZPL sets: narrow the text
    # to its room as the printer does, never past it (over the QR code or out of the box).
    advance = painter.fontMetrics().horizontalAdvance(item.text)
    squeeze = min(1.0, room / advance) if advance > 0 else 1.0
    painter.save()
    painter.translate(item.x + pad, item.y + pad)
    painter.scale(squeeze, 1.0)
    painter.drawText(QRectF(0, 0, advance + 1, item.height * 1.3),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, item.text)
    painter.restore()
    painter.setPen(Qt.PenStyle.NoPen)


def label_image(layout: LabelLayout, scale: float = 1.0) -> QImage:
    """The label as an image, one pixel a dot times `scale` (the preview; tests' PNGs)."""
    image = QImage(max(1, round(layout.width * scale)), max(1, round(layout.height * scale)),
                   QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    paint_label(painter, layout, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return image


def setup_printer(printer: QPrinter, template: LabelTemplate) -> None:
    """A page the size of the label, no margins: label printers print edge to edge."""
    page = QPageSize(QSizeF(template.width_mm, template.height_mm), QPageSize.Unit.Millimeter,
                     "label", QPageSize.SizeMatchPolicy.ExactMatch)
    # Portrait with the label's own width and height: a wide label is a wide page.
    printer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))


def print_label(printer: QPrinter, layout: LabelLayout) -> bool:
    """Paint one label on `printer`; False when the printer could not start (no paper, a PDF
    that cannot be written)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        paint_label(painter, layout, QRectF(painter.viewport()))
    finally:
        painter.end()
    return True
