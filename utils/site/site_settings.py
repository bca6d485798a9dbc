"""This PC's settings changed from the site: a set_config command, or the intervals of a newer
signed site catalog (whose forms, bands and thresholds the station window then shows). Saved,
put in the settings holder (its subscribers are told) and used by the loop at once. A part of
the sync service (docs/architecture.md, "The sync service in parts")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from utils.settings_store import save_settings
from utils.site.effects import StationEffects

if TYPE_CHECKING:
    from utils.context import AppContext


class SiteSettings:
    def __init__(self, ctx: "AppContext", effects: StationEffects, default_rescan_ms: int,
                 state_changed: Callable[[], None]):
        self.ctx = ctx
        self.effects = effects
        self.state_changed = state_changed
        self.status_interval_s = ctx.settings.status_interval_ms / 1000
        self.rescan_interval_s = (ctx.settings.rescan_interval_ms or default_rescan_ms) / 1000
        self._catalog_announced = ctx.catalog.version  # the catalog the form already shows

    def apply(self, changes: dict[str, Any]) -> None:
        """Change this PC's settings now and keep them (set_config, a site catalog's intervals)."""
        ctx = self.ctx
        new_settings = ctx.settings.with_changes(**changes)
        save_settings(ctx.paths.settings_file, new_settings)
        ctx.settings_holder.replace(new_settings)
        if "status_interval_ms" in changes:
            self.status_interval_s = changes["status_interval_ms"] / 1000
        if "rescan_interval_ms" in changes:
            self.rescan_interval_s = changes["rescan_interval_ms"] / 1000
        self.state_changed()

    def refresh_catalog(self) -> None:
        """Take a newer signed site catalog: forms, bands and thresholds at once, and the
        site's default intervals into this PC's settings."""
        self.ctx.site_catalog.refresh()
        # Announce by version, not by what refresh() took: a catalog published from this PC's
        # own admin panel must reach this PC's form and intervals too.
        catalog = self.ctx.catalog
        if catalog.version == self._catalog_announced:
            return
        self._catalog_announced = catalog.version
        changes = {name: value for name, value in (
            ("status_interval_ms", catalog.status_interval_ms),
            ("rescan_interval_ms", catalog.rescan_interval_ms))
            if value is not None and getattr(self.ctx.settings, name) != value}
        if changes:
            self.apply(changes)
        self.effects.catalog_changed(catalog)
