"""Holiday echo: what the fleet did around a holiday last year, carried to this year's.

A global model learns a holiday from its calendar features, but a history of two years holds one
Christmas, and the trees blur it with every other bank holiday (NN5, Christmas 1997: the model
forecast three times the cash drawn on Christmas Day and two thirds of that drawn on the 23rd).
Last year's same days say it plainly, and repeat closely: the fleet's demand on Christmas Eve was
0.26 of its usual level in 1996 and 0.21 in 1997.

For every day of the forecast within :data:`REACH` days of a holiday that also fell about a year
earlier (same name, :data:`YEAR_GAP` days before, the one nearest a year for holidays of several
days), the *reference day* is the day at the same offset from that earlier holiday. Its
*echo* is the fleet's median ratio of recorded demand on the reference day to each ATM's mean of
the same weekday over the 4 weeks before it. This year's echoed forecast is the same ratio applied
to the same 4-week weekday mean before the day (history, or the forecast itself further ahead),
and the result is the geometric mean of the model's forecast and the echoed one: an equal-weight
combination, so nothing is tuned on the windows a backtest scores.

Only recorded days before the forecast origin are read; days without a holiday nearby, or whose
holiday has no earlier occurrence in the history, keep the model's forecast.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from iotfin_gui.core.forecast.calendar import named_holidays
from iotfin_gui.core.forecast.models import SEASON, History

#: Days before or after a holiday that its echo reaches.
REACH = 7
#: How many days before a holiday its previous occurrence may fall (Easter moves by 35 days).
YEAR_GAP = (300, 430)
#: Weeks of the same weekday that make a day's usual level.
USUAL_WEEKS = 4
#: The echoed forecast's weight in the (geometric) combination with the model's.
ECHO_WEIGHT = 0.5


def reference_days(dates: pd.DatetimeIndex, country: str | None) -> np.ndarray:
    """Per date, the position in ``dates`` of its reference day last year (``-1``: none, or
    before the first date)."""
    references = np.full(len(dates), -1, dtype="int64")
    if len(dates) == 0:
        return references
    marks = named_holidays(country, range(dates[0].year - 2, dates[-1].year + 2))
    if not marks:
        return references
    day_of = np.array([stamp.value // 86_400_000_000_000 for stamp, _ in marks], dtype="int64")
    names = np.array([name for _, name in marks], dtype=object)
    earlier = np.full(len(marks), -1, dtype="int64")
    for index, (day, name) in enumerate(zip(day_of, names, strict=True)):
        gaps = day - day_of
        fits = (names == name) & (gaps >= YEAR_GAP[0]) & (gaps <= YEAR_GAP[1])
        if fits.any():
            candidates = np.flatnonzero(fits)
            earlier[index] = day_of[candidates[np.argmin(np.abs(gaps[candidates] - 365))]]
    repeated = earlier >= 0
    if not repeated.any():
        return references
    day_of, earlier = day_of[repeated], earlier[repeated]
    ordinal = dates.to_numpy().astype("datetime64[D]").astype("int64")
    offsets = ordinal[:, None] - day_of[None, :]
    nearest = np.argmin(np.abs(offsets), axis=1)
    offset = offsets[np.arange(len(ordinal)), nearest]
    position = earlier[nearest] + offset - ordinal[0]
    near = (np.abs(offset) <= REACH) & (position >= 0)
    references[near] = position[near]
    return references


def usual_level(values: np.ndarray, day: int) -> np.ndarray:
    """Per series, the mean of the same weekday over the :data:`USUAL_WEEKS` weeks before
    ``day`` (``NaN`` where unknown)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(values[:, [day - SEASON * k for k in range(1, USUAL_WEEKS + 1)]],
                          axis=1)


def holiday_echo(history: History, forecast: np.ndarray) -> np.ndarray:
    """``forecast`` (series, horizon) with the days around a holiday combined with last
    year's echo (see the module docstring); the other days unchanged."""
    length = history.filled.shape[1]
    horizon = forecast.shape[1]
    dates = history.dates.append(history.future_dates(horizon))
    references = reference_days(dates, history.country)[length:]
    usable = (references >= SEASON * USUAL_WEEKS) & (references < length)
    if not history.non_negative or not usable.any():
        return forecast
    path = np.concatenate([history.filled, forecast], axis=1)
    for step in np.flatnonzero(usable):
        reference = references[step]
        with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)
            echo = np.nanmedian(history.raw[:, reference] / usual_level(history.filled,
                                                                         reference))
        usual = usual_level(path, length + step)
        if not np.isfinite(echo) or echo <= 0:
            continue
        echoed = np.where(np.isfinite(usual) & (usual > 0), usual * echo, forecast[:, step])
        model = forecast[:, step]
        positive = (model > 0) & (echoed > 0)
        combined = np.where(positive, model ** (1 - ECHO_WEIGHT) * echoed ** ECHO_WEIGHT, model)
        path[:, length + step] = combined
    return path[:, length:]
