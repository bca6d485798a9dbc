"""The application's one event filter hands each event only to the handlers of its type, stops
it when a handler took it, and carries the idle watcher, the input guard and the names."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from gui.app import make_application
from gui.app_events import AppEvents, app_events


class Target(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[QEvent.Type] = []

    def event(self, event: QEvent) -> bool:  # what got past the filter
        self.seen.append(event.type())
        return True


def test_handlers_get_only_their_types_and_can_stop_an_event(qapp):
    hub = AppEvents(qapp)
    target = Target()
    target.installEventFilter(hub)  # the same filter, on one object for the test
    got: list[tuple[str, QEvent.Type]] = []
    hub.subscribe([QEvent.Type.User], lambda _w, e: got.append(("user", e.type())) or False)
    stop = lambda _w, e: got.append(("stop", e.type())) or True  # noqa: E731
    hub.subscribe([QEvent.Type.User, QEvent.Type.MaxUser], stop)
    hub.subscribe([QEvent.Type.MaxUser], stop)  # twice: still called once
    QCoreApplication.sendEvent(target, QEvent(QEvent.Type.User))
    QCoreApplication.sendEvent(target, QEvent(QEvent.Type.MaxUser))
    QCoreApplication.sendEvent(target, QEvent(QEvent.Type.Timer))
    assert got == [("user", QEvent.Type.User), ("stop", QEvent.Type.User),
                   ("stop", QEvent.Type.MaxUser)]
    assert target.seen == [QEvent.Type.Timer]  # the two taken by `stop` went no further
    hub.unsubscribe(stop)
    QCoreApplication.sendEvent(target, QEvent(QEvent.Type.MaxUser))
    assert target.seen[-1] == QEvent.Type.MaxUser and hub.handlers_of(QEvent.Type.MaxUser) == ()
    target.removeEventFilter(hub)


def test_the_app_has_one_filter_carrying_the_guard_and_the_names(qapp):
    app = make_application([])
    assert app is QApplication.instance()
    hub = app_events(app)
    assert app_events(app) is hub
    assert make_application([]) is app and app_events(app) is hub  # nothing installed twice
    assert [h.__self__.__class__.__name__ for h in hub.handlers_of(QEvent.Type.KeyPress)] \
        .count("InputGuard") == 1
    assert [h.__self__.__class__.__name__ for h in hub.handlers_of(QEvent.Type.Show)] \
        == ["AccessibleNames"]


def test_install_once_makes_subscribes_and_keeps_one(qapp):
    from gui.app_events import install_once

    class Counter(QObject):
        KINDS = (QEvent.Type.MaxUser,)

        def __init__(self, parent: QObject) -> None:
            super().__init__(parent)
            self.count = 0

        def handle(self, _watched: QObject, _event: QEvent) -> bool:
            self.count += 1
            return False

    counter = install_once(qapp, Counter)
    try:
        assert install_once(qapp, Counter) is counter and counter.parent() is qapp
        assert app_events(qapp).handlers_of(QEvent.Type.MaxUser) == (counter.handle,)
        QCoreApplication.sendEvent(Target(), QEvent(QEvent.Type.MaxUser))
        assert counter.count == 1  # subscribed once, through the application's one filter
    finally:
        app_events(qapp).unsubscribe(counter.handle)
