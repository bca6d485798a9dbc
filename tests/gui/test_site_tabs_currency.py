"""Issue 14 on the SPC, OEE, Lots and Handovers tabs: each says how current the site view is,
with the line the Production, Audit, Dashboard and Insights tabs show (ViewStatus), under the
tab's filters, following the view's state as the panel's bridge reports it; and the OEE tab's
"Everything" says how far back it reads."""

from __future__ import annotations

import os
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from utils.site.view_follower import Broken, Phase

from tests.gui.conftest import ADMIN_PW, open_admin_window, wait_for

TABS = ("spc", "oee", "lots", "handover")
# Each tab's first row (a widget in it; Lots has none) and what the line sits above.
PLACES = {"spc": ("chart_choice", "table"), "oee": ("filters", "definitions"),
          "lots": (None, "table"), "handover": ("search", "table")}


def _tab(name: str, ctx, bridge, runner):
    from gui.admin import wiring

    session = ctx.auth.login("ana", ADMIN_PW).session
    if name == "spc":
        return wiring.spc_tab(ctx, session, bridge)
    if name == "oee":
        return wiring.oee_tab(ctx, session, bridge)
    if name == "lots":
        return wiring.lots_tab(ctx, session, runner, bridge)
    return wiring.handover_tab(ctx, session, runner, bridge)


@pytest.fixture
def panel_parts(ctx):
    """The panel's bridge over this PC's view and follower, and a task runner."""
    from gui.admin.view_bridge import ViewBridge
    from gui.app import make_application
    from gui.tasks import TaskRunner

    make_application([])
    bridge = ViewBridge(ctx.site_view, ctx.view_follower, coalesce_ms=1)
    runner = TaskRunner()
    yield bridge, runner
    bridge.close()
    assert runner.shutdown(10)


@pytest.mark.parametrize("name", TABS)
def test_the_tab_says_how_current_the_view_is_and_follows_its_state(qtbot, ctx, clock,
                                                                    panel_parts, name):
    bridge, runner = panel_parts
    tab = _tab(name, ctx, bridge, runner)
    qtbot.addWidget(tab)
    tab.resize(1366, 698)
    tab.show()
    line = tab.findChild(QLabel, "viewStatus")
    assert line is not None and line is tab.currency
    assert line.text() == "This PC is not in a site: its own records only"  # the PC's state

    # The follower's states, as the panel's bridge passes them on.
    follower = ctx.view_follower
    zone = ZoneInfo(ctx.timezone)
    local = lambda moment, form: moment.astimezone(zone).strftime(form)  # noqa: E731
    behind = clock.now() - timedelta(hours=2)
    follower._set_state(has_share=True, phase=Phase.CATCHING_UP, progress=0.4,
                        complete_up_to=behind)
    wait_for(lambda: line.text() == f"Showing data up to {local(behind, '%H:%M')}, "
                                    "catching up: 40 %")
    follower._set_state(phase=Phase.FOLLOWING, progress=None, complete_up_to=None,
                        checked_at=clock.now())
    wait_for(lambda: line.text() == "Live: every station's journal read at "
                                    + local(clock.now(), "%H:%M:%S"))
    since = clock.now()
    clock.advance(minutes=5)
    follower._set_state(phase=Phase.OFFLINE, offline_since=since)
    wait_for(lambda: line.text().startswith(
        f"Shared folder unreachable since {local(since, '%H:%M')}: showing what this PC holds"))
    follower._set_state(refused="/mnt/share/stations")  # a link planted in its place
    wait_for(lambda: line.text().startswith(
        "The stations' folder of the shared folder (/mnt/share/stations) was refused: it is not "
        "a plain folder (a link, or a file). Showing what this PC holds"))
    follower._set_state(phase=Phase.FOLLOWING, offline_since=None, checked_at=clock.now(),
                        refused=None, broken=(Broken("207", 12, "record.created", "hash"),))
    wait_for(lambda: "journal of station 207 broken at event 12" in line.text())
    assert "fixed range" not in line.text()  # every period of these tabs ends now

    # Where the other tabs have it: under the filters, above what the tab lists or draws;
    # its longest text whole at 1366 px (wrapped, not cut).
    top = lambda widget: widget.mapTo(tab, QPoint(0, 0)).y()  # noqa: E731
    first_row, content = PLACES[name]
    if first_row is not None:
        assert top(getattr(tab, first_row)) < top(line)
    assert top(line) + line.height() <= top(getattr(tab, content))
    wait_for(lambda: line.height() >= line.heightForWidth(line.width()))


def test_tabs_opened_in_the_panel_follow_the_share_going_away_and_back(qtbot, fleet_site,
                                                                        monkeypatch):
    """In the panel on a site, each of these tabs, built when first opened, gets the panel's
    bridge: live once the view follows the stations, "unreachable" while the share is away,
    live again once it is back."""
    monkeypatch.setattr("utils.site.view_follower.FOLLOW_RESCAN_S", 0.1)
    site, _station, _service = fleet_site
    window = open_admin_window(qtbot, site)
    away = site.share.with_name(site.share.name + "-away")
    tabs = []
    try:
        wait_for(lambda: window.follower.state().phase == Phase.FOLLOWING, timeout=20)
        tabs = [window.spc_tab, window.oee_tab, window.lots_tab, window.handover_tab]
        texts = lambda: [t.currency.text() for t in tabs]  # noqa: E731
        for tab in tabs:
            window.tabs.setCurrentWidget(tab)
            wait_for(lambda tab=tab: tab.currency.isVisible())
        wait_for(lambda: all(t.startswith("Live: every station's journal read at")
                             for t in texts()))
        os.rename(site.share, away)
        wait_for(lambda: all(t.startswith("Shared folder unreachable since") for t in texts()),
                 timeout=20)
        os.rename(away, site.share)
        window.follower.wake()
        wait_for(lambda: all(t.startswith("Live: every station's journal read at")
                             for t in texts()), timeout=20)
    finally:
        if away.exists():
            os.rename(away, site.share)
        window.close()
        window.runner.shutdown(10)


def test_the_oee_tabs_everything_says_it_covers_the_last_400_days(qtbot, ctx):
    from gui.admin import wiring
    from gui.admin.oee_tab import EVERYTHING_DAYS

    tab = wiring.oee_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    qtbot.addWidget(tab)
    period = tab.filters.period
    period.setCurrentIndex(period.findData(0))
    assert EVERYTHING_DAYS == 400
    assert period.currentText() == "Everything (last 400 days)"
    start, _end = tab.period()
    assert start == ctx.clock.now() - timedelta(days=400, hours=8)  # the limit itself unchanged
