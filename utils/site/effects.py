"""What the application does for remote commands with a visible effect.

The sync service calls these on its command thread; the GUI implements them by bridging to Qt
signals (and may block until the operator answers, e.g. acknowledges a message). The headless
agent implements them by logging. Each returns the result that goes into the ack.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Protocol

from config.catalog import Catalog
from models.lot import Lot
from utils.site.commands import Command

log = logging.getLogger(__name__)


class StationEffects(Protocol):
    def show_message(self, command: Command) -> dict[str, Any]: ...
    def force_logout(self, command: Command) -> dict[str, Any]: ...
    def lock_entry(self, command: Command, reason: str) -> dict[str, Any]: ...
    def unlock_entry(self, command: Command) -> dict[str, Any]: ...
    def lot_changed(self, command: Command, lot: Lot) -> dict[str, Any]: ...
    def product_changed(self, command: Command, size: str) -> dict[str, Any]: ...
    def config_changed(self, command: Command, changes: dict[str, Any]) -> dict[str, Any]: ...
    def close_app(self, command: Command, force: bool) -> dict[str, Any]: ...
    def restart_app(self, command: Command, force: bool) -> dict[str, Any]: ...
    def current_user(self) -> tuple[str, str] | None: ...
    def catalog_changed(self, catalog: Catalog) -> None: ...


class HeadlessEffects:
    """The agent's effects: there is no window and no operator, so a message is delivered to
    the log and nobody reads it (the ack says so: shown False, read by nobody), and
    close/restart ask the agent to stop (restart: with exit code 75 so a service manager, or
    the agent command itself, starts it again)."""

    def __init__(self) -> None:
        self.stop_requested = threading.Event()
        self.restart_requested = False

    def show_message(self, command: Command) -> dict[str, Any]:
        log.info("Message from %s: %s", command.issued_by, command.params.get("text"))
        return {"delivered": True, "shown": False, "acknowledged_by": None,
                "acknowledged_at": None, "note": "headless agent: logged"}

    def force_logout(self, command: Command) -> dict[str, Any]:
        return {"logged_out": None, "note": "headless agent: nobody is logged in"}

    def lock_entry(self, command: Command, reason: str) -> dict[str, Any]:
        return {"locked": True, "reason": reason}

    def unlock_entry(self, command: Command) -> dict[str, Any]:
        return {"locked": False}

    def lot_changed(self, command: Command, lot: Lot) -> dict[str, Any]:
        return {"lot": lot.code, "current_box": lot.current_box, "total_boxes": lot.total_boxes}

    def product_changed(self, command: Command, size: str) -> dict[str, Any]:
        return {"size": size}

    def config_changed(self, command: Command, changes: dict[str, Any]) -> dict[str, Any]:
        return {"applied": changes}

    def close_app(self, command: Command, force: bool) -> dict[str, Any]:
        self.stop_requested.set()
        return {"closing": True, "confirmed_by": None if force else "headless agent"}

    def restart_app(self, command: Command, force: bool) -> dict[str, Any]:
        self.restart_requested = True
        self.stop_requested.set()
        return {"restarting": True}

    def current_user(self) -> tuple[str, str] | None:
        return None

    def catalog_changed(self, catalog: Catalog) -> None:
        log.info("Site catalog version %s in use", catalog.version)
