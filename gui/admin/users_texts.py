"""The Users tab's wording of the account service's refusals (gui/admin/users_tab.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from utils.auth import AuthError


def auth_error_text(error: AuthError) -> str:
    """The refusal in the person's language: what happened, that nothing was changed (an
    AuthError is raised before anything is written) and what to do. Never the service's own
    English text; an unknown code gets the general message with the code for support."""
    texts = {
        "last_admin": QCoreApplication.translate(
            "UsersTab", "Not changed: this is the last active admin. Make another account admin "
            "first, then try again."),
        "username_taken": QCoreApplication.translate(
            "UsersTab", "Not created: this username is or was in use, and usernames are never "
            "reused. Choose another username."),
        "badge_taken": QCoreApplication.translate(
            "UsersTab", "Not changed: that badge belongs to another account. Use another badge "
            "or take it off that account first."),
        "not_found": QCoreApplication.translate(
            "UsersTab", "Not changed: there is no such account on this PC. Close this window, "
            "choose the account in the list again and retry."),
        "already_inactive": QCoreApplication.translate(
            "UsersTab", "Not changed: this account is already inactive. Nothing to do."),
        "not_locked": QCoreApplication.translate(
            "UsersTab", "Not changed: this account is not locked; it can log in. Nothing to "
            "do."),
    }
    return texts.get(error.code) or QCoreApplication.translate(
        "UsersTab", "The account service refused this change (code %1); nothing was changed. "
        "Check the values and try again; if it is refused again, give the code to support."
    ).replace("%1", error.code)
