"""SPC settings of the site catalog: specification limits per size and measurement, and the
sample sizes below which a baseline is refused or a capability index carries a warning.

Why specification limits of their own and not the catalog's measurement minimum and maximum:
those (0 to 100 %) say what an operator may type, not what the customer accepts; a Cpk
against them would call any process capable. A size with no limits here has control charts
but no Cp/Cpk (the tab says so).
"""

from __future__ import annotations

from dataclasses import dataclass

SPC_MEASUREMENTS: tuple[str, ...] = ("cam_d", "cam_w")


@dataclass(frozen=True)
class SpecLimit:
    """The customer's limits of one measurement of one size; either may be absent (one-sided)."""

    size: str
    measurement: str  # one of SPC_MEASUREMENTS
    lower: float | None
    upper: float | None


@dataclass(frozen=True)
class SpcSettings:
    specs: tuple[SpecLimit, ...] = ()
    min_baseline_points: int = 20  # fewer: the baseline is refused (Montgomery: 20 to 25)
    min_capability_points: int = 30  # fewer: Cp/Cpk shown with a "too few points" warning

    def spec(self, size: str, measurement: str) -> SpecLimit | None:
        return next((s for s in self.specs if s.size == size and s.measurement == measurement),
                    None)
