"""Atomic file I/O under the faults of FAULTS.md "Shared folder": sharing violations on replace,
a write-once name already taken, file systems without hard links or directory fsync, and a
writer killed at any moment."""

from __future__ import annotations

import logging
import os
import random
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from utils import atomic_io
from utils.atomic_io import (
    AtomicWriteError, atomic_create_bytes, atomic_write_bytes, atomic_write_with, is_temp_name,
    sweep_temp_files,
)

ROOT = Path(__file__).resolve().parents[2]


def temp_files(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if is_temp_name(name))


def _writer(data: bytes):
    def write(temp: Path) -> None:
        temp.write_bytes(data)
    return write


class FlakyReplace:
    """os.replace that raises PermissionError (a sharing violation) the first `failures` times."""

    def __init__(self, failures: int):
        self.failures = failures
        self.calls = 0

    def __call__(self, source: Path, target: Path) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise PermissionError(13, "The process cannot access the file (sharing violation)")
        os.replace(source, target)


@pytest.mark.parametrize("failures", [0, 1, 3, 6])
def test_replace_retried_with_backoff_until_it_succeeds(tmp_path, failures):
    target = tmp_path / "status.json"
    target.write_bytes(b"old")
    replace, delays = FlakyReplace(failures), []
    atomic_write_with(target, _writer(b"new"), retries=6, backoff_s=0.02, replace=replace,
                      sleep=delays.append)
    assert target.read_bytes() == b"new"
    assert replace.calls == failures + 1
    assert delays == [min(0.02 * 2 ** i, 1.0) for i in range(failures)]  # growing backoff
    assert temp_files(tmp_path) == []


def test_new_file_written_after_sharing_violations(tmp_path):
    target = tmp_path / "fresh.json"
    atomic_write_with(target, _writer(b"content"), replace=FlakyReplace(2), sleep=lambda s: None)
    assert target.read_bytes() == b"content"
    assert os.listdir(tmp_path) == ["fresh.json"]


def test_replace_failing_beyond_the_budget_keeps_the_old_file_and_removes_the_temp(tmp_path):
    target = tmp_path / "status.json"
    target.write_bytes(b"old complete content")
    replace, delays = FlakyReplace(10_000), []
    with pytest.raises(AtomicWriteError) as raised:
        atomic_write_with(target, _writer(b"new"), retries=3, replace=replace,
                          sleep=delays.append)
    assert isinstance(raised.value, OSError)
    assert replace.calls == 4 and len(delays) == 3
    assert target.read_bytes() == b"old complete content"
    assert temp_files(tmp_path) == [] and os.listdir(tmp_path) == ["status.json"]


def test_a_failing_writer_leaves_no_temp_file(tmp_path):
    target = tmp_path / "x.json"
    target.write_bytes(b"old")

    def broken(temp: Path) -> None:
        temp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic_write_with(target, broken)
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["x.json"]


def test_other_replace_errors_are_not_retried(tmp_path):
    calls = []

    def replace(source, target):
        calls.append(1)
        raise FileNotFoundError(2, "share gone")

    with pytest.raises(FileNotFoundError):
        atomic_write_with(tmp_path / "a.json", _writer(b"x"), replace=replace,
                          sleep=lambda s: None)
    assert calls == [1] and temp_files(tmp_path) == []


# -- write-once ------------------------------------------------------------------------------


def test_create_refuses_an_existing_file(tmp_path):
    target = tmp_path / "ack.json"
    atomic_create_bytes(target, b"first")
    with pytest.raises(FileExistsError):
        atomic_create_bytes(target, b"second")
    assert target.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["ack.json"]


def _no_link(source, target):
    raise OSError(1, "Operation not permitted (no hard links on this SMB server)")


def test_create_falls_back_when_the_file_system_cannot_link(tmp_path):
    target = tmp_path / "ack.json"
    atomic_create_bytes(target, b"whole", link=_no_link)
    assert target.read_bytes() == b"whole"
    assert os.listdir(tmp_path) == ["ack.json"]
    with pytest.raises(FileExistsError):
        atomic_create_bytes(target, b"again", link=_no_link)
    assert target.read_bytes() == b"whole" and os.listdir(tmp_path) == ["ack.json"]


# -- sweeping temp files ---------------------------------------------------------------------


def test_sweep_removes_only_old_dot_temp_files(tmp_path):
    now = 1_000_000.0
    names = {
        ".status.json.0123456789ab.tmp": now - 3600,  # old temp: removed
        ".status.json.ba9876543210.tmp": now - 5,  # a writer may be busy with it: kept
        "status.json": now - 3600,  # real file
        ".hidden": now - 3600,  # dot file, not a temp
        "data.tmp": now - 3600,  # not dot-prefixed
        ".notes.tmp.bak": now - 3600,
    }
    for name, mtime in names.items():
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (mtime, mtime))
    assert sweep_temp_files(tmp_path, older_than_s=60, now=lambda: now) == 1
    assert sorted(os.listdir(tmp_path)) == sorted(n for n in names if n != ".status.json.0123456789ab.tmp")
    assert sweep_temp_files(tmp_path / "missing", older_than_s=0) == 0


# -- directory fsync ---------------------------------------------------------------------------


def _is_dir_fd(fd: int) -> bool:
    return stat.S_ISDIR(os.fstat(fd).st_mode)


@pytest.mark.skipif(os.name == "nt", reason="Windows never fsyncs folders")
def test_directory_fsync_unsupported_is_logged_once_and_not_fatal(tmp_path, monkeypatch, caplog):
    real_fsync = os.fsync
    dir_fsyncs = []

    def fsync(fd):
        if _is_dir_fd(fd):
            dir_fsyncs.append(fd)
            raise OSError(22, "Invalid argument (CIFS cannot fsync a folder)")
        return real_fsync(fd)

    monkeypatch.setattr(atomic_io.os, "fsync", fsync)
    caplog.set_level(logging.WARNING, logger="utils.atomic_io")
    for i in range(3):
        atomic_write_bytes(tmp_path / "status.json", b"v%d" % i)
    atomic_create_bytes(tmp_path / "ack.json", b"ack")
    assert (tmp_path / "status.json").read_bytes() == b"v2"
    assert (tmp_path / "ack.json").read_bytes() == b"ack"
    assert len(dir_fsyncs) == 4  # tried every time
    warnings = [r for r in caplog.records if "fsync" in r.getMessage()]
    assert len(warnings) == 1 and str(tmp_path) in warnings[0].getMessage()


@pytest.mark.skipif(os.name == "nt", reason="Windows never fsyncs folders")
def test_directory_that_cannot_be_opened_is_logged_once(tmp_path, monkeypatch, caplog):
    real_open = os.open
    folder = tmp_path / "share"
    folder.mkdir()

    def fake_open(path, flags, *args, **kwargs):
        if Path(path) == folder:
            raise PermissionError(13, "Access denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(atomic_io.os, "open", fake_open)
    caplog.set_level(logging.WARNING, logger="utils.atomic_io")
    atomic_write_bytes(folder / "a.json", b"1")
    atomic_write_bytes(folder / "a.json", b"2")
    assert (folder / "a.json").read_bytes() == b"2"
    assert len([r for r in caplog.records if "fsync" in r.getMessage()]) == 1


# -- killed at random moments ----------------------------------------------------------------

CHILD = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from utils.atomic_io import atomic_write_bytes

target = Path(sys.argv[2])
size = int(sys.argv[3])
print("ready", flush=True)
generation = 0
while True:
    generation += 1
    atomic_write_bytes(target, content(generation, size))
"""

CONTENT = r"""
def content(generation, size):
    head = b"GEN%010d\n" % generation
    tail = b"END%010d\n" % generation
    return head + bytes([generation % 251]) * (size - len(head) - len(tail)) + tail
"""


def _content(generation: int, size: int) -> bytes:
    scope: dict = {}
    exec(CONTENT, scope)
    return scope["content"](generation, size)


def _whole(data: bytes, size: int) -> bool:
    if len(data) != size or not data.startswith(b"GEN"):
        return False
    generation = int(data[3:13])
    return data == _content(generation, size)


def test_writer_killed_at_random_moments_leaves_old_or_new_never_partial(tmp_path):
    size = 512 * 1024
    target = tmp_path / "status.json"
    atomic_write_bytes(target, _content(0, size))
    rng = random.Random(1234)
    pause = threading.Event()
    seen_generations = set()
    for _ in range(8):
        child = subprocess.Popen(
            [sys.executable, "-c", CONTENT + CHILD, str(ROOT), str(target), str(size)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert child.stdout.readline() == b"ready\n", child.stderr.read()
            pause.wait(rng.uniform(0.0, 0.06))  # the fault's timing, not synchronisation
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(timeout=10) == -signal.SIGKILL
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=10)
            child.stdout.close()
            child.stderr.close()
        data = target.read_bytes()
        assert _whole(data, size), f"partial file after a kill: {len(data)} bytes"
        seen_generations.add(int(data[3:13]))
    assert max(seen_generations) > 0  # the children did replace the file
    leftovers = temp_files(tmp_path)
    assert sweep_temp_files(tmp_path, older_than_s=0) == len(leftovers)
    assert temp_files(tmp_path) == [] and os.listdir(tmp_path) == ["status.json"]
    assert _whole(target.read_bytes(), size)
