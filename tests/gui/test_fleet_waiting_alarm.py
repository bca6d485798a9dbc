"""A station whose journal carries changes waiting for their record (the site view's
`waiting_changes`, FleetMonitor.condition_sources) has a warning of its own in the fleet's
alarm list, worded for a person, held only while the changes wait."""

from __future__ import annotations

from datetime import datetime, timezone

from utils.site.fleet import Liveness, StationView


def test_a_waiting_change_is_a_warning_worded_for_a_person(qapp):
    from config.catalog import DEFAULT_THRESHOLDS
    from gui.admin.fleet_model import FleetTableModel, alarms_of
    from gui.admin.fleet_texts import alarm_text

    model = FleetTableModel()
    view = StationView("207", liveness=Liveness.STOPPED)
    view.journal_waiting = "1 change(s) of records whose first version no journal read so far holds"

    def alarms():
        return alarms_of(model.rows_for([view], DEFAULT_THRESHOLDS, zone=timezone.utc,
                                        today=datetime(2026, 12, 5).date()))

    assert alarms() == [("207", "waiting", "warning")]
    text = alarm_text(alarms()[0])
    assert text.startswith("Station 207:") and "no journal read so far made" in text
    view.journal_waiting = None  # the record's version 1 was read
    assert alarms() == []
