"""One application-wide event filter for the few things that must see every window's events.

Qt calls an application's event filter for every event of every object: the panel's first
opening alone delivers about 38,000 (widgets made, polished, laid out). Each Python filter
costs about 7 µs an event on this project's 2-core VM (`sendEvent` loop: 1.3 µs with none,
8.7 µs with one, 21 µs with three), so the idle watcher, the input guard and the accessible
names, each its own filter, cost about 0.8 s of that opening by that count, and their share of every paint
and timer event after it. Here one filter asks for the event's type once and calls only the
handlers registered for that type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar, Protocol, TypeVar

from PySide6.QtCore import QEvent, QObject

# Returns True when the event was dealt with and must go no further (as eventFilter does).
Handler = Callable[[QObject, QEvent], bool]


class AppWide(Protocol):
    """An application-wide handler: the event types it wants, and the handler itself."""
    KINDS: ClassVar[tuple[QEvent.Type, ...]]

    def __init__(self, parent: QObject) -> None: ...

    def handle(self, watched: QObject, event: QEvent) -> bool: ...


Wide = TypeVar("Wide", bound=AppWide)


class AppEvents(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._handlers: dict[QEvent.Type, tuple[Handler, ...]] = {}

    def subscribe(self, kinds: Iterable[QEvent.Type], handler: Handler) -> None:
        for kind in kinds:
            if handler not in self._handlers.get(kind, ()):
                self._handlers[kind] = (*self._handlers.get(kind, ()), handler)

    def unsubscribe(self, handler: Handler) -> None:
        for kind, handlers in list(self._handlers.items()):
            kept = tuple(h for h in handlers if h != handler)
            if kept:
                self._handlers[kind] = kept
            else:
                del self._handlers[kind]

    def handlers_of(self, kind: QEvent.Type) -> tuple[Handler, ...]:
        return self._handlers.get(kind, ())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        handlers = self._handlers.get(event.type())
        if handlers:
            for handler in handlers:
                if handler(watched, event):
                    return True
        return False


def app_events(app: QObject) -> AppEvents:
    """The application's one filter, installed on first use."""
    events = getattr(app, "_shopfloor_app_events", None)
    if events is None:
        events = AppEvents(app)
        app.installEventFilter(events)
        app._shopfloor_app_events = events  # type: ignore[attr-defined]
    return events


def install_once(app: QObject, kind: type[Wide]) -> Wide:
    """The application's one `kind` (the input guard, the accessible names): made as a child
    of the application and subscribed for its KINDS on first use, the same one after."""
    attribute = f"_shopfloor_{kind.__name__}"
    made = getattr(app, attribute, None)
    if made is None:
        made = kind(app)
        app_events(app).subscribe(kind.KINDS, made.handle)
        setattr(app, attribute, made)
    return made
