"""A tab whose figures are worth computing only while someone looks at it: records arriving
while it is hidden mark it stale, and it recomputes when shown (the Dashboard and Insights
tabs, fed by the site view's notifications through gui/admin/view_bridge.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class RefreshWhenShown(QWidget):
    """Subclasses provide `refresh()`; connect the bridge's `changed` to `_view_changed`."""

    _stale = False

    def _view_changed(self, change) -> None:
        """Records arrived or changed: recompute now if shown, else when next shown."""
        if not change.records:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
