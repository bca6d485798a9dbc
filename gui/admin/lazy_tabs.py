"""The admin panel's tabs, each built the first time someone opens it (or the code asks for it).

Building every tab when the panel opens cost most of its first opening: pyqtgraph's plots took
about 0.13 s each on this project's 2-core VM under load (the dashboard has seven, SPC two), the catalog's
pages and the tables come on top, and the panel took 1.74 s to appear the first time in a
process against a target of 1 s (README, site view). Until it is built, a tab holds an empty
place; the page then takes that place at the same index, with the same title, so everything
that finds a tab by its widget (`setCurrentWidget`, `currentWidget() is ...`) keeps working.
A tab that nobody opens costs nothing, and is not refreshed by the site view's changes either:
it reads them when it is built.

A tab the panel will show soon (the Audit tab once a verify from the menu has its result) can be
prepared: its builder may return steps (gui/steps.py) instead of a page, and `prepare` runs one
per event-loop turn, so the window's timers and paints go on between them; built in one go it
held the GUI thread 189 ms (README, bench_gui). `page` finishes at once whatever is left when
the page is needed before that (the person opens the tab, or the dialog closes early).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QTabWidget, QWidget

from utils.refusals import is_refusal

from gui.steps import OffThread, Steps, finish
from gui.tasks import TaskRunner

log = logging.getLogger(__name__)

Builder = Callable[[], "QWidget | Steps[QWidget]"]


class _Place(QWidget):
    """What a tab holds until its page is there."""

    def __init__(self, name: str):
        super().__init__()
        self.setObjectName(f"{name}Place")


class LazyTabs(QObject):
    def __init__(self, tabs: QTabWidget, on_built: Callable[[str, QWidget], None] | None = None,
                 runner: TaskRunner | None = None):
        """`runner`: where a prepared page's work off the GUI thread runs (gui/steps.py
        `OffThread`); without, that work runs in a turn of its own."""
        super().__init__(tabs)
        self.runner = runner
        self.tabs = tabs
        self._on_built = on_built
        self._builders: dict[str, Builder] = {}
        # What holds each tab not yet built: an empty place, or the page while it is made.
        self._places: dict[str, QWidget] = {}
        self._pages: dict[str, QWidget] = {}
        self._preparing: dict[str, Steps[QWidget]] = {}
        self._waiting: dict[str, OffThread] = {}  # a preparation's work on a task's thread
        self._adding = False
        tabs.currentChanged.connect(self._opened)

    def add(self, name: str, title: str, build: Builder) -> None:
        """A tab titled `title` whose page `build()` makes when it is first needed (or steps
        that make it, see `prepare`)."""
        place = _Place(name)
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
        """The page, built now if it was not yet (what a preparation left, finished now)."""
        page = self._pages.get(name)
        if page is not None:
            return page
        steps = self._preparing.pop(name, None) or self._steps(name)
        try:
            made = finish(steps, self._waiting.pop(name, None))
        except BaseException:
            self._empty_place(name)
            raise
        return self._place(name, made)

    def prepare(self, name: str) -> None:
        """Build the page a step per event-loop turn, starting on the next turn, unless it is
        built or being prepared. Placed in its tab when done; nothing is shown."""
        if name in self._pages or name in self._preparing:
            return
        self._preparing[name] = self._steps(name)
        self._next_turn(name)

    def stop_preparing(self) -> None:
        """The window is closing: no further step runs (what is half made is dropped)."""
        for steps in self._preparing.values():
            steps.close()
        self._preparing.clear()
        self._waiting.clear()

    def _steps(self, name: str) -> Steps[QWidget]:
        made = self._builders[name]()
        if not isinstance(made, Generator):
            return made
        # A step may yield the page before it is complete: it takes its place at once, hidden
        # behind the tab shown, so that its widgets are made where they stay (moving a made
        # page into the window styles every widget in it again). Work off the GUI thread is
        # handed on to the driver (`_step` or `finish`) and its result handed back.
        answer = None
        while True:
            try:
                asked = made.send(answer)
            except StopIteration as done:
                page = done.value
                break
            if isinstance(asked, QWidget):
                self._swap(name, asked)
                asked = None
            answer = yield asked
        if self._places[name] is not page:
            yield  # placing it in its tab (a relayout of the tab widget): a turn too
        return page

    def _next_turn(self, name: str, answer: object = None) -> None:
        # With this object as context: dropped if the tabs are gone before it fires.
        QTimer.singleShot(0, self, lambda: self._step(name, answer))

    def _step(self, name: str, answer: object = None) -> None:
        steps = self._preparing.get(name)
        if steps is None:
            return  # finished by `page` meanwhile, or stopped
        try:
            asked = steps.send(answer)
        except StopIteration as done:
            del self._preparing[name]
            self._place(name, done.value)
            return
        except Exception as exc:
            self._failed(name, exc)
            return
        if isinstance(asked, OffThread) and self.runner is not None:
            self._waiting[name] = asked
            self.runner.run(lambda _progress, _cancel: asked.work(),
                            on_done=lambda result: self._worked(name, asked, result),
                            on_error=lambda exc: self._worked(name, asked, None, exc))
        elif isinstance(asked, OffThread):
            self._next_turn(name, asked.work())
        else:
            self._next_turn(name)

    def _worked(self, name: str, asked: OffThread, result: object,
                exc: BaseException | None = None) -> None:
        if self._waiting.get(name) is not asked:
            return  # `page` did that work itself and finished the page, or stopped
        del self._waiting[name]
        if exc is not None:
            self._failed(name, exc)
        else:
            self._step(name, result)

    def _failed(self, name: str, exc: BaseException) -> None:
        # Not shown to anyone yet: opening the tab builds it again in one go, and any error
        # reaches the person then, where it belongs.
        steps = self._preparing.pop(name, None)
        if steps is None:
            return
        steps.close()
        self._empty_place(name)
        expected = is_refusal(exc) or isinstance(exc, OSError)  # else a bug: its traceback
        log.warning("Preparing the %s tab failed (%s); it is built when it is opened",
                    name, exc, exc_info=None if expected else exc)

    def _place(self, name: str, page: QWidget) -> QWidget:
        if self._places[name] is page:
            # Made in its tab while hidden: the tab widget has not heard of its size since it
            # was empty. Told now, the window takes it in (grows if the page needs it) before
            # the page is shown, not on the click that shows it (laid out and painted twice).
            page.updateGeometry()
            self.tabs.updateGeometry()
        self._swap(name, page)
        del self._places[name]
        self._pages[name] = page
        if self._on_built is not None:
            self._on_built(name, page)
        return page

    def _empty_place(self, name: str) -> None:
        """A page that failed half made leaves its tab to an empty place again."""
        held = self._places.get(name)
        if held is not None and not isinstance(held, _Place):
            self._swap(name, _Place(name))

    def _swap(self, name: str, page: QWidget) -> None:
        """`page` in the tab of `name`, instead of what held it (its place, or the page while
        it was being made)."""
        held = self._places[name]
        self._places[name] = page
        if held is page:
            return
        index = self.tabs.indexOf(held)
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
        if isinstance(held, _Place):
            held.deleteLater()
        else:
            held.setParent(None)  # a half-made page: dropped with its last reference

    def _opened(self, index: int) -> None:
        if self._adding:
            return
        widget = self.tabs.widget(index)
        for name, place in list(self._places.items()):
            if place is widget:
                self.page(name)
                return
