"""The Users tab's table model (gui/admin/users_tab.py): one row per account, with its role in
the person's language and "locked until" in the site's zone."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt

from models.user import User

from gui.header import role_name
from gui.table_model import ColumnTableModel


class UsersTableModel(ColumnTableModel):
    COLUMNS = ("username", "full_name", "role", "active", "must_change", "locked_until", "badge")

    def __init__(self, parent: QObject | None = None, zone: str = "UTC"):
        super().__init__(parent)
        self.zone = zone  # the site's: "locked until" reads like every other time shown
        self._rows: list[User] = []
        self._headers = (self.tr("Username"), self.tr("Full name"), self.tr("Role"),
                         self.tr("Active"), self.tr("Must change password"),
                         self.tr("Locked until"), self.tr("Badge"))

    def cell_data(self, user: User, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            yes, no = self.tr("yes"), self.tr("no")
            return {
                "username": user.username, "full_name": user.full_name,
                "role": role_name(None, str(user.role)),
                "active": yes if user.active else no,
                "must_change": yes if user.must_change_password else no,
                "locked_until": "" if user.locked_until is None
                else user.locked_until.astimezone(ZoneInfo(self.zone)).strftime("%Y-%m-%d %H:%M"),
                "badge": user.badge_id or "",
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return Qt.GlobalColor.gray
        return None
