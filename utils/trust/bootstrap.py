"""Putting accounts that exist already into a new site directory (a PC with accounts that
creates a site, or a site upgraded from the old shared key).

The root certifies one admin, who types their password here (their key is made and sealed
under it); that admin's key then certifies every other account as it is, *without* a signing
key: nobody else's password is known here. Operators and analysts never sign anything; a
supervisor or another admin gets a key when an admin resets their password (the new password
comes with a new key) — `accounts_without_keys` lists them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass

from config.constants import Role
from data import users_repo
from utils.passwords import check_password
from utils.trust.crypto import SigningKeyPair
from utils.trust.directory_state import ROOT

if TYPE_CHECKING:
    from utils.context import AppContext


class BootstrapError(RuntimeError):
    pass


@dataclass(frozen=True)
class BootstrapReport:
    certified: list[str]
    without_keys: list[str]  # supervisors and admins who need a password reset to sign


def certify_existing_accounts(ctx: "AppContext", admin: str, password: str,
                              root: SigningKeyPair | None) -> BootstrapReport:
    """Certify `admin` with the root and every other local account with that admin's key."""
    accounts = ctx.directory
    if accounts is None or root is None:
        raise BootstrapError("this PC is not a certified member of a site with its root at hand")
    with ctx.database.read() as connection:
        rows = {user.username: users_repo.get_with_hash_row(connection, user.username)
                for user in users_repo.list_all(connection)}
    row = rows.get(admin)
    if row is None or not row["active"] or row["role"] != str(Role.ADMIN):
        raise BootstrapError(f"{admin} is not an active admin on this PC")
    if not check_password(password, row["password_hash"]):
        raise BootstrapError(f"wrong password for {admin}; nothing was changed")
    public_key, sealed = accounts.new_key(admin, password)
    admin_row = {**row, "public_key": public_key, "sealed_key": sealed}
    accounts.directory.append(accounts.user_op(root, ROOT, admin_row))
    signer = accounts.open_key(admin, sealed, password)
    assert signer is not None
    name = accounts.trust.person_name(admin)
    certified = [admin]
    for username, other in sorted(rows.items()):
        if username == admin or other is None:
            continue
        accounts.directory.append(accounts.user_op(signer, name, {
            **other, "public_key": None, "sealed_key": None}))
        certified.append(username)
    accounts.project()
    return BootstrapReport(certified, accounts_without_keys(ctx))


def accounts_without_keys(ctx: "AppContext") -> list[str]:
    """Active supervisors, quality people and admins of the site with no certified signing
    key (they sign corrections, releases or commands)."""
    state = ctx.trust.state
    return sorted(name for name, person in state.users.items()
                  if person.active and person.public_key is None
                  and person.role in (Role.SUPERVISOR, Role.QUALITY, Role.ADMIN))
