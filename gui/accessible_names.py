"""Every input has a name a screen reader can say.

Most inputs sit in a form row next to their label, but QFormLayout does not make the label the
field's buddy when the label is a widget (our touch-sized labels are), and Qt finds a buddy's
text only among the field's siblings (a field with its error line below it sits one level
down), so a screen reader announced just "edit". Installed once on the application, this looks
at each window when it is shown and when its language changes: a form row's label names the
first input of its row (and becomes its buddy, for keyboard mnemonics), and an input still
without a name is named by its hint text (the placeholder: "Scan a new lot", "Search
users…"). Names set in the code are kept; the ones set here follow the language.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QBoxLayout, QComboBox, QFormLayout,
    QLabel, QLayout, QLineEdit, QPlainTextEdit, QTextEdit, QWidget,
)

from gui.app_events import install_once

FIELDS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView,
          QAbstractButton)


def layout_entries(layout: QLayout) -> list[QWidget | QLayout]:
    """A layout's widgets and nested layouts, in the layout's order.

    Never through `QLayout.itemAt(index)`: PySide keeps every item wrapper it returns alive as
    a child of the layout's wrapper, and when Qt later deletes the item (its widget removed or
    deleted) the stale wrapper stays registered at that address. The next object Qt allocates
    there was then handed to Python as that item: pyqtgraph building a plot met a
    "QWidgetItem" among a widget's children, and the admin panel's test process crashed.
    `indexOf` answers with a number and wraps nothing.
    """
    owner = layout.parentWidget()
    candidates: list[QWidget | QLayout] = list(layout.children())  # nested layouts
    if owner is not None:
        candidates += [child for child in owner.children() if isinstance(child, QWidget)]
    placed = [(layout.indexOf(entry), entry) for entry in candidates]
    return [entry for index, entry in sorted((pair for pair in placed if pair[0] >= 0),
                                             key=lambda pair: pair[0])]


def _first_field(item) -> QWidget | None:
    widget = item.widget() if item is not None else None
    layout = item.layout() if item is not None and widget is None else None
    return _first_field_in(widget or layout)


def _first_field_in(container: QWidget | QLayout | None) -> QWidget | None:
    if container is None:
        return None
    if isinstance(container, FIELDS):
        return container
    if isinstance(container, QLayout):
        for entry in layout_entries(container):
            found = _first_field_in(entry)
            if found is not None:
                return found
        return None
    return next((child for child in container.findChildren(QWidget)
                 if isinstance(child, FIELDS)), None)


AUTO = "shopfloorAutoName"  # a name set here (and so renewed here), not in the code


def _may_name(widget: QWidget) -> bool:
    return not widget.accessibleName() or bool(widget.property(AUTO))


def _name(widget: QWidget, text: str) -> None:
    widget.setAccessibleName(text.replace("&", "").rstrip(": *").strip())
    widget.setProperty(AUTO, True)


def name_inputs(window: QWidget) -> None:
    named: set[int] = set()
    for form in window.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = label_item.widget() if label_item is not None else None
            if not isinstance(label, QLabel) or not label.text():
                continue
            field = _first_field(form.itemAt(row, QFormLayout.ItemRole.FieldRole))
            if field is None or not _may_name(field):
                continue
            if label.buddy() is None:
                label.setBuddy(field)
            _name(field, label.text())
            named.add(id(field))
    # A label followed by its field in a row of controls ("Period [list] Station [list]").
    for row in window.findChildren(QBoxLayout):
        entries = layout_entries(row)
        for label, field in zip(entries, entries[1:]):
            if not isinstance(label, QLabel) or not label.text() or label.buddy() is not None:
                continue
            next_to_it = row.indexOf(field) == row.indexOf(label) + 1  # no spacer between
            if next_to_it and isinstance(field, FIELDS) \
                    and not isinstance(field, QAbstractButton) and _may_name(field):
                label.setBuddy(field)
                _name(field, label.text())
                named.add(id(field))
    for edit in window.findChildren(QLineEdit):
        if id(edit) not in named and _may_name(edit) and edit.placeholderText() \
                and not _sibling_label_for(edit):
            _name(edit, edit.placeholderText())


def _sibling_label_for(widget: QWidget) -> bool:
    """A label next to it already names it (Qt reads a sibling buddy label itself)."""
    parent = widget.parentWidget()
    return parent is not None and any(isinstance(child, QLabel) and child.buddy() is widget
                                      for child in parent.children())


class AccessibleNames(QObject):
    KINDS = (QEvent.Type.Show, QEvent.Type.LanguageChange)

    def handle(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and watched.isWindow():
            name_inputs(watched)
        return False


def install_accessible_names(app) -> AccessibleNames:
    return install_once(app, AccessibleNames)
