"""Fixtures for the site-sync tests: fast bcrypt and scrypt, and a site on a tmp_path share."""

from __future__ import annotations

import pytest

from tests.utils.site.sitekit import make_site, use_fast_kdf


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)


@pytest.fixture
def site(tmp_path):
    site = make_site(tmp_path)
    yield site
    site.admin.close()
