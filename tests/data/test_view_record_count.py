"""The Production tab's count with a defect chosen (data/view_record_count.py), put together
from the view's aggregates, its voided records' index and the records of the partial hours, is
the count of the records themselves (data/view_repo.py `count_records`): over a history of
late arrivals, corrections (moved in time, other defects) and voids, for ranges with partial
hours at both ends, whole days, months and a whole local year, voided records in or out (one
station's count reads its own index, as before), times of São Paulo's local mean time, "N/A".
And it reads no long range of records to get there."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from data import view_record_count, view_repo
from data.records_repo import RecordFilter
from data.view_buckets import Buckets

from tests.utils.site.viewkit import ViewOnDisk
from tests.utils.test_insights import rows_of
from tests.utils.test_insights_aggregates import DEFECTS, STATIONS, ZONE, _record, _version

START = datetime(2025, 11, 3, 3, 0, tzinfo=timezone.utc)  # Monday 00:00 in São Paulo
DAYS = 450  # whole local months and the whole year 2026 inside


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    """A view that lived through the history, its aggregates kept batch by batch."""
    rng = random.Random(23)
    found = ViewOnDisk(tmp_path_factory.mktemp("count"), ZONE)
    found.writer.rebuild_aggregates()  # an empty view: its aggregates now in the site's zone
    records = [_record(rng, n, START, DAYS) for n in range(1500)]
    # On the hour exactly (a bucket's first moment, a range's bound), voided below: one at the
    # end of the months' filter of _filters, of its station and defect.
    edge = [dict(_record(rng, 1500 + n, START, DAYS), when=START + timedelta(
        hours=rng.randrange(24 * DAYS))) for n in range(40)]
    edge.append({**_record(rng, 1540, START, DAYS), "station_id": STATIONS[1],
                 "when": datetime(2026, 6, 1, 3, tzinfo=timezone.utc),
                 "rejections": [(DEFECTS[1], "Cap")]})
    records += edge
    in_time = sorted(records, key=lambda r: r["when"])
    found.put(rows_of(in_time[:1000]))
    late = in_time[1000:]
    rng.shuffle(late)
    found.put(rows_of(late[:250]))
    found.put(rows_of(late[250:]))
    current = {r["record_id"]: dict(r) for r in records}
    corrections = []
    for record in rng.sample(records, 200):
        changed = dict(record)
        if rng.random() < 0.5:
            changed["when"] = record["when"] + timedelta(hours=rng.randrange(-900, 900))
        else:
            changed["rejections"] = [(rng.choice(DEFECTS), "Cap")] if rng.random() < 0.7 else []
        current[record["record_id"]] = changed
        corrections.append(_version(changed, 2))
    found.put(corrections)
    voids = []
    for record in [*rng.sample(records[:1500], 150), *edge[::3], edge[-1]]:
        version = 3 if any(c["record_id"] == record["record_id"] for c in corrections) else 2
        voids.append(_version(current[record["record_id"]], version, status="voided"))
    found.put(voids)
    yield found
    found.close()


def _filters(rng: random.Random) -> list[RecordFilter]:
    end_of = START + timedelta(days=DAYS)
    chosen = []
    for _ in range(120):
        start = None if rng.random() < 0.2 else START + timedelta(
            minutes=rng.randrange(-600, 60 * 24 * DAYS), seconds=rng.randrange(60))
        end = None if rng.random() < 0.2 else (start or START) + timedelta(
            minutes=rng.randrange(1, 60 * 24 * 200))
        chosen.append(RecordFilter(start=start, end=min(end, end_of) if end else None,
                                   station_id=rng.choice((None, *STATIONS)),
                                   defect=rng.choice(DEFECTS),
                                   include_voided=rng.random() < 0.7))
    # A whole local year and whole local months; a range inside one hour; an empty range.
    year = datetime(2026, 1, 1, 3, tzinfo=timezone.utc)
    chosen += [RecordFilter(start=year, end=datetime(2027, 1, 1, 3, tzinfo=timezone.utc),
                            defect=DEFECTS[0], include_voided=True),
               RecordFilter(start=datetime(2026, 3, 1, 3, tzinfo=timezone.utc),
                            end=datetime(2026, 6, 1, 3, tzinfo=timezone.utc),
                            station_id=STATIONS[1], defect=DEFECTS[1]),
               RecordFilter(start=year + timedelta(minutes=7), end=year + timedelta(minutes=9),
                            defect=DEFECTS[0], include_voided=True),
               RecordFilter(start=year, end=year, defect=DEFECTS[2], include_voided=True)]
    return chosen


def test_the_count_from_the_aggregates_is_the_count_of_the_records(view):
    buckets = Buckets(ZONE)
    with view.database.read() as connection:
        for chosen in _filters(random.Random(5)):
            assert view_record_count.count_records(connection, chosen, buckets) == \
                view_repo.count_records(connection, chosen), chosen
        some = view_repo.count_records(connection, RecordFilter(defect=DEFECTS[0],
                                                                include_voided=True))
        assert some > 300  # the history holds what the comparison needs
        assert view_repo.count_records(connection, RecordFilter(include_voided=True)) > \
            view_repo.count_records(connection, RecordFilter(include_voided=False))  # voided


def test_no_long_range_of_records_is_read(view, monkeypatch):
    """The records are read only for the partial hours at the range's ends; with another time
    zone than the aggregates' (a site whose zone changed, before the next ingest counts them
    again), or without a defect, they are counted as before."""
    read: list[RecordFilter] = []
    plain = view_repo.count_records

    def counted(connection, f):
        read.append(f)
        return plain(connection, f)

    monkeypatch.setattr(view_repo, "count_records", counted)
    long = RecordFilter(start=datetime(2025, 12, 14, 8, 17, tzinfo=timezone.utc),
                        end=datetime(2026, 11, 9, 15, 41, tzinfo=timezone.utc),
                        defect=DEFECTS[0], include_voided=True)
    with view.database.read() as connection:
        view_record_count.count_records(connection, long, Buckets(ZONE))
        assert len(read) == 2 and all(f.end - f.start < timedelta(hours=1) for f in read)
        read.clear()
        view_record_count.count_records(connection, long, Buckets("Asia/Tokyo"))
        view_record_count.count_records(connection, replace(long, defect=None), Buckets(ZONE))
        view_record_count.count_records(connection, replace(long, lot="L1"), Buckets(ZONE))
        view_record_count.count_records(connection, replace(long, station_id=STATIONS[0]),
                                        Buckets(ZONE))  # its own index serves a station
        assert [f.start for f in read] == [long.start] * 4


def test_the_voided_records_are_read_by_their_own_index(view):
    with view.database.read() as connection:
        plan = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM view_records WHERE status = 'voided' "
            "AND recorded_at >= '2026' AND recorded_at < '2027' AND rej1_defect = 'Furo'"
        ).fetchall()
    assert any("ix_view_records_voided" in str(row) for row in plan), plan



@pytest.mark.parametrize("start, end", [
    (datetime(1905, 6, 1, 9, 20, tzinfo=timezone.utc), datetime(1905, 6, 1, 12, 1,
                                                                 tzinfo=timezone.utc)),
    (None, datetime(2026, 3, 1, 3, tzinfo=timezone.utc)),  # from before 1914 into the aggregates
    (datetime(1905, 6, 1, 10, tzinfo=timezone.utc), None),
])
def test_records_of_local_mean_time_are_counted_as_listed(tmp_path, start, end):
    """São Paulo kept its local mean time (-03:06:28) until 1914: its hours start at hh:06:28
    UTC, which the aggregates' quarter-hour buckets do not follow. A legacy row with a mistyped
    year lands there (the earliest time taken is 1900): such times are counted from the
    records, the rest of the range from the aggregates, and the count is what the tab lists."""
    view = ViewOnDisk(tmp_path, ZONE)
    view.writer.rebuild_aggregates()
    first = datetime(1905, 6, 1, 9, tzinfo=timezone.utc)
    rows = [{"record_id": f"p{n:04d}", "station_id": "201",
             "when": first + timedelta(seconds=37 * n), "cam_d": 1.0, "cam_w": 1.0,
             "rejections": [("Furo", "Cap")]} for n in range(400)]
    rows += [dict(_record(random.Random(n), 2000 + n), rejections=[("Furo", "Cap")])
             for n in range(50)]
    view.put(rows_of(rows))
    chosen = RecordFilter(start=start, end=end, defect="Furo", include_voided=True)
    try:
        with view.database.read() as connection:
            expected = view_repo.count_records(connection, chosen)
            assert expected > 0
            assert view_record_count.count_records(connection, chosen, Buckets(ZONE)) == expected
    finally:
        view.close()


def test_no_rejection_is_counted_from_the_records(tmp_path):
    """"N/A" (a slot the old system filled with no rejection: legacy rows) is no defect the
    aggregates count: such a filter is counted from the records."""
    view = ViewOnDisk(tmp_path, ZONE)
    view.writer.rebuild_aggregates()
    view.put(rows_of([dict(_record(random.Random(n), n, START, 30), rejections=[("N/A", "N/A")])
                      for n in range(30)]))
    chosen = RecordFilter(start=START, end=START + timedelta(days=40), defect="N/A")
    try:
        with view.database.read() as connection:
            expected = view_repo.count_records(connection, chosen)
            assert expected == 30
            assert view_record_count.count_records(connection, chosen, Buckets(ZONE)) == expected
    finally:
        view.close()
