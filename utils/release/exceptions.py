"""Review by exception: what in a lot's record needs a person's look before release.

Found from what this PC knows (its site view: every member station's records, versions and
events, and how reading each chain stands; the site catalog in force):

- `correction`, `void`: a version written after the first (who, when, why);
- `manual`: a box entered by a supervisor on behalf of a station;
- `conflict`: a version written from an older one, or two PCs writing one version number;
- `band`: a measurement in the catalog's critical band (at or above "attention"), or outside
  the measurement's range;
- `gap`, `repeat`: box numbers missing between 1 and the highest, or one number twice;
- `lock`: a station locked by a remote command during the lot's period; `alarm`: a fleet
  alarm acknowledged for one of its stations during the period (an alarm nobody acknowledged
  is not kept anywhere: this PC cannot know of it);
- `skew`: a station's record times run backwards by more than a minute, or lie ahead of this
  PC's clock, or the station's live status shows its clock off by more than two minutes;
- `verify`: a station's chain is not intact as far as this PC read it (or as a verify run
  just now found it).

Each exception has a stable id (kind, station, record and version...): an acknowledgement
names it, and the signed release lists the ids it acknowledged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable

from config.catalog import Catalog
from models.canonical import format_utc, parse_utc

BACKWARDS_TOLERANCE = timedelta(minutes=1)
FUTURE_TOLERANCE = timedelta(minutes=5)
LIVE_SKEW_LIMIT_S = 120.0
NOT_VERIFIED = "not_verified"  # a `verify` exception's kind when the check found nothing either way
# A lock is told by the station's own change (utils/site/station_state.py); journals written
# before that change tell it only by the lock command's outcome ("command.done").
STATE_ACTIONS = {"station.locked": "lock", "station.unlocked": "unlock"}
LOCK_ACTIONS = ("command.done", *STATE_ACTIONS)
ALARM_ACTIONS = ("alarm.ack",)


@dataclass(frozen=True)
class LotException:
    id: str
    kind: str
    station: str
    detail: str  # English, for logs and the command line; the GUI words it from `params`
    params: dict[str, Any] = field(default_factory=dict, compare=False)


def _by_station_box(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in records:
        grouped[row["station_id"]].append(row)
    for rows in grouped.values():
        rows.sort(key=lambda r: (r["box"], r["recorded_at"]))
    return grouped


def record_exceptions(records: list[dict[str, Any]], versions: list[dict[str, Any]],
                      catalog: Catalog, now: datetime) -> list[LotException]:
    found: list[LotException] = []
    by_number: dict[tuple[str, int], set[str]] = defaultdict(set)
    for v in versions:
        by_number[(v["record_id"], v["version"])].add(v["source_station"])
        if v["version"] > 1:
            kind = "void" if v["status"] == "voided" else "correction"
            found.append(LotException(
                f"{kind}:{v['record_id']}:{v['version']}", kind, v["station_id"],
                f"box {v['box']} version {v['version']} by {v['editor']}: {v['reason']}",
                {"box": v["box"], "version": v["version"], "editor": v["editor"],
                 "reason": v["reason"], "at": v["edited_at"]}))
        base = v["base_version"]
        if base is not None and v["version"] > 1 and base != v["version"] - 1:
            found.append(LotException(
                f"conflict:{v['record_id']}:{v['version']}", "conflict", v["station_id"],
                f"box {v['box']} version {v['version']} was written from version {base}",
                {"box": v["box"], "version": v["version"], "base": base}))
    for (record_id, version), sources in sorted(by_number.items()):
        if len(sources) > 1:
            box = next(v["box"] for v in versions if v["record_id"] == record_id)
            station = next(v["station_id"] for v in versions if v["record_id"] == record_id)
            found.append(LotException(
                f"conflict:{record_id}:{version}:pcs", "conflict", station,
                f"box {box} version {version} was written by {len(sources)} PCs",
                {"box": box, "version": version, "pcs": sorted(sources)}))
    bands = catalog.bands
    for row in records:
        if row["origin"] == "manual":
            found.append(LotException(f"manual:{row['record_id']}", "manual", row["station_id"],
                                      f"box {row['box']} entered by hand by {row['operator']}",
                                      {"box": row["box"], "by": row["operator"],
                                       "reason": row["reason"]}))
        if row["status"] != "active":
            continue
        for key in ("cam_d", "cam_w"):
            value = row[key]
            if value is None:
                continue
            measurement = catalog.measurement(key)
            outside = not measurement.minimum <= value <= measurement.maximum
            if outside or value >= bands.attention:
                found.append(LotException(
                    f"band:{row['record_id']}:{row['version']}:{key}", "band",
                    row["station_id"], f"box {row['box']}: {measurement.label} {value}",
                    {"box": row["box"], "measure": measurement.label, "value": value,
                     "limit": bands.attention}))
    for station, rows in _by_station_box(r for r in records if r["status"] == "active").items():
        found += _box_numbers(station, rows)
        found += _times(station, rows, now)
    return found


def _box_numbers(station: str, rows: list[dict[str, Any]]) -> list[LotException]:
    found = []
    counts: dict[int, int] = defaultdict(int)
    for row in rows:
        counts[row["box"]] += 1
    for box, count in sorted(counts.items()):
        if count > 1:
            found.append(LotException(f"repeat:{station}:{box}", "repeat", station,
                                      f"box {box} registered {count} times",
                                      {"box": box, "count": count}))
    missing = [box for box in range(1, max(counts) + 1) if box not in counts] if counts else []
    for first, last in _ranges(missing):
        found.append(LotException(f"gap:{station}:{first}-{last}", "gap", station,
                                  f"boxes {first} to {last} missing",
                                  {"first": first, "last": last}))
    return found


def _ranges(numbers: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for number in numbers:
        if ranges and ranges[-1][1] == number - 1:
            ranges[-1] = (ranges[-1][0], number)
        else:
            ranges.append((number, number))
    return ranges


def _times(station: str, rows: list[dict[str, Any]], now: datetime) -> list[LotException]:
    found = []
    previous: dict[str, Any] | None = None
    for row in rows:
        at = parse_utc(row["recorded_at"])
        if previous is not None and parse_utc(previous["recorded_at"]) - at > BACKWARDS_TOLERANCE:
            found.append(LotException(
                f"skew:{station}:{row['box']}", "skew", station,
                f"box {row['box']} is stamped {row['recorded_at']}, before box "
                f"{previous['box']} ({previous['recorded_at']}): the station's clock went back",
                {"box": row["box"], "at": row["recorded_at"], "previous": previous["box"],
                 "previous_at": previous["recorded_at"]}))
        if at - now > FUTURE_TOLERANCE:
            found.append(LotException(
                f"future:{station}:{row['box']}", "skew", station,
                f"box {row['box']} is stamped {row['recorded_at']}, ahead of this PC's clock",
                {"box": row["box"], "at": row["recorded_at"], "now": format_utc(now)}))
        previous = row
    return found


def event_exceptions(events: list[dict[str, Any]], stations: set[str]) -> list[LotException]:
    """Locks and unlocks of one of the lot's stations (its change, or for older journals the
    lock command's outcome; one exception a lock) and acknowledged alarms."""
    found = []
    changed = {(e["station"], e.get("command_id")) for e in events
               if e["action"] in STATE_ACTIONS and e.get("command_id") is not None}
    for event in events:
        after = event["body"].get("after")
        after = after if isinstance(after, dict) else {}
        if event["action"] in LOCK_ACTIONS and event["station"] in stations:
            if event["action"] in STATE_ACTIONS:
                kind, by, reason = STATE_ACTIONS[event["action"]], event["username"], \
                    after.get("reason")
            elif after.get("type") in ("lock", "unlock") and \
                    (event["station"], event.get("command_id")) not in changed:
                params = after.get("params") if isinstance(after.get("params"), dict) else {}
                kind, by, reason = after.get("type"), after.get("issued_by"), params.get("reason")
            else:
                continue  # another command's outcome, or a lock its change already told
            found.append(LotException(
                f"lock:{event['station']}:{event['seq']}", "lock", event["station"],
                f"{kind} at {event['ts']} by {by}",
                {"type": kind, "at": event["ts"], "by": by, "reason": reason}))
        elif event["action"] in ALARM_ACTIONS and event.get("entity_id") in stations:
            found.append(LotException(
                f"alarm:{event['station']}:{event['seq']}", "alarm", str(event["entity_id"]),
                f"alarm {after.get('alarm')} ({after.get('level')}) acknowledged by "
                f"{event['username']} at {event['ts']}: {after.get('note')}",
                {"alarm": after.get("alarm"), "level": after.get("level"),
                 "by": event["username"], "at": event["ts"], "note": after.get("note")}))
    return found


def chain_exceptions(stations: set[str], sources: list[dict[str, Any]],
                     problems: dict[str, dict[str, str]],
                     verified: dict[str, Any] | None = None,
                     live_skew: Callable[[str], float | None] | None = None
                     ) -> list[LotException]:
    """A chain not intact (as read into the view, or as `verified` now), and live skew."""
    found = []
    broken = {s["station"]: s for s in sources if s["broken_seq"] is not None}
    for station in sorted(stations):
        result = None if verified is None else verified.get(station)
        if result is not None and not result.ok:
            # No kind: the check did not run to a finding (cancelled, or a fault of the
            # program, site_verify.py): not verified, which is no finding of tampering.
            kind = NOT_VERIFIED if result.kind is None else str(result.kind)
            where = "" if result.first_bad_seq is None else f" at event {result.first_bad_seq}"
            found.append(LotException(f"verify:{station}", "verify", station,
                                      f"verify: {kind}{where}: {result.detail}",
                                      {"kind": kind, "seq": result.first_bad_seq,
                                       "detail": result.detail}))
        elif station in broken:
            source = broken[station]
            found.append(LotException(f"verify:{station}", "verify", station,
                                      f"journal broken at event {source['broken_seq']} "
                                      f"({source['broken_kind']}): {source['broken_detail']}",
                                      {"kind": source["broken_kind"],
                                       "seq": source["broken_seq"],
                                       "detail": source["broken_detail"]}))
        elif problems.get(station):
            detail = "; ".join(f"{where}: {why}" for where, why in problems[station].items())
            found.append(LotException(f"verify:{station}:share", "verify", station,
                                      f"files refused on the share: {detail}",
                                      {"kind": "refused", "seq": None, "detail": detail}))
        skew = None if live_skew is None else live_skew(station)
        if skew is not None and abs(skew) > LIVE_SKEW_LIMIT_S:
            found.append(LotException(f"skew:{station}:live", "skew", station,
                                      f"the station's clock is {skew:+.0f} s off this PC's",
                                      {"seconds": round(skew)}))
    return found
