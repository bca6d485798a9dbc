"""The site catalog editor's SPC section: specification limits per size and measurement (for
Cp/Cpk) and the minimum points of a baseline and of a trusted capability index.

A widget of its own, put in the Settings tab with a few lines: `load` shows the catalog's
settings, `values` gives the catalog document's `spc` part (typed text kept as text when it is
not a number, so the catalog's check names it), `place` finds the widget an error is about.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGroupBox, QHeaderView, QSpinBox, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from config.spc import SPC_MEASUREMENTS, SpcSettings
from utils.mes.spc_catalog import POINTS_RANGE

from gui.admin.catalog_rows import CatalogRows
from gui.admin.spc_texts import measurement_text
from gui.numbers import format_shortest
from gui.theme import TOUCH_MIN_PX


def _number(text: str) -> Any:
    """A typed limit (comma or point); None when empty; the text when it is not a number."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        return text


class SpcCatalogBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("SPC specification limits (for Cp/Cpk)"))
        self.setObjectName("catalogSpc")
        self.table = CatalogRows("catalogSpcSpecs", (self.tr("Size"), self.tr("Measurement"),
                                                     self.tr("Lower"), self.tr("Upper")),
                                 self.tr("Add limit"))
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.add_button.clicked.connect(lambda: self.add_row())
        low, high = POINTS_RANGE
        self.min_baseline = QSpinBox()
        self.min_capability = QSpinBox()
        for box in (self.min_baseline, self.min_capability):
            box.setRange(low, high)
            box.setMinimumHeight(TOUCH_MIN_PX)
        form = QFormLayout()
        form.addRow(self.tr("Fewest points of a baseline"), self.min_baseline)
        form.addRow(self.tr("Cp/Cpk warned below (points)"), self.min_capability)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.table.buttons)
        layout.addLayout(form)

    def add_row(self, size: str = "", measurement: str = "cam_d", lower: str = "",
                upper: str = "") -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(size))
        choice = QComboBox()
        for key in SPC_MEASUREMENTS:
            choice.addItem(measurement_text(key), key)
        choice.setCurrentIndex(max(0, choice.findData(measurement)))
        self.table.setCellWidget(row, 1, choice)
        self.table.setItem(row, 2, QTableWidgetItem(lower))
        self.table.setItem(row, 3, QTableWidgetItem(upper))
        return row

    def load(self, settings: SpcSettings) -> None:
        self.table.setRowCount(0)
        for spec in settings.specs:
            self.add_row(spec.size, spec.measurement,
                         "" if spec.lower is None else format_shortest(spec.lower),
                         "" if spec.upper is None else format_shortest(spec.upper))
        self.min_baseline.setValue(settings.min_baseline_points)
        self.min_capability.setValue(settings.min_capability_points)

    def values(self) -> dict[str, Any]:
        specs = []
        for row in range(self.table.rowCount()):
            texts = [self.table.cell_text(row, column) for column in (0, 2, 3)]
            if not any(text.strip() for text in texts):
                continue  # an empty row someone added and left
            specs.append({"size": texts[0].strip(),
                          "measurement": self.table.cellWidget(row, 1).currentData(),
                          "lower": _number(texts[1]), "upper": _number(texts[2])})
        return {"specs": specs, "min_baseline_points": self.min_baseline.value(),
                "min_capability_points": self.min_capability.value()}

    def place(self, parts: list[str]) -> QWidget:
        """The widget an `spc.…` error is about (its field split at the dots)."""
        if parts[1:2] == ["min_baseline_points"]:
            return self.min_baseline
        if parts[1:2] == ["min_capability_points"]:
            return self.min_capability
        return self.table
