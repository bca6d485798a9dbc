"""Record versions against the audit chain: every stored version must equal what its event says.

A record event (models/record.RECORD_EVENT_ACTIONS) carries the whole version it wrote in its
`after` (models/record.ProductionRecord.audit_view). The check runs both ways:

- an event whose version has no row in `record_versions`  (the row was deleted),
- a row that no event stands for                          (the row was inserted),
- a row whose values differ from its event's              (the row was changed).

The comparison runs inside SQLite (json_extract over each event body, one parse per body), on
a plain sqlite3 connection like the verifier's other fast paths (data/audit_repo.py): a year
of one station is checked in about a second. A PostgreSQL store would state the same
comparison with jsonb operators.

Two fields entered the events later than the rows (`edited_at`, `base_version`): an event
written before that carries neither, and for such an event those two columns are not
compared (the chain does not hold them; its own event time says when the change was made).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterable

from models.record import RECORD_EVENT_ACTIONS

ROW_DELETED, ROW_INSERTED, ROW_DIFFERS = "deleted", "inserted", "differs"

# (key in the event's `after`, column of record_versions)
_TEXT = (("record_id", "record_id"), ("station", "station_id"), ("lot", "lot"),
         ("size", "size"), ("operator", "operator"), ("recorded_at", "recorded_at"),
         ("origin", "origin"), ("status", "status"), ("reason", "reason"),
         ("editor", "editor"))
_INTEGER = (("version", "version"), ("box", "box"), ("utc_offset_minutes", "utc_offset_minutes"))
_REAL = (("unit_weight_kg", "unit_weight_kg"), ("cam_d", "cam_d"), ("cam_w", "cam_w"))
_LATER = (("edited_at", "edited_at"), ("base_version", "base_version"))
REAL_TOLERANCE = 1e-12  # relative: SQLite's and Python's text-to-double may differ in the last bit

_ACTIONS = ", ".join(f"'{action}'" for action in sorted(RECORD_EVENT_ACTIONS))


# The fast path: an event's `after` is canonical JSON (sorted keys, compact) inside its canonical
# body, between the fixed prefix {"action":"<action>","after": and the key that follows it
# (,"before":, present in every body: models/audit_event.py). For a box registered at a
# station that text is exactly the record's audit_view, which SQLite rebuilds from the row
# below with its keys in the same order. Whatever is not equal here (an event carrying more
# than the record, such as a correction's signature; a number SQLite writes with other digits
# than Python; an event of an earlier version) is decided exactly in Python (`differences`).
_AFTER_TEXT = ("substr(e.body, 22 + length(e.action), "
               "instr(e.body, ',\"before\":') - 22 - length(e.action))")


def _used(index: int) -> str:
    """Rejection `index` holds anything (a location without its defect is rendered too, so
    it cannot hide in the fast path)."""
    return f"coalesce(r.rej{index}_defect, r.rej{index}_location) IS NOT NULL"


def _pairs(index: int) -> str:
    return ", ".join(f"json_array(r.rej{i}_defect, r.rej{i}_location)"
                     for i in range(1, index + 1))


_ROW_TEXT = (
    "json_object('base_version', r.base_version, 'box', r.box, 'cam_d', r.cam_d, "
    "'cam_w', r.cam_w, 'edited_at', r.edited_at, 'editor', r.editor, 'lot', r.lot, "
    "'operator', r.operator, 'origin', r.origin, 'reason', r.reason, "
    "'record_id', r.record_id, 'recorded_at', r.recorded_at, 'rejections', json(CASE "
    f"WHEN {_used(3)} THEN json_array({_pairs(3)}) "
    f"WHEN {_used(2)} THEN json_array({_pairs(2)}) "
    f"WHEN {_used(1)} THEN json_array({_pairs(1)}) ELSE '[]' END), "
    "'size', r.size, 'station', r.station_id, 'status', r.status, "
    "'unit_weight_kg', r.unit_weight_kg, 'utc_offset_minutes', r.utc_offset_minutes, "
    "'version', r.version)")

_VERSION = "json_extract(e.body, '$.after.version')"


def _equal_sql() -> str:
    """The exact path in SQL, one field at a time (0 or 1, never NULL): the row `r` equals the
    `after` of event `e`, whatever else the event carries, numbers compared as numbers, and
    the two later fields only when the event has them."""
    def at(key: str) -> str:
        return f"json_extract(e.body, '$.after.{key}')"

    parts = [f"{at(key)} IS r.{column}" for key, column in _TEXT + _INTEGER]
    for key, column in _REAL:
        value = at(key)
        parts.append(f"(CASE WHEN {value} IS r.{column} THEN 1 "
                     f"WHEN {value} IS NULL OR r.{column} IS NULL THEN 0 "
                     f"WHEN abs({value} - r.{column}) <= {REAL_TOLERANCE} * abs(r.{column}) "
                     f"THEN 1 ELSE 0 END)")
    for key, column in _LATER:
        parts.append(f"(json_type(e.body, '$.after.{key}') IS NULL OR {at(key)} IS r.{column})")
    for index in range(3):
        for part, name in ((0, "defect"), (1, "location")):
            parts.append(f"json_extract(e.body, '$.after.rejections[{index}][{part}]') "
                         f"IS r.rej{index + 1}_{name}")
    parts.append("json_array_length(e.body, '$.after.rejections') IS "
                 "((r.rej1_defect IS NOT NULL) + (r.rej2_defect IS NOT NULL) + "
                 "(r.rej3_defect IS NOT NULL))")
    return "(" + " AND ".join(parts) + ")"


# One statement over the record events (all, or those of the records in :ids, a JSON array).
# `fast`: each event and the row holding exactly its text, if any (materialized, or SQLite
# evaluates the subquery once per use). `exact`: the few left, against the row of their
# version, field by field: no row, a row that differs, or one that agrees. Out: how many
# events, how many events and distinct rows agree, and the problems in chain order as
# "station TAB seq TAB record TAB version TAB kind" lines.
_CHECK = f"""
WITH fast AS MATERIALIZED (
    SELECT e.rowid AS event, e.station AS station, e.seq AS seq, e.entity_id AS record,
           (SELECT r.rowid FROM record_versions AS r
            WHERE r.record_id = e.entity_id AND {_ROW_TEXT} = {_AFTER_TEXT}) AS row
    FROM audit_events AS e
    WHERE e.action IN ({_ACTIONS}) {{only}}),
exact AS MATERIALIZED (
    SELECT f.station AS station, f.seq AS seq, f.record AS record, {_VERSION} AS version,
           r.rowid AS row,
           CASE WHEN r.rowid IS NULL THEN '{ROW_DELETED}'
                WHEN {_equal_sql()} THEN NULL ELSE '{ROW_DIFFERS}' END AS problem
    FROM fast AS f JOIN audit_events AS e ON e.rowid = f.event
    LEFT JOIN record_versions AS r ON r.record_id = f.record AND r.version = {_VERSION}
    WHERE f.row IS NULL),
proven AS (SELECT row FROM fast WHERE row IS NOT NULL
           UNION ALL SELECT row FROM exact WHERE problem IS NULL)
SELECT (SELECT count(*) FROM fast), (SELECT count(*) FROM proven),
       (SELECT count(DISTINCT row) FROM proven),
       (SELECT group_concat(line, char(10)) FROM (
            SELECT station || char(9) || seq || char(9) || ifnull(record, '') || char(9)
                   || ifnull(version, '') || char(9) || problem AS line
            FROM exact WHERE problem IS NOT NULL ORDER BY station, seq))
"""

# Rows that no record event of the same version stands for (run only when the counts above
# say some row was not matched).
_ROWS_WITHOUT_EVENT = f"""
SELECT r.record_id, r.version
FROM record_versions AS r
WHERE {{only}} NOT EXISTS (
    SELECT 1 FROM audit_events AS e
    WHERE e.entity = 'record' AND e.entity_id = r.record_id AND e.action IN ({_ACTIONS})
      AND {_VERSION} IS r.version)
ORDER BY r.record_id, r.version
"""

_ONLY = "(SELECT value FROM json_each(:ids))"


@dataclass(frozen=True)
class RowFinding:
    """One record version the chain does not prove."""

    kind: str  # ROW_DELETED, ROW_INSERTED or ROW_DIFFERS
    record_id: str
    version: int | None
    station: str | None = None  # the chain holding the event (None: no event)
    seq: int | None = None


@dataclass(frozen=True)
class ProofReport:
    versions: int  # record versions (rows) checked
    events: int  # record events checked
    findings: tuple[RowFinding, ...]  # at most `limit`: events' findings in chain order first


def check_records(connection: sqlite3.Connection, record_ids: Iterable[str] | None = None, *,
                  limit: int = 100) -> ProofReport:
    """Compare record versions with their events, for every record or only `record_ids`."""
    if record_ids is None:
        params: dict[str, Any] = {}
        check_sql = _CHECK.format(only="")
        rows_sql = _ROWS_WITHOUT_EVENT.format(only="")
        versions = connection.execute("SELECT count(*) FROM record_versions").fetchone()[0]
    else:
        params = {"ids": json.dumps(sorted(set(record_ids)))}
        check_sql = _CHECK.format(only=f"AND e.entity = 'record' AND e.entity_id IN {_ONLY}")
        rows_sql = _ROWS_WITHOUT_EVENT.format(only=f"r.record_id IN {_ONLY} AND")
        versions = connection.execute(
            f"SELECT count(*) FROM record_versions WHERE record_id IN {_ONLY}",
            params).fetchone()[0]
    events, proven, distinct, problems = connection.execute(check_sql, params).fetchone()
    findings = []
    for line in (_text(problems) or "").split("\n"):
        if line:
            station, seq, record_id, version, kind = line.split("\t")
            findings.append(RowFinding(kind, record_id, int(version) if version.lstrip(
                "-").isdigit() else None, station, int(seq)))
    # Every row is proven when as many distinct rows as there are were proven, each by one
    # event; otherwise name the rows no event of their version stands for.
    if proven != distinct or distinct != versions:
        findings += [RowFinding(ROW_INSERTED, _text(record_id), version)
                     for record_id, version in connection.execute(rows_sql, params)]
    return ProofReport(versions, events, tuple(findings[:limit]))


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


# --- naming what differs (for the first finding only: a person reads it) -------------------

def row_of(connection: sqlite3.Connection, record_id: str, version: int) -> dict[str, Any] | None:
    cursor = connection.execute("SELECT * FROM record_versions WHERE record_id = ? AND "
                                "version = ?", (record_id, version))
    names = [column[0] for column in cursor.description]
    found = cursor.fetchone()
    return None if found is None else dict(zip(names, found))


def events_of(connection: sqlite3.Connection, record_id: str) -> list[dict[str, Any]]:
    """The `after` of every record event of `record_id`, with its station and seq."""
    found = []
    for station, seq, body in connection.execute(
            f"SELECT station, seq, body FROM audit_events WHERE entity = 'record' AND "
            f"entity_id = ? AND action IN ({_ACTIONS}) ORDER BY station, seq", (record_id,)):
        try:
            after = json.loads(body).get("after")
        except (ValueError, AttributeError):
            after = None
        if isinstance(after, dict):
            found.append({"station": _text(station), "seq": seq, "after": after})
    return found


def differences(row: dict[str, Any], after: dict[str, Any], *,
                ignore: tuple[str, ...] = ()) -> list[tuple[str, Any, Any]]:
    """(column, what the chain says, what the row holds) for each column that differs, by the
    same rules as the SQL above."""
    found = []
    for key, column in _TEXT + _INTEGER + _REAL + _LATER:
        if column in ignore or ((key, column) in _LATER and key not in after):
            continue
        said, held = after.get(key), row.get(column)
        if (key, column) in _REAL and isinstance(said, (int, float)) \
                and isinstance(held, (int, float)) and not isinstance(said, bool):
            if said == held or abs(said - held) <= REAL_TOLERANCE * abs(held):
                continue
        elif said == held and type(said) is type(held):
            continue
        found.append((column, said, held))
    rejections = after.get("rejections") or []
    for index in range(3):
        pair = rejections[index] if isinstance(rejections, list) and index < len(rejections) \
            else [None, None]
        for part, name in ((0, "defect"), (1, "location")):
            column = f"rej{index + 1}_{name}"
            said = pair[part] if isinstance(pair, list) and len(pair) == 2 else None
            if said != row.get(column):
                found.append((column, said, row.get(column)))
    return found
