"""The Production tab's table: the site view's records for a filter, newest first, read a page
at a time as the view scrolls (a year of a large plant is millions of rows; only the pages on
screen are ever in memory: paged_rows.py). `reload` re-reads after the view changed; `row_of` finds a record's
row again so the tab can keep the selection and the scroll position.

Sorted by a column in the query (data/view_repo.py RecordSort), so the pages stay pages of one
order: by date and time always; by another column while the filters match at most
SORT_ROWS_LIMIT records (beyond, the rows stay newest first and `held_back` says so: each page
would sort them all); never by the rejections (up to three per box)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from data import view_record_count, view_repo
from data.view_buckets import Buckets
from data.view_repo import NEWEST_FIRST, SORT_KEYS, SORT_ROWS_LIMIT, RecordSort
from data.records_repo import RecordFilter

from gui.admin.paged_rows import PagedRows
from gui.i18n import number_locale
from gui.records_model import RecordsTableModel

PAGE_ROWS = 200
PAGES_KEPT = 32


def limit_text() -> str:
    """SORT_ROWS_LIMIT as the language writes it ("50,000", "50.000")."""
    locale = number_locale()
    locale.setNumberOptions(locale.NumberOption.DefaultNumberOptions)  # a count: grouped
    return locale.toString(SORT_ROWS_LIMIT)


class SiteRecordsModel(RecordsTableModel):
    def __init__(self, view, parent: QObject | None = None):
        super().__init__(parent, with_station=True, newest_first=True)
        self.view = view
        # The site's local hours, days and months: a count with a defect reads the aggregates
        # the view keeps in them (data/view_record_count.py).
        self._buckets = Buckets(view.zone_name)
        self.record_filter = RecordFilter(include_voided=True)
        self._pages = PagedRows(self._read_page, PAGES_KEPT)
        # The order asked for (a header's click), the header that shows it, and the order the
        # rows are in (the same unless the filters match too many records to sort).
        self.sort = NEWEST_FIRST
        self.sort_section = self.COLUMNS.index("date")
        self.shown_sort = NEWEST_FIRST

    @property
    def queries(self) -> int:
        """Pages read (tests and the benchmark look at it)."""
        return self._pages.queries

    def _read_page(self, limit: int, offset: int) -> list[dict[str, Any]]:
        with self.view.database.read() as connection:
            return view_repo.record_page(connection, self.record_filter, limit=limit,
                                         offset=offset, sort=self.shown_sort)

    def sortable(self, column: int) -> bool:
        return self.COLUMNS[column] in ("date", "time", *SORT_KEYS)

    def set_sort(self, column: int, order: Qt.SortOrder) -> None:
        """Sort by `column` from the next reload (a column that is not sortable: ignored)."""
        if not self.sortable(column):
            return
        name = self.COLUMNS[column]
        self.sort = RecordSort(None if name in ("date", "time") else name,
                               order == Qt.SortOrder.DescendingOrder)
        self.sort_section = column

    @property
    def held_back(self) -> bool:
        """The order asked for is not the one shown: too many records match to sort them."""
        return self.sort != self.shown_sort

    def shown_section(self) -> tuple[int, Qt.SortOrder]:
        """The header and the direction of the order the rows are in (the indicator)."""
        section = self.sort_section if not self.held_back else self.COLUMNS.index("date")
        return section, (Qt.SortOrder.DescendingOrder if self.shown_sort.descending
                         else Qt.SortOrder.AscendingOrder)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt's name)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return super().headerData(section, orientation, role)
        name = self.COLUMNS[section]
        if role == Qt.ItemDataRole.InitialSortOrderRole:  # a first click: newest, highest CAM
            first = name in ("date", "time", "cam_d", "cam_w")
            return Qt.SortOrder.DescendingOrder if first else Qt.SortOrder.AscendingOrder
        if role != Qt.ItemDataRole.ToolTipRole:
            return super().headerData(section, orientation, role)
        if name in ("date", "time"):
            return self.tr("Click to sort by date and time; again to reverse.")
        if name in SORT_KEYS:
            return self.tr("Click to sort by this column (the same value: newest first); again "
                           "to reverse. Only when the filters match at most %1 records: "
                           "sorting more would take seconds a page, so they stay newest first."
                           ).replace("%1", limit_text())
        return self.tr("Not sortable: a box has up to three rejections. To find a defect, "
                       "choose it in the filters.")

    def set_filter(self, record_filter: RecordFilter) -> None:
        self.record_filter = record_filter
        self.reload()

    def reload(self, keep: list[dict[str, Any] | None] = ()) -> list[int | None]:
        """Count again and forget every page (the view changed, or the filter did). Returns
        the new row of each record in `keep` (None: not there any more), found in the same
        read of the view as the count and the first page, so a batch stored meanwhile by the
        follower cannot shift them (its own notification brings the next reload)."""
        with self.view.database.read() as connection:
            count = view_record_count.count_records(connection, self.record_filter,
                                                    self._buckets)
            sorting = self.sort.column is None or count <= SORT_ROWS_LIMIT
            self.shown_sort = self.sort if sorting else NEWEST_FIRST
            rows = [None if record is None else self._position(connection, record, count)
                    for record in keep]
            first = view_repo.record_page(connection, self.record_filter, limit=PAGE_ROWS,
                                          sort=self.shown_sort)
        self.beginResetModel()
        self._pages.reset(count, PAGE_ROWS, first)
        self.endResetModel()
        return rows

    def _position(self, connection, record: dict[str, Any], count: int) -> int | None:
        current = view_repo.current_record(connection, record["record_id"])
        if current is None:
            return None
        row = view_repo.rows_before(connection, self.record_filter, current, self.shown_sort)
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
