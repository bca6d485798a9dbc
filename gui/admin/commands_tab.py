"""Remote commands: pick the stations, the command and its parameters (a form generated from
the catalogue: no free-typed JSON), confirm disruptive ones, and follow each command to its
end in the history table."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QMessageBox, QPushButton, QRadioButton, QSpinBox, QTableView, QVBoxLayout, QWidget,
)

from config.command_catalog import COMMAND_PARAMS, ParamSpec
from config.constants import COMMAND_ROLES, DISRUPTIVE_COMMANDS, CommandType, Role
from models.canonical import parse_utc
from utils.auth import Session
from utils.permissions import PermissionDenied
from utils.site.fleet import FleetMonitor

from gui.table_model import ColumnTableModel, Index as _Index
from gui.theme import form_label

STATE_COLORS = {"pending": "#555555", "done": "#1b7f3b", "failed": "#b00020",
                "rejected": "#b00020", "expired": "#b26a00", "timed_out": "#b26a00",
                "duplicate": "#555555"}


class CommandHistoryModel(ColumnTableModel):
    COLUMNS = ("issued_at", "target", "type", "params", "state", "reason", "result")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._headers = (self.tr("Sent"), self.tr("Station"), self.tr("Command"),
                         self.tr("Parameters"), self.tr("State"), self.tr("Reason"),
                         self.tr("Result"))
        self._states = {"pending": self.tr("pending"), "done": self.tr("done"),
                        "failed": self.tr("failed"), "rejected": self.tr("rejected"),
                        "expired": self.tr("expired"), "timed_out": self.tr("timed out"),
                        "duplicate": self.tr("duplicate")}

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_data(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.get(column)
            if column == "state":
                return self._states.get(value, value)
            if column in ("params", "result"):
                return "" if value in (None, {}) else json.dumps(value, ensure_ascii=False)[:120]
            if column == "issued_at":  # stored in UTC; shown in this PC's time
                return parse_utc(str(value)).astimezone().strftime("%Y-%m-%d %H:%M:%S")
            if column == "type":
                try:
                    return command_label(None, CommandType(value))
                except ValueError:
                    return str(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            return QBrush(QColor(STATE_COLORS.get(row.get("state"), "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and column == "result" and row.get("result"):
            return json.dumps(row["result"], ensure_ascii=False, indent=2)[:4000]
        return None


class CommandsTab(QWidget):
    def __init__(self, fleet: FleetMonitor, session: Session,
                 selected_stations: Callable[[], list[str]], parent: QWidget | None = None,
                 *, confirm: Callable[[str], None] | None = None):
        super().__init__(parent)
        self.fleet = fleet
        self.session = session
        self.selected_stations = selected_stations
        self.setObjectName("commandsTab")
        self.to_selected = QRadioButton(self.tr("Selected stations (Fleet tab)"))
        self.to_list = QRadioButton(self.tr("These stations:"))
        self.to_all = QRadioButton(self.tr("All stations"))
        self.to_selected.setChecked(True)
        self.station_list = QLineEdit()
        self.station_list.setObjectName("stationList")
        self.station_list.setPlaceholderText("201, 202, 206")
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("commandType")
        allowed = [c for c in CommandType if Role(session.role) in COMMAND_ROLES[c]]
        for command in allowed:
            self.type_combo.addItem(command_label(self, command), str(command))
        self.type_combo.currentIndexChanged.connect(self._build_form)
        self.ttl = QSpinBox()
        self.ttl.setRange(1, 1440)
        self.ttl.setValue(10)
        self.ttl.setSuffix(self.tr(" min"))
        self.form_holder = QWidget()
        self.form = QFormLayout(self.form_holder)
        self.inputs: dict[str, QWidget] = {}
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("primary")
        self.send_button.clicked.connect(self.send)
        self.history = CommandHistoryModel(self)
        self.table = QTableView()
        self.table.setObjectName("commandHistory")
        self.table.setModel(self.history)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self._confirm = confirm

        targets = QHBoxLayout()
        for widget in (self.to_selected, self.to_list, self.station_list, self.to_all):
            targets.addWidget(widget)
        top = QFormLayout()
        top.addRow(form_label(self.tr("Send to")), targets)
        top.addRow(form_label(self.tr("Command")), self.type_combo)
        top.addRow(form_label(self.tr("Valid for")), self.ttl)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.form_holder)
        layout.addWidget(self.error)
        layout.addWidget(self.send_button)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.table, 1)
        self._build_form()
        self.refresh_history()

    # -- the parameter form --------------------------------------------------------------------

    def command_type(self) -> CommandType:
        return CommandType(self.type_combo.currentData())

    def _build_form(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.inputs = {}
        for spec in COMMAND_PARAMS[self.command_type()]:
            widget = self._input_for(spec)
            widget.setObjectName(f"param_{spec.name}")
            self.inputs[spec.name] = widget
            label = param_label(self, spec) + ("" if not spec.required else " *")
            self.form.addRow(form_label(label), widget)

    def _input_for(self, spec: ParamSpec) -> QWidget:
        if spec.kind == "bool":
            return QCheckBox()
        if spec.kind == "int":
            box = QSpinBox()
            box.setRange(spec.minimum or 0, spec.maximum or 1_000_000)
            box.setSpecialValueText("—" if not spec.required else "")
            if not spec.required:
                box.setMinimum((spec.minimum or 0) - 1)  # below the range means "not given"
                box.setValue(box.minimum())
            return box
        edit = QLineEdit()
        edit.setMaxLength(spec.maximum or 200)
        return edit

    def params(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in COMMAND_PARAMS[self.command_type()]:
            widget = self.inputs[spec.name]
            if isinstance(widget, QCheckBox):
                if widget.isChecked():
                    values[spec.name] = True
            elif isinstance(widget, QSpinBox):
                if widget.value() != widget.minimum() or spec.required:
                    values[spec.name] = widget.value()
            elif widget.text().strip():  # type: ignore[attr-defined]
                values[spec.name] = widget.text().strip()  # type: ignore[attr-defined]
        return values

    def set_param(self, name: str, value: Any) -> None:
        widget = self.inputs[name]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        else:
            widget.setText(str(value))  # type: ignore[attr-defined]

    def prepare(self, command_type: CommandType, stations: list[str] | None,
                **params: Any) -> None:
        """Fill the form: targets (None = all), command and parameters (e.g. to send again)."""
        if stations is None:
            self.to_all.setChecked(True)
        else:
            self.to_list.setChecked(True)
            self.station_list.setText(", ".join(stations))
        self.type_combo.setCurrentIndex(self.type_combo.findData(str(command_type)))
        for name, value in params.items():
            self.set_param(name, value)

    # -- sending ---------------------------------------------------------------------------------

    def targets(self) -> list[str] | None:
        if self.to_all.isChecked():
            return None
        if self.to_list.isChecked():
            return [part.strip() for part in self.station_list.text().replace(";", ",").split(",")
                    if part.strip()]
        return self.selected_stations()

    def send(self) -> None:
        self.error.clear()
        targets = self.targets()
        if targets is not None and not targets:
            self.error.setText(self.tr("Choose at least one station."))
            return
        command = self.command_type()
        if command in DISRUPTIVE_COMMANDS:
            who = self.tr("all stations") if targets is None else ", ".join(targets)
            text = self.tr("Send %1 to %2? The operators there will be interrupted.") \
                .replace("%1", command_label(self, command)).replace("%2", who)
            if self._confirm is not None:  # tests answer for the person
                self._confirm(text)
                self._do_send(targets)
                return
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Confirm"), text,
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.finished.connect(lambda result: self._do_send(targets)
                                 if result == QMessageBox.StandardButton.Yes else None)
            box.open()
            self.confirmation = box
            return
        self._do_send(targets)

    def _do_send(self, targets: list[str] | None) -> None:
        try:
            self.fleet.send(self.session, self.command_type(), targets, self.params(),
                            ttl=timedelta(minutes=self.ttl.value()))
        except PermissionDenied:
            self.error.setText(self.tr("Your role may not send this command."))
            return
        except ValueError as exc:  # a parameter outside the catalogue's limits
            self.error.setText(str(exc))
            return
        except OSError as exc:
            self.error.setText(self.tr("The command was not sent: the shared folder is not "
                                       "reachable (%1). Nothing was queued; try again when it "
                                       "is back.").replace("%1", str(exc)))
            return
        self.refresh_history()

    def refresh_history(self) -> None:
        self.history.set_rows(self.fleet.sent_commands())


def command_label(widget: QWidget, command: CommandType) -> str:
    labels = {
        CommandType.PING: QCoreApplication.translate("Commands", "Ping"), CommandType.MESSAGE: QCoreApplication.translate("Commands", "Message"),
        CommandType.LOGOUT: QCoreApplication.translate("Commands", "Log the user out"), CommandType.LOCK: QCoreApplication.translate("Commands", "Lock entry"),
        CommandType.UNLOCK: QCoreApplication.translate("Commands", "Unlock entry"), CommandType.SET_LOT: QCoreApplication.translate("Commands", "Set lot"),
        CommandType.SET_PRODUCT: QCoreApplication.translate("Commands", "Set product (size)"),
        CommandType.SET_CONFIG: QCoreApplication.translate("Commands", "Change settings"),
        CommandType.RESEND_STATUS: QCoreApplication.translate("Commands", "Send status again"),
        CommandType.COLLECT_DIAGNOSTICS: QCoreApplication.translate("Commands", "Collect diagnostics"),
        CommandType.GET_LOGS: QCoreApplication.translate("Commands", "Get logs"), CommandType.BACKUP_NOW: QCoreApplication.translate("Commands", "Back up now"),
        CommandType.VERIFY_AUDIT: QCoreApplication.translate("Commands", "Verify audit"),
        CommandType.RESTART_APP: QCoreApplication.translate("Commands", "Restart the application"),
        CommandType.CLOSE_APP: QCoreApplication.translate("Commands", "Close the application"),
    }
    return labels.get(command, str(command))


def param_label(widget: QWidget, spec: ParamSpec) -> str:
    labels = {"text": QCoreApplication.translate("Commands", "Message"), "title": QCoreApplication.translate("Commands", "Title"),
              "reason": QCoreApplication.translate("Commands", "Reason"), "code": QCoreApplication.translate("Commands", "Lot code"),
              "total_boxes": QCoreApplication.translate("Commands", "Total boxes"), "current_box": QCoreApplication.translate("Commands", "Current box"),
              "size": QCoreApplication.translate("Commands", "Size"), "status_interval_ms": QCoreApplication.translate("Commands", "Status interval (ms)"),
              "rescan_interval_ms": QCoreApplication.translate("Commands", "Inbox rescan interval (ms)"),
              "idle_logout_minutes": QCoreApplication.translate("Commands", "Idle logout (minutes)"),
              "lines": QCoreApplication.translate("Commands", "Lines"), "contains": QCoreApplication.translate("Commands", "Containing"),
              "force": QCoreApplication.translate("Commands", "Without asking the operator")}
    return labels.get(spec.name, spec.label or spec.name)
