"""The Audit tab's pages filtered by an action (data/view_repo.py event_page through
data/newest_window.py): the same rows as the plain query, in every case the window meets
(filled at once, grown, given up for a rare filter, a range smaller than the window, ties in
time across stations, a forked journal's two events of one number, pages past the end); and a dense family read through the time's index,
not sorted whole.

A real view database in tmp_path with a few thousand events; the probe and the window's cap
are made small so that those cases happen at this size.
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import event, func, select

from data import audit_repo, newest_window, view_repo, view_schema
from data.audit_repo import filter_events
from data.view_db import open_view_database

E = view_schema.view_events
ORDER = (E.c.ts.desc(), E.c.station.desc(), E.c.seq.desc(), E.c.hash.desc())
# A family that is a third of the events, one that is rare, one action alone, one nobody did.
ACTIONS = ["record.create"] * 12 + ["record.edit", "command.received", "command.succeeded"] * 7 \
    + ["user.login"] * 2 + ["lot.release"]


@pytest.fixture
def view(tmp_path, monkeypatch):
    monkeypatch.setattr(newest_window, "PROBE_ROWS", 100)
    monkeypatch.setattr(newest_window, "MAX_WINDOW", 1_500)
    database = open_view_database(tmp_path / "site-view.sqlite3")
    chance = random.Random(7)
    rows, seq = [], {}
    for n in range(4_000):
        station = chance.choice(["201", "206", "207"])
        seq[station] = seq.get(station, 0) + 1
        # Two or three events a second share their time (ties broken by station, then seq).
        second = n // 3
        rows.append({"station": station, "seq": seq[station],
                     "ts": f"2026-11-{1 + second // 86400:02d}T{second // 3600 % 24:02d}:"
                           f"{second // 60 % 60:02d}:{second % 60:02d}.000Z",
                     "username": "op", "role": "operator", "action": chance.choice(ACTIONS),
                     "entity": None, "entity_id": None, "command_id": None,
                     "hash": f"{n:064x}", "body": "{}"})
    # A forked journal: two events of one station and number, both kept (other hashes).
    rows = [copy for n, row in enumerate(rows)
            for copy in ([row, dict(row, hash=f"f{n:063x}")] if n % 5 == 0 else [row])]
    with database.write() as connection:
        connection.execute(E.insert(), rows)
    yield database
    database.dispose()


def _plain(connection, action, start, end, limit, offset):
    query = filter_events(select(*view_repo._EVENT_FIELDS), E, None, None, action, start, end)
    return [dict(row._mapping) for row in
            connection.execute(query.order_by(*ORDER).limit(limit).offset(offset))]


@pytest.mark.parametrize("action", ["record", "record.create", "command", "record.edit",
                                    "user.login", "lot", "station"])
@pytest.mark.parametrize("start,end", [(None, None), ("2026-11-01T00:10:00.000Z", None),
                                       (None, "2026-11-01T00:40:00.000Z"),
                                       ("2026-11-01T00:05:00.000Z", "2026-11-01T00:06:00.000Z")])
def test_a_page_is_the_plain_querys_page(view, action, start, end):
    with view.read() as connection:
        total = len(_plain(connection, action, start, end, 10_000, 0))
        for limit, offset in [(50, 0), (50, 50), (200, 0), (7, total - 3), (50, total),
                              (300, 900)]:
            page = view_repo.event_page(connection, action=action, start=start, end=end,
                                        limit=limit, offset=max(offset, 0))
            assert page == _plain(connection, action, start, end, limit, max(offset, 0)), \
                (limit, offset)


def test_a_dense_family_is_read_by_the_time_index_not_sorted_whole(view):
    """"record" is a third of the events: its first page is read among the newest events by
    ix_view_events_ts; before, SQLite read every one of the family by its action index and
    sorted them all for the first page (1.2 s on the quick benchmark site)."""
    plans = []

    def explain(connection, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT") and "view_events.body" in statement:
            plans.append(" / ".join(row[3] for row in connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, parameters)))

    event.listen(view.engine, "before_cursor_execute", explain)
    try:
        with view.read() as connection:
            page = view_repo.event_page(connection, action="record", limit=50)
    finally:
        event.remove(view.engine, "before_cursor_execute", explain)
    assert len(page) == 50 and all(row["action"].startswith("record.") for row in page)
    assert plans and "ix_view_events_ts" in plans[-1], plans
    assert "USE TEMP B-TREE FOR ORDER BY" not in plans[-1], plans  # only the ties' part


def test_a_forked_journals_two_events_of_one_number_have_rows_of_their_own(view):
    """Two events of one station and number at one time (a forked journal: both kept), as
    the Audit tab finds an event's row to keep it selected: each at its own row, as the page
    lists them (before, both were said to be at the first one's)."""
    twin = {"station": "299", "seq": 1, "ts": "2026-12-01T00:00:00.000Z", "username": "op",
            "role": "operator", "action": "record.create", "entity": None, "entity_id": None,
            "command_id": None, "body": "{}"}
    with view.write() as connection:
        connection.execute(E.insert(), [dict(twin, hash="a" * 64), dict(twin, hash="b" * 64)])
    with view.read() as connection:
        page = view_repo.event_page(connection, station="299", limit=10)
        assert [view_repo.events_before(connection, row, station="299") for row in page] \
            == [0, 1]


@pytest.mark.parametrize("family_max", [64, 1])
@pytest.mark.parametrize("action", ["record", "command", "record.edit", "lot", "station"])
def test_a_count_by_action_is_the_plain_count(view, monkeypatch, action, family_max):
    """The count of an action's family listed action by action (each read with the time
    range by the (action, ts) index) equals the count of the family as a range; a family of
    more actions than FAMILY_MAX (a station's journal can name any number) is read as the
    range."""
    monkeypatch.setattr(audit_repo, "FAMILY_MAX", family_max)
    start = "2026-11-01T00:10:00.000Z"
    with view.read() as connection:
        plain = connection.execute(filter_events(
            select(func.count()).select_from(E), E, None, None, action, start, None)).scalar()
        assert view_repo.count_events(connection, action=action, start=start) == plain


def test_a_familys_count_reads_each_action_with_the_time_range(view):
    """Before, the family's range read its whole index whatever the time range (34 ms for 7
    days of "record" on the quick benchmark site, a year's family on a year's view)."""
    with view.read() as connection:
        family = audit_repo.action_family(connection, E, "record")
        assert family == ["record", "record.create", "record.edit"]
        query = filter_events(select(func.count()).select_from(E), E, None, None, "record",
                              "2026-11-01T00:10:00.000Z", None, family=family)
        compiled = query.compile(dialect=view.engine.dialect,
                                 compile_kwargs={"literal_binds": True})
        plan = [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
    assert plan and all("(action=? AND ts>?)" in step for step in plan), plan
