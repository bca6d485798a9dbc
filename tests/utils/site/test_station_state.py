"""The station's own state, a part of the sync service (utils/site/station_state.py): the
entry lock and the product size, each change one unit of work (its key and its event, naming
the command, committed together and published), kept across a restart."""

from __future__ import annotations

import pytest

from data import audit_repo
from config.settings import Settings
from utils.audit.chain import Actor
from utils.changes import Topic
from utils.clock import ManualClock
from utils.context import AppContext
from utils.site.station_state import LOCK_META_KEY, StationState, stored_size

ANA = Actor("ana", "admin")


@pytest.fixture
def ctx(tmp_path):
    context = AppContext.open(tmp_path / "home", clock=ManualClock(),
                              settings=Settings(station_id="206"))
    yield context
    context.close()


def _state(ctx) -> StationState:
    return StationState(ctx.database, ctx.production, ctx.changes, "206")


def _events(ctx) -> list[tuple]:
    with ctx.database.read() as connection:
        return [(e["action"], e["username"], e["entity_id"], e["command_id"])
                for e in audit_repo.list_events(connection) if e["action"].startswith("station.")]


def test_each_change_is_its_key_and_its_event_published_together(ctx):
    heard = []
    ctx.changes.bus.subscribe(heard.append)
    state = _state(ctx)
    state.lock("quality hold", ANA, "c1")
    state.set_size("#0", ANA, "c2")
    state.unlock(ANA, "c3")
    assert _events(ctx) == [("station.locked", "ana", "206", "c1"),
                            ("station.size", "ana", "206", "c2"),
                            ("station.unlocked", "ana", "206", "c3")]
    assert [(c.topic, c.actions) for c in heard] == [
        (Topic.STATION, ("station.locked",)), (Topic.STATION, ("station.size",)),
        (Topic.STATION, ("station.unlocked",))]
    assert ctx.production.locked_reason is None and stored_size(ctx.database) == "#0"


def test_a_lock_outlives_a_restart_and_an_unlock_too(ctx):
    _state(ctx).lock("maintenance", ANA)
    ctx.production.locked_reason = None  # a new process: nothing in memory
    _state(ctx).restore()
    assert ctx.production.locked_reason == "maintenance"
    _state(ctx).unlock(ANA)
    ctx.production.locked_reason = "stale"
    _state(ctx).restore()
    assert ctx.production.locked_reason is None and _state(ctx).get(LOCK_META_KEY) == ""


def test_a_change_that_fails_to_commit_leaves_neither_key_nor_event(ctx, monkeypatch):
    """The key and its event are one commit: a failure writing the event writes no key, and
    production is not told of a lock that is not kept."""
    state = _state(ctx)

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ctx.changes.audit, "append", broken)
    with pytest.raises(OSError):
        state.lock("quality hold", ANA, "c1")
    monkeypatch.undo()
    assert state.get(LOCK_META_KEY) in (None, "") and ctx.production.locked_reason is None
    assert _events(ctx) == []
