"""A password built on the person's own username or name, or a common word with digits or a
year added, is refused wherever a password is set (s17: "pedro2025" was accepted as user
pedro's initial password), and the refusal says why and what to choose."""

from __future__ import annotations

import pytest

from config.constants import Role
from config.settings import Settings
from utils.clock import ManualClock
from utils.context import AppContext
from utils.passwords import PasswordPolicyError, check_policy, one_time_password
from utils.setup_checks import AdminAccount, check_admin_account
from utils.site.demo import check_demo_admin

ADMIN_PW = "Quarry-Lantern-42"
REASON = "new hire on shift A"


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)


@pytest.fixture
def ctx(tmp_path):
    context = AppContext.open(tmp_path / "home", clock=ManualClock(),
                              settings=Settings(station_id="206"))
    context.auth.create_first_admin("admin", "Ana Admin", ADMIN_PW)
    yield context
    context.close()


def refused(code: str, password: str, **person) -> str:
    with pytest.raises(PasswordPolicyError) as caught:
        check_policy(password, **person)
    assert caught.value.code == code
    return str(caught.value)


@pytest.mark.parametrize("password, username", [
    ("pedro2025", "pedro"), ("2025-Pedro-x", "pedro"), ("xPEDROx-lantern", "pedro"),
    ("joao-da-praia", "joao")])
def test_a_password_containing_the_username_is_refused(password, username):
    message = refused("contains_username", password, username=username)
    assert "username" in message and "unrelated words" in message


@pytest.mark.parametrize("password, full_name", [
    ("Silva-Lantern-7", "Pedro Silva"), ("jose-quarry-77", "José Antônio"),
    ("Quarry-Conceicao", "Maria da Conceição")])
def test_a_password_containing_a_part_of_the_full_name_is_refused(password, full_name):
    message = refused("contains_name", password, username="ps", full_name=full_name)
    assert "name" in message and "unrelated words" in message


def test_short_usernames_and_name_parts_do_not_count():
    # "al" and "da" are inside many words: a password is not refused for holding them.
    check_policy("Salt-Lantern-9", username="al", full_name="Al da Costa Neto")


@pytest.mark.parametrize("password", ["flamengo2025", "Senha@2024!", "admin#99", "Brasil2027"])
def test_a_common_word_with_digits_or_a_year_added_is_refused(password):
    message = refused("common_with_ending", password)
    assert "unrelated words" in message


def test_a_common_word_inside_a_longer_phrase_is_fine():
    check_policy("senha-de-tijolo-azul")


def test_one_time_passwords_never_hold_a_name():
    for _ in range(300):
        check_policy(one_time_password("ana"), username="ana", full_name="Ana Lia Rui")


def test_every_service_that_sets_a_password_uses_the_person_s_name(ctx, tmp_path):
    admin = ctx.auth.login("admin", ADMIN_PW).session
    with pytest.raises(PasswordPolicyError) as new_user:
        ctx.auth.create_user(admin, "pedro", "Pedro Alves", Role.OPERATOR, "pedro2025", REASON)
    assert new_user.value.code == "contains_username"
    with pytest.raises(PasswordPolicyError) as by_name:
        ctx.auth.create_user(admin, "palves", "Pedro Alves", Role.OPERATOR, "Alves-Gate-42",
                             REASON)
    assert by_name.value.code == "contains_name"
    ctx.auth.create_user(admin, "palves", "Pedro Alves", Role.OPERATOR, "Initial-Pass-1", REASON)
    with pytest.raises(PasswordPolicyError) as change:
        ctx.auth.change_password("palves", "Initial-Pass-1", "Pedro-Lantern-42")
    assert change.value.code == "contains_name"
    with pytest.raises(PasswordPolicyError) as reset:
        ctx.auth.reset_password(admin, "palves", "Alves-Temp-Pass-1", "forgot it today")
    assert reset.value.code == "contains_name"
    other = AppContext.open(tmp_path / "other", clock=ManualClock(),
                            settings=Settings(station_id="207"))
    try:
        with pytest.raises(PasswordPolicyError) as first_admin:
            other.auth.create_first_admin("carla", "Carla Souza", "Souza-Lantern-9")
        assert first_admin.value.code == "contains_name"
    finally:
        other.close()
    with pytest.raises(PasswordPolicyError):  # the set-up wizard's and the CLI's first admin
        check_admin_account(AdminAccount("carla", "Carla Souza", "Carla-Lantern-9"))
    with pytest.raises(PasswordPolicyError) as demo:  # `shopfloor demo`: "Demo admin"
        check_demo_admin("boss", "Admin-Lantern-9")
    assert demo.value.code == "contains_name"
