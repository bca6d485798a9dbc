"""The share's file-system seam on real folders: every kind of link, device-like file and path
trick is refused, at every component, with both strategies (descriptors where the OS has
them, lstat checks as on Windows), and the ordinary operations still work."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest

from utils.site.share_fs import DIR_FD_WORKS, ShareFS, ShareRefused

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt",
                                reason="POSIX links and FIFOs")

STRATEGIES = [pytest.param(False, id="dir_fd", marks=pytest.mark.skipif(
    not DIR_FD_WORKS, reason="no dir_fd here")), pytest.param(True, id="portable")]


@pytest.fixture(params=STRATEGIES)
def share(tmp_path, request) -> ShareFS:
    root = tmp_path / "share"
    (root / "stations" / "206" / "inbox").mkdir(parents=True)
    return ShareFS(root, portable=request.param)


@pytest.fixture
def private(tmp_path) -> Path:
    """A folder of the station PC that must never be touched through the share."""
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "secret.json").write_bytes(b'{"secret": 1}')
    (folder / ".bashrc").write_bytes(b"echo hello\n")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_plain_files_and_folders_work(share):
    station = share.root / "stations" / "206"
    share.mkdirs(station / "acks")
    share.write_atomic(station / "status.json", b"one")
    share.write_atomic(station / "status.json", b"two")
    assert share.read_bytes(station / "status.json", max_bytes=10)[0] == b"two"
    share.create_once(station / "acks" / "a.json", b"ack")
    with pytest.raises(FileExistsError):
        share.create_once(station / "acks" / "a.json", b"again")
    assert share.append(station / "j.jsonl", b"line 1\n") == 0
    assert share.append(station / "j.jsonl", b"line 2\n") == 7
    share.truncate(station / "j.jsonl", 7)
    assert (station / "j.jsonl").read_bytes() == b"line 1\n"
    share.rename(station / "j.jsonl", station / "inbox" / "moved.jsonl")
    names = {entry.name: entry for entry in share.scandir(station)}
    assert {"inbox", "acks", "status.json"} <= set(names) and names["inbox"].is_dir
    assert names["status.json"].is_file
    share.unlink(station / "inbox" / "moved.jsonl")
    assert not share.exists(station / "inbox" / "moved.jsonl")
    assert share.identity(station / "inbox") == (os.stat(station / "inbox").st_dev,
                                                 os.stat(station / "inbox").st_ino)
    assert sorted(os.listdir(station)) == ["acks", "inbox", "status.json"]  # no temp left


def test_read_returns_one_byte_more_than_allowed_to_show_the_excess(share):
    path = share.root / "stations" / "x.json"
    path.write_bytes(b"12345")
    assert share.read_bytes(path, max_bytes=5)[0] == b"12345"
    assert share.read_bytes(path, max_bytes=4)[0] == b"12345"
    assert share.read_bytes(path, max_bytes=3)[0] == b"1234"


@pytest.mark.parametrize("path", ["../outside.json", "stations/../../outside.json"])
def test_paths_that_leave_the_share_are_refused(share, path):
    with pytest.raises(ShareRefused, match="leaves the shared folder"):
        share.write_atomic(share.root / path, b"x")
    assert not (share.root.parent / "outside.json").exists()


def test_a_path_outside_the_root_is_refused(share, tmp_path):
    with pytest.raises(ShareRefused, match="outside the shared folder"):
        share.write_atomic(tmp_path / "elsewhere.json", b"x")
    assert not (tmp_path / "elsewhere.json").exists()


def test_a_linked_folder_at_any_component_is_refused(share, private):
    """stations/, a station folder, the inbox: a link at any level is never entered."""
    for component in ("stations", "stations/206", "stations/206/inbox"):
        target = share.root / component
        os.rename(target, target.with_name(target.name + ".real"))
        os.symlink(private, target)
        try:
            deep = share.root / "stations" / "206" / "inbox"
            with pytest.raises(ShareRefused, match="symbolic link") as refused:
                share.scandir(deep)
            assert refused.value.path == target  # the entry at fault, for the quarantine
            with pytest.raises(ShareRefused):
                share.write_atomic(deep / "secret.json", b"overwritten")
            with pytest.raises(ShareRefused):
                share.read_bytes(deep / "secret.json", max_bytes=100)
            with pytest.raises(ShareRefused):
                share.unlink(deep / "secret.json")
            with pytest.raises(ShareRefused):
                share.mkdirs(deep / "sub")
            with pytest.raises(ShareRefused):
                share.rename(deep / "secret.json", share.root / "stolen.json")
            assert share.identity(deep) is None
        finally:
            os.unlink(target)
            os.rename(target.with_name(target.name + ".real"), target)
    assert snapshot(private) == {".bashrc": b"echo hello\n", "secret.json": b'{"secret": 1}'}


def test_a_linked_file_is_refused_for_every_use(share, private):
    inbox = share.root / "stations" / "206" / "inbox"
    link = inbox / "cmd.json"
    os.symlink(private / "secret.json", link)
    for call in (lambda: share.read_bytes(link, max_bytes=100),
                 lambda: share.append(link, b"attacker text\n"),
                 lambda: share.truncate(link, 0)):
        with pytest.raises(ShareRefused, match="symbolic link"):
            call()
    entry = next(e for e in share.scandir(inbox) if e.name == "cmd.json")
    assert not entry.is_file and entry.problem == "a symbolic link"
    # Moving or replacing the name moves or replaces the link itself, never the target.
    share.rename(link, inbox / "moved.json")
    assert os.path.islink(inbox / "moved.json")
    share.write_atomic(inbox / "moved.json", b"replaced")
    assert not os.path.islink(inbox / "moved.json")
    assert snapshot(private) == {".bashrc": b"echo hello\n", "secret.json": b'{"secret": 1}'}


def test_a_dangling_link_is_not_created_through(share, tmp_path):
    journal = share.root / "stations" / "206" / "journal"
    os.symlink(tmp_path / "not-yet", journal)
    with pytest.raises(ShareRefused):
        share.mkdirs(journal)
    with pytest.raises(ShareRefused):
        share.append(journal / "00000001.jsonl", b"x\n")
    link = share.root / "stations" / "206" / "00000001.jsonl"
    os.symlink(tmp_path / "created-by-us", link)
    with pytest.raises(ShareRefused):
        share.append(link, b"x\n")
    assert not (tmp_path / "not-yet").exists() and not (tmp_path / "created-by-us").exists()


def test_a_hard_linked_file_is_never_appended_to_truncated_or_read_as_trusted(share, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    bashrc = home / ".bashrc"
    bashrc.write_bytes(b"echo hello\n")
    segment = share.root / "stations" / "206" / "00000001.jsonl"
    os.link(bashrc, segment)
    with pytest.raises(ShareRefused, match="2 names"):
        share.append(segment, b"attacker text\n")
    with pytest.raises(ShareRefused, match="2 names"):
        share.truncate(segment, 0)
    with pytest.raises(ShareRefused, match="2 names"):
        share.read_bytes(segment, max_bytes=100)
    assert share.read_bytes(segment, max_bytes=100, single_link=False)[0] == b"echo hello\n"
    assert bashrc.read_bytes() == b"echo hello\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_never_blocks_and_is_refused(share):
    station = share.root / "stations" / "206"
    fifo = station / "status.json"
    os.mkfifo(fifo)
    done = threading.Event()
    outcome: list[BaseException] = []

    def read():
        try:
            share.read_bytes(fifo, max_bytes=100)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)
        done.set()

    reader = threading.Thread(target=read, name="fifo-reader")
    reader.start()
    assert done.wait(5), "reading a FIFO blocked"
    reader.join()
    assert isinstance(outcome[0], ShareRefused) and "FIFO" in str(outcome[0])
    with pytest.raises(ShareRefused, match="FIFO"):
        share.append(fifo, b"x")
    share.write_atomic(fifo, b"{}")  # the station's own status replaces whatever was there
    assert fifo.read_bytes() == b"{}"


def test_a_file_where_a_folder_belongs_is_refused(share):
    (share.root / "stations" / "206" / "acks").write_bytes(b"not a folder")
    with pytest.raises(ShareRefused, match="a file where a folder belongs"):
        share.mkdirs(share.root / "stations" / "206" / "acks")


def test_each_refusal_is_logged_once(share, private, caplog):
    inbox = share.root / "stations" / "206" / "inbox"
    os.rmdir(inbox)
    os.symlink(private, inbox)
    caplog.set_level(logging.WARNING, logger="utils.site.share_fs")
    for _ in range(5):
        with pytest.raises(ShareRefused):
            share.scandir(inbox)
    lines = [r.getMessage() for r in caplog.records if str(inbox) in r.getMessage()]
    assert len(lines) == 1 and "symbolic link" in lines[0]


def test_missing_things_are_missing_not_refused(share):
    with pytest.raises(FileNotFoundError):
        share.read_bytes(share.root / "stations" / "207" / "status.json", max_bytes=10)
    with pytest.raises(FileNotFoundError):
        share.scandir(share.root / "stations" / "207" / "inbox")
    assert not share.exists(share.root / "stations" / "207")
    gone = ShareFS(share.root.parent / "unmounted", portable=share.portable)
    with pytest.raises(FileNotFoundError):
        gone.write_atomic(gone.root / "status.json", b"x")


def test_a_folder_held_open_checks_what_lies_below_it(share, private):
    """The fleet's poll holds stations/ open and looks below it: the same refusals apply."""
    stations = share.root / "stations"
    (stations / "206" / "status.json").write_bytes(b"{}")
    os.symlink(private, stations / "207")
    with share.opened(stations) as folder:
        assert folder.lstat("206", "status.json").st_size == 2
        entries = {entry.name: entry for entry in folder.scandir()}
        assert entries["206"].is_dir and entries["207"].problem == "a symbolic link"
        with pytest.raises(ShareRefused, match="symbolic link"):
            folder.lstat("207", "secret.json")
        with pytest.raises(ShareRefused, match="leaves the shared folder"):
            folder.lstat("..", "..", "private", "secret.json")
