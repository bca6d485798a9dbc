"""SiteNow: what is in force for the site at this moment — its catalog (bands, thresholds,
defects), its time zone, and the clock — for a tab that needs those and not the whole
AppContext. The catalog and the zone are read at each use, never copied: an admin's publish
replaces them on the context, and every tab shows the new ones at its next refresh. Built from
the context by gui/admin/wiring.py `site_now()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from config.catalog import Catalog
from utils.clock import Clock


@dataclass(frozen=True)
class SiteNow:
    clock: Clock
    _catalog: Callable[[], Catalog]
    _timezone: Callable[[], str]

    @property
    def catalog(self) -> Catalog:
        return self._catalog()

    @property
    def timezone(self) -> str:
        """The site's zone (gui/site_time.py reads it and `clock` the same way)."""
        return self._timezone()
