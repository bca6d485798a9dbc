"""Users tab: every change made here lands in the audit trail with the reason typed in the
dialog (and the before / after of the account); refusals are shown in the person's language,
never as the service's English text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt

from data import audit_repo
from utils.auth import AuthError

from gui.admin.users_tab import AccountEdit

from tests.gui import test_admin_users_audit as shared

# The session and the tab are built as in the users-and-audit tests.
admin = shared.admin
users_tab = shared.users_tab
fill = shared.fill


def audit_bodies(ctx, action: str) -> list[dict[str, Any]]:
    with ctx.database.read() as connection:
        return [json.loads(event["body"]) for event in audit_repo.list_events(connection, action=action)]


def shown_full_name(tab, username: str) -> str:
    model = tab.model
    column = model.COLUMNS.index("full_name")
    for row in range(model.rowCount()):
        if model.row_at(row).username == username:
            return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
    raise AssertionError(f"{username} is not in the list")


def test_change_of_full_name_shows_in_the_list_and_is_audited(users_tab, ctx):
    users_tab.select("newbie")
    dialog = users_tab.open_dialog(AccountEdit.NAME)
    fill(dialog, "Nina Nova da Silva")
    dialog.reason.setText("name changed on her ID card after marriage")
    assert dialog.apply()
    assert shown_full_name(users_tab, "newbie") == "Nina Nova da Silva"
    [event] = audit_bodies(ctx, "user.full_name")
    assert event["entity_id"] == "newbie" and event["user"] == "ana"
    assert event["reason"] == "name changed on her ID card after marriage"
    assert event["before"]["full_name"] == "Nina Nova"
    assert event["after"]["full_name"] == "Nina Nova da Silva"


def lock_operator(ctx) -> None:
    for attempt in range(ctx.settings.lockout_threshold):
        ctx.auth.login("op", f"wrong-{attempt}-pass")


PASSWORDS = ("Cobalt-First-Pass-1", "Temp-Pass-4455")
# kind, account selected (None: a new one), dialog values, reason typed, audit action
CHANGES = [
    (AccountEdit.CREATE, None, ("carla", "Carla Costa", "analyst", PASSWORDS[0]),
     "nova analista da qualidade, turno B", "user.create"),
    (AccountEdit.ROLE, "sup", ("admin",), "second admin for the night shift", "user.role"),
    (AccountEdit.RESET, "op", (PASSWORDS[1],), "forgot the password after holidays", "user.password_reset"),
    (AccountEdit.UNLOCK, "op", (), "called from the line, identity checked", "user.unlock"),
    (AccountEdit.DEACTIVATE, "newbie", (), "left the company at the end of May", "user.deactivate"),
]


@pytest.mark.parametrize("kind, username, values, reason, action", CHANGES,
                         ids=[change[0] for change in CHANGES])
def test_the_reason_typed_is_in_the_audit_event(users_tab, ctx, kind, username, values, reason,
                                                action):
    if kind == AccountEdit.UNLOCK:
        lock_operator(ctx)
        users_tab.refresh()
    if username is not None:
        users_tab.select(username)
    dialog = users_tab.open_dialog(kind)
    fill(dialog, *values)
    dialog.reason.setText(reason)
    assert dialog.apply(), dialog.error.text()
    event = audit_bodies(ctx, action)[-1]  # the newest: the change just made
    assert event["reason"] == reason
    assert event["user"] == "ana" and event["entity_id"] == (username or values[0])
    text = json.dumps(event)
    assert not any(password in text for password in PASSWORDS)
    assert "$2b$" not in text


def test_role_change_records_before_and_after(users_tab, ctx):
    users_tab.select("sup")
    dialog = users_tab.open_dialog(AccountEdit.ROLE)
    fill(dialog, "analyst")
    dialog.reason.setText("moves to the quality lab")
    assert dialog.apply()
    [event] = audit_bodies(ctx, "user.role")
    assert (event["before"]["role"], event["after"]["role"]) == ("supervisor", "analyst")


def test_a_refusal_is_shown_in_the_persons_words_not_the_services(users_tab, ctx):
    users_tab.select("ana")
    dialog = users_tab.open_dialog(AccountEdit.DEACTIVATE)
    dialog.reason.setText("trying to switch off the only admin")
    assert not dialog.apply()
    assert dialog.error.text() == ("Not changed: this is the last active admin. Make another "
                                   "account admin first, then try again.")
    assert "ana is the last active admin" not in dialog.error.text()  # the service's own text
    assert ctx.auth.get_user(users_tab.session, "ana").active
    assert audit_bodies(ctx, "user.deactivate") == []
    assert dialog.isVisible()  # still open, with what was typed
    assert dialog.reason.text() == "trying to switch off the only admin"


def test_an_unknown_refusal_gets_the_general_message(monkeypatch, users_tab):
    def refuse(*_args, **_kwargs):
        raise AuthError("new_rule", "raw English detail from the service")

    monkeypatch.setattr(users_tab.auth, "unlock", refuse)
    users_tab.select("op")
    dialog = users_tab.open_dialog(AccountEdit.UNLOCK)
    dialog.reason.setText("called from the line, identity checked")
    assert not dialog.apply()
    text = dialog.error.text()
    assert text == ("The account service refused this change (code new_rule); nothing was "
                    "changed. Check the values and try again; if it is refused again, give the "
                    "code to support.")
    assert "raw English" not in text
