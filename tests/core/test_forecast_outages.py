"""Outages: which days count as a broken recording or an ATM out of service, and that nothing
else changes."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.forecast.data import impute
from iotfin_gui.core.forecast.ml import global_boosting
from iotfin_gui.core.forecast.models import History
from iotfin_gui.core.forecast.outages import (
    LONG_BREAK,
    MIN_FLEET,
    days_off,
    holiday_breaks,
    out_of_service,
    outage_days,
    usual_levels,
    without_outages,
)

DATES = pd.date_range("1997-08-04", "1997-12-31")


def fleet(n_series: int = 12, seed: int = 0) -> np.ndarray:
    """ATMs with a weekly pattern and some noise, every day recorded."""
    rng = np.random.default_rng(seed)
    weekly = np.array([1.0, 0.9, 0.9, 1.0, 1.4, 1.2, 0.6])
    level = rng.uniform(50, 200, size=(n_series, 1))
    pattern = weekly[DATES.day_of_week.to_numpy()][None, :]
    return level * pattern * rng.uniform(0.85, 1.15, size=(n_series, len(DATES)))


def history(values: np.ndarray, country: str | None = "GB-ENG") -> History:
    return History(values, impute(values), DATES, country)


def day(text: str) -> int:
    return DATES.get_loc(pd.Timestamp(text))


def test_a_day_the_whole_fleet_drew_a_quarter_is_an_outage():
    values = fleet()
    values[:, day("1997-10-17")] *= 0.25
    assert np.flatnonzero(outage_days(history(values))).tolist() == [day("1997-10-17")]


def test_a_day_the_few_recording_atms_drew_a_surge_is_an_outage():
    values = fleet()
    values[:MIN_FLEET, day("1997-09-12")] *= 3.0
    values[MIN_FLEET:, day("1997-09-12")] = np.nan
    assert outage_days(history(values))[day("1997-09-12")]


def test_holidays_a_lone_atm_and_a_small_fleet_are_not_outages():
    values = fleet()
    values[:, day("1997-12-24")] *= 0.25        # Christmas Eve: the holiday explains it
    values[:, day("1997-12-23")] *= 2.4
    values[3, day("1997-10-17")] = 0.0           # one ATM out of service: not the fleet
    assert not outage_days(history(values)).any()
    small = fleet(n_series=MIN_FLEET - 1)
    small[:, day("1997-10-17")] *= 0.25
    assert not outage_days(history(small)).any()
    without_calendar = fleet()
    without_calendar[:, day("1997-12-24")] *= 0.25
    assert outage_days(history(without_calendar, None))[day("1997-12-24")]


def test_england_has_no_long_break_so_every_day_is_judged_against_its_same_weekdays():
    """Easter and a Thursday Christmas make four days off, one short of a long break: no day of
    an English history is a run-up, so NN5's outages stay what they were."""
    dates = pd.date_range("1990-01-01", "2030-12-31")
    in_break, run_up = holiday_breaks(dates, "GB-ENG")
    assert not run_up.any() and not holiday_breaks(dates, None)[0].any()
    easter = pd.date_range("1997-03-28", "1997-03-31")
    assert easter.isin(dates[in_break]).all() and len(easter) == LONG_BREAK - 1
    values = fleet()
    values[:, day("1997-12-22")] *= 2.4            # three days before Christmas: a holiday near
    values[:, day("1997-11-12")] *= 2.4            # an ordinary Wednesday
    assert np.flatnonzero(outage_days(history(values))).tolist() == [day("1997-11-12")]


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**16), odd=st.lists(st.integers(35, len(DATES) - 35), max_size=4),
       factor=st.sampled_from([0.0, 0.2, 0.4, 2.5, 5.0]))
def test_only_outage_days_change_and_only_to_not_recorded(seed, odd, factor):
    """Factors a tenth inside the bounds: two odd days on one weekday are in each other's usual
    level, and at 2.2 times (seed 8609, days 74 and 88) that lifted it enough to miss one."""
    values = fleet(seed=seed)
    values[:, odd] *= factor
    before = history(values, None)
    after = without_outages(before)
    flagged = outage_days(before)
    assert set(odd) <= set(np.flatnonzero(flagged).tolist())
    assert np.isnan(after.raw[:, flagged]).all()
    np.testing.assert_array_equal(after.raw[:, ~flagged], before.raw[:, ~flagged])
    assert np.isfinite(after.filled).all()


def test_the_global_model_does_not_learn_from_an_outage_day():
    values = fleet(n_series=20)
    broken = values.copy()
    broken[:, day("1997-10-17")] *= 0.25
    missing = values.copy()
    missing[:, day("1997-10-17")] = np.nan
    np.testing.assert_allclose(global_boosting(history(broken), 14),
                               global_boosting(history(missing), 14))


def test_a_zero_on_a_usual_day_is_out_of_service_but_not_an_idle_sunday_or_christmas():
    values = fleet()
    sundays = DATES.day_of_week.to_numpy() == 6
    values[2, sundays] = 0.0                          # a branch ATM closed on Sundays
    values[4, day("1997-10-15")] = 0.0                # out of service on a Wednesday
    values[5, day("1997-12-25")] = 0.0                # closed on Christmas Day
    flagged = out_of_service(history(values))
    assert np.argwhere(flagged).tolist() == [[4, day("1997-10-15")]]
    after = without_outages(history(values))
    assert np.isnan(after.raw[4, day("1997-10-15")])
    assert after.filled[4, day("1997-10-15")] > 0
    assert (after.raw[2, sundays] == 0).all() and after.raw[5, day("1997-12-25")] == 0


def test_a_zero_near_a_holiday_is_out_of_service_on_a_day_the_bank_is_open():
    """Monday 1997-12-22 and Christmas Eve are working days three days and one before
    Christmas: an ATM's zero there is a fault, as on any open day (the holiday's nearness
    excused it before). Saturday 1997-12-20 and Boxing Day the bank is closed: a zero there
    may be the holiday's (an ATM left empty over the break), as on Christmas Day."""
    values = fleet()
    open_days, closed_days = ["1997-12-22", "1997-12-24"], ["1997-12-20", "1997-12-26"]
    for atm, text in enumerate(open_days + closed_days):
        values[atm, day(text)] = 0.0
    assert np.argwhere(out_of_service(history(values))).tolist() == [
        [0, day("1997-12-22")], [1, day("1997-12-24")]]
    off = DATES[days_off(DATES, "GB-ENG")]
    assert not off.isin(pd.DatetimeIndex(open_days)).any()
    assert pd.DatetimeIndex([*closed_days, "1997-12-25"]).isin(off).all()


def test_a_fleet_at_zero_is_judged_as_a_fleet_not_atm_by_atm():
    """Every ATM at zero is the fleet rule's to judge: an outage on an ordinary Wednesday, and
    the day before Christmas Eve a closure the calendar may not list, as any fleet day there."""
    values = fleet()
    values[:, day("1997-10-15")] = 0.0
    values[:, day("1997-12-23")] = 0.0
    assert not out_of_service(history(values)).any()
    assert np.flatnonzero(outage_days(history(values))).tolist() == [day("1997-10-15")]
    after = without_outages(history(values)).raw
    assert np.isnan(after[:, day("1997-10-15")]).all() and (after[:, day("1997-12-23")] == 0).all()


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**16), n_series=st.integers(1, 6), length=st.integers(1, 90),
       missing=st.floats(0.0, 0.9))
def test_usual_levels_are_the_median_of_the_same_weekday_four_weeks_either_side(
        seed, n_series, length, missing):
    rng = np.random.default_rng(seed)
    values = rng.gamma(3.0, 10.0, size=(n_series, length))
    values[rng.random(values.shape) < missing] = np.nan
    expected = np.full(values.shape, np.nan)
    for t in range(length):
        days = [t + 7 * k for k in (-4, -3, -2, -1, 1, 2, 3, 4) if 0 <= t + 7 * k < length]
        for s in range(n_series):
            recorded = values[s, days][np.isfinite(values[s, days])] if days else []
            if len(recorded):
                expected[s, t] = np.median(recorded)
    np.testing.assert_allclose(usual_levels(values), expected, equal_nan=True)


def test_a_history_shorter_than_four_weeks_is_forecast():
    values = fleet()[:, :20]
    short = History(values, impute(values), DATES[:20], "GB-ENG")
    assert without_outages(short).raw.shape == values.shape
    assert np.isfinite(global_boosting(short, 7)).all()
