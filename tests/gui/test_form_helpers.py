"""The small makers screens share: wrapped_label (gui/labels.py) gives the label its name, its
role for the stylesheet and wrapping; secret_field (gui/form_dialog.py) hides what is typed and
names the field for tests and screen readers."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from gui.form_dialog import secret_field
from gui.labels import wrapped_label


def test_wrapped_label_is_named_wraps_and_has_its_role(qtbot):
    error = wrapped_label("loginError", role="error")
    plain = wrapped_label()
    for label in (error, plain):
        qtbot.addWidget(label)
    assert (error.objectName(), error.property("role"), error.wordWrap()) == (
        "loginError", "error", True)
    assert (plain.objectName(), plain.property("role"), plain.wordWrap()) == ("", None, True)
    assert error.text() == ""


def test_secret_field_hides_the_text_and_carries_its_names(qtbot):
    field = secret_field("takeoverPassword", "Your password")
    unnamed = secret_field()
    for widget in (field, unnamed):
        qtbot.addWidget(widget)
    assert field.echoMode() == unnamed.echoMode() == QLineEdit.EchoMode.Password
    assert (field.objectName(), field.accessibleName()) == ("takeoverPassword", "Your password")
    assert (unnamed.objectName(), unnamed.accessibleName()) == ("", "")
