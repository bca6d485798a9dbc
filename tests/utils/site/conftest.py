"""Fixtures for the site-sync tests: fast bcrypt and scrypt, a site on a tmp_path share, and
what a test opened, closed at its end."""

from __future__ import annotations

import pytest

from tests.utils.site.sitekit import RecordingEffects, make_site, use_fast_kdf
from utils.site.station_sync import SyncService
from utils.site.view_follower import ViewFollower


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)


@pytest.fixture
def site(tmp_path):
    site = make_site(tmp_path)
    yield site
    site.admin.close()


@pytest.fixture
def closing():
    """Services, followers and contexts a test opened, ended after it, last opened first.
    Slow effects are let go first, so that no service waits on one while it stops."""
    things: list = []
    yield things
    for thing in reversed(things):
        if isinstance(thing, RecordingEffects):
            thing.release.set()
    for thing in reversed(things):
        if isinstance(thing, SyncService):
            thing.stop()
        elif isinstance(thing, ViewFollower):
            thing.release()
        elif hasattr(thing, "close"):
            thing.close()
