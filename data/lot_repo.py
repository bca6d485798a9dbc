"""Reading one lot out of the site view (data/view_schema.py): its records and their versions,
the lot settings stations announced for it, the signed decisions and acknowledgements about it,
and the events of its stations during its period. Lots are listed from the records' lot index.

Only queries: the decisions are audit events of whichever PC made them, and the site view holds
every member's (utils/release reads and checks them).
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from sqlalchemy import Connection, String, case, func, select

from data import view_schema

R = view_schema.view_records
V = view_schema.view_record_versions
E = view_schema.view_events
S = view_schema.view_sources


def lots(connection: Connection, *, limit: int = 500) -> list[dict[str, Any]]:
    """Lots with records, newest first: code, records, active boxes (distinct station and box
    numbers of records not voided), first and last record time, stations (comma-separated)."""
    box_key = R.c.station_id + ":" + R.c.box.cast(String)
    active = func.count(case((R.c.status == "active", box_key)).distinct())
    query = (select(R.c.lot, func.count().label("records"), active.label("active"),
                    func.min(R.c.recorded_at).label("first_at"),
                    func.max(R.c.recorded_at).label("last_at"),
                    func.group_concat(R.c.station_id.distinct()).label("stations"))
             .group_by(R.c.lot).order_by(func.max(R.c.recorded_at).desc()).limit(limit))
    return [dict(row._mapping) for row in connection.execute(query)]


def lot_records(connection: Connection, lot: str) -> list[dict[str, Any]]:
    """The current version of every record of the lot (voided too), by station and box."""
    query = select(R).where(R.c.lot == lot).order_by(R.c.station_id, R.c.box, R.c.recorded_at)
    return [dict(row._mapping) for row in connection.execute(query)]


def lot_versions(connection: Connection, record_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Every version of the given records, oldest first per record."""
    ids = list(record_ids)
    found: list[dict[str, Any]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        query = (select(V).where(V.c.record_id.in_(chunk))
                 .order_by(V.c.record_id, V.c.version, V.c.source_station))
        found += [dict(row._mapping) for row in connection.execute(query)]
    return found


def _events(connection: Connection, condition, actions: Iterable[str]) -> list[dict[str, Any]]:
    query = (select(E.c.station, E.c.seq, E.c.ts, E.c.username, E.c.role, E.c.action,
                    E.c.entity, E.c.entity_id, E.c.command_id, E.c.body)
             .where(E.c.action.in_(list(actions)), condition)
             .order_by(E.c.ts, E.c.station, E.c.seq))
    rows = []
    for row in connection.execute(query):
        event = dict(row._mapping)
        try:
            body = json.loads(event["body"])
        except ValueError:
            body = None
        event["body"] = body if isinstance(body, dict) else {}
        rows.append(event)
    return rows


def lot_events(connection: Connection, lot: str, actions: Iterable[str]) -> list[dict[str, Any]]:
    """Events with one of `actions` about the lot (its decisions, acknowledgements, lot
    settings), every station's, oldest first, with the body parsed (an unreadable body: {})."""
    return _events(connection, E.c.entity_id == lot, actions)


def station_events(connection: Connection, stations: Iterable[str], actions: Iterable[str],
                   start: str, end: str) -> list[dict[str, Any]]:
    """Events with one of `actions` whose station, or whose entity (an alarm acknowledged on
    another PC names the station as its entity), is one of `stations`, in [start, end]."""
    names = list(stations)
    about = (E.c.station.in_(names)) | (E.c.entity_id.in_(names))
    return _events(connection, about & (E.c.ts >= start) & (E.c.ts <= end), actions)


def sources(connection: Connection, stations: Iterable[str]) -> list[dict[str, Any]]:
    """Where reading each of these stations' chains stands (and whether it broke)."""
    query = select(S).where(S.c.station.in_(list(stations))).order_by(S.c.station)
    return [dict(row._mapping) for row in connection.execute(query)]


def events_by_action(connection: Connection, actions: Iterable[str]) -> list[dict[str, Any]]:
    """Every event with one of `actions` (reviews of the audit trail: a few a month)."""
    return _events(connection, E.c.action.in_(list(actions)), actions)
