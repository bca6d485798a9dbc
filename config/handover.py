"""Shift handover settings of the site catalog: when the station window offers the handover
summary. It is offered from `offer_before_end_minutes` before a shift ends, and the shift just
ended stays the one to hand over (offered, signable) for `offer_after_end_minutes` into the
next shift while it is unsigned; after that the station no longer asks for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

# Bounds a catalog may choose (minutes): up to half a shift before its end, up to a whole
# shift after it (beyond that the next shift's own handover is due).
BEFORE_END_RANGE = (0, 240)
AFTER_END_RANGE = (0, 480)


@dataclass(frozen=True)
class HandoverSettings:
    offer_before_end_minutes: int = 30
    offer_after_end_minutes: int = 120

    @property
    def offer_before_end(self) -> timedelta:
        return timedelta(minutes=self.offer_before_end_minutes)

    @property
    def offer_after_end(self) -> timedelta:
        return timedelta(minutes=self.offer_after_end_minutes)
