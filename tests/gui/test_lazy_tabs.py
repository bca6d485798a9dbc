"""A tab is built the first time it is opened or asked for, in its own place and title; one
never opened costs nothing, and the panel builds only the tab it shows."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget

from gui.admin.lazy_tabs import LazyTabs
from tests.gui.conftest import ADMIN_PW, wait_for


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


def test_a_prepared_tab_is_made_a_step_per_turn_in_its_place(qtbot):
    """`prepare` runs one step per event-loop turn, the page in its tab from the step that
    yields it, the work off the GUI thread on a task's thread; nothing is shown, and the page
    counts as built only once its last step ran."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from gui.steps import OffThread
    from gui.tasks import TaskRunner

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    runner = TaskRunner(tabs)
    built: list[str] = []
    turns: list[str] = []
    threads: list[str] = []

    def made_in_steps():
        import threading

        page = QWidget()
        turns.append("page")
        yield page  # in its tab from here on, hidden behind the one shown
        layout = QVBoxLayout(page)
        for n in range(3):
            layout.addWidget(QLabel(f"label {n}"))
            turns.append(f"label {n}")
            yield
        answer = yield OffThread(lambda: threads.append(threading.current_thread().name) or 42)
        layout.addWidget(QLabel(f"read {answer}"))
        turns.append("read")
        return page

    lazy = LazyTabs(tabs, on_built=lambda name, _page: built.append(name), runner=runner)
    lazy.add("shown", "Shown", lambda: QLabel("shown"))
    lazy.add("steps", "Steps", made_in_steps)
    lazy.prepare("steps")
    assert turns == []  # from the next turn on
    QApplication.processEvents()
    assert turns == ["page"] and lazy.built("steps") is None
    page = tabs.widget(1)
    assert isinstance(page, QWidget) and not isinstance(page, QLabel)
    QApplication.processEvents()
    assert turns == ["page", "label 0"]
    wait_for(lambda: lazy.built("steps") is not None)
    assert lazy.built("steps") is page and tabs.indexOf(page) == 1
    assert turns == ["page", "label 0", "label 1", "label 2", "read"]
    assert threads and threads[0] != "MainThread"
    assert page.findChild(QLabel).text() == "label 0"
    assert [w.text() for w in page.findChildren(QLabel)][-1] == "read 42"
    assert built == ["shown", "steps"] and tabs.currentIndex() == 0  # nothing shown
    assert tabs.tabText(1) == "Steps" and tabs.count() == 2
    lazy.prepare("steps")  # built: nothing more
    QApplication.processEvents()
    assert built == ["shown", "steps"]


def test_a_page_made_hidden_in_its_tab_is_sized_before_it_is_shown(qtbot):
    """Made in its tab while another is shown, the page's size reaches the window when it is
    done: the window grows to it then, not on the click that shows it (laid out twice)."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    tabs = QTabWidget()
    QVBoxLayout(window).addWidget(tabs)
    window.show()

    def made_in_steps():
        page = QWidget()
        yield page
        wide = QLabel("wide")
        wide.setMinimumWidth(900)
        QVBoxLayout(page).addWidget(wide)
        yield
        return page

    lazy = LazyTabs(tabs)
    lazy.add("shown", "Shown", lambda: QLabel("shown"))
    lazy.add("steps", "Steps", made_in_steps)
    QApplication.processEvents()
    assert tabs.width() < 900
    lazy.prepare("steps")
    wait_for(lambda: lazy.built("steps") is not None)
    wait_for(lambda: tabs.width() >= 900)
    assert tabs.currentIndex() == 0  # grown for it, not showing it


def test_a_tab_opened_while_it_is_prepared_is_finished_at_once(qtbot):
    """The person opens the tab (or the code asks for it) mid-way: the steps left run now,
    the work a step waits for on a task's thread done here; the later answer of that task
    changes nothing."""
    import threading

    from gui.steps import OffThread
    from gui.tasks import TaskRunner

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    runner = TaskRunner(tabs)
    release = threading.Event()
    made: list[str] = []

    def slow_work() -> str:
        if threading.current_thread() is not threading.main_thread():
            release.wait(10)  # the task's copy: held until the page was finished without it
            return "late"
        return "here"

    def made_in_steps():
        page = QLabel("empty")
        yield page
        page.setText((yield OffThread(slow_work)))
        made.append(page.text())
        return page

    lazy = LazyTabs(tabs, runner=runner)
    lazy.add("shown", "Shown", lambda: QLabel("shown"))
    lazy.add("steps", "Steps", made_in_steps)
    lazy.prepare("steps")
    QApplication.processEvents()
    QApplication.processEvents()  # the step that asks for the work: on its task now
    assert runner.busy and made == []
    tabs.setCurrentIndex(1)
    page = lazy.built("steps")
    assert page is not None and tabs.currentWidget() is page
    assert page.text() == "here" and made == ["here"]
    release.set()
    wait_for(lambda: not runner.busy)
    QApplication.processEvents()
    assert page.text() == "here" and made == ["here"] and tabs.widget(1) is page


def test_a_preparation_that_fails_leaves_the_tab_to_be_built_when_opened(qtbot, caplog):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    attempts: list[int] = []

    def made_in_steps():
        attempts.append(1)
        page = QLabel("half made")
        yield page
        if len(attempts) == 1:
            raise OSError("the share went away")
        page.setText("whole")
        return page

    lazy = LazyTabs(tabs)
    lazy.add("shown", "Shown", lambda: QLabel("shown"))
    lazy.add("steps", "Steps", made_in_steps)
    lazy.prepare("steps")
    wait_for(lambda: "the share went away" in caplog.text)
    assert lazy.built("steps") is None
    assert not isinstance(tabs.widget(1), QLabel)  # an empty place again, not the half page
    tabs.setCurrentIndex(1)
    assert tabs.currentWidget() is lazy.built("steps")
    assert lazy.built("steps").text() == "whole" and len(attempts) == 2


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
