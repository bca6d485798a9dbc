"""The handover's summary (utils/mes/handover_summary.py) against a night shift counted by hand:
shift 3 of 1 December 2026 in São Paulo (UTC-3) runs 22:00 to 06:00 local, 01:00Z to 09:00Z
on 2 December, across local midnight at 03:00Z."""

from __future__ import annotations

from datetime import datetime, timezone

from models.shifts import shift_of
from utils.mes.handover_summary import (
    UNCLASSIFIED, Alarm, Issue, StationState, StopLine, summarize,
)

ZONE = "America/Sao_Paulo"
NIGHT = shift_of(datetime(2026, 12, 2, 3, 30, tzinfo=timezone.utc), ZONE)
AFTER = datetime(2026, 12, 2, 9, 30, tzinfo=timezone.utc)  # half an hour into the next shift


def record(n: int, at: str, *defects: str, status: str = "active", lot: str = "L1") -> dict:
    slots = {f"rej{i + 1}_defect": d for i, d in enumerate(defects)}
    return {"record_id": f"r{n}", "recorded_at": f"2026-12-02T{at}:00.000Z", "status": status,
            "lot": lot, "rej1_defect": None, "rej2_defect": None, "rej3_defect": None, **slots}


def event(seq: int, at: str, action: str, entity_id: str | None = None, after=None,
          username: str = "op") -> dict:
    day = "01" if at > "20" else "02"  # 23:40Z is the evening before
    return {"station": "206", "seq": seq, "ts": f"2026-12-{day}T{at}:00.000Z",
            "username": username, "action": action, "entity_id": entity_id, "after": after}


RECORDS = [
    record(0, "00:59", "Rachada"),  # 21:59 local: the evening shift
    record(1, "01:00", "Rachada"),  # 22:00 sharp: the night's first
    record(2, "02:30", "Rachada", "Furo"),
    record(3, "03:10", "N/A", lot="L2"),  # 00:10 local, after midnight
    record(4, "04:00", "Furo", status="voided"),
    record(5, "08:59", "Furo", "Furo"),
    record(6, "09:00", "Furo"),  # 06:00 local: the morning shift
]

EVENTS = [
    # setup: 00:40Z to 01:20Z, 20 minutes of it in the night shift
    event(1, "00:40", "stop.opened", "s1", {"started_at": "2026-12-02T00:40:00.000Z"}),
    event(2, "01:20", "stop.closed", "s1", {"ended_at": "2026-12-02T01:20:00.000Z",
                                            "reason": "setup"}),
    # 23:50 to 00:25 local (crosses midnight): opened unqualified, classified later: 35 min
    event(3, "02:50", "stop.opened", "s2", {"started_at": "2026-12-02T02:50:00.000Z"}),
    event(4, "03:25", "stop.closed", "s2", {"ended_at": "2026-12-02T03:25:00.000Z"}),
    event(5, "04:00", "stop.classified", "s2", {"reason": "material"}, username="sup"),
    event(6, "05:00", "command.done", "c1", {"type": "lock", "params": {"reason": "Check scale"},
                                             "issued_by": "sup"}),
    event(7, "05:01", "command.done", "c2", {"type": "ping", "params": {}, "issued_by": "sup"}),
    event(8, "06:00", "alarm.ack", "206/cpu", {"note": "Fan cleaned"}),
    # an admin's SPC baseline freeze is not an alarm of the station
    event(9, "06:10", "spc.baseline.freeze", "206/#00/cam_d", {"reason": "new baseline"}),
    # still running at the shift's end: 08:30 to 09:00, 30 minutes, nobody classified it
    event(11, "08:30", "stop.opened", "s3", {"started_at": "2026-12-02T08:30:00.000Z"}),
    # begins after the shift: not in it
    event(12, "09:10", "stop.opened", "s4", {"started_at": "2026-12-02T09:10:00.000Z"}),
]


def test_a_night_shift_across_midnight_counted_by_hand():
    state = StationState(locked_reason="Check scale", lot="L2", lot_box=4, lot_total=10,
                         pending_on_share=3)
    summary = summarize("206", NIGHT, AFTER, RECORDS, EVENTS, state)

    assert (NIGHT.day, NIGHT.number) == ("2026-12-01", 3)
    assert (summary.start, summary.end) == ("2026-12-02T01:00:00.000Z", "2026-12-02T09:00:00.000Z")
    assert summary.as_of == summary.end  # signed after the shift: its whole length
    assert (summary.boxes, summary.voided, summary.lots) == (4, 1, ("L1", "L2"))
    assert summary.rejections == (("Furo", 3), ("Rachada", 2))
    assert summary.stops == (StopLine("material", 1, 35.0, 0), StopLine(UNCLASSIFIED, 1, 30.0, 1),
                             StopLine("setup", 1, 20.0, 0))
    assert summary.alarms == (Alarm("lock", "2026-12-02T05:00:00.000Z", "sup", "Check scale"),
                              Alarm("alarm.ack", "2026-12-02T06:00:00.000Z", "op", "Fan cleaned"))
    assert summary.issues == (Issue("locked", {"reason": "Check scale"}),
                              Issue("lot_open", {"lot": "L2", "box": 4, "total": 10}),
                              Issue("stops_unclassified", {"count": 1}),
                              Issue("stops_running", {"count": 1}),
                              Issue("not_on_share", {"count": 3}))


def test_signed_before_the_end_the_summary_stops_at_that_moment():
    early = datetime(2026, 12, 2, 3, 15, tzinfo=timezone.utc)  # 00:15 local
    summary = summarize("206", NIGHT, early, RECORDS, EVENTS, StationState())
    assert summary.as_of == "2026-12-02T03:15:00.000Z"
    assert (summary.boxes, summary.rejections) == (3, (("Rachada", 2), ("Furo", 1)))
    # s2 is running at 03:15 (25 minutes so far), not classified yet then
    assert summary.stops == (StopLine(UNCLASSIFIED, 1, 25.0, 1), StopLine("setup", 1, 20.0, 0))
    assert summary.alarms == ()
    assert summary.issues == (Issue("stops_unclassified", {"count": 1}),
                              Issue("stops_running", {"count": 1}))


def test_a_shift_without_stops_has_an_empty_list_not_none():
    """This version records stops: a shift without any says "none", never "not recorded"
    (`None` is only in summaries an older version signed)."""
    summary = summarize("206", NIGHT, AFTER, RECORDS, [], StationState())
    assert summary.stops == () and summary.to_dict()["stops"] == []
    quiet = summarize("206", NIGHT, AFTER, [], [], StationState())
    assert quiet.stops == () and quiet.boxes == 0 and quiet.issues == ()


def test_a_malformed_stop_is_left_out_not_guessed():
    bad = [event(1, "02:00", "stop.opened", "s9", {"started_at": "yesterday"}),
           event(2, "02:10", "stop.opened", "s8", "not a dict")]
    summary = summarize("206", NIGHT, AFTER, [], bad, StationState())
    # s9's own start is unreadable: it is dropped; s8 has no after, so its first event's
    # time (02:10Z) is its start, still running at the end: 410 minutes unclassified
    assert summary.stops == (StopLine(UNCLASSIFIED, 1, 410.0, 1),)


def test_the_summary_as_a_document_is_plain_json():
    from models.canonical import canonical_json

    summary = summarize("206", NIGHT, AFTER, RECORDS, EVENTS, StationState())
    document = summary.to_dict()
    assert document["rejections"] == [["Furo", 3], ["Rachada", 2]]
    assert document["stops"][0] == {"reason": "material", "stops": 1, "minutes": 35.0,
                                    "running": 0}
    canonical_json(document)  # raises on anything that is not plain JSON


def test_a_note_pasted_with_a_tab_or_an_invisible_character_is_quoted_so_the_view_takes_it():
    """An alarm acknowledgement's note is kept as typed; quoted in the signed summary, a tab,
    a soft hyphen, a newline or a direction override would make every PC's site view refuse
    the whole handover (found by a review): they are made spaces there."""
    from models.handover import text_problem
    from models.shifts import shift_of
    from utils.mes.handover_summary import StationState, summarize

    now = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)
    for note in ("checking the sensor\u00adnow", "pasted\ttext", "line one\nline two",
                 "lot \u202eKO"):
        events = [{"station": "206", "seq": 5, "ts": "2026-12-05T12:00:00.000Z",
                   "username": "ana", "action": "alarm.ack", "entity_id": "206",
                   "after": {"alarm": "state", "level": "critical", "note": note}}]
        summary = summarize("206", shift_of(now, "America/Sao_Paulo"), now, [], events,
                            StationState())
        [alarm] = summary.alarms
        assert text_problem({"summary": summary.to_dict()}) is None, note
        assert len(alarm.detail) == len(note) and alarm.detail.strip()
    assert summarize("206", shift_of(now, "America/Sao_Paulo"), now, [], [
        {"station": "206", "seq": 1, "ts": "2026-12-05T12:00:00.000Z", "username": "ana",
         "action": "alarm.ack", "entity_id": "206",
         "after": {"note": "Cápsula ok"}}], StationState()).alarms[0].detail == "Cápsula ok"
