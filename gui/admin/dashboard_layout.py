"""How the dashboard's charts are laid out so they can be read on a 1366 x 768 screen: every plot
keeps a minimum height (the tab scrolls rather than squeezing them to a few pixels, where
their value axes stacked their numbers on top of each other), a plot ignores the mouse wheel
(it scrolls the tab instead of zooming one chart), and a plot with nothing to show says so in
words in place of an empty axis.

The charts are one pyqtgraph GraphicsLayoutWidget: the plots' minimum heights hold inside its
grid, but the widget does not take the grid's minimum as its own, so `fit_height` gives it."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from gui.admin.value_axis import value_axes

# A plot's whole height: its title (about 25 px), the value axis, and the names under it (44 px
# for two lines) leave a data area of about 150 px, room for five value ticks well apart.
PLOT_MIN_PX = 220
NOTE_COLOR = "#424242"
NOTE_POINT_SIZE = 11


def dashboard_plot(charts: pg.GraphicsLayoutWidget, row: int, col: int, title: str,
                   colspan: int = 1) -> pg.PlotItem:
    """A plot added to `charts` at (`row`, `col`) with its minimum height, numbers written as
    the screen writes them, no pyqtgraph menu (English only) and no mouse zoom or pan (the
    ranges are the tab's; the wheel scrolls the tab)."""
    plot = charts.addPlot(row=row, col=col, colspan=colspan, title=title,
                          axisItems=value_axes(), enableMenu=False)
    plot.setMinimumHeight(PLOT_MIN_PX)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()  # the "A" (auto range) button: nothing to undo without zoom
    return plot


def fit_height(charts: pg.GraphicsLayoutWidget) -> None:
    """The widget's minimum height: its grid's (the plots' and the legends'), so that a scroll
    area around it scrolls instead of squeezing the plots."""
    grid = charts.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).height()  # with its margins
    frame = charts.frameWidth() * 2
    charts.setMinimumHeight(int(grid) + frame + 2)


class EmptyNote:
    """A sentence in the middle of a plot that has nothing to show ("No stops in this period"),
    with the plot's axes hidden meanwhile: an axis without data draws stacked ticks around 0
    that say nothing."""

    def __init__(self, plot: pg.PlotItem, text: str, drawn_anyway: tuple = ()):
        """`drawn_anyway`: the plot's items that draw something without data (bars of height
        0 draw their outline, a limit line its dash), hidden with the axes. Not the others: a
        legend shows its hidden items' samples crossed out."""
        self.plot = plot
        self.drawn_anyway = drawn_anyway
        self.label = pg.TextItem(text, color=NOTE_COLOR, anchor=(0.5, 0.5))
        font = QFont()
        font.setPointSize(NOTE_POINT_SIZE)
        self.label.setFont(font)
        # A child of the view box, not of its data: placed in pixels, whatever the range.
        self.label.setParentItem(plot.vb)
        self.label.hide()
        plot.vb.sigResized.connect(self._center)

    def _center(self, *_args) -> None:
        self.label.setPos(self.plot.vb.rect().center())

    def show(self, empty: bool) -> None:
        """Say the plot is empty, hiding its axes and what would cross the sentence, or show
        them again."""
        self.label.setVisible(empty)
        for axis in ("left", "bottom"):
            self.plot.showAxis(axis, not empty)
        for item in self.drawn_anyway:
            item.setVisible(not empty)
        self._center()

    @property
    def shown(self) -> bool:
        return self.label.isVisible()

    def text(self) -> str:
        return self.label.textItem.toPlainText()
