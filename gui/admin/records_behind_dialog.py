"""The records a figure of the Insights tab was computed from, in a dialog ("Show rows…")."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout,
    QWidget,
)

from gui.admin.insights_texts import number
from gui.records_model import RecordsTableModel
from gui.table_view import read_table
from gui.window_state import fit_to_screen


class RecordsBehindDialog(QDialog):
    """The records a number was computed from, in time order (the first ROWS_LIMIT of them
    when there are more: `complete` False says so)."""

    def __init__(self, what: str, rows: list[dict[str, Any]], parent: QWidget | None = None,
                 *, complete: bool = True):
        super().__init__(parent)
        self.setObjectName("recordsBehind")
        self.setWindowTitle(self.tr("Records behind a number"))
        self.model = RecordsTableModel(self, with_station=True, newest_first=False)
        self.model.set_rows(rows)
        totals = self.model.totals()  # so the person can check the number against its rows
        self.label = QLabel(self.tr("%n record(s) behind: %2\nMean CAM-D of these records: %3 % "
                                    "· mean CAM-W: %4 % · rejections: %5", "", len(rows))
                            .replace("%2", what)
                            .replace("%3", number(totals["cam_d"])).replace("%4", number(totals["cam_w"]))
                            .replace("%5", str(totals["rejections"])))
        if not complete:
            self.label.setText(self.label.text() + "\n" + self.tr(
                "Only the first %1 records in time order are shown: choose a shorter period "
                "or one station to see the rest.").replace("%1", str(len(rows))))
        self.label.setWordWrap(True)
        self.table = read_table(self.model, self.tr("The records behind the figure"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.COLUMNS.index("rejections"),
                                    QHeaderView.ResizeMode.Stretch)  # full text in its tooltip
        self.table.verticalHeader().setDefaultSectionSize(34)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1100, 600)
        fit_to_screen(self)

    def record_ids(self) -> list[str]:
        return [self.model.row_data(row)["record_id"] for row in range(self.model.rowCount())]
