"""A plot's value axis that writes its numbers like the rest of the screen: "2,5" in
Portuguese, "2.5" in English (pyqtgraph's own axis always uses a decimal point)."""

from __future__ import annotations

import math

import pyqtgraph as pg

from gui.numbers import format_number


class ValueAxis(pg.AxisItem):
    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        step = abs(spacing * scale)
        decimals = max(0, math.ceil(-math.log10(step))) if step > 0 else 0
        return [format_number(value * scale, decimals) for value in values]


def value_axes() -> dict[str, pg.AxisItem]:
    """The `axisItems` for a plot whose left axis shows values.

    Our plots are made with `enableMenu=False`: pyqtgraph's own right-click menu ("View All",
    "Plot Options", "Export...") is English only, and for developers, not for a shop floor."""
    return {"left": ValueAxis("left")}
