"""Production: the site-wide records (every station's journal, in the site view) with filters,
live by default (the range runs "until now" and records appear as they arrive, the selection
and the scroll position kept), sorted by a header's click (the query orders them:
site_records_model.py; the exports stay oldest first, the same rows), each record's version
history with what changed (cleared when the selection goes), exports to CSV
and Excel (every record for the filters, the same as `shopfloor export --site`), and, for the
roles allowed, a manual record on behalf of a station and signed corrections and voids of any
station's record (gui/admin/record_dialog.py; the services check the role again).
The rows' count has its own line, which live updates rewrite; the status line under it says
what the person's last action did (an export's path, why it failed) until their next one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHeaderView, QLineEdit, QPlainTextEdit,
    QPushButton, QWidget,
)

from config.catalog import LOCATION_NOT_RECORDED, NO_REJECTION
from config.constants import Permission, role_allows
from data import view_repo
from data.records_repo import RecordFilter
from models.canonical import parse_utc
from utils import dashboard_figures
from utils.auth import Session
from utils.changes import Changes
from utils.production import ProductionService
from utils.site.site_ingest import GUI_LOCAL_EVENTS
from utils.site.site_view import SiteView
from utils.permissions import require
from utils.records_io import export_view_records

from gui.admin.keep_place import clear_unless_selected, reload_keeping_place, select_quietly
from gui.admin.list_tab import apply_filters, count_and_status, lay_out_list_tab
from gui.admin.record_filters import fill_station_choice
from gui.admin.site_now import SiteNow
from gui.admin.site_records_model import SiteRecordsModel, limit_text
from gui.admin.time_range import LiveRange
from gui.admin.view_bridge import ViewBridge
from gui.admin.view_status import ViewStatus
from gui.labels import status_line
from gui.messages import field_label, location_text, rejections_text
from gui.numbers import export_note, format_number
from gui.table_view import long_list, read_table
from gui.tasks import TaskRunner

# What a version may change, in the order the history lists it; the three rejection pairs
# are compared and shown as one list, as the table shows them.
HISTORY_FIELDS = ("lot", "box", "size", "cam_d", "cam_w", "rejections", "status")


class ProductionTab(QWidget):
    def __init__(self, site: SiteNow, view: SiteView, changes: Changes,
                 production: ProductionService, session: Session, runner: TaskRunner,
                 bridge: ViewBridge | None = None, parent: QWidget | None = None):
        require(session, Permission.RECORD_VIEW_SITE, changes, target="site records")
        super().__init__(parent)
        self.site, self.changes, self.production = site, changes, production
        self.view = view
        self.session = session
        self.runner = runner
        self.setObjectName("productionTab")
        zone = site.timezone
        self.range = LiveRange(zone, site.clock, site.clock.now() - timedelta(days=7))
        self.range.changed.connect(self.refresh)
        self.station = QComboBox()
        self.lot = QLineEdit()
        self.lot.setPlaceholderText(self.tr("lot"))
        self.operator = QLineEdit()
        self.operator.setPlaceholderText(self.tr("operator"))
        self.defect = QComboBox()
        self.defect.addItem(self.tr("any defect"), None)
        for name in site.catalog.defects:
            if name != NO_REJECTION:
                self.defect.addItem(name, name)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.clicked.connect(self.refresh)
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button = QPushButton(self.tr("Export Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.manual_button = QPushButton(self.tr("Manual record…"))
        self.manual_button.setObjectName("manualRecord")
        self.manual_button.clicked.connect(self.manual_record)
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.correct_button.setObjectName("correctRecord")
        self.correct_button.clicked.connect(self.correct_selected)
        self.void_button = QPushButton(self.tr("Void…"))
        self.void_button.setObjectName("voidRecord")
        self.void_button.clicked.connect(self.void_selected)
        self.manual_button.setVisible(role_allows(session.role, Permission.RECORD_MANUAL))
        self.correct_button.setVisible(role_allows(session.role, Permission.RECORD_EDIT))
        self.void_button.setVisible(role_allows(session.role, Permission.RECORD_VOID))
        self.dialog = None
        self.status = status_line("productionStatus")  # paths and errors: it wraps
        self.count = status_line("productionCount")  # the rows: live updates rewrite it
        self.currency = ViewStatus(bridge, zone, site.clock)
        self.model = SiteRecordsModel(self.view, self)
        self.table = read_table(self.model, self.tr("Site records"), "siteRecords")
        long_list(self.table)  # columns fitted once, to the first rows (refresh)
        # A header's click sorts (the query orders the rows: site_records_model.py); not the
        # view's setSortingEnabled, so the tab keeps the selected record when the order changes.
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(*self.model.shown_section())
        header.sortIndicatorChanged.connect(self._sort_changed)
        # The rejections (up to three a box) take the width the other columns leave, on one
        # line cut with "…", whole in their tooltip (records_model.py): fitted to their text
        # they pushed CAM-D %, CAM-W %, Operator and Status behind a scroll at 1366 px.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.model.COLUMNS.index("rejections"),
                                    QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(self._show_history)
        self.history = QPlainTextEdit()
        self.history.setAccessibleName(self.tr("Version history of the selected record"))
        self.history.setObjectName("recordHistory")
        self.history.setReadOnly(True)
        self.history.setPlaceholderText(self.tr("Select a record to see its versions."))
        lay_out_list_tab(
            self, filters=(self.range, self.station, self.lot, self.operator, self.defect,
                           self.apply_button),
            currency=self.currency, actions=(self.manual_button, self.correct_button,
                                             self.void_button, self.csv_button, self.xlsx_button),
            status=count_and_status(self.count, self.status), table=self.table,
            # The history wraps in a narrow pane; the table's ten columns need the width.
            details=self.history, widths=(1120, 240))
        if bridge is not None:
            bridge.changed.connect(self.view_changed)
        self.refresh()

    def set_range(self, start, end=None) -> None:
        """Show [start, end) as a fixed range; end None: from start until now (live)."""
        self.range.set_range(start, end)

    def record_filter(self) -> RecordFilter:
        """The filters on screen, as the view (and `shopfloor export --site`) take them."""
        start, end = self.range.bounds()
        return RecordFilter(start=start, end=end, station_id=self.station.currentData(),
                            lot=self.lot.text().strip() or None,
                            operator=self.operator.text().strip() or None,
                            defect=self.defect.currentData(), include_voided=True)

    def filters(self) -> dict[str, Any]:
        """The filters as the export's audit event records them."""
        chosen = self.record_filter()
        return {"from": chosen.start.isoformat(),
                "to": None if chosen.end is None else chosen.end.isoformat(),
                "station": chosen.station_id, "lot": chosen.lot, "operator": chosen.operator,
                "defect": chosen.defect}

    def refresh(self) -> None:
        """Apply the filters: read the count and the first page again (the person did
        something else: the last action's message goes)."""
        self.status.say("")
        apply_filters(self.view, self._set_filters, self.currency, self.range, self.table)
        self._show_count()
        clear_unless_selected(self.table, self.history)

    def _set_filters(self) -> None:
        """The stations the view holds records of offered (new ones arrive), then the filter."""
        with self.view.database.read() as connection:
            stations = view_repo.record_stations(connection)
        fill_station_choice(self.station, stations, self.tr("all stations"))
        self.model.set_filter(self.record_filter())

    def view_changed(self, change) -> None:
        """New or changed records arrived: show them, keeping the selected record selected
        and the rows in view where they were (at the top, the newest stay in sight)."""
        if not change.records:
            return
        station = self.station.currentData()
        if station is not None and station not in change.stations:
            return
        self.live_refresh()

    def live_refresh(self) -> None:
        with self.view.database.read() as connection:
            stations = view_repo.record_stations(connection)
        fill_station_choice(self.station, stations, self.tr("all stations"))
        reload_keeping_place(self.table, self.model)
        self._show_count()
        clear_unless_selected(self.table, self.history)  # the selected record still listed: kept

    def _show_count(self) -> None:
        text = self.tr("%n record(s)", "", self.model.rowCount())
        if self.model.held_back:
            name = self.model.headerData(self.model.sort_section, Qt.Orientation.Horizontal)
            text += " · " + self.tr("newest first: more than %1 match, too many to sort by %2. "
                                    "Narrow the filters (a station, a shorter range) to sort."
                                    ).replace("%1", limit_text()).replace("%2", str(name))
        self.count.setText(text)
        self._show_sort()

    def _show_sort(self) -> None:
        """The header's indicator on the order the rows are in."""
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(*self.model.shown_section())
        header.blockSignals(False)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        """A header was clicked: the rows in that column's order, read again, the selected
        record still selected and in view (else the top of the list)."""
        if not self.model.sortable(column):
            self._show_sort()
            self.status.say(str(self.model.headerData(
                column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)))
            return
        self.status.say("")
        selected = self.selected_row()
        self.model.set_sort(column, order)
        [row] = self.model.reload([selected or None])
        if row is None:
            self.table.scrollToTop()
            clear_unless_selected(self.table, self.history)
        else:
            select_quietly(self.table, row)
            self.table.scrollTo(self.model.index(row, 0),
                                QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_count()

    def selected_row(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.row_data(index.row()) if index.isValid() else None

    def manual_record(self) -> None:
        from gui.admin.record_dialog import RecordDialog

        self._open(RecordDialog(self.site, self.production, self.session, parent=self))

    def _changeable(self, voided: str) -> dict[str, Any] | None:
        """The selected record when it may still change; None, and why (`voided` for a voided
        one) in the status line, otherwise."""
        row = self.selected_row()
        if row is None:
            self.status.say(self.tr("Select a record first."))
        elif row.get("status") == "voided":
            self.status.say(voided)
        else:
            return row
        return None

    def correct_selected(self) -> None:
        row = self._changeable(self.tr("This record is voided and cannot be changed."))
        if row is not None:
            from gui.admin.record_dialog import RecordDialog

            self._open(RecordDialog(self.site, self.production, self.session, row, parent=self))

    def void_selected(self) -> None:
        row = self._changeable(self.tr("This record is already voided."))
        if row is not None:
            from gui.admin.record_dialog import VoidDialog

            self._open(VoidDialog(self.site, self.production, self.session, row, parent=self))

    def _open(self, dialog) -> None:
        """Open a record dialog (non-blocking, so tests and the fleet view keep running) and
        show the saved version when it closes with a save."""
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._saved(dialog.result_record))
        dialog.open()

    def _saved(self, record) -> None:
        # This PC's new version, unless the follower is busy (it takes it next).
        self.view.ingest_local(wait=False, max_events=GUI_LOCAL_EVENTS)
        self.refresh()
        row = self.model.row_of({"record_id": record.record_id})
        if row is not None:
            self.table.selectRow(row)
        self.status.say(self.tr("Saved version %1 of lot %2, box %3.")
                 .replace("%1", str(record.version)).replace("%2", record.lot)
                 .replace("%3", str(record.box)))

    def _show_history(self, current, _previous) -> None:
        if not current.isValid():
            self.history.clear()
            return
        record = self.model.row_data(current.row())
        versions = dashboard_figures.record_history(self.view, record["record_id"])
        lines = [self.tr("Record %1 · lot %2 · box %3 · registered by %4")
                 .replace("%1", record["record_id"][:8]).replace("%2", str(record["lot"]))
                 .replace("%3", str(record["box"])).replace("%4", str(record["operator"])), ""]
        previous = None
        for version in versions:
            who = version.get("editor") or version.get("operator")
            when = version.get("edited_at") or version.get("recorded_at")
            lines.append(self.tr("Version %1 · %2 · %3").replace("%1", str(version["version"]))
                         .replace("%2", str(who)).replace("%3", self._site_time(when)))
            if version.get("reason"):  # why this version was written, not a changed value
                lines.append("    " + self.tr("Reason: %1").replace("%1", str(version["reason"])))
            if previous is not None:
                for field in HISTORY_FIELDS:
                    before, after = (self._history_value(previous, field),
                                     self._history_value(version, field))
                    if before != after:
                        lines.append(f"    {self._history_label(field)}: {before} → {after}")
            if version.get("base_version") is not None and version["base_version"] != version["version"] - 1:
                lines.append("    " + self.tr("CONFLICT: written from version %1")
                             .replace("%1", str(version["base_version"])))
            previous = version
        self.history.setPlainText("\n".join(lines))

    def _site_time(self, when: Any) -> str:
        """A stored UTC time as the site's wall clock, like the table's Date and Time."""
        if not when:
            return "—"
        moment = when if isinstance(when, datetime) else parse_utc(str(when))
        return moment.astimezone(ZoneInfo(self.site.timezone)).strftime(
            "%Y-%m-%d %H:%M:%S")

    def _history_label(self, field: str) -> str:
        return self.tr("Status") if field == "status" else field_label(field)

    def _history_value(self, version: dict[str, Any], field: str) -> str:
        """A version's value as the person reads it: numbers with the language's decimal
        separator and two decimals (as in the table), rejections as "defect (location)"."""
        if field == "rejections":
            return rejections_text(version)
        value = version.get(field)
        if value is None or value == "":
            return "—"
        if field in ("cam_d", "cam_w"):
            return format_number(float(value), 2)
        if field == "status":
            return self.tr("voided") if value == "voided" else self.tr("active")
        return str(value)

    def export(self, fmt: str, path: str | None = None) -> None:
        if path is None:
            suffix = "csv" if fmt == "csv" else "xlsx"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export records"),
                                                  str(Path.home() / f"records.{suffix}"),
                                                  "CSV (*.csv)" if fmt == "csv" else "Excel (*.xlsx)")
            if not path:
                return
        view, chosen, filters = self.view, self.record_filter(), self.filters()
        changes, session = self.changes, self.session
        not_recorded = location_text(LOCATION_NOT_RECORDED)
        self.last_export = None
        self.status.say("")  # a new export: the last one's message no longer stands

        def done(count: int) -> None:
            self.last_export = (path, count)
            self.status.say(self.tr("Exported %n record(s) to %1", "", count)
                     .replace("%1", str(path)) + " " + export_note(fmt))

        def failed(exc: BaseException) -> None:
            self.status.say(self.tr("The file was not written: %1").replace("%1", str(exc)))

        self.runner.run(lambda progress, cancel: export_view_records(
            view, changes, session, chosen, fmt, Path(path), filters,
            not_recorded_text=not_recorded), on_done=done, on_error=failed)
