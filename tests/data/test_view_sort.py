"""The Production tab's records sorted by a column in the query (data/view_repo.py RecordSort):
pages read one after another are the whole filtered list in that order, none twice, none
missing, with ties newest first; a blank CAM sorts below every value; a record's row number
(`rows_before`, which keeps the selection) is its place in the same order."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from data.records_repo import RecordFilter
from data.view_repo import SORT_KEYS, RecordSort, count_records, record_page, rows_before
from models.canonical import format_utc
from tests.utils.site.viewkit import ViewOnDisk

START = datetime(2026, 3, 1, tzinfo=timezone.utc)
STATUS_RANK = {"saved": 0, "corrected": 1, "voided": 2}


def _rows(rng: random.Random) -> list[dict]:
    rows = []
    for number in range(240):
        # few distinct times, lots, operators and sizes: many ties to break
        at = START + timedelta(minutes=5 * rng.randrange(0, 60))
        rows.append({
            "record_id": f"r{number:03d}", "version": 1,
            "station_id": rng.choice(("201", "202", "203")), "lot": rng.choice(("L1", "L2")),
            "box": rng.randrange(1, 6), "size": rng.choice(("#0", "#1")),
            "unit_weight_kg": 0.000096, "rej1_defect": None, "rej1_location": None,
            "rej2_defect": None, "rej2_location": None, "rej3_defect": None,
            "rej3_location": None, "cam_d": rng.choice((None, 1.5, 2.25, 4.0)),
            "cam_w": rng.choice((None, 0.5, 3.0)), "operator": rng.choice(("ana", "joao")),
            "recorded_at": format_utc(at), "utc_offset_minutes": -180, "origin": "station",
            "status": "active", "reason": None, "editor": None, "edited_at": None,
            "base_version": None, "source_station": "201", "source_seq": number + 1})
    return rows


@pytest.fixture
def view(tmp_path):
    on_disk = ViewOnDisk(tmp_path, "America/Sao_Paulo")
    rows = _rows(random.Random(17))
    on_disk.put(rows)
    # corrected and voided versions: the status column has all three values
    on_disk.put([{**row, "version": 2, "editor": "sup", "edited_at": "2027-01-01T00:00:00.000Z",
                  "status": "voided" if i % 2 else "active"} for i, row in enumerate(rows[:40])])
    yield on_disk
    on_disk.close()


def _key(row: dict, column: str):
    if column in ("cam_d", "cam_w"):
        return float("-inf") if row[column] is None else row[column]
    if column == "status":
        shown = ("voided" if row["status"] == "voided"
                 else "corrected" if row["version"] > 1 else "saved")
        return STATUS_RANK[shown]
    return row[column]


def _by_hand(rows: list[dict], sort: RecordSort) -> list[str]:
    # ties newest first: a stable sort by time (newest first), then by the column
    ordered = sorted(rows, key=lambda r: (r["recorded_at"], r["record_id"]), reverse=True)
    if sort.column is None:
        return [r["record_id"] for r in (ordered if sort.descending else ordered[::-1])]
    ordered.sort(key=lambda r: _key(r, sort.column), reverse=sort.descending)
    return [r["record_id"] for r in ordered]


SORTS = [RecordSort(column, descending) for column in (None, *SORT_KEYS)
         for descending in (True, False)]


@pytest.mark.parametrize("sort", SORTS, ids=lambda s: f"{s.column or 'time'}-"
                         f"{'desc' if s.descending else 'asc'}")
@pytest.mark.parametrize("station", [None, "202"])
def test_pages_are_the_filtered_records_in_the_column_order(view, sort, station):
    chosen = RecordFilter(start=START + timedelta(minutes=20), end=START + timedelta(hours=4),
                          station_id=station, include_voided=True)
    with view.database.read() as connection:
        every = list(record_page(connection, chosen, limit=10_000))
        assert len(every) == count_records(connection, chosen) > 20
        paged = []
        for offset in range(0, len(every), 7):
            paged += record_page(connection, chosen, limit=7, offset=offset, sort=sort)
        ids = [row["record_id"] for row in paged]
        assert ids == _by_hand(every, sort)
        for place in (0, 1, len(paged) // 2, len(paged) - 1):
            assert rows_before(connection, chosen, paged[place], sort) == place


def test_the_highest_cam_first_puts_the_blank_ones_last(view):
    with view.database.read() as connection:
        rows = record_page(connection, RecordFilter(), limit=10_000,
                           sort=RecordSort("cam_d", True))
    values = [row["cam_d"] for row in rows]
    blank = values.index(None)
    assert values[0] == 4.0 and all(v is None for v in values[blank:])
    assert values[:blank] == sorted(values[:blank], reverse=True)
