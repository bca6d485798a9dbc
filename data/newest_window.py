"""A page of a newest-first list read through a window of the newest rows.

The Audit tab's action filter ("record": record.create, record.edit...) matches a large share
of a long range, and no index serves both the filter and the order by time: SQLite reads every
match by the filter's index and sorts them all for the first 200 (the quick benchmark site,
2-core VM: 1.1 s for "record" over 36 days, so about 11 s over a year, at every live refresh of
the tab, on the GUI thread).

So a page is read first among the rows newer than a bound: the time of the range's
`window`-th newest row, read from the time index alone (stepping over index entries, well
under a microsecond each). Every row at or before the bound comes after every row above it in
the order, so when the rows above the bound fill the page, it is the exact page. Those rows
are read through the time index: the caller gives the query a second time with its filter
written so that no index of its own serves it (SQLite's unary "+" on the column), or SQLite
reads the whole family of actions by their index to keep the few above the bound.

The first window is a probe of the newest PROBE_ROWS. A filter that finds nothing there is
rare, and the query runs as it is (sorting few matches is cheap); otherwise the window grows
to what the share found says the page needs, up to MAX_WINDOW (each row of a window is read
from the table: beyond that, a filter so sparse is cheaper sorted). Only for a filter that no
index of its own serves with the time (a station's or a person's rows are read by their
(station, ts) index already). The order must begin with the time column, newest first (its
ties break on columns after it).
"""

from __future__ import annotations

from typing import Any, Sequence

from sqlalchemy import ColumnElement, Connection, Select, select

PROBE_ROWS = 2_000
MAX_WINDOW = 200_000


def newest_page(connection: Connection, query: Select, recent: Select,
                time_column: ColumnElement, time_conditions: Sequence[ColumnElement[bool]], *,
                limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """The rows [offset, offset + limit) of `query` (filtered and ordered by `time_column`
    newest first, without a limit), as `query.limit(limit).offset(offset)` gives them.
    `recent`: the same query, its filter kept off its own index (read by the time's) and
    without the range's start (the window's bound, later, takes its place: given both, SQLite
    reads the index from the start);
    `time_conditions`: the query's conditions on `time_column` alone (its range), which the
    window is counted in."""
    need = limit + offset
    window = PROBE_ROWS
    while window <= MAX_WINDOW:
        bound = connection.execute(
            select(time_column).where(*time_conditions).order_by(time_column.desc())
            .limit(1).offset(window)).scalar()
        if bound is None:  # the window holds the whole range
            break
        rows = connection.execute(recent.where(time_column > bound).limit(need)).all()
        if len(rows) >= need:
            return [dict(row._mapping) for row in rows[offset:]]
        if not rows:  # a rare filter: its matches are few, and sorting them cheap
            break
        window = window * need * 3 // (2 * len(rows))  # what the share found says, and half again
    return [dict(row._mapping) for row in connection.execute(query.limit(limit).offset(offset))]
