"""Running `shopfloor` in tests: in this process (`main.main(argv)`, output captured by pytest's
capsys), which is how each verb's behaviour is tested, and as a real process, which each verb
gets once (a smoke test: the entry point, the exit code and the streams of a real run)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import main
from utils.logger import shutdown_logging

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ("SHOPFLOOR_PASSWORD", "SHOPFLOOR_NEW_PASSWORD", "SHOPFLOOR_PASSPHRASE")


@dataclass(frozen=True)
class Outcome:
    """What a run of `shopfloor` gave: its exit code and what it printed."""

    returncode: int
    stdout: str
    stderr: str


class Shopfloor:
    """`shopfloor --home HOME ARGS` in this process, with secrets given as for automation
    (environment variables, set for the one run). The home and everything main() makes
    process-wide are restored after the test by monkeypatch."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
        self.monkeypatch = monkeypatch
        self.capsys = capsys
        for name in [n for n in os.environ if n.startswith("SHOPFLOOR_")]:
            monkeypatch.delenv(name)
        monkeypatch.setenv("SHOPFLOOR_KEYRING", "off")
        # main() makes --home the process's SHOPFLOOR_HOME: set and deleted here so that
        # monkeypatch restores the variable as it was before the test.
        monkeypatch.setenv("SHOPFLOOR_HOME", "unset")
        monkeypatch.delenv("SHOPFLOOR_HOME")

    def __call__(self, home: Path | None, *args: str, **secrets: str) -> Outcome:
        argv = ([] if home is None else ["--home", str(home)]) + list(args)
        self.capsys.readouterr()  # what came before is not this run's
        with self.monkeypatch.context() as patch:
            for name in SECRETS:
                patch.delenv(name, raising=False)
            for name, value in secrets.items():
                patch.setenv(name, value)
            try:
                code = main.main(argv)
            finally:
                shutdown_logging()  # main() logs to a file in the home: released
        out, err = self.capsys.readouterr()
        return Outcome(int(code), out, err)


def process_env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("SHOPFLOOR_")}
    return {**base, "SHOPFLOOR_KEYRING": "off", **extra}


def run_process(home: Path | None, *args: str, timeout: float = 180,
                **secrets: str) -> subprocess.CompletedProcess:
    """`python main.py --home HOME ARGS` as its own process (the smoke test of a verb)."""
    argv = ([] if home is None else ["--home", str(home)]) + list(args)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True,
                          text=True, env=process_env(**secrets), timeout=timeout,
                          stdin=subprocess.DEVNULL)


ADMIN_PASSWORD = "Quarry-Lantern-42"


@pytest.fixture
def admin_home(tmp_path, shopfloor, fast_secrets) -> Path:
    """A home set up by the command line alone: one admin, maria (ADMIN_PASSWORD)."""
    home = tmp_path / "home"
    assert shopfloor(home, "user", "add", "maria", "--role", "admin",
                     SHOPFLOOR_PASSWORD=ADMIN_PASSWORD).returncode == 0
    return home


def create_office_site(shopfloor, home: Path, share: Path | str, *extra: str, admin: str = "ana",
                       **env: str) -> Outcome:
    """`shopfloor site create` run in `home`: a site in `share` whose first PC is office PC
    office1 and whose first admin is `admin`; `extra` arguments (--timezone, --make-folder...)
    and `env` (SHOPFLOOR_PASSPHRASE, SHOPFLOOR_PASSWORD or SHOPFLOOR_NEW_PASSWORD) as given."""
    return shopfloor(home, "site", "create", "--folder", str(share), "--station", "office1",
                     "--office", "--admin", admin, *extra, **env)
