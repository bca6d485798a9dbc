"""The admin panel's tabs, each built the first time someone opens it (or the code asks for it).

Building every tab when the panel opens cost most of its first opening: pyqtgraph's plots took
about 0.13 s each on this project's 2-core VM under load (the dashboard has seven, SPC two), the catalog's
pages and the tables come on top, and the panel took 1.74 s to appear the first time in a
process against a target of 1 s (README, site view). Until it is built, a tab holds an empty
place; the page then takes that place at the same index, with the same title, so everything
that finds a tab by its widget (`setCurrentWidget`, `currentWidget() is ...`) keeps working.
A tab that nobody opens costs nothing, and is not refreshed by the site view's changes either:
it reads them when it is built.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs(QObject):
    def __init__(self, tabs: QTabWidget, on_built: Callable[[str, QWidget], None] | None = None):
        super().__init__(tabs)
        self.tabs = tabs
        self._on_built = on_built
        self._builders: dict[str, Callable[[], QWidget]] = {}
        self._places: dict[str, QWidget] = {}
        self._pages: dict[str, QWidget] = {}
        self._adding = False
        tabs.currentChanged.connect(self._opened)

    def add(self, name: str, title: str, build: Callable[[], QWidget]) -> None:
        """A tab titled `title` whose page `build()` makes when it is first needed."""
        place = QWidget()
        place.setObjectName(f"{name}Place")
        self._builders[name] = build
        self._places[name] = place
        self._adding = True  # the first tab added becomes current inside addTab: not yet
        try:
            self.tabs.addTab(place, title)
        finally:
            self._adding = False
        if self.tabs.currentWidget() is place:  # the tab shown first is built at once
            self.page(name)

    def __contains__(self, name: str) -> bool:
        return name in self._builders

    def built(self, name: str) -> QWidget | None:
        """The page if it was built, without building it."""
        return self._pages.get(name)

    def page(self, name: str) -> QWidget:
        """The page, built now if it was not yet."""
        page = self._pages.get(name)
        if page is not None:
            return page
        page = self._builders[name]()
        self._pages[name] = page
        place = self._places.pop(name)
        index = self.tabs.indexOf(place)
        was_current = self.tabs.currentIndex() == index
        # The swap itself is no change of tab for anyone listening (this object included).
        blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.insertTab(index, page, self.tabs.tabText(index))
            self.tabs.removeTab(index + 1)
            if was_current:
                self.tabs.setCurrentIndex(index)
        finally:
            self.tabs.blockSignals(blocked)
        place.deleteLater()
        if self._on_built is not None:
            self._on_built(name, page)
        return page

    def _opened(self, index: int) -> None:
        if self._adding:
            return
        widget = self.tabs.widget(index)
        for name, place in list(self._places.items()):
            if place is widget:
                self.page(name)
                return
