"""The dashboard aggregates of the site view agree with counting the records by hand, for any
range, in time zones with summer time and with half-hour offsets, after corrections (a record
moved to another hour, station or defect) and voids."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from data.records_repo import RecordFilter
from data import view_buckets
from data.view_buckets import Buckets
from data.view_db import open_view_database
from data.view_figures import site_counts
from data.view_repo import iter_records
from data.view_store import Batch, Position, ViewWriter
from models.canonical import format_utc

DEFECTS = ("Furo", "Rachada", "Amassada", "N/A")
START = datetime(2026, 3, 1, tzinfo=timezone.utc)


def _row(number: int, rng: random.Random, **changes) -> dict:
    at = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 300))
    defect = rng.choice(DEFECTS)
    row = {"record_id": f"r{number}", "version": 1, "station_id": rng.choice(("201", "202", "203")),
           "lot": "L1", "box": number, "size": "#0", "unit_weight_kg": 0.000096,
           "rej1_defect": defect, "rej1_location": rng.choice(("Cap", "Body")),
           "rej2_defect": None, "rej2_location": None, "rej3_defect": None,
           "rej3_location": None, "cam_d": rng.choice((None, round(rng.uniform(0, 9), 2))),
           "cam_w": round(rng.uniform(0, 9), 2), "operator": "op",
           "recorded_at": format_utc(at), "utc_offset_minutes": -180, "origin": "station",
           "status": "active", "reason": None, "editor": None, "edited_at": None,
           "base_version": None, "source_station": "201", "source_seq": number}
    row.update(changes)
    return row


def _by_hand(rows: list[dict], zone: ZoneInfo, start, end, station) -> dict:
    boxes, hours, defects = {}, [0] * 24, {}
    cam_d = {}
    for row in rows:
        at = datetime.fromisoformat(row["recorded_at"].replace("Z", "+00:00"))
        if row["status"] != "active" or (start and at < start) or (end and at >= end):
            continue
        if station and row["station_id"] != station:
            continue
        boxes[row["station_id"]] = boxes.get(row["station_id"], 0) + 1
        if row["cam_d"] is not None:
            total, count = cam_d.get(row["station_id"], (0.0, 0))
            cam_d[row["station_id"]] = (total + row["cam_d"], count + 1)
        hours[at.astimezone(zone).hour] += 1
        if row["rej1_defect"] not in (None, "N/A"):
            defects[row["rej1_defect"]] = defects.get(row["rej1_defect"], 0) + 1
    return {"boxes": boxes, "hours": hours, "defects": defects, "cam_d": cam_d}


@pytest.mark.parametrize("zone_name", ["America/New_York", "Asia/Kolkata", "America/Sao_Paulo"])
def test_aggregates_equal_a_hand_count_for_any_range(tmp_path, zone_name):
    rng = random.Random(zone_name)
    database = open_view_database(tmp_path / "view.sqlite3")
    writer = ViewWriter(database, zone_name)
    rows = [_row(n, rng) for n in range(1500)]
    # Corrections move records to another hour, station or defect; voids take them out.
    changed = []
    for row in rng.sample(rows, 150):
        later = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 300))
        changed.append({**row, "version": 2, "recorded_at": format_utc(later),
                        "station_id": rng.choice(("201", "202", "203")),
                        "rej1_defect": rng.choice(DEFECTS), "editor": "sup",
                        "edited_at": "2027-01-01T00:00:00.000Z", "source_station": "office1"})
    voided = [{**row, "version": 3 if row in changed else 2, "status": "voided",
               "edited_at": "2027-01-02T00:00:00.000Z"} for row in rng.sample(rows, 60)]
    position = Position()
    for part in (rows[:700], rows[700:], changed, voided):
        end = Position(1, position.offset + 1)
        assert writer.store(Batch("fixture", "journal", position, end, None, records=part,
                                  now="2027-01-03T00:00:00.000Z")) is not None
        position = end
    with database.read() as connection:
        current = list(iter_records(connection, RecordFilter()))
    assert len(current) == 1500
    buckets, zone = Buckets(zone_name), ZoneInfo(zone_name)
    ranges = [(None, None), (START + timedelta(days=40, minutes=7), None)]
    for _ in range(25):
        a = START + timedelta(minutes=rng.randrange(-600, 60 * 24 * 310))
        b = a + timedelta(minutes=rng.randrange(1, 60 * 24 * 120))
        ranges.append((a, b))
    for start, end in ranges:
        for station in (None, "202"):
            with database.read() as connection:
                counts = site_counts(connection, buckets, start, end, station, recent_hours=30)
            expected = _by_hand(current, zone, start, end, station)
            assert {s: v[0] for s, v in counts.stations.items()} == expected["boxes"]
            assert counts.hours == expected["hours"]
            assert counts.defects == expected["defects"]
            for station_id, (total, count) in expected["cam_d"].items():
                assert counts.stations[station_id][2] == count
                assert counts.stations[station_id][1] == pytest.approx(total)
            assert sum(n for _b, n in counts.recent_hours) <= sum(expected["boxes"].values())
    writer.close()
    database.dispose()


def test_buckets_answer_the_same_after_their_caches_are_emptied(monkeypatch):
    # A long catch-up meets more quarter hours than the caches keep: a full cache is emptied
    # and filled again, and every answer stays the one a fresh Buckets gives.
    monkeypatch.setattr(view_buckets, "CACHE_LIMIT", 3)
    buckets = Buckets("America/Sao_Paulo")
    times = [format_utc(START + timedelta(minutes=37 * n)) for n in range(40)]
    first = [(buckets.of(t), buckets.insight_of(t)) for t in times]
    weeks = [buckets.week_date(week)
             for _hour, _day, week, _month, _year, _shift in (i for _o, i in first)]
    fresh = Buckets("America/Sao_Paulo")
    assert [(fresh.of(t), fresh.insight_of(t)) for t in times] == first
    assert [(buckets.of(t), buckets.insight_of(t)) for t in reversed(times)] == first[::-1]
    assert weeks == [fresh.week_date(week) for _h, _d, week, _m, _y, _s in (i for _o, i in first)]
    assert weeks[0] == "2026-02-23" and first[0][0][4] == 21  # 00:00 UTC: Saturday 21:00


def test_buckets_cover_a_range_with_whole_months_days_and_hours():
    buckets = Buckets("America/New_York")
    start = datetime(2026, 1, 15, 13, 20, tzinfo=timezone.utc)
    end = datetime(2026, 6, 3, 2, 10, tzinfo=timezone.utc)
    cover = buckets.cover(start, end)
    levels = [level for level, _low, _high in cover.parts]
    assert set(levels) == {"H", "D", "M"}
    assert cover.raw == [("2026-01-15T13:20:00.000Z", "2026-01-15T14:00:00.000Z"),
                         ("2026-06-03T02:00:00.000Z", "2026-06-03T02:10:00.000Z")]
    months = [(low, high) for level, low, high in cover.parts if level == "M"]
    # February to May, in New York time (midnight is 05:00 UTC in winter, 04:00 in summer).
    assert months == [("2026-02-01T05:00:00.000Z", "2026-06-01T04:00:00.000Z")]
