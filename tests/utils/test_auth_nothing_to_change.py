"""Deactivating an account that is inactive already, or unlocking one that is not locked, is
refused by the service itself (cli review s15, #15): nothing changes, no audit event; the GUI
and the command line call the same service."""

from __future__ import annotations

import pytest

from config.constants import Role
from config.settings import Settings
from data import audit_repo
from utils.auth import AuthError, LoginFailure
from utils.clock import ManualClock
from utils.context import AppContext

ADMIN_PW = "Quarry-Lantern-42"
REASON = "left the company in May"


@pytest.fixture
def ctx(tmp_path, fast_secrets):
    context = AppContext.open(tmp_path / "home", clock=ManualClock(),
                              settings=Settings(station_id="206", lockout_threshold=3))
    context.auth.create_first_admin("admin", "Ana Admin", ADMIN_PW)
    admin = context.auth.login("admin", ADMIN_PW).session
    context.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-1", "new hire on shift A")
    yield context, admin
    context.close()


def actions(ctx, prefix: str) -> list[str]:
    with ctx.database.read() as connection:
        return [e["action"] for e in audit_repo.list_events(connection)
                if e["action"].startswith(prefix)]


def test_deactivating_an_inactive_account_changes_nothing(ctx):
    context, admin = ctx
    context.auth.deactivate(admin, "op", REASON)
    assert actions(context, "user.deactivate") == ["user.deactivate"]
    with pytest.raises(AuthError) as refused:
        context.auth.deactivate(admin, "OP ", REASON)
    assert refused.value.code == "already_inactive"
    assert str(refused.value) == "op is already inactive; nothing was changed"
    assert actions(context, "user.deactivate") == ["user.deactivate"]
    with pytest.raises(AuthError) as unknown:
        context.auth.deactivate(admin, "nobody", REASON)
    assert unknown.value.code == "not_found"


def test_unlocking_an_account_that_is_not_locked_changes_nothing(ctx):
    context, admin = ctx
    context.auth.login("op", "wrong-pass-1")  # one failure: not locked
    with pytest.raises(AuthError) as refused:
        context.auth.unlock(admin, "op", "called the supervisor desk")
    assert refused.value.code == "not_locked"
    assert str(refused.value) == "op is not locked; nothing was changed"
    assert actions(context, "user.unlock") == []
    for attempt in range(2, 4):
        context.auth.login("op", f"wrong-pass-{attempt}")
    assert context.auth.login("op", "Initial-Pass-1").failure == LoginFailure.LOCKED
    context.auth.unlock(admin, "op", "called the supervisor desk")
    assert actions(context, "user.unlock") == ["user.unlock"]
    with pytest.raises(AuthError) as again:
        context.auth.unlock(admin, "op", "called the supervisor desk")
    assert again.value.code == "not_locked"
    assert actions(context, "user.unlock") == ["user.unlock"]
    assert context.auth.login("op", "Initial-Pass-1").ok


def test_in_a_site_an_unlock_goes_out_even_when_this_pc_sees_no_lock(tmp_path, fast_secrets,
                                                                      monkeypatch):
    """The lock may be on another PC (its failures not copied here yet, or its threshold
    lower): the signed unlock is what lifts it there, so a site PC never refuses it."""
    from tests.utils.site.sitekit import add_user, admin_session, make_site, use_fast_kdf

    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    try:
        add_user(site, "olga", Role.OPERATOR)
        site.admin.auth.unlock(admin_session(site), "olga", "locked out at station 206")
        assert actions(site.admin, "user.unlock") == ["user.unlock"]
    finally:
        site.admin.close()
