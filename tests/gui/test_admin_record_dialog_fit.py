"""The admin panel's record dialogs (correct, manual record, void) fit a 1366 x 768 screen: a
maximised panel there is 1366 x 698 and a dialog opened from it is no taller, its Save and
Cancel buttons whole in view. A correction's and a manual record's fields scroll, as the
station's correction's do (gui/record_fields.py `RecordFields.scrolling`); the intro, reason,
password and buttons stay outside the scrolling part.

The dialogs are measured against a 1366 x 768 screen with a 40 px taskbar (its free area
1366 x 728, as Windows reports it): a stand-in answers the dialog's question to its screen, as
Qt's offscreen screen cannot be resized in a running test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from gui.i18n import install_translators

from tests.gui import test_admin_production
from tests.gui.conftest import wait_for

production = test_admin_production.production  # the Production tab's fixture, reused

# 768 px less a taskbar (40) and a title bar (30): a maximised window's client area.
CLIENT = (1366, 698)
FREE_AREA = QRect(0, 0, 1366, 728)  # the screen less its taskbar


class _LaptopScreen:
    """What a dialog asks its screen: its free area."""

    def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
        return FREE_AREA


@pytest.fixture(params=["en", "pt_BR"])
def language(request, qm_dir):
    app = QApplication.instance()
    install_translators(app, request.param, qm_dir)
    yield request.param
    install_translators(app, "en", qm_dir)


@pytest.mark.parametrize("opener", ["correct_selected", "manual_record", "void_selected"])
def test_each_record_dialog_fits_a_1366_by_768_screen(production, language, opener,
                                                     monkeypatch):
    from gui.admin.record_dialog import RecordDialog

    monkeypatch.setattr(RecordDialog, "screen", lambda _self: _LaptopScreen())
    tab, _total = production
    tab.resize(*CLIENT)
    tab.show()
    tab.table.selectRow(0)
    getattr(tab, opener)()
    dialog = tab.dialog
    wait_for(dialog.isVisible)
    # Whatever the screen, the dialog can be made this short: nothing forces it taller.
    assert dialog.minimumSizeHint().height() <= CLIENT[1], (language, opener)
    assert dialog.height() <= CLIENT[1], (language, opener)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    for button in (save, cancel):
        assert button.isVisible()
        where = button.geometry().translated(button.parentWidget().mapTo(dialog, button.pos())
                                             - button.pos())
        assert dialog.rect().contains(where), (language, opener, where, dialog.size())
    if opener == "void_selected":
        return  # a void has no fields to scroll: only its reason and password
    scroll = dialog.fields.scroll
    assert scroll.isAncestorOf(dialog.entry.fields["rej3_defect"])
    assert not scroll.isAncestorOf(dialog.reason) and not scroll.isAncestorOf(save)
    # On this short (800 x 600) test screen the fields do scroll.
    assert scroll.verticalScrollBar().maximum() > 0, (language, opener)
    dialog.reject()
