"""The holiday calendar follows the data: where the ATMs are, else the locale; a warning when
demand dips on days the chosen calendar does not know."""

from __future__ import annotations

import numpy as np
import pandas as pd

from iotfin_gui.core.forecast.calendar import (
    calendar_warning,
    default_calendar,
    demand_dips,
    holiday_calendar,
    holidays_for,
)


def test_the_registry_coordinates_then_the_locale_choose_the_calendar() -> None:
    london, shanghai = (51.5, -0.1), (31.2, 121.5)
    assert default_calendar(np.array([london[0]] * 3), np.array([london[1]] * 3), "zh_CN") == \
        "GB-ENG"
    assert default_calendar(np.array([shanghai[0]]), np.array([shanghai[1]]), "en_GB") == "CN"
    assert default_calendar(np.array([np.nan]), np.array([np.nan]), "en_GB.UTF-8") == "GB-ENG"
    assert default_calendar(np.array([]), np.array([]), "pt_BR") is None
    devices = pd.DataFrame({"latitude": [22.3, 22.28], "longitude": [114.17, 114.2]})
    assert holidays_for("auto", devices, "en_US") == "HK"
    assert holidays_for(None, None, "zh_CN") == "CN"
    assert holidays_for("none", devices, "zh_CN") is None
    assert holidays_for("US", devices, "zh_CN") == "US"


def english_atms() -> tuple[pd.DatetimeIndex, np.ndarray]:
    """Two years of 20 ATMs whose demand halves on English bank holidays."""
    dates = pd.date_range("2022-01-01", "2023-12-31")
    rng = np.random.default_rng(3)
    values = 100 + rng.normal(0, 5, (20, len(dates)))
    bank = {pd.Timestamp(d) for d in holiday_calendar("GB-ENG", range(2022, 2024))}
    values[:, [d in bank for d in dates]] *= 0.4
    return dates, values


def test_a_calendar_that_misses_the_dips_is_named_with_a_better_one() -> None:
    dates, values = english_atms()
    dips = demand_dips(dates, values)
    assert pd.Timestamp("2022-12-26") in dips and len(dips) >= 12
    warning = calendar_warning(dates, values, "CN")
    assert warning is not None and "the GB-ENG calendar" in warning and "CN" in warning
    assert "no holiday calendar is set" in calendar_warning(dates, values, None)
    assert calendar_warning(dates, values, "GB-ENG") is None


def test_steady_demand_raises_no_warning() -> None:
    dates = pd.date_range("2022-01-01", periods=200)
    values = np.full((5, 200), 50.0)
    assert calendar_warning(dates, values, "CN") is None
