"""The directory log against holes and second names on the share: every PC holding an entry
writes it back wherever it is missing, a writer never appends into a hole, and a hard-linked
entry is judged by what it holds (utils/trust/dirlog.py, dirlog_repair.py)."""

from __future__ import annotations

import json
import os

import pytest

from tests.utils.trust import test_directory_log
from tests.utils.trust.test_directory_log import SITE, Site, _user, op
from utils.trust import dirlog_repair
from utils.trust.dirlog import DirectoryUnavailable, make_entry

# The site root's and ana's keys, and a log started with ana (admin): entries 1 and 2.
root, ana, started = test_directory_log.root, test_directory_log.ana, test_directory_log.started


@pytest.fixture
def logged(started, ana):
    """ana (admin) has added bob and carl: entries 1 to 4."""
    site, directory = started
    for name in ("bob", "carl"):
        directory.append(op("person:ana", ana, "user.put", _user(name, "operator")))
    return site, directory


def _path(site, seq, folder=("directory", "log")):
    return site.share.joinpath(*folder, f"{seq:08d}.json")


def test_a_writer_never_appends_into_a_hole_a_later_entry_shows(logged, tmp_path, root, ana):
    """Entry 3 deleted, 4 still there: a PC that read only 1 and 2 would write its entry at 3
    and split the log. It writes nothing until a PC that holds 3 writes it back. A replay or
    junk above the log's end is no later entry: it holds up no writer."""
    site, directory = logged
    os.unlink(_path(site, 3))
    other = Site(tmp_path, "pc2")
    newcomer = other.log(root)
    dave = op("person:ana", ana, "user.put", _user("dave", "operator"))
    with pytest.raises(DirectoryUnavailable, match="entry 3 of the site directory is missing"):
        newcomer.append(dave)
    assert not _path(site, 3).exists()

    assert directory.refresh().healed == 1
    assert newcomer.append(dave) == 5
    assert directory.refresh().taken[0]["data"]["username"] == "dave"

    held = json.loads(_path(site, 2).read_text())
    _path(site, 7).write_text(json.dumps(make_entry(7, "0" * 64, held["op"])))  # a replay
    _path(site, 8).write_text("junk")
    erin = op("person:ana", ana, "user.put", _user("erin", "operator"))
    assert newcomer.append(erin) == 6
    other.database.dispose()


def test_an_entry_missing_far_below_the_head_comes_back_within_a_few_refreshes(logged,
                                                                              monkeypatch):
    """A refresh looks at its newest entries and, in turn, at the older ones: a hole far
    below the head is written back too, not only a lost tail."""
    monkeypatch.setattr(dirlog_repair, "HEAL_RECENT", 2)
    monkeypatch.setattr(dirlog_repair, "HEAL_ROTATE", 1)
    site, directory = logged
    os.unlink(_path(site, 1))
    healed = sum(directory.refresh().healed for _ in range(2))  # entries 1 and 2, in turn
    assert healed == 1 and _path(site, 1).exists()


def test_a_hard_link_gives_the_genuine_entry_a_second_name_it_is_kept(logged, tmp_path, root,
                                                                      ana):
    """`ln 00000003.json 00000004.json` on a share where 4 is free again: a reader that has
    not read 3 takes it for what it holds (whole and chained; its names change nothing); the
    name 4, which does not hold entry 4, is set aside alone; the admin's next entry lands at 4
    and is taken."""
    site, directory = logged
    os.unlink(_path(site, 4))  # (carl's entry lost, and nobody has refreshed yet)
    os.link(_path(site, 3), _path(site, 4))
    other = Site(tmp_path, "pc2")
    reader = other.log(root)
    refused = reader.refresh().refused
    assert reader.state.head_seq == 3 and "bob" in reader.state.users
    assert refused == ["entry 4: entry says it is number 3"]
    assert not _path(site, 3, ("quarantine", "directory")).exists()

    directory.refresh()  # the admin writes its entry 4 (carl) back into the free number
    reader.refresh()
    assert "carl" in reader.state.users
    directory.append(op("person:ana", ana, "user.put", _user("dave", "operator")))
    assert reader.refresh().taken[0]["data"]["username"] == "dave"
    other.database.dispose()


def test_an_unsigned_entry_planted_above_the_end_stops_no_writer(started, ana):
    """Anyone can write the share: a file shaped like an entry two numbers above the end,
    naming the site but signed by nobody, is no later entry (no PC holds the "hole" below it
    to write it back, so every writer would be stopped for good)."""
    site, directory = started  # entries 1 and 2
    head = directory.state.head_seq
    planted = site.share / "directory" / "log" / f"{head + 2:08d}.json"
    planted.write_text(json.dumps(make_entry(head + 2, "0" * 64,
                                             {"site_id": SITE, "anything": "no signature"})))
    assert directory.append(op("person:ana", ana, "user.put", _user("bob", "operator"))) \
        == head + 1
