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
before (data/view_repo.py `count_records`). tests/data/test_view_record_count.py compares the
two over corrections, voids and moved times.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection, func, or_, select

from data import view_repo, view_schema
from data.records_repo import RecordFilter
from data.view_buckets import YEAR_LEVELS, Buckets
from data.view_db import TIMEZONE_KEY
from models.canonical import parse_utc

R = view_schema.view_records
DEFECT_BOXES = view_schema.agg_insight_defects
META = view_schema.view_meta


def count_records(connection: Connection, f: RecordFilter, buckets: Buckets) -> int:
    """`view_repo.count_records(connection, f)`, from the aggregates where they serve it;
    `buckets`: the site view's (its time zone is the aggregates' own once they are built
    for it; until then the records are counted)."""
    if (not f.defect or f.station_id or f.lot or f.operator
            or not _aggregates_in(connection, buckets)):
        return view_repo.count_records(connection, f)
    cover = buckets.cover(f.start, f.end, YEAR_LEVELS)
    total = 0
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
