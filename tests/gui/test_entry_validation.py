"""Errors next to the entry form's fields follow the value as it is typed (the line goes as
soon as the value is right) and never move the Register button: every error line has its
room kept, and the button's own messages sit below it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.test_station_window import OP_PW, fill, login, set_lot


def test_an_error_goes_as_soon_as_the_value_is_right(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    form = station.window.form
    fill(form, defect=None, location=None, cam_d="150")
    form.submit()
    assert form.errors["cam_d"].text() == "Must be from 0 to 100."
    form.cam_d.clear()
    qtbot.keyClicks(form.cam_d, "2,5")
    assert form.errors["cam_d"].text() == ""  # fixed: no stale "Must be from 0 to 100."
    assert not form.cam_d.property("invalid")
    qtbot.keyClicks(form.cam_d, "00")  # 2,500: still right
    assert form.errors["cam_d"].text() == ""
    form.cam_w.clear()
    qtbot.keyClicks(form.cam_w, "1x")  # wrong while typing: said at once
    assert form.errors["cam_w"].text() == "Type a number, e.g. 3.5."


def test_a_rejection_row_error_goes_when_the_row_is_complete(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    form = station.window.form
    fill(form, defect="Rachada", location=None)
    form.submit()
    assert form.errors["rej1_location"].text().startswith("Choose where the defect is")
    form.fields["rej1_location"].setCurrentText("Cap")
    assert form.errors["rej1_location"].text() == ""
    assert not form.fields["rej1_location"].property("invalid")
    assert station.window.model.rowCount() == 0  # nothing was saved meanwhile


def test_the_register_button_never_moves(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    form = station.window.form
    station.window.resize(1280, 720)
    qtbot.wait(1)  # one pass of the event loop for the layout
    where = form.save.geometry()  # "Set the lot first" is showing: below the button
    set_lot(station)
    fill(form, defect="Rachada", location=None, cam_d="150", cam_w="abc")
    form.submit()  # three error lines at once
    assert form.general_error.text() == "" and form.errors["cam_w"].text()
    qtbot.wait(1)
    assert form.save.geometry() == where
    fill(form)
    form.submit()  # saved: every error line empty again
    qtbot.wait(1)
    assert "Saved" in form.confirmation.text() and form.save.geometry() == where
    assert form.save.isEnabled()
    qtbot.keyClick(form.cam_w, Qt.Key.Key_Return)  # nothing typed: Required, button stays
    qtbot.wait(1)
    assert form.errors["cam_d"].text() == "Required." and form.save.geometry() == where


def test_nothing_of_the_previous_session_stays(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    form = station.window.form
    fill(form)
    form.submit()
    assert form.confirmation.text() == "Saved: lot L2503-001, box 1."
    fill(form, defect="Furo", location=None, cam_d="150")  # half typed, with an error
    form.submit()
    station.window.logout_button.click()
    assert form.confirmation.text() == "" and form.errors["cam_d"].text() == ""
    login(qtbot, station, "op", OP_PW)
    assert form.confirmation.text() == ""
    assert form.cam_d.text() == "" and form.fields["rej1_defect"].currentData() is None
    assert all(not label.text() for label in form.errors.values())
