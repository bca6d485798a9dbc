"""Telling every listener of something that has already happened.

A listener's failure is a bug in that listener: it is logged whole and the others are still
told, because the thing they hear about (a committed change, new settings) happened anyway.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Iterable


def tell_each(listeners: Iterable[Callable[..., Any]], *args: Any, log: logging.Logger,
              failure: str) -> None:
    """Call every listener with `args`; `failure` is the line `log` (the caller's logger)
    writes, with the traceback, when one raises."""
    for listener in listeners:
        try:
            listener(*args)
        except Exception:  # logged with its traceback; the others still run
            log.exception(failure)
