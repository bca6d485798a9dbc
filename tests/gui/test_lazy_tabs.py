"""A tab is built the first time it is opened or asked for, in its own place and title; one
never opened costs nothing, and the panel builds only the tab it shows."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget

from gui.admin.lazy_tabs import LazyTabs
from tests.gui.conftest import ADMIN_PW


def test_tabs_are_built_when_opened_in_their_place(qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    made: list[str] = []
    built: list[str] = []

    def maker(name: str):
        def make() -> QLabel:
            made.append(name)
            return QLabel(name)
        return make

    lazy = LazyTabs(tabs, on_built=lambda name, _page: built.append(name))
    for name in ("first", "second", "third"):
        lazy.add(name, name.title(), maker(name))
    assert made == ["first"]  # the tab shown at once
    assert tabs.currentWidget() is lazy.built("first") and lazy.built("second") is None
    changes: list[int] = []
    tabs.currentChanged.connect(changes.append)
    tabs.setCurrentIndex(2)
    assert made == ["first", "third"] and built == made
    page = lazy.built("third")
    assert tabs.currentWidget() is page and tabs.indexOf(page) == 2
    assert tabs.tabText(2) == "Third" and tabs.count() == 3
    assert changes == [2]  # the swap itself was no second change of tab
    second = lazy.page("second")  # asked for by the code: built, not shown
    assert made[-1] == "second" and tabs.indexOf(second) == 1 and tabs.currentIndex() == 2
    tabs.setCurrentWidget(second)
    assert tabs.currentIndex() == 1 and made.count("second") == 1
    assert "second" in lazy and "fourth" not in lazy


@pytest.fixture
def office(qtbot, tmp_path, clock):
    """The office PC's window (tests/gui/test_office_window.py's fixture)."""
    from tests.gui.test_office_window import office as office_window

    yield from office_window.__wrapped__(qtbot, tmp_path, clock)


def test_the_panel_builds_only_the_tab_it_shows(office):
    from tests.gui.test_office_window import log_in

    log_in(office, "ana", ADMIN_PW)
    panel = office.window.panel
    QApplication.processEvents()
    shown = panel.tabs.currentWidget()
    names = ["production_tab", "dashboard_tab", "insights_tab", "spc_tab", "oee_tab",
             "lots_tab", "handover_tab", "users_tab", "audit_tab", "catalog_tab"]
    assert all(name in panel.lazy for name in names)
    built = [panel.lazy.built(name) for name in names if panel.lazy.built(name) is not None]
    assert built in ([], [shown])  # at most the tab on screen
    catalog = panel.catalog_tab  # read by the code: built now, in its place
    assert panel.tabs.tabText(panel.tabs.indexOf(catalog)) == "Catalog"
    assert catalog.findChildren(QLabel)  # a real page, not the empty place
    assert panel.lazy.built("dashboard_tab") is None
    office.window.logout_button.click()
    assert office.window.panel is None


def test_no_chart_offers_pyqtgraphs_own_english_menu(office):
    """Right-click on a chart opened pyqtgraph's menu ("View All", "Plot Options",
    "Export..."): English on a pt-BR floor, and meant for developers."""
    import pyqtgraph as pg

    from tests.gui.test_office_window import log_in

    log_in(office, "ana", ADMIN_PW)
    panel = office.window.panel
    for index in range(panel.tabs.count()):  # every tab built
        panel.tabs.setCurrentIndex(index)
    plots = [item for view in panel.findChildren(pg.GraphicsLayoutWidget)
             for item in view.ci.items if isinstance(item, pg.PlotItem)]
    assert len(plots) >= 9  # the dashboard's seven and SPC's two, at least
    assert [p for p in plots if p.menuEnabled() or p.getViewBox().menuEnabled()] == []
