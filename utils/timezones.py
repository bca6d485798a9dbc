"""Time zones by their IANA names (America/Sao_Paulo): which names are valid, which zone this
PC runs in, and a short label for a zone ("UTC-03", "CET") where a time could be misread.

The site's zone itself is kept in the signed site catalog (utils/site_catalog.py) and read
through `AppContext.timezone`; this module only knows about zones in general.
"""

from __future__ import annotations

import os
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

ZONE_NAME_MAX = 64


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """Every zone name the tz database (tzdata) knows, sorted; not the legacy aliases under
    posix/ and right/, which name the same zones twice."""
    return tuple(sorted(name for name in available_timezones()
                        if not name.startswith(("posix/", "right/")) and name != "localtime"))


def valid_zone(name: object) -> bool:
    """A zone name from the tz database (never a path: ZoneInfo would read a file for one)."""
    return isinstance(name, str) and 0 < len(name) <= ZONE_NAME_MAX and name in zone_names()


def _zone_from_localtime(link: Path) -> str | None:
    try:
        target = os.path.realpath(link)
    except OSError:
        return None
    marker = "zoneinfo" + os.sep
    if marker not in target:
        return None
    name = target.split(marker, 1)[1]
    return name if valid_zone(name) else None


def pc_zone_name(*, environ: dict[str, str] | None = None,
                 etc: Path = Path("/etc")) -> str | None:
    """This PC's own zone by its IANA name, where the system says it without Qt: the TZ
    variable, /etc/timezone, or the /etc/localtime link (Linux). None when unknown (Windows:
    the GUI asks Qt, which maps Windows zone names to IANA ones)."""
    environ = os.environ if environ is None else environ
    candidate = (environ.get("TZ") or "").lstrip(":")
    if valid_zone(candidate):
        return candidate
    try:
        text = (etc / "timezone").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        text = ""
    if valid_zone(text):
        return text
    return _zone_from_localtime(etc / "localtime")


def zone_label(zone: str, moment: datetime) -> str:
    """A short name for `zone` at `moment`: its abbreviation (CET, EST) or, where the tz
    database has none, its offset from UTC ("UTC-03" for America/Sao_Paulo)."""
    name = moment.astimezone(ZoneInfo(zone)).tzname() or ""
    if not name or name[0] in "+-":
        offset = moment.astimezone(ZoneInfo(zone)).utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        sign = "-" if minutes < 0 else "+"
        hours, rest = divmod(abs(minutes), 60)
        return "UTC" if minutes == 0 else f"UTC{sign}{hours:02d}" + (f":{rest:02d}" if rest else "")
    return name


def same_wall_clock(zone: str, other: str | None, moment: datetime) -> bool:
    """Whether two zones show the same time of day at `moment` (then a time on screen cannot
    be misread by someone who knows only one of them)."""
    if other is None or not valid_zone(other):
        return False
    return (moment.astimezone(ZoneInfo(zone)).utcoffset()
            == moment.astimezone(ZoneInfo(other)).utcoffset())
