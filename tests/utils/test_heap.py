"""utils/heap.py: memory freed by a burst on a worker thread goes back to the system (the site
view's first catch-up left the panel at 645 MB instead of 261 MB without it)."""

from __future__ import annotations

import sys
import threading

import psutil
import pytest

from utils.heap import give_back_freed_memory

MB = 1024 * 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_memory_freed_on_a_thread_is_given_back():
    kept: list[bytes] = []
    process = psutil.Process()

    def burst() -> None:
        # Pages of 4 KB with a small object kept between them, as a page cache and parsed
        # lines leave it: freed, the space is in holes the allocator does not give back.
        blocks = []
        for n in range(30_000):
            blocks.append(bytearray(4000))
            kept.append(str(n).encode() * 8)
        blocks.clear()

    worker = threading.Thread(target=burst)
    worker.start()
    worker.join()
    held = process.memory_info().rss
    assert give_back_freed_memory()
    given_back = held - process.memory_info().rss
    assert given_back > 60 * MB, f"{given_back / MB:.0f} MB given back of about 120 MB freed"
