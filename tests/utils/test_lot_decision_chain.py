"""The chain of a lot's decisions (utils/release/decisions.py `fold`): a decision dated before
the one it follows is not applied, so whoever signs under a role they have since lost cannot
slip an act in behind a later decision."""

from __future__ import annotations

from models.lot_status import DecisionKind, LotStatus
from utils.release.decisions import Decision, fold


def _decision(ident: str, kind: DecisionKind, prev: str | None, signed_at: str, seq: int,
              by: str = "qa") -> Decision:
    return Decision(ident, kind, "L1", kind.meaning(None if kind is DecisionKind.RELEASE
                                                     else "why"),
                    None, "content", 3, (), prev, by, by.upper(), "quality", signed_at,
                    signed_at, True, "office1", seq)


def test_a_decision_dated_before_the_one_it_follows_is_not_applied():
    hold = _decision("h", DecisionKind.HOLD, None, "2026-12-01T10:00:00.000Z", 1, by="qa2")
    # The former quality person releases, following the hold, dated an hour before it.
    release = _decision("r", DecisionKind.RELEASE, "h", "2026-12-01T09:00:00.000Z", 2)
    history = fold([hold, release], LotStatus.COMPLETE)
    assert history.status is LotStatus.ON_HOLD
    assert [d.id for d in history.chain] == ["h"]
    assert [r.seq for r in history.refused] == [2]


def test_a_decision_dated_after_the_one_it_follows_is_applied():
    hold = _decision("h", DecisionKind.HOLD, None, "2026-12-01T10:00:00.000Z", 1)
    release = _decision("r", DecisionKind.RELEASE, "h", "2026-12-01T10:00:00.000Z", 2)
    history = fold([release, hold], LotStatus.COMPLETE)
    assert history.status is LotStatus.RELEASED and [d.id for d in history.chain] == ["h", "r"]
