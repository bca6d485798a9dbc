"""SPC for the admin panel: a chart read from the site view, a baseline's limits previewed and
frozen, and the out-of-control charts as fleet alarms.

Freezing is an admin's act (Permission.SPC_BASELINE_FREEZE), checked here whatever the caller:
the limits are computed from the chosen period's points in this PC's site view and written as
one audit event `spc.baseline.freeze` through the unit of work, whose `after` is the freeze
(the chart, the period, n, x̄, MR̄, the reason, who and when) signed with the admin's own key
(in a site; on a PC in no site unsigned, as a lot decision: only that PC's own chain counts).
The event is the fact: this PC's journal carries it to the share and every PC's site view
takes it in (data/view_spc.py), checks the signature, and judges the chart's points against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from config.constants import Permission, role_allows
from config.spc import SPC_MEASUREMENTS, SpcSettings
from data.view_spc import (
    FREEZE_ACTION, FREEZE_KIND, Baseline, baseline, open_charts, points, signals,
)
from data import view_spc
from models.canonical import format_utc
from models.spc import Capability, Limits, capability, limits_from, moving_ranges
from models.validation import validate_reason
from utils.auth import Session
from utils.changes import Changes, Topic
from utils.permissions import require
from utils.trust.person_documents import NoSigningKey, signed

FREEZE_PERMISSION = Permission.SPC_BASELINE_FREEZE
DEFAULT_POINTS = 200
Alarm = tuple[str, str, str]  # as utils/site/alarm_acks.py: (station, what, level)
ALARM_PREFIX = "spc."


@dataclass(frozen=True)
class ChartData:
    """What the SPC tab draws for one chart: its last points (order, time, record, value,
    moving range, rules broken) and, once frozen, the baseline and the capability."""

    station: str
    size: str
    measurement: str
    times: list[str]
    record_ids: list[str]
    values: list[float]
    ranges: list[float | None]
    rules: list[tuple[int, ...]]
    baseline: Baseline | None
    capability: Capability | None
    spec: tuple[float | None, float | None] | None  # (lower, upper) from the site catalog


def may_freeze(session: Session) -> bool:
    return role_allows(session.role, FREEZE_PERMISSION)


def _check(measurement: str) -> None:
    if measurement not in SPC_MEASUREMENTS:
        raise ValueError(f"not an SPC measurement: {measurement!r}")


def chart(view, settings: SpcSettings, station: str, size: str, measurement: str, *,
          last: int = DEFAULT_POINTS) -> ChartData:
    """The chart's last `last` points (all the station's points of that size before any
    baseline is frozen; from the baseline's start after)."""
    _check(measurement)
    with view.database.read() as connection:
        db = connection.connection.driver_connection
        frozen = baseline(db, station, size, measurement)
        start = "" if frozen is None else frozen.start
        rows = points(db, station, size, measurement, start=start, last=last)
        flags = {} if frozen is None or not rows else signals(db, station, size, measurement,
                                                               rows[0][0])
    values = [row[2] for row in rows]
    spec = settings.spec(size, measurement)
    limits = None if spec is None else (spec.lower, spec.upper)
    return ChartData(
        station, size, measurement, [row[0] for row in rows], [row[1] for row in rows], values,
        moving_ranges(values), [flags.get(row[:2], ()) for row in rows], frozen,
        None if frozen is None or spec is None else capability(
            frozen.limits, spec.lower, spec.upper, settings.min_capability_points),
        limits)


def preview(view, settings: SpcSettings, station: str, size: str, measurement: str,
            start: datetime, end: datetime) -> Limits:
    """The limits a baseline over [start, end) would give (BaselineRefused: too few points, or
    no variation)."""
    _check(measurement)
    with view.database.read() as connection:
        db = connection.connection.driver_connection
        rows = points(db, station, size, measurement, start=format_utc(start),
                      end=format_utc(end))
    return limits_from([row[2] for row in rows], settings.min_baseline_points)


def freeze(changes: Changes, session: Session, view, settings: SpcSettings, station: str,
           size: str, measurement: str, start: datetime, end: datetime, reason: str) -> Limits:
    """Freeze the chart's limits from the baseline [start, end): permission first (a refusal is
    audited), then the reason, then the limits, then one audited event carrying the freeze
    signed with the admin's own key (NoSigningKey: in a site, that key is not open)."""
    require(session, FREEZE_PERMISSION, changes,
            target=f"spc {station} {size} {measurement}")
    reason = validate_reason(reason)
    ctx = view.ctx
    if ctx.trust is not None and session.signer is None:
        raise NoSigningKey()
    limits = preview(view, settings, station, size, measurement, start, end)
    # Every PC's site view takes it only with this signature (data/view_spc.py): the role the
    # event records is this PC's word, which a copy of its key could forge.
    document = signed(session.signer, {
        "kind": FREEZE_KIND, "site": ctx.settings.site_id, "station": station, "size": size,
        "measurement": measurement, "start": format_utc(start), "end": format_utc(end),
        "n": limits.n, "mean": limits.mean, "mr_bar": limits.mr_bar, "ucl": limits.ucl,
        "lcl": limits.lcl, "reason": reason, "signed_by": session.username,
        "full_name": session.full_name, "role": str(session.role),
        "signed_at": format_utc(ctx.clock.now())})
    with changes.begin(session.actor, Topic.SPC) as tx:
        tx.audit(FREEZE_ACTION, entity="spc_baseline", entity_id=f"{station}/{size}/{measurement}",
                 after=document, reason=reason)
    return limits


def chart_choices(view) -> list[tuple[str, str]]:
    """Every (station, size) with records in the view, for the tab's chooser."""
    with view.database.read() as connection:
        db = connection.connection.driver_connection
        return view_spc.charts(db)


def site_statuses(view) -> list[dict]:
    """Every chart with a frozen baseline and its open signal, for the tab's site table."""
    with view.database.read() as connection:
        return view_spc.statuses(connection.connection.driver_connection)


def spc_alarms(view) -> list[Alarm]:
    """A fleet alarm per station and measurement whose current chart broke a rule among its
    last 8 points: critical for rule 1 (beyond 3σ̂), a warning for the others."""
    with view.database.read() as connection:
        rows = open_charts(connection.connection.driver_connection)
    return [(station, ALARM_PREFIX + measurement,
             "critical" if "1" in rules.split(",") else "warning")
            for station, measurement, _size, rules, _since in rows]
