"""The frame of our small form dialogs: an error line under the form, then the buttons; the
accepting button runs the dialog's own action (which closes the dialog once it succeeded) and
Cancel closes it. The account dialogs, the site upgrade, a station's correction, its lot, its
takeover and the password change at login share it, and the field a secret is typed in;
the admin panel's and the station's corrections also share a signed change's two fields."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from gui.labels import wrapped_label

FORM_DIALOG_MIN_WIDTH = 480


def error_line() -> QLabel:
    """Where a dialog says what was refused and what to do (styled by its role)."""
    return wrapped_label(role="error")


def lay_out_form_dialog(dialog: QDialog, form: QFormLayout, error: QLabel,
                        buttons: QDialogButtonBox, accept: Callable[[], object], *,
                        above: Sequence[QWidget] = (), below: Sequence[QWidget] = (),
                        min_width: int = FORM_DIALOG_MIN_WIDTH) -> None:
    """`above` the form (an introduction), `below` it (the signature line), then the error
    line and the buttons; `min_width` for a dialog whose text wants another width."""
    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for widget in above:
        layout.addWidget(widget)
    layout.addLayout(form)
    for widget in below:
        layout.addWidget(widget)
    layout.addWidget(error)
    layout.addWidget(buttons)
    dialog.setMinimumWidth(min_width)


def reason_and_password() -> tuple[QLineEdit, QLineEdit]:
    """A signed change's two fields: why (the services want at least 10 characters) and the
    signer's own password (the signature)."""
    reason = QLineEdit()
    reason.setObjectName("reason")
    reason.setPlaceholderText(QCoreApplication.translate("FormDialog",
                                                         "Why (at least 10 characters)"))
    return reason, secret_field("signaturePassword")


def secret_field(object_name: str = "", accessible_name: str = "") -> QLineEdit:
    """A field whose text is not shown as it is typed (a password, the site passphrase);
    `accessible_name`: what a screen reader calls it, when its form label does not say."""
    field = QLineEdit()
    if object_name:
        field.setObjectName(object_name)
    if accessible_name:
        field.setAccessibleName(accessible_name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field
