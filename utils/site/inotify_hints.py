"""A folder watcher for hints on Linux, in one thread: inotify read and handed to the handler
on the thread that reads it.

Why not watchdog's Observer here: it passes each event through three threads (the inotify
reader, the emitter, the dispatcher), and in a process whose other threads run Python each
hand-over waits its turn for the interpreter lock. On a command's round trip that is two
watchers, six hand-overs (README, "Where a round trip goes"). This one hands nothing over: the
thread that reads the event calls the handler, which only sets an event (utils/site/view_watch
`Hint`). Elsewhere (Windows, macOS, a Linux without inotify) `make_observer` gives watchdog's.

It offers what the hints use of an observer: `schedule(handler, path, recursive=False,
event_filter=...)`, `start`, `stop`, `join`, `is_alive`, `daemon`. The events it hands over
have watchdog's `event_type` and `src_path` (`dest_path` for a file moved in). A watched
folder is never followed through a link (IN_DONT_FOLLOW, IN_ONLYDIR); one removed stops
being watched, and the sync service's supervisor, which compares the folder's identity,
watches it again.
"""

from __future__ import annotations

import functools
import logging
import os
import select
import struct
import sys
import threading
from dataclasses import dataclass
from typing import Any, Iterable

log = logging.getLogger(__name__)

# <sys/inotify.h>
IN_MODIFY = 0x00000002
IN_CLOSE_WRITE = 0x00000008
IN_MOVED_TO = 0x00000080
IN_CREATE = 0x00000100
IN_DELETE = 0x00000200
IN_IGNORED = 0x00008000
IN_Q_OVERFLOW = 0x00004000
IN_ONLYDIR = 0x01000000
IN_DONT_FOLLOW = 0x02000000
IN_NONBLOCK = 0o4000
IN_CLOEXEC = 0o2000000

_HEADER = struct.Struct("iIII")  # wd, mask, cookie, len (then len bytes of name)
_READ_BYTES = 64 * 1024
# Each inotify bit and the watchdog event type it stands for.
_TYPES = ((IN_MOVED_TO, "moved"), (IN_CLOSE_WRITE, "closed"), (IN_DELETE, "deleted"),
          (IN_CREATE, "created"), (IN_MODIFY, "modified"))
# Watchdog's event classes by name (compared by name: importing watchdog costs start-up time).
_MASK_OF_CLASS = {"FileMovedEvent": IN_MOVED_TO, "FileClosedEvent": IN_CLOSE_WRITE,
                  "FileDeletedEvent": IN_DELETE, "FileCreatedEvent": IN_CREATE,
                  "FileModifiedEvent": IN_MODIFY}
_ALL = IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE | IN_CREATE | IN_MODIFY


@dataclass(frozen=True)
class FolderEvent:
    """What a handler is told, in watchdog's words."""

    event_type: str
    src_path: str
    dest_path: str = ""


@functools.cache
def _libc() -> Any | None:
    """The C library's inotify calls, looked up once, on first use (ctypes is not imported at
    start-up); None where there are none."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)  # the process's own symbols: the C library's
        libc.inotify_init1, libc.inotify_add_watch  # noqa: B018  (present, or AttributeError)
    except (OSError, AttributeError):
        return None
    return libc


def _failed(call: str) -> OSError:
    """The error of a failed inotify call (errno as ctypes kept it)."""
    import ctypes  # loaded by _libc already: a lookup in sys.modules

    errno = ctypes.get_errno()
    return OSError(errno, f"{call}: {os.strerror(errno)}")


def available() -> bool:
    return _libc() is not None


def make_observer() -> Any:
    """This watcher where the system has inotify; watchdog's Observer elsewhere."""
    if available():
        return InotifyHints()
    from watchdog.observers import Observer  # imported here: watchdog costs start-up time

    return Observer()


def _mask(event_filter: Iterable[type] | None) -> int:
    if event_filter is None:
        return _ALL
    mask = 0
    for kind in event_filter:
        mask |= _MASK_OF_CLASS.get(kind.__name__, 0)
    return mask


class InotifyHints:
    """One thread reading one inotify descriptor; each event goes to its folder's handler."""

    def __init__(self) -> None:
        libc = _libc()
        if libc is None:
            raise OSError("inotify is not available on this system")
        fd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            raise _failed("inotify_init1")
        self._libc = libc
        self._fd = fd
        self._wake_r, self._wake_w = os.pipe()  # stop() writes here to end the wait
        self._folders: dict[int, tuple[str, Any]] = {}  # watch descriptor -> folder, handler
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="shopfloor-inotify", daemon=True)
        self._stopped = False
        self._overflowed = False  # a full queue was logged

    # -- what an observer offers ------------------------------------------------------------

    @property
    def daemon(self) -> bool:
        return self._thread.daemon

    @daemon.setter
    def daemon(self, value: bool) -> None:
        self._thread.daemon = value

    def schedule(self, handler: Any, path: str, recursive: bool = False,
                 event_filter: Iterable[type] | None = None) -> int:
        """Watch the folder `path` (never through a link) for the events of `event_filter`
        (watchdog's classes; None: all five)."""
        if recursive:
            raise ValueError("only single folders are watched")
        mask = _mask(event_filter) | IN_ONLYDIR | IN_DONT_FOLLOW
        watch = self._libc.inotify_add_watch(self._fd, os.fsencode(path), mask)
        if watch < 0:
            raise _failed(f"inotify_add_watch {path}")
        with self._lock:
            self._folders[watch] = (path, handler)
        return watch

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped = True
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass  # already closed: the thread has ended

    def join(self, timeout: float | None = None) -> None:
        if self._thread.ident is not None:
            self._thread.join(timeout)
        if not self._thread.is_alive():
            self._close()

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    # -- the thread --------------------------------------------------------------------------

    def _close(self) -> None:
        for fd in (self._fd, self._wake_r, self._wake_w):
            try:
                os.close(fd)
            except OSError:
                pass
        self._fd = self._wake_r = self._wake_w = -1

    def _run(self) -> None:
        poller = select.poll()
        poller.register(self._fd, select.POLLIN)
        poller.register(self._wake_r, select.POLLIN)
        while not self._stopped:
            ready = {fd for fd, _flags in poller.poll()}
            if self._wake_r in ready or self._stopped:
                return
            try:
                data = os.read(self._fd, _READ_BYTES)
            except BlockingIOError:
                continue
            self._hand_over(data)

    def _hand_over(self, data: bytes) -> None:
        offset = 0
        while offset + _HEADER.size <= len(data):
            watch, mask, _cookie, length = _HEADER.unpack_from(data, offset)
            offset += _HEADER.size
            name = data[offset:offset + length].split(b"\0", 1)[0]
            offset += length
            if mask & IN_Q_OVERFLOW:
                # Anyone may write in the share: a flood of files fills the kernel's queue.
                # Said once, not once a flood; the reader's rescan reads what was dropped.
                if not self._overflowed:
                    self._overflowed = True
                    log.info("Folder watcher: events were dropped (queue full); the rescan "
                             "reads what they were about")
                continue
            with self._lock:
                place = (self._folders.pop(watch, None) if mask & IN_IGNORED
                         else self._folders.get(watch))
            if place is None or mask & IN_IGNORED:
                continue  # its folder was removed: the supervisor watches it again
            folder, handler = place
            path = os.path.join(folder, os.fsdecode(name))
            for bit, event_type in _TYPES:
                if mask & bit:
                    event = (FolderEvent(event_type, "", path) if event_type == "moved"
                             else FolderEvent(event_type, path))
                    self._dispatch(handler, event)
                    break

    @staticmethod
    def _dispatch(handler: Any, event: FolderEvent) -> None:
        try:
            handler.dispatch(event)
        except Exception:  # a handler's bug must not end the watching
            log.exception("Folder watcher: the handler failed on %s", event)

