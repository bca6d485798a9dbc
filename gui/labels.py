"""The label most screens show a sentence in: its text wraps, it has an object name (the
stylesheet and the tests find it by that) and, for an error or a hint, the role the stylesheet
colours (gui/theme.py `QLabel[role=...]`). One function, so a screen says which label it makes,
not the three Qt calls that make it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def wrapped_label(object_name: str = "", *, role: str = "") -> QLabel:
    """An empty label whose text wraps; named `object_name` and given `role` ("error",
    "hint") when they are not empty."""
    label = QLabel()
    if object_name:
        label.setObjectName(object_name)
    if role:
        label.setProperty("role", role)
    label.setWordWrap(True)
    return label
