"""Calendar effects on cash demand in Chinese cities: weekdays, paydays, holidays, seasons.

Each function returns one multiplier per day of a date range; the fleet simulator multiplies
them into an ATM's base demand. The effects are those bank cash managers plan for: salary days,
the red-envelope rush before the Spring Festival and the empty cities during it, golden weeks,
a mild winter peak and the slow decline of cash as mobile payment spreads.
"""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd

#: Demand by weekday (Monday first) for each kind of ATM site.
WEEKDAY_PROFILES: dict[str, tuple[float, ...]] = {
    "branch": (1.05, 1.00, 1.00, 1.00, 1.15, 0.85, 0.70),
    "mall": (0.85, 0.85, 0.90, 0.90, 1.10, 1.35, 1.30),
    "transit": (1.05, 1.00, 1.00, 1.05, 1.20, 0.90, 0.80),
    "hospital": (1.15, 1.10, 1.05, 1.00, 1.00, 0.85, 0.80),
    "campus": (1.00, 1.00, 1.00, 1.00, 1.10, 0.95, 0.90),
    "office": (1.10, 1.05, 1.05, 1.05, 1.20, 0.50, 0.40),
}


def china_holidays(dates: pd.DatetimeIndex) -> dict[pd.Timestamp, str]:
    """Public holidays of mainland China over ``dates``, date -> name."""
    calendar = holidays.country_holidays("CN", years=sorted(set(dates.year)))
    return {pd.Timestamp(day): name for day, name in calendar.items()}


def weekday_effect(dates: pd.DatetimeIndex, site: str) -> np.ndarray:
    return np.asarray(WEEKDAY_PROFILES[site])[dates.day_of_week]


def payday_effect(
    dates: pd.DatetimeIndex, payday: int, off_days: set[pd.Timestamp]
) -> np.ndarray:
    """+35% on salary day, +20% the day after, +8% the day after that; the salary day moves to
    the previous working day when it falls on a weekend or holiday. Month ends add +10%."""
    effect = np.ones(len(dates))
    position = {day: i for i, day in enumerate(dates)}
    for month_start in pd.date_range(dates[0].replace(day=1), dates[-1], freq="MS"):
        day = month_start + pd.Timedelta(days=payday - 1)
        while day.day_of_week >= 5 or day in off_days:
            day -= pd.Timedelta(days=1)
        for lag, boost in enumerate((0.35, 0.20, 0.08)):
            index = position.get(day + pd.Timedelta(days=lag))
            if index is not None:
                effect[index] *= 1 + boost
    effect[dates.is_month_end | (dates + pd.Timedelta(days=1)).is_month_end] *= 1.10
    return effect


def holiday_effect(
    dates: pd.DatetimeIndex, site: str, named_holidays: dict[pd.Timestamp, str]
) -> np.ndarray:
    """Spring Festival rush and lull, golden-week shifts, quieter single holidays."""
    effect = np.ones(len(dates))
    position = {day: i for i, day in enumerate(dates)}
    for day, name in named_holidays.items():
        index = position.get(day)
        if "New Year's Eve" in name:
            for before in range(1, 15):
                earlier = position.get(day - pd.Timedelta(days=before))
                if earlier is not None:
                    effect[earlier] *= 1 + 0.9 * (1 - before / 15)
            if index is not None:
                effect[index] *= 1.3
            lull = 0.3 if site in ("campus", "office") else 0.55
            for after in range(1, 8):
                later = position.get(day + pd.Timedelta(days=after))
                if later is not None:
                    effect[later] *= lull
        elif index is None or "Spring Festival" in name:
            continue
        elif "National Day" in name:
            effect[index] *= {"mall": 1.2, "transit": 1.2, "office": 0.4}.get(site, 0.8)
        else:
            effect[index] *= 0.85
            eve = position.get(day - pd.Timedelta(days=1))
            if eve is not None and (day - pd.Timedelta(days=1)) not in named_holidays:
                effect[eve] *= 1.15
    if site == "campus":
        effect[np.isin(dates.month, (7, 8))] *= 0.5
    return effect


def season_and_trend(dates: pd.DatetimeIndex, yearly_decline: float = 0.06) -> np.ndarray:
    """A mild winter peak and a steady decline of cash use (mobile payment)."""
    winter = 1 + 0.06 * np.cos(2 * np.pi * (dates.day_of_year - 15) / 365.25)
    years = (dates - dates[0]).days / 365.25
    return winter * np.exp(-yearly_decline * years)
