"""Calendar and public-holiday features for daily cash demand.

Holidays come from the ``holidays`` package: give a country code (``CN``, ``US``) or a country and
subdivision joined by a dash (``GB-ENG`` for England, whose bank holidays apply to NN5), or
``None`` for no holidays. Features describe the date itself (weekday, day of month, days to the
month end for paydays, month) and its distance to the nearest holidays, because cash is drawn
before a holiday and not on it. Some calendars also move working days onto weekends (China's
调休: a Saturday or Sunday that is a working day, to make a holiday a week long);
:func:`makeup_workdays` says which, and :func:`makeup_schedules` which weekday's schedule each
follows.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

#: Distances to the next or last holiday are capped at this many days.
HOLIDAY_REACH = 10
#: Days either side of a holiday that know which holiday is near (:func:`holiday_identity`).
IDENTITY_REACH = 7


def holiday_calendar(country: str | None, years: range) -> set:
    """The set of holiday dates (``datetime.date``) for ``country`` in ``years``."""
    return set(_country_holidays(country, years)) if country else set()


def named_holidays(country: str | None, years: range) -> list[tuple[pd.Timestamp, str]]:
    """``(date, name)`` of every holiday of ``country`` in ``years``, by date."""
    if not country:
        return []
    return sorted((pd.Timestamp(day), str(name))
                  for day, name in _country_holidays(country, years).items())


def holiday_identity(dates: pd.DatetimeIndex, country: str | None) -> dict[str, np.ndarray]:
    """Per date, which holiday is nearest within :data:`IDENTITY_REACH` days (``holiday``: its
    name's rank among the calendar's names, -1 for none) and how many days from it
    (``days_from_holiday``, negative before; ``IDENTITY_REACH + 1`` for none): Christmas Eve and
    the Saturday before a bank holiday Monday are both a day or two before a holiday, but not
    the same day."""
    days = pd.DatetimeIndex(dates).normalize()
    none = {"holiday": np.full(len(days), -1.0),
            "days_from_holiday": np.full(len(days), IDENTITY_REACH + 1.0)}
    if len(days) == 0:
        return none
    marks = named_holidays(country, range(days.min().year - 1, days.max().year + 2))
    if not marks:
        return none
    ranks = {name: rank for rank, name in enumerate(sorted({name for _, name in marks}))}
    day_of = np.array([stamp.value for stamp, _ in marks]) // 86_400_000_000_000
    ordinal = days.to_numpy().astype("datetime64[D]").astype("int64")
    offsets = ordinal[:, None] - day_of[None, :]
    nearest = np.argmin(np.abs(offsets), axis=1)
    offset = offsets[np.arange(len(ordinal)), nearest]
    near = np.abs(offset) <= IDENTITY_REACH
    rank = np.array([ranks[name] for _, name in marks], dtype="float64")[nearest]
    return {"holiday": np.where(near, rank, -1.0),
            "days_from_holiday": np.where(near, offset, IDENTITY_REACH + 1.0)}


def makeup_workdays(dates: pd.DatetimeIndex, country: str | None) -> np.ndarray:
    """Per date: a Saturday or Sunday that ``country``'s calendar makes a working day (a make-up
    day, 调休), on which demand looks like a weekday's, not a weekend's."""
    days = pd.DatetimeIndex(dates).normalize()
    if not country or len(days) == 0:
        return np.zeros(len(days), dtype=bool)
    # A make-up day for January's holiday can fall in December of the year before.
    calendar = _country_calendar(country, range(days.min().year - 1, days.max().year + 2))
    moved = pd.DatetimeIndex(sorted(pd.Timestamp(day) for day in calendar.weekend_workdays))
    return days.isin(moved)


def makeup_schedules(dates: pd.DatetimeIndex, country: str | None) -> np.ndarray:
    """Per date: for a make-up day (:func:`makeup_workdays`), the weekday whose schedule it
    follows (0 for Monday to 4 for Friday); -1 for every other date.

    A make-up day is worked in place of a weekday the calendar gives off, and follows that
    weekday's schedule. The ``holidays`` package pairs the two: the day off is named after the
    make-up day it is substituted from (``Day off (substituted from 02/14/2026)``: Friday 20
    February 2026 for Saturday the 14th). Where a make-up day's day off cannot be read from
    the names, it follows the weekday of the nearest holiday on a weekday, the holiday it
    makes up for."""
    days = pd.DatetimeIndex(dates).normalize()
    schedules = np.full(len(days), -1, dtype=np.int64)
    makeup = makeup_workdays(days, country)
    if not makeup.any():
        return schedules
    calendar = _country_calendar(country, range(days.min().year - 1, days.max().year + 2))
    swapped = _swapped_days_off(calendar)
    weekday_holidays = pd.DatetimeIndex(sorted(d for d in calendar if d.weekday() < 5))
    for position in np.flatnonzero(makeup):
        day = days[position]
        off = swapped.get(day.date())
        if off is None and len(weekday_holidays):
            off = weekday_holidays[np.argmin(np.abs((weekday_holidays - day).days))]
        schedules[position] = -1 if off is None else off.weekday()
    return schedules


def _swapped_days_off(calendar) -> dict:
    """Make-up day -> the weekday off substituted from it, as ``calendar`` names the day off
    (in its language and date format)."""
    fmt = getattr(calendar, "substituted_date_format", None)
    if not fmt:
        return {}
    localized = calendar.tr  # the holidays package's gettext, not Qt's
    named = {day.strftime(localized(fmt)): day for day in calendar.weekend_workdays}
    return {named[label]: off for off, name in calendar.items() if off.weekday() < 5
            for label in named if label in name}


def _country_holidays(country: str, years: range) -> dict:
    return dict(_country_calendar(country, years))


def _country_calendar(country: str, years: range):
    """The ``holidays`` package's calendar of ``country`` for ``years``."""
    import holidays

    code, _, subdivision = country.partition("-")
    try:
        return holidays.country_holidays(
            code.upper(), subdiv=subdivision.upper() or None, years=list(years)
        )
    except NotImplementedError as error:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "unknown holiday calendar {country!r}; use a country code such as CN, US or "
            "GB-ENG").format(country=country)) from error


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


#: Calendars offered when the data's own dips suggest another one.
CANDIDATES = ("CN", "GB-ENG", "US", "HK", "TW", "SG", "DE", "FR", "JP")
#: A day whose fleet demand is below this share of its weekday's usual level is a dip.
DIP_RATIO = 0.7
#: Locales whose holidays the forecast takes when the registry does not say where the ATMs are.
LOCALE_CALENDARS = {"zh_CN": "CN", "zh_HK": "HK", "zh_TW": "TW", "en_GB": "GB-ENG",
                    "en_US": "US", "de_DE": "DE", "fr_FR": "FR", "ja_JP": "JP", "en_SG": "SG"}
#: Rough boxes (south, north, west, east) of where the ATMs are, from the registry's coordinates.
REGIONS = (("HK", 22.1, 22.6, 113.8, 114.5), ("TW", 21.8, 25.4, 119.9, 122.1),
           ("SG", 1.1, 1.5, 103.6, 104.1), ("GB-ENG", 49.9, 55.9, -6.5, 1.8),
           ("CN", 18.0, 53.6, 73.5, 134.8), ("US", 24.5, 49.4, -125.0, -66.9),
           ("DE", 47.2, 55.1, 5.8, 15.1), ("FR", 42.3, 51.1, -4.8, 8.3),
           ("JP", 24.0, 45.6, 122.9, 146.0))


def holidays_for(choice: str | None, devices: pd.DataFrame | None,
                 locale_name: str | None) -> str | None:
    """The calendar a user's choice means: ``auto`` (or nothing) is :func:`default_calendar`
    from the registry's coordinates and the locale, ``none`` or empty is no calendar, anything
    else a calendar code."""
    text = (choice or "auto").strip()
    if text.lower() == "auto":
        if devices is None or devices.empty:
            return default_calendar(np.array([]), np.array([]), locale_name)
        return default_calendar(devices["latitude"].to_numpy(float),
                                devices["longitude"].to_numpy(float), locale_name)
    return None if text.lower() in ("", "none") else text


def default_calendar(latitude: np.ndarray, longitude: np.ndarray,
                     locale_name: str | None) -> str | None:
    """The holiday calendar where the registry's ATMs stand (their median coordinates), else
    the user's locale's, else none."""
    lat, lon = np.asarray(latitude, float), np.asarray(longitude, float)
    known = np.isfinite(lat) & np.isfinite(lon)
    if known.any():
        middle_lat, middle_lon = np.median(lat[known]), np.median(lon[known])
        for code, south, north, west, east in REGIONS:
            if south <= middle_lat <= north and west <= middle_lon <= east:
                return code
    return LOCALE_CALENDARS.get(str(locale_name or "").split(".")[0])


def demand_dips(dates: pd.DatetimeIndex, values: np.ndarray) -> pd.DatetimeIndex:
    """Days on which the fleet drew clearly less than on the same weekday around them
    (relative to each ATM's level; days most ATMs did not record are left out)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        level = np.nanmean(values, axis=1, keepdims=True)
    level = np.where(np.isfinite(level) & (level > 0), level, np.nan)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        relative = np.nanmean(values / level, axis=0)
        recorded = np.isfinite(values).mean(axis=0) >= 0.5
    series = pd.Series(np.where(recorded, relative, np.nan), index=pd.DatetimeIndex(dates))
    usual = pd.Series(np.nan, index=series.index)
    for weekday in range(7):
        same = series[series.index.day_of_week == weekday]
        usual[same.index] = same.rolling(7, center=True, min_periods=3).median()
    dips = (series < DIP_RATIO * usual) & (usual > 0)
    return pd.DatetimeIndex(series.index[dips.to_numpy()])


def calendar_warning(dates: pd.DatetimeIndex, values: np.ndarray,
                     country: str | None) -> str | None:
    """A warning when another calendar knows clearly more of the days on which demand dips
    than ``country``'s does (naming it); ``None`` when the calendar fits as well as any."""
    dips = demand_dips(dates, values)
    if len(dips) < 2:
        return None
    years = range(dips.min().year, dips.max().year + 1)

    def known(code: str | None) -> int:
        if not code:
            return 0
        days = {pd.Timestamp(d) for d in holiday_calendar(code, years)}
        return sum(d in days for d in dips)

    own = known(country)
    if own == len(dips):
        return None
    scores = {code: known(code) for code in CANDIDATES if code != country}
    best = max(scores, key=scores.get)
    if scores[best] < own + 2:
        return None
    if not country:
        return QT_TRANSLATE_NOOP(
            "Core", "Demand dips on {count} day(s) and no holiday calendar is set; the {best} "
            "calendar knows {known} of them (e.g. {example}): choose it.").format(
                count=len(dips), best=best, known=scores[best],
                example=str(dips[0].date()))
    return QT_TRANSLATE_NOOP(
        "Core", "Demand dips on {count} day(s); the {calendar} holiday calendar knows {own} of "
        "them, the {best} calendar {known}: choose {best} if the ATMs are there.").format(
            count=len(dips), calendar=country, own=own, best=best, known=scores[best])
