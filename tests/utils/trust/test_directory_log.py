"""The signed directory log: who may sign what, replay refused, junk quarantined, rollback healed."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone

import pytest

from data.database import open_database
from utils.clock import ManualClock
from utils.site.folder_store import FolderSiteStore
from utils.trust.crypto import SigningKeyPair
from utils.trust.directory_state import ROOT, OpRefused
from utils.trust.dirlog import DirectoryLog, make_entry, make_op

SITE = "site-1"
T0 = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)


def _user(username, role="admin", version=1, key=None, active=True, password_hash="h",
          must_change=False):
    return {"username": username, "full_name": username.title(), "role": role, "active": active,
            "must_change_password": must_change, "badge_id": None, "password_hash": password_hash,
            "version": version, "public_key": None if key is None else key.public.hex,
            "sealed_key": None if key is None else {"public_key": key.public.hex}}


class Site:
    def __init__(self, tmp_path, name="pc1"):
        self.share = tmp_path / "share"
        (self.share).mkdir(exist_ok=True)
        (self.share / "shopfloor-site.json").write_text("{}")
        self.clock = ManualClock(T0)
        self.store = FolderSiteStore(self.share)
        self.database = open_database(tmp_path / f"{name}.sqlite3")

    def log(self, root):
        return DirectoryLog(self.store, self.database, site_id=SITE, root=root.public,
                            clock=self.clock)


def op(signer_name, key, name, data, at=T0):
    return make_op(signer_name, key, SITE, name, data, at)


@pytest.fixture
def root():
    return SigningKeyPair.generate()


@pytest.fixture
def ana():
    return SigningKeyPair.generate()


@pytest.fixture
def started(tmp_path, root, ana):
    site = Site(tmp_path)
    directory = site.log(root)
    directory.start(op(ROOT, root, "site.genesis", {"root_public_key": root.public.hex}))
    directory.append(op(ROOT, root, "user.put", _user("ana", key=ana)))
    yield site, directory
    site.database.dispose()


def test_genesis_then_first_admin_by_the_root(started, ana):
    _site, directory = started
    state = directory.state
    assert state.head_seq == 2
    assert state.person_key("ana") == ana.public
    assert state.active_admins() == ["ana"]


def test_the_root_certifies_only_the_first_admin(started, root):
    _site, directory = started
    with pytest.raises(OpRefused, match="first admin"):
        directory.append(op(ROOT, root, "user.put", _user("eve")))


def test_an_admin_creates_a_supervisor_and_the_supervisor_cannot_create_anyone(started, ana):
    _site, directory = started
    bob = SigningKeyPair.generate()
    directory.append(op("person:ana", ana, "user.put", _user("bob", "supervisor", key=bob)))
    assert directory.state.users["bob"].role == "supervisor"
    with pytest.raises(OpRefused, match="only an admin"):
        directory.append(op("person:bob", bob, "user.put", _user("eve", "admin")))


def test_a_person_changes_only_their_own_password(started, ana):
    _site, directory = started
    bob = SigningKeyPair.generate()
    directory.append(op("person:ana", ana, "user.put", _user("bob", "supervisor", key=bob,
                                                              must_change=True)))
    directory.append(op("person:bob", bob, "user.put",
                        _user("bob", "supervisor", version=2, key=bob, password_hash="new")))
    assert directory.state.users["bob"].password_hash == "new"
    with pytest.raises(OpRefused, match="own password"):
        directory.append(op("person:bob", bob, "user.put",
                            _user("bob", "admin", version=3, key=bob, password_hash="new")))


def test_an_old_signed_operation_put_back_is_refused(started, ana):
    _site, directory = started
    bob = SigningKeyPair.generate()
    create = op("person:ana", ana, "user.put", _user("bob", "supervisor", key=bob))
    directory.append(create)
    directory.append(op("person:ana", ana, "user.put",
                        _user("bob", "supervisor", version=2, key=bob, active=False)))
    with pytest.raises(OpRefused, match="version 1 where 3"):
        directory.append(create)  # the reactivating replay
    assert directory.state.active_person("bob") is None


def test_a_forged_signature_and_a_foreign_site_are_refused(started, ana):
    _site, directory = started
    mallory = SigningKeyPair.generate()
    with pytest.raises(OpRefused, match="bad signature"):
        directory.append(op("person:ana", mallory, "user.put", _user("eve", "admin")))
    other = make_op("person:ana", ana, "another-site", "user.put", _user("eve", "admin"), T0)
    with pytest.raises(OpRefused, match="another site"):
        directory.append(other)


def test_the_last_admin_cannot_be_deactivated(started, ana):
    _site, directory = started
    with pytest.raises(OpRefused, match="last active admin"):
        directory.append(op("person:ana", ana, "user.put",
                            _user("ana", version=2, key=ana, active=False)))


def test_pc_certified_once_takeover_must_say_so_and_revoked_key_stays_revoked(started, root, ana):
    _site, directory = started
    pc1, pc2 = SigningKeyPair.generate(), SigningKeyPair.generate()
    certify = {"station": "201", "kind": "production", "public_key": pc1.public.hex, "host": "a"}
    directory.append(op(ROOT, root, "pc.certify", certify))
    assert directory.state.member("201").public_key == pc1.public
    second = {**certify, "public_key": pc2.public.hex, "host": "b"}
    with pytest.raises(OpRefused, match="takeover"):
        directory.append(op(ROOT, root, "pc.certify", second))
    directory.append(op("person:ana", ana, "pc.certify", {**second, "takeover": True}))
    assert directory.state.member("201").public_key == pc2.public
    assert directory.state.pc_keys[pc1.key_id].revoked_seq is not None
    with pytest.raises(OpRefused, match="certified before"):
        directory.append(op(ROOT, root, "pc.certify", {**certify, "takeover": True}))


def test_another_pc_reads_the_same_state_and_junk_is_quarantined(started, tmp_path, root, ana):
    site, directory = started
    # A share writer without keys drops junk and a forged entry at the next number.
    nxt = site.share / "directory" / "log" / "00000003.json"
    nxt.write_bytes(json.dumps(make_entry(3, directory.state.head_hash,
                                          op("person:ana", SigningKeyPair.generate(), "user.put",
                                             _user("eve", "admin")))).encode())
    other = Site(tmp_path, "pc2")
    reader = other.log(root)
    report = reader.refresh()
    assert reader.state.head_seq == 2 and "eve" not in reader.state.users
    assert report.refused and "bad signature" in report.refused[0]
    assert not nxt.exists()
    assert list((site.share / "quarantine" / "directory").glob("00000003.json*"))
    # The slot is free again for a real writer.
    directory.append(op("person:ana", ana, "user.put", _user("bob", "operator")))
    assert reader.refresh().taken[0]["data"]["username"] == "bob"
    other.database.dispose()


def test_a_rolled_back_share_is_healed_from_a_pc_that_saw_more(started, tmp_path, root, ana):
    site, directory = started
    directory.append(op("person:ana", ana, "user.put", _user("bob", "operator")))
    directory.append(op("person:ana", ana, "user.put", _user("bob", "operator", version=2,
                                                              active=False)))
    log_folder = site.share / "directory" / "log"
    for seq in (3, 4):  # the attacker removes the tail (bob's creation and deactivation)
        (log_folder / f"{seq:08d}.json").unlink()
    report = directory.refresh()
    assert report.healed == 2
    newcomer = Site(tmp_path, "pc3")
    fresh = newcomer.log(root)
    fresh.refresh()
    assert not fresh.state.users["bob"].active
    newcomer.database.dispose()


def test_state_survives_restart_without_the_share(started, tmp_path, root):
    site, directory = started
    again = DirectoryLog(site.store, site.database, site_id=SITE, root=root.public,
                         clock=site.clock)
    assert again.state.head_seq == 2 and again.state.active_admins() == ["ana"]


def test_an_unlock_moves_forward_only(started, ana):
    _site, directory = started
    later = (T0 + timedelta(minutes=5)).isoformat()
    directory.append(op("person:ana", ana, "user.unlock", {"username": "ana", "unlocked_at": later}))
    with pytest.raises(OpRefused, match="no later"):
        directory.append(op("person:ana", ana, "user.unlock", {"username": "ana",
                                                                "unlocked_at": later}))


def test_catalog_versions_only_grow(started, ana):
    _site, directory = started
    directory.append(op("person:ana", ana, "catalog.publish", {"version": 2, "catalog": {"a": 1}}))
    with pytest.raises(OpRefused, match="not newer"):
        directory.append(op("person:ana", ana, "catalog.publish", {"version": 2, "catalog": {}}))
    assert directory.state.catalog == {"a": 1}


def test_a_takeover_records_the_retired_pcs_journal_heads_and_only_well_formed_ones(started,
                                                                                     root):
    """What the old PC had sealed is part of the signed takeover: kept on its retired key; a
    malformed record (a folder that is no journal's, a seq that is no event's, a hash that is
    no hash) or one on a certification that takes nothing over is refused."""
    _site, directory = started
    pc1, pc2 = SigningKeyPair.generate(), SigningKeyPair.generate()
    certify = {"station": "201", "kind": "production", "public_key": pc1.public.hex, "host": "a"}
    head = {"seq": 7, "hash": "ab" * 32}
    with pytest.raises(OpRefused, match="belong to a takeover"):
        directory.append(op(ROOT, root, "pc.certify",
                            {**certify, "retired_heads": {"journal": head}}))
    directory.append(op(ROOT, root, "pc.certify", certify))
    second = {**certify, "public_key": pc2.public.hex, "host": "b", "takeover": True}
    for bad, why in (({"../journal": head}, "names no journal folder"),
                     ({"journal-XYZ": head}, "names no journal folder"),
                     ({"journal": {"seq": 0, "hash": "ab" * 32}}, "not an event's"),
                     ({"journal": {"seq": 7, "hash": "zz" * 32}}, "not an event's"),
                     ({"journal": {"seq": True, "hash": "ab" * 32}}, "not an event's"),
                     (["journal"], "small map")):
        with pytest.raises(OpRefused, match=why):
            directory.append(op(ROOT, root, "pc.certify", {**second, "retired_heads": bad}))
    directory.append(op(ROOT, root, "pc.certify", {**second, "retired_heads": {
        "journal": head, "journal-0123456789abcdef": {"seq": 3, "hash": "cd" * 32}}}))
    retired = directory.state.pc_keys[pc1.key_id]
    assert retired.superseded and retired.retired_heads == (
        ("journal", 7, "ab" * 32), ("journal-0123456789abcdef", 3, "cd" * 32))


def test_an_empty_entry_planted_at_the_next_number_is_waited_for_then_set_aside(started, ana):
    """An empty file where the next entry belongs read as "a writer mid-create" for ever, and
    every append found the number taken: one empty file stopped every account change and
    every PC's join. Now it is waited for a few seconds, then set aside like any junk."""
    site, directory = started
    planted = site.share / "directory" / "log" / "00000003.json"
    planted.write_bytes(b"")
    assert directory.refresh().refused == []  # never thrown out on first sight
    bob = op("person:ana", ana, "user.put", _user("bob", "operator"))
    assert directory.submit(bob) is None  # the number is held: kept on this PC for now
    assert planted.exists() and directory.pending() == 1
    site.clock.advance(seconds=5)  # it stayed empty through repeated reads and some seconds
    assert directory.refresh().refused == ["entry 3: unreadable: empty"]
    assert (site.share / "quarantine" / "directory" / "00000003.json.reason").exists()
    assert directory.flush_outbox() == []
    assert directory.state.users["bob"].role == "operator"
    assert json.loads(planted.read_text())["op"]["data"]["username"] == "bob"


def test_an_entry_with_a_second_name_for_a_moment_is_taken_not_thrown_out(started, tmp_path,
                                                                          root, ana):
    """A write-once create links its complete temp file to the entry's name, then removes the
    temp name: a reader in between sees a file with two names. That is a writer mid-create,
    not junk, and the entry is whole: it is taken at once, its names left as they are."""
    site, directory = started
    directory.append(op("person:ana", ana, "user.put", _user("bob", "operator")))
    entry = site.share / "directory" / "log" / "00000003.json"
    second = site.share / "directory" / "log" / ".00000003.json.tmp"
    os.link(entry, second)
    other = Site(tmp_path, "pc2")
    reader = other.log(root)
    report = reader.refresh()
    assert report.refused == [] and report.taken[-1]["data"]["username"] == "bob"
    assert reader.state.head_seq == 3 and entry.exists() and second.exists()
    other.database.dispose()
