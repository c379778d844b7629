"""Make-up working days (China's 调休) in the cash plan: a Saturday or Sunday the calendar makes
a working day is a weekday for the CIT crews: no weekend surcharge, a visit day of a route that
visits the weekday whose schedule it follows (the weekday off it is swapped for, as the
``holidays`` package pairs them), and a day of the fixed rule's weekday visits. Without such
days (the English calendar, no calendar) the rules are what they were."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.core.cashplan import RouteSettings, atm_rules, make_plan
from iotfin_gui.core.cashplan.backtest import Window, replay
from iotfin_gui.core.cashplan.demand import DemandModel
from iotfin_gui.core.cashplan.inputs import calendar_days
from iotfin_gui.core.forecast import calendar
from iotfin_gui.core.forecast.calendar import holiday_calendar, makeup_schedules, makeup_workdays

#: Monday before the 2026 Spring Festival; the calendar works Saturdays 14 and 28 February.
MONDAY = pd.Timestamp("2026-02-09")
DATES = pd.date_range(MONDAY, periods=21)
MAKEUP = [pd.Timestamp("2026-02-14"), pd.Timestamp("2026-02-28")]
SUNDAY = pd.Timestamp("2026-02-15")
WEEKDAYS = (0, 1, 2, 3, 4)


def route(**changes) -> RouteSettings:
    values = dict(denomination=1.0, notes_per_bundle=5, visit_cost=100.0, surcharge=50.0,
                  idle_rate=0.05, stockout_penalty=50.0, lead_days=0, max_interval=14)
    return RouteSettings(**{**values, **changes})


def flat_model(n: int = 1, days: int = 21, start: pd.Timestamp = MONDAY) -> DemandModel:
    """ATMs drawing exactly 10 a day from ``start``."""
    return DemandModel([f"A{i}" for i in range(n)], start, np.full((n, days), 10.0),
                       np.full(n, 10.0), np.zeros((200, days)), max_cycle=14)


def test_the_cn_calendar_names_its_makeup_saturdays_and_the_spring_festival() -> None:
    assert list(DATES[makeup_workdays(DATES, "CN")]) == MAKEUP
    days = calendar_days("CN", pd.date_range("2026-02-01", "2026-02-27"))
    assert list(days["makeup_days"]) == MAKEUP[:1]
    festival = {dt.date(2026, 2, day) for day in (16, 17, 18, 19, 20, 23)}
    assert festival <= days["public_holidays"]
    assert calendar_days(None, DATES) == {"public_holidays": set(), "makeup_days": {}}


#: China's make-up days of 2026 and the weekday off each is swapped for (0 = Monday).
SCHEDULES_2026 = {"2026-01-04": 4, "2026-02-14": 4, "2026-02-28": 0, "2026-05-09": 1,
                  "2026-09-20": 1, "2026-10-10": 2}


def test_each_makeup_day_follows_the_weekday_it_is_swapped_for() -> None:
    dates = pd.date_range("2026-01-01", "2026-12-31")
    schedules = makeup_schedules(dates, "CN")
    assert {f"{d:%Y-%m-%d}": int(w) for d, w in zip(dates, schedules, strict=True)
            if w >= 0} == SCHEDULES_2026
    assert (schedules >= 0).tolist() == makeup_workdays(dates, "CN").tolist()
    assert calendar_days("CN", dates)["makeup_days"] == {
        pd.Timestamp(d): w for d, w in SCHEDULES_2026.items()}
    assert (makeup_schedules(dates, "GB-ENG") == -1).all()
    assert (makeup_schedules(dates, None) == -1).all()


def test_every_makeup_day_of_the_calendar_follows_a_weekday() -> None:
    dates = pd.date_range("2001-01-01", "2026-12-31")
    schedules = makeup_schedules(dates, "CN")
    makeup = makeup_workdays(dates, "CN")
    assert makeup.sum() > 100 and set(schedules[makeup].tolist()) <= set(range(5))


def test_without_the_pairing_a_makeup_day_follows_the_nearest_weekday_holiday(
        monkeypatch) -> None:
    monkeypatch.setattr(calendar, "_swapped_days_off", lambda _: {})
    schedules = makeup_schedules(DATES, "CN")
    # Saturday 14 February: New Year's Eve, Monday the 16th; Saturday 28: Monday the 23rd.
    assert schedules[DATES.isin(MAKEUP)].tolist() == [0, 0]


def test_a_makeup_saturday_is_a_weekday_visit_without_the_surcharge() -> None:
    weekly = route(atms=("A0",), visit_days=WEEKDAYS)
    spaced = route(route="mwf", visit_days=(0, 2, 4))
    rules = atm_rules([weekly, spaced], ["A0", "A1"], DATES, 1_000.0,
                      **calendar_days("CN", DATES))
    saturday, sunday = DATES.get_loc(MAKEUP[0]), DATES.get_loc(SUNDAY)
    festival = DATES.get_loc(pd.Timestamp("2026-02-17"))  # a Tuesday off
    assert rules.allowed[0, saturday] and not rules.allowed[0, sunday]
    assert rules.allowed[1, saturday]  # worked as Friday 20 February, a Friday visit
    assert rules.visit_cost[:, saturday].tolist() == [100.0, 100.0]
    assert rules.visit_cost[:, sunday].tolist() == [150.0, 150.0]
    assert rules.visit_cost[:, festival].tolist() == [150.0, 150.0]  # a holiday as before
    assert rules.working_day[saturday] and not rules.working_day[sunday]
    assert rules.working_day[festival]


def test_a_cit_holiday_on_a_makeup_day_still_closes_it() -> None:
    closed = route(visit_days=WEEKDAYS, cit_holidays=("2026-02-14",))
    rules = atm_rules([closed], ["A0"], DATES, 1_000.0, **calendar_days("CN", DATES))
    assert not rules.allowed[0, DATES.get_loc(MAKEUP[0])]


def test_the_english_calendar_and_no_calendar_are_unchanged() -> None:
    dates = pd.date_range("2026-12-21", "2027-01-10")  # Christmas, New Year
    routes = [route(visit_days=WEEKDAYS), route(route="any", atms=("A1",),
                                                visit_days=tuple(range(7)))]
    english = atm_rules(routes, ["A0", "A1"], dates, 1_000.0,
                        **calendar_days("GB-ENG", dates))
    before = atm_rules(routes, ["A0", "A1"], dates, 1_000.0,
                       public_holidays=holiday_calendar("GB-ENG", range(2026, 2028)))
    for name in ("allowed", "visit_cost", "working_day"):
        np.testing.assert_array_equal(getattr(english, name), getattr(before, name))
    weekend = dates.day_of_week >= 5
    np.testing.assert_array_equal(english.working_day, ~weekend)
    assert (english.visit_cost[:, weekend] == 150.0).all()
    none = atm_rules(routes, ["A0", "A1"], dates, 1_000.0, **calendar_days(None, dates))
    np.testing.assert_array_equal(none.allowed, before.allowed)


def test_a_weekday_route_plans_the_makeup_saturday_at_the_weekday_cost() -> None:
    # 25 in the cassettes is two and a half days: a Friday fill cannot last the weekend.
    cn = make_plan(flat_model(), [route(visit_days=WEEKDAYS)], {"A0": 20.0}, today=MONDAY,
                   level=0.9, capacity=25.0, holidays_country="CN")
    saturday = cn[cn["date"] == MAKEUP[0]]
    assert len(saturday) == 1 and saturday["visit_cost"].iloc[0] == 100.0
    assert saturday["note"].iloc[0] == ""
    assert SUNDAY not in set(cn["date"])
    english = make_plan(flat_model(), [route(visit_days=WEEKDAYS)], {"A0": 20.0},
                        today=MONDAY, level=0.9, capacity=25.0, holidays_country="GB-ENG")
    assert not (english["date"].dt.day_of_week >= 5).any()
    friday = english[english["date"] == pd.Timestamp("2026-02-13")]
    assert friday["note"].str.contains("capacity too small").all()


def test_the_fixed_rule_visits_on_a_makeup_saturday() -> None:
    # From Thursday 8 October 2026, after the golden week: Saturday the 10th is worked.
    model = flat_model(days=14, start=pd.Timestamp("2026-10-08"))
    window = Window(model, np.full((1, 14), 10.0))
    cn = atm_rules([route(visit_days=WEEKDAYS)], model.ids, model.dates, 25.0,
                   **calendar_days("CN", model.dates))
    english = atm_rules([route(visit_days=WEEKDAYS)], model.ids, model.dates, 25.0)
    with_makeup, without = replay(window, cn, "fixed"), replay(window, english, "fixed")
    sunday = 3  # refilled on the Saturday, the ATM lasts the Sunday
    assert with_makeup.fleet_stockouts[sunday] == 0 and without.fleet_stockouts[sunday] == 1
    assert with_makeup.stockout_days < without.stockout_days
    assert with_makeup.surcharged_visits == 0


@pytest.mark.parametrize("country", ["CN", "GB-ENG", None])
def test_only_weekend_days_count_as_makeup_days(country) -> None:
    dates = pd.date_range("2025-01-01", "2026-12-31")
    days = calendar_days(country, dates)
    assert all(pd.Timestamp(d).day_of_week >= 5 for d in days["makeup_days"])
    if country != "CN":
        assert len(days["makeup_days"]) == 0


def test_a_route_visits_a_makeup_day_that_follows_one_of_its_weekdays() -> None:
    dates = pd.date_range("2026-01-01", "2026-12-31")
    routes = [route(route="tue-thu", atms=("A0",), visit_days=(1, 3)),
              route(route="mon", atms=("A1",), visit_days=(0,)),
              route(route="sat", atms=("A2",), visit_days=(5,))]
    rules = atm_rules(routes, ["A0", "A1", "A2"], dates, 1_000.0,
                      **calendar_days("CN", dates))
    for day, weekday in SCHEDULES_2026.items():
        at = dates.get_loc(pd.Timestamp(day))
        saturday = pd.Timestamp(day).day_of_week == 5
        assert rules.allowed[:, at].tolist() == [weekday in (1, 3), weekday == 0, saturday]
        assert rules.working_day[at] and (rules.visit_cost[:, at] == 100.0).all()


def test_a_weekday_route_visits_every_makeup_day_as_before() -> None:
    dates = pd.date_range("2024-01-01", "2026-12-31")
    rules = atm_rules([route(visit_days=WEEKDAYS, cit_holidays=("2026-02-14",))], ["A0"],
                      dates, 1_000.0, **calendar_days("CN", dates))
    makeup = makeup_workdays(dates, "CN")
    before = ((dates.day_of_week < 5) | makeup) & (dates != pd.Timestamp("2026-02-14"))
    np.testing.assert_array_equal(rules.allowed[0], before)
