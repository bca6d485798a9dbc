"""The fleet plots' lines, made on the poller's thread: each plotted station's last hour of
CPU / memory / disk as painter paths ready to draw.

A line is split in two. The *settled* part (samples before the last X_STEP_S boundary) is
reduced to one low/high pair per pixel and stays the same until the time axis steps, so the
GUI draws it once into a cached pixmap; the *live* part (the last seconds) is new on every
poll and only a few points long. Redrawing the whole hour of eight stations on every tick cost
the GUI thread more than a frame (bench_gui.py).

No widget is touched here: QPainterPath and QRectF are plain values, safe to make on one
thread and draw on another.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import numpy as np
from pyqtgraph.functions import arrayToQPath
from PySide6.QtGui import QPainterPath

from utils.site.fleet import FleetMonitor
from utils.site.timeseries import METRICS, peak_bins

HISTORY_S = 3600  # the plots show the last hour (the fleet keeps 3,600 samples per station)
# The time axis moves in steps, not with every sample: an axis whose range changes redraws its
# ticks, labels and grid, and the settled lines with it.
X_STEP_S = 30


@dataclass(frozen=True, slots=True, eq=False)
class Trace:
    """One station's line (or part of it) in one plot, in data coordinates. Compared by
    identity: the builder hands out the same object for as long as the line is the same."""

    path: QPainterPath
    x_min: float
    x_max: float
    y_min: float
    y_max: float
    points: int


@dataclass(frozen=True, slots=True)
class PlotFrame:
    """What the three plots show at one moment. `settled[metric]` and `live[metric]` hold one
    entry per station of `stations` (None: nothing to draw for it)."""

    stations: tuple[str, ...]
    x_range: tuple[float, float]
    settled: dict[str, tuple[Trace | None, ...]]
    live: dict[str, tuple[Trace | None, ...]]


def make_trace(times: np.ndarray, values: np.ndarray) -> Trace | None:
    """A line through the finite points (NaN breaks it); None when there is nothing to draw."""
    finite = np.isfinite(values)
    if not finite.any():
        return None
    path = arrayToQPath(times.astype(np.float64), values.astype(np.float64), connect="finite")
    shown = values[finite]
    return Trace(path, float(times[0]), float(times[-1]), float(shown.min()), float(shown.max()),
                 len(times))


class TraceBuilder:
    """Makes PlotFrames from the fleet's rings. Called from the poller's thread on every poll
    and from the GUI thread when the selection changes, hence the lock around its cache."""

    def __init__(self, fleet: FleetMonitor):
        self.fleet = fleet
        self._lock = threading.Lock()
        # (station, metric) -> (what it was made from, the settled trace, time of its last sample)
        self._settled: dict[tuple[str, str], tuple[tuple, Trace | None, float | None]] = {}

    def frame(self, stations: tuple[str, ...], width_px: int) -> PlotFrame:
        """The plots' content for these stations, for plots `width_px` pixels wide."""
        with self._lock:
            now = self.fleet.clock.now().timestamp()
            end = math.ceil(now / X_STEP_S) * X_STEP_S
            boundary = math.floor(now / X_STEP_S) * X_STEP_S
            series = {(station, name): self.fleet.series(station, name)
                      for station in stations for name in METRICS}
            firsts = [float(s[0][0]) for s in series.values() if s is not None and len(s[0])]
            start = end - HISTORY_S
            if firsts:
                # Less than an hour seen: from the first sample, rounded down to the minute, so
                # a new station's line is not a dot at the right edge.
                start = max(start, min(math.floor(min(firsts) / 60) * 60, end - 60))
            # About one bin per pixel: whole seconds, so a bin holds the same samples each time.
            bin_s = float(max(1, int((end - start) // max(width_px, 1))))
            key = (start, boundary, bin_s)
            settled: dict[str, list[Trace | None]] = {name: [] for name in METRICS}
            live: dict[str, list[Trace | None]] = {name: [] for name in METRICS}
            for station in stations:
                for name in METRICS:
                    old, new = self._lines(station, name, series[(station, name)], key)
                    settled[name].append(old)
                    live[name].append(new)
            for gone in [k for k in self._settled if k[0] not in stations]:
                del self._settled[gone]
            return PlotFrame(stations, (float(start), float(end)),
                             {name: tuple(traces) for name, traces in settled.items()},
                             {name: tuple(traces) for name, traces in live.items()})

    def _lines(self, station: str, name: str, series, key: tuple
               ) -> tuple[Trace | None, Trace | None]:
        if series is None or not len(series[0]):
            self._settled.pop((station, name), None)
            return None, None
        times, values = series
        cached = self._settled.get((station, name))
        if cached is None or cached[0] != key:
            start, boundary, bin_s = key
            inside = (times >= start - bin_s) & (times < boundary)
            trace, last = None, None
            if inside.any():
                trace = make_trace(*peak_bins(times[inside], values[inside], bin_s))
                last = float(times[inside][-1])
            cached = (key, trace, last)
            self._settled[(station, name)] = cached
        _key, trace, last = cached
        # The live part starts at the settled part's last sample, so the line is joined.
        recent = slice(None) if last is None else times >= last
        return trace, make_trace(times[recent], values[recent])
