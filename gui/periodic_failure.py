"""A read a timer repeats (the header every second, the stop button every 15 s, the
handover offer every minute) that fails, e.g. while this PC's database cannot be read: said in
the log once when it starts failing and once when it works again, never raised into the app's
error box at every tick (gui/app.py's excepthook shows one for any error a slot lets out)."""

from __future__ import annotations

import logging


class PeriodicFailure:
    """One repeated read's failing state. `failed` logs the first failure of a run (with its
    traceback when `trace`: a bug rather than a known outage); `worked` logs the return."""

    def __init__(self, log: logging.Logger, what: str, advice: str = "tried again at its next tick"):
        self.log = log
        self.what = what  # e.g. "The stop button's state"
        self.advice = advice  # what happens meanwhile, and what to do
        self.failing = False

    def failed(self, exc: BaseException, *, trace: bool = True) -> None:
        if self.failing:
            return
        self.failing = True
        cause = getattr(exc, "orig", None) or exc  # the driver's words, not SQLAlchemy's wrap
        self.log.warning("%s cannot be read (%s): %s.", self.what, cause, self.advice,
                         exc_info=exc if trace else None)

    def worked(self) -> None:
        if self.failing:
            self.failing = False
            self.log.info("%s can be read again.", self.what)
