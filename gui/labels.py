"""The label most screens show a sentence in: its text wraps, it has an object name (the
stylesheet and the tests find it by that) and, for an error or a hint, the role the stylesheet
colours (gui/theme.py `QLabel[role=...]`). One function, so a screen says which label it makes,
not the three Qt calls that make it; `status_line` is the one a tab says what happened in."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy


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


# A status line's minimum width, in characters: what a word-wrapped label would otherwise ask
# for is its longest unbreakable piece (a folder name, a file name), of any length.
STATUS_MIN_CHARS = 12


class StatusLine(QLabel):
    """A tab's status line (`status_line`); its whole text also in its tooltip, for when the
    window is so narrow that a long piece of it is cut."""

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setToolTip(text)

    def say(self, text: str) -> None:
        """What the person's last action did, kept until their next one (a tab's live updates
        write elsewhere, never here); an empty text hides the line."""
        self.setText(text)
        self.setVisible(bool(text))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(),
                         self.fontMetrics().horizontalAdvance("M" * STATUS_MIN_CHARS)),
                     hint.height())


def status_line(object_name: str = "") -> StatusLine:
    """A tab's status line, beside its buttons: what an action did, often with a file's path
    or an error's text (no bound on its length). Its text wraps (a path breaks after its
    separators) and its minimum width is a few characters whatever the text, so a long one
    makes the line taller, never the window wider than the screen (an export's one-line
    message once raised the admin window's minimum width from 983 to 1935 px). It takes the
    row's free width (the row adds it with a stretch factor), keeps to the right edge, and may
    be selected with the mouse, to copy a path."""
    label = StatusLine()
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
