"""Dates and times typed on the command line (`--from`, `--to`): ISO 8601, in the site's time
zone unless the text names its own offset, turned into UTC."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from cli.errors import CliError


def parse_time(text: str | None, zone: str) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise CliError(f"{text!r} is not an ISO date or time such as 2026-11-22T06:00") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(timezone.utc)
