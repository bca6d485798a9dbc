"""Accounts, passwords, lockout, forced change, permissions and the last-admin rule,
on a real database with an injected clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from config.constants import Role
from config.settings import Settings
from data import audit_repo
from models.validation import ValidationFailed
from utils.auth import AuthError, LoginFailure
from utils.clock import ManualClock
from utils.context import AppContext
from utils.passwords import PasswordPolicyError, check_password, check_policy, hash_password
from utils.permissions import PermissionDenied

ADMIN_PW = "Quarry-Lantern-42"
REASON = "new hire on shift A"


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)


@pytest.fixture
def clock():
    return ManualClock()


def open_ctx(home, clock, **settings):
    return AppContext.open(home, clock=clock,
                           settings=Settings(station_id="206", lockout_threshold=3,
                                             lockout_minutes=15, **settings))


@pytest.fixture
def ctx(tmp_path, clock):
    context = open_ctx(tmp_path / "home", clock)
    context.auth.create_first_admin("Admin", "Ana Admin", ADMIN_PW)
    yield context
    context.close()


def admin_session(ctx):
    return ctx.auth.login("admin", ADMIN_PW).session


def actions(ctx, **filters):
    with ctx.database.read() as connection:
        return [e["action"] for e in audit_repo.list_events(connection, **filters)]


# -- passwords -------------------------------------------------------------------------------

def test_policy_counts_utf8_bytes_and_names_the_limit():
    seventy_two = ("Kx9-" * 18)[:72]
    check_policy(seventy_two.replace("Kx9-Kx9-", "Kx9-Qy7-", 1))
    with pytest.raises(PasswordPolicyError) as too_long:
        check_policy("Kx9-Qy7-" * 9 + "z")  # 73 bytes
    assert too_long.value.code == "too_long" and "72" in str(too_long.value)
    accented = "ção-Lâmpada-" * 6  # 12 characters, 15 bytes each time
    assert len(accented) == 72 and len(accented.encode()) > 72
    with pytest.raises(PasswordPolicyError, match="72 bytes"):
        check_policy(accented)
    with pytest.raises(PasswordPolicyError) as short:
        check_policy("Ab1-x7")
    assert short.value.code == "too_short"


@pytest.mark.parametrize("common", ["12345678", "password1", "Senha123", "qwertyuiop",
                                    "aaaaaaaaaa", "abcdefghij", "98765432"])
def test_blocklist_and_trivial_patterns(common):
    with pytest.raises(PasswordPolicyError) as error:
        check_policy(common)
    assert error.value.code == "common"


def test_check_password_never_raises_on_long_or_odd_input(fast_bcrypt):
    stored = hash_password("Quarry-Lantern-42")
    assert check_password("Quarry-Lantern-42", stored)
    assert not check_password("x" * 500, stored)
    assert not check_password("Quarry-Lantern-42", "not-a-bcrypt-hash")
    assert not check_password("", stored)
    assert not check_password(None, stored)  # type: ignore[arg-type]


def test_multibyte_password_round_trip(ctx):
    admin = admin_session(ctx)
    ctx.auth.create_user(admin, "joao", "João", Role.OPERATOR, "Ação-Pão-Coração", REASON)
    assert ctx.auth.login("joao", "Ação-Pão-Coração").ok
    assert not ctx.auth.login("joao", "Acao-Pao-Coracao").ok


def test_login_with_73_byte_password_is_a_normal_failure(ctx):
    result = ctx.auth.login("admin", "Kx9-Qy7-" * 9 + "z")
    assert not result.ok and result.failure == LoginFailure.BAD_CREDENTIALS


# -- first admin and accounts ----------------------------------------------------------------

def test_no_default_accounts_and_first_admin_only_once(tmp_path, clock):
    context = open_ctx(tmp_path / "h", clock)
    try:
        assert not context.auth.has_users()
        assert not context.auth.login("admin", "admin").ok
        context.auth.create_first_admin("boss", "Boss", ADMIN_PW)
        with pytest.raises(AuthError) as error:
            context.auth.create_first_admin("boss2", "Boss 2", ADMIN_PW)
        assert error.value.code == "not_first"
        session = context.auth.login("BOSS ", ADMIN_PW).session
        assert session.role == Role.ADMIN and not session.must_change_password
    finally:
        context.close()


def test_new_user_must_change_password_then_can_log_in(ctx):
    admin = admin_session(ctx)
    ctx.auth.create_user(admin, "op", "Op One", Role.OPERATOR, "Initial-Pass-1", REASON)
    first = ctx.auth.login("op", "Initial-Pass-1")
    assert first.ok and first.session.must_change_password
    with pytest.raises(PasswordPolicyError) as same:
        ctx.auth.change_password("op", "Initial-Pass-1", "Initial-Pass-1")
    assert same.value.code == "unchanged"
    with pytest.raises(AuthError):
        ctx.auth.change_password("op", "wrong-old-pass", "Brand-New-Pass-9")
    ctx.auth.change_password("op", "Initial-Pass-1", "Brand-New-Pass-9")
    again = ctx.auth.login("op", "Brand-New-Pass-9")
    assert again.ok and not again.session.must_change_password
    ctx.auth.reset_password(admin, "op", "Temporary-Pass-7", "forgot the password today")
    assert ctx.auth.login("op", "Temporary-Pass-7").session.must_change_password
    assert "user.password_reset" in actions(ctx)


def test_usernames_are_unique_case_insensitive_and_never_reused(ctx):
    admin = admin_session(ctx)
    ctx.auth.create_user(admin, "maria", "Maria", Role.OPERATOR, "Initial-Pass-1", REASON)
    with pytest.raises(AuthError) as taken:
        ctx.auth.create_user(admin, "MARIA", "Other Maria", Role.OPERATOR, "Initial-Pass-1", REASON)
    assert taken.value.code == "username_taken"
    ctx.auth.deactivate(admin, "maria", "left the company in May")
    assert not ctx.auth.login("maria", "Initial-Pass-1").ok
    with pytest.raises(AuthError) as reused:
        ctx.auth.create_user(admin, "maria", "New Maria", Role.OPERATOR, "Initial-Pass-1", REASON)
    assert reused.value.code == "username_taken"
    names = {u.username: u.active for u in ctx.auth.list_users(admin)}
    assert names["maria"] is False


@pytest.mark.parametrize("bad", ["", "a", "x" * 33, "ana silva", "ana\u202e", "-ana", "ana;drop"])
def test_bad_usernames_are_refused(ctx, bad):
    with pytest.raises(ValidationFailed) as error:
        ctx.auth.create_user(admin_session(ctx), bad, "Name", Role.OPERATOR, "Initial-Pass-1", REASON)
    assert error.value.errors[0].field == "username"


def test_reason_is_required_for_account_changes(ctx):
    with pytest.raises(ValidationFailed):
        ctx.auth.create_user(admin_session(ctx), "op", "Op", Role.OPERATOR, "Initial-Pass-1", "short")


def test_last_active_admin_cannot_be_deactivated_or_demoted(ctx):
    admin = admin_session(ctx)
    with pytest.raises(AuthError) as error:
        ctx.auth.deactivate(admin, "admin", "trying to remove myself")
    assert error.value.code == "last_admin"
    with pytest.raises(AuthError):
        ctx.auth.set_role(admin, "admin", Role.SUPERVISOR, "demoting the only admin")
    ctx.auth.create_user(admin, "second", "Second Admin", Role.ADMIN, "Initial-Pass-2", REASON)
    ctx.auth.set_role(admin, "admin", Role.SUPERVISOR, "second admin takes over now")
    # The demoted person's open session no longer manages users.
    with pytest.raises(PermissionDenied):
        ctx.auth.list_users(admin)


def test_operator_calling_admin_service_is_denied_and_audited(ctx):
    admin = admin_session(ctx)
    ctx.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-1", REASON)
    op = ctx.auth.login("op", "Initial-Pass-1").session
    for call in (lambda: ctx.auth.list_users(op),
                 lambda: ctx.auth.create_user(op, "evil", "Evil", Role.ADMIN, "Initial-Pass-3", REASON),
                 lambda: ctx.auth.unlock(op, "admin", "unlocking the admin account")):
        with pytest.raises(PermissionDenied):
            call()
    with ctx.database.read() as connection:
        denied = audit_repo.list_events(connection, action="permission.denied")
    assert len(denied) == 3 and {e["username"] for e in denied} == {"op"}


# -- lockout ----------------------------------------------------------------------------------

def test_lockout_persists_across_restart_and_expires(tmp_path, clock):
    home = tmp_path / "home"
    context = open_ctx(home, clock)
    context.auth.create_first_admin("admin", "Ana", ADMIN_PW)
    admin = context.auth.login("admin", ADMIN_PW).session
    context.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-1", REASON)
    assert context.auth.login("op", "nope-nope-1").failure == LoginFailure.BAD_CREDENTIALS
    assert context.auth.login("op", "nope-nope-2").failure == LoginFailure.BAD_CREDENTIALS
    third = context.auth.login("op", "nope-nope-3")
    assert third.failure == LoginFailure.LOCKED
    assert third.locked_until == clock.now() + timedelta(minutes=15)
    context.close()

    reopened = open_ctx(home, clock)  # a restart: the lock is still there
    try:
        locked = reopened.auth.login("op", "Initial-Pass-1")
        assert not locked.ok and locked.failure == LoginFailure.LOCKED
        assert locked.locked_until == third.locked_until
        clock.advance(minutes=15, seconds=1)
        assert reopened.auth.login("op", "Initial-Pass-1").ok
        names = actions(reopened)
        assert "user.locked" in names and "login.refused_locked" in names
    finally:
        reopened.close()


def test_admin_unlock_is_audited(ctx):
    admin = admin_session(ctx)
    ctx.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-1", REASON)
    for attempt in range(3):
        ctx.auth.login("op", f"wrong-pass-{attempt}")
    assert ctx.auth.login("op", "Initial-Pass-1").failure == LoginFailure.LOCKED
    assert ctx.auth.get_user(admin, "op").locked_until is not None
    ctx.auth.unlock(admin, "op", "called the supervisor desk")
    assert ctx.auth.login("op", "Initial-Pass-1").ok
    with ctx.database.read() as connection:
        unlock = audit_repo.list_events(connection, action="user.unlock")
    assert unlock and unlock[0]["username"] == "admin"


def test_unknown_user_failure_is_indistinguishable_and_audited(ctx):
    unknown = ctx.auth.login("ghost", "whatever-123")
    wrong = ctx.auth.login("admin", "whatever-123")
    assert unknown.failure == wrong.failure == LoginFailure.BAD_CREDENTIALS
    assert unknown.locked_until is None and wrong.locked_until is None
    assert actions(ctx, action="login.failed")[-2:] == ["login.failed", "login.failed"]


def test_password_typed_in_the_username_field_never_reaches_the_audit(ctx):
    ctx.auth.login("My Secret Pass!", "x")
    with ctx.database.read() as connection:
        bodies = [e["body"] for e in audit_repo.list_events(connection)]
    assert not any("My Secret Pass" in body or "my secret pass" in body for body in bodies)


def test_signature_re_entry_counts_failures(ctx):
    admin = admin_session(ctx)
    assert ctx.auth.verify_password(admin, ADMIN_PW)
    assert not ctx.auth.verify_password(admin, "wrong-wrong-1")
    assert not ctx.auth.verify_password(admin, "wrong-wrong-2")
    assert not ctx.auth.verify_password(admin, "wrong-wrong-3")
    assert ctx.auth.login("admin", ADMIN_PW).failure == LoginFailure.LOCKED


def test_login_and_logout_are_audited_and_chain_verifies(ctx):
    session = admin_session(ctx)
    ctx.auth.logout(session, "idle")
    assert actions(ctx)[-2:] == ["login", "logout"]
    assert all(result.ok for result in ctx.verify_audit())
