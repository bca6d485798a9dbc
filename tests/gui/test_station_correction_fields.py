"""The station's "Correct record…" offers what the service lets a supervisor correct, as the
admin panel does (review s16, item 5): lot, box, the measurements, the three rejections and
the size, from the one shared list (gui/record_fields.py), with the same validation, reason and
signature; and it fits a short screen, its fields scrolling."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from tests.gui.conftest import ADMIN_PW
from tests.gui.test_station_window import OP_PW, SUP_PW, fill, login, set_lot


def _a_box_then_the_supervisor(qtbot, station):
    """The operator registers one box (Rachada, Cap/Body); the supervisor logs in and opens
    the correction of it."""
    login(qtbot, station, "op", OP_PW)
    set_lot(station, total="40")
    fill(station.window.form, defect="Rachada", location="Cap/Body")
    station.window.form.submit()
    station.controller.logout()
    login(qtbot, station, "sup", SUP_PW)
    from gui.correction_dialog import CorrectionDialog

    window = station.window
    dialog = CorrectionDialog(station.controller, window.model.row_data(0), window)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def _inputs(dialog) -> set[str]:
    widgets = dialog.findChildren(QLineEdit) + dialog.findChildren(QComboBox)
    return {w.objectName() for w in widgets if w.objectName()}


def test_a_supervisor_corrects_a_rejection_at_the_station(qtbot, station):
    dialog = _a_box_then_the_supervisor(qtbot, station)
    wanted = {"lot", "box", "cam_d", "cam_w", "size"} | {
        f"rej{i}_{part}" for i in (1, 2, 3) for part in ("defect", "location")}
    assert wanted <= _inputs(dialog)
    assert dialog.entry.fields["rej1_defect"].currentData() == "Rachada"  # what is stored
    dialog.entry.fields["rej1_defect"].setCurrentText("Furo")
    dialog.entry.fields["rej1_location"].setCurrentText("Body")
    dialog.reason.setText("the defect was a hole, not a crack")
    dialog.password.setText(SUP_PW)
    dialog.apply()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    row = station.window.model.row_data(0)
    assert (row["rej1_defect"], row["rej1_location"]) == ("Furo", "Body")
    assert (row["version"], row["operator"], row["editor"]) == (2, "op", "sup")


def test_the_same_fields_as_the_admin_panel(qtbot, station, ctx):
    dialog = _a_box_then_the_supervisor(qtbot, station)
    from gui.admin import wiring
    from gui.admin.record_dialog import RecordDialog

    ana = ctx.auth.login("ana", ADMIN_PW).session
    row = ctx.production.list_records(ana)[0]
    admin = RecordDialog(wiring.site_now(ctx), ctx.production, ana, row)
    qtbot.addWidget(admin)
    assert dialog.fields.values().keys() == admin.form_values().keys()
    assert _inputs(admin.entry) | {"lot", "box"} <= _inputs(dialog)


def test_a_refused_value_is_said_next_to_it_and_nothing_is_saved(qtbot, station):
    dialog = _a_box_then_the_supervisor(qtbot, station)
    dialog.box.setText("-5")
    dialog.entry.fields["rej2_defect"].setCurrentText("Dente")  # no location
    dialog.reason.setText("the defect was a hole, not a crack")
    dialog.password.setText(SUP_PW)
    dialog.apply()
    assert dialog.isVisible()
    assert dialog.error.text() == "Box: Must be at least 1."
    assert dialog.entry.errors["rej2_location"].text().startswith("Choose where the defect is")
    assert station.window.model.row_data(0)["version"] == 1  # nothing saved


def test_it_fits_the_screen_its_fields_scrolling(qtbot, station):
    dialog = _a_box_then_the_supervisor(qtbot, station)
    available = dialog.screen().availableGeometry().height()
    assert dialog.height() <= available
    # The reason, the password and the buttons are outside the scrolling part, always seen.
    assert not dialog.scroll.isAncestorOf(dialog.reason)
    assert dialog.scroll.isAncestorOf(dialog.entry.fields["rej3_defect"])
