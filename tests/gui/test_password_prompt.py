"""ask_password(): the one prompt for a logged-in person's own password (gui/password_prompt.py).
The typed text reaches the caller on OK, None on Cancel, and neither a log record at any level
nor the audit trail, through the real station window opening the admin panel."""

from __future__ import annotations

import json
import logging

from PySide6.QtWidgets import QLineEdit, QWidget

from data import audit_repo
from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_station_window import login

from gui.password_prompt import ask_password


def _type_and(dialog, text: str, accept: bool) -> None:
    editor = dialog.findChild(QLineEdit)
    assert editor.echoMode() == QLineEdit.EchoMode.Password  # never shown as typed
    editor.setText(text)
    dialog.accept() if accept else dialog.reject()


def test_ok_gives_the_text_and_cancel_gives_none(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    answers: list[str | None] = []
    dialog = ask_password(parent, "Title", "Your password:", answers.append, name="probe")
    assert dialog.isVisible() and dialog.objectName() == "probe"
    assert dialog.findChild(QLineEdit).accessibleName() == "Your password:"
    _type_and(dialog, "Quarry-Lantern-42", accept=True)
    assert answers == ["Quarry-Lantern-42"]
    assert dialog.textValue() == ""  # not kept on the dialog once handed over

    dialog = ask_password(parent, "Title", "Your password:", answers.append)
    _type_and(dialog, "typed, then thought better of it", accept=False)
    assert answers == ["Quarry-Lantern-42", None]
    assert dialog.textValue() == ""


def test_the_password_reaches_no_log(qtbot, station, caplog):
    """Wrong and right passwords through the station's prompt: neither in any log record."""
    caplog.set_level(logging.DEBUG)
    window = station.window
    login(qtbot, station, "ana", ADMIN_PW)
    wrong = "Wrong-Horse-Battery-9"
    window.ask_admin_panel()
    prompt = window.admin_password_dialog
    _type_and(prompt, wrong, accept=True)
    # Refused under the field, the prompt still open for the next try (test_password_refusals).
    assert prompt.isVisible() and "Wrong password" in prompt.error.text()
    assert getattr(window, "admin_window", None) is None
    _type_and(prompt, ADMIN_PW, accept=True)
    wait_for(lambda: getattr(window, "admin_window", None) is not None, timeout=10)
    texts = [record.getMessage() + repr(record.args) for record in caplog.records]
    assert not [t for t in texts if wrong in t or ADMIN_PW in t]
    # Both attempts were written down (the audit trail), without the text typed.
    with station.ctx.database.read() as connection:
        events = audit_repo.list_events(connection, limit=10_000)
    actions = [event["action"] for event in events]
    assert "signature.failed" in actions and "signature" in actions
    assert not [e for e in events if wrong in json.dumps(e, default=str)
                or ADMIN_PW in json.dumps(e, default=str)]
