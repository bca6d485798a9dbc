"""Background work whose expected refusals (a wrong passphrase, a folder without permission)
come back as values: they are logged as information, while a real failure still reaches the
task helper's error log with its traceback."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable

from gui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Refused:
    exc: BaseException


def run_expecting(runner: TaskRunner, work: Callable[[], Any],
                  refusals: tuple[type[BaseException], ...], *,
                  on_done: Callable[[Any], None],
                  on_refused: Callable[[BaseException], None]) -> Task:
    """Run `work` with `runner`; `on_refused` gets a refusal or an unexpected error."""

    def guarded(_progress, _cancel) -> Any:
        try:
            return work()
        except refusals as exc:
            log.info("Refused (%s): %s", type(exc).__name__, exc)
            return _Refused(exc)

    def done(value: Any) -> None:
        if isinstance(value, _Refused):
            on_refused(value.exc)
        else:
            on_done(value)

    return runner.run(guarded, on_done=done, on_error=on_refused)
