"""The site catalog editor's shift handover section: from how long before a shift's end the
station window offers the handover summary, and how long into the next shift the unsigned one
is still offered. Put in the catalog tab with a few lines: `load` shows the catalog's settings,
`values` gives the document's "handover" part (utils/mes/handover_catalog.py checks it),
`place` finds the widget an error is about."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from config.handover import AFTER_END_RANGE, BEFORE_END_RANGE, HandoverSettings
from models.validation import FieldError

from gui.theme import form_label


class HandoverCatalogBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Shift handover"), parent)
        self.setObjectName("catalogHandover")
        self.before_end = QSpinBox()
        self.before_end.setObjectName("handoverBeforeEnd")
        self.before_end.setRange(*BEFORE_END_RANGE)
        self.after_end = QSpinBox()
        self.after_end.setObjectName("handoverAfterEnd")
        self.after_end.setRange(*AFTER_END_RANGE)
        for box in (self.before_end, self.after_end):
            box.setSuffix(self.tr(" min"))
            box.setSingleStep(5)
            box.setMinimumWidth(140)  # "480 min" and the arrows, not the page's width
        hint = QLabel(self.tr(
            "The station window offers the outgoing operator the shift's handover from this "
            "long before the shift ends; while it is unsigned, it is still offered (and can "
            "still be signed) this long into the next shift, then no longer. 0 before the end: "
            "only once the shift has ended; 0 after the end: not after it."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(form_label(self.tr("Offer before the shift ends")), self.before_end)
        form.addRow(form_label(self.tr("Still offer after it ended")), self.after_end)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)

    def load(self, settings: HandoverSettings) -> None:
        self.before_end.setValue(settings.offer_before_end_minutes)
        self.after_end.setValue(settings.offer_after_end_minutes)

    def values(self) -> dict[str, Any]:
        return {"offer_before_end_minutes": self.before_end.value(),
                "offer_after_end_minutes": self.after_end.value()}

    def place(self, error: FieldError) -> tuple[str, QWidget]:
        """Where a `handover.*` error belongs: its title and the widget to outline."""
        name = error.field.split(".")[1] if "." in error.field else ""
        widget = {"offer_before_end_minutes": self.before_end,
                  "offer_after_end_minutes": self.after_end}.get(name, self)
        return self.tr("Shift handover"), widget
