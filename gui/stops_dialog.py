"""The station's stops dialog: what state the machine is in, its recent stops, and big reason
buttons to classify a stop or to declare the machine down now (touch screens: every button
at least 48 px high). The service (utils/mes/downtime.py) checks the permission and audits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QDialog, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from gui.downtime_model import TextRowsModel
from gui.downtime_texts import (
    STOP_REFUSALS, duration_text, reason_label, state_label, stop_refusal_text,
)
from gui.labels import wrapped_label
from gui.site_time import site_text

if TYPE_CHECKING:
    from utils.context import AppContext

TOUCH = 48


class StopsDialog(QDialog):
    def __init__(self, ctx: "AppContext", session, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.setObjectName("stopsDialog")
        self.setWindowTitle(self.tr("Stops of this machine"))
        self.state = QLabel()
        self.state.setObjectName("stopState")
        self.state.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.model = TextRowsModel(
            ("start", "end", "length", "reason", "by"),
            (self.tr("Started"), self.tr("Ended"), self.tr("Length"), self.tr("Reason"),
             self.tr("Classified by")), self)
        self.table = QTableView()
        self.table.setObjectName("stopsTable")
        self.table.setAccessibleName(self.tr("Recent stops of this machine"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(TOUCH)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.reasons = QButtonGroup(self)
        grid = QGridLayout()
        for number, code in enumerate(ctx.catalog.downtime.reasons):
            button = QPushButton(reason_label(code))
            button.setObjectName(f"reason_{code}")
            button.setCheckable(True)
            button.setMinimumHeight(TOUCH)
            button.setProperty("reason", code)
            self.reasons.addButton(button)
            grid.addWidget(button, number // 3, number % 3)
        self.note = QLineEdit()
        self.note.setObjectName("stopNote")
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.note.setMinimumHeight(TOUCH)
        self.note.setMaxLength(500)
        self.classify_button = QPushButton(self.tr("Give the selected stop this reason"))
        self.classify_button.setObjectName("classifyStop")
        self.declare_button = QPushButton(self.tr("Machine down now, for this reason"))
        self.declare_button.setObjectName("declareStop")
        self.close_button = QPushButton(self.tr("Close"))
        for button in (self.classify_button, self.declare_button, self.close_button):
            button.setMinimumHeight(TOUCH)
        self.message = wrapped_label("stopMessage")
        self.classify_button.clicked.connect(self._classify)
        self.declare_button.clicked.connect(self._declare)
        self.close_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("Reason:")))
        layout.addLayout(grid)
        layout.addWidget(self.note)
        actions = QHBoxLayout()
        actions.addWidget(self.classify_button)
        actions.addWidget(self.declare_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.resize(820, 560)
        self.refresh()

    def refresh(self) -> None:
        service = self.ctx.downtime
        now = self.ctx.clock.now()
        state = service.state(now)
        if state.state == "down" and state.since is not None:
            self.state.setText(self.tr("Down for %1 · %2").replace(
                "%1", duration_text((now - state.since).total_seconds()))
                .replace("%2", reason_label(state.reason)))
        else:
            self.state.setText(state_label(state.state))
        rows = []
        for stop in service.recent_stops():
            end = stop.ended_at or now
            # The date as every other screen writes it (a "22/11" here, in English too).
            rows.append(((site_text(self.ctx, stop.started_at),
                          "…" if stop.ended_at is None else site_text(self.ctx, stop.ended_at),
                          duration_text((end - stop.started_at).total_seconds()),
                          reason_label(stop.reason), stop.classified_by or "—"),
                         (stop.started_at, end, 0, stop.reason, stop.classified_by or ""),
                         stop.stop_id))
        self.model.set_rows(rows)
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _reason(self) -> str | None:
        button = self.reasons.checkedButton()
        if button is None:
            self.message.setText(self.tr("Choose a reason first."))
            return None
        return button.property("reason")

    def _classify(self) -> None:
        reason = self._reason()
        rows = self.table.selectionModel().selectedRows()
        if reason is None:
            return
        if not rows:
            self.message.setText(self.tr("Choose the stop in the list first."))
            return
        stop_id = self.model.key(rows[0].row())
        self._run(lambda: self.ctx.downtime.classify(self.session, self.ctx.station_id, stop_id,
                                                     reason, self.note.text()),
                  self.tr("The stop now has the reason %1.").replace("%1", reason_label(reason)))

    def _declare(self) -> None:
        reason = self._reason()
        if reason is not None:
            self._run(lambda: self.ctx.downtime.declare(self.session, reason),
                      self.tr("Stop recorded from now, reason %1. The next box ends it.")
                      .replace("%1", reason_label(reason)))

    def _run(self, action, done: str) -> None:
        try:
            action()
        except STOP_REFUSALS as refused:
            self.message.setText(stop_refusal_text(refused))
            return
        self.note.clear()
        self.message.setText(done)
        self.refresh()
