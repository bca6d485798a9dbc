"""A station's own key writes, straight into its own chain (the chain's write under
`changes.record`, which takes any body), events whose base fields its service never writes
(s18 base_attack, /work/briefs/s18/base_attack/): a time of year 9999 or 0001, not a time,
with a +14:00 offset, of 30 February; a user, role, action or entity with direction and control
characters. Before, each was stored as it was: the Audit tab and its CSV export raised on the
times (OverflowError in a +14:00 zone, ValueError everywhere) and showed the spoofed texts.
Each is now refused at ingest as that station's anomaly with one WARNING; the station's later
events, and the stations after it, arrive, and its chain goes on being checked past it.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import pytest

from data import audit_repo
from models.audit_event import AuditEvent
from models.canonical import canonical_json, format_utc
from utils.audit.chain import event_hash

from tests.utils.site.memberkit import MemberStation, made_stations, record_ids

RTL = "\u202e"
HOSTILE = {
    "ts_9999": {"ts": "9999-12-31T23:59:59.999Z"},
    "ts_0001": {"ts": "0001-01-01T00:00:00.000Z"},
    "ts_not_a_time": {"ts": "not a time"},
    "ts_number": {"ts": 12345},
    "ts_offset": {"ts": "2026-12-05T10:00:00.000+14:00"},
    "ts_30_february": {"ts": "2026-02-30T08:00:00.000Z"},
    "user": {"user": f"{RTL}nimda\x1b[2J"},
    "role": {"role": f"admin{RTL}"},
    "action": {"action": f"lot.set{RTL}\x00"},
    "entity": {"entity": "lot\u2066"},
    "lot_event_9999": {"action": "lot.set", "entity": "lot", "entity_id": "L1",
                       "ts": "9999-12-31T23:59:59.999Z"},
}


class _Station(MemberStation):
    """A member station whose operator holds its PC's files (and so its key)."""

    def forge(self, **fields) -> int:
        """An event whose body holds `fields`, appended to this PC's chain as the chain's
        append does (hashed on the head, its MAC by this PC's key); returns its seq."""
        station, audit = self.ctx.station_id, self.ctx.audit
        with self.ctx.database.write() as connection:
            seq, prev = audit_repo.chain_head(connection, station)
            seq += 1
            body = {**json.loads(AuditEvent(
                station=station, seq=seq, ts=format_utc(datetime.now(timezone.utc)),
                user="op", role="operator", action="note", entity="record", entity_id="x",
                host="pc").body()), **fields}
            digest = event_hash(prev, canonical_json(body))
            columns = {name: None if body[name] is None else str(body[name])
                       for name in ("ts", "user", "role", "action", "entity", "entity_id")}
            audit_repo.insert_event(
                connection, station=station, seq=seq, ts=columns["ts"],
                username=columns["user"], role=columns["role"], action=columns["action"],
                entity=columns["entity"], entity_id=columns["entity_id"], command_id=None,
                prev_hash=prev, hash_=digest, key_id=audit.key.key_id, mac=audit.key.mac(digest),
                body=canonical_json(body))
        self.export()
        return seq


def _events(view, station_id: str) -> list[tuple]:
    with view.database.read() as connection:
        return connection.exec_driver_sql(
            "SELECT seq, ts, username, role, action, entity FROM view_events WHERE station = ? "
            "ORDER BY seq", (station_id,)).fetchall()


@pytest.fixture
def stations(site, tmp_path, closing):
    return made_stations(site, tmp_path, closing, _Station)


@pytest.mark.parametrize("variant", sorted(HOSTILE))
def test_an_event_its_chain_never_writes_is_an_anomaly_and_the_journal_is_read_on(
        site, stations, caplog, variant):
    view = site.admin.site_view
    attacker, other = stations["205"], stations["206"]
    seq = attacker.forge(**HOSTILE[variant])
    later = attacker.boxes(1)
    after = other.boxes(1)
    with caplog.at_level(logging.WARNING):
        view.ingest()
        view.ingest()  # a second pass: nothing raised, nothing said again
    assert "205" not in view.stuck
    assert view.anomalies()["205"].startswith(f"event {seq} refused: ")
    events = _events(view, "205")
    assert seq not in [event[0] for event in events]
    assert seq + 1 in [event[0] for event in events]  # the chain is checked on past it
    assert set(later) <= record_ids(view, "205")  # its later good boxes arrive
    assert set(after) <= record_ids(view, "206")  # and the station after it is read
    refused = [r for r in caplog.records if r.levelno == logging.WARNING
               and "205" in r.getMessage() and "refused" in r.getMessage()]
    assert len(refused) == 1
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert all(RTL not in r.getMessage() and "\x1b" not in r.getMessage()
               for r in caplog.records)
    # What every reader of the view's events reads: canonical times, texts without controls.
    now = format_utc(datetime.now(timezone.utc))
    assert all("1900" < ts <= now and ts.endswith("Z") for _seq, ts, *_ in events)
    assert not any(RTL in str(event) or "\u2066" in str(event) for event in events)


def test_the_audit_export_writes_a_time_no_chain_writes_as_it_is():
    """A view filled before the ingest refused such times may hold one (year 9999, not a
    time): the export writes it as it is instead of stopping (it raised OverflowError)."""
    from zoneinfo import ZoneInfo

    from utils.audit.trail import csv_cells

    for ts in ("9999-12-31T23:59:59.999Z", "not a time"):
        cells = csv_cells({"ts": ts, "station": "205", "seq": 7, "body": "{}"},
                          ZoneInfo("Pacific/Kiritimati"))
        assert cells[:2] == [ts, ts]
    cells = csv_cells({"ts": "2026-12-05T10:00:00.000Z", "body": "{}"}, ZoneInfo("UTC"))
    assert cells[:2] == ["2026-12-05T10:00:00.000Z", "2026-12-05 10:00:00"]


def test_a_refused_event_at_the_journals_end_is_passed_once(site, tmp_path, closing, caplog):
    """The last event of a journal refused: the reading moves past it (a batch with every
    event refused still moves the position) and it is said once, not at every pass (found
    by a review)."""
    from data import view_repo

    station = _Station(site, tmp_path, "205")
    closing.append(station.ctx)
    station.boxes(1)
    view = site.admin.site_view
    view.ingest()
    seq = station.forge(**HOSTILE["ts_9999"])
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            view.ingest()
    with view.database.read() as connection:
        [source] = [s for s in view_repo.station_sources(connection, "205")
                    if s["kind"] == "journal"]
    assert source["last_seq"] == seq
    said = [r for r in caplog.records if "205" in r.getMessage() and "refused" in r.getMessage()]
    assert len(said) == 1
