"""The records behind a number of the Insights: `RowsQuery` says which (a figure keeps a few
of them, never the records), `rows_behind` reads them when someone opens the number.
"""

from __future__ import annotations

from typing import Any, Iterable, NamedTuple

from sqlalchemy import Connection

from config.catalog import NO_REJECTION
from data.view_buckets import Buckets
from data.view_insights import Key, record_sums
from data.view_schema import RECORD_FIELDS


class RowsQuery(NamedTuple):  # a tuple: a year's site makes thousands of them
    """Which records a number was computed from: active records of the range [start, end)
    (canonical UTC text) and, when set, of one station, from `after` to `until` (included) or
    before `before` (excluded) in the order, with a measurement (`measured` "any", "cam_d",
    "cam_w"; with `above`: that measurement above it), a rejection of `defect` (and at
    `location`; a `location` alone: of any defect), or in `shift`."""

    station: str | None = None
    start: str | None = None
    end: str | None = None
    after: Key | None = None
    until: Key | None = None
    before: Key | None = None
    measured: str | None = None
    above: float | None = None
    defect: str | None = None
    location: str | None = None
    shift: int | None = None


_NAMED = "({d} IS NOT NULL AND {d} NOT IN ('', '" + NO_REJECTION.replace("'", "''") + "'))"


def _query_sql(query: RowsQuery) -> tuple[str, list]:
    conditions, params = ["status = 'active'"], []
    if query.station is not None:
        conditions.append("station_id = ?")
        params.append(query.station)
    if query.start is not None:
        conditions.append("recorded_at >= ?")
        params.append(query.start)
    if query.end is not None:
        conditions.append("recorded_at < ?")
        params.append(query.end)
    if query.after is not None:
        conditions.append("(recorded_at, record_id) >= (?, ?)")
        params += list(query.after)
    if query.until is not None:
        conditions.append("(recorded_at, record_id) <= (?, ?)")
        params += list(query.until)
    if query.before is not None:
        conditions.append("(recorded_at, record_id) < (?, ?)")
        params += list(query.before)
    if query.measured == "any":
        conditions.append("(cam_d IS NOT NULL OR cam_w IS NOT NULL)")
    elif query.measured in ("cam_d", "cam_w"):
        if query.above is None:
            conditions.append(f"{query.measured} IS NOT NULL")
        else:
            conditions.append(f"{query.measured} > ?")
            params.append(query.above)
    pairs = []
    for i in (1, 2, 3):
        defect, location = f"rej{i}_defect", f"rej{i}_location"
        if query.defect is not None and query.location is not None:
            pairs.append(f"({defect} = ? AND {location} = ?)")
            params += [query.defect, query.location]
        elif query.defect is not None:
            pairs.append(f"{defect} = ?")
            params.append(query.defect)
        elif query.location is not None:
            pairs.append(f"({location} = ? AND {_NAMED.format(d=defect)})")
            params.append(query.location)
    if pairs:
        conditions.append(f"({' OR '.join(pairs)})")
    return " AND ".join(conditions), params


def rows_behind(connection: Connection, buckets: Buckets, queries: Iterable[RowsQuery],
                limit: int) -> tuple[list[dict[str, Any]], bool]:
    """The records of any of `queries`, each once, in order (recorded_at, record_id): at most
    `limit`, and whether that is all of them."""
    found: dict[str, dict[str, Any]] = {}
    complete = True
    columns = ", ".join(RECORD_FIELDS)
    for query in queries:
        where, params = _query_sql(query)
        cursor = connection.exec_driver_sql(
            f"SELECT {columns} FROM view_records WHERE {where} "
            f"ORDER BY recorded_at, record_id", tuple(params))
        taken = 0
        for row in cursor:
            record = dict(zip(RECORD_FIELDS, row))
            if query.shift is not None:
                counted = record_sums(record, buckets)
                if counted is None or counted[0] != query.shift:
                    continue
            if taken >= limit:
                complete = False
                break
            taken += 1
            found.setdefault(record["record_id"], record)
        cursor.close()
    ordered = sorted(found.values(), key=lambda r: (r["recorded_at"], r["record_id"]))
    if len(ordered) > limit:
        complete = False
    return ordered[:limit], complete
