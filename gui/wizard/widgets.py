"""Small touch-sized pieces the set-up pages share: inline error and hint labels, a folder
field with "Browse…", a large option button with a title and a description, and the station
choice (a machine from the machine table, or an office PC with a typed id)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QLayout, QLineEdit,
    QPushButton, QRadioButton, QSizePolicy, QVBoxLayout, QWidget,
)

from config.catalog import Catalog
from utils.site.protocol import valid_station_id

from gui.labels import wrapped_label
from gui.numbers import weight_text
from gui.theme import TOUCH_MIN_PX, form_label


# Radio buttons and check boxes at the size of a fingertip (the theme sizes the other
# controls); set on the wizard and the PC settings dialog.
TOUCH_INDICATORS = ("QRadioButton::indicator, QCheckBox::indicator { width: 26px; height: 26px; }"
                    " QRadioButton, QCheckBox { spacing: 10px; }"
                    # Wider arrows; once they are styled the frame must be styled too.
                    " QSpinBox { border: 1px solid #a0a0a0; border-radius: 3px;"
                    " background: white; padding-left: 4px; }"
                    " QSpinBox:disabled { background: #f0f0f0; color: #9e9e9e; }"
                    " QSpinBox::up-button, QSpinBox::down-button { width: 32px; }")


class ErrorLabel(QLabel):
    """An inline error that takes no room while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setVisible(False)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)


def error_label(name: str = "") -> ErrorLabel:
    label = ErrorLabel()
    if name:
        label.setObjectName(name)
    return label


def row_label(text: str = "") -> QLabel:
    """A form label level with the first line of a field that may grow below it (an error,
    a hint): as tall as a touch control, never stretched to the whole row."""
    label = form_label(text)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    label.setFixedHeight(TOUCH_MIN_PX)
    return label


def with_notes(field: QWidget | QLayout, *notes: QWidget) -> QWidget:
    """A field with its error and hint right below it, as one form cell."""
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    if isinstance(field, QLayout):
        layout.addLayout(field)
    else:
        layout.addWidget(field)
    for note in notes:
        layout.addWidget(note)
    return cell


def hint_label(name: str = "") -> QLabel:
    return wrapped_label(name, role="hint")


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """The red border of the stylesheet's [invalid="true"] rule."""
    widget.setProperty("invalid", "true" if invalid else "false")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class Retranslating(QWidget):
    """A widget whose texts are set in retranslate(), called again on a language change."""

    # Each subclass defines retranslate(): sets its texts, at creation and on a language change.
    retranslate: Callable[[], None]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class FolderField(Retranslating):
    """A folder path typed or chosen with the system's folder dialog."""

    changed = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.browse = QPushButton()
        self.browse.setObjectName(name + "Browse")
        self.browse.clicked.connect(self.choose)
        self.edit.textChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)
        self.retranslate()

    def retranslate(self) -> None:
        self.browse.setText(self.tr("Browse…"))
        self.edit.setPlaceholderText(self.tr("for example \\\\server\\shopfloor or /mnt/shopfloor"))

    def text(self) -> str:
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the shared folder"),
                                                  self.text())
        if chosen:
            self.edit.setText(chosen)


class OptionButton(QPushButton):
    """A large checkable button with a bold title and a wrapped description."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setCheckable(True)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: bold; background: transparent;")
        self.description = wrapped_label()
        self.description.setStyleSheet("background: transparent;")
        for label in (self.title, self.description):
            # Clicks on the texts reach the button.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        self.setStyleSheet(
            # min-height here: the application's QPushButton rule would win over a plain
            # setMinimumHeight and clip the two lines of text.
            f"OptionButton {{ min-height: {TOUCH_MIN_PX * 2 - 8}px; text-align: left;"
            " border: 2px solid #b0bec5; border-radius: 8px; background: #fafafa; }"
            "OptionButton:checked { border: 3px solid #1565c0; background: #e3f2fd; }")

    def set_texts(self, title: str, description: str) -> None:
        self.title.setText(title)
        self.description.setText(description)
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)


def machine_text(catalog: Catalog, station_id: str) -> str:
    """A machine as a person recognises it: "206 · capsule size #00, 121 mg each" (a bare
    "#00" says nothing to someone new)."""
    machine = catalog.machine(station_id)
    if machine is None:
        return station_id
    return (QCoreApplication.translate("StationChoice", "%1 · capsule size %2, %3 each")
            .replace("%1", station_id).replace("%2", machine.size)
            .replace("%3", weight_text(machine.unit_weight_kg)))


class StationChoice(Retranslating):
    """What this PC is: a production station (its machine from the machine table) or an
    office PC (an id typed by the admin, e.g. office1)."""

    kind_changed = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.production = QRadioButton()
        self.production.setObjectName("kindProduction")
        self.office = QRadioButton()
        self.office.setObjectName("kindOffice")
        for radio in (self.production, self.office):
            radio.setMinimumHeight(TOUCH_MIN_PX)
        group = QButtonGroup(self)
        group.addButton(self.production)
        group.addButton(self.office)
        self.machine = QComboBox()
        self.machine.setObjectName("machine")
        self.machine.setMinimumWidth(260)
        self.office_id = QLineEdit()
        self.office_id.setObjectName("officeId")
        self.office_id.setMaxLength(64)
        self.error = error_label("stationError")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.addWidget(self.production, 0, 0)
        grid.addWidget(self.machine, 0, 1)
        grid.addWidget(self.office, 1, 0)
        grid.addWidget(self.office_id, 1, 1)
        grid.addWidget(self.error, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.production.toggled.connect(self._kind_toggled)
        self.set_machines([m.station_id for m in catalog.machines])
        self.production.setChecked(True)
        self.retranslate()

    def retranslate(self) -> None:
        if self.machine.count():
            self.set_machines([self.machine.itemData(i) for i in range(self.machine.count())])
        self.production.setText(self.tr("Production station, machine"))
        self.office.setText(self.tr("Office PC (no production entry), id"))
        self.office_id.setPlaceholderText(self.tr("for example office1"))

    def set_machines(self, station_ids: list[str]) -> None:
        """The machines to offer (the embedded table, or the site's); keeps the choice."""
        chosen = self.machine.currentData()
        self.machine.clear()
        for station_id in dict.fromkeys(station_ids):
            self.machine.addItem(machine_text(self.catalog, station_id), station_id)
        index = self.machine.findData(chosen)
        self.machine.setCurrentIndex(max(index, 0))

    def _kind_toggled(self) -> None:
        production = self.production.isChecked()
        self.machine.setEnabled(production)
        self.office_id.setEnabled(not production)
        self.error.clear()
        self.kind_changed.emit(self.kind())

    def kind(self) -> str:
        return "production" if self.production.isChecked() else "office"

    def station_id(self) -> str:
        if self.kind() == "production":
            return str(self.machine.currentData() or "")
        return self.office_id.text().strip()

    def set_value(self, kind: str, station_id: str | None) -> None:
        if kind == "office":
            self.office.setChecked(True)
            self.office_id.setText(station_id or "")
        else:
            self.production.setChecked(True)
            if station_id and self.machine.findData(station_id) < 0:
                self.machine.addItem(station_id, station_id)
            index = self.machine.findData(station_id)
            if index >= 0:
                self.machine.setCurrentIndex(index)
        self._kind_toggled()

    def validate(self) -> bool:
        """Inline check; the message appears under the choice."""
        self.error.clear()
        mark_invalid(self.office_id, False)
        if self.kind() == "production":
            if not self.station_id():
                self.error.setText(self.tr("The machine table is empty: make this an office PC."))
                return False
            return True
        if not valid_station_id(self.station_id()):
            mark_invalid(self.office_id, True)
            self.error.setText(self.tr("Type an id of 1 to 64 letters, digits, '.', '_' or '-', "
                                       "starting with a letter or digit, for example office1."))
            return False
        return True
