"""The site view's handover tables (data/view_handover.py): a station's signed handover, its
acknowledgement and notes kept on ingest; whatever else a journal carries under those actions
refused with a WARNING, the first signing kept, nothing crashing the batch."""

from __future__ import annotations

import logging

import pytest

from data.view_db import open_view_database
from data.view_handover import HandoverView, HistoryFilter, history, notes_of
from data.view_store import Batch, Position, ViewWriter
from models.canonical import canonical_json

KEY = "206/2026-12-01/3"


def signed(station="206", key=KEY, **changes) -> dict:
    document = {"kind": "shift_handover", "handover": key, "station": station,
                "shift_day": "2026-12-01", "shift_number": 3, "notes": "Scale 2 drifts",
                "signed_by": "op", "full_name": "Op Silva", "signed_at": "2026-12-02T09:20:00.000Z",
                "summary": {"start": "2026-12-02T01:00:00.000Z", "boxes": 4, "lots": ["L1"],
                            "rejections": [["Rachada", 2], ["Furo", 1]],
                            "stops": [{"reason": "material", "minutes": 35.0}],
                            "alarms": [], "issues": [{"kind": "lot_open"}]}}
    document.update(changes)
    return document


def event(seq, action, after, station="206", entity_id=KEY) -> tuple:
    body = canonical_json({"station": station, "seq": seq, "action": action, "after": after})
    return (station, seq, "2026-12-02T09:20:00.000Z", "op", "operator", action, "handover",
            entity_id, None, f"h{station}{seq}", body)


@pytest.fixture
def writer(tmp_path):
    database = open_view_database(tmp_path / "view.sqlite3")
    writer = ViewWriter(database, "America/Sao_Paulo", extensions=(HandoverView(),))
    yield writer
    writer.close()
    database.dispose()


def store(writer, events, station="206", start=0):
    batch = Batch(station, "journal", Position(1, start), Position(1, start + 1), None,
                  events=list(events), records=[], now="2026-12-02T10:00:00.000Z",
                  source=station)
    return writer.store(batch)


def ack(**changes) -> dict:
    return {"kind": "shift_handover_ack", "handover": KEY, "station": "206", "note": "read",
            "signed_by": "op2", "signed_at": "2026-12-02T09:25:00.000Z", **changes}


def test_a_handover_its_acknowledgement_and_a_note_are_kept_and_found(writer):
    stored = store(writer, [event(1, "handover.signed", signed())])
    assert stored.extensions == {"handover"}
    [row] = history(writer.connection, HistoryFilter())
    assert (row["boxes"], row["rejections"], row["stop_minutes"], row["issues"]) == (4, 3, 35.0, 1)
    store(writer, [event(2, "handover.acknowledged", ack()),
                   event(3, "handover.note", {**ack(kind="shift_handover_note",
                                                    note="Scale replaced 07:10"),
                                             "signed_by": "op"})], start=1)
    [row] = history(writer.connection, HistoryFilter(text="replaced"))
    assert (row["ack_by"], row["addenda"]) == ("op2", 1)
    assert [n["note"] for n in notes_of(writer.connection, "206", KEY)] == ["Scale replaced 07:10"]
    assert history(writer.connection, HistoryFilter(text="rachada op2")) == [row]
    assert history(writer.connection, HistoryFilter(text="100%")) == []  # not a LIKE pattern
    assert history(writer.connection, HistoryFilter(waiting_only=True)) == []
    assert history(writer.connection, HistoryFilter(start="2026-12-02T01:00:00.000Z",
                                                    end="2026-12-02T01:00:00.001Z")) == [row]
    assert history(writer.connection, HistoryFilter(end="2026-12-02T01:00:00.000Z")) == []


def test_what_is_not_a_handover_is_refused_with_a_warning_and_the_first_signing_stands(
        writer, caplog):
    caplog.set_level(logging.WARNING, logger="data.view_handover")
    store(writer, [event(1, "handover.signed", signed())])
    hostile = [
        event(2, "handover.signed", signed(notes="rewritten")),  # the same shift again
        event(3, "handover.signed", signed(station="207")),  # names another station
        event(4, "handover.signed", signed(key="206/2026-12-09/1"), entity_id="206/2026-12-09/1"),
        event(5, "handover.signed", signed(key="206/2026-12-02/1", shift_day="2026-12-02",
                                           shift_number=1,
                                           summary={"start": "x", "boxes": -1, "rejections": [],
                                                    "alarms": [], "issues": []}),
              entity_id="206/2026-12-02/1"),
        event(6, "handover.acknowledged", ack(note=7)),
        event(7, "handover.acknowledged", ack(handover="206/2026-01-01/1"),
              entity_id="206/2026-01-01/1"),
        (*event(8, "handover.note", {})[:10], "not json {"),
    ]
    stored = store(writer, hostile, start=1)
    assert stored is not None and stored.extensions == set()  # the batch itself is stored
    [row] = history(writer.connection, HistoryFilter())
    assert (row["notes"], row["ack_by"], row["addenda"]) == ("Scale 2 drifts", None, 0)
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 7
    assert "already signed" in warnings[0] and "another station" in warnings[1]
    assert "does not match its id" in warnings[2] and "boxes is not a count" in warnings[3]
    assert "note is not text" in warnings[4] and "unknown" in warnings[5]
    assert "not readable JSON" in warnings[6]
    # An acknowledgement from another station's chain is not this station's
    store(writer, [event(1, "handover.acknowledged", ack(station="207"), station="207")],
          station="207")
    [row] = history(writer.connection, HistoryFilter())
    assert row["ack_by"] is None


def test_a_rebuild_keeps_the_handovers(writer):
    store(writer, [event(1, "handover.signed", signed()), event(2, "handover.acknowledged", ack())])
    before = history(writer.connection, HistoryFilter())
    writer.rebuild_aggregates()
    assert history(writer.connection, HistoryFilter()) == before
