"""Outages on a Chinese bank's fleet: Spring Festival, golden week and make-up working days are
demand, not recording faults, and setting the real faults aside does not hurt a forecast over
Spring Festival. The fleet is :mod:`cn_fleet`'s (the official 2023-2026 schedules)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from cn_fleet import MAKEUP_DAYS, OUTAGE_DAY, OUTAGE_SHARE, ZERO_DAYS, cn_fleet, off_days
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.forecast import ml
from iotfin_gui.core.forecast.calendar import makeup_workdays
from iotfin_gui.core.forecast.data import impute
from iotfin_gui.core.forecast.metrics import smape
from iotfin_gui.core.forecast.models import History
from iotfin_gui.core.forecast.outages import (
    OUTAGE_RATIO,
    _median_of,
    holiday_breaks,
    out_of_service,
    outage_days,
    usual_levels,
)
from iotfin_gui.core.parallel import limit_threads


def history(values: np.ndarray, dates: pd.DatetimeIndex, seed: int = 0) -> History:
    return History(values, impute(values), dates, "CN", seed=seed)


def test_the_calendar_knows_every_make_up_working_day_of_the_official_schedules():
    dates = pd.date_range("2023-01-01", "2026-12-31")
    assert dates[makeup_workdays(dates, "CN")].equals(MAKEUP_DAYS)
    assert not makeup_workdays(dates, "GB-ENG").any()
    assert not makeup_workdays(dates, None).any()
    december = pd.date_range("2001-12-20", "2001-12-31")  # paid for New Year 2002
    assert december[makeup_workdays(december, "CN")].strftime("%m-%d").tolist() == [
        "12-29", "12-30"]


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**16), peak=st.sampled_from([1.9, 2.5, 3.0]))
def test_only_the_genuine_outage_and_the_zero_days_are_set_aside(seed, peak):
    """Whatever the Spring Festival run-up's peak: at 2.5 times, Sunday 2026-02-08 was flagged
    in 5 of 10 seeds when its usual level was its same weekdays (three of them in or just after
    the festival); at 3 times in all 10, with 2026-02-07 or 2025-01-20 as well in 9."""
    fleet = cn_fleet(seed=seed, spring_peak=peak)
    past = history(fleet.recorded, fleet.dates)
    flagged = fleet.dates[outage_days(past)]
    assert flagged.tolist() == [OUTAGE_DAY]
    assert not flagged.isin(off_days()).any() and not flagged.isin(MAKEUP_DAYS).any()
    zeros = {(int(atm), fleet.dates[day]) for atm, day in np.argwhere(out_of_service(past))}
    assert zeros == {(atm, pd.Timestamp(day)) for atm, day in ZERO_DAYS}


#: An ordinary Tuesday a week before Spring Festival 2026 (Tuesday 2026-02-17).
WEEK_BEFORE = pd.Timestamp("2026-02-10")


@pytest.mark.parametrize("peak", [1.9, 2.5, 3.0])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_fleet_at_a_quarter_a_week_before_spring_festival_is_an_outage(seed, peak):
    """Tuesday 2026-02-10, a week before the festival: a run-up never drops to a quarter, and
    left in, that day would be half of what the model ever sees of a week before Spring
    Festival. It was explained by the holiday's nearness before (never flagged); a quarter of
    a run-up day at 2.4 times is 0.6 of its same weekdays, so only the days around it tell."""
    fleet = cn_fleet(seed=seed, spring_peak=peak)
    recorded = fleet.recorded.copy()
    recorded[:, fleet.day(WEEK_BEFORE)] = np.round(recorded[:, fleet.day(WEEK_BEFORE)] / 4, -2)
    flagged = fleet.dates[outage_days(history(recorded, fleet.dates))]
    assert flagged.tolist() == [OUTAGE_DAY, WEEK_BEFORE]


def run_up_workdays(first_day_off: str) -> pd.DatetimeIndex:
    """The fourteen days before a break, without its make-up days (the calendar explains
    those, faulty or not)."""
    days = pd.date_range(end=pd.Timestamp(first_day_off) - pd.Timedelta(days=1), periods=14)
    return days[~days.isin(MAKEUP_DAYS)]


@pytest.mark.parametrize("length", [1, 3, 5, 7])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_fault_of_a_week_or_less_inside_a_steep_run_up_is_an_outage(seed, length):
    """A fleet at a quarter (or nothing) for 1-7 days at the start, in the middle or at the end
    of a 2.5x run-up to Spring Festival 2025 (the first in the history: no year before to
    compare with) or 2026. Judged against the days around it alone, a run of more than three
    faulty days looked normal next to itself and the day after it like a surge: 0 of the 72
    cases of five or seven days and 17 of the 36 of three came out right (330 faulty days
    missed, 64 run-up days flagged); all 144 do now."""
    fleet = cn_fleet(seed=seed, spring_peak=2.5)
    for first_day_off in ("2025-01-28", "2026-02-15"):
        days = run_up_workdays(first_day_off)
        for start in (0, (len(days) - length) // 2, len(days) - length):
            faulty = days[start:start + length]
            for share in (OUTAGE_SHARE, 0.0):
                recorded = fleet.recorded.copy()
                columns = [fleet.day(day) for day in faulty]
                recorded[:, columns] = np.round(recorded[:, columns] * share, -2)
                flagged = fleet.dates[outage_days(history(recorded, fleet.dates))]
                assert flagged.tolist() == sorted([OUTAGE_DAY, *faulty]), (faulty, share)


def test_an_atms_zero_on_a_day_the_bank_is_open_is_out_of_service_whatever_the_calendar():
    """Wednesday 2026-04-01 is three days before Qingming and make-up Saturday 2026-05-09 a
    working day: a single ATM's zero there is a fault (the holiday's nearness excused both
    before). A zero on a day the bank is closed near a holiday (Sunday 2026-04-12, six days
    after Qingming) is still the holiday's, and a fleet at zero is the fleet rule's to judge."""
    fleet = cn_fleet()
    residential = int(np.flatnonzero(~fleet.business)[0])
    recorded = fleet.recorded.copy()
    recorded[7, fleet.day("2026-04-01")] = 0.0
    recorded[8, fleet.day("2026-05-09")] = 0.0
    recorded[residential, fleet.day("2026-04-12")] = 0.0
    recorded[:, fleet.day("2026-04-29")] = 0.0
    zeros = {(int(atm), fleet.dates[day]) for atm, day in
             np.argwhere(out_of_service(history(recorded, fleet.dates)))}
    assert zeros == {(atm, pd.Timestamp(day)) for atm, day in ZERO_DAYS} | {
        (7, pd.Timestamp("2026-04-01")), (8, pd.Timestamp("2026-05-09"))}


def test_the_two_weeks_before_a_long_break_are_its_run_up():
    """Spring Festival 2026 is nine days off (Sunday 02-15 to Monday 02-23, Saturday 02-14
    worked): its run-up is the fourteen days before, make-up Saturday included; Qingming's three
    days off are a holiday break without a run-up. A history that ends in a run-up knows it."""
    dates = pd.date_range("2026-01-01", "2026-04-30")
    in_break, run_up = holiday_breaks(dates, "CN")
    assert dates[run_up].equals(pd.date_range("2026-02-01", "2026-02-14").append(
        pd.date_range("2026-04-17", "2026-04-30")))
    assert pd.date_range("2026-02-15", "2026-02-23").isin(dates[in_break]).all()
    assert pd.date_range("2026-04-04", "2026-04-06").isin(dates[in_break]).all()
    assert not in_break[dates.get_loc(pd.Timestamp("2026-02-14"))]
    ending = pd.date_range("2025-12-01", "2026-02-05")
    assert holiday_breaks(ending, "CN")[1][-5:].all()


def test_make_up_days_eight_days_from_their_holiday_are_not_outages():
    """Sunday 2023-04-23 and Saturday 2024-05-11 were worked for Labour Day, eight days from
    the nearest day off the calendar lists: the fleet drew more than twice its usual weekend
    there, which made them outages before the calendar's make-up days counted. A real outage
    on an ordinary Wednesday of the same years still is one."""
    fleet = cn_fleet(start="2023-01-01", end="2024-12-31")
    recorded = fleet.recorded.copy()
    recorded[:, fleet.day("2023-11-15")] *= 0.25
    with np.errstate(invalid="ignore", divide="ignore"):
        fleet_ratio = _median_of(fleet.recorded / usual_levels(fleet.recorded))
    assert fleet_ratio[fleet.day("2023-04-23")] > OUTAGE_RATIO[1]
    flagged = fleet.dates[outage_days(history(recorded, fleet.dates))]
    assert flagged.tolist() == [pd.Timestamp("2023-11-15")]


#: The forecast starts two weeks before Spring Festival 2026 and runs past its last day off.
ORIGIN, HORIZON = pd.Timestamp("2026-02-01"), 28
#: sMAPE points by which setting outages aside may lose: what another random seed of the model
#: alone moves this score (32.75-33.11 over four seeds). Over eight generated fleets (a longer
#: span, so other noise) setting them aside won by 0.3-1.5 points six times and lost 0.03 and
#: 0.04: no margin to assert.
TOLERANCE = 0.4


@pytest.fixture(scope="module")
def spring_festival_scores() -> dict[str, float]:
    """sMAPE (%) of the global model over Spring Festival 2026, with the outage handling and
    with every recorded day used as demand; one fit each on a single thread."""
    fleet = cn_fleet(start="2024-02-01", end="2026-03-31")
    known = fleet.day(ORIGIN) + 1
    past = history(fleet.recorded[:, :known], fleet.dates[:known])
    truth = fleet.demand[:, known:known + HORIZON]
    assert fleet.dates[known:known + HORIZON].isin(off_days("spring")).sum() == 9
    scores = {}
    with limit_threads(1):
        scores["with"] = float(np.mean(smape(truth, ml.global_boosting(past, HORIZON))))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ml, "without_outages", lambda history: history)
            scores["without"] = float(np.mean(smape(truth, ml.global_boosting(past, HORIZON))))
    return scores


def test_setting_outages_aside_does_not_hurt_the_forecast_over_spring_festival(
        spring_festival_scores):
    assert spring_festival_scores["with"] <= spring_festival_scores["without"] + TOLERANCE


def test_a_make_up_saturday_is_forecast_above_an_ordinary_saturday():
    """Saturday 2026-05-09 is worked for Labour Day: business-district ATMs draw a weekday's
    level, 2.24 times their ordinary Saturdays. The global model knows the day from the
    calendar; without that flag it forecast 1.11-1.16 times (three seeds), with it 1.29-1.31."""
    fleet = cn_fleet()
    known = fleet.day("2026-04-26")
    past = history(fleet.recorded[:, :known], fleet.dates[:known])
    days = fleet.dates[known:known + 28]
    makeup = days.get_loc(pd.Timestamp("2026-05-09"))
    ordinary = [days.get_loc(pd.Timestamp(day)) for day in ("2026-05-16", "2026-05-23")]
    with limit_threads(1):
        forecast = ml.global_boosting(past, len(days))[fleet.business]
    ratio = np.median(forecast[:, makeup] / forecast[:, ordinary].mean(axis=1))
    assert ratio > 1.2
