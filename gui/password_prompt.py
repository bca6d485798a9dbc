"""ask_password(): the one prompt that asks a person who is already logged in for their own
password again, before the app acts in their name (opening the admin panel on a station, this
PC's settings). Forms that carry a password among other fields (login, a signature, a takeover
with a user name) are forms, not prompts, and keep their own field.

The prompt is window-modal and never blocks the event loop (open(), not exec()): the station's
remote requests and the heartbeat's notices go on while it is shown. The typed text goes to the
caller and nowhere else: it is not logged, kept on the dialog after it closes, or shown.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget


def ask_password(parent: QWidget, title: str, label: str,
                 then: Callable[[str | None], object], *,
                 name: str = "passwordPrompt") -> QInputDialog:
    """Open the prompt; `then(text)` once the person presses OK, `then(None)` on Cancel (or
    Escape, or the window closed). Returns the dialog (keep it: it is shown, not run)."""
    dialog = QInputDialog(parent)
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
