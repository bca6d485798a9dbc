"""Dates and times typed on the command line (`--from`, `--to`): ISO 8601, in the site's time
zone unless the text names its own offset, turned into UTC."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from cli.errors import CliError

# The help of --from and --to, as parse_time reads them (an offset, or Z for UTC, wins over
# the site's zone; a date alone is its midnight).
FROM_HELP = ("from this moment on: an ISO date or time such as 2025-11-03 (its midnight) or "
             "2025-11-03T06:00, in the site's time zone unless it ends with an offset "
             "(-03:00, or Z for UTC)")
TO_HELP = "up to this moment, not included; written as --from"


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


def parse_range(start: str | None, end: str | None, zone: str,
                ) -> tuple[datetime | None, datetime | None]:
    """`--from` and `--to` as UTC; `--to` is not included, so a range whose end is not after
    its start holds nothing and is refused, saying how to ask for one day."""
    first, last = parse_time(start, zone), parse_time(end, zone)
    if first is not None and last is not None and last <= first:
        raise CliError(f"--to {end} is not after --from {start}, so the range holds nothing "
                       f"(--to is not included): for one day give --from 2025-11-03 "
                       f"--to 2025-11-04")
    return first, last
