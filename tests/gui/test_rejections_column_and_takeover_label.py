"""Two things a new user's review noticed: the station's table of this shift's records cut its
rejections ("Cápsula Fi…") while the short columns kept their room (now one rejection a line,
whole at 1366 x 768; at 1280 x 720 the entry form's width leaves too little, see the test);
and the first-run wizard's takeover reason had no label of its own."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QStyle

from gui.i18n import install_translators

CLIENT = (1366, 698)  # 768 px less a taskbar (40) and a title bar (30)
from tests.gui.test_station_window import OP_PW, fill, login, set_lot

# The widest defect names of the default catalog, at their longest location.
WIDEST = ("Cápsula Fina (Cap/Body)", "Apara Retida (Cap/Body)")


@pytest.mark.parametrize("code", ["en", "pt_BR"])
def test_rejections_show_whole_at_1366_by_768(qtbot, station, qm_dir, code):
    """A box with two rejections and one with the widest: the rejections column, the one the
    operator reads, is wide enough for each rejection whole, and the two-rejection row tall
    enough for both lines. (At 1280 x 720 the entry form keeps the width its error lines need
    without moving the Register button; the table is then too narrow for the widest.)"""
    app = QApplication.instance()
    install_translators(app, code, qm_dir)
    try:
        window = station.window
        login(qtbot, station, "op", OP_PW)
        set_lot(station, total="40")
        fill(window.form, defect="Furo")
        window.form.fields["rej2_defect"].setCurrentText("Apara Retida")
        window.form.fields["rej2_location"].setCurrentText("Cap/Body")
        window.form.submit()
        fill(window.form, defect="Cápsula Fina")
        window.form.submit()
        window.resize(*CLIENT)
        qtbot.waitUntil(lambda: (window.width(), window.height()) == CLIENT, timeout=5000)
        table, model = window.table, window.model
        column, box = model.COLUMNS.index("rejections"), model.COLUMNS.index("box")
        rows = {model.index(row, box).data(): row for row in range(model.rowCount())}
        assert sorted(rows) == ["1", "2"]
        two = model.index(rows["1"], column).data()
        assert two.splitlines() == ["Furo (Cap/Body)", "Apara Retida (Cap/Body)"], two
        assert model.index(rows["2"], column).data() == "Cápsula Fina (Cap/Body)"
        metrics = table.fontMetrics()
        # The item delegate keeps this margin each side of a cell's text.
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                           table) + 1
        need = max(metrics.horizontalAdvance(text) for text in WIDEST) + 2 * margin
        assert table.horizontalHeader().sectionSize(column) >= need, code
        assert table.rowHeight(rows["1"]) >= 2 * metrics.height(), code
        assert table.horizontalScrollBar().maximum() == 0, code  # no other column cut off
    finally:
        install_translators(app, "en", qm_dir)


def test_the_takeover_reason_has_a_label_of_its_own(qtbot, ctx):
    """Offered, the reason field has a visible label whose buddy it is, and it is named
    by that label for a screen reader (like the wizard's other fields)."""
    from gui.wizard.station_page import StationPage

    page = StationPage(ctx.catalog)
    qtbot.addWidget(page)
    page.show()
    page.offer_takeover()
    field = page.takeover_reason
    labels = [label for label in page.findChildren(QLabel) if label.buddy() is field]
    assert len(labels) == 1
    [label] = labels
    assert label.isVisible() and label.text() == "Reason for the replacement"
    assert field.accessibleName() == label.text()
