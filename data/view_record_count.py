"""How many records the Production tab's filters match: its count line, read again at every
live reload (records arriving) on the GUI thread.

A defect chosen over a long range is the costly case: no index serves a rejection named in any
of three columns, so SQLite reads every record of the range (about 150 ms for 36 days of 200
stations, 1.5 s for a year). With a defect over every station (one station's records are read
by its own index: 0.4 ms for 36 days) and no lot or operator, the count is put together instead
from what the view keeps anyway: the active records from the Insights' boxes per defect
(`agg_insight_defects`: whole hours, days, months and years inside the range, a box naming the
defect twice counted once, as the filter counts it; data/view_counting.py), the voided ones
through their own index (`ix_view_records_voided`, a few percent of the records), and the
partial hours at the range's ends from the records themselves. Anything else is counted as
before (data/view_repo.py `count_records`), and so are the records before EXACT_FROM (a
mistyped year of a legacy row). tests/data/test_view_record_count.py compares the two over
corrections, voids and moved times.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from sqlalchemy import Connection, func, or_, select

from config.catalog import NO_REJECTION
from data import view_repo, view_schema
from data.records_repo import RecordFilter
from data.view_buckets import YEAR_LEVELS, Buckets
from data.view_db import TIMEZONE_KEY
from models.canonical import parse_utc

R = view_schema.view_records
DEFECT_BOXES = view_schema.agg_insight_defects
META = view_schema.view_meta
# From here on every zone's offset from UTC is a whole number of quarter hours (the time zone
# database's last exception: Liberia, until 1972), as the aggregates' buckets assume
# (data/view_buckets.py caches a record's hour by its UTC quarter hour). Before it, São Paulo's
# local mean time (-03:06:28, until 1914) put records in the wrong hour.
EXACT_FROM = datetime(1973, 1, 1, tzinfo=timezone.utc)


def count_records(connection: Connection, f: RecordFilter, buckets: Buckets) -> int:
    """`view_repo.count_records(connection, f)`, from the aggregates where they serve it;
    `buckets`: the site view's (its time zone is the aggregates' own once they are built
    for it; until then the records are counted)."""
    if (not f.defect or f.defect == NO_REJECTION or f.station_id or f.lot or f.operator
            or not _aggregates_in(connection, buckets)):  # "N/A": no aggregate counts it
        return view_repo.count_records(connection, f)
    total, start = 0, f.start
    if start is None or start < EXACT_FROM:  # by the time index: next to no records there
        early = EXACT_FROM if f.end is None else min(f.end, EXACT_FROM)
        total += view_repo.count_records(connection, replace(f, end=early))
        start = EXACT_FROM
    if f.end is not None and f.end <= start:
        return total
    cover = buckets.cover(start, f.end, YEAR_LEVELS)
    for level, low, high in cover.parts:
        total += _active(connection, f, level, low, high)
        if f.include_voided:
            total += _voided(connection, f, low, high)
    for low, high in cover.raw:
        total += view_repo.count_records(connection, replace(f, start=parse_utc(low),
                                                             end=parse_utc(high)))
    return total


def _aggregates_in(connection: Connection, buckets: Buckets) -> bool:
    zone = connection.execute(select(META.c.value).where(META.c.key == TIMEZONE_KEY)).scalar()
    return zone == buckets.zone_name


def _active(connection: Connection, f: RecordFilter, level: str, low: str, high: str) -> int:
    query = select(func.coalesce(func.sum(DEFECT_BOXES.c.boxes), 0)).where(
        DEFECT_BOXES.c.level == level, DEFECT_BOXES.c.bucket >= low,
        DEFECT_BOXES.c.bucket < high, DEFECT_BOXES.c.defect == f.defect)
    return int(connection.execute(query).scalar_one())


def _voided(connection: Connection, f: RecordFilter, low: str, high: str) -> int:
    # `status = 'voided'` as the partial index says it, so SQLite reads that index.
    query = select(func.count()).select_from(R).where(
        R.c.status == "voided", R.c.recorded_at >= low, R.c.recorded_at < high,
        or_(R.c.rej1_defect == f.defect, R.c.rej2_defect == f.defect,
            R.c.rej3_defect == f.defect))
    return int(connection.execute(query).scalar_one())
