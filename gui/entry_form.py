"""The production entry form: CAM-D and CAM-W, three rejections (defect + location), size.

The service validates what is saved; the form checks the same rules (models.validation) as the
operator types, so an error line goes away as soon as the value is right: a measurement is
checked at every edit, a rejection row again whenever it shows an error. Every error line has
its room reserved (two lines under the measurements, where a Portuguese message wraps), and
the button's messages sit below it, so nothing moves while the operator works. An error is
always shown whole: operators work by touch, and a touch screen shows no tooltip. Lot and box
are not typed here: they come from the station's lot (shown above the form), so a box can
never be registered twice by a typo.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from config.catalog import LOCATION_NOT_RECORDED, NO_REJECTION, Catalog
from models.validation import FieldError, validate_measurement, validate_rejections

from gui.labels import wrapped_label
from gui.messages import field_error_text, location_text
from gui.numbers import format_number, number_hint, weight_text


class EntryForm(QWidget):
    submitted = Signal(dict)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.setObjectName("entryForm")
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        # In the order the operator fills it, which is also the Tab order: the two
        # measurements typed for every box first, then the rejections (most boxes have
        # none), then the size, which the station sets and the operator rarely touches.
        # One grid, four columns, so everything fits a 1280 x 720 screen: the two measurements
        # side by side, then the three rejection rows, then the size.
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self.cam_d = QLineEdit()
        self.cam_d.setPlaceholderText(number_hint())
        self.cam_w = QLineEdit()
        self.cam_w.setPlaceholderText(number_hint())
        self._add(grid, 0, 0, "cam_d", self.tr("CAM-D %"), self.cam_d)
        self._add(grid, 0, 2, "cam_w", self.tr("CAM-W %"), self.cam_w)
        title = QLabel(self.tr("Rejections (up to 3)"))
        title.setStyleSheet("font-weight: bold;")
        grid.addWidget(title, 2, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Defect")), 3, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("Location")), 3, 3)
        for index in range(1, 4):
            row = 2 + index * 2
            defect, location = QComboBox(), QComboBox()
            self._fill_choices(defect, catalog.defects)
            self._fill_choices(location, catalog.locations)
            defect.setObjectName(f"rej{index}_defect")
            location.setObjectName(f"rej{index}_location")
            defect.setAccessibleName(self.tr("Defect %1").replace("%1", str(index)))
            location.setAccessibleName(self.tr("Location %1").replace("%1", str(index)))
            self.fields[f"rej{index}_defect"] = defect
            self.fields[f"rej{index}_location"] = location
            number = QLabel(str(index))
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(number, row, 0)
            # Defect names are the long ones ("Cápsula Fina"): theirs is the wider column.
            grid.addWidget(defect, row, 1, 1, 2)
            grid.addWidget(location, row, 3)
            # One line per row, under both lists: a row has at most one problem at a time.
            label = self._error_label(f"rej{index}_defect", f"rej{index}_location")
            grid.addWidget(label, row + 1, 1, 1, 3)
            for combo in (defect, location):
                combo.currentIndexChanged.connect(
                    lambda _i, number=index: self._recheck_rejection(number))
        self.size = QComboBox()
        self.size.addItems(list(catalog.sizes))
        self.size.setObjectName("size")
        self.fields["size"] = self.size  # its rare problems show under the button
        size_label = QLabel(self.tr("Size"))
        size_label.setBuddy(self.size)
        self.unit_weight = QLabel()
        self.unit_weight.setProperty("role", "hint")
        grid.addWidget(size_label, 10, 0)
        grid.addWidget(self.size, 10, 1)
        grid.addWidget(self.unit_weight, 10, 2, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.size.currentTextChanged.connect(self._show_unit_weight)
        self.general_error = wrapped_label("formError", role="error")
        self.save = QPushButton(self.tr("Register box"))
        self.save.setObjectName("primary")
        self.save.setMinimumHeight(64)
        self.save.setAutoDefault(True)  # Enter on the focused button registers, like a click
        self.confirmation = wrapped_label("confirmation")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)  # the page around it has margins already
        layout.addLayout(grid)
        layout.addWidget(self.save)
        # Below the button: what it did, or why it could not, never pushes it around.
        layout.addWidget(self.general_error)
        layout.addWidget(self.confirmation)
        layout.addStretch(1)
        self.save.clicked.connect(self.submit)
        for widget in (*self.fields.values(), self.save):
            widget.installEventFilter(self)  # a try on the closed form (eventFilter)
        self.cam_d.returnPressed.connect(self.cam_w.setFocus)
        self.cam_w.returnPressed.connect(self.submit)
        for name, edit in (("cam_d", self.cam_d), ("cam_w", self.cam_w)):
            edit.textEdited.connect(lambda _text, field=name: self._check_measurement(field))
        self._show_unit_weight(self.size.currentText())

    @property
    def first_field(self) -> QWidget:
        """Where the operator starts each box."""
        return self.cam_d

    def _fill_choices(self, combo: QComboBox, names: tuple[str, ...]) -> None:
        """"(none)" then the catalog's names, keeping the current choice when it still exists."""
        current = combo.currentData()
        combo.clear()
        combo.addItem(self.tr("(none)"), None)
        for name in names:
            if name != NO_REJECTION:
                combo.addItem(name, name)
        combo.setCurrentIndex(max(combo.findData(current), 0))

    def set_catalog(self, catalog: Catalog) -> None:
        """A newer site catalog: sizes, defects and locations as it lists them."""
        self.catalog = catalog
        size = self.size.currentText()
        self.size.clear()
        self.size.addItems(list(catalog.sizes))
        self.set_size(size)
        for index in range(1, 4):
            self._fill_choices(self.fields[f"rej{index}_defect"], catalog.defects)  # type: ignore[arg-type]
            self._fill_choices(self.fields[f"rej{index}_location"], catalog.locations)  # type: ignore[arg-type]
        self._show_unit_weight(self.size.currentText())

    def _error_label(self, *names: str, lines: int = 1) -> QLabel:
        """An error line under a field (or a rejection row): its text wraps and is shown whole,
        `lines` lines of room always kept (a longer message takes more, rather than be cut)."""
        label = wrapped_label(f"error_{names[0]}", role="error")
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # A long message wraps to the cell's width; it must not widen the form.
        policy = label.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        label.setSizePolicy(policy)
        label.ensurePolished()
        label.setMinimumHeight(label.fontMetrics().lineSpacing() * lines)
        for name in names:
            self.errors[name] = label
        return label

    def _mark(self, name: str, invalid: bool) -> None:
        widget = self.fields.get(name)
        if widget is not None and bool(widget.property("invalid")) != invalid:
            widget.setProperty("invalid", invalid)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _set_error(self, name: str, text: str) -> None:
        self.errors[name].setText(text)
        self._mark(name, bool(text))

    def _check_measurement(self, name: str) -> None:
        """At every edit: the error line says what is wrong now, or nothing. An empty field
        says nothing until the box is registered (the operator is typing)."""
        edit: QLineEdit = self.fields[name]  # type: ignore[assignment]
        if not edit.text().strip():
            self._set_error(name, "")
            return
        measurement = self.catalog.measurement(name)
        _value, errors = validate_measurement(name, edit.text(), measurement.minimum,
                                              measurement.maximum, required=True)
        self._set_error(name, field_error_text(errors[0]) if errors else "")

    def _recheck_rejection(self, index: int) -> None:
        """A row showing an error is checked again at every change, so the line goes as soon
        as the row is right (a row being filled is not nagged before that)."""
        defect, location = f"rej{index}_defect", f"rej{index}_location"
        if not self.errors[defect].text():
            return
        pair = (self.fields[defect].currentData(),  # type: ignore[attr-defined]
                self.fields[location].currentData())  # type: ignore[attr-defined]
        _rejections, errors = validate_rejections([pair], self.catalog)
        for name in (defect, location):
            self._mark(name, False)
        self.errors[defect].clear()
        if errors:
            field = errors[0].field.replace("rej1_", f"rej{index}_")
            self._set_error(field, field_error_text(errors[0]))

    def _add(self, grid: QGridLayout, row: int, column: int, name: str, text: str,
             widget: QWidget) -> None:
        """A label, its field, and the field's error line below it."""
        widget.setObjectName(name)
        self.fields[name] = widget
        label = QLabel(text)
        label.setBuddy(widget)
        grid.addWidget(label, row, column)
        grid.addWidget(widget, row, column + 1)
        # Two lines: a measurement's cell is narrow, and "Digite um número, por exemplo
        # 3,5." needs them.
        grid.addWidget(self._error_label(name, lines=2), row + 1, column, 1, 2)

    def _show_unit_weight(self, size: str) -> None:
        weight = self.catalog.unit_weight_for_size(size)
        self.unit_weight.setText("" if weight is None else
                                 self.tr("Unit weight: %1").replace("%1", weight_text(weight)))

    def set_size(self, size: str | None) -> None:
        if size and self.size.findText(size) >= 0:
            self.size.setCurrentText(size)

    def values(self) -> dict[str, Any]:
        form: dict[str, Any] = {"size": self.size.currentText(),
                                "cam_d": self.cam_d.text(), "cam_w": self.cam_w.text()}
        for index in range(1, 4):
            for part in ("defect", "location"):
                combo: QComboBox = self.fields[f"rej{index}_{part}"]  # type: ignore[assignment]
                form[f"rej{index}_{part}"] = combo.currentData()
        return form

    def set_values(self, row: dict[str, Any]) -> None:
        """Fill the form from a record row (for a correction)."""
        self.set_size(row.get("size"))
        for name, edit in (("cam_d", self.cam_d), ("cam_w", self.cam_w)):
            value = row.get(name)
            edit.setText("" if value is None else format_number(value, 2))
        for index in range(1, 4):
            for part in ("defect", "location"):
                combo: QComboBox = self.fields[f"rej{index}_{part}"]  # type: ignore[assignment]
                value = row.get(f"rej{index}_{part}")
                if value == LOCATION_NOT_RECORDED and combo.findData(value) < 0:
                    # An imported record's unknown location: offered as it is, so correcting
                    # something else keeps it; the person may pick the real one instead.
                    combo.addItem(location_text(value), value)
                combo.setCurrentIndex(max(combo.findData(value), 0))

    def submit(self) -> None:
        self.clear_errors()
        self.submitted.emit(self.values())

    def clear_errors(self) -> None:
        for name, label in self.errors.items():
            label.clear()
            self._mark(name, False)
        self.general_error.clear()

    def show_errors(self, errors: list[FieldError]) -> None:
        for error in errors:
            if error.field not in self.errors:
                self.general_error.setText(field_error_text(error))
                continue
            self._set_error(error.field, field_error_text(error))
        # The keyboard goes to the first wrong field in the form's order (the one the
        # operator meets first), not the first the service happened to report.
        wrong = {error.field for error in errors}
        first = next((widget for name, widget in self.fields.items() if name in wrong), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_general_error(self, text: str) -> None:
        self._say_under_button(text, "error")

    def show_closed_reason(self, text: str) -> None:
        """Why the form is closed (no lot yet, the lot complete) and what to do: a neutral
        hint, red only once the person taps the closed form (at the first login, red before
        anyone did anything read as a fault)."""
        self._say_under_button(text, "hint")

    def _say_under_button(self, text: str, role: str) -> None:
        label = self.general_error
        if label.property("role") != role:
            label.setProperty("role", role)
            label.style().unpolish(label)
            label.style().polish(label)
        label.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """A tap on a field or the button of the closed form (a disabled widget takes the
        press and does nothing): the reason it is closed turns red, as the refusal of that
        try."""
        if (event.type() == QEvent.Type.MouseButtonPress and not self.save.isEnabled()
                and self.general_error.text()):
            self.show_general_error(self.general_error.text())
        return super().eventFilter(watched, event)

    def _empty(self) -> None:
        self.cam_d.clear()
        self.cam_w.clear()
        for index in range(1, 4):
            for part in ("defect", "location"):
                self.fields[f"rej{index}_{part}"].setCurrentIndex(0)  # type: ignore[attr-defined]

    def saved(self, text: str) -> None:
        """After a real save: confirm it and get ready for the next box."""
        self.confirmation.setText(text)
        self._empty()
        self.first_field.setFocus()

    def reset(self) -> None:
        """A session ended: nothing of it stays for the next person (values half typed,
        errors, "Saved: …" of the previous box)."""
        self._empty()
        self.clear_errors()
        self.confirmation.clear()

    def set_enabled_for_entry(self, enabled: bool) -> None:
        for widget in self.fields.values():
            widget.setEnabled(enabled)
        self.save.setEnabled(enabled)
