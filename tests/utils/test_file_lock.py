"""The lock between processes (utils/file_lock.py): held by one process, refused to another
without waiting, waited for with `wait`, and dropped when its holder ends, even killed."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from utils.file_lock import FileLock

ROOT = Path(__file__).resolve().parents[2]
# A process that takes the lock, says so, and lets it go when told (or when killed).
HOLDER = ("import sys\n"
          "from utils.file_lock import FileLock\n"
          "lock = FileLock(sys.argv[1])\n"
          "assert lock.acquire(wait=True)\n"
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
        with FileLock(path).holding():
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
