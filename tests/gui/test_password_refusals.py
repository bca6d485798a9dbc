"""What a refused password says (review s16, items 8 and 10): the login page's lock message
sends the person to someone who can unlock the account, or, when nobody else can (the only
admin of a trial), says it unlocks by itself and when; the admin panel's and this PC's settings'
prompts stay open with the refusal under the field and the tries left before the lockout."""

from __future__ import annotations

from config.constants import Role
from data import audit_repo

from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_password_prompt import _type_and
from tests.gui.test_station_window import login

# The tests' settings (tests/gui/conftest.py): three wrong passwords lock an account.
THRESHOLD = 3


def _lock_at_login(qtbot, station, username: str) -> str:
    page = station.window.login_page
    for attempt in range(THRESHOLD):
        page.reset()
        login(qtbot, station, username, f"wrong-{attempt}-pass")
    return page.error.text()


def test_an_operator_locked_is_sent_to_an_admin(qtbot, station):
    text = _lock_at_login(qtbot, station, "op")
    assert "locked until" in text and "unlocks by itself" in text
    assert "An admin can unlock it sooner." in text
    assert "supervisor" not in text  # a supervisor may not unlock accounts


def test_the_only_admin_locked_is_told_to_wait(qtbot, station):
    text = _lock_at_login(qtbot, station, "ana")
    assert "locked until" in text and "unlocks by itself then" in text
    assert "No other account here can unlock it" in text
    assert "An admin can unlock it" not in text


def test_one_of_two_admins_locked_is_sent_to_the_other(qtbot, station, ctx):
    ana = ctx.auth.login("ana", ADMIN_PW).session
    ctx.auth.create_user(ana, "bea", "Bea Admin", Role.ADMIN, "Initial-Pass-b3a",
                         "second admin of the site")
    text = _lock_at_login(qtbot, station, "ana")
    assert "An admin can unlock it sooner." in text


def test_a_wrong_password_keeps_the_admin_prompt_open_with_the_tries_left(qtbot, station, ctx):
    window = station.window
    login(qtbot, station, "ana", ADMIN_PW)
    window.ask_admin_panel()
    prompt = window.admin_password_dialog
    _type_and(prompt, "not-my-password-1", accept=True)
    assert prompt.isVisible() and prompt.error.isVisible()
    assert prompt.error.text() == ("Wrong password: the admin panel was not opened. Tries left "
                                   "before your account is locked: 2.")
    _type_and(prompt, ADMIN_PW, accept=True)  # the same prompt, the right password
    assert not prompt.isVisible()
    wait_for(lambda: getattr(window, "admin_window", None) is not None, timeout=10)
    with ctx.database.read() as connection:
        actions = [e["action"] for e in audit_repo.list_events(connection, limit=10_000)]
    # Each try was checked once (each counts towards the lockout): one failure, one signature.
    assert (actions.count("signature.failed"), actions.count("signature")) == (1, 1)


def test_the_last_wrong_try_says_until_when_the_account_is_locked(qtbot, station):
    window = station.window
    login(qtbot, station, "ana", ADMIN_PW)
    window.ask_pc_settings()
    prompt = window.pc_settings_password_dialog
    _type_and(prompt, "not-my-password-1", accept=True)
    assert prompt.error.text().startswith("Wrong password: this PC's settings were not opened.")
    _type_and(prompt, "not-my-password-2", accept=True)
    assert prompt.error.text().endswith("Tries left before your account is locked: 1.")
    _type_and(prompt, "not-my-password-3", accept=True)
    assert prompt.isVisible()
    assert "locked until" in prompt.error.text()
    assert "No other account here can unlock it" in prompt.error.text()
    _type_and(prompt, ADMIN_PW, accept=True)  # refused while locked, said again
    assert prompt.isVisible() and "locked until" in prompt.error.text()
    assert getattr(window, "pc_settings_dialog", None) is None
    prompt.reject()
    assert not prompt.isVisible()
