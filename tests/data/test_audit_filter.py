"""The audit viewer's action filter finds the action typed or its family: "record" finds
record.edit and record.void (a person types the word they know; before, only an exact name
matched, and "catalog" or "lot" found nothing without a word of why), never another word that
starts the same ("records.export")."""

from __future__ import annotations

from sqlalchemy import insert

from data import audit_repo, schema
from data.database import open_database

from tests.data.test_triggers import event_row

ACTIONS = ("record.edit", "record.void", "records.export", "recordx", "record", "lot.release")


def test_an_action_filter_finds_the_action_and_its_family(tmp_path):
    database = open_database(tmp_path / "audit.db")
    try:
        with database.write() as connection:
            for seq, action in enumerate(ACTIONS, start=1):
                connection.execute(insert(schema.audit_events).values(
                    {**event_row(seq), "action": action}))
        with database.read() as connection:
            def found(action: str) -> list[str]:
                return sorted(e["action"] for e in audit_repo.list_events(connection,
                                                                          action=action))

            assert found("record") == ["record", "record.edit", "record.void"]
            assert found("record.edit") == ["record.edit"]
            assert found("lot") == ["lot.release"]
            assert found("records") == ["records.export"]
            assert found("rec") == []
    finally:
        database.dispose()
