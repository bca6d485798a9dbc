"""SPC computations (models/spc.py) against a published worked example and hand-worked
numbers: limits, each Western Electric rule on its own, Cp/Cpk."""

from __future__ import annotations

import pytest

from models.spc import (
    BaselineRefused, Limits, capability, flag, limits_from, moving_ranges, rules_at,
)

# NIST/SEMATECH e-Handbook of Statistical Methods, §6.3.2.2 "Individuals Control Charts"
# (https://www.itl.nist.gov/div898/handbook/pmc/section3/pmc322.htm): ten batches,
# x̄ = 50.81, MR̄ = 1.8778, UCL = 55.8041, LCL = 45.8159, moving-range UCL = 6.1347.
# By hand: Σx = 508.1; the nine moving ranges 2.0 2.3 1.4 3.5 3.4 1.4 0.2 1.2 1.5 sum to 16.9.
NIST_BATCHES = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1]


def test_limits_match_the_nist_individuals_chart_example():
    limits = limits_from(NIST_BATCHES, minimum=10)
    assert limits.n == 10
    assert limits.mean == pytest.approx(50.81)
    assert limits.mr_bar == pytest.approx(16.9 / 9)
    assert limits.mr_bar == pytest.approx(1.8778, abs=5e-5)
    assert limits.ucl == pytest.approx(55.8041, abs=1e-3)
    assert limits.lcl == pytest.approx(45.8159, abs=1e-3)
    assert limits.mr_ucl == pytest.approx(6.1347, abs=1e-3)
    assert moving_ranges(NIST_BATCHES)[:3] == [None, pytest.approx(2.0), pytest.approx(2.3)]
    # No batch of the example is out of control (the handbook's chart shows none).
    assert all(rules == () for rules in flag([], NIST_BATCHES, limits))


def test_a_baseline_too_short_or_without_variation_is_refused():
    with pytest.raises(BaselineRefused) as short:
        limits_from(NIST_BATCHES)  # 10 points, 20 needed by default
    assert (short.value.code, short.value.n) == ("too_few", 10)
    with pytest.raises(BaselineRefused) as flat:
        limits_from([3.0] * 25)
    assert flat.value.code == "no_variation"


# Hand-made limits for the rules: x̄ = 10, MR̄ = 1.128, so σ̂ = 1 exactly: zones at 11, 12, 13.
UNIT = Limits(n=30, mean=10.0, mr_bar=1.128)


def test_unit_limits():
    assert (UNIT.sigma, UNIT.ucl, UNIT.lcl) == (pytest.approx(1.0), pytest.approx(13.0),
                                               pytest.approx(7.0))


def test_rule_1_one_point_beyond_three_sigma():
    assert rules_at([13.01], UNIT) == (1,)
    assert rules_at([6.9], UNIT) == (1,)
    assert rules_at([13.0], UNIT) == ()  # on the limit is not beyond it
    # 13.5 alone beyond 3σ: rule 1 only (one point beyond 2σ and 1σ is not 2 of 3 / 4 of 5).
    assert flag([], [10.0, 10.5, 13.5, 10.0], UNIT) == [(), (), (1,), ()]


def test_rule_2_two_of_three_beyond_two_sigma_same_side():
    assert rules_at([12.5, 10.0, 12.2], UNIT) == (2,)
    assert rules_at([12.5, 12.2], UNIT) == (2,)
    assert rules_at([7.5, 10.0, 7.8], UNIT) == (2,)  # below
    assert rules_at([12.5, 10.0, 10.0, 12.2], UNIT) == ()  # 2 of 4: not within 3
    assert rules_at([12.5, 10.0, 7.8], UNIT) == ()  # opposite sides
    assert rules_at([12.5, 12.2, 10.0], UNIT) == ()  # flagged on 12.2, not again after it


def test_rule_3_four_of_five_beyond_one_sigma_same_side():
    assert rules_at([11.5, 11.2, 10.0, 11.3, 11.4], UNIT) == (3,)
    assert rules_at([8.5, 8.2, 8.7, 10.5, 8.6], UNIT) == (3,)  # below
    assert rules_at([11.5, 11.2, 10.0, 10.0, 11.4], UNIT) == ()  # 3 of 5
    assert rules_at([11.5, 11.2, 11.3, 11.4, 10.0], UNIT) == ()  # completed earlier


def test_rule_4_eight_in_a_row_same_side():
    above = [10.1, 10.4, 10.2, 10.9, 10.3, 10.5, 10.2, 10.6]
    assert rules_at(above, UNIT) == (4,)
    assert rules_at([20 - v for v in above], UNIT) == (4,)  # below
    assert rules_at(above[:7], UNIT) == ()  # seven
    assert rules_at([*above[:7], 10.0], UNIT) == ()  # on the centre line ends the run
    assert rules_at([*above[:3], 9.9, *above[4:]], UNIT) == ()


def test_flag_uses_the_context_before_the_points():
    run = [10.1, 10.4, 10.2, 10.9, 10.3, 10.5, 10.2]
    assert flag(run, [10.6], UNIT) == [(4,)]
    assert flag(run[1:], [10.6], UNIT) == [()]
    assert flag([], [*run, 10.6], UNIT)[-1] == (4,)


def test_several_rules_at_once():
    # Eight above the centre, the last two beyond 2σ and 3σ, four of the last five beyond 1σ.
    window = [10.2, 10.3, 10.1, 10.4, 11.2, 10.5, 12.5, 13.4]
    assert rules_at(window, UNIT) == (1, 2, 4)
    assert rules_at([10.2, 10.3, 10.1, 11.6, 11.2, 10.5, 11.5, 13.4], UNIT) == (1, 3, 4)


def test_capability_against_hand_worked_numbers():
    # USL 20, LSL 8, x̄ 16, σ̂ 2 (MR̄ = 2 × 1.128): Cp = 12 / 12 = 1; Cpu = 4 / 6 = 0.667;
    # Cpl = 8 / 6 = 1.333; Cpk = 0.667.
    limits = Limits(n=50, mean=16.0, mr_bar=2 * 1.128)
    result = capability(limits, 8.0, 20.0)
    assert result.cp == pytest.approx(1.0)
    assert result.cpu == pytest.approx(2 / 3)
    assert result.cpl == pytest.approx(4 / 3)
    assert result.cpk == pytest.approx(2 / 3)
    assert (result.n, result.too_small) == (50, False)


def test_capability_one_sided_and_small_sample():
    limits = Limits(n=20, mean=2.0, mr_bar=0.5 * 1.128)  # σ̂ = 0.5
    upper_only = capability(limits, None, 5.0)
    assert upper_only.cp is None and upper_only.cpl is None
    assert upper_only.cpk == pytest.approx(2.0)  # (5 − 2) / 1.5
    assert upper_only.too_small  # 20 < 30
    nothing = capability(limits, None, None)
    assert (nothing.cp, nothing.cpk) == (None, None)
    assert not capability(limits, None, 5.0, minimum=20).too_small
