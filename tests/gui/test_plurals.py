"""Counts read right in both languages ("1 box", "2 boxes"; "1 caixa", "2 caixas"): Qt's %n
plural forms, from each language's catalogue, wherever the app counts something."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from gui.i18n import install_translators

from tests.gui.test_station_window import OP_PW, fill, login, set_lot


@pytest.fixture
def language(qm_dir):
    app = QApplication.instance()

    def switch(code: str) -> None:
        install_translators(app, code, qm_dir)

    yield switch
    switch("en")


def test_the_shift_totals(qtbot, station, language):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    fill(station.window.form)
    station.window.form.submit()
    assert station.window.totals.text().startswith("1 box · 1 rejection · ")
    fill(station.window.form)
    station.window.form.submit()
    assert station.window.totals.text().startswith("2 boxes · 2 rejections · ")
    language("pt_BR")
    station.window.refresh_records()
    assert station.window.totals.text().startswith("2 caixas · 2 rejeições · ")


@pytest.mark.parametrize("code, context, source, n, expected", [
    ("en", "FleetTab", "%n station(s)", 1, "1 station"),
    ("en", "FleetTab", "%n station(s)", 3, "3 stations"),
    ("pt_BR", "FleetTab", "%n station(s)", 1, "1 estação"),
    ("pt_BR", "FleetTab", "%n station(s)", 14, "14 estações"),
    ("en", "StationHeader", "Lot %1 complete (%n box(es))", 1, "Lot %1 complete (1 box)"),
    ("pt_BR", "StationHeader", "%n change(s) waiting", 2, "2 alterações aguardando"),
    ("en", "Commands", "%n log line(s) received (Details… to read them).", 1,
     "1 log line received (Details… to read it)."),
    ("en", "Messages", "At most %n rejection(s).", 1, "At most 1 rejection."),
    ("pt_BR", "AuditTab", "%n event(s)", 1, "1 evento"),
])
def test_plural_forms(language, code, context, source, n, expected):
    language(code)
    assert QCoreApplication.translate(context, source, None, n) == expected
