"""Exporting the shift under way at a station to CSV or XLSX, from the station window's File
menu: in the background, with the result in the status bar, and a refusal explained when a
record on this PC is not what its audit trail says."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from config.catalog import LOCATION_NOT_RECORDED
from data.records_repo import RecordFilter
from utils.audit.records import RecordsNotProven

from gui.messages import location_text
from gui.numbers import export_note

if TYPE_CHECKING:
    from gui.station_window import StationWindow

# The station window's own wording (its translation context).
translate = QCoreApplication.translate


def export_shift(window: "StationWindow", fmt: str, path: str | None = None) -> None:
    """Write this shift's records of this station to `path` (asked when None). The window
    keeps `last_export` (path, count) and, after a refusal, the `export_refused` box."""
    controller = window.controller
    session = controller.session
    if session is None:
        return
    if path is None:
        suffix = "csv" if fmt == "csv" else "xlsx"
        shift = controller.shift()
        default = f"station-{controller.ctx.station_id}-{shift.day}-shift{shift.number}.{suffix}"
        path, _ = QFileDialog.getSaveFileName(
            window, translate("StationWindow", "Export this shift"), str(Path.home() / default),
            "CSV (*.csv)" if fmt == "csv" else "Excel (*.xlsx)")
        if not path:
            return
    shift = controller.shift()
    record_filter = RecordFilter(start=shift.start_utc, end=shift.end_utc,
                                 station_id=controller.ctx.station_id)
    production = controller.ctx.production
    not_recorded = location_text(LOCATION_NOT_RECORDED)
    window.last_export = None

    def work(progress, cancel):
        # Imported on the first export, not with the station window: the exports' module
        # brings in pandas, which took ~0.5 s of every start-up (bench_gui's startup phase).
        from utils.records_io import export_records

        return export_records(production, session, fmt, Path(path), record_filter,
                              not_recorded_text=not_recorded)

    def done(count: int) -> None:
        window.last_export = (path, count)
        window.statusBar().showMessage(
            translate("StationWindow", "Exported %n record(s) to %1", "", count)
            .replace("%1", str(path)) + " " + export_note(fmt), 15000)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, RecordsNotProven):  # a row the audit chain does not hold
            box = QMessageBox(QMessageBox.Icon.Critical,
                              translate("StationWindow", "Export refused"), translate(
                "StationWindow",
                "Nothing was exported: a record on this PC is not what its audit trail "
                "says (%1). Keep this PC as it is, verify the audit trail (Tools menu) and "
                "call your administrator.").replace("%1", str(exc.finding.record_id)),
                QMessageBox.StandardButton.Ok, window)
            box.open()  # not exec(): the window stays responsive, tests can read it
            window.export_refused = box
            return
        QMessageBox.warning(window, translate("StationWindow", "Export failed"), translate(
            "StationWindow", "The file was not written: %1. Your records are safe in this PC's "
            "database; try another folder.").replace("%1", str(exc)))

    window.runner.run(work, on_done=done, on_error=failed)
