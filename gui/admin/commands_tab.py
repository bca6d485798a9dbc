"""Remote commands: pick the stations, the command and its parameters (a form generated from
the catalogue: no free-typed JSON), confirm disruptive ones, and follow each command to its
end in the history table."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any, Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QMessageBox, QPushButton, QRadioButton, QSpinBox, QTableView, QVBoxLayout, QWidget,
)

from config.command_catalog import (
    CATALOG_SIZES, COMMAND_PARAMS, ParamProblem, ParamSpec, param_problem,
)
from config.constants import COMMAND_ROLES, DISRUPTIVE_COMMANDS, CommandType, Role
from models.canonical import parse_utc
from utils.auth import Session
from utils.permissions import PermissionDenied
from utils.site.fleet import FleetMonitor
from utils.site.layout import valid_station_id

from gui.header import role_name
from gui.table_model import ColumnTableModel, Index as _Index
from gui.theme import form_label

STATE_COLORS = {"pending": "#555555", "done": "#1b7f3b", "failed": "#b00020",
                "rejected": "#b00020", "expired": "#b26a00", "timed_out": "#b26a00",
                "duplicate": "#555555"}


class CommandHistoryModel(ColumnTableModel):
    COLUMNS = ("issued_at", "target", "type", "params", "state", "reason", "result")

    def __init__(self, parent: QObject | None = None, zone: ZoneInfo | None = None):
        super().__init__(parent)
        self.zone = zone
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

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

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
                if value in (None, {}):
                    return ""
                return pairs_text(value) if isinstance(value, dict) else str(value)
            if column == "issued_at":  # stored in UTC; shown in the site's time, like every tab
                return parse_utc(str(value)).astimezone(self.zone).strftime("%Y-%m-%d %H:%M:%S")
            if column == "type":
                try:
                    return command_label(None, CommandType(value))
                except ValueError:
                    return str(value)
            if column == "reason":  # English from the station or from utils: said in ours
                return reason_text(row)[0]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            return QBrush(QColor(STATE_COLORS.get(row.get("state"), "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and column == "result" and row.get("result"):
            return json.dumps(row["result"], ensure_ascii=False, indent=2)[:4000]
        if role == Qt.ItemDataRole.ToolTipRole and column == "reason":
            text, known = reason_text(row)
            if not known and row.get("reason"):
                # An outcome we have no translation for (e.g. an exception on the station):
                # its technical words, marked as such, for whoever must diagnose it.
                return self.tr("The station's own words (not translated): %1") \
                    .replace("%1", str(row["reason"]))
        return None


class CommandsTab(QWidget):
    def __init__(self, fleet: FleetMonitor, session: Session,
                 selected_stations: Callable[[], list[str]], parent: QWidget | None = None,
                 *, confirm: Callable[[str], bool] | None = None):
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
        self.history = CommandHistoryModel(self, ZoneInfo(fleet.ctx.timezone))
        self.table = QTableView()
        self.table.setObjectName("commandHistory")
        self.table.setModel(self.history)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Asked before a disruptive command is sent; True means "send". None: the person
        # answers a message box (ask_confirmation).
        self._confirm = confirm
        self.confirmation: QMessageBox | None = None

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
        self.error.clear()  # it was about the previous command's form
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
        if spec.choices == CATALOG_SIZES:
            combo = QComboBox()
            self._fill_choices(combo, spec)
            return combo
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

    def _choices(self, spec: ParamSpec) -> list[str]:
        """The values a choice parameter may take now (the site catalogue can be republished
        while the panel is open)."""
        return list(self.fleet.ctx.catalog.sizes) if spec.choices == CATALOG_SIZES else []

    def _fill_choices(self, combo: QComboBox, spec: ParamSpec) -> None:
        """(Re)fill a choice, keeping the value chosen if it is still offered."""
        chosen = combo.currentData()
        combo.clear()
        if not spec.required:
            combo.addItem("—", None)
        for value in self._choices(spec):
            combo.addItem(value, value)
        index = combo.findData(chosen)
        combo.setCurrentIndex(index if index >= 0 else 0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        for spec in COMMAND_PARAMS[self.command_type()]:
            widget = self.inputs[spec.name]
            if isinstance(widget, QComboBox):  # sizes as the catalogue in force lists them
                self._fill_choices(widget, spec)

    def params(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in COMMAND_PARAMS[self.command_type()]:
            widget = self.inputs[spec.name]
            if isinstance(widget, QComboBox):
                if widget.currentData() is not None:
                    values[spec.name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
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
        if isinstance(widget, QComboBox):
            index = widget.findData(str(value))
            if index < 0:
                raise ValueError(f"{value!r} is not offered for {name}")
            widget.setCurrentIndex(index)
        elif isinstance(widget, QCheckBox):
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
        wrong = [target for target in targets or [] if not valid_station_id(target)]
        if wrong:
            self.error.setText(self.tr("Not a station number: %1. Nothing was sent; type the "
                                       "numbers the Fleet tab shows, separated by commas.")
                               .replace("%1", ", ".join(wrong)))
            return
        command = self.command_type()
        params = self.params()
        problem = param_problem(command, params)
        if problem is not None:
            self.error.setText(param_problem_text(problem, command))
            return
        if command in DISRUPTIVE_COMMANDS:
            who = self.tr("all stations") if targets is None else ", ".join(targets)
            text = self.tr("Send %1 to %2? The operators there will be interrupted.") \
                .replace("%1", command_label(self, command)).replace("%2", who)
            if not (self._confirm or self.ask_confirmation)(text):
                return  # the person said no: nothing is sent, queued or audited
        self._do_send(command, targets, params)

    def ask_confirmation(self, text: str) -> bool:
        """The person's answer to `text`: True only for Yes (No is the default button, so a
        hurried Enter does not close every station)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Confirm"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.confirmation = box
        try:
            box.exec()
            return box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes
        finally:
            self.confirmation = None
            box.deleteLater()

    def _do_send(self, command: CommandType, targets: list[str] | None,
                 params: dict[str, Any]) -> None:
        sent_before = {row["command_id"] for row in self.fleet.sent_commands()}
        try:
            documents = self.fleet.send(self.session, command, targets, params,
                                        ttl=timedelta(minutes=self.ttl.value()))
        except PermissionDenied:
            self.error.setText(self.tr("Your role may not send this command."))
            return
        except ValueError:  # the form was checked against the catalogue: a safety net
            self.error.setText(self.tr("The command was not sent: its parameters do not fit "
                                       "the catalogue. Nothing was queued; check the form and "
                                       "send again."))
            return
        except OSError:
            # The share can vanish between two stations: say how many got the command.
            self.refresh_history()
            went = sum(1 for row in self.history.rows() if row["command_id"] not in sent_before)
            folder = str(self.fleet.layout.root)
            if went == 0:
                self.error.setText(self.tr("The command was not sent: the shared folder %1 "
                                           "cannot be reached. Nothing was queued; try again "
                                           "when it is back.").replace("%1", folder))
            else:
                self.error.setText(self.tr("The shared folder %1 stopped answering while "
                                           "sending: only %2 station(s) got the command (see "
                                           "the history). Send it again to the others when the "
                                           "folder is back.")
                                   .replace("%1", folder).replace("%2", str(went)))
            return
        if not documents:  # "all stations" while none has ever started on this share
            self.error.setText(self.tr("No station is known on the shared folder yet: nothing "
                                       "was sent. Send again once the stations have started."))
        self.refresh_history()

    def refresh_history(self) -> None:
        self.history.set_rows(self.fleet.sent_commands())


def command_label(widget: QWidget | None, command: CommandType) -> str:
    labels = {
        CommandType.PING: QCoreApplication.translate("Commands", "Ping"),
        CommandType.MESSAGE: QCoreApplication.translate("Commands", "Message"),
        CommandType.LOGOUT: QCoreApplication.translate("Commands", "Log the user out"),
        CommandType.LOCK: QCoreApplication.translate("Commands", "Lock entry"),
        CommandType.UNLOCK: QCoreApplication.translate("Commands", "Unlock entry"),
        CommandType.SET_LOT: QCoreApplication.translate("Commands", "Set lot"),
        CommandType.SET_PRODUCT: QCoreApplication.translate("Commands", "Set product (size)"),
        CommandType.SET_CONFIG: QCoreApplication.translate("Commands", "Change settings"),
        CommandType.RESEND_STATUS: QCoreApplication.translate("Commands", "Send status again"),
        CommandType.COLLECT_DIAGNOSTICS: QCoreApplication.translate("Commands",
                                                                    "Collect diagnostics"),
        CommandType.GET_LOGS: QCoreApplication.translate("Commands", "Get logs"),
        CommandType.BACKUP_NOW: QCoreApplication.translate("Commands", "Back up now"),
        CommandType.VERIFY_AUDIT: QCoreApplication.translate("Commands", "Verify audit"),
        CommandType.RESTART_APP: QCoreApplication.translate("Commands",
                                                            "Restart the application"),
        CommandType.CLOSE_APP: QCoreApplication.translate("Commands", "Close the application"),
    }
    return labels.get(command, str(command))


def param_label(widget: QWidget | None, spec: ParamSpec) -> str:
    return param_name_label(spec.name, spec.label)


def param_name_label(name: str, fallback: str = "") -> str:
    """A parameter's name in the person's language (the form's labels, the history's cells)."""
    labels = {
        "text": QCoreApplication.translate("Commands", "Message"),
        "title": QCoreApplication.translate("Commands", "Title"),
        "reason": QCoreApplication.translate("Commands", "Reason"),
        "code": QCoreApplication.translate("Commands", "Lot code"),
        "total_boxes": QCoreApplication.translate("Commands", "Total boxes"),
        "current_box": QCoreApplication.translate("Commands", "Current box"),
        "size": QCoreApplication.translate("Commands", "Size"),
        "status_interval_ms": QCoreApplication.translate("Commands", "Status interval (ms)"),
        "rescan_interval_ms": QCoreApplication.translate("Commands",
                                                         "Inbox rescan interval (ms)"),
        "idle_logout_minutes": QCoreApplication.translate("Commands", "Idle logout (minutes)"),
        "lines": QCoreApplication.translate("Commands", "Lines"),
        "contains": QCoreApplication.translate("Commands", "Containing"),
        "force": QCoreApplication.translate("Commands", "Without asking the operator"),
    }
    return labels.get(name, fallback or name)


def pairs_text(values: dict[str, Any], limit: int = 160) -> str:
    """A command's parameters or result in one cell: "Lot code: L1 · Total boxes: 40", names
    in the person's language where the catalogue has them (a result's own keys as they are)."""
    parts = []
    for name, value in values.items():
        if isinstance(value, bool):
            shown = QCoreApplication.translate("Commands", "yes") if value else \
                QCoreApplication.translate("Commands", "no")
        elif isinstance(value, (dict, list)):
            shown = json.dumps(value, ensure_ascii=False)
        else:
            shown = str(value)
        parts.append(f"{param_name_label(name)}: {shown}")
    text = " · ".join(parts)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def param_problem_text(problem: ParamProblem, command: CommandType) -> str:
    """What is wrong with the form, in the person's language (the catalogue's `code`)."""
    spec = next((s for s in COMMAND_PARAMS[command] if s.name == problem.name), None)
    label = problem.name if spec is None else param_label(None, spec)
    if problem.code == "required":
        text = QCoreApplication.translate("Commands", "Fill in “%1”: it is required. Nothing "
                                          "was sent.")
    elif problem.code == "int_range":
        text = QCoreApplication.translate("Commands", "“%1” must be from %2 to %3. Nothing was "
                                          "sent; correct it and send again.")
    elif problem.code == "text_length":
        text = QCoreApplication.translate("Commands", "“%1” must have %2 to %3 characters. "
                                          "Nothing was sent; correct it and send again.")
    else:  # wrong types or unknown names: the form cannot make them, a safety net
        text = QCoreApplication.translate("Commands", "“%1” does not fit the command "
                                          "catalogue. Nothing was sent; check the form and send "
                                          "again.")
    return (text.replace("%1", label).replace("%2", str(problem.minimum))
            .replace("%3", str(problem.maximum)))


def reason_text(row: dict[str, Any]) -> tuple[str, bool]:
    """The history's Reason for one sent command, translated, and whether its reason was one
    we know. Stations and utils/site/fleet.py answer in English (the protocol's words): the
    known reasons are matched here, anything else gets its state's general sentence."""
    reason = str(row.get("reason") or "")
    state = str(row.get("state"))
    if not reason:
        return "", True
    by_state = {
        "done": QCoreApplication.translate("Commands", "Done."),
        "failed": QCoreApplication.translate(
            "Commands", "Failed on the station; the technical detail is in the tooltip."),
        "rejected": QCoreApplication.translate(
            "Commands", "Refused by the station, nothing was done; the technical detail is in "
                        "the tooltip."),
        # These three have one cause each ("expired at <time>", "already received", and
        # fleet.py's "no answer before the command expired"): the state says it all.
        "expired": QCoreApplication.translate(
            "Commands", "Expired before the station could run it. Nothing was done; send it "
                        "again with a longer validity."),
        "duplicate": QCoreApplication.translate(
            "Commands", "Already received before: not run again."),
        "timed_out": QCoreApplication.translate(
            "Commands", "No answer before the command expired. Check that the station is on and "
                        "reaches the shared folder, then send again."),
    }
    if state in ("expired", "duplicate", "timed_out"):
        return by_state[state], True
    exact = {
        # done (utils/site/executor.py)
        "pong": QCoreApplication.translate("Commands", "The station answered."),
        "delivered": QCoreApplication.translate("Commands", "Message delivered."),
        "logged out": QCoreApplication.translate("Commands", "User logged out."),
        "production entry locked": QCoreApplication.translate(
            "Commands", "Production entry locked."),
        "production entry unlocked": QCoreApplication.translate(
            "Commands", "Production entry unlocked."),
        "lot set": QCoreApplication.translate("Commands", "Lot set."),
        "product set": QCoreApplication.translate("Commands", "Product (size) set."),
        "settings changed": QCoreApplication.translate("Commands", "Settings changed."),
        "status sent again": QCoreApplication.translate("Commands", "Status sent again."),
        "diagnostics collected": QCoreApplication.translate(
            "Commands", "Diagnostics collected (see Result)."),
        "backup written": QCoreApplication.translate("Commands", "Backup written on the station."),
        "intact": QCoreApplication.translate("Commands", "Audit trail intact."),
        "NOT intact": QCoreApplication.translate(
            "Commands", "Audit trail NOT intact: verify the site from the Tools menu to see "
                        "where."),
        "restarting": QCoreApplication.translate("Commands", "Restarting."),
        "closing": QCoreApplication.translate("Commands", "Closing."),
        # failed (executor.py, station_sync.py)
        "nothing to change": QCoreApplication.translate(
            "Commands", "Nothing to change: choose at least one setting and send again."),
        "the operator declined to close": QCoreApplication.translate(
            "Commands", "The operator chose not to close the application; it keeps running."),
        "interrupted by a restart of the station": QCoreApplication.translate(
            "Commands", "Interrupted by a restart of the station and not run again; send it "
                        "again if it is still needed."),
        # rejected (utils/site/commands.py)
        "bad signature (unsigned, wrong key or altered)": QCoreApplication.translate(
            "Commands", "Refused: the signature does not match (another site key, or the file "
                        "was altered). Nothing was done."),
        "issued in the future beyond the allowed clock skew": QCoreApplication.translate(
            "Commands", "Refused: this PC's clock is ahead of the station's. Nothing was done; "
                        "correct the clocks and send again."),
    }
    if reason in exact:
        return exact[reason], True
    patterns: list[tuple[str, str, Callable[[str], str]]] = [
        (r"(\d+) lines", QCoreApplication.translate("Commands", "%1 log lines (see Result)."), str),
        (r"size '(.*)' is not in the catalog", QCoreApplication.translate(
            "Commands", "Size %1 is not in that station's catalogue. Nothing was changed; "
                        "check the site catalogue and send again."), str),
        (r"(.*) is not an active user", QCoreApplication.translate(
            "Commands", "Refused: the station does not know %1 as an active user (its copy of "
                        "the users may be older). Nothing was done."), str),
        (r"role (.*) may not send .*", QCoreApplication.translate(
            "Commands", "Refused: the station does not allow the role %1 to send this command. "
                        "Nothing was done."), lambda role: role_name(None, role)),
    ]
    for pattern, text, shown in patterns:
        match = re.fullmatch(pattern, reason)
        if match:
            return text.replace("%1", shown(match.group(1))), True
    return by_state.get(state, QCoreApplication.translate("Commands", "See the tooltip.")), False
