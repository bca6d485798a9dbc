"""A self-verifying archive of a period, checked on a PC with no site.

A real site on a tmp_path share: station 206 registers boxes and its journal is written by the
product's writer; the office PC's admin archives a period; `verify-archive` checks it in a
fresh home that belongs to no site. Then the archive is altered the ways someone holding the
file could, each caught and named.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from config.constants import Role
from config.settings import Settings
from utils.backup.archive import ArchiveError, make_archive
from utils.backup.archive_check import verify_archive
from utils.clock import ManualClock
from utils.context import AppContext
from utils.permissions import PermissionDenied
from utils.site.journal import JournalWriter
from utils.trust.crypto import SigningKeyPair

from tests.utils.site.sitekit import ADMIN_PW, make_site, site_layout

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}


@pytest.fixture
def archived(tmp_path):
    site = make_site(tmp_path)
    station = site.station(tmp_path, "206")
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-1",
                                "operator for machine 206")
    site.admin.auth.create_user(admin, "lia", "Lia", Role.ANALYST, "Initial-Pass-2",
                                "quality analyst")
    station.directory.refresh()
    operator = station.auth.login("op", "Initial-Pass-1").session
    station.production.set_lot(operator, "L1", 100)
    for _ in range(6):
        station.production.register_box(operator, FORM)
    writer = JournalWriter(station.database, site_layout(site.share).station("206").ensure(),
                           station.anchor, station.trust.pc_key)
    while writer.sync():
        pass
    now = datetime.now(timezone.utc)
    out = tmp_path / "archive-2026-11.zip"
    manifest = make_archive(site.admin, admin, now - timedelta(hours=1), now + timedelta(hours=1),
                            out)
    yield site, admin, out, manifest
    site.admin.close()
    station.close()


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite(path: Path, files: dict[str, bytes], *, fix_manifest: bool = True) -> None:
    """Write the archive again with `files`; with `fix_manifest`, the manifest's checksums
    follow (what someone rewriting the whole file would do; its signature then breaks)."""
    if fix_manifest:
        manifest = json.loads(files["manifest.json"])
        manifest["files"] = {name: {"sha256": hashlib.sha256(data).hexdigest(),
                                    "bytes": len(data)}
                             for name, data in files.items() if name != "manifest.json"}
        files["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)


def journal_lines(files: dict[str, bytes]) -> list[dict]:
    return [json.loads(line) for line in files["journals/206.jsonl"].splitlines()]


def put_lines(files: dict[str, bytes], lines: list[dict]) -> None:
    files["journals/206.jsonl"] = b"".join(json.dumps(line).encode() + b"\n" for line in lines)


# --- what an archive holds and proves ------------------------------------------------------------

def test_the_archive_verifies_with_everything_it_needs_inside(archived):
    site, admin, out, manifest = archived
    report = verify_archive(out)
    assert report.ok, report.problems
    assert report.sealed
    assert manifest["stations"]["206"]["records"] == 6
    text = "\n".join(report.lines)
    assert "certified by the site root" in text and "manifest signed by the PC of station " \
        "office1: verified" in text
    assert "records.csv: 6 record versions" in text
    files = members(out)
    assert set(files) == {"manifest.json", "keys.json", "records.csv", "journals/206.jsonl"}
    assert b"password_hash" not in files["keys.json"] and b"sealed_key" not in files["keys.json"]
    from data import audit_repo

    with site.admin.database.read() as connection:
        assert audit_repo.list_events(connection, action="archive.made")[-1]["username"] == "ana"


def test_verify_archive_on_a_pc_in_no_site(archived, tmp_path, shopfloor):
    site, admin, out, manifest = archived
    fresh = tmp_path / "inspector-pc"
    result = shopfloor(fresh, "verify-archive", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "archive INTACT" in result.stdout
    assert "site root key fingerprint ed25519:" in result.stdout
    assert not (fresh / "data" / "shopfloor.sqlite3").exists()  # no database was made


def test_only_a_person_allowed_to_archive_makes_one(archived, tmp_path):
    site, admin, out, manifest = archived
    site.admin.auth.change_password("lia", "Initial-Pass-2", "Lynx-Own-Pass-77")
    analyst = site.admin.auth.login("lia", "Lynx-Own-Pass-77").session
    now = datetime.now(timezone.utc)
    with pytest.raises(PermissionDenied):
        make_archive(site.admin, analyst, now - timedelta(hours=1), now, tmp_path / "x.zip")
    with pytest.raises(ArchiveError, match="ends before it starts"):
        make_archive(site.admin, admin, now, now - timedelta(hours=1), tmp_path / "y.zip")
    assert not (tmp_path / "x.zip").exists() and not (tmp_path / "y.zip").exists()


# --- what is caught ----------------------------------------------------------------------------

def test_a_file_changed_without_its_manifest_is_caught(archived):
    site, admin, out, manifest = archived
    files = members(out)
    files["records.csv"] = files["records.csv"].replace(b"4.42", b"9.99", 1)
    rewrite(out, files, fix_manifest=False)
    report = verify_archive(out)
    assert not report.ok and "records.csv differs from the checksum in the manifest" in \
        report.problems


def test_records_changed_with_the_manifest_rewritten_are_caught(archived):
    site, admin, out, manifest = archived
    files = members(out)
    files["records.csv"] = files["records.csv"].replace(b"4.42", b"9.99", 1)
    rewrite(out, files)
    report = verify_archive(out)
    assert not report.ok
    assert "records.csv is not what the archived events say" in report.problems
    assert "the manifest's signature does not verify" in report.problems


def test_an_event_changed_in_the_journal_is_named(archived):
    site, admin, out, manifest = archived
    files = members(out)
    lines = journal_lines(files)
    event = next(line for line in lines if line.get("kind") == "event"
                 and '"record.create"' in line["body"])
    event["body"] = event["body"].replace('"cam_d":4.42', '"cam_d":9.99')
    put_lines(files, lines)
    rewrite(out, files)
    report = verify_archive(out)
    assert not report.ok
    assert any(f"event {event['seq']} (modified)" in problem for problem in report.problems)


def test_a_journal_recomputed_without_the_key_fails_its_seals(archived):
    site, admin, out, manifest = archived
    files = members(out)
    lines = journal_lines(files)
    previous = None
    for line in lines:
        if line.get("kind") != "event":
            continue
        if previous is not None:
            line["prev"] = previous
        if '"record.create"' in line["body"] and previous is None:
            line["body"] = line["body"].replace('"cam_d":4.42', '"cam_d":9.99')
            previous = hashlib.sha256(bytes.fromhex(line["prev"]) +
                                      line["body"].encode()).hexdigest()
            line["hash"] = previous
        elif previous is not None:
            line["hash"] = hashlib.sha256(bytes.fromhex(line["prev"]) +
                                          line["body"].encode()).hexdigest()
            previous = line["hash"]
    put_lines(files, lines)
    rewrite(out, files)
    report = verify_archive(out)
    assert not report.ok and any("(forged)" in problem for problem in report.problems)


def test_a_key_the_root_never_certified_is_refused(archived):
    """An attacker swaps in their own PC key, a certificate they signed themselves, and seals
    made with it: the root's signature is what they cannot make."""
    site, admin, out, manifest = archived
    files = members(out)
    keys = json.loads(files["keys.json"])
    mine = SigningKeyPair.generate()
    certificate = dict(keys["stations"]["206"][0]["certificate"])
    certificate["data"] = {**certificate["data"], "public_key": mine.public.hex}
    certificate = mine.sign_document(certificate)
    keys["stations"]["206"] = [{"key_id": mine.key_id, "public_key": mine.public.hex,
                                "certificate": certificate}]
    files["keys.json"] = json.dumps(keys).encode()
    lines = journal_lines(files)
    for line in lines:
        if line.get("kind") == "seal":
            body = {k: v for k, v in line.items() if k != "sig"}
            body["key_id"] = mine.key_id
            line.clear()
            line.update(mine.sign_document(body))
    put_lines(files, lines)
    rewrite(out, files)
    report = verify_archive(out)
    assert not report.ok
    assert any("is not certified (the root's signature does not verify)" in problem
               for problem in report.problems)


@pytest.mark.parametrize("name", ["../outside.txt", "/etc/passwd-copy", "extra.txt"])
def test_a_member_not_in_the_manifest_or_not_a_plain_name_is_refused(archived, name):
    site, admin, out, manifest = archived
    files = members(out)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(name, b"planted")
    report = verify_archive(out)
    assert not report.ok
    assert any(name in problem for problem in report.problems), report.problems
    assert files  # the original members are untouched


def test_not_an_archive_at_all(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(os.urandom(4096))
    report = verify_archive(junk)
    assert not report.ok and "not a readable archive" in report.problems[0]


# --- a PC in no site -------------------------------------------------------------------------

def test_a_pc_in_no_site_archives_its_own_chain_unsealed(tmp_path, monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4, raising=False)
    clock = ManualClock()
    ctx = AppContext.open(tmp_path / "home", clock=clock, settings=Settings(station_id="206"))
    try:
        ctx.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW)
        admin = ctx.auth.login("ana", ADMIN_PW).session
        ctx.production.set_lot(admin, "L1", 10)
        for _ in range(3):
            clock.advance(minutes=5)
            ctx.production.register_box(admin, FORM)
        out = tmp_path / "local.zip"
        make_archive(ctx, admin, clock.now() - timedelta(hours=1), clock.now() + timedelta(
            minutes=1), out)
    finally:
        ctx.close()
    report = verify_archive(out)
    assert report.ok and not report.sealed, report.problems
    assert any("cannot be proven from this archive alone" in line for line in report.lines)
    assert "records.csv: 3 record versions, each what its event says" in report.lines
    files = members(out)
    files["records.csv"] = files["records.csv"].replace(b"4.42", b"1.11", 1)
    rewrite(out, files)
    assert not verify_archive(out).ok
