"""Issue 14, "the selection and scroll position kept", on the real Production tab: a supervisor
scrolled down a long list of records (past its first page of rows) with one selected; a batch
of newer records arrives through the panel's bridge and is listed above, and the records in view
stay where they were on screen, the same one selected; scrolled back to the top, the next batch
shows the newest at the top. (test_keep_place.py checks reload_keeping_place on a stand-in
model.)"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_admin_dashboard import put_site_rows, site_row

FIRST = datetime(2026, 11, 22, 6, 0, tzinfo=timezone.utc)  # ctx's clock: 12:00 UTC that day
LISTED = 300  # more than the model's first page (site_records_model.PAGE_ROWS, 200)


def _rows(first: int, count: int) -> list[dict]:
    """Records number first .. first + count - 1, a minute apart, from 06:00 UTC (each newer
    one listed above: the tab shows the newest first)."""
    rows = []
    for number in range(first, first + count):
        moment = FIRST + timedelta(minutes=number)
        rows.append(site_row(f"r{number:04d}", "201", moment.strftime("%Y-%m-%dT%H:%M:00.000Z"),
                             cam_d=1.0, cam_w=2.0, lot="L1", box=number + 1, seq=number + 1))
    return rows


@pytest.fixture
def tab(qtbot, ctx, runner):
    """The Production tab on the panel's bridge (changes told at once), its range live from
    the day's start until now, listing LISTED records."""
    from gui.admin import wiring
    from gui.admin.view_bridge import ViewBridge

    bridge = ViewBridge(ctx.site_view, ctx.view_follower, coalesce_ms=1)
    put_site_rows(ctx, _rows(0, LISTED))
    production = wiring.production_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session, runner,
                                       bridge)
    qtbot.addWidget(production)
    production.resize(1366, 698)
    production.show()
    qtbot.waitExposed(production)
    production.set_range(datetime(2026, 11, 22, tzinfo=timezone.utc))  # until now: live
    production.refresh()
    assert production.range.fixed_until() is None
    assert production.model.rowCount() == LISTED
    yield production
    bridge.close()


def _record_at_top(tab) -> str:
    return tab.model.row_data(tab.table.rowAt(0))["record_id"]


def _on_screen(tab, record_id: str) -> tuple[int, int]:
    """Where `record_id` is listed: its row, and its top on screen."""
    row = tab.model.row_of({"record_id": record_id})
    assert row is not None
    return row, tab.table.visualRect(tab.model.index(row, 0)).top()


def test_records_arriving_keep_the_rows_in_view_and_the_selection(ctx, tab):
    table, model = tab.table, tab.model
    table.scrollTo(model.index(250, 0), table.ScrollHint.PositionAtTop)  # past page one
    table.selectRow(255)
    selected = tab.selected_row()["record_id"]
    top = _record_at_top(tab)
    before = _on_screen(tab, selected)
    scrolled = table.verticalScrollBar().value()
    assert scrolled > 0 and before[0] == 255 and 0 < before[1] < table.viewport().height()
    history = tab.history.toPlainText()
    assert history

    put_site_rows(ctx, _rows(LISTED, 7))  # seven newer records, from the stations
    wait_for(lambda: model.rowCount() == LISTED + 7)
    assert tab.count.text() == f"{LISTED + 7} records"
    assert _record_at_top(tab) == top  # the rows in view did not move on screen
    after = _on_screen(tab, selected)
    assert after == (before[0] + 7, before[1])
    assert tab.selected_row()["record_id"] == selected  # still selected, its history kept
    assert table.selectionModel().isRowSelected(after[0])
    assert tab.history.toPlainText() == history
    assert table.verticalScrollBar().value() > scrolled  # the list moved under them

    # Back at the top, the next batch shows the newest first, in sight.
    table.scrollToTop()
    put_site_rows(ctx, _rows(LISTED + 7, 3))
    wait_for(lambda: model.rowCount() == LISTED + 10)
    assert table.verticalScrollBar().value() == 0
    assert _record_at_top(tab) == f"r{LISTED + 9:04d}"
    assert tab.selected_row()["record_id"] == selected
