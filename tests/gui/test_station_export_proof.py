"""The station's export of its shift refuses, and says so, when a record on this PC is not what
its audit trail says (utils/audit/records.py); offscreen, on a real database."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from tests.gui.conftest import wait_for
from tests.gui.test_station_window import OP_PW, fill, login, set_lot


def test_export_of_a_shift_with_a_changed_record_is_refused_and_said(qtbot, station, ctx,
                                                                     tmp_path):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    fill(station.window.form)
    station.window.form.submit()
    with closing(sqlite3.connect(ctx.paths.database_file)) as connection:
        connection.execute("DROP TRIGGER record_versions_no_update")
        connection.execute("UPDATE record_versions SET cam_d = 99.9")
        connection.commit()
        record_id = connection.execute("SELECT record_id FROM record_versions").fetchone()[0]
    out = tmp_path / "shift.csv"
    station.window.export_shift("csv", str(out))
    wait_for(lambda: getattr(station.window, "export_refused", None) is not None)
    box = station.window.export_refused
    assert box.isVisible() and box.windowTitle() == "Export refused"
    assert record_id in box.text() and "Nothing was exported" in box.text()
    assert not out.exists() and station.window.last_export is None
    box.accept()
