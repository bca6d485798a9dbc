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
