"""The admin panel's wiring: each tab built with the services it uses, read from the
AppContext here and nowhere else in gui/admin (docs/architecture.md §8).

The admin window (gui/admin/window.py) is the composition point and builds its tabs with
these; a test that shows one tab alone builds it the same way, so a tab is wired once. The tab
modules themselves never import or receive the context (tests/gui/test_tabs_take_services.py).

The tab modules are imported inside each function, as the window did: a station PC that never
opens the panel does not pay for them (pyqtgraph among them).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable

from utils.auth import Session
from utils.context import AppContext
from utils.site.site_key import SiteError, read_site

from gui.admin.site_now import SiteNow
from gui.steps import OffThread, Steps, finish
from gui.tasks import TaskRunner

if TYPE_CHECKING:
    from utils.site.fleet import FleetMonitor
    from utils.site.site_view import SiteView

    from gui.admin.audit_tab import AuditTab
    from gui.admin.catalog_tab import CatalogTab
    from gui.admin.commands_tab import CommandsTab
    from gui.admin.handover_tab import HandoverTab
    from gui.admin.lots_tab import LotsTab
    from gui.admin.oee_tab import OeeTab
    from gui.admin.production_tab import ProductionTab
    from gui.admin.site_upgrade import SiteUpgradeNotice
    from gui.admin.site_verify import SiteVerify
    from gui.admin.spc_tab import SpcTab
    from gui.admin.users_tab import UsersTab
    from gui.admin.view_bridge import ViewBridge


def site_now(ctx: AppContext) -> SiteNow:
    """The clock with the catalog and zone in force, read on the context at each use (an
    admin's publish replaces them there)."""
    return SiteNow(ctx.clock, lambda: ctx.catalog, lambda: ctx.timezone)


def in_site(ctx: AppContext) -> bool:
    """This PC is a certified member of a site with its shared folder set."""
    return ctx.trust is not None and ctx.site_folder is not None


def site_needs_upgrade(ctx: AppContext) -> bool | None:
    """True: this PC's site is still of protocol 1 (an admin upgrades it); False: the site
    was upgraded but this PC has not joined it again; None: neither (no site, or all set)."""
    if ctx.trust is not None or not ctx.settings.site_id or ctx.site_folder is None:
        return None
    try:
        return read_site(ctx.site_folder).is_legacy
    except (SiteError, OSError):
        return None  # the share is away or its file unreadable: said elsewhere


def upgrade_notice(ctx: AppContext, session: Session, runner: TaskRunner,
                   legacy: bool) -> "SiteUpgradeNotice":
    """What the Fleet tab shows on a PC of a site made before keys by role, with the upgrade
    (legacy) or the join again it offers."""
    from gui.admin.site_upgrade import SiteUpgradeNotice

    username = session.username

    def upgrade(passphrase: str, password: str) -> object:  # on the runner's thread
        from utils.site.membership import join_site_membership
        from utils.trust.upgrade import upgrade_site

        if legacy:
            return upgrade_site(None, passphrase, username, password, clock=ctx.clock)
        assert ctx.site_folder is not None  # site_needs_upgrade said so
        return join_site_membership(ctx.paths, ctx.settings, ctx.site_folder, passphrase,
                                    station_id=ctx.station_id,
                                    kind=ctx.settings.station_kind, clock=ctx.clock)

    return SiteUpgradeNotice(session, runner, legacy, upgrade)


def commands_tab(ctx: AppContext, fleet: "FleetMonitor", session: Session,
                 selected_stations: Callable[[], list[str]], *,
                 confirm: Callable[[str], bool] | None = None) -> "CommandsTab":
    from gui.admin.commands_tab import CommandsTab

    return CommandsTab(fleet, site_now(ctx), session, selected_stations, confirm=confirm)


def production_tab(ctx: AppContext, session: Session, runner: TaskRunner,
                   bridge: "ViewBridge | None" = None) -> "ProductionTab":
    from gui.admin.production_tab import ProductionTab

    return ProductionTab(site_now(ctx), ctx.site_view, ctx.changes, ctx.production, session,
                         runner, bridge)


def spc_tab(ctx: AppContext, session: Session,
            bridge: "ViewBridge | None" = None) -> "SpcTab":
    from gui.admin.spc_tab import SpcTab

    return SpcTab(site_now(ctx), ctx.site_view, ctx.changes, session, bridge)


def oee_tab(ctx: AppContext, session: Session,
            bridge: "ViewBridge | None" = None) -> "OeeTab":
    from gui.admin.oee_tab import OeeTab

    # The stops service is built on first use, as before: its "since the app ran" starts then.
    return OeeTab(site_now(ctx), ctx.site_view, ctx.oee, lambda: ctx.downtime, session,
                  bridge=bridge)


def lots_tab(ctx: AppContext, session: Session, runner: TaskRunner,
             bridge: "ViewBridge | None" = None) -> "LotsTab":
    from utils.release.record import LotRecords

    from gui.admin.lots_tab import LotsTab

    return LotsTab(ctx.release, LotRecords(ctx), ctx.auth, site_now(ctx), session, runner,
                   bridge)


def handover_tab(ctx: AppContext, session: Session, runner: TaskRunner,
                 bridge: "ViewBridge | None" = None) -> "HandoverTab":
    from gui.admin.handover_tab import HandoverTab

    return HandoverTab(ctx.handover_history, site_now(ctx), session, runner, bridge)


def users_tab(ctx: AppContext, session: Session,
              runner: TaskRunner | None = None) -> "UsersTab":
    from gui.admin.users_tab import UsersTab

    def keyless() -> list[str]:
        if ctx.trust is None:  # outside a site every account signs with its password
            return []
        from utils.trust.bootstrap import accounts_without_keys

        return accounts_without_keys(ctx)

    return UsersTab(ctx.auth, site_now(ctx), keyless, session, runner)


def site_verify(ctx: AppContext, runner: TaskRunner,
                site_view: "SiteView | None" = None) -> "SiteVerify":
    """The panel's audit verification: with `site_view` (the panel's), every station's journal
    in it; without, this PC's own chain."""
    from gui.admin.site_verify import SiteVerify

    if site_view is not None:
        view = site_view
        verify = lambda progress, cancel: view.verify_site(progress=progress, cancel=cancel)  # noqa: E731
    else:
        verify = lambda progress, cancel: ctx.verify_audit(progress=progress, cancel=cancel)  # noqa: E731
    return SiteVerify(verify, runner)


def audit_tab(ctx: AppContext, session: Session, runner: TaskRunner,
              site_view: "SiteView | None" = None,
              bridge: "ViewBridge | None" = None,
              verifier: "SiteVerify | None" = None) -> "AuditTab":
    """With `site_view` (the panel's), Verify checks every station's journal in it; without,
    this PC's own chain. `verifier`: the panel's own (its results shown in the tab); without,
    the tab gets one of its own."""
    return finish(audit_tab_in_steps(ctx, session, runner, site_view, bridge, verifier))


def audit_tab_in_steps(ctx: AppContext, session: Session, runner: TaskRunner,
                       site_view: "SiteView | None" = None,
                       bridge: "ViewBridge | None" = None,
                       verifier: "SiteVerify | None" = None) -> "Steps[AuditTab]":
    """`audit_tab` made a step at a time (gui/steps.py), its modules imported on a task's
    thread first (a few dozen file reads)."""
    yield OffThread(_load_audit_tab)
    from utils.audit.review import AuditReviews

    from gui.admin.audit_tab import AuditTab

    if verifier is None:
        verifier = site_verify(ctx, runner, site_view)
    view = site_view if site_view is not None else ctx.site_view
    return (yield from AuditTab.made_in_steps(
        site_now(ctx), view, ctx.changes, session, runner, verifier=verifier,
        reviews=AuditReviews(ctx), auth=ctx.auth, bridge=bridge))


def _load_audit_tab() -> None:
    """The modules audit_tab_in_steps imports, loaded on the thread this runs on."""
    for module in ("utils.audit.review", "gui.admin.audit_tab"):
        importlib.import_module(module)


def catalog_tab(ctx: AppContext, session: Session,
                runner: TaskRunner | None = None) -> "CatalogTab":
    from gui.admin.catalog_tab import CatalogTab

    return CatalogTab(site_now(ctx), ctx.site_catalog, lambda: in_site(ctx), session, runner)
