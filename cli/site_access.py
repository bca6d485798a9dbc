"""What the verbs that read or write the shared folder need first: this PC in a site, with a
certified membership (utils/trust). Each refusal says what to run next."""

from __future__ import annotations

from pathlib import Path

from utils.context import AppContext

from cli.errors import CliError


def site_folder(ctx: AppContext) -> Path:
    """The shared folder of this PC's site, or a one-line refusal naming the way in."""
    if not ctx.settings.site_id or not ctx.site_folder:
        raise CliError("this PC is not in a site yet: shopfloor site create … or site join …")
    if ctx.trust is None:
        raise CliError("this PC holds no certified membership of its site (its key is missing, "
                       "or the site still uses the old shared key): an admin upgrades the site "
                       "(shopfloor site upgrade), then this PC joins again (shopfloor site join)")
    return ctx.site_folder
