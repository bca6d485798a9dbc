"""What the Dashboard and Insights tabs share: figures over the site view's records in the
period and station their filters choose, the line that says how current the view is, and the
quality bands they colour by. Both recompute when a filter changes and, through
RefreshWhenShown, when records arrive while they are shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from config.catalog import QualityBands
from utils.site.site_view import SiteView

from gui.admin.record_filters import RecordFilters
from gui.admin.refresh_when_shown import RefreshWhenShown
from gui.admin.site_now import SiteNow
from gui.admin.view_status import ViewStatus


class FiguresTab(RefreshWhenShown):
    """Subclasses provide `refresh()` and connect the bridge's `changed` to `_view_changed`
    once their widgets are built."""

    def __init__(self, object_name: str, site: SiteNow, site_view: SiteView,
                 bands: QualityBands | None, bridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.site = site
        self.site_view = site_view
        self._bands = bands
        self.setObjectName(object_name)
        self.filters = RecordFilters(site, site_view)
        self.filters.changed.connect(self._filters_changed)
        self.currency = ViewStatus(bridge, site.timezone, site.clock)

    @property
    def bands(self) -> QualityBands:
        """The bands (and target) given, else the site catalog's (read at each refresh, so a
        newly published catalog shows at the next refresh)."""
        return self._bands or self.site.catalog.bands

    def _filters_changed(self) -> None:
        """A filter changed, or Refresh was pressed: compute again."""
        self.refresh()
