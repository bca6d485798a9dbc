"""The label template's part of the site catalog editor: size, DPI, the fields and their order,
the two barcodes, the stations that print to a Zebra over the network, and a live preview of a
sample box label as it will print (the same drawing as the station's, from the same layout).

It gives and takes the catalog's plain `labels` document; the catalog service checks it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget,
)

from config.labels import (
    HEIGHT_MM_RANGE, LABEL_DPIS, LABEL_FIELDS, WIDTH_MM_RANGE, ZPL_PORT, LabelTemplate,
)
from models.validation import FieldError
from utils.mes.label_catalog import labels_from_dict
from utils.mes.label_layout import LabelContent, layout_label
from utils.mes.label_payload import encode_payload

from gui.admin.catalog_rows import one_per_line
from gui.label_painter import label_image
from gui.label_texts import captions, field_name, problem_text
from gui.labels import wrapped_label
from gui.numbers import decimal_spin_box
from gui.theme import form_label

PREVIEW_WIDTH = 420
SAMPLE = LabelContent("box", "L2026-0142", 12, 500, "#1", "201", "2026-12-03 09:15", "maria",
                      encode_payload("L2026-0142", 12, 500))


def printers_from_text(text: str) -> list[dict[str, Any]]:
    """`station host[:port]` per line (an IPv6 address in brackets when a port follows) into
    the catalog's entries; a line that does not split is passed on for the service to name."""
    entries: list[dict[str, Any]] = []
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        station, address = parts[0], (parts[1] if len(parts) > 1 else "")
        host, port = address, ZPL_PORT
        if address.startswith("[") and "]" in address:
            host, _, rest = address[1:].partition("]")
            port = int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else (
                ZPL_PORT if not rest else -1)
        elif address.count(":") == 1:
            host, _, port_text = address.partition(":")
            port = int(port_text) if port_text.isdigit() else -1
        entries.append({"station_id": station, "host": host if len(parts) == 2 else
                        " ".join(parts[1:]), "port": port})
    return entries


def printers_to_text(template: LabelTemplate) -> str:
    def address(host: str, port: int) -> str:
        shown = f"[{host}]" if ":" in host else host
        return shown if port == ZPL_PORT else f"{shown}:{port}"

    return "\n".join(f"{p.station_id} {address(p.host, p.port)}" for p in template.zebra_printers)


class LabelTemplateEditor(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Labels"))
        self.setObjectName("labelTemplate")
        self.width_mm = decimal_spin_box(*WIDTH_MM_RANGE, 1, " mm")
        self.height_mm = decimal_spin_box(*HEIGHT_MM_RANGE, 1, " mm")
        self.dpi = QComboBox()
        for dpi in LABEL_DPIS:
            self.dpi.addItem(self.tr("%1 dpi").replace("%1", str(dpi)), dpi)
        self.fields = QListWidget()
        self.fields.setObjectName("labelFields")
        self.fields.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.fields.setMaximumHeight(150)
        self.code128 = QCheckBox(self.tr("Code 128"))
        self.qr = QCheckBox(self.tr("QR code"))
        for box in (self.code128, self.qr):
            box.setMinimumHeight(44)  # level with the form's labels
        self.printers = one_per_line("labelPrinters", 80,
                                     self.tr("201 10.0.0.21\n202 zebra-202.plant.local:9100"))
        self.preview = QLabel()
        self.preview.setObjectName("labelTemplatePreview")
        self.preview.setStyleSheet("border: 1px solid #888; background: white;")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problems = wrapped_label(role="error")

        size = QHBoxLayout()
        size.addWidget(self.width_mm)
        size.addWidget(QLabel("×"))
        size.addWidget(self.height_mm)
        size.addWidget(self.dpi)
        size.addStretch(1)  # the fields side by side, the row's free width after them
        codes = QHBoxLayout()
        codes.addWidget(self.code128)
        codes.addWidget(self.qr)
        codes.addStretch(1)
        form = QFormLayout()
        form.addRow(form_label(self.tr("Size")), size)
        form.addRow(form_label(self.tr("Barcodes")), codes)
        fields_hint = QLabel(self.tr("Fields shown, top to bottom (drag to reorder):"))
        fields_hint.setWordWrap(True)
        printers_hint = QLabel(self.tr("Zebra printers (ZPL over the network, port 9100): one "
                                       "line per station, \"station address\". Other stations "
                                       "print on a printer chosen at the PC."))
        printers_hint.setProperty("role", "hint")
        printers_hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(fields_hint)
        layout.addWidget(self.fields)
        layout.addWidget(printers_hint)
        layout.addWidget(self.printers)
        layout.addWidget(self.preview)
        layout.addWidget(self.problems)

        for spin in (self.width_mm, self.height_mm):
            spin.valueChanged.connect(self.refresh_preview)
        self.dpi.currentIndexChanged.connect(self.refresh_preview)
        self.code128.toggled.connect(self.refresh_preview)
        self.qr.toggled.connect(self.refresh_preview)
        self.fields.itemChanged.connect(self.refresh_preview)
        self.fields.model().rowsMoved.connect(self.refresh_preview)
        self.load(LabelTemplate())

    def load(self, template: LabelTemplate) -> None:
        self.blockSignals(True)
        self.width_mm.setValue(template.width_mm)
        self.height_mm.setValue(template.height_mm)
        self.dpi.setCurrentIndex(max(0, self.dpi.findData(template.dpi)))
        self.code128.setChecked(template.code128)
        self.qr.setChecked(template.qr)
        self.fields.clear()
        hidden = [f for f in LABEL_FIELDS if f not in template.fields]
        for name in (*template.fields, *hidden):
            item = QListWidgetItem(field_name(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsDragEnabled)
            item.setCheckState(Qt.CheckState.Checked if name in template.fields
                               else Qt.CheckState.Unchecked)
            self.fields.addItem(item)
        self.printers.setPlainText(printers_to_text(template))
        self.blockSignals(False)
        self.refresh_preview()

    def values(self) -> dict[str, Any]:
        """The catalog's `labels` document as edited (checked by the service, not here)."""
        chosen = [self.fields.item(i).data(Qt.ItemDataRole.UserRole)
                  for i in range(self.fields.count())
                  if self.fields.item(i).checkState() == Qt.CheckState.Checked]
        return {"width_mm": self.width_mm.value(), "height_mm": self.height_mm.value(),
                "dpi": self.dpi.currentData(), "fields": chosen,
                "code128": self.code128.isChecked(), "qr": self.qr.isChecked(),
                "zebra_printers": printers_from_text(self.printers.toPlainText())}

    def refresh_preview(self, *_args) -> None:
        errors: list[FieldError] = []
        raw = self.values()
        template = labels_from_dict({**raw, "zebra_printers": []}, errors)
        if not raw["fields"]:
            template = LabelTemplate(width_mm=template.width_mm, height_mm=template.height_mm,
                                     dpi=template.dpi, fields=(), code128=template.code128,
                                     qr=template.qr)
        layout = layout_label(SAMPLE, template, captions())
        scale = PREVIEW_WIDTH / layout.width
        image = label_image(layout, scale)
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.preview.setFixedSize(image.width() + 2, image.height() + 2)  # the label's shape
        self.problems.setText(" ".join(problem_text(code) for code in layout.problems))

    def place(self, error: FieldError) -> tuple[str, QWidget]:
        """Where a `labels.*` error belongs: its title and the widget to outline."""
        parts = error.field.split(".")
        widgets = {"width_mm": self.width_mm, "height_mm": self.height_mm, "dpi": self.dpi,
                   "fields": self.fields, "code128": self.code128, "qr": self.qr}
        if len(parts) >= 2 and parts[1] in widgets:
            return self.tr("Labels"), widgets[parts[1]]
        if len(parts) >= 3 and parts[1] == "zebra_printers" and parts[2].isdigit():
            return (self.tr("Zebra printers, line %1").replace("%1", str(int(parts[2]) + 1)),
                    self.printers)
        return self.tr("Labels"), self
