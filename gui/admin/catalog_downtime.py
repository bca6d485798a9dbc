"""The site catalog's "Stops and OEE" section: per size the ideal rate and the minutes without a
box that open a stop, the defaults for other sizes, the planned breaks of the shift plan and
the site's own extra stop reasons. Shown in the catalog tab; the values travel in the catalog
document's "downtime" part (utils/mes/downtime_catalog.py checks them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QSpinBox, QTableWidgetItem, QVBoxLayout, QWidget,
)

from config.downtime import DEFAULT_REASONS, DowntimeSettings
from models.validation import FieldError

from gui.admin.catalog_rows import CatalogRows, one_per_line
from gui.downtime_texts import reason_label
from gui.empty_view import EmptyViewText
from gui.labels import wrapped_label
from gui.numbers import decimal_spin_box, format_shortest
from gui.theme import form_label


def _number(text: str) -> Any:
    """A typed number (decimal comma or point); the text itself when it is not one, so the
    catalog's check names it next to the field."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return text


class DowntimeSection(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Stops and OEE"), parent)
        self.setObjectName("catalogDowntime")
        self.rates = CatalogRows("downtimeRates", (self.tr("Size"), self.tr("Ideal boxes / h"),
                                                   self.tr("Stop after (min)")),
                                 self.tr("Add size"))
        self.rates.add_button.clicked.connect(lambda: self._append("", "", ""))
        self.no_rates = EmptyViewText(self.rates)  # said once the catalog is loaded
        self.default_rate = decimal_spin_box(0.01, 100000, 2)
        self.default_minutes = QSpinBox()
        self.default_minutes.setRange(1, 480)
        self.breaks = one_per_line("downtimeBreaks", 80, self.tr("10:00 30"))
        self.reasons = one_per_line("downtimeReasons", 60)
        fixed = ", ".join(reason_label(code) for code in DEFAULT_REASONS)
        # Each format right under its field, the table of sizes beside the fields: below the
        # table, the breaks' format was under the fold of a 1366 x 698 window.
        self.breaks_hint = wrapped_label("downtimeBreaksHint", role="hint")
        self.breaks_hint.setText(self.tr(
            "One per line: local start and minutes (\"10:00 30\"); breaks are never downtime."))
        self.reasons_hint = wrapped_label("downtimeReasonsHint", role="hint")
        self.reasons_hint.setText(self.tr(
            "Always there: %1. Add the site's own codes one per line (a-z, 0-9, _).")
            .replace("%1", fixed))
        form = QFormLayout()
        form.addRow(form_label(self.tr("Other sizes: ideal boxes / h")), self.default_rate)
        form.addRow(form_label(self.tr("Other sizes: stop after (min)")), self.default_minutes)
        form.addRow(form_label(self.tr("Planned breaks")), self.breaks)
        form.addRow("", self.breaks_hint)
        form.addRow(form_label(self.tr("Extra stop reasons")), self.reasons)
        form.addRow("", self.reasons_hint)
        table = QVBoxLayout()
        table.addWidget(self.rates)
        table.addLayout(self.rates.buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(table, 1)
        layout.addLayout(form, 1)

    def _append(self, size: str, rate: str, minutes: str) -> None:
        row = self.rates.rowCount()
        self.rates.insertRow(row)
        for column, text in enumerate((size, rate, minutes)):
            self.rates.setItem(row, column, QTableWidgetItem(text))

    def load(self, settings: DowntimeSettings) -> None:
        self.rates.setRowCount(0)
        self.no_rates.set_text(self.tr("No size has values of its own: every size uses the "
                                       "\"Other sizes\" values."))
        for rate in settings.rates:
            self._append(rate.size, format_shortest(rate.ideal_boxes_per_hour),
                         str(rate.stop_after_minutes))
        self.default_rate.setValue(settings.default_ideal_boxes_per_hour)
        self.default_minutes.setValue(settings.default_stop_after_minutes)
        self.breaks.setPlainText("\n".join(f"{b.start} {b.minutes}" for b in settings.breaks))
        self.reasons.setPlainText("\n".join(r for r in settings.reasons
                                            if r not in DEFAULT_REASONS))

    def values(self) -> dict[str, Any]:
        """The section as the catalog document's "downtime" part (checked by the service)."""
        rates = []
        for row in range(self.rates.rowCount()):
            texts = [self.rates.cell_text(row, column) for column in range(3)]
            if not any(t.strip() for t in texts):
                continue
            minutes = _number(texts[2])
            rates.append({"size": texts[0].strip(), "ideal_boxes_per_hour": _number(texts[1]),
                          "stop_after_minutes": int(minutes) if isinstance(minutes, float)
                          and minutes.is_integer() else minutes})
        breaks = []
        for line in self.breaks.toPlainText().splitlines():
            parts = line.split()
            if not parts:
                continue
            minutes = _number(parts[1]) if len(parts) > 1 else None
            breaks.append({"start": parts[0], "minutes": int(minutes) if isinstance(
                minutes, float) and minutes.is_integer() else minutes})
        extra = [line.strip() for line in self.reasons.toPlainText().splitlines() if line.strip()]
        return {"reasons": [*DEFAULT_REASONS, *extra], "rates": rates, "breaks": breaks,
                "default_stop_after_minutes": self.default_minutes.value(),
                "default_ideal_boxes_per_hour": self.default_rate.value()}

    def place(self, error: FieldError) -> tuple[str, QWidget]:
        """Where an error of the "downtime" part belongs (a title and the widget to mark)."""
        parts = error.field.split(".")
        name = parts[1] if len(parts) > 1 else ""
        widget = {"rates": self.rates, "breaks": self.breaks, "reasons": self.reasons,
                  "default_stop_after_minutes": self.default_minutes,
                  "default_ideal_boxes_per_hour": self.default_rate}.get(name, self)
        return self.tr("Stops and OEE"), widget
