"""A folder watcher for hints on Linux, in one thread: inotify read and handed to the handler
on the thread that reads it.

Why not watchdog's Observer here: it passes each event through three threads (the inotify
reader, the emitter, the dispatcher), and in a process whose other threads run Python each
hand-over waits its turn for the interpreter lock. On a command's round trip that is two
watchers, six hand-overs (README, "One thread for a folder watcher on Linux"). This one hands
nothing over: the thread that reads the event calls the handler, which only sets an event
(utils/site/view_watch `Hint`). Elsewhere (Windows, macOS, a Linux without inotify)
`make_observer` gives watchdog's.

It offers what the hints use of an observer: `schedule(handler, path, recursive=False,
event_filter=...)`, `start`, `stop`, `join`, `is_alive`, `daemon`. The events it hands over
have watchdog's `event_type` and `src_path` (`dest_path` for a file moved in); a folder's own
entries that are folders are not files and wake nobody. The watched folder itself is opened
without following a link and watched through that descriptor, so a link swapped in after the
check is never the one watched; the folders above it are the caller's to check (the share's
`require_folder`), and a swap there can only cause or miss hints: readers re-read through the
share's seam (without /proc, in some containers, the folder is watched by its name, never
through a link at its end). A folder removed, renamed away or replaced at its name (by
another folder or a link) stops being watched: `folders` no longer lists it, comparing each
name's identity with the folder watched, so a removal whose notice a flood made the kernel
drop is seen too. The sync service's supervisor, which compares the inbox's identity, watches
a new inbox again, and the panel's watchers (view_watch `FolderHints`) at their next pass. A full kernel
queue (anyone may fill the share with files) wakes every handler once, so each reader rescans
at once. A stopped watcher watches nothing more: its descriptor's number may be another's.
"""

from __future__ import annotations

import errno
import functools
import logging
import os
import select
import struct
import sys
import threading
import time
import weakref
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
IN_ISDIR = 0x40000000
IN_ONLYDIR = 0x01000000
IN_DONT_FOLLOW = 0x02000000
IN_NONBLOCK = 0o4000
IN_CLOEXEC = 0o2000000

_HEADER = struct.Struct("iIII")  # wd, mask, cookie, len (then len bytes of name)
_READ_BYTES = 64 * 1024
# Each inotify bit and the watchdog event type it stands for.
_TYPES = ((IN_MOVED_TO, "moved"), (IN_CLOSE_WRITE, "closed"), (IN_DELETE, "deleted"),
          (IN_CREATE, "created"), (IN_MODIFY, "modified"))
# Watchdog's event classes by name: this module never imports watchdog (where it watches, the
# filter's classes come from utils/site/view_watch.written_events).
_MASK_OF_CLASS = {"FileMovedEvent": IN_MOVED_TO, "FileClosedEvent": IN_CLOSE_WRITE,
                  "FileDeletedEvent": IN_DELETE, "FileCreatedEvent": IN_CREATE,
                  "FileModifiedEvent": IN_MODIFY}
_ALL = IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE | IN_CREATE | IN_MODIFY
OVERFLOW_LOG_S = 60.0  # a full queue is logged at most this often
# The event a handler is given when the kernel dropped events (none of watchdog's types: the
# handlers given to this watcher are utils/site/view_watch `Hint`s, which wake on it).
OVERFLOWED = "overflowed"


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
        libc.inotify_init1.argtypes = [ctypes.c_int]
        libc.inotify_init1.restype = ctypes.c_int
        libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        libc.inotify_add_watch.restype = ctypes.c_int
        libc.inotify_rm_watch.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.inotify_rm_watch.restype = ctypes.c_int
    except (OSError, AttributeError):  # no such calls in this C library
        return None
    return libc


def _identity(folder: str) -> tuple[int, int] | None:
    """The (device, inode) of the entry at `folder`, never through a link (None: nothing
    there)."""
    try:
        info = os.lstat(folder)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _failed(call: str) -> OSError:
    """The error of a failed inotify call (errno as ctypes kept it)."""
    import ctypes  # loaded by _libc already: a lookup in sys.modules

    code = ctypes.get_errno()
    return OSError(code, f"{call}: {os.strerror(code)}")


def available() -> bool:
    """Whether this system has inotify (then `make_observer` gives an InotifyHints)."""
    return _libc() is not None


def make_observer() -> Any:
    """This watcher where the system has inotify; watchdog's Observer elsewhere."""
    if available():
        return InotifyHints()
    from watchdog.observers import Observer  # imported here: watchdog costs start-up time

    return Observer()


def _mask(event_filter: Iterable[type] | None) -> int:
    """The inotify events for watchdog's event classes (None: all five)."""
    if event_filter is None:
        return _ALL
    mask = 0
    for kind in event_filter:
        if kind.__name__ not in _MASK_OF_CLASS:
            raise ValueError(f"no inotify event stands for {kind.__name__}")
        mask |= _MASK_OF_CLASS[kind.__name__]
    return mask


def _close_all(descriptors: list[int]) -> None:
    """Close what is still open (each once: the list is emptied), for the watcher and for
    its finalizer."""
    while descriptors:
        try:
            os.close(descriptors.pop())
        except OSError:
            pass


class InotifyHints:
    """One thread reading one inotify descriptor; each event goes to its folder's handler."""

    def __init__(self) -> None:
        libc = _libc()
        if libc is None:
            raise OSError("inotify is not available on this system")
        fd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            raise _failed("inotify_init1")
        try:
            self._wake_r, self._wake_w = os.pipe()  # stop() writes here to end the wait
            os.set_blocking(self._wake_w, False)
        except OSError:
            os.close(fd)
            raise
        self._libc = libc
        self._fd = fd
        # Every descriptor, closed once by whoever is last: the thread as it ends, `join`
        # when it never started, or the finalizer when a watcher is dropped unstarted (a
        # schedule that failed: the thread is made at `start`, so until then nothing holds
        # the watcher in a cycle and dropping it closes them at once).
        self._open = [self._wake_w, self._wake_r, fd]
        self._finalizer = weakref.finalize(self, _close_all, self._open)
        self._finalizer.atexit = False  # at exit the system closes them; a thread may still poll
        # watch descriptor -> folder, handler, and the folder's identity (device, inode)
        self._folders: dict[int, tuple[str, Any, tuple[int, int]]] = {}
        self._lock = threading.Lock()  # the folders, and the descriptors' closing
        self._thread: threading.Thread | None = None
        self.daemon = True  # as watchdog's observer: its thread does not hold the program
        self._stopped = False
        self._overflow_logged = -OVERFLOW_LOG_S  # time.monotonic() of the last log

    # -- what an observer offers ------------------------------------------------------------

    def schedule(self, handler: Any, path: str, recursive: bool = False,
                 event_filter: Iterable[type] | None = None) -> int:
        """Watch the folder `path` for the events of `event_filter` (watchdog's classes;
        None: all five). OSError when it is a link, no folder, cannot be watched, or this
        watcher is stopped."""
        if recursive:
            raise ValueError("only single folders are watched")
        mask = _mask(event_filter) | IN_ONLYDIR
        folder = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            with self._lock:
                if self._stopped or self._fd not in self._open:
                    # Its descriptor may be another's by now: never watched through it.
                    raise OSError(errno.EBADF, "the folder watcher is stopped")
                watch = self._add_watch(folder, path, mask)
                info = os.fstat(folder)
                self._folders[watch] = (path, handler, (info.st_dev, info.st_ino))
        finally:
            os.close(folder)
        return watch

    def _add_watch(self, folder: int, path: str, mask: int) -> int:
        """Watch the folder opened as `folder`: through its descriptor, never looked up by
        name again, so the folder watched is the one opened, not a link put in its place
        since. Without /proc (some containers), by its name, never through a link at its
        end (IN_DONT_FOLLOW)."""
        by_descriptor = f"/proc/self/fd/{folder}"
        if os.path.isdir("/proc/self/fd"):
            watch = self._libc.inotify_add_watch(self._fd, by_descriptor.encode(), mask)
        else:
            watch = self._libc.inotify_add_watch(self._fd, os.fsencode(path),
                                                 mask | IN_DONT_FOLLOW)
        if watch < 0:
            raise _failed(f"inotify_add_watch on the folder {path}")
        return watch

    def folders(self) -> list[str]:
        """The folders watched now. One removed is let go by the kernel; one renamed away,
        or another folder or a link put at its name since, is let go here (its watch
        removed): it is no longer the folder at that name, so its reader watches the folder
        there again. This also holds when a flood of files made the kernel drop the notice
        of a removal."""
        with self._lock:
            watched = list(self._folders.items())
        gone = [watch for watch, (folder, _handler, identity) in watched
                if _identity(folder) != identity]
        with self._lock:
            for watch in gone:
                if self._folders.pop(watch, None) is not None and self._fd in self._open:
                    self._libc.inotify_rm_watch(self._fd, watch)  # already gone: no matter
            return sorted(folder for folder, _handler, _identity in self._folders.values())

    def start(self) -> None:
        """Start the thread (once; a stopped watcher is not started again)."""
        with self._lock:
            if self._stopped or self._fd not in self._open:
                raise RuntimeError("the folder watcher is stopped")
            if self._thread is not None:
                raise RuntimeError("the folder watcher is started already")
            thread = threading.Thread(target=self._run, name="shopfloor-inotify",
                                      daemon=self.daemon)
            thread.start()  # kept only once started: one that could not start is joined never
            self._thread = thread

    def stop(self) -> None:
        """Ask the thread to end: it hands over no event it reads after this (one it is
        handing over may still arrive)."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            if self._wake_w in self._open:
                os.write(self._wake_w, b"x")  # once, to an empty pipe: never blocks

    def join(self, timeout: float | None = None) -> None:
        """Wait for the thread to end; a watcher never started gives its descriptors back."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        else:
            self._close()

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the thread --------------------------------------------------------------------------

    def _close(self) -> None:
        with self._lock:
            _close_all(self._open)

    def _run(self) -> None:
        try:
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
        finally:
            self._close()  # the thread's own end closes, even after a join gave up waiting

    def _hand_over(self, data: bytes) -> None:
        offset = 0
        while offset + _HEADER.size <= len(data) and not self._stopped:
            watch, mask, _cookie, length = _HEADER.unpack_from(data, offset)
            offset += _HEADER.size
            name = data[offset:offset + length].split(b"\0", 1)[0]
            offset += length
            if mask & IN_Q_OVERFLOW:
                self._overflowed()
                continue
            with self._lock:
                place = (self._folders.pop(watch, None) if mask & IN_IGNORED
                         else self._folders.get(watch))
            if place is None or mask & (IN_IGNORED | IN_ISDIR):
                continue  # its folder was removed; or a folder's entry that is a folder
            folder, handler, _identity = place
            path = os.path.join(folder, os.fsdecode(name))
            for bit, event_type in _TYPES:
                if mask & bit:
                    event = (FolderEvent(event_type, "", path) if event_type == "moved"
                             else FolderEvent(event_type, path))
                    self._dispatch(handler, event)
                    break

    def _overflowed(self) -> None:
        """The kernel dropped events: every handler is woken (each reader rescans its folder
        now, not at its next interval). Anyone may flood the share with files: logged at most
        once a minute."""
        now = time.monotonic()
        if now - self._overflow_logged >= OVERFLOW_LOG_S:
            self._overflow_logged = now
            log.info("Folder watcher: events were dropped (queue full); the readers rescan")
        with self._lock:
            handlers = {id(handler): (folder, handler) for folder, handler, _identity in
                        self._folders.values()}  # a handler shared by folders: woken once
        for folder, handler in handlers.values():
            self._dispatch(handler, FolderEvent(OVERFLOWED, folder))

    @staticmethod
    def _dispatch(handler: Any, event: FolderEvent) -> None:
        try:
            handler.dispatch(event)
        except Exception:  # a handler's bug must not end the watching
            log.exception("Folder watcher: the handler failed on %s", event)
