"""A plot item drawing several stations' lines (one pen each) as one graphics item.

One item per plot and part (settled / live) instead of one per station: a tick changes three
small items, so the scene computes one bounding rect per plot and repaints only the strip where
the live lines grow. The settled item keeps its drawing as a pixmap until its lines change.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from gui.admin.fleet_traces import Trace

PAD_PX = 2  # the line's own width, and a pixel to spare, around the points' bounds


class TraceSetItem(QGraphicsItem):
    def __init__(self, *, cached: bool):
        super().__init__()
        self._traces: list[tuple[str, QPen, Trace]] = []
        self._hidden: frozenset[str] = frozenset()
        self._rect = QRectF()
        if cached:
            # Redrawn into the pixmap only when its lines or the plot's scale change.
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_traces(self, traces: list[tuple[str, QPen, Trace]],
                   pixel_size: tuple[float, float]) -> None:
        """(station, pen, trace) to draw; `pixel_size` is one screen pixel in data units (the
        bounds must hold the pen's width, which does not scale with the data)."""
        self.prepareGeometryChange()
        self._traces = traces
        if traces:
            pad_x, pad_y = PAD_PX * pixel_size[0], PAD_PX * pixel_size[1]
            x0 = min(trace.x_min for _s, _p, trace in traces) - pad_x
            x1 = max(trace.x_max for _s, _p, trace in traces) + pad_x
            y0 = min(trace.y_min for _s, _p, trace in traces) - pad_y
            y1 = max(trace.y_max for _s, _p, trace in traces) + pad_y
            self._rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        else:
            self._rect = QRectF()
        self.update()

    def set_hidden(self, stations: frozenset[str]) -> None:
        """Stations whose lines are not drawn (switched off in the legend)."""
        if stations != self._hidden:
            self._hidden = stations
            self.update()

    def points(self, station: str) -> int:
        """How many points of this station's line the item draws (0: none, or switched off)."""
        if station in self._hidden:
            return 0
        return sum(trace.points for s, _pen, trace in self._traces if s == station)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._rect

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        # One-pixel lines without antialiasing: Qt's raster engine draws wider or smoothed
        # lines many times slower, and the dashboard turns pyqtgraph's global antialias on.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for station, pen, trace in self._traces:
            if station not in self._hidden:
                painter.setPen(pen)
                painter.drawPath(trace.path)
