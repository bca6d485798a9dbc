"""The lock between processes (utils/file_lock.py): held by one process, refused to another
without waiting, waited for a bounded time, and dropped when its holder ends, even killed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from utils.file_lock import FileLock

ROOT = Path(__file__).resolve().parents[2]
# A process that takes the lock, says so, and lets it go when told (or when killed).
HOLDER = ("import sys\n"
          "from utils.file_lock import FileLock\n"
          "lock = FileLock(sys.argv[1])\n"
          "assert lock.acquire(timeout_s=10)\n"
          "print('held', flush=True)\n"
          "sys.stdin.readline()\n"
          "lock.release()\n"
          "print('released', flush=True)\n")


def _holder(path: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    return process


def test_another_process_holding_it_refuses_it_until_it_lets_go(tmp_path):
    path = tmp_path / "x.lock"
    holder = _holder(path)
    try:
        lock = FileLock(path)
        assert not lock.acquire() and not lock.held
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline() == "released\n"
        assert lock.acquire() and lock.held
        lock.release()
        assert not lock.held
    finally:
        holder.kill()
        holder.wait(10)
        holder.stdin.close()
        holder.stdout.close()


def test_waiting_for_it_returns_once_the_other_process_lets_go(tmp_path):
    path = tmp_path / "x.lock"
    holder = _holder(path)
    taken = threading.Event()

    def wait_for_it() -> None:
        with FileLock(path).holding(10):
            taken.set()

    waiter = threading.Thread(target=wait_for_it)
    try:
        waiter.start()
        assert not taken.wait(0.2)  # held elsewhere: still waiting
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert taken.wait(10)
    finally:
        holder.kill()
        holder.wait(10)
        waiter.join(10)
        holder.stdin.close()
        holder.stdout.close()
    assert not waiter.is_alive()
    assert FileLock(path).acquire()  # `holding` gave it back


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    path = tmp_path / "x.lock"
    holder = _holder(path)
    try:
        assert not FileLock(path).acquire()
    finally:
        holder.kill()
        holder.wait(10)
        holder.stdin.close()
        holder.stdout.close()
    assert FileLock(path).acquire()


def test_a_holder_that_keeps_it_past_the_wait_makes_the_taker_give_up(tmp_path):
    path = tmp_path / "x.lock"
    holder = _holder(path)
    try:
        with pytest.raises(TimeoutError):
            with FileLock(path).holding(0.05):
                pass
        assert not FileLock(path).acquire(timeout_s=0.05)
    finally:
        holder.kill()
        holder.wait(10)
        holder.stdin.close()
        holder.stdout.close()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root, to run the taker as another user")
def test_a_lock_file_another_user_made_can_still_be_locked():
    """A lock file made first by another user of the PC (a command line run as an
    administrator) is opened read-only: locking needs no write access."""
    folder = Path(tempfile.mkdtemp(dir="/tmp"))  # reachable by another user, unlike tmp_path
    try:
        folder.chmod(0o755)
        path = folder / "x.lock"
        maker = FileLock(path)  # the file made by root, then let go
        assert maker.acquire()
        maker.release()
        # Loaded first: the other user may not read this Python's files.
        taker = ("import os, sys\n"
                 "from utils.file_lock import FileLock\n"
                 "os.setgid(65534); os.setuid(65534)\n"
                 "lock = FileLock(sys.argv[1])\n"
                 "print(lock.acquire(timeout_s=5))\n")
        done = subprocess.run([sys.executable, "-c", taker, str(path)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and done.stdout == "True\n", done.stderr
    finally:
        shutil.rmtree(folder, ignore_errors=True)
