"""The Production tab's table: the site view's records for a filter, newest first, read a page
at a time as the view scrolls (a year of a large plant is millions of rows; only the pages on
screen are ever in memory: paged_rows.py). `reload` re-reads after the view changed; `row_of` finds a record's
row again so the tab can keep the selection and the scroll position."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from data import view_repo
from data.records_repo import RecordFilter

from gui.admin.paged_rows import PagedRows
from gui.records_model import RecordsTableModel

PAGE_ROWS = 200
PAGES_KEPT = 32


class SiteRecordsModel(RecordsTableModel):
    def __init__(self, view, parent: QObject | None = None):
        super().__init__(parent, with_station=True, newest_first=True)
        self.view = view
        self.record_filter = RecordFilter(include_voided=True)
        self._pages = PagedRows(self._read_page, PAGES_KEPT)

    @property
    def queries(self) -> int:
        """Pages read (tests and the benchmark look at it)."""
        return self._pages.queries

    def _read_page(self, limit: int, offset: int) -> list[dict[str, Any]]:
        with self.view.database.read() as connection:
            return view_repo.record_page(connection, self.record_filter, limit=limit,
                                         offset=offset)

    def set_filter(self, record_filter: RecordFilter) -> None:
        self.record_filter = record_filter
        self.reload()

    def reload(self, keep: list[dict[str, Any] | None] = ()) -> list[int | None]:
        """Count again and forget every page (the view changed, or the filter did). Returns
        the new row of each record in `keep` (None: not there any more), found in the same
        read of the view as the count and the first page, so a batch stored meanwhile by the
        follower cannot shift them (its own notification brings the next reload)."""
        with self.view.database.read() as connection:
            count = view_repo.count_records(connection, self.record_filter)
            rows = [None if record is None else self._position(connection, record, count)
                    for record in keep]
            first = view_repo.record_page(connection, self.record_filter, limit=PAGE_ROWS)
        self.beginResetModel()
        self._pages.reset(count, PAGE_ROWS, first)
        self.endResetModel()
        return rows

    def _position(self, connection, record: dict[str, Any], count: int) -> int | None:
        current = view_repo.current_record(connection, record["record_id"])
        if current is None:
            return None
        row = view_repo.rows_before(connection, self.record_filter, current["recorded_at"],
                                    current["record_id"])
        return row if row < count else None

    def rowCount(self, parent=None) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent is not None and parent.isValid() else self._pages.count

    def row_data(self, row: int) -> dict[str, Any]:
        return self._pages.row(row)

    def row_of(self, record: dict[str, Any]) -> int | None:
        """The row of a record (by id) under the current filter, or None if it is not there."""
        with self.view.database.read() as connection:
            row = self._position(connection, record, self._pages.count)
        if row is None or self.row_data(row).get("record_id") != record["record_id"]:
            return None
        return row
