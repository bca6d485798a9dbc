"""One number format per language, everywhere: English shows and asks for "2.50", Portuguese
"2,50" (input hints, error messages, the shift table, its totals, the correction dialog, plot
axes); exports say what their numbers look like."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from gui.i18n import install_translators

from tests.gui.conftest import wait_for
from tests.gui.test_station_window import OP_PW, SUP_PW, fill, login, set_lot


@pytest.fixture
def language(qm_dir):
    app = QApplication.instance()

    def switch(code: str) -> None:
        install_translators(app, code, qm_dir)

    yield switch
    switch("en")


@pytest.mark.parametrize("code, point, other", [("en", ".", ","), ("pt_BR", ",", ".")])
def test_every_number_on_the_station_in_one_format(qtbot, ctx, language, code, point, other):
    from gui.app import StationApp, make_application

    language(code)
    make_application([])
    app = StationApp(ctx, start_sync=False)  # built in the language, as at start-up
    qtbot.addWidget(app.window)
    app.start()
    try:
        login(qtbot, app, "sup", SUP_PW)
        set_lot(app)
        form = app.window.form
        assert form.cam_d.placeholderText() == f"0{point}00"
        fill(form, cam_d="2" + other + "5", cam_w="3")  # either separator is accepted
        form.submit()
        model = app.window.model
        cells = [model.data(model.index(0, model.COLUMNS.index(c))) for c in ("cam_d", "cam_w")]
        assert cells == [f"2{point}50", f"3{point}00"]
        assert f"2{point}50" in app.window.totals.text()
        assert f"2{other}5" not in app.window.totals.text()
        fill(form, defect=None, location=None, cam_d="abc", cam_w="1")
        form.submit()
        assert form.errors["cam_d"].text().endswith(f"3{point}5.")
        from gui.correction_dialog import CorrectionDialog

        dialog = CorrectionDialog(app.controller, model.row_data(0), app.window)
        qtbot.addWidget(dialog)
        assert dialog.cam_d.text() == f"2{point}50" and dialog.cam_w.text() == f"3{point}00"
    finally:
        app.stop()
        app.window.allow_close = True
        app.window.close()


def test_plot_axes_follow_the_language(language):
    from gui.admin.value_axis import ValueAxis
    from gui.app import make_application

    make_application([])
    axis = ValueAxis("left")
    assert axis.tickStrings([2.5, 3.0], 1, 0.5) == ["2.5", "3.0"]
    language("pt_BR")
    assert axis.tickStrings([2.5, 3.0], 1, 0.5) == ["2,5", "3,0"]


def test_an_export_says_what_its_numbers_look_like(qtbot, station, tmp_path):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    fill(station.window.form)
    station.window.form.submit()
    station.window.export_shift("csv", str(tmp_path / "shift.csv"))
    wait_for(lambda: getattr(station.window, "last_export", None))
    message = station.window.statusBar().currentMessage()
    assert "decimal point" in message and "commas" in message
    assert "4.42" in (tmp_path / "shift.csv").read_text(encoding="utf-8-sig")
