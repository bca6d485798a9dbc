"""Fixtures of the command-line tests (tests/cli/clikit.py)."""

from __future__ import annotations

import pytest

from tests.cli.clikit import Shopfloor


@pytest.fixture
def shopfloor(monkeypatch, capsys) -> Shopfloor:
    """`shopfloor(home, *args, SHOPFLOOR_PASSWORD=...)` run in this process."""
    return Shopfloor(monkeypatch, capsys)


@pytest.fixture
def fast_secrets(monkeypatch) -> None:
    """Cheap bcrypt and scrypt costs for the accounts and sites these tests make (each cost is
    recorded with its hash or seal, so a later run at full cost still opens them)."""
    from tests.utils.site.sitekit import use_fast_kdf

    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)
