"""Last year's holiday carried to this year's: reference days, the echoed forecast, and which
holiday a date is near."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.forecast.calendar import holiday_identity
from iotfin_gui.core.forecast.data import impute
from iotfin_gui.core.forecast.echo import holiday_echo, reference_days
from iotfin_gui.core.forecast.models import History


def _day(dates: pd.DatetimeIndex, text: str) -> int:
    return dates.get_loc(pd.Timestamp(text))


def test_reference_days_are_last_years_same_offset_from_the_same_holiday():
    dates = pd.date_range("1996-01-15", "1998-01-31")
    references = reference_days(dates, "GB-ENG")
    def reference(text):
        return references[_day(dates, text)]
    assert reference("1997-12-24") == _day(dates, "1996-12-24")   # fixed date: same date
    assert reference("1997-12-31") == _day(dates, "1996-12-31")
    # Easter moves: the Tuesday after Easter Monday 1997 echoes the one after Easter Monday 1996.
    assert reference("1997-04-01") == _day(dates, "1996-04-09")
    assert reference("1997-10-15") == -1                            # no holiday within a week
    assert reference("1996-12-24") == -1                            # 1995 is not in the dates
    assert reference_days(dates, None).max() == -1


def english_fleet() -> tuple[History, np.ndarray]:
    """Ten ATMs drawing 100 a day for two years, 20 on Christmas Eve and 250 on the 23rd; the
    history stops at the end of November 1997."""
    dates = pd.date_range("1996-01-01", "1997-11-30")
    values = np.full((10, len(dates)), 100.0)
    values[:, _day(dates, "1996-12-24")] = 20.0
    values[:, _day(dates, "1996-12-23")] = 250.0
    history = History(values, impute(values), dates, "GB-ENG")
    return history, np.full((10, 56), 100.0)


def test_the_echo_moves_the_days_around_christmas_and_leaves_the_others():
    history, flat = english_fleet()
    echoed = holiday_echo(history, flat)
    future = history.future_dates(56)
    eve, before = _day(future, "1997-12-24"), _day(future, "1997-12-23")
    # The geometric mean of the model's 100 and last year's 20 (resp. 250).
    assert np.allclose(echoed[:, eve], np.sqrt(100 * 20))
    assert np.allclose(echoed[:, before], np.sqrt(100 * 250))
    far = (future < pd.Timestamp("1997-12-18")) | (future > pd.Timestamp("1998-01-08"))
    assert np.allclose(echoed[:, far], 100.0), "more than a week from a holiday: no echo"
    # A week later the usual level includes the echoed days; last year's ratio holds again.
    assert np.allclose(echoed[:, eve + 7], np.sqrt(100 * 100 * 4 / (20 + 300) * (
        np.sqrt(100 * 20) + 300) / 4))
    assert np.array_equal(flat, np.full((10, 56), 100.0)), "the input forecast is not changed"


def test_no_calendar_or_no_earlier_holiday_means_no_echo():
    history, flat = english_fleet()
    without = History(history.raw, history.filled, history.dates, None)
    assert np.array_equal(holiday_echo(without, flat), flat)
    short = History(history.raw[:, -200:], history.filled[:, -200:], history.dates[-200:],
                    "GB-ENG")
    assert np.array_equal(holiday_echo(short, flat), flat)


def test_unrecorded_reference_days_are_skipped_not_read_as_zero():
    history, flat = english_fleet()
    raw = history.raw.copy()
    raw[:5, _day(history.dates, "1996-12-24")] = np.nan
    echoed = holiday_echo(History(raw, impute(raw), history.dates, "GB-ENG"), flat)
    eve = _day(history.future_dates(56), "1997-12-24")
    assert np.allclose(echoed[:, eve], np.sqrt(100 * 20))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), days=st.integers(30, 800), horizon=st.integers(1, 60),
       zeros=st.floats(0, 0.5))
def test_the_echo_stays_finite_and_non_negative_on_any_demand(seed, days, horizon, zeros):
    rng = np.random.default_rng(seed)
    dates = pd.date_range("1996-06-01", periods=days)
    values = rng.gamma(2.0, 50.0, (4, days)) * (rng.random((4, days)) > zeros)
    values[rng.random((4, days)) < 0.05] = np.nan
    history = History(values, impute(values), dates, "GB-ENG")
    forecast = rng.gamma(2.0, 50.0, (4, horizon)) * (rng.random((4, horizon)) > zeros)
    echoed = holiday_echo(history, forecast)
    assert echoed.shape == forecast.shape
    assert np.isfinite(echoed).all() and (echoed >= 0).all()
    assert np.array_equal(echoed == 0, forecast == 0), "a zero forecast stays zero, no other"


def test_identity_tells_christmas_eve_from_the_saturday_before_a_bank_holiday():
    dates = pd.DatetimeIndex(["1997-12-24", "1997-05-03", "1997-05-05", "1997-10-15"])
    identity = holiday_identity(dates, "GB-ENG")
    eve, saturday, holiday, plain = identity["holiday"]
    assert eve != saturday and saturday == holiday and plain == -1
    assert list(identity["days_from_holiday"]) == [-1, -2, 0, 8]
    assert (holiday_identity(dates, None)["holiday"] == -1).all()
