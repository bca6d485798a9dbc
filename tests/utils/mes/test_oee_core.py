"""OEE and the time arithmetic of stops against hand-worked numbers: the formula, breaks that
span a shift's end, stops that cross midnight and shift ends, the catalog's downtime part."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from config.downtime import DowntimeSettings, PlannedBreak, SizeRate
from models.downtime import break_intervals, pieces, planned_seconds
from models.validation import FieldError
from utils.mes.downtime_catalog import downtime_from_dict, downtime_to_dict
from utils.mes.oee import Output, combine, oee


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=timezone.utc)


def test_oee_of_one_shift_by_hand():
    # 8 h shift, a 30 min break: 27 000 s planned; 45 min down: 24 300 s run.
    # 72 boxes at 12 boxes/h (300 s each): 21 600 s ideal; 6 boxes with a rejection.
    settings = DowntimeSettings(rates=(SizeRate("#0", 12.0, 15),))
    figures = oee(27_000, 2_700, {"#0": Output(72, 6)}, settings)
    assert figures.availability == pytest.approx(0.9)
    assert figures.performance == pytest.approx(21_600 / 24_300)  # 0.8889
    assert figures.quality == pytest.approx(66 / 72)  # 0.9167
    assert figures.oee == pytest.approx(0.733333, abs=1e-6)


def test_oee_sizes_have_their_own_ideal_rate_and_nothing_divides_by_zero():
    settings = DowntimeSettings(rates=(SizeRate("#0", 12.0, 15), SizeRate("#00", 6.0, 20)))
    # 10 boxes of #0 (300 s) and 5 of #00 (600 s): 6 000 s ideal in 7 200 s of run.
    figures = oee(7_200, 0, {"#0": Output(10, 0), "#00": Output(5, 1)}, settings)
    assert figures.performance == pytest.approx(6_000 / 7_200)
    assert figures.quality == pytest.approx(14 / 15)
    idle = oee(0, 0, {}, settings)
    assert (idle.availability, idle.performance, idle.quality, idle.oee) == (None,) * 4
    down = oee(3_600, 3_600, {}, settings)
    assert down.availability == 0 and down.performance is None and down.oee is None
    # Downtime beyond the planned time (a clock wrong somewhere) is capped, never negative run.
    assert oee(3_600, 5_000, {}, settings).run_s == 0


def test_combined_periods_are_sums_then_ratios_not_an_average_of_ratios():
    settings = DowntimeSettings()
    a = oee(3_600, 0, {"#0": Output(12, 0)}, settings)  # 100 % everything
    b = oee(3_600, 3_000, {"#0": Output(1, 1)}, settings)  # mostly down, one bad box
    both = combine([a, b])
    assert both.availability == pytest.approx(4_200 / 7_200)
    assert both.performance == pytest.approx(13 * 300 / 4_200)
    assert both.quality == pytest.approx(12 / 13)


def test_a_break_spanning_a_shift_end_is_taken_out_of_both_shifts():
    # UTC site; shifts 06-14, 14-22, 22-06; one break 21:45 for 30 min (until 22:15).
    plan = (PlannedBreak("21:45", 30),)
    assert planned_seconds(utc(1, 14), utc(1, 22), "UTC", plan) == 8 * 3600 - 15 * 60
    assert planned_seconds(utc(1, 22), utc(2, 6), "UTC", plan) == 8 * 3600 - 15 * 60
    # A stop 21:30-22:30: 30 min in each shift, 15 of each in the break: 900 s + 900 s.
    breaks = break_intervals(utc(1, 21, 30), utc(1, 22, 30), "UTC", plan)
    assert breaks == [(utc(1, 21, 45), utc(1, 22, 15))]
    parts = pieces(utc(1, 21, 30), utc(1, 22, 30), "UTC", breaks)
    assert [(p.shift, p.day, p.seconds) for p in parts] == [(2, "2026-12-01", 900.0),
                                                              (3, "2026-12-01", 900.0)]
    # And the OEE of shift 2 with that stop and 90 boxes (300 s): A = 27 000 / 27 900.
    figures = oee(27_900, 900, {"#0": Output(90, 0)}, DowntimeSettings())
    assert figures.availability == pytest.approx(27_000 / 27_900)
    assert figures.performance == pytest.approx(27_000 / 27_000)
    assert figures.oee == pytest.approx(27_000 / 27_900)


def test_an_unqualified_stop_crossing_midnight_stays_in_the_night_shift_of_its_day():
    # São Paulo (UTC-3): a stop from 23:40 local on 1 Dec to 00:50 local on 2 Dec, a planned
    # break at 00:00 for 30 min: 70 min, 30 of them a break: 2 400 s of the 1 Dec night shift.
    zone = "America/Sao_Paulo"
    start, end = utc(2, 2, 40), utc(2, 3, 50)
    plan = (PlannedBreak("00:00", 30),)
    breaks = break_intervals(start, end, zone, plan)
    assert breaks == [(utc(2, 3), utc(2, 3, 30))]
    parts = pieces(start, end, zone, breaks)
    assert [(p.shift, p.day, p.seconds) for p in parts] == [(3, "2026-12-01", 2_400.0)]


def test_a_stop_crossing_a_shift_end_and_midnight_is_cut_at_the_shift_end():
    # Local 21:50 on 1 Dec to 00:10 on 2 Dec (UTC-3), break 00:00-00:30:
    # shift 2: 10 min = 600 s; shift 3: 22:00-00:10 is 130 min, 10 in the break: 7 200 s.
    zone = "America/Sao_Paulo"
    start, end = utc(2, 0, 50), utc(2, 3, 10)
    breaks = break_intervals(start, end, zone, (PlannedBreak("00:00", 30),))
    parts = pieces(start, end, zone, breaks)
    assert [(p.shift, p.day, p.seconds) for p in parts] == [(2, "2026-12-01", 600.0),
                                                              (3, "2026-12-01", 7_200.0)]


def test_a_break_past_midnight_is_found_from_the_day_before():
    plan = (PlannedBreak("23:50", 20),)  # 23:50 to 00:10
    assert break_intervals(utc(2, 0), utc(2, 1), "UTC", plan) == [(utc(2, 0), utc(2, 0, 10))]


def test_the_catalog_part_round_trips_and_names_each_wrong_value():
    settings = DowntimeSettings(reasons=("setup", "material", "maintenance", "quality",
                                         "no_operator", "other", "cleaning"),
                                rates=(SizeRate("#0", 14.5, 10),),
                                breaks=(PlannedBreak("21:45", 30),))
    errors: list[FieldError] = []
    assert downtime_from_dict(downtime_to_dict(settings), errors) == settings and not errors
    assert downtime_from_dict(None, errors) == DowntimeSettings()
    bad = {"reasons": ["Bad Code"], "rates": [{"size": "#0", "ideal_boxes_per_hour": 0,
                                               "stop_after_minutes": 2.5}],
           "breaks": [{"start": "25:00", "minutes": 10}, {"start": "10:00", "minutes": 999}]}
    downtime_from_dict(bad, errors)
    assert sorted(e.field for e in errors) == [
        "downtime.breaks.0.start", "downtime.breaks.1.minutes", "downtime.rates.0.ideal_boxes_per_hour",
        "downtime.rates.0.stop_after_minutes", "downtime.reasons.0"]
