"""Rows of a long table read a page at a time as the view scrolls, the last pages kept: what
the Production tab's records (site_records_model.py) and the Audit tab's events
(audit_model.py) both page through. A year of a large plant is millions of rows; only the
pages on screen are ever in memory.

The models own what differs (how a page is read, what a row's identity is, what else they
cache per row); this holds the count and the pages.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable

Row = dict[str, Any]


class PagedRows:
    def __init__(self, read_page: Callable[[int, int], list[Row]], pages_kept: int, *,
                 dropped: Callable[[range], None] | None = None):
        """`read_page(limit, offset)`: the rows of one page; `dropped(rows)`: told which rows
        left memory with a page (a model forgets what it made from them)."""
        self._read_page = read_page
        self._dropped = dropped
        self.pages_kept = pages_kept
        self.page_rows = 1
        self.count = 0
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self.queries = 0  # pages read (tests and the benchmark look at it)

    def __len__(self) -> int:
        """The pages in memory."""
        return len(self._pages)

    def reset(self, count: int, page_rows: int, first: list[Row] | None = None) -> None:
        """A new count, every page forgotten (the first one given if it was read with the
        count). `page_rows` is read at each reset: a test may make pages small."""
        self.count, self.page_rows = count, page_rows
        self._pages.clear()
        if first is not None:
            self._pages[0] = first

    def row(self, row: int) -> Row:
        """The row (its page read if it is not in memory); {} if the page holds fewer rows
        than counted (the rows changed since: a reload is on its way)."""
        number, within = divmod(row, self.page_rows)
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(self.page_rows, number * self.page_rows)
            self.queries += 1
            self._pages[number] = page
            if len(self._pages) > self.pages_kept:
                gone, _ = self._pages.popitem(last=False)
                if self._dropped is not None:
                    self._dropped(range(gone * self.page_rows, (gone + 1) * self.page_rows))
        else:
            self._pages.move_to_end(number)
        return page[within] if within < len(page) else {}
