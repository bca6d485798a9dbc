"""The Audit tab's cells of events a station's own key wrote (s18 base_attack), as a view
taken before ingest refused them still holds them: a time of year 9999 (OverflowError in a
+14:00 zone), of 30 February or not a time (ValueError in every zone) made every repaint of the
row raise; an id with a right-to-left override was shown reversed. Now the time is shown as
written and such a text quoted, its characters escaped, cut to a cell's length."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from gui.admin.audit_model import CELL_MAX, row_texts

KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14:00
ROW = {"station": "205", "seq": 4, "username": "op", "role": "operator", "action": "note",
       "entity": "record", "entity_id": "x", "command_id": None}


@pytest.mark.parametrize("ts", ["9999-12-31T23:59:59.999Z", "0001-01-01T00:00:00.000Z",
                                "2026-02-30T08:00:00.000Z", "not a time"])
def test_a_time_no_chain_writes_is_shown_as_written(ts):
    assert row_texts({**ROW, "ts": ts}, KIRITIMATI)[0] == ts


def test_a_genuine_time_is_shown_in_the_sites_zone():
    assert row_texts({**ROW, "ts": "2026-12-05T10:00:00.000Z"}, KIRITIMATI)[0] == \
        "2026-12-06 00:00:00"


def test_a_text_with_direction_or_control_characters_is_shown_escaped():
    cells = row_texts({**ROW, "ts": "2026-12-05T10:00:00.000Z",
                       "entity_id": "L1\u202eKO\x07", "username": "\u202enimda"}, None)
    assert cells[7] == "'L1\\u202eKO\\x07'"
    assert cells[3] == "'\\u202enimda'"


def test_a_text_longer_than_a_cell_is_cut():
    cell = row_texts({**ROW, "ts": "2026-12-05T10:00:00.000Z", "entity_id": "A" * (1 << 20)},
                     None)[7]
    assert len(cell) == CELL_MAX and cell.endswith("...")


def test_the_detail_pane_escapes_a_direction_override_in_a_reason_and_keeps_accents():
    """An event's reason is what someone gave (a file's name, an exception's text), so it is
    not refused at ingest: the detail pane shows a right-to-left override escaped, never
    acting on the text around it, and accents as they are."""
    from gui.admin.audit_model import detail_text

    shown = detail_text('{"reason": "lot \\u202eKO", "size": "C\\u00e1psula"}')
    assert "\u202e" not in shown and "\\u202e" in shown
    assert '"size": "Cápsula"' in shown and shown.count("\n") == 3
    assert detail_text("not json \u202e") == "not json \\u202e"


def test_an_escaped_cell_keeps_its_letters():
    """Only what is invisible or turns text around is escaped: a Portuguese file name with a
    direction override still reads as Portuguese (it read 'relat\\xf3rio')."""
    cell = row_texts({**ROW, "ts": "2026-12-05T10:00:00.000Z",
                      "entity_id": "relatório-\u202ecod.exe"}, None)[7]
    assert cell == "'relatório-\\u202ecod.exe'"
