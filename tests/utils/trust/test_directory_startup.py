"""A member PC's start-up trusts its own verified copy of the directory log up to the head it
stored with it, and checks no signature of it again; a copy that does not lead to that head
is checked in full (a damaged entry stops the trust there); the share is still checked in full
(a fork is refused after such a start as before)."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import update

from data import meta_repo, schema
from utils.trust import crypto
from utils.trust.crypto import SigningKeyPair
from utils.trust.directory_state import ROOT
from utils.trust.dirlog import VERIFIED_HEAD_KEY, DirectoryLog, make_entry

from tests.utils.trust.test_directory_log import Site, _user, op


@pytest.fixture
def signature_checks(monkeypatch):
    """Counts the Ed25519 checks of directory operations (the real check still runs)."""
    calls = []
    real = crypto.PublicKey.verify_document

    def counting(self, document):
        calls.append(document.get("op"))
        return real(self, document)

    monkeypatch.setattr(crypto.PublicKey, "verify_document", counting)
    return calls


@pytest.fixture
def member(tmp_path):
    """A PC that verified and kept a log of 6 entries (genesis, ana, bob, carl, a PC, bob
    again)."""
    root, ana = SigningKeyPair.generate(), SigningKeyPair.generate()
    site = Site(tmp_path)
    directory = site.log(root)
    directory.start(op(ROOT, root, "site.genesis", {"root_public_key": root.public.hex}))
    directory.append(op(ROOT, root, "user.put", _user("ana", key=ana)))
    directory.append(op("person:ana", ana, "user.put", _user("bob", "operator")))
    directory.append(op("person:ana", ana, "user.put", _user("carl", "supervisor")))
    directory.append(op("person:ana", ana, "pc.certify", {
        "station": "206", "kind": "production",
        "public_key": SigningKeyPair.generate().public.hex, "host": "PROD-206"}))
    directory.append(op("person:ana", ana, "user.put",
                        _user("bob", "operator", version=2, active=False)))
    yield site, root, ana, directory
    site.database.dispose()


def _head(site):
    with site.database.read() as connection:
        return json.loads(meta_repo.get(connection, VERIFIED_HEAD_KEY))


def _summary(state):
    return (state.head_seq, state.head_hash, sorted(state.users), state.active_admins(),
            state.active_person("bob"), sorted(state.pcs))


def test_each_kept_entry_moves_the_verified_head_with_it(member):
    site, _root, _ana, directory = member
    assert _head(site) == {"site_id": "site-1", "seq": 6, "hash": directory.state.head_hash}


def test_a_start_checks_no_signature_of_its_own_verified_copy(member, signature_checks):
    site, root, _ana, directory = member
    again = site.log(root)
    assert signature_checks == []
    assert _summary(again.state) == _summary(directory.state)
    assert again.state.active_person("bob") is None and "206" in again.state.pcs


def test_a_copy_without_a_head_is_checked_in_full_once_then_trusted(member, signature_checks):
    site, root, _ana, directory = member
    with site.database.write() as connection:
        connection.execute(schema.meta_info.delete().where(
            schema.meta_info.c.key == VERIFIED_HEAD_KEY))  # a database kept before heads
    again = site.log(root)
    assert len(signature_checks) == 6  # every operation, as every start did before
    assert _summary(again.state) == _summary(directory.state)
    assert _head(site)["seq"] == 6
    signature_checks.clear()
    third = site.log(root)
    assert signature_checks == [] and _summary(third.state) == _summary(directory.state)


def test_a_head_another_copy_does_not_reach_makes_the_start_check_in_full(
        member, signature_checks, caplog):
    site, root, _ana, directory = member
    with site.database.write() as connection:
        meta_repo.put(connection, VERIFIED_HEAD_KEY, json.dumps(
            {"site_id": "site-1", "seq": 6, "hash": "0" * 64}))
    with caplog.at_level(logging.ERROR, logger="utils.trust.dirlog"):
        again = site.log(root)
    assert "does not lead to the head it verified" in caplog.text
    assert len(signature_checks) == 6
    assert _summary(again.state) == _summary(directory.state)
    assert _head(site)["hash"] == directory.state.head_hash  # the true head stored again


def test_an_entry_changed_in_this_pcs_database_is_not_trusted(member, signature_checks, caplog):
    """Someone edits bob's deactivation in the database (he is active again there): its hash
    no longer leads to the head, so every signature is checked, and the edited operation's
    fails: the state stops before it, and the share is read again from there."""
    site, root, _ana, _directory = member
    with site.database.read() as connection:
        text = connection.execute(schema.directory_log.select().where(
            schema.directory_log.c.seq == 6)).one().entry
    entry = json.loads(text)
    entry["op"]["data"]["active"] = True
    with site.database.write() as connection:
        connection.execute(update(schema.directory_log).where(
            schema.directory_log.c.seq == 6).values(entry=json.dumps(entry)))
    with caplog.at_level(logging.ERROR, logger="utils.trust.dirlog"):
        again = site.log(root)
    assert "damaged at entry 6" in caplog.text
    assert again.state.head_seq == 5 and again.state.active_person("bob") is not None
    assert len(signature_checks) == 6


def test_a_fork_on_the_share_is_still_refused_after_a_trusting_start(member):
    """The share's log rolled back to entry 4 and continued with another entry 5: a PC that
    started from its own copy (no signature checked again) still sees the fork, keeps its
    own entries and does not take the other's."""
    site, root, ana, directory = member
    folder = site.share / "directory" / "log"
    for seq in (5, 6):
        (folder / f"{seq:08d}.json").unlink()
    other = make_entry(5, _hash_of_entry(folder / "00000004.json"),
                       op("person:ana", ana, "user.put", _user("dave", "operator")))
    (folder / "00000005.json").write_text(json.dumps(other))
    restarted = site.log(root)
    report = restarted.refresh()
    assert report.fork is not None and "entry 5" in report.fork
    assert "dave" not in restarted.state.users
    assert restarted.state.head_hash == directory.state.head_hash


def _hash_of_entry(path):
    from utils.trust.directory_state import entry_hash

    return entry_hash(json.loads(path.read_text()))
