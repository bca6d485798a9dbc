"""Inputs are named from their labels, and naming them leaves no layout-item wrapper behind
(a stale one once made Qt hand pyqtgraph the wrong object and crashed the panel's process)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget,
)
from shiboken6 import Shiboken

from gui.accessible_names import layout_entries, name_inputs


def _item_wrappers() -> int:
    return sum(1 for wrapper in Shiboken.getAllValidWrappers()
               if type(wrapper).__name__ in ("QWidgetItem", "QLayoutItem", "QSpacerItem"))


def _window(qtbot) -> tuple[QWidget, dict[str, QWidget]]:
    window = QWidget()
    qtbot.addWidget(window)
    outer = QVBoxLayout(window)
    form = QFormLayout()
    outer.addLayout(form)
    nested = QHBoxLayout()
    amount = QSpinBox()
    nested.addWidget(amount)
    nested.addWidget(QLabel("boxes"))  # a unit after the input, not its label
    form.addRow(QLabel("Amount:"), nested)
    row = QHBoxLayout()
    outer.addLayout(row)
    period, station, apart = QComboBox(), QComboBox(), QComboBox()
    row.addWidget(QLabel("Period"))
    row.addWidget(period)
    row.addWidget(QLabel("Station"))
    row.addWidget(station)
    row.addWidget(QLabel("Shift"))
    row.addStretch()
    row.addWidget(apart)
    search = QLineEdit()
    search.setPlaceholderText("Search users…")
    outer.addWidget(search)
    return window, {"amount": amount, "period": period, "station": station, "apart": apart,
                    "search": search}


def test_labels_name_the_inputs_next_to_them(qtbot):
    window, inputs = _window(qtbot)
    name_inputs(window)
    assert inputs["amount"].accessibleName() == "Amount"
    assert inputs["period"].accessibleName() == "Period"
    assert inputs["station"].accessibleName() == "Station"
    assert inputs["apart"].accessibleName() == ""  # a stretch between: not its label
    assert inputs["search"].accessibleName() == "Search users…"


def test_naming_leaves_no_layout_item_wrapper_alive(qtbot):
    window, _inputs = _window(qtbot)
    before = _item_wrappers()
    name_inputs(window)
    assert _item_wrappers() == before


def test_layout_entries_keep_the_layout_order(qtbot):
    window, inputs = _window(qtbot)
    row = inputs["period"].parentWidget().layout().children()[1]
    entries = layout_entries(row)
    assert [type(entry).__name__ for entry in entries] == \
        ["QLabel", "QComboBox", "QLabel", "QComboBox", "QLabel", "QComboBox"]
    assert entries[1] is inputs["period"] and entries[-1] is inputs["apart"]
