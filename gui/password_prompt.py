"""ask_password(): the one prompt that asks a person who is already logged in for their own
password again, before the app acts in their name (opening the admin panel on a station, this
PC's settings). Forms that carry a password among other fields (login, a signature, a takeover
with a user name) are forms, not prompts, and keep their own field.

The prompt is window-modal and never blocks the event loop (open(), not exec()): the station's
remote requests and the heartbeat's notices go on while it is shown. The typed text goes to the
caller and nowhere else: it is not logged, kept on the dialog after it closes, or shown.

A caller that checks the password (`check`) gets it before the prompt closes: a refusal keeps
the prompt open with the reason under the field, where the person looks (a wrong password,
the tries left before the lockout), as the login page does.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget

from gui.form_dialog import FORM_DIALOG_MIN_WIDTH
from gui.labels import wrapped_label


class _Prompt(QInputDialog):
    """The prompt, asking `check` (when given) before OK closes it."""

    def __init__(self, parent: QWidget, check: Callable[[str], str | None] | None):
        super().__init__(parent)
        self.check = check
        self.error = wrapped_label("promptError", role="error")

    def done(self, result: int) -> None:
        # Every way the prompt closes ends here: OK waits for the check's answer.
        if result == QDialog.DialogCode.Accepted and self.check is not None:
            refusal = self.check(self.textValue())
            if refusal:
                self.setTextValue("")  # the next try starts empty, nothing of this one kept
                self._show_error(refusal)
                return
        super().done(result)

    def _show_error(self, text: str) -> None:
        if self.error.parent() is None:  # under the field, once: Qt lays the prompt out late
            editor = self.findChild(QLineEdit)
            layout = self.layout()
            layout.insertWidget(layout.indexOf(editor) + 1, self.error)
            self.error.show()  # at once (a layout shows a new child only at the next event)
            # As wide as a form dialog: the reason reads as a sentence or two, not a column
            # (the prompt's layout sets its size: the label's minimum widens it).
            margins = layout.contentsMargins()
            self.error.setMinimumWidth(FORM_DIALOG_MIN_WIDTH - margins.left() - margins.right())
        self.error.setText(text)
        # The prompt grows to show the whole reason, once its new width is laid out.
        QTimer.singleShot(0, self.adjustSize)
        self.findChild(QLineEdit).setFocus()


def ask_password(parent: QWidget, title: str, label: str,
                 then: Callable[[str | None], object], *,
                 name: str = "passwordPrompt",
                 check: Callable[[str], str | None] | None = None) -> QInputDialog:
    """Open the prompt; `then(text)` once the person presses OK, `then(None)` on Cancel (or
    Escape, or the window closed). `check(text)`, when given, runs first on OK: a text back
    is shown under the field and the prompt stays open; None lets it close. Returns the
    dialog (keep it: it is shown, not run)."""
    dialog = _Prompt(parent, check)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)

    def finished(result: int) -> None:
        # QInputDialog says `finished` before `textValueSelected`: the text is read here.
        text = dialog.textValue() if result == QDialog.DialogCode.Accepted else None
        dialog.setTextValue("")  # the password leaves with the caller, not kept on the dialog
        then(text)

    dialog.finished.connect(finished)
    dialog.open()
    editor = dialog.findChild(QLineEdit)
    if editor is not None:
        editor.setAccessibleName(label)
    return dialog
