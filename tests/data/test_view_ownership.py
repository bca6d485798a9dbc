"""Which versions of a record the site view takes, whatever order it reads the journals in
(data/view_ownership.py with data/view_store.py's writer): each case feeds the same batches to
fresh views in different orders and compares the current record, the versions kept, what
waits and what is refused."""

from __future__ import annotations

import itertools

import pytest

from data.view_db import open_view_database
from data.view_ownership import waiting_by_station
from data.view_schema import RECORD_COLUMNS
from data.view_store import Batch, Position, ViewWriter

NOW = "2026-11-02T09:00:00.000Z"


def row(record_id: str, version: int, station: str, source: str, seq: int, *,
        edited_at: str | None = None, cam_d: float = 1.5) -> dict:
    """A record version as a journal's event carries it."""
    found = dict.fromkeys(RECORD_COLUMNS)
    found.update(record_id=record_id, version=version, station_id=station, lot="L1", box=1,
                 size="#00", rej1_defect="N/A", rej1_location="N/A", cam_d=cam_d, cam_w=1.0,
                 operator="op", recorded_at="2026-11-02T08:00:00.000Z", utc_offset_minutes=0,
                 origin="station", status="active", editor=None if version == 1 else "op",
                 edited_at=edited_at, base_version=None if version == 1 else version - 1,
                 source_station=source, source_seq=seq)
    return found


class View:
    """A fresh view fed batch by batch, each source's reading position moved on."""

    def __init__(self, folder, name: str):
        self.writer = ViewWriter(open_view_database(folder / f"{name}.db"), "UTC")
        self.waiting_changed: list[bool] = []  # per batch fed
        self.places: dict[str, Position] = {}
        self.refused: list[tuple[str, str]] = []

    def feed(self, source: str, rows: list[dict]) -> None:
        start = self.places.get(source, Position())
        end = Position(1, start.offset + 1, max(r["source_seq"] for r in rows), "h")
        stored = self.writer.store(Batch(source, "journal", start, end, None,
                                         records=[dict(r) for r in rows], now=NOW))
        assert stored is not None
        self.places[source] = end
        self.refused += stored.refused
        self.waiting_changed.append(stored.waiting_changed)

    def rows(self, sql: str) -> list[tuple]:
        return sorted(self.writer.connection.execute(sql).fetchall())

    def seen(self) -> tuple:
        return (self.rows("SELECT record_id, version, source_station, source_seq, cam_d "
                          "FROM view_records"),
                self.rows("SELECT record_id, version, source_station, source_seq "
                          "FROM view_record_versions"),
                self.rows("SELECT record_id, version, source_station, source_seq "
                          "FROM view_waiting_versions"),
                sorted(self.refused))


def _read_in_each_order(tmp_path, *orders: list[tuple[str, list[dict]]]) -> list[tuple]:
    names = itertools.count()
    seen = []
    for order in orders:
        view = View(tmp_path, f"view{next(names)}")
        for source, rows in order:
            view.feed(source, rows)
        seen.append(view.seen())
        view.writer.close()
    return seen


OFFICE_V1 = row("R", 1, "A", "O", 1)  # the office made R for station A (not A's journal)
A_V2 = row("R", 2, "A", "A", 1, edited_at="2026-11-02T08:10:00.000Z")
A_V2_AGAIN = row("R", 2, "A", "A", 2, edited_at="2026-11-02T08:20:00.000Z", cam_d=1.9)


def test_two_versions_of_one_number_from_one_station_give_one_view(tmp_path):
    """Station A writes two different version 2s of the office's record (two events): both
    are kept, and the later edit is current, whether A's journal is read first (its
    versions wait for version 1) or the office's."""
    first, second = _read_in_each_order(
        tmp_path, [("O", [OFFICE_V1]), ("A", [A_V2, A_V2_AGAIN])],
        [("A", [A_V2, A_V2_AGAIN]), ("O", [OFFICE_V1])])
    assert first == second
    current, versions, waiting, refused = first
    assert current == [("R", 2, "A", 2, 1.9)]
    assert versions == [("R", 1, "O", 1), ("R", 2, "A", 1), ("R", 2, "A", 2)]
    assert waiting == [] and refused == []


@pytest.mark.parametrize("split", [False, True])
def test_a_change_waiting_for_its_record_is_taken_when_the_record_comes(tmp_path, split):
    office_v2 = row("R", 2, "A", "O", 2, edited_at="2026-11-02T08:10:00.000Z")
    a_v3 = row("R", 3, "A", "A", 1, edited_at="2026-11-02T08:20:00.000Z", cam_d=2.0)
    later = [("O", [OFFICE_V1]), ("A", [a_v3]), ("O", [office_v2])] if split else \
        [("A", [a_v3]), ("O", [OFFICE_V1, office_v2])]
    first, second = _read_in_each_order(tmp_path, [("O", [OFFICE_V1, office_v2]),
                                                   ("A", [a_v3])], later)
    assert first == second
    assert first[0] == [("R", 3, "A", 1, 2.0)]


def test_a_change_of_a_record_nobody_made_waits_and_shows_nothing(tmp_path):
    view = View(tmp_path, "orphan")
    view.feed("A", [row("GHOST", 2, "A", "A", 1, edited_at="2026-11-02T08:20:00.000Z"),
                    row("GHOST", 3, "A", "A", 4, edited_at="2026-11-02T08:30:00.000Z")])
    current, versions, waiting, refused = view.seen()
    assert current == [] and versions == [] and refused == []
    assert waiting == [("GHOST", 2, "A", 1), ("GHOST", 3, "A", 4)]
    # It is its station's anomaly while it waits (the fleet's alarm), not a silent INFO line.
    said = waiting_by_station(view.writer.connection)
    assert list(said) == ["A"] and "2 change(s)" in said["A"] and "event 1" in said["A"]
    assert view.waiting_changed == [True]
    view.feed("O", [row("GHOST", 1, "A", "O", 1)])  # its version 1 arrives: nothing waits
    assert waiting_by_station(view.writer.connection) == {}
    assert view.waiting_changed == [True, True]
    view.feed("O", [row("OTHER", 1, "A", "O", 2)])  # nothing waited for it: no change
    assert view.waiting_changed == [True, True, False]
    view.writer.close()


def test_a_signed_change_naming_another_station_is_refused_in_either_order(tmp_path):
    """Every version of a record names the station its version 1 names (a correction copies
    it). A person-signed version 2 from PC P that names station B for station A's record R
    was kept when A's version 1 had been read before it, and refused when read after it
    (it waited, then was judged): two PCs showed two records. Refused in both orders now."""
    foreign_v2 = row("R", 2, "B", "P", 1, edited_at="2026-11-02T08:10:00.000Z", cam_d=9.9)
    first, second = _read_in_each_order(
        tmp_path, [("O", [OFFICE_V1]), ("P", [foreign_v2])],
        [("P", [foreign_v2]), ("O", [OFFICE_V1])])
    assert first == second
    current, versions, waiting, refused = first
    assert current == [("R", 1, "O", 1, 1.5)]
    assert versions == [("R", 1, "O", 1)] and waiting == []
    assert [station for station, _ in refused] == ["P"]
    assert "changes station A's record R as station B's" in refused[0][1]
