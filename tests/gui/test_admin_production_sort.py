"""Production's headers sort (s17 admin review, defect 6: a click did nothing, no indicator, no
word why): the query orders the records, the indicator shows the order the rows are in, the
selected record stays selected, the rejections say why they do not sort, a filter matching
too many records keeps them newest first and says so, and an export holds the rows shown."""

from __future__ import annotations

import csv
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_admin_dashboard import put_site_rows, site_row

# (id, station, lot, operator, local time 09:mm, CAM-D)
ROWS = [("a", "201", "L2", "joao", 0, 2.5), ("b", "202", "L1", "maria", 5, None),
        ("c", "201", "L3", "joao", 10, 4.0), ("d", "203", "L1", "ana", 15, 1.0),
        ("e", "202", "L2", "maria", 20, 4.0)]


@pytest.fixture
def tab(qtbot, ctx):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner

    make_application([])
    put_site_rows(ctx, [site_row(record_id, station, f"2026-03-02T12:{minute:02d}:00.000Z",
                                 cam_d=cam_d, cam_w=2.0, lot=lot, operator=operator,
                                 box=seq + 1, seq=seq + 1)
                        for seq, (record_id, station, lot, operator, minute, cam_d)
                        in enumerate(ROWS)])
    runner = TaskRunner()
    production = wiring.production_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session, runner)
    qtbot.addWidget(production)
    production.resize(1366, 700)
    production.show()
    production.set_range(datetime(2026, 3, 1, tzinfo=timezone.utc),
                         datetime(2026, 3, 3, tzinfo=timezone.utc))
    production.refresh()
    yield production
    runner.shutdown()


def _column(tab, name: str) -> int:
    return tab.model.COLUMNS.index(name)


def click_header(tab, name: str) -> None:
    header = tab.table.horizontalHeader()
    section = _column(tab, name)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def ids(tab) -> list[str]:
    return [tab.model.row_data(row)["record_id"] for row in range(tab.model.rowCount())]


def indicator(tab) -> tuple[str, Qt.SortOrder]:
    header = tab.table.horizontalHeader()
    return tab.model.COLUMNS[header.sortIndicatorSection()], header.sortIndicatorOrder()


DESC, ASC = Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder


def test_a_header_click_sorts_and_shows_the_order(tab):
    assert ids(tab) == ["e", "d", "c", "b", "a"]  # newest first, as before
    assert indicator(tab) == ("date", DESC) and tab.table.horizontalHeader().isSortIndicatorShown()
    click_header(tab, "cam_d")  # the highest first; ties newest first; blanks last
    assert ids(tab) == ["e", "c", "a", "d", "b"] and indicator(tab) == ("cam_d", DESC)
    click_header(tab, "cam_d")
    assert ids(tab) == ["b", "d", "a", "e", "c"] and indicator(tab) == ("cam_d", ASC)
    click_header(tab, "lot")
    assert ids(tab) == ["d", "b", "e", "a", "c"] and indicator(tab) == ("lot", ASC)
    click_header(tab, "station_id")
    assert ids(tab) == ["c", "a", "e", "b", "d"]
    click_header(tab, "time")
    assert ids(tab) == ["e", "d", "c", "b", "a"] and indicator(tab) == ("time", DESC)
    click_header(tab, "time")
    assert ids(tab) == ["a", "b", "c", "d", "e"] and indicator(tab) == ("time", ASC)


def test_the_selected_record_stays_selected_when_the_order_changes(tab, ctx):
    tab.table.selectRow(ids(tab).index("c"))
    history = tab.history.toPlainText()
    assert "lot L3" in history
    click_header(tab, "operator")
    assert tab.selected_row()["record_id"] == "c" and tab.history.toPlainText() == history
    # records arriving keep it selected in the sorted list too
    put_site_rows(ctx, [site_row("f", "201", "2026-03-02T12:30:00.000Z", cam_d=1.0,
                                 cam_w=1.0, lot="L1", operator="bia", seq=9)])
    tab.live_refresh()
    assert ids(tab)[0] == "d" and "f" in ids(tab)  # ana, bia, joao...
    assert tab.selected_row()["record_id"] == "c" and indicator(tab) == ("operator", ASC)


def test_the_rejections_do_not_sort_and_say_why(tab):
    click_header(tab, "cam_w")
    before = ids(tab)
    tooltip = tab.model.headerData(_column(tab, "rejections"), Qt.Orientation.Horizontal,
                                   Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Not sortable")
    click_header(tab, "rejections")
    assert ids(tab) == before and indicator(tab)[0] == "cam_w"
    assert tab.status.text() == tooltip
    lot_tip = tab.model.headerData(_column(tab, "lot"), Qt.Orientation.Horizontal,
                                   Qt.ItemDataRole.ToolTipRole)
    assert "Click to sort" in lot_tip and "50,000" in lot_tip


def test_too_many_records_stay_newest_first_and_the_status_says_why(tab, monkeypatch):
    monkeypatch.setattr("gui.admin.site_records_model.SORT_ROWS_LIMIT", 3)
    click_header(tab, "lot")
    assert ids(tab) == ["e", "d", "c", "b", "a"] and indicator(tab) == ("date", DESC)
    assert "too many to sort by Lot" in tab.count.text() and "5 records" in tab.count.text()
    # a narrower filter: sorted as asked, without another click
    tab.station.setCurrentIndex(tab.station.findData("201"))
    tab.refresh()
    assert ids(tab) == ["a", "c"] and indicator(tab) == ("lot", ASC)
    assert "too many" not in tab.count.text()
    click_header(tab, "date")  # by time: always, whatever the count
    click_header(tab, "date")
    tab.station.setCurrentIndex(0)
    tab.refresh()
    assert indicator(tab) == ("date", ASC) and ids(tab) == ["a", "b", "c", "d", "e"]
    assert "too many" not in tab.count.text()


def test_an_export_of_a_sorted_list_holds_the_rows_shown(tab, tmp_path):
    tab.station.setCurrentIndex(tab.station.findData("202"))
    tab.refresh()
    click_header(tab, "cam_d")
    shown = ids(tab)
    assert shown == ["e", "b"]
    out = tmp_path / "sorted.csv"
    tab.export("csv", str(out))
    wait_for(lambda: tab.last_export is not None)
    from data.exports import RECORD_ID

    with out.open(newline="", encoding="utf-8-sig") as handle:
        exported = [row[RECORD_ID] for row in csv.DictReader(handle)]
    # the same records; the file keeps the export's order, oldest first (as the CLI's)
    assert exported == ["b", "e"]
