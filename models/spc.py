"""Statistical process control of one measurement (CAM-D or CAM-W) of one station and size.

Pure computations on plain values, no database, no clock. They live in models/ (not
utils/mes/) because the site view's extension (data/view_spc.py) judges every point on
ingest, and data/ may not import utils/; utils/mes/spc_service.py and the SPC tab use them too.

Why individuals and moving-range (I-MR) charts, not X̄-R by lot: every box carries one
CAM-D and one CAM-W value, taken one box at a time; a lot has a variable number of boxes and
spans hours, so a lot's mean would mix hours of production into one point and say nothing
until the lot is closed. An individuals chart judges each box as it is recorded, which is what
"catch drift before bad boxes pile up" asks for.

Definitions (NIST/SEMATECH e-Handbook of Statistical Methods, §6.3.2.2, and Montgomery,
"Introduction to Statistical Quality Control", the individuals chart):

- the moving range of point i is |x_i − x_(i−1)|; MR̄ the mean of the n − 1 moving ranges;
- σ̂ = MR̄ / d2 with d2 = 1.128 (two consecutive points); centre line x̄;
- individuals limits x̄ ± 3 σ̂; moving-range limits: upper D4 · MR̄ (D4 = 3.267), lower 0;
- zones: 1 σ̂ and 2 σ̂ either side of x̄ (the Western Electric rules below).

The Western Electric rules, each judged at a point over the window that ends there, and only
when that point itself takes part in the pattern (a point inside the zones after two points
beyond 2σ̂ is not flagged again; a run of 9 on one side flags its 8th and 9th points):

1. the point is beyond 3 σ̂ (either side);
2. 2 of 3 consecutive points beyond 2 σ̂ on the same side;
3. 4 of 5 consecutive points beyond 1 σ̂ on the same side;
4. 8 consecutive points on the same side of the centre line.

"Beyond" is strict; a point exactly on the centre line is on neither side and ends a run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

D2 = 1.128  # d2 for moving ranges of two points
D4 = 3.267  # D4 for moving ranges of two points
RULES = (1, 2, 3, 4)
# How many points before a point its rules look at (rule 4's window is 8 points).
CONTEXT = 7
MIN_BASELINE_POINTS = 20  # Montgomery: limits from at least 20-25 points
MIN_CAPABILITY_POINTS = 30  # below it a Cp/Cpk is shown with a warning (see `capability`)


class BaselineRefused(ValueError):
    """The chosen baseline cannot give control limits: `code` says why (for the GUI's words)."""

    def __init__(self, code: str, n: int):
        self.code = code  # too_few | no_variation
        self.n = n
        super().__init__(f"baseline refused: {code} ({n} points)")


@dataclass(frozen=True)
class Limits:
    """Control limits of an individuals and moving-range chart, from a baseline of `n` points."""

    n: int
    mean: float
    mr_bar: float

    @property
    def sigma(self) -> float:
        return self.mr_bar / D2

    @property
    def ucl(self) -> float:
        return self.mean + 3 * self.sigma

    @property
    def lcl(self) -> float:
        return self.mean - 3 * self.sigma

    @property
    def mr_ucl(self) -> float:
        return D4 * self.mr_bar

    def zone(self, k: float) -> tuple[float, float]:
        """The band x̄ ± k σ̂."""
        return self.mean - k * self.sigma, self.mean + k * self.sigma


def limits_from(values: Sequence[float], minimum: int = MIN_BASELINE_POINTS) -> Limits:
    """The limits of a baseline (its values in time order). Refused with fewer than `minimum`
    points, or when the values never change (σ̂ would be 0: every later point a signal)."""
    n = len(values)
    if n < max(2, minimum):
        raise BaselineRefused("too_few", n)
    ranges = moving_ranges(values)
    mr_bar = math.fsum(r for r in ranges if r is not None) / (n - 1)
    if mr_bar <= 0:
        raise BaselineRefused("no_variation", n)
    return Limits(n, math.fsum(values) / n, mr_bar)


def moving_ranges(values: Sequence[float]) -> list[float | None]:
    """|x_i − x_(i−1)| for each point; None for the first (it has no predecessor)."""
    return [None if i == 0 else abs(values[i] - values[i - 1]) for i in range(len(values))]


def _side(value: float, mean: float, band: float) -> int:
    """+1 above mean + band, −1 below mean − band, 0 inside (band 0: the centre line)."""
    if value > mean + band:
        return 1
    if value < mean - band:
        return -1
    return 0


def rules_at(window: Sequence[float], limits: Limits) -> tuple[int, ...]:
    """The rules broken at the last point of `window` (the point and up to 7 before it)."""
    if not window:
        return ()
    mean, sigma = limits.mean, limits.sigma
    last = window[-1]
    broken: list[int] = []
    if _side(last, mean, 3 * sigma) != 0:
        broken.append(1)
    for rule, k, of, size in ((2, 2, 2, 3), (3, 1, 4, 5)):
        side = _side(last, mean, k * sigma)
        if side != 0 and len(window) >= of:
            recent = window[-size:]
            if sum(1 for v in recent if _side(v, mean, k * sigma) == side) >= of:
                broken.append(rule)
    if len(window) >= 8:
        sides = {_side(v, mean, 0.0) for v in window[-8:]}
        if len(sides) == 1 and 0 not in sides:
            broken.append(4)
    return tuple(broken)


def flag(context: Sequence[float], points: Sequence[float], limits: Limits
         ) -> list[tuple[int, ...]]:
    """The rules broken at each of `points`, with `context` the points right before them (up to
    CONTEXT are used): what the view needs to judge only the stretch that changed."""
    series = [*context[-CONTEXT:], *points]
    start = len(series) - len(points)
    return [rules_at(series[max(0, i - CONTEXT):i + 1], limits)
            for i in range(start, len(series))]


@dataclass(frozen=True)
class Capability:
    """Cp and Cpk against the specification limits, with σ̂ the within (moving-range) estimate.
    A missing limit gives the one-sided index only (Cpk = Cpu or Cpl; Cp None)."""

    n: int
    cp: float | None
    cpk: float | None
    cpl: float | None
    cpu: float | None
    too_small: bool  # n below the minimum: shown with a warning, not to be trusted


def capability(limits: Limits, lsl: float | None, usl: float | None,
               minimum: int = MIN_CAPABILITY_POINTS) -> Capability:
    """Cp = (USL − LSL) / 6σ̂, Cpu = (USL − x̄) / 3σ̂, Cpl = (x̄ − LSL) / 3σ̂, Cpk the smaller.

    With fewer than `minimum` points the indices are still computed (a supervisor may want
    them) but marked too small: a Cpk from 20 points has a 95 % interval of about ±0.5 at
    Cpk ≈ 1.3, too wide to accept or reject a process on."""
    sigma = limits.sigma
    cpu = None if usl is None else (usl - limits.mean) / (3 * sigma)
    cpl = None if lsl is None else (limits.mean - lsl) / (3 * sigma)
    cp = None if usl is None or lsl is None else (usl - lsl) / (6 * sigma)
    sides = [v for v in (cpu, cpl) if v is not None]
    return Capability(limits.n, cp, min(sides) if sides else None, cpl, cpu,
                      limits.n < minimum)
