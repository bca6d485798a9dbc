"""Reading the site view (data/view_schema.py): records with the Production tab's filters, page
by page; a record's versions; the site's audit events with the Audit tab's filters; where each
station's chain stands. Every query is served by an index (no full-table scan for a page).

Records are listed newest first by (recorded_at, record_id) for a viewer and oldest first for
exports; a viewer may also sort by a column (`RecordSort`), the ties newest first: those pages
read the filtered rows by an index and sort them (SORT_ROWS_LIMIT says when that is cheap).
Every order is total, so pages never overlap or skip.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple

from sqlalchemy import Connection, and_, case, func, or_, select, tuple_

from data import view_schema
from data.audit_repo import action_family, filter_events, stream_by_time
from data.newest_window import newest_page
from data.records_repo import RecordFilter
from models.canonical import format_utc

R = view_schema.view_records
V = view_schema.view_record_versions
E = view_schema.view_events
S = view_schema.view_sources
A = view_schema.agg_counts


# -- records ------------------------------------------------------------------------------------

def _record_conditions(f: RecordFilter) -> list:
    conditions = []
    if f.start is not None:
        conditions.append(R.c.recorded_at >= format_utc(f.start))
    if f.end is not None:
        conditions.append(R.c.recorded_at < format_utc(f.end))
    if f.station_id:
        conditions.append(R.c.station_id == f.station_id)
    if f.lot:
        conditions.append(R.c.lot == f.lot)
    if f.operator:
        conditions.append(R.c.operator == f.operator)
    if f.defect:
        conditions.append(or_(R.c.rej1_defect == f.defect, R.c.rej2_defect == f.defect,
                              R.c.rej3_defect == f.defect))
    if not f.include_voided:
        conditions.append(R.c.status == "active")
    return conditions


def count_records(connection: Connection, f: RecordFilter) -> int:
    return connection.execute(select(func.count()).select_from(R)
                              .where(*_record_conditions(f))).scalar_one()


class RecordSort(NamedTuple):
    """A viewer's order: by `column` (a SORT_KEYS name; None: by time) `descending` or not;
    records equal in the column newest first, so the order is total."""

    column: str | None = None
    descending: bool = True


NEWEST_FIRST = RecordSort()

# What a column sorts by. A blank measurement sorts below every value (the highest CAM first
# puts the blanks last); the status as the table shows it: saved, corrected, voided.
_BLANK = -1.0e300
SORT_KEYS = {
    "station_id": R.c.station_id, "lot": R.c.lot, "box": R.c.box, "size": R.c.size,
    "cam_d": func.coalesce(R.c.cam_d, _BLANK), "cam_w": func.coalesce(R.c.cam_w, _BLANK),
    "operator": R.c.operator,
    "status": case((R.c.status == "voided", 2), (R.c.version > 1, 1), else_=0),
}
# A column's order is a sort of every record the filters match: within a time range SQLite
# reads the range by ix_view_records_time and sorts it (no index serves a column's order
# inside a range; forcing one reads a year's index for a day's rows). Measured on the quick
# benchmark site (2-core VM, loaded), the query alone: 68,000 records (a week of 200 stations)
# 40-45 ms for the first page, 150-200 ms for a page 20,000 rows down (the tab's refresh
# 95-125 ms, that page 200-310 ms); 340,000 records 190-220 / 290-500 ms; a year's 3.4 M would
# take seconds a page. Above this many (a day of 200 stations is 9,800, a station's year
# 18,000) the viewer keeps the time order, which its indexes serve at any depth (10 ms).
SORT_ROWS_LIMIT = 50_000


def _order(sort: RecordSort) -> list:
    if sort.column is None:
        time = [R.c.recorded_at, R.c.record_id]
        return [c.desc() for c in time] if sort.descending else time
    key = SORT_KEYS[sort.column]
    return [key.desc() if sort.descending else key, R.c.recorded_at.desc(),
            R.c.record_id.desc()]


def record_page(connection: Connection, f: RecordFilter, *, limit: int, offset: int = 0,
                newest_first: bool = True, sort: RecordSort | None = None
                ) -> list[dict[str, Any]]:
    """A page of the records for the filter, in `sort`'s order (None: by time, newest first
    unless `newest_first` is False)."""
    order = _order(sort or RecordSort(descending=newest_first))
    query = select(R).where(*_record_conditions(f)).order_by(*order).limit(limit).offset(offset)
    return [dict(row._mapping) for row in connection.execute(query)]


def iter_records(connection: Connection, f: RecordFilter, batch: int = 5000
                 ) -> Iterator[dict[str, Any]]:
    """Every record for the filter, oldest first, fetched `batch` at a time (exports)."""
    query = select(R).where(*_record_conditions(f)).order_by(R.c.recorded_at, R.c.record_id)
    for row in connection.execution_options(yield_per=batch).execute(query):
        yield dict(row._mapping)


def rows_before(connection: Connection, f: RecordFilter, record: dict[str, Any],
                sort: RecordSort = NEWEST_FIRST) -> int:
    """How many records come before `record` (its current row) in `sort`'s order for the
    filter: its row number in a viewer."""
    at, record_id = record["recorded_at"], record["record_id"]
    newer = or_(R.c.recorded_at > at, and_(R.c.recorded_at == at, R.c.record_id > record_id))
    if sort.column is None:
        older = or_(R.c.recorded_at < at, and_(R.c.recorded_at == at, R.c.record_id < record_id))
        before = newer if sort.descending else older
    else:
        key = SORT_KEYS[sort.column]
        value = connection.execute(select(key).where(R.c.record_id == record_id)).scalar_one()
        ahead = key > value if sort.descending else key < value
        before = or_(ahead, and_(key == value, newer))
    return connection.execute(select(func.count()).select_from(R)
                              .where(*_record_conditions(f), before)).scalar_one()


def current_record(connection: Connection, record_id: str) -> dict[str, Any] | None:
    row = connection.execute(select(R).where(R.c.record_id == record_id)).first()
    return None if row is None else dict(row._mapping)


def record_versions(connection: Connection, record_id: str) -> list[dict[str, Any]]:
    """Every version of one record, oldest first; two versions with one number from two PCs
    are both there (a conflict)."""
    rows = connection.execute(select(V).where(V.c.record_id == record_id)
                              .order_by(V.c.version, V.c.edited_at, V.c.source_station,
                                        V.c.source_seq))
    return [dict(row._mapping) for row in rows]


def record_stations(connection: Connection) -> list[str]:
    """Stations with records (read from the monthly aggregates: a few rows per station, where
    a DISTINCT over the records would read millions)."""
    counted = set(connection.execute(select(A.c.station).where(A.c.level == "M").distinct())
                  .scalars())
    return sorted(counted)


# -- events -------------------------------------------------------------------------------------

_EVENT_FIELDS = (E.c.station, E.c.seq, E.c.ts, E.c.username, E.c.role, E.c.action, E.c.entity,
                 E.c.entity_id, E.c.command_id, E.c.body, E.c.hash)


def count_events(connection: Connection, *, station: str | None = None, user: str | None = None,
                 action: str | None = None, start: str | None = None,
                 end: str | None = None) -> int:
    query = filter_events(select(func.count()).select_from(E), E, station, user, action, start,
                          end, family=_family(connection, action))
    return connection.execute(query).scalar_one()


def _family(connection: Connection, action: str | None) -> list[str] | None:
    return None if not action else action_family(connection, E, action)


def event_page(connection: Connection, *, station: str | None = None, user: str | None = None,
               action: str | None = None, start: str | None = None, end: str | None = None,
               limit: int = 1000, offset: int = 0) -> list[dict[str, Any]]:
    """Events for the filters, newest first by (time, station, seq). An action alone (its
    family is a large share of the range) is read through a window of the newest events
    (data/newest_window.py); a station's or a person's events by their own index."""
    # The hash last: a forked journal's two events of one number are both kept (their
    # station's anomaly), and a page must never show one twice and skip the other.
    order = (E.c.ts.desc(), E.c.station.desc(), E.c.seq.desc(), E.c.hash.desc())
    family = _family(connection, action)
    query = filter_events(select(*_EVENT_FIELDS), E, station, user, action, start, end,
                          family=family).order_by(*order)
    if not action or station or user:
        return [dict(row._mapping) for row in connection.execute(query.limit(limit)
                                                                 .offset(offset))]
    # Without the range's start: the window's bound is later, and SQLite would read the
    # range from its start.
    recent = filter_events(select(*_EVENT_FIELDS), E, station, user, action, None, end,
                           action_by_index=False, family=family).order_by(*order)
    in_range = [c for c in ((E.c.ts >= start) if start else None,
                            (E.c.ts < end) if end else None) if c is not None]
    return newest_page(connection, query, recent, E.c.ts, in_range, limit=limit, offset=offset)


def events_before(connection: Connection, row: dict[str, Any], *, station: str | None = None,
                  user: str | None = None, action: str | None = None, start: str | None = None,
                  end: str | None = None) -> int:
    """How many events come before `row` in the newest-first order for the filters (its
    hash breaks a forked journal's tie of one number, when `row` has it: a page's rows do)."""
    if row.get("hash") is None:
        newer = tuple_(E.c.ts, E.c.station, E.c.seq) > tuple_(row["ts"], row["station"],
                                                               row["seq"])
    else:
        newer = (tuple_(E.c.ts, E.c.station, E.c.seq, E.c.hash)
                 > tuple_(row["ts"], row["station"], row["seq"], row["hash"]))
    query = filter_events(select(func.count()).select_from(E), E, station, user, action, start,
                          end, family=_family(connection, action)).where(newer)
    return connection.execute(query).scalar_one()


def iter_events(connection: Connection, *, station: str | None = None, user: str | None = None,
                action: str | None = None, start: str | None = None, end: str | None = None,
                batch: int = 2000) -> Iterator[dict[str, Any]]:
    """Every event for the filters, oldest first by (time, station, seq), streamed."""
    query = filter_events(select(*_EVENT_FIELDS), E, station, user, action, start, end)
    return stream_by_time(connection, query, E, batch)


def event_stations(connection: Connection) -> list[str]:
    return list(connection.execute(select(S.c.station).where(S.c.events > 0)
                                   .order_by(S.c.station)).scalars())


# -- sources ------------------------------------------------------------------------------------

def sources(connection: Connection) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in connection.execute(
        select(S).order_by(S.c.station, S.c.source))]


def source(connection: Connection, key: str) -> dict[str, Any] | None:
    """One source by its key: a station's id for its first journal (another station's) or
    this PC's own chain; `station/journal-<chain id>` for a later chain's folder."""
    row = connection.execute(select(S).where(S.c.source == key)).first()
    return None if row is None else dict(row._mapping)


def station_sources(connection: Connection, station: str) -> list[dict[str, Any]]:
    """Every source of one station (its chains), by key."""
    return [dict(row._mapping) for row in connection.execute(
        select(S).where(S.c.station == station).order_by(S.c.source))]
