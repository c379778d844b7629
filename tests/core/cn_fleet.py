"""A deterministic fleet of Chinese bank ATMs' daily withdrawals, for the forecast's tests.

Shaped like what a Chinese bank sees, from the State Council's published holiday schedules
for 2023-2026 (written out here, not taken from the ``holidays`` package the app reads, so the
tests check the app's calendar against the real one):

* a weekday profile (Friday highest); 60 % of the ATMs stand in business districts, whose
  weekends draw a third to a half of a weekday, 40 % in residential and shopping areas, whose
  weekends draw more than their weekdays;
* Spring Festival: withdrawals climb over the two weeks before it to 1.9 times the usual level
  (``spring_peak``: real fleets climb steeper in some cities and years, up to three times),
  collapse during the week or more off (a third of a rest day's level for three days, half
  after) and stay low for a week after, while people travel back;
* National Day's golden week: a third more over the three days before, 60 % during;
  New Year, Qingming, Labour Day, Dragon Boat and Mid-Autumn: a fifth more over the two days
  before, 80 % during;
* make-up working days (调休): a Saturday or Sunday that is a working day draws a weekday's level;
* a few percent more on the first three days of a month (salaries), a slow growth and 15 %
  day-to-day noise.

:func:`cn_fleet` then breaks the recording the way a real feed does: one genuine fleet outage (an
ordinary Wednesday on which every ATM reports a quarter of its demand) and a few single ATMs that
dispensed nothing on an ordinary day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Days off (first, last, kind) of the official schedules 2023-2026, weekends inside included.
OFF_BLOCKS = (
    ("2022-12-31", "2023-01-02", "short"), ("2023-01-21", "2023-01-27", "spring"),
    ("2023-04-05", "2023-04-05", "short"), ("2023-04-29", "2023-05-03", "short"),
    ("2023-06-22", "2023-06-24", "short"), ("2023-09-29", "2023-10-06", "golden"),
    ("2023-12-30", "2024-01-01", "short"), ("2024-02-10", "2024-02-17", "spring"),
    ("2024-04-04", "2024-04-06", "short"), ("2024-05-01", "2024-05-05", "short"),
    ("2024-06-08", "2024-06-10", "short"), ("2024-09-15", "2024-09-17", "short"),
    ("2024-10-01", "2024-10-07", "golden"), ("2025-01-01", "2025-01-01", "short"),
    ("2025-01-28", "2025-02-04", "spring"), ("2025-04-04", "2025-04-06", "short"),
    ("2025-05-01", "2025-05-05", "short"), ("2025-05-31", "2025-06-02", "short"),
    ("2025-10-01", "2025-10-08", "golden"), ("2026-01-01", "2026-01-03", "short"),
    ("2026-02-15", "2026-02-23", "spring"), ("2026-04-04", "2026-04-06", "short"),
    ("2026-05-01", "2026-05-05", "short"), ("2026-06-19", "2026-06-21", "short"),
    ("2026-09-25", "2026-09-27", "short"), ("2026-10-01", "2026-10-07", "golden"),
)
#: Saturdays and Sundays that were working days (调休) in the same schedules.
MAKEUP_DAYS = pd.DatetimeIndex([
    "2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07",
    "2023-10-08", "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
    "2024-09-14", "2024-09-29", "2024-10-12", "2025-01-26", "2025-02-08", "2025-04-27",
    "2025-09-28", "2025-10-11", "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
    "2026-09-20", "2026-10-10",
])
#: Before (days, peak factor) and during (factor) each kind of holiday.
EFFECTS = {"spring": (14, 1.9, 0.5), "golden": (3, 1.35, 0.6), "short": (2, 1.2, 0.8)}
SPRING_PEAK = EFFECTS["spring"][1]
SPRING_COLLAPSE = (3, 0.35)  # the first days of Spring Festival draw even less
SPRING_AFTER = (7, 0.75)     # and the week after it, while people travel back
#: A working day's level by weekday (Mon..Fri); make-up days draw the mean.
WORKDAY = np.array([1.05, 0.95, 0.95, 1.0, 1.2])
#: A rest day's level (Sat, Sun, holidays) for business-district and residential ATMs.
REST = {"business": (0.45, 0.35), "residential": (1.15, 1.05)}
BUSINESS_SHARE = 0.6
#: The genuine outage: every ATM reports a quarter of its demand.
OUTAGE_DAY = pd.Timestamp("2026-01-14")
OUTAGE_SHARE = 0.25
#: (ATM, day) on which a single ATM dispensed nothing: ordinary days far from holidays.
ZERO_DAYS = ((3, "2025-03-12"), (11, "2025-06-17"), (20, "2025-08-20"), (27, "2025-11-25"),
             (35, "2026-03-18"))


@dataclass(frozen=True)
class CnFleet:
    """The fleet's ``demand`` (what customers drew) and ``recorded`` values (what the feed
    reported: the outage and zero days included), per (ATM, day), and which ATMs stand in a
    ``business`` district."""

    dates: pd.DatetimeIndex
    demand: np.ndarray
    recorded: np.ndarray
    business: np.ndarray

    def day(self, text: str | pd.Timestamp) -> int:
        return self.dates.get_loc(pd.Timestamp(text))


def off_days(kind: str | None = None) -> pd.DatetimeIndex:
    """Every day off of the schedules (of one ``kind``: spring, golden, short)."""
    blocks = [pd.date_range(first, last) for first, last, k in OFF_BLOCKS if kind in (None, k)]
    return blocks[0].append(blocks[1:])


def holiday_effect(dates: pd.DatetimeIndex, spring_peak: float = SPRING_PEAK) -> np.ndarray:
    """The fleet's multiplier per date for the days before, during and after each holiday, the
    run-up to Spring Festival peaking at ``spring_peak`` times the usual level."""
    effect = np.ones(len(dates))
    position = pd.Series(np.arange(len(dates)), index=dates)
    for first, last, kind in OFF_BLOCKS:
        before, peak, during = EFFECTS[kind]
        if kind == "spring":
            peak = spring_peak
        start, stop = pd.Timestamp(first), pd.Timestamp(last)
        for k in range(1, before + 1):
            day = start - pd.Timedelta(days=k)
            if day in position.index:
                effect[position[day]] *= 1 + (peak - 1) * (before + 1 - k) / before
        for offset, day in enumerate(pd.date_range(start, stop)):
            if day in position.index:
                collapse = kind == "spring" and offset < SPRING_COLLAPSE[0]
                effect[position[day]] *= SPRING_COLLAPSE[1] if collapse else during
        if kind == "spring":
            for k in range(1, SPRING_AFTER[0] + 1):
                day = stop + pd.Timedelta(days=k)
                if day in position.index:
                    effect[position[day]] *= SPRING_AFTER[1]
    return effect


def cn_fleet(n_atms: int = 40, start: str = "2024-12-01", end: str = "2026-11-30",
             seed: int = 0, spring_peak: float = SPRING_PEAK) -> CnFleet:
    """The fleet from ``start`` to ``end`` (two years ending last month by default), its run-up
    to Spring Festival peaking at ``spring_peak`` times the usual level."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, end)
    business = np.arange(n_atms) < round(BUSINESS_SHARE * n_atms)
    rng.shuffle(business)
    weekday = dates.day_of_week.to_numpy()
    rest = dates.isin(off_days()) | ((weekday >= 5) & ~dates.isin(MAKEUP_DAYS))
    working_level = np.where(weekday < 5, WORKDAY[np.minimum(weekday, 4)], WORKDAY.mean())
    profile = np.empty((n_atms, len(dates)))
    for kind, members in (("business", business), ("residential", ~business)):
        saturday, sunday = REST[kind]
        rest_level = np.where(weekday == 6, sunday, saturday)
        profile[members] = np.where(rest, rest_level, working_level)[None, :]
    level = rng.lognormal(np.log(60_000), 0.4, size=(n_atms, 1))
    growth = 1 + 0.04 * (dates - dates[0]).days.to_numpy() / 365
    payday = np.where(dates.day <= 3, 1.08, 1.0)
    noise = rng.lognormal(0.0, 0.15, size=profile.shape)
    effect = holiday_effect(dates, spring_peak) * growth * payday
    demand = level * profile * effect[None, :] * noise
    demand = np.round(demand, -2)  # 100-yuan notes
    recorded = demand.copy()
    if OUTAGE_DAY in dates:
        outage = dates.get_loc(OUTAGE_DAY)
        recorded[:, outage] = np.round(demand[:, outage] * OUTAGE_SHARE, -2)
    for atm, text in ZERO_DAYS:
        if atm < n_atms and pd.Timestamp(text) in dates:
            recorded[atm, dates.get_loc(pd.Timestamp(text))] = 0.0
    return CnFleet(dates, demand, recorded, business)
