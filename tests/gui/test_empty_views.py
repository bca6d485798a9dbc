"""Empty lists say so in words (gui pass s19, item 20): the fleet's alarms, the signed reviews of
the audit trail, the catalog's sizes with their own OEE values and the station's shift table
each show a sentence while they have no rows (gui/empty_view.py), and only once what they list
has been read: "No alarms" before the first reading would be a claim nobody checked."""

from __future__ import annotations


from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from gui.empty_view import shown_empty_text
from gui.theme import HINT_COLOR

from tests.gui.conftest import wait_for
from tests.gui import test_admin_fleet
from tests.gui.test_station_window import OP_PW, fill, login, set_lot

floor, readings = test_admin_fleet.floor, test_admin_fleet.readings  # the fleet's fixtures


def _hint_pixels(view) -> int:
    """How many pixels of the view's middle are drawn in the hints' colour (the sentence)."""
    image = view.viewport().grab().toImage()
    middle = image.rect().center()
    hint = QColor(HINT_COLOR)
    return sum(1 for dx in range(-150, 151) for dy in range(-12, 13)
               if image.rect().contains(middle + QPoint(dx, dy))
               and image.pixelColor(middle + QPoint(dx, dy)) == hint)


def test_an_empty_table_draws_its_sentence_and_a_full_one_does_not(qtbot):
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from gui.empty_view import EmptyViewText

    model = QStandardItemModel(0, 2)
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    note = EmptyViewText(view)
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view)
    assert shown_empty_text(view) == "" and _hint_pixels(view) == 0  # nothing said yet
    note.set_text("Nothing here yet.")
    assert shown_empty_text(view) == "Nothing here yet."
    assert _hint_pixels(view) > 0 and view.accessibleDescription() == "Nothing here yet."
    model.appendRow([QStandardItem("a"), QStandardItem("b")])
    assert shown_empty_text(view) == "" and _hint_pixels(view) == 0
    assert view.accessibleDescription() == ""


def test_the_fleets_alarm_list_says_when_there_are_none(floor, readings):  # noqa: F811
    alarms = floor.tab.alarms
    assert alarms.count() >= 1 and shown_empty_text(alarms) == ""  # the disk at 97 %
    readings.update(memory=40.0, disk=50.0)
    floor.report()
    floor.show()
    assert alarms.count() == 0
    assert shown_empty_text(alarms) == "No alarms" and _hint_pixels(alarms) > 0


def test_the_alarm_list_says_nothing_before_the_first_reading(qtbot, floor):  # noqa: F811
    from gui.admin.fleet_tab import FleetTab

    tab = floor.tab
    fresh = FleetTab(tab.fleet, tab.site, tab.changes, tab.session)  # no frame shown yet
    qtbot.addWidget(fresh)
    assert fresh.alarms.count() == 0 and shown_empty_text(fresh.alarms) == ""


def test_no_signed_review_is_said_once_the_reviews_are_read(qtbot, release_plant, runner):
    from tests.gui.test_admin_lots_roles import review_dialog

    dialog = review_dialog(qtbot, release_plant, runner)
    wait_for(lambda: dialog.reviewed is not None)  # read: none signed
    assert dialog.model.rowCount() == 0
    assert shown_empty_text(dialog.table) == "No review of the audit trail has been signed yet."
    dialog.close()


def test_the_catalogs_sizes_say_every_size_uses_the_other_sizes_values(qtbot, ctx):
    from config.downtime import DowntimeSettings, SizeRate
    from gui.admin import wiring

    tab = wiring.catalog_tab(ctx, ctx.auth.login("sup", "Sable-Own-Pass-1").session)
    qtbot.addWidget(tab)
    section = tab.downtime
    section.load(DowntimeSettings(rates=()))
    assert shown_empty_text(section.rates) == (
        "No size has values of its own: every size uses the \"Other sizes\" values.")
    section.load(DowntimeSettings(rates=(SizeRate("#0", 14.5, 10),)))
    assert shown_empty_text(section.rates) == ""


def test_the_shift_table_says_nothing_was_registered_yet(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    window = station.window
    assert window.model.rowCount() == 0
    assert shown_empty_text(window.table) == "Nothing has been registered in this shift yet."
    set_lot(station, total="10")
    fill(window.form, defect="", location="")
    window.form.save.click()
    assert window.model.rowCount() == 1 and shown_empty_text(window.table) == ""
