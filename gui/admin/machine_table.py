"""The Catalog tab's machine table: one row a machine (station, capsule size, unit weight in
mg), rows added and removed by the person, a cell outlined with the service's message when it
is wrong.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from config.catalog import Machine
from models.validation import FieldError

from gui.admin.catalog_model import MACHINE_COLUMNS, as_shown, nth_filled, weight_text
from gui.admin.catalog_rows import CatalogRows
from gui.messages import field_error_text
from gui.theme import ERROR_COLOR


class MachineTable(CatalogRows):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("machines", (self.tr("Station (machine)"), self.tr("Capsule size"),
                                      self.tr("Unit weight (mg)")), self.tr("Add machine"),
                         parent)
        self.add_button.clicked.connect(self.add_machine)
        self.setAccessibleName(self.tr("Machine table"))
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.verticalHeader().setVisible(True)  # the row numbers help on a long table
        # Each header whole (a stretched column cut "Capsule size" on a 1366 px screen).
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setDefaultSectionSize(36)

    def set_machines(self, machines: tuple[Machine, ...] | list[Machine]) -> None:
        self.setRowCount(0)
        for machine in machines:
            self._append_row(machine.station_id, machine.size,
                             weight_text(machine.unit_weight_kg))

    def _append_row(self, station: str = "", size: str = "", weight: str = "") -> int:
        row = self.rowCount()
        self.insertRow(row)
        for column, text in enumerate((station, size, weight)):
            self.setItem(row, column, QTableWidgetItem(text))
        return row

    def add_machine(self) -> None:
        """A new empty row, its first cell open for typing."""
        row = self._append_row()
        self.setCurrentCell(row, 0)
        self.editItem(self.item(row, 0))

    def texts(self) -> list[list[str]]:
        """The texts, row by row (a cell never edited is "")."""
        return [[item.text() if item is not None else ""
                 for item in (self.item(row, column) for column in range(len(MACHINE_COLUMNS)))]
                for row in range(self.rowCount())]

    def clear_marks(self) -> None:
        for row in range(self.rowCount()):
            for column in range(len(MACHINE_COLUMNS)):
                item = self.item(row, column)
                if item is not None:
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
                    item.setToolTip("")

    def mark(self, index: int, field: str, error: FieldError) -> int:
        """Outline the cell of the n-th filled machine's `field` (the service counts only filled
        rows) with the message in its tooltip; the table row, -1 when there is none."""
        row = nth_filled(self.texts(), index, -1)
        item = self.item(row, MACHINE_COLUMNS.index(field)) if row >= 0 else None
        if item is not None:
            item.setData(Qt.ItemDataRole.BackgroundRole, QColor(ERROR_COLOR).lighter(190))
            item.setToolTip(field_error_text(as_shown(error)))
        return row
