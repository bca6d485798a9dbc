"""The admin panel: Fleet, Commands, Production, Dashboard, Insights, SPC, OEE, Lots, Handovers,
Users, Audit and Catalog tabs for supervisors, quality and admins.

Opened from the station window (a supervisor or admin re-enters their password) or, on an
office PC, inside its window right after login (gui/office_window.py). Tabs appear only for roles allowed to use them; the services check
permissions again on every call.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from config.constants import Permission, role_allows
from utils.auth import Session
from utils.context import AppContext
from utils.site.fleet import FleetMonitor
from utils.site.site_view import SiteView

from gui.admin import wiring
from gui.admin.commands_tab import CommandsTab
from gui.admin.fleet_poller import FleetPoller
from gui.admin.fleet_tab import FleetTab
from gui.admin.lazy_tabs import LazyTabs
from gui.admin.site_verify import SiteVerify
from gui.admin.view_bridge import ViewBridge
from gui.accessible_names import name_inputs
from gui.tasks import TaskRunner
from gui.window_state import restore_window

log = logging.getLogger(__name__)


class AdminWindow(QMainWindow):
    # The site moved to keys by role from here: the app starts again to use the new keys.
    restart_requested = Signal()

    def __init__(self, ctx: AppContext, session: Session, parent: QWidget | None = None, *,
                 poll_interval_s: float = 0.5, embedded: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.setObjectName("adminWindow")
        title = (self.tr("Shopfloor Collector · admin panel · %1")
                 .replace("%1", session.full_name))
        if ctx.demo_name is not None:  # `shopfloor demo`'s home (its own database)
            title = self.tr("%1 · DEMO (synthetic data)").replace("%1", title)
        self.setWindowTitle(title)
        self.runner = TaskRunner(self)
        self.tabs = QTabWidget()
        self.setCentralWidget(self.tabs)
        self.fleet: FleetMonitor | None = None
        self.poller: FleetPoller | None = None
        in_site = ctx.trust is not None and ctx.site_folder is not None
        if in_site:
            self.fleet = FleetMonitor(ctx, transport=ctx.transport)
        # The whole site on any PC: the view catches up with the stations' journals in the
        # background (the tabs say how far) and follows them while this window is open.
        self.site_view: SiteView = ctx.site_view
        self.follower = ctx.view_follower
        self.bridge = ViewBridge(self.site_view, self.follower, self)
        if self.fleet is not None:  # refused journals raise the fleet's alarm
            self.fleet.anomaly_sources.append(self.site_view.anomalies)
            self.fleet.anomaly_sources.append(ctx.trust.directory.forks)  # a forked directory
            self.fleet.condition_sources.append(self.site_view.waiting_changes)
        self._following = False
        self._shut = False
        # Following starts once the window is up: its thread's first pass (listing 200
        # journals, reading where each begins) would otherwise compete with building the tabs.
        # (With this window as context: dropped if the window is gone before it fires.)
        QTimer.singleShot(0, self, self._start_following)
        # Each tab receives the services it uses, not the context (gui/admin/wiring.py).
        site = wiring.site_now(ctx)  # the catalog and zone in force, read at each use
        self.fleet_tab: FleetTab | None = None
        self.commands_tab: CommandsTab | None = None
        if self.fleet is not None and role_allows(session.role, Permission.FLEET_VIEW):
            self.fleet_tab = FleetTab(self.fleet, site, ctx.changes, session)
            self.tabs.addTab(self.fleet_tab, self.tr("Fleet"))
            if role_allows(session.role, Permission.COMMAND_SEND):
                self.commands_tab = wiring.commands_tab(ctx, self.fleet, session,
                                                        self.fleet_tab.selected_stations)
                self.tabs.addTab(self.commands_tab, self.tr("Commands"))
        elif self.fleet is None and wiring.site_needs_upgrade(ctx) is not None:
            # In a site made before keys by role (or not joined again since its upgrade).
            self.upgrade_notice = wiring.upgrade_notice(ctx, session, self.runner,
                                                        bool(wiring.site_needs_upgrade(ctx)))
            self.upgrade_notice.upgraded.connect(self.restart_requested)
            self.tabs.addTab(self.upgrade_notice, self.tr("Fleet"))
        elif self.fleet is None:
            notice = QLabel(self.tr("This PC is not in a site yet: the fleet and remote "
                                    "commands appear once it is (shopfloor site create / join)."))
            notice.setWordWrap(True)
            notice.setMargin(24)
            self.tabs.addTab(notice, self.tr("Fleet"))
        # Every tab below is built when it is first opened (gui/admin/lazy_tabs.py); its
        # attribute (self.production_tab...) builds it when read.
        self.lazy = LazyTabs(self.tabs, on_built=self._tab_built, runner=self.runner)
        runner, bridge, view = self.runner, self.bridge, self.site_view
        if role_allows(session.role, Permission.RECORD_VIEW_SITE):
            def dashboard():
                from gui.admin.dashboard_tab import DashboardTab
                return DashboardTab(site, view, ctx.oee, bridge=bridge, runner=runner)

            def insights():
                from gui.admin.insights_tab import InsightsTab
                return InsightsTab(site, view, bridge=bridge, runner=runner)

            self.lazy.add("production_tab", self.tr("Production"),
                          lambda: wiring.production_tab(ctx, session, runner, bridge))
            self.lazy.add("dashboard_tab", self.tr("Dashboard"), dashboard)
            self.lazy.add("insights_tab", self.tr("Insights"), insights)
            self.lazy.add("spc_tab", self.tr("SPC"), lambda: wiring.spc_tab(ctx, session, bridge))
            if self.fleet_tab is not None:  # a chart out of control is a fleet alarm
                from utils.mes.spc_service import spc_alarms

                self.fleet_tab.extra_alarms = lambda: spc_alarms(self.site_view)
        if role_allows(session.role, Permission.OEE_VIEW):
            self.lazy.add("oee_tab", self.tr("OEE"), lambda: wiring.oee_tab(ctx, session, bridge))
        if role_allows(session.role, Permission.LOT_VIEW):
            if self.fleet is not None:  # the release's review sees each station's clock
                fleet = self.fleet
                ctx.release.live_skew = lambda station: getattr(
                    fleet.views.get(station), "skew_s", None)
            self.lazy.add("lots_tab", self.tr("Lots"),
                          lambda: wiring.lots_tab(ctx, session, runner, bridge))
        if role_allows(session.role, Permission.HANDOVER_VIEW):
            self.lazy.add("handover_tab", self.tr("Handovers"),
                          lambda: wiring.handover_tab(ctx, session, runner, bridge))
        if role_allows(session.role, Permission.USER_MANAGE):
            self.lazy.add("users_tab", self.tr("Users"),
                          lambda: wiring.users_tab(ctx, session, runner))
        # The whole site's verification (Tools menu and the Audit tab's button) with its last
        # results: the panel's, so that the menu's verify does not build the tab.
        self.site_verify: SiteVerify | None = None
        if role_allows(session.role, Permission.AUDIT_VIEW):
            verifier = self.site_verify = wiring.site_verify(ctx, runner, site_view=view)
            verifier.setParent(self)
            self.lazy.add("audit_tab", self.tr("Audit"),
                          lambda: wiring.audit_tab_in_steps(ctx, session, runner, site_view=view,
                                                            bridge=bridge, verifier=verifier))
        if role_allows(session.role, Permission.SETTINGS_MANAGE):
            self.lazy.add("catalog_tab", self.tr("Catalog"),
                          lambda: wiring.catalog_tab(ctx, session, runner))
        tools = self.menuBar().addMenu(self.tr("&Tools"))
        self.verify_site_action = QAction(self.tr("Verify audit integrity (whole site)…"), self)
        self.verify_site_action.triggered.connect(self.verify_site)
        tools.addAction(self.verify_site_action)
        if self.fleet is not None:
            prepare = None if self.fleet_tab is None else self.fleet_tab.prepare
            self.poller = FleetPoller(self.fleet, self, interval_s=poll_interval_s,
                                      prepare=prepare)
            if self.fleet_tab is not None:
                self.poller.updated.connect(self.fleet_tab.show_frame)
            if self.commands_tab is not None:
                self.poller.commands_finished.connect(
                    lambda _rows: self.commands_tab.refresh_history())
            self.poller.start()
        # Opened from a station (on an office PC it lives inside the office window): on the
        # screen in use, inside its free area, then where it was left on this PC.
        if not embedded:
            restore_window(self, "adminWindow", QSize(1400, 860), ctx.paths.config_dir)
        # The panel's long-lived objects (Qt wrappers, pandas, the tabs) never form garbage
        # cycles worth collecting; moved out of the collector's sight, a full collection that a
        # background task's allocations trigger no longer holds the GUI thread (and the GIL)
        # while it walks them. Here, not at start-up: the panel's modules are imported only now
        # (measured in docs/architecture.md §3: ~1 ms per full collection, 180 ms with a
        # start-up freeze only, 700-900 ms without).
        gc.freeze()

    def _tab_built(self, _name: str, page: QWidget) -> None:
        # Built after the window was shown: its inputs get their names now (the application
        # names a window's inputs when it is shown), and its objects leave the collector's walks.
        name_inputs(page)
        gc.freeze()

    def __getattr__(self, name: str):
        """A lazily built tab by its attribute name (self.audit_tab...): built now if needed."""
        lazy = self.__dict__.get("lazy")
        if lazy is not None and name in lazy:
            return lazy.page(name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _start_following(self) -> None:
        if not self._following and not self._shut:
            self._following = True
            self.follower.acquire()

    def menu_actions(self) -> list[QAction]:
        """The panel's menu entries, for a window that shows the panel inside itself."""
        return [self.verify_site_action]

    def verify_site(self):
        """Tools → Verify audit integrity: the whole site's, with its per-station results in
        the Audit tab, for a role that may see it; else this PC's own chain. Returns the
        dialog (also kept in `verify_dialog`)."""
        if self.site_verify is not None:
            # The tab is not needed (nor built) to run the check: the dialog opens and the
            # check starts at once. Building the tab on the click (the first time) held the
            # GUI thread 242 ms before the dialog appeared (bench_gui.py). The tab is built
            # once the result shows, while the person reads it, a step per event-loop turn
            # (in one go that held the GUI thread 189 ms), and shown when the dialog closes
            # (finished then if the person was quicker): the dialog is modal, so nothing
            # behind it can be used meanwhile, and building, showing and painting the tab
            # (a page of 5,000 events) on the click held the GUI thread a quarter second.
            dialog = self.verify_dialog = self.site_verify.run(self)
            dialog.finished_with.connect(lambda _results: self.lazy.prepare("audit_tab"))
            dialog.finished.connect(lambda _code: self._show_verify_results(dialog))
            return dialog
        from gui.verify_dialog import run_verify

        self.verify_dialog = run_verify(self, self.runner, lambda progress, cancel:
                                        self.ctx.verify_audit(progress=progress, cancel=cancel))
        return self.verify_dialog

    def _show_verify_results(self, dialog) -> None:
        """After a verify from the menu: the audit tab with its per-station table, if the check
        produced one (after an error the person stays where they were)."""
        if dialog.results is not None:
            self.tabs.setCurrentWidget(self.audit_tab)

    def shutdown(self) -> None:
        self._shut = True
        if hasattr(self, "lazy"):
            self.lazy.stop_preparing()
        for name in ("dashboard_tab", "insights_tab"):  # only those built: none built now
            page = self.lazy.built(name) if hasattr(self, "lazy") else None
            if page is not None:
                page.timer.stop()
        if self.poller is not None:
            self.poller.stop()
            self.poller = None
        # Always detached: the view and the follower live as long as the PC's context, and a
        # listener left on them would call into this window's bridge once it is deleted.
        self.bridge.close()
        if self._following:
            # The last user stops following: an idle production PC reads nothing of other
            # stations once its panel is closed (an office PC's sync service keeps it).
            self._following = False
            self.follower.release()
        self.runner.shutdown()
        # Back into the collector's sight: frozen objects are never freed, so without this
        # every logout and login on an office PC would keep a closed panel's garbage for good.
        gc.unfreeze()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        event.accept()
