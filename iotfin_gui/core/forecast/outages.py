"""Outages: days the whole fleet's recording broke, and days an ATM was out of service, kept
out of what a model learns.

A day on which the fleet's median demand is under half or over twice its usual level (each ATM's
median of the same weekday four weeks either side, within the history), with no public holiday
within a week to explain it, is a recording fault rather than demand: NN5 holds a Friday on
which all 111 ATMs drew a quarter of their usual cash. Left in, such a day drags every
same-weekday mean after it for weeks and teaches the global model a weekday dip that does not
exist. Its values are treated as not recorded for fitting (imputed like any missing day); a
backtest still scores the real values.

A make-up working day (China's 调休: a Saturday or Sunday worked to make a holiday a week long)
is explained by the calendar as well: its demand is a weekday's, more than twice a weekend's at
business-district ATMs, and it can fall eight days from the holiday it pays for (Sunday
2023-04-23 for Labour Day), where a fleet of such ATMs was flagged before.

A fleet of fewer than :data:`MIN_FLEET` ATMs recorded on a day says nothing about the fleet, so
such days are never flagged (NN5's three Fridays on which only three ATMs recorded anything).

Before a long break (:data:`LONG_BREAK` days off or more in a row: Spring Festival, golden week,
Labour Day; England's longest, Easter and a Thursday Christmas, are four days, so NN5 has none)
demand climbs: real Chinese fleets draw up to three times their usual level in the two weeks
before Spring Festival. The same weekdays four weeks either side say little of such a day (half
of them lie in the run-up, the break or the slow week after it), and a steep run-up read as over
twice its usual level, so real demand was set aside. In the :data:`RUN_UP` days before a long
break a day is therefore judged against the level expected of it: the highest of its usual
level, the level the run-up already reached (the highest median of three days in a row in the
:data:`RUN_UP` days before it) and its neighbours' level (their median within :data:`LOCAL_DAYS`
days, leaving out the neighbours already low against the first two); holiday breaks and make-up
days count in none of them. A run-up climbs toward its break, so a day under half the level it
already reached is a fault however many days around it are faulty too: judged against its
neighbours alone, a run of more than three faulty days looked normal next to itself, and the day
after it like a surge. Leaving the low neighbours out keeps the day after a long fault from
reading as a surge when the run-up climbed steeply under the fault; the reached level does so
when the fault is too shallow to be found low. The rule assumes a run-up never falls to under
half of what it reached in the two weeks before, and it finds a fault at a quarter of demand
while the run-up climbs less than twofold under it: on generated fleets climbing 1.9 to 3 times,
every fault of one to seven days at a quarter or at nothing is found and no run-up day is
flagged (up to 4 times); a fault at 40 % of demand in the steepest week is at the bound and
partly missed. Nearness to the break explains nothing there, only holiday breaks and make-up
days do: a fleet drawing a quarter of its demand a week before Spring Festival is a fault, and
left in it would be half of what the model ever sees of that day (two Spring Festivals in two
years).

An ATM that dispensed nothing on a day whose usual level is above zero was out of service (or
empty); that zero says nothing of demand either and is set aside the same way (an ATM that is
usually idle on Sundays keeps its zero Sundays). A holiday excuses such a zero only on a day the
bank is closed within a week of it (Christmas Day, the weekend before a bank holiday: an ATM
left empty over the break); on a day the bank is open, a make-up day included, the zero is a
fault whatever the calendar, as a single ATM's zero three days before a holiday is. A day the
fleet as a whole dispensed nothing (its median ratio is zero) is the fleet rule's to judge, not
ATM by ATM. On NN5 the fleet days and the zeros moved the 3-window sMAPE from 19.86 to 19.72
(fleet days, with origins every day) and then 19.65; setting aside its 13 zeros on open days
near a holiday (Christmas Eve, the Fridays before a bank holiday weekend) moved nothing
measurable: over model seeds 0-2 the 3-window sMAPE averages 19.79 either way, against a spread
of 0.34 between seeds.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import numpy as np
import pandas as pd

from iotfin_gui.core.forecast.calendar import holiday_calendar, holiday_identity, makeup_workdays
from iotfin_gui.core.forecast.data import impute
from iotfin_gui.core.forecast.models import SEASON, History

#: The fleet's median ratio to its usual level outside which a day is an outage.
OUTAGE_RATIO = (0.5, 2.0)
#: ATMs that must have recorded a day for the fleet's median to count.
MIN_FLEET = 5
#: Weeks either side that make a day's usual level.
USUAL_WEEKS = 4
#: Days off in a row (holidays, weekends not worked) that make a long break.
LONG_BREAK = 5
#: Days before a long break over which demand climbs toward it.
RUN_UP = 14
#: Days either side whose fleet level a run-up day is judged against.
LOCAL_DAYS = 3
#: Series whose usual levels are computed at once (bounds the memory).
ROWS_AT_ONCE = 2048


def usual_levels(values: np.ndarray) -> np.ndarray:
    """Per (series, day): the median of the recorded same-weekday values :data:`USUAL_WEEKS`
    weeks either side (``NaN`` where there are none). Rows go :data:`ROWS_AT_ONCE` at a time and
    the few values per day are sorted rather than ``nanmedian``-ed: 10,000 ATMs x 730 days
    stays a fraction of a second and a few tens of MB."""
    usual = np.full(values.shape, np.nan)
    for start in range(0, values.shape[0], ROWS_AT_ONCE):
        block = values[start:start + ROWS_AT_ONCE]
        usual[start:start + ROWS_AT_ONCE] = _median_of(_same_weekday_neighbours(block), axis=-1)
    return usual


def _same_weekday_neighbours(values: np.ndarray) -> np.ndarray:
    """``(series, days, 2 * USUAL_WEEKS)``: each day's same weekday 1..USUAL_WEEKS weeks before
    and after (``NaN`` beyond the history); the neighbours last, so sorting them is contiguous."""
    return _shifted(values, [SEASON * k for k in range(-USUAL_WEEKS, USUAL_WEEKS + 1) if k])


def _shifted(values: np.ndarray, shifts: list[int]) -> np.ndarray:
    """``values.shape + (len(shifts),)``: each day's value ``shift`` days later along the last
    axis, per shift (``NaN`` beyond the history)."""
    length = values.shape[-1]
    stack = np.full((*values.shape, len(shifts)), np.nan)
    for index, shift in enumerate(shifts):
        if abs(shift) >= length:
            continue
        if shift < 0:
            stack[..., -shift:, index] = values[..., :length + shift]
        else:
            stack[..., :length - shift, index] = values[..., shift:]
    return stack


def _median_of(stack: np.ndarray, axis: int = 0) -> np.ndarray:
    """The median along ``axis`` of the finite values (``NaN`` where there are none)."""
    ordered = np.sort(stack, axis=axis)  # NaN sorts last
    count = np.expand_dims(np.isfinite(stack).sum(axis=axis), axis)
    last = stack.shape[axis] - 1
    low = np.take_along_axis(ordered, np.clip((count - 1) // 2, 0, last), axis=axis)
    high = np.take_along_axis(ordered, np.clip(count // 2, 0, last), axis=axis)
    return np.squeeze(np.where(count > 0, (low + high) / 2, np.nan), axis=axis)


def explained_by_calendar(history: History) -> np.ndarray:
    """Per history day: a public holiday of the history's calendar is within
    :data:`~iotfin_gui.core.forecast.calendar.IDENTITY_REACH` days, or the day is a make-up
    working day."""
    near = holiday_identity(history.dates, history.country)["holiday"] >= 0
    return near | makeup_workdays(history.dates, history.country)


def holiday_breaks(dates: pd.DatetimeIndex, country: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Per date: whether it is a day of a holiday break (a run of days off, holidays and the
    weekends not worked, that holds a holiday), and whether it is one of the :data:`RUN_UP` days
    before a long one (:data:`LONG_BREAK` days or more). Breaks after the last date count, so a
    history ending in a run-up knows it is one."""
    days = pd.DatetimeIndex(dates).normalize()
    if not country or len(days) == 0:
        return np.zeros(len(days), dtype=bool), np.zeros(len(days), dtype=bool)
    margin = pd.Timedelta(days=RUN_UP + 31)
    span = pd.date_range(days.min() - margin, days.max() + margin)
    holiday, off = _holidays(span, country), days_off(span, country)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], off.astype(np.int8), [0]])))
    in_break, run_up = np.zeros(len(span), dtype=bool), np.zeros(len(span), dtype=bool)
    for first, stop in zip(edges[::2], edges[1::2], strict=True):
        in_break[first:stop] = holiday[first:stop].any()
        if stop - first >= LONG_BREAK:
            run_up[max(first - RUN_UP, 0):first] = True
    position = span.get_indexer(days)
    return in_break[position], run_up[position] & ~in_break[position]


def days_off(dates: pd.DatetimeIndex, country: str | None) -> np.ndarray:
    """Per date: the bank is closed (a holiday, or a Saturday or Sunday that is not a make-up
    working day)."""
    days = pd.DatetimeIndex(dates).normalize()
    weekend = days.day_of_week.to_numpy() >= 5
    return _holidays(days, country) | (weekend & ~makeup_workdays(days, country))


def _holidays(days: pd.DatetimeIndex, country: str | None) -> np.ndarray:
    if not country or len(days) == 0:
        return np.zeros(len(days), dtype=bool)
    years = range(days.min().year, days.max().year + 1)
    return days.isin(pd.DatetimeIndex(sorted(holiday_calendar(country, years))))


def outage_days(history: History) -> np.ndarray:
    """Per history day: the fleet's recording broke that day (see the module docstring)."""
    return _outage_days(_fleet_ratio(history.raw, usual_levels(history.raw)),
                        _Calendar.of(history))


def out_of_service(history: History) -> np.ndarray:
    """Per (series, day): the ATM dispensed nothing on a day it usually does, while the rest of
    the fleet dispensed, on a day the calendar does not excuse (see the module docstring)."""
    usual = usual_levels(history.raw)
    return _out_of_service(history.raw, usual, _fleet_ratio(history.raw, usual),
                           _Calendar.of(history).closed)


class _Calendar(NamedTuple):
    """What the calendar says of each history day, for the outage rules: ``explained`` (see
    :func:`explained_by_calendar`), ``run_up`` (before a long break), ``marked`` (a day of a
    holiday break or a make-up day: the only days the calendar explains in a run-up, and days
    whose level says nothing of a run-up's) and ``closed`` (the bank is closed, near a holiday:
    the only days that excuse an ATM's zero)."""

    explained: np.ndarray
    run_up: np.ndarray
    marked: np.ndarray
    closed: np.ndarray

    @classmethod
    def of(cls, history: History) -> _Calendar:
        makeup = makeup_workdays(history.dates, history.country)
        in_break, run_up = holiday_breaks(history.dates, history.country)
        explained = explained_by_calendar(history)
        closed = explained & days_off(history.dates, history.country)
        return cls(explained, run_up, in_break | makeup, closed)


def _fleet_ratio(raw: np.ndarray, usual: np.ndarray) -> np.ndarray:
    """Per day: the fleet's median ratio to its usual level (``NaN`` where fewer than
    :data:`MIN_FLEET` ATMs with a usual level above zero recorded it)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(usual > 0, raw / usual, np.nan)
    enough = np.isfinite(ratio).sum(axis=0) >= MIN_FLEET
    return np.where(enough, _median_of(ratio), np.nan)


def _outage_days(fleet: np.ndarray, calendar: _Calendar) -> np.ndarray:
    expected = _expected_levels(np.where(calendar.marked, np.nan, fleet), calendar.run_up)
    odd = (fleet < OUTAGE_RATIO[0] * expected) | (fleet > OUTAGE_RATIO[1] * expected)
    explained = np.where(calendar.run_up, calendar.marked, calendar.explained)
    return odd & ~explained


def _expected_levels(levels: np.ndarray, run_up: np.ndarray) -> np.ndarray:
    """Per day, the fleet's expected ratio to its usual level (see the module docstring): 1, and
    in a run-up the highest of 1, the level the run-up reached before the day and its
    neighbours' level, without the neighbours that are low against the first two. ``levels``
    holds ``NaN`` on days to leave out."""
    three_days = _median_of(_shifted(levels, [-2, -1, 0]), axis=-1)
    earlier = _shifted(three_days, list(range(-RUN_UP + 2, 0)))
    reached = np.fmax(1.0, np.max(np.where(np.isfinite(earlier), earlier, -np.inf), axis=-1))
    around = [k for k in range(-LOCAL_DAYS, LOCAL_DAYS + 1) if k]
    low = levels < OUTAGE_RATIO[0] * np.fmax(reached, _median_of(_shifted(levels, around),
                                                                  axis=-1))
    local = _median_of(_shifted(np.where(low, np.nan, levels), around), axis=-1)
    return np.where(run_up, np.fmax(reached, local), 1.0)


def _out_of_service(raw: np.ndarray, usual: np.ndarray, fleet: np.ndarray,
                    closed: np.ndarray) -> np.ndarray:
    fleet_dispensed = ~(fleet == 0)  # an unknown fleet level (NaN) leaves the ATM judged alone
    return (raw == 0) & (usual > 0) & (~closed & fleet_dispensed)[None, :]


def without_outages(history: History) -> History:
    """``history`` with its fleet outage days and out-of-service days treated as not recorded
    (and imputed afresh)."""
    if not history.non_negative:
        return history
    usual, calendar = usual_levels(history.raw), _Calendar.of(history)
    fleet = _fleet_ratio(history.raw, usual)
    unusable = (_out_of_service(history.raw, usual, fleet, calendar.closed)
                | _outage_days(fleet, calendar)[None, :])
    if not unusable.any():
        return history
    raw = np.where(unusable, np.nan, history.raw)
    return replace(history, raw=raw, filled=impute(raw))
