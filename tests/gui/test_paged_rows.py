"""PagedRows (gui/admin/paged_rows.py): the paging both the Production and the Audit tables
use — a page read once while kept, the oldest page forgotten first, the rows it held named."""

from __future__ import annotations

from gui.admin.paged_rows import PagedRows


def test_pages_are_read_once_while_kept_and_the_oldest_is_forgotten_first():
    reads: list[tuple[int, int]] = []
    dropped: list[range] = []
    rows = [{"n": n} for n in range(10)]

    def read(limit: int, offset: int):
        reads.append((limit, offset))
        return rows[offset:offset + limit]

    paged = PagedRows(read, 2, dropped=dropped.append)
    paged.reset(len(rows), 3)
    assert [paged.row(n)["n"] for n in (0, 1, 2, 4)] == [0, 1, 2, 4]
    assert reads == [(3, 0), (3, 3)] and paged.queries == 2 and len(paged) == 2
    assert paged.row(0) == {"n": 0}  # kept: not read again, and now the newest used
    assert paged.row(7) == {"n": 7}  # a third page: the one used longest ago goes
    assert dropped == [range(3, 6)] and len(paged) == 2
    assert paged.row(3) == {"n": 3} and reads[-1] == (3, 3)


def test_a_page_shorter_than_counted_gives_an_empty_row_and_a_reset_forgets_every_page():
    paged = PagedRows(lambda limit, offset: [{"n": 0}][offset:offset + limit], 4)
    paged.reset(5, 10)
    assert paged.row(0) == {"n": 0}
    assert paged.row(3) == {}  # the rows changed since the count: a reload is on its way
    paged.reset(1, 10, first=[{"n": 9}])
    assert len(paged) == 1 and paged.row(0) == {"n": 9} and paged.queries == 1
