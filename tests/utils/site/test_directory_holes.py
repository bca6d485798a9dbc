"""The site directory log on a hostile share: an entry deleted in the middle, a PC joining
while it is gone, and an entry given a second name by a hard link. Real admin PC and stations
on a tmp_path share, through the refresh they run (docs/architecture.md section 7)."""

from __future__ import annotations

import json
import os

import pytest

from config.constants import Role
from data import directory_repo
from tests.utils.site.sitekit import add_user
from utils.site.site_key import SiteError


def _entry(share, seq):
    return share / "directory" / "log" / f"{seq:08d}.json"


def _genuine_in_quarantine(site):
    """Names in the share's quarantine that hold the admin's verified entry of their number
    (none may: an entry that chains is never set aside)."""
    with site.admin.database.read() as connection:
        held = {seq: text for seq, _digest, text in directory_repo.log_entries(connection)}
    folder = site.share / "quarantine" / "directory"
    found = []
    for path in sorted(folder.glob("*.json")) if folder.exists() else []:
        document = json.loads(path.read_bytes())
        if document == json.loads(held.get(int(path.stem[:8]), "null")):
            found.append(path.name)
    return found


def _hole_after_two_users(site, station):
    """The admin adds olga and pete after the station read up to its head; the share loses
    olga's entry. Returns its number."""
    site.admin.directory.refresh()
    hole = station.trust.state.head_seq + 1
    add_user(site, "olga", Role.OPERATOR)
    add_user(site, "pete", Role.OPERATOR)
    os.unlink(_entry(site.share, hole))
    return hole


def test_an_entry_deleted_in_the_middle_comes_back_and_a_later_join_is_taken(site, tmp_path,
                                                                            closing):
    """`rm directory/log/00000005.json` below the head: the admin's next refresh writes it
    back, the station goes on to the later users, and a PC joining then lands after them."""
    station = site.station(tmp_path, "206")
    closing.append(station)
    hole = _hole_after_two_users(site, station)

    site.admin.directory.refresh()
    station.directory.refresh()
    assert _entry(site.share, hole).exists()
    assert {"olga", "pete"} <= set(station.trust.state.users)

    late = site.station(tmp_path, "207")
    closing.append(late)
    for ctx in (site.admin, station):
        report = ctx.trust.directory.refresh()
        assert report.fork is None and report.refused == []
        assert ctx.trust.state.member("207") is not None
    assert {"olga", "pete"} <= set(late.trust.state.users)
    assert _genuine_in_quarantine(site) == []


def test_a_join_never_writes_into_a_hole_and_is_taken_once_it_is_filled(site, tmp_path,
                                                                         closing):
    """A PC joining while entry 5 is gone (and 6 is there) would write its certification at 5
    and split the log: the station would set the admin's genuine entry 6 aside, the admin would
    never take the newcomer. It writes nothing and says why; once a PC holding entry 5 has
    refreshed, the join lands after the head and every PC takes it."""
    station = site.station(tmp_path, "206")
    closing.append(station)
    hole = _hole_after_two_users(site, station)

    with pytest.raises(SiteError, match=f"entry {hole} of the site directory is missing"):
        site.station(tmp_path, "207")
    assert not _entry(site.share, hole).exists()

    site.admin.directory.refresh()  # the admin holds entry 5: written back
    late = site.station(tmp_path, "207")
    closing.append(late)
    assert late.trust.state.member("207").certified_seq > hole + 1
    for ctx in (site.admin, station):
        report = ctx.trust.directory.refresh()
        assert report.fork is None and report.refused == []
        assert ctx.trust.state.member("207") is not None
        assert {"olga", "pete"} <= set(ctx.trust.state.users)
    assert _genuine_in_quarantine(site) == []


def test_a_hard_link_at_the_next_number_is_set_aside_alone_and_the_next_user_arrives(site,
                                                                                    tmp_path,
                                                                                    closing):
    """`ln 00000004.json 00000005.json`: the name 5 does not hold entry 5 (it says 4), so that
    name alone is set aside; entry 4 stays, and the admin's next user lands at 5 and reaches
    the station."""
    station = site.station(tmp_path, "206")
    closing.append(station)
    site.admin.directory.refresh()
    head = station.trust.state.head_seq
    os.link(_entry(site.share, head), _entry(site.share, head + 1))

    station.directory.refresh()
    site.admin.directory.refresh()
    add_user(site, "olga", Role.OPERATOR)
    assert site.admin.trust.directory.pending() == 0  # published, not kept back
    station.directory.refresh()

    assert "olga" in station.trust.state.users
    assert json.loads(_entry(site.share, head).read_bytes())["seq"] == head  # kept
    assert json.loads(_entry(site.share, head + 1).read_bytes())["seq"] == head + 1
    assert _genuine_in_quarantine(site) == []
    reason = site.share / "quarantine" / "directory" / f"{head + 1:08d}.json.reason"
    assert f"entry says it is number {head}" in reason.read_text()


def test_a_second_name_of_the_newest_entry_stops_no_join(site, tmp_path, closing):
    """`ln 00000007.json elsewhere` on the share, the newest entry: a PC joining afterwards
    reads it anew, with two names, for every one of its attempts. The entry is whole and
    chains, so it is taken for what it holds, and the join lands after it (it waited a few
    seconds for the second name to go, and every join failed as 'busy' however long ago the
    link was made)."""
    site.admin.directory.refresh()
    newest = site.admin.trust.state.head_seq
    os.link(_entry(site.share, newest), site.share / "directory" / f"copy-{newest}.json")

    late = site.station(tmp_path, "207")
    closing.append(late)
    assert late.trust.state.member("207") is not None
    assert late.trust.state.head_seq > newest
    assert json.loads(_entry(site.share, newest).read_bytes())["seq"] == newest  # kept
    assert _genuine_in_quarantine(site) == []
    site.admin.directory.refresh()
    assert site.admin.trust.state.member("207") is not None
