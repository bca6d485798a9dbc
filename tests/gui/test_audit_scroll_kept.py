"""Issue 14, "the selection and scroll position kept", on the real Audit tab: a supervisor
scrolled down a long trail (past its first page of rows) with one event selected; newer events
arrive through the panel's bridge and are listed above, and the events in view stay where they
were on screen, the same one selected. (test_production_scroll_kept.py: the Production tab;
test_keep_place.py: reload_keeping_place on a stand-in model.)"""

from __future__ import annotations

from utils.audit.chain import Actor

from tests.gui.conftest import ADMIN_PW, wait_for

LISTED = 300  # more than the model's first page


def _key(row: dict) -> tuple:
    return row.get("station"), row.get("seq"), row.get("action")


def test_events_arriving_keep_the_rows_in_view_and_the_selection(qtbot, ctx, runner):
    from gui.admin import wiring
    from gui.admin.view_bridge import ViewBridge

    ana = Actor("ana", "admin")
    for number in range(LISTED):
        ctx.changes.record(ana, f"probe.{number:04d}")
    bridge = ViewBridge(ctx.site_view, ctx.view_follower, coalesce_ms=1)
    tab = wiring.audit_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session, runner,
                           site_view=ctx.site_view, bridge=bridge)
    qtbot.addWidget(tab)
    tab.resize(1366, 698)
    tab.show()
    qtbot.waitExposed(tab)
    try:
        ctx.site_view.ingest_local()
        tab.refresh()
        before = tab.model.rowCount()
        assert before >= LISTED
        tab.table.scrollTo(tab.model.index(150, 0))
        tab.table.selectRow(160)
        selected = tab.model.row_data(160)
        wait_for(lambda: tab.table.rowAt(0) > 0)  # scrolled: the top row is not the first
        top = tab.model.row_data(tab.table.rowAt(0))
        place = tab.table.visualRect(tab.table.currentIndex()).top()

        for number in range(5):
            ctx.changes.record(ana, f"probe.late.{number}")
        ctx.site_view.ingest_local()
        wait_for(lambda: tab.model.rowCount() > before, timeout=10)

        assert _key(tab.model.row_data(tab.table.currentIndex().row())) == _key(selected)
        assert _key(tab.model.row_data(tab.table.rowAt(0))) == _key(top)
        assert tab.table.visualRect(tab.table.currentIndex()).top() == place
        assert tab.detail.toPlainText()  # the selected event's details still shown
    finally:
        bridge.close()
