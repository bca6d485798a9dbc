"""The station window fits a 1280 x 720 screen (and so 1366 x 768) in both languages: its
minimum size leaves room for a title bar and a taskbar, and at that size every column of the
shift table, "Situação" included, is shown whole, without a scroll bar."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from gui.i18n import install_translators

from tests.gui.test_station_window import OP_PW, fill, login, set_lot

# 720 px less a taskbar (40) and a title bar (30): what a maximised window gets.
CLIENT = (1280, 650)


@pytest.mark.parametrize("code", ["en", "pt_BR"])
def test_fits_1280_by_720(qtbot, ctx, qm_dir, code):
    from gui.app import StationApp, make_application

    app = QApplication.instance()
    install_translators(app, code, qm_dir)
    make_application([])
    station = StationApp(ctx, start_sync=False)
    qtbot.addWidget(station.window)
    station.start()
    qtbot.wait(1)  # its placement on the (800 x 600 offscreen) screen is done first
    try:
        window = station.window
        hint = window.minimumSizeHint()
        assert hint.width() <= CLIENT[0] and hint.height() <= CLIENT[1], (code, hint)
        login(qtbot, station, "op", OP_PW)
        set_lot(station, total="40")
        for defect in ("Cápsula Fina", "Apara Retida"):
            fill(window.form, defect=defect)
            window.form.submit()
        hint = window.minimumSizeHint()
        assert hint.width() <= CLIENT[0] and hint.height() <= CLIENT[1], (code, hint)
        window.resize(*CLIENT)
        qtbot.wait(1)
        assert (window.width(), window.height()) == CLIENT
        table = window.table
        assert table.horizontalScrollBar().maximum() == 0, code  # no column cut off
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(window.model.columnCount()):
            text = window.model.headerData(column, header.orientation())
            assert metrics.horizontalAdvance(text) <= header.sectionSize(column), (code, text)
    finally:
        station.stop()
        station.window.allow_close = True
        station.window.close()
        install_translators(app, "en", qm_dir)
