"""The command tables' statements that every round trip crosses go straight to SQLite's driver
(data/database.py driver_sql); what they write and read is what the Core statements of the
rest of the module read and write."""

from __future__ import annotations

from datetime import datetime, timezone

from data import commands_repo
from data.database import open_database

WHEN = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)


def _document(command_id: str) -> dict:
    return {"id": command_id, "target": "206", "type": "ping", "params": {"n": 1},
            "issued_by": "ana", "issued_at": "2026-12-05T09:00:00.000Z",
            "not_after": "2026-12-05T09:10:00.000Z"}


def test_the_round_trips_statements_agree_with_the_core_ones(tmp_path):
    database = open_database(tmp_path / "db.sqlite3")
    try:
        with database.write() as connection:
            for command_id in ("c1", "c2", "c3"):
                commands_repo.sent_insert(connection, _document(command_id), WHEN)
            commands_repo.sent_update(connection, "c2", "done", None, {"pong": True}, WHEN)
            commands_repo.ledger_start(connection, "c1", "ping", "ana", WHEN)
            commands_repo.ledger_start(connection, "c2", "ping", "ana", WHEN)
            commands_repo.ledger_finish(connection, "c2", "done", "", {"pong": True}, WHEN,
                                        acked=True)
        with database.read() as connection:
            every = commands_repo.sent_list(connection)  # Core
            pending = commands_repo.sent_list(connection, pending_only=True)  # the driver
            assert pending == [row for row in every if row["state"] == "pending"]
            assert {row["command_id"] for row in pending} == {"c1", "c3"}
            assert next(r for r in every if r["command_id"] == "c2")["result"] == '{"pong":true}'
            assert commands_repo.ledger_has(connection, "c1")
            assert not commands_repo.ledger_has(connection, "c3")
            unacked = commands_repo.ledger_unacked(connection)  # Core, reading the booleans
            assert [row["command_id"] for row in unacked] == ["c1"]
            assert unacked[0]["ack_written"] is False
    finally:
        database.dispose()
