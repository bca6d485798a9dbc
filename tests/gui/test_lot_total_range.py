"""The lot dialog answers a total of -5 with the allowed range, not "Type a whole number."
(review s16, item 9); the largest total the service takes is named too."""

from __future__ import annotations

from tests.gui.test_station_window import OP_PW, login, set_lot


def test_a_negative_total_is_told_the_range(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    dialog = set_lot(station, total="-5")
    assert dialog.errors["total_boxes"].text() == "Must be from 1 to 100000."
    dialog.total.setText("100001")
    dialog.apply()
    assert dialog.errors["total_boxes"].text() == "Must be from 1 to 100000."
    assert station.controller.current_lot() is None  # nothing was set
    dialog.reject()
