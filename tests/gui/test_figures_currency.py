"""Issue 14, "each tab says how current it is", on the Dashboard and Insights tabs: the line the
other site tabs show (ViewStatus, object name "viewStatus") says what the site view holds while
it catches up and once it is current, following the view's state as the panel's bridge reports
it (states injected into this PC's follower, as test_site_tabs_currency.py does for the SPC,
OEE, Lots and Handovers tabs); and in the panel on a site, with the real follower, both say
"Live" with the time the stations' journals were last read."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from utils.site.view_follower import Phase

from tests.gui.conftest import open_admin_window, wait_for

LIVE = "Live: every station's journal read at "


def _tab(name: str, ctx, bridge):
    """The tab as the admin window builds it (gui/admin/window.py), with the panel's bridge."""
    from gui.admin import wiring

    if name == "dashboard":
        from gui.admin.dashboard_tab import DashboardTab

        return DashboardTab(wiring.site_now(ctx), ctx.site_view, ctx.oee, bridge=bridge)
    from gui.admin.insights_tab import InsightsTab

    return InsightsTab(wiring.site_now(ctx), ctx.site_view, bridge=bridge)


@pytest.mark.parametrize("name", ("dashboard", "insights"))
def test_the_tab_says_it_is_catching_up_then_live(qtbot, ctx, clock, bridge, name):
    tab = _tab(name, ctx, bridge)
    qtbot.addWidget(tab)
    tab.resize(1366, 698)
    tab.show()
    try:
        line = tab.findChild(QLabel, "viewStatus")
        assert line is not None and line is tab.currency and line.isVisible()
        assert line.text() == "This PC is not in a site: its own records only"
        # Under the tab's filters, above its figures.
        top = lambda widget: widget.mapTo(tab, QPoint(0, 0)).y()  # noqa: E731
        assert top(tab.filters) < top(line)

        follower = ctx.view_follower
        zone = ZoneInfo(ctx.timezone)
        local = lambda moment, form: moment.astimezone(zone).strftime(form)  # noqa: E731
        # Catching up: first with no complete moment yet, then up to one two hours back.
        follower._set_state(has_share=True, phase=Phase.CATCHING_UP, progress=0.05,
                            complete_up_to=None)
        wait_for(lambda: line.text() == "Reading the stations' journals: 5 %")
        behind = clock.now() - timedelta(hours=2)
        follower._set_state(progress=0.4, complete_up_to=behind)
        wait_for(lambda: line.text() == f"Showing data up to {local(behind, '%H:%M')}, "
                                        "catching up: 40 %")
        follower._set_state(progress=0.9)
        wait_for(lambda: line.text().endswith("catching up: 90 %"))
        # Current: live, with the time every journal was read, to the second.
        follower._set_state(phase=Phase.FOLLOWING, progress=None, complete_up_to=None,
                            checked_at=clock.now())
        wait_for(lambda: line.text() == LIVE + local(clock.now(), "%H:%M:%S"))
        clock.advance(seconds=7)
        follower._set_state(checked_at=clock.now())
        wait_for(lambda: line.text() == LIVE + local(clock.now(), "%H:%M:%S"))
        assert "fixed range" not in line.text()  # every period of these tabs ends now
    finally:
        tab.timer.stop()


def test_in_the_panel_both_say_live_with_the_followers_last_read(qtbot, fleet_site,
                                                                 monkeypatch):
    monkeypatch.setattr("utils.site.view_follower.FOLLOW_RESCAN_S", 0.1)
    site, _station, _service = fleet_site
    window = open_admin_window(qtbot, site)
    zone = ZoneInfo(site.admin.timezone)
    try:
        follower = window.follower
        wait_for(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
        tabs = [window.dashboard_tab, window.insights_tab]

        def says_the_last_read(tab) -> bool:
            read_at = follower.state().checked_at
            return read_at is not None and tab.currency.text() == (
                LIVE + read_at.astimezone(zone).strftime("%H:%M:%S"))

        for tab in tabs:
            window.tabs.setCurrentWidget(tab)
            wait_for(lambda tab=tab: tab.currency.isVisible() and says_the_last_read(tab))
    finally:
        window.close()
        window.runner.shutdown(10)
