"""The site's accounts are written into this PC's users table when the directory moved since
they were last written, also across starts: a start with the directory unchanged writes none
(a site with thousands of accounts paid seconds at every start); a change moves them all."""

from __future__ import annotations

from sqlalchemy import select, update

from config.constants import Role
from data import meta_repo, schema
from utils.context import AppContext
from utils.trust.site_accounts import PROJECTED_HEAD_KEY

from tests.utils.site.sitekit import add_user


def _full_name(ctx, username):
    with ctx.database.read() as connection:
        return connection.execute(select(schema.users.c.full_name).where(
            schema.users.c.username == username)).scalar_one()


def _edit_locally(ctx, username, full_name):
    """What no program path does: the local row made to differ from the directory, to see
    whether a projection writes it over."""
    with ctx.database.write() as connection:
        connection.execute(update(schema.users).where(schema.users.c.username == username)
                           .values(full_name=full_name))


def test_a_start_with_an_unchanged_directory_writes_no_account(site, tmp_path):
    station = site.station(tmp_path, "206")
    add_user(site, "joao", Role.OPERATOR)
    station.directory.refresh()
    assert _full_name(station, "joao") == "Joao"
    state = station.trust.state
    with station.database.read() as connection:
        assert meta_repo.get(connection, PROJECTED_HEAD_KEY) == \
            f"{state.head_seq}:{state.head_hash}"
    _edit_locally(station, "joao", "Edited Here")
    station.close()

    again = AppContext.open(tmp_path / "home-206")
    try:
        assert _full_name(again, "joao") == "Edited Here"  # not written: nothing moved
        add_user(site, "maria", Role.OPERATOR)  # the directory moves
        again.directory.refresh()
        assert _full_name(again, "joao") == "Joao"  # every account written again
        assert _full_name(again, "maria") == "Maria"
    finally:
        again.close()


def test_a_start_without_the_projected_head_writes_the_accounts(site, tmp_path):
    """A database kept before the head was (or with it lost): the first start writes every
    account, as every start did before."""
    station = site.station(tmp_path, "206")
    add_user(site, "joao", Role.OPERATOR)
    station.directory.refresh()
    _edit_locally(station, "joao", "Edited Here")
    with station.database.write() as connection:
        connection.execute(schema.meta_info.delete().where(
            schema.meta_info.c.key == PROJECTED_HEAD_KEY))
    station.close()
    again = AppContext.open(tmp_path / "home-206")
    try:
        assert _full_name(again, "joao") == "Joao"
    finally:
        again.close()
