"""The unit of work (utils/changes.py): rows and events together or not at all, the witness
after the commit, one typed change to every subscriber, and a broken subscriber harming nobody."""

from __future__ import annotations

import logging
import threading

import pytest

from data import audit_repo, meta_repo
from utils.audit.chain import Actor, read_checkpoint_file
from utils.changes import Change, Topic
from utils.context import AppContext

ANA = Actor("ana", "admin")


@pytest.fixture
def ctx(home):
    context = AppContext.open(home)
    yield context
    context.close()


def events(ctx: AppContext) -> list[str]:
    with ctx.database.read() as connection:
        rows = audit_repo.iter_events_by_time(connection, station=ctx.station_id)
        return [row["action"] for row in sorted(rows, key=lambda row: row["seq"])]


def meta(ctx: AppContext, key: str) -> str | None:
    with ctx.database.read() as connection:
        return meta_repo.get(connection, key)


def test_rows_and_events_are_committed_together_and_one_change_is_published(ctx):
    heard: list[Change] = []
    ctx.changes.bus.subscribe(heard.append)
    with ctx.changes.begin(ANA, Topic.SETTINGS) as tx:
        meta_repo.put(tx.connection, "test.value", "1")
        tx.audit("test.first", entity="test")
        tx.audit("test.second", entity="test", actor=Actor.system())
    assert meta(ctx, "test.value") == "1"
    assert events(ctx)[-2:] == ["test.first", "test.second"]
    assert len(heard) == 1
    assert heard[0].topic is Topic.SETTINGS
    assert heard[0].actions == ("test.first", "test.second")
    with ctx.database.read() as connection:
        assert heard[0].last_seq == audit_repo.chain_head(connection, ctx.station_id)[0]


def test_a_body_that_raises_keeps_nothing_and_publishes_nothing(ctx):
    heard: list[Change] = []
    ctx.changes.bus.subscribe(heard.append)
    before = events(ctx)
    with pytest.raises(RuntimeError):
        with ctx.changes.begin(ANA, Topic.RECORDS) as tx:
            meta_repo.put(tx.connection, "test.value", "lost")
            tx.audit("test.lost", entity="test")
            raise RuntimeError("the check after the write failed")
    assert meta(ctx, "test.value") is None
    assert events(ctx) == before
    assert heard == []


def test_subscribers_hear_only_their_topics_and_can_leave(ctx):
    records: list[Change] = []
    everything: list[Change] = []
    ctx.changes.bus.subscribe(records.append, {Topic.RECORDS})
    ctx.changes.bus.subscribe(everything.append)
    assert ctx.changes.bus.subscribed(records.append) and ctx.changes.bus.subscribed(
        everything.append)
    ctx.changes.record(ANA, "test.only_an_event")
    ctx.changes.record(ANA, "test.a_record", topic=Topic.RECORDS)
    assert [c.actions for c in records] == [("test.a_record",)]
    assert [c.topic for c in everything] == [Topic.AUDIT, Topic.RECORDS]
    ctx.changes.bus.unsubscribe(everything.append)
    assert not ctx.changes.bus.subscribed(everything.append)
    ctx.changes.record(ANA, "test.after_leaving")
    assert len(everything) == 2


def test_the_fields_of_an_event_are_stored_with_it(ctx):
    recorded = ctx.changes.record(ANA, "test.alone", entity="record", entity_id="r-1",
                                  after={"n": 1}, reason="why")
    with ctx.changes.begin(ANA, Topic.RECORDS) as tx:
        in_unit = tx.audit("test.in_unit", entity="lot", entity_id="L-7", before={"n": 1})
    assert (recorded.entity, recorded.entity_id, recorded.after, recorded.reason) == (
        "record", "r-1", {"n": 1}, "why")
    assert (in_unit.entity, in_unit.entity_id, in_unit.before) == ("lot", "L-7", {"n": 1})
    with ctx.database.read() as connection:
        rows = {row["action"]: row for row in
                audit_repo.iter_events_by_time(connection, station=ctx.station_id)}
    assert (rows["test.alone"]["entity"], rows["test.alone"]["entity_id"]) == ("record", "r-1")
    assert (rows["test.in_unit"]["entity"], rows["test.in_unit"]["entity_id"]) == ("lot", "L-7")


def test_a_broken_subscriber_is_logged_and_the_others_still_hear(ctx, caplog):
    heard: list[Change] = []

    def broken(_change: Change) -> None:
        raise ValueError("a bug in a listener")

    ctx.changes.bus.subscribe(broken)
    ctx.changes.bus.subscribe(heard.append)
    with caplog.at_level(logging.ERROR, logger="utils.changes"):
        event = ctx.changes.record(ANA, "test.kept")
    assert event.action == "test.kept" and events(ctx)[-1] == "test.kept"
    assert [c.actions for c in heard] == [("test.kept",)]
    failures = [r for r in caplog.records if r.name == "utils.changes"]
    assert [r.getMessage() for r in failures] == ["A listener failed on a committed audit change"]
    assert "a bug in a listener" in caplog.text  # the traceback: it is a bug


def test_the_witness_is_written_after_the_commit_that_made_a_checkpoint(home):
    from config.paths import resolve_paths
    from config.settings import Settings
    from utils.settings_store import save_settings

    paths = resolve_paths(home).ensure()
    save_settings(paths.settings_file, Settings(checkpoint_every_events=3))
    ctx = AppContext.open(home)
    try:
        seen_in_witness: list[int] = []

        def witness_at_publish(_change: Change) -> None:
            witnessed = read_checkpoint_file(ctx.paths.checkpoint_file).get(ctx.station_id)
            seen_in_witness.append(0 if witnessed is None else witnessed.seq)

        ctx.changes.bus.subscribe(witness_at_publish)
        for n in range(4):
            ctx.changes.record(ANA, "test.n", after={"n": n})
        # The third event made a checkpoint: the witness held it when its change was told.
        assert seen_in_witness[-1] >= 3
    finally:
        ctx.close()


def test_changes_from_two_threads_each_publish_once(ctx):
    heard: list[Change] = []
    lock = threading.Lock()

    def collect(change: Change) -> None:
        with lock:
            heard.append(change)

    ctx.changes.bus.subscribe(collect)

    def work(name: str) -> None:
        for n in range(20):
            ctx.changes.record(Actor(name, "operator"), f"test.{name}", after={"n": n})

    threads = [threading.Thread(target=work, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(heard) == 40
    assert sorted(c.last_seq for c in heard) == sorted({c.last_seq for c in heard})


@pytest.fixture
def every_three(home):
    """A PC whose chain is checkpointed every third event."""
    from config.paths import resolve_paths
    from config.settings import Settings
    from utils.settings_store import save_settings

    paths = resolve_paths(home).ensure()
    save_settings(paths.settings_file, Settings(checkpoint_every_events=3))
    context = AppContext.open(home)
    yield context
    context.close()


def head_seq(ctx: AppContext) -> int:
    with ctx.database.read() as connection:
        head = audit_repo.chain_head(connection, ctx.station_id)
    return 0 if head is None else head[0]


def witnessed(ctx: AppContext):
    return read_checkpoint_file(ctx.paths.checkpoint_file).get(ctx.station_id)


def test_a_checkpoint_made_in_a_unit_that_rolled_back_never_reaches_the_witness(every_three):
    """The rolled-back unit's event 3 was checkpointed in it; the next change's event 3 is
    another event. Its witness must be of the chain as committed, or verify calls it forked."""
    ctx = every_three
    start = head_seq(ctx)
    while (start + 1) % 3:  # the next event is a checkpoint's
        ctx.changes.record(ANA, "test.fill")
        start += 1
    with pytest.raises(RuntimeError):
        with ctx.changes.begin(ANA, Topic.AUDIT) as tx:
            tx.audit("test.rolled-back")
            raise RuntimeError("the body fails after its event")
    ctx.changes.record(ANA, "test.kept")  # the same seq, another event
    for n in range(3):
        ctx.changes.record(ANA, "test.after", after={"n": n})
    with ctx.database.read() as connection:
        checkpoints = {cp.seq: cp.head_hash for cp in audit_repo.checkpoints(connection,
                                                                             ctx.station_id)}
    assert start + 1 in checkpoints  # the kept event is checkpointed where the lost one was
    witness = witnessed(ctx)
    assert witness is not None and checkpoints.get(witness.seq) == witness.head_hash
    assert all(result.ok for result in ctx.verify_audit())


def test_a_commit_hands_on_only_its_own_threads_checkpoint(every_three):
    """A unit open on another thread has made a checkpoint it has not committed: this
    thread's witness after its own commit must not take it."""
    ctx = every_three
    start = head_seq(ctx)
    while (start + 1) % 3:
        ctx.changes.record(ANA, "test.fill")
        start += 1
    made, release = threading.Event(), threading.Event()

    def open_unit() -> None:
        with ctx.changes.begin(ANA, Topic.AUDIT) as tx:
            tx.audit("test.checkpointed")  # makes the checkpoint, in this open transaction
            made.set()
            release.wait(30)

    other = threading.Thread(target=open_unit)
    other.start()
    try:
        assert made.wait(30)
        assert ctx.audit.write_witness() is None  # not this thread's
    finally:
        release.set()
        other.join(timeout=30)
    assert witnessed(ctx).seq == start + 1  # the other thread's, after its own commit


def test_a_witness_that_cannot_be_written_leaves_the_change_committed_and_told(every_three,
                                                                              caplog):
    ctx = every_three
    heard: list[Change] = []
    ctx.changes.bus.subscribe(heard.append)

    def refuse() -> None:
        raise PermissionError("the witness file is read-only")

    ctx.audit.write_witness = refuse  # the instance's own, taken away before the PC closes
    try:
        with caplog.at_level(logging.WARNING, logger="utils.changes"):
            ctx.changes.record(ANA, "test.saved")
    finally:
        del ctx.audit.write_witness
    assert events(ctx)[-1] == "test.saved" and heard[-1].actions == ("test.saved",)
    assert any("witness file could not be written" in r.getMessage() for r in caplog.records)


def test_the_services_write_through_the_database_their_units_change(ctx):
    """The services take their database from the unit-of-work factory (utils/auth.py,
    utils/production.py): the one its units commit to, so what a service reads back is what
    a unit wrote."""
    assert ctx.changes.database is ctx.database
    with ctx.changes.begin(Actor("ana", "admin"), Topic.SETTINGS) as tx:
        meta_repo.put(tx.connection, "test.key", "written")
    with ctx.changes.database.read() as connection:
        assert meta_repo.get(connection, "test.key") == "written"
