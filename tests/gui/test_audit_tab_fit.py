"""The Audit tab read whole on a 1366 px wide window in both languages (gui pass s19, item 16):
the detail pane says what it is for while no event is chosen, the action filter's example is not
cut off, and every column of the verify results (the first tampered event, the events checked)
is in view without scrolling sideways, a journal's long station name included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.i18n import install_translators

from tests.utils.site.sitekit import ADMIN_PW

# 1366 x 698 (a 1366 x 768 screen less taskbar and title bar) less the panel's tab bar and
# margins: the room the Audit tab has.
TAB_SIZE = (1344, 620)
# A line edit's frame, padding (gui/theme.py) and its own text margins, each side.
LINE_EDIT_CHROME_PX = 8


@pytest.mark.parametrize("code", ["en", "pt_BR"])
def test_the_audit_tab_is_read_whole_at_1366(qtbot, fleet_site, qm_dir, code):
    from gui.admin import wiring
    from gui.tasks import TaskRunner
    from utils.audit.verify import TamperKind, VerifyResult

    app = QApplication.instance()
    install_translators(app, code, qm_dir)  # before the tab: its texts are set as it is made
    runner = TaskRunner()
    try:
        admin = fleet_site[0].admin
        session = admin.auth.login("ana", ADMIN_PW).session
        tab = wiring.audit_tab(admin, session, runner, site_view=admin.site_view)
        qtbot.addWidget(tab)
        tab.resize(*TAB_SIZE)
        tab.show()
        qtbot.waitExposed(tab)
        # Nothing chosen: the pane says what it will show.
        assert not tab.table.currentIndex().isValid() and tab.detail.toPlainText() == ""
        assert tab.detail.placeholderText() if code != "en" else (
            tab.detail.placeholderText() == "Choose an event in the list to see it here in full.")
        # The action filter's example is read whole.
        action = tab.action
        room = action.width() - 2 * LINE_EDIT_CHROME_PX
        assert action.fontMetrics().horizontalAdvance(action.placeholderText()) <= room, (
            code, action.placeholderText(), action.width())
        # The verify results: every header and cell in view, no sideways scrolling.
        tab.results.set_rows([
            VerifyResult(station="206/journal-772d99d936fbef94", ok=False, events_checked=1234,
                         first_bad_seq=7, kind=TamperKind.MODIFIED, detail="hash mismatch"),
            VerifyResult(station="office1", ok=True, events_checked=30),
        ])
        QApplication.processEvents()
        table = tab.results_table
        first_bad = tab.results.headerData(3, Qt.Orientation.Horizontal)
        assert (first_bad == "First bad event") == (code == "en")  # the language is in use
        assert table.horizontalScrollBar().maximum() == 0, code
        header = table.horizontalHeader()
        bold = header.font()
        bold.setBold(True)  # the header's text is drawn bold: measured so
        metrics = type(header.fontMetrics())(bold)
        for column in range(tab.results.columnCount()):
            text = tab.results.headerData(column, Qt.Orientation.Horizontal)
            assert metrics.horizontalAdvance(text) <= header.sectionSize(column), (code, text)
    finally:
        runner.shutdown()
        install_translators(app, "en", qm_dir)
