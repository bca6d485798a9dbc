"""Remote commands: pick the stations, the command and its parameters (a form generated from
the command's parameter specification: no free-typed JSON), confirm disruptive ones, and
follow each command to its end in the history table: one sentence per outcome in the person's
language, the rest in a details dialog on request (gui/admin/command_details.py). The
history's model is commands_model.py; the wording command_texts.py and command_outcomes.py.

How it fits: docs/architecture.md §5 (a command's path) and §8 (screens)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Callable
from zoneinfo import ZoneInfo

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
    QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from config.command_parameters import CATALOG_SIZES, COMMAND_PARAMS, ParamSpec, param_problem
from config.constants import COMMAND_ROLES, DISRUPTIVE_COMMANDS, CommandType, Role
from utils.auth import Session
from utils.permissions import PermissionDenied
from utils.site.fleet import FleetMonitor, NotAStation
from utils.site.protocol import valid_station_id

from gui.accessible_names import name_inputs
from gui.admin.commands_model import CommandHistoryModel
from gui.admin.command_texts import (
    command_label, pairs_text, param_label, param_problem_text,
)
from gui.admin.site_now import SiteNow
from gui.labels import wrapped_label
from gui.table_view import read_table, short_list
from gui.theme import form_label

__all__ = ["CommandHistoryModel", "CommandsTab", "pairs_text"]


class CommandsTab(QWidget):
    def __init__(self, fleet: FleetMonitor, site: SiteNow, session: Session,
                 selected_stations: Callable[[], list[str]], parent: QWidget | None = None,
                 *, confirm: Callable[[str], bool] | None = None):
        super().__init__(parent)
        self.fleet, self.site, self.session = fleet, site, session
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
        self.error = wrapped_label(role="error")
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("primary")
        self.send_button.clicked.connect(self.send)
        self.history = CommandHistoryModel(self, lambda: ZoneInfo(site.timezone))
        self.table = short_list(read_table(self.history, self.tr("Commands sent"),
                                           "commandHistory"))
        self.table.doubleClicked.connect(lambda index: self.show_details(index.row()))
        self.details_button = QPushButton(self.tr("Details…"))
        self.details_button.setObjectName("commandDetails")
        self.details_button.clicked.connect(self._details_of_selected)
        self.details: QWidget | None = None
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
        history_bar = QHBoxLayout()
        history_bar.addWidget(QLabel(self.tr("History")), 1)
        history_bar.addWidget(self.details_button)
        layout.addLayout(history_bar)
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
        name_inputs(self.form_holder)  # rows made after the window was shown

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
        """The values a choice parameter may take now (the site catalog can be republished
        while the panel is open)."""
        return list(self.site.catalog.sizes) if spec.choices == CATALOG_SIZES else []

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
            if isinstance(widget, QComboBox):  # sizes as the site catalog in force lists them
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
        except NotAStation as refused:  # typed in the list: a number no station of the site has
            self.error.setText(self.tr("Not a station of this site: %1. Nothing was sent; type "
                                       "the numbers the Fleet tab shows.")
                               .replace("%1", ", ".join(refused.strangers)))
            return
        except ValueError:  # the form was checked against the specification: a safety net
            self.error.setText(self.tr("The command was not sent: its parameters do not fit "
                                       "what it accepts. Nothing was queued; check the form and "
                                       "send again."))
            return
        except OSError:
            # The share can vanish between two stations: say how many got the command.
            self.refresh_history()
            went = sum(1 for row in self.history.rows() if row["command_id"] not in sent_before)
            folder = self.fleet.transport.place
            if went == 0:
                self.error.setText(self.tr("The command was not sent: the shared folder %1 "
                                           "cannot be reached. Nothing was queued; try again "
                                           "when it is back.").replace("%1", folder))
            else:
                self.error.setText(self.tr("The shared folder %1 stopped answering while "
                                           "sending: only %n station(s) got the command (see "
                                           "the history). Send it again to the others when the "
                                           "folder is back.", "", went)
                                   .replace("%1", folder))
            return
        if not documents:  # "all stations" while none has ever started on this share
            self.error.setText(self.tr("No station is known on the shared folder yet: nothing "
                                       "was sent. Send again once the stations have started."))
        self.refresh_history()

    def refresh_history(self) -> None:
        self.history.set_rows(self.fleet.sent_commands())

    def _details_of_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.show_details(rows[0].row() if rows else 0)

    def show_details(self, row: int) -> QWidget | None:
        """Everything about one sent command, in words, with its times in the site's zone."""
        if not 0 <= row < self.history.rowCount():
            return None
        from gui.admin.command_details import CommandDetailsDialog

        self.details = CommandDetailsDialog(self.history.row_data(row),
                                            ZoneInfo(self.site.timezone), self)
        self.details.open()
        return self.details
