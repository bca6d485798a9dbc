"""The Dashboard can be read on the README's 1366 x 768 target (and on 1920 x 1080): every plot
keeps its minimum height and the tab scrolls instead of squeezing them, the value axes' numbers
do not overlap, the legends sit outside the plots' data, the wheel scrolls the tab, and a chart
with nothing to show says so in words ("No stops in this period") instead of an empty axis."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import wait_for
from tests.gui.test_admin_dashboard import (load_sample_into_site_view, make_tab, put_site_rows,
                                             site_row)
from tests.gui.test_oee_screens import _site_with_a_shift

# The Dashboard tab's room inside a maximised window (gui_review: the office PC's panel at
# 1366 x 698 gives the tab 1362 x 577; at 1920 x 1010, 1916 x 889).
TAB_1366 = (1362, 577)
TAB_1920 = (1916, 889)
DATA_MIN_PX = 140  # a plot's data area, under its title and over its names


def plots(tab) -> dict:
    return {"top": tab.top_plot, "pareto": tab.pareto_plot, "means": tab.means_plot,
            "hours": tab.hour_plot, "shifts": tab.shift_plot,
            "downtime": tab.downtime.pareto_plot, "oee": tab.downtime.trend_plot}


def sentence_item(plot):
    """The words shown in the plot's data area, if any (not a line's own label)."""
    import pyqtgraph as pg

    area = plot.vb.sceneBoundingRect()
    for item in plot.scene().items():
        if (isinstance(item, pg.TextItem) and not isinstance(item, pg.InfLineLabel)
                and item.isVisible() and area.contains(item.sceneBoundingRect().center())):
            return item
    return None


def sentence(plot) -> str | None:
    item = sentence_item(plot)
    return None if item is None else item.textItem.toPlainText()


def axes_shown(plot) -> bool:
    return plot.getAxis("left").isVisible() and plot.getAxis("bottom").isVisible()


def scroll_area(tab):
    from PySide6.QtWidgets import QScrollArea

    return tab.findChild(QScrollArea, "dashboardCharts")


def shown(qtbot, tab, size: tuple[int, int]):
    tab.timer.stop()
    tab.resize(*size)
    tab.show()
    qtbot.waitExposed(tab)
    wait_for(lambda: tab.charts.height() >= tab.charts.minimumHeight(), timeout=5)
    QApplication.processEvents()
    return tab


@pytest.fixture
def sample_tab(qtbot, ctx):
    """The legacy sample: a year-old plant's boxes, no stops, no shift in the OEE trend."""
    load_sample_into_site_view(ctx)
    return make_tab(qtbot, ctx)


@pytest.fixture
def full_tab(qtbot, ctx, clock):
    """The legacy sample and today's shift of station 206 with a stop: every chart drawn."""
    load_sample_into_site_view(ctx)
    _site_with_a_shift(ctx, clock)
    clock.advance(minutes=10)
    return make_tab(qtbot, ctx)


def value_label_rects(plot) -> list:
    """Where the left axis writes its numbers, as pyqtgraph lays them out to draw them."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = plot.getAxis("left").generateDrawSpecs(painter)
    finally:
        painter.end()
    return [rect for rect, _flags, _text in texts]


@pytest.mark.parametrize("size", [TAB_1366, TAB_1920], ids=["1366x768", "1920x1080"])
def test_every_plot_keeps_its_height_and_the_tab_scrolls(qtbot, full_tab, size):
    from gui.admin.dashboard_layout import PLOT_MIN_PX

    tab = shown(qtbot, full_tab, size)
    for name, plot in plots(tab).items():
        assert plot.geometry().height() >= PLOT_MIN_PX, name
        assert plot.vb.height() >= DATA_MIN_PX, name
        assert axes_shown(plot) and sentence(plot) is None, name  # every chart has data
        rects = value_label_rects(plot)
        assert len(rects) >= 2, name  # numbers to read the bars by
        for first, second in itertools.combinations(rects, 2):
            assert not first.intersects(second), (name, first, second)
    bar = scroll_area(tab).verticalScrollBar()
    assert bar.maximum() > 0  # the charts are taller than the room: the tab scrolls
    # What was under the charts is in view, in the tab or by scrolling to it.
    assert tab.critical.isVisible() and tab.ranking.isVisible()


def test_the_legends_cover_no_data(qtbot, full_tab):
    tab = shown(qtbot, full_tab, TAB_1366)
    for legend, plot in ((tab.downtime.legend, tab.downtime.trend_plot),
                         (tab.means_legend, tab.means_plot)):
        assert legend.isVisible()
        assert not legend.sceneBoundingRect().intersects(plot.vb.sceneBoundingRect())


def test_the_wheel_over_a_chart_zooms_nothing_and_goes_on_to_the_tab(qtbot, sample_tab):
    """The chart leaves the wheel to its parents (the tab's scroll area scrolls: Qt passes a
    real wheel event the chart ignored on to them; one a test sends, it does not)."""
    tab = shown(qtbot, sample_tab, TAB_1366)
    plot = tab.hour_plot
    before = plot.viewRange()
    centre = tab.charts.mapFromScene(plot.vb.sceneBoundingRect().center())
    viewport = tab.charts.viewport()
    wheel = QWheelEvent(QPointF(centre), QPointF(viewport.mapToGlobal(centre)), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    assert not wheel.isAccepted()
    assert plot.viewRange() == before


def test_a_period_without_stops_says_so_instead_of_an_empty_axis(qtbot, sample_tab):
    tab = shown(qtbot, sample_tab, TAB_1366)
    stops = tab.downtime.pareto_plot
    assert sentence(stops) == "No stops in this period"
    assert not stops.getAxis("left").isVisible() and not stops.getAxis("bottom").isVisible()
    # The record charts have data: no sentence over them, their axes drawn.
    for name in ("top", "pareto", "means", "hours", "shifts"):
        plot = plots(tab)[name]
        assert sentence(plot) is None and axes_shown(plot), name


def test_the_sentence_goes_when_stops_arrive(qtbot, ctx, clock):
    _site_with_a_shift(ctx, clock)  # station 206: a 45 min stop, classified "setup"
    put_site_rows(ctx, [site_row("n1", "201", "2026-11-22T12:30:00.000Z", cam_d=1.0,
                                 cam_w=1.0)])  # station 201: a box, no stop
    clock.advance(minutes=10)
    tab = shown(qtbot, make_tab(qtbot, ctx), TAB_1366)
    charts = tab.downtime
    assert [reason for reason, _s, _n in charts.pareto] == ["setup"]
    assert sentence(charts.pareto_plot) is None and axes_shown(charts.pareto_plot)
    # A station with no stops of its own: the sentence again.
    tab.filters.station.setCurrentIndex(tab.filters.station.findData("201"))
    assert charts.pareto == []
    assert sentence(charts.pareto_plot) == "No stops in this period"
    assert not axes_shown(charts.pareto_plot)


def test_a_site_without_records_says_so_on_every_chart(qtbot, ctx):
    tab = shown(qtbot, make_tab(qtbot, ctx), TAB_1366)
    texts = {name: sentence(plot) for name, plot in plots(tab).items()}
    assert texts == {"top": "No rejections in this period",
                     "pareto": "No rejections in this period",
                     "means": "No CAM-D or CAM-W measured in this period",
                     "hours": "No boxes in this period", "shifts": "No boxes in this period",
                     "downtime": "No stops in this period",
                     "oee": "No shifts worked in this period"}
    assert not any(axes_shown(plot) for plot in plots(tab).values())
    # Nothing drawn across the sentence: not the target or 80 % line, not bars of height 0.
    assert not any(item.isVisible() for item in (tab.target_line, tab.pareto_limit,
                                                 tab.hour_bars))
    # The sentence sits in the middle of its plot.
    stops = tab.downtime.pareto_plot
    assert sentence_item(stops).sceneBoundingRect().contains(stops.vb.sceneBoundingRect().center())
