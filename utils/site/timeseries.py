"""Fixed-size ring buffers of station metrics for live plots (NumPy, no per-sample objects).

One buffer per station: timestamps (float64 seconds) and cpu/memory/disk (float32, NaN when a
metric was unavailable). 3,600 samples = one hour at 1 Hz; 200 stations take about 14.4 MB.
"""

from __future__ import annotations

import numpy as np

METRICS = ("cpu", "memory", "disk")


class MetricRing:
    def __init__(self, capacity: int = 3600):
        self.capacity = capacity
        self.times = np.full(capacity, np.nan, dtype=np.float64)
        self.values = np.full((len(METRICS), capacity), np.nan, dtype=np.float32)
        self._next = 0
        self._count = 0

    def append(self, ts: float, sample: dict[str, float | None]) -> None:
        index = self._next
        self.times[index] = ts
        for row, name in enumerate(METRICS):
            value = sample.get(name)
            self.values[row, index] = np.nan if value is None else value
        self._next = (index + 1) % self.capacity
        self._count = min(self._count + 1, self.capacity)

    def __len__(self) -> int:
        return self._count

    def series(self, metric: str) -> tuple[np.ndarray, np.ndarray]:
        """(times, values) oldest first, as views/copies ready for a plot's setData."""
        row = METRICS.index(metric)
        if self._count < self.capacity:
            return self.times[:self._count].copy(), self.values[row, :self._count].copy()
        order = np.r_[self._next:self.capacity, 0:self._next]
        return self.times[order], self.values[row, order]

    @property
    def nbytes(self) -> int:
        return self.times.nbytes + self.values.nbytes


def peak_bins(times: np.ndarray, values: np.ndarray, bin_s: float) -> tuple[np.ndarray, np.ndarray]:
    """A series reduced to its lowest and highest value per `bin_s` seconds (bins aligned to
    multiples of `bin_s`, so the same samples give the same bins at any later call).

    Drawn at about one bin per pixel, a line through each bin's low and high looks like the
    full series and keeps every spike; a bin with only NaN stays NaN (a gap in the line).
    Returns (times, values) with two points per bin: its low at the bin's start, its high at
    its middle.
    """
    if not len(times):
        return np.empty(0, np.float64), np.empty(0, np.float32)
    keys = np.floor(times / bin_s)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    # fmin/fmax skip NaN unless the whole bin is NaN: a gap inside a bin does not hide its data.
    low = np.fmin.reduceat(values, starts)
    high = np.fmax.reduceat(values, starts)
    bin_times = keys[starts] * bin_s
    out_times = np.empty(2 * len(starts), np.float64)
    out_times[0::2] = bin_times
    out_times[1::2] = bin_times + bin_s / 2
    out_values = np.empty(2 * len(starts), values.dtype)
    out_values[0::2] = low
    out_values[1::2] = high
    return out_times, out_values
