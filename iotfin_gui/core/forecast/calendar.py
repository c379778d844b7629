"""Calendar and public-holiday features for daily cash demand.

Holidays come from the ``holidays`` package: give a country code (``CN``, ``US``) or a country and
subdivision joined by a dash (``GB-ENG`` for England, whose bank holidays apply to NN5), or
``None`` for no holidays. Features describe the date itself (weekday, day of month, days to the
month end for paydays, month) and its distance to the nearest holidays, because cash is drawn
before a holiday and not on it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

#: Distances to the next or last holiday are capped at this many days.
HOLIDAY_REACH = 10


def holiday_calendar(country: str | None, years: range) -> set:
    """The set of holiday dates (``datetime.date``) for ``country`` in ``years``."""
    if not country:
        return set()
    import holidays

    code, _, subdivision = country.partition("-")
    try:
        calendar = holidays.country_holidays(
            code.upper(), subdiv=subdivision.upper() or None, years=list(years)
        )
    except NotImplementedError as error:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "unknown holiday calendar {country!r}; use a country code such as CN, US or "
            "GB-ENG").format(country=country)) from error
    return set(calendar.keys())


def calendar_features(dates: pd.DatetimeIndex, country: str | None) -> dict[str, np.ndarray]:
    """Per date: weekday, day of month, days to month end, month, and holiday proximity."""
    days = pd.DatetimeIndex(dates).normalize()
    features = {
        "weekday": days.day_of_week.to_numpy(),
        "day_of_month": days.day.to_numpy(),
        "days_to_month_end": (days.days_in_month - days.day).to_numpy(),
        "month": days.month.to_numpy(),
        "week_of_year": days.isocalendar().week.to_numpy(dtype="int64"),
    }
    if not country or len(days) == 0:
        return features
    years = range(days.min().year - 1, days.max().year + 2)
    holidays_set = holiday_calendar(country, years)
    holiday_days = pd.DatetimeIndex(sorted(pd.Timestamp(d) for d in holidays_set))
    ordinal = days.to_numpy().astype("datetime64[D]").astype("int64")
    marks = np.sort(holiday_days.to_numpy().astype("datetime64[D]").astype("int64"))
    features["is_holiday"] = np.isin(ordinal, marks).astype(int)
    if marks.size:
        after = np.searchsorted(marks, ordinal, side="left")
        next_gap = np.where(after < marks.size, marks[np.minimum(after, marks.size - 1)] - ordinal,
                            HOLIDAY_REACH)
        before = np.searchsorted(marks, ordinal, side="right") - 1
        last_gap = np.where(before >= 0, ordinal - marks[np.maximum(before, 0)], HOLIDAY_REACH)
        features["days_to_holiday"] = np.minimum(next_gap, HOLIDAY_REACH)
        features["days_since_holiday"] = np.minimum(last_gap, HOLIDAY_REACH)
    return features
