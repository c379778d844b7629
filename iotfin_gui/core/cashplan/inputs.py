"""The per-ATM, per-day rules the optimiser reads, from the route settings and the fleet.

:func:`fleet_atms` lists the ATMs a route may name (the registry's and a dataset's);
:func:`atm_rules` turns the routes (:mod:`.routes`) into the per-ATM, per-day arrays the
optimiser reads, on a country's calendar (:func:`calendar_days`): a public holiday costs the
surcharge, and a make-up working day (China's 调休, a Saturday or Sunday worked as a weekday) is
a weekday: no surcharge, and a visit day of every route that visits the weekday whose schedule
it follows (:func:`.calendar.makeup_schedules`: the weekday off it is swapped for; Saturday
14 February 2026 is worked as Friday the 20th). A bundle larger than the cassettes is refused
where it is known: a route's own capacity by :func:`.routes.route_problems`, the registry's (or
a given) capacity of an ATM by :func:`capacity_problems`, which :func:`atm_rules` and the
window's route editor call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core.cashplan.optimise import AtmRules
from iotfin_gui.core.cashplan.routes import RouteSettings, amount_text, route_of
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast.calendar import holiday_calendar, makeup_schedules
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message, placed
from iotfin_gui.core.store import Store, quote


def fleet_atms(store: Store, dataset: str | None = None) -> list[str]:
    """The ATMs a route may name, sorted: the device registry's and, when ``dataset`` is a
    stored dataset with a ``device_id`` column, the distinct ids in its rows (one DuckDB query;
    the rows are not loaded)."""
    atms = set(store.devices()["device_id"].astype(str))
    info = store.dataset(dataset) if dataset and store.has_dataset(dataset) else None
    column = info.column_for("device_id") if info is not None else None
    if info is not None and column is not None:
        rows = store.query_dataset(
            info, f"SELECT DISTINCT {quote(column)} FROM data WHERE {quote(column)} IS NOT NULL")
        atms.update(str(row[0]) for row in rows)
    return sorted(atms)


def registry_capacity(store: Store) -> pd.Series:
    """The device registry's cassette capacity per ATM id (ATMs without one left out)."""
    devices = store.devices().dropna(subset=["cassette_capacity"])
    return devices.set_index(devices["device_id"].astype(str))["cassette_capacity"].astype(float)

def atm_capacity(route: RouteSettings, atm: str,
                 capacity: Mapping[str, float] | pd.Series | float | None) -> float | None:
    """The cassette capacity of ``atm`` on ``route``: the route's, else ``capacity`` (one
    number, or per ATM as the registry gives it); ``None`` when neither knows a positive one."""
    amount = route.capacity
    if amount is None:
        if isinstance(capacity, (Mapping, pd.Series)):
            amount = capacity.get(atm)
        elif capacity is not None:
            amount = capacity
    if amount is None or not np.isfinite(amount) or amount <= 0:
        return None
    return float(amount)


def capacity_problems(routes: Sequence[RouteSettings], atms: Iterable[str],
                      capacity: Mapping[str, float] | pd.Series | float | None
                      ) -> list[tuple[int, str, Message]]:
    """Per route (row from 1, column ``capacity``, message), the first of ``atms`` whose
    cassettes (:func:`atm_capacity`) hold less than one of the route's bundles, so that no fill
    would fit: the message names the ATM, the capacity, the bundle and how many of the route's
    ATMs are too small (the row names the route)."""
    listed = {atm: row for row, route in reversed(list(enumerate(routes, start=1)))
              for atm in route.atms}
    catch_all = next((row for row, route in enumerate(routes, start=1) if not route.atms), None)
    per_atm = _per_atm(capacity)
    small: dict[int, list[tuple[str, float]]] = {}
    for atm in map(str, atms):
        row = listed.get(atm, catch_all)
        route = None if row is None else routes[row - 1]
        if route is None or route.denomination <= 0:
            continue
        amount = atm_capacity(route, atm, per_atm)
        if amount is not None and route.bundle > amount:
            small.setdefault(row, []).append((atm, amount))
    problems = []
    for row, found in sorted(small.items()):
        route = routes[row - 1]
        atm, amount = found[0]
        problems.append((row, "capacity", QT_TRANSLATE_NOOP(
            "Core", "ATM {atm!r} holds {capacity} in its cassettes, less than one bundle of "
            "{bundle} ({notes} notes of {denomination}), so no fill would fit ({count} ATM(s) "
            "of the route too small); lower the notes per bundle or the note value").format(
                atm=atm, capacity=amount_text(amount),
                bundle=amount_text(route.bundle), notes=amount_text(route.notes_per_bundle),
                denomination=amount_text(route.denomination), count=len(found))))
    return problems


def _per_atm(capacity: Mapping[str, float] | pd.Series | float | None
             ) -> pd.Series | float | None:
    """``capacity`` with ATM ids as text when it is given per ATM."""
    if not isinstance(capacity, (Mapping, pd.Series)):
        return capacity
    per_atm = pd.Series(capacity, dtype=float)
    per_atm.index = per_atm.index.astype(str)
    return per_atm


def calendar_days(country: str | None, dates: pd.DatetimeIndex) -> dict[str, Any]:
    """The calendar keywords of :func:`atm_rules` for ``country`` over ``dates``: its public
    holidays and its make-up working days, each with the weekday whose schedule it follows
    (none without a country)."""
    days = pd.DatetimeIndex(dates).normalize()
    if not country or len(days) == 0:
        return {"public_holidays": set(), "makeup_days": {}}
    years = range(days.min().year, days.max().year + 1)
    schedules = makeup_schedules(days, country)
    return {"public_holidays": holiday_calendar(country, years),
            "makeup_days": {day: int(weekday) for day, weekday in zip(days, schedules,
                                                                      strict=True)
                            if weekday >= 0}}


def atm_rules(routes: Sequence[RouteSettings], ids: Sequence[str], dates: pd.DatetimeIndex,
              capacity: Mapping[str, float] | pd.Series | float | None,
              public_holidays: Iterable[dt.date] = (),
              makeup_days: Mapping[dt.date, int] | None = None) -> AtmRules:
    """The arrays the optimiser reads for ``ids`` over ``dates`` (see :class:`AtmRules`).

    A visit costs the surcharge on Saturdays, Sundays and ``public_holidays``, but not on
    ``makeup_days`` (weekend days the calendar makes working days -> the weekday whose schedule
    each follows, 0 for Monday), which are also visit days of every route that visits on that
    weekday (:func:`calendar_days` gives both for a country). A route's ``capacity`` wins over
    ``capacity`` (a number or the registry's per ATM). Raises :class:`InputError` for an ATM
    on no route or without a capacity, and for a route whose bundle is larger than a planned
    ATM's cassettes (:func:`capacity_problems`: no fill would fit, and the plan would silently
    leave the ATM empty).
    """
    days = pd.DatetimeIndex(dates).normalize()
    weekday = days.day_of_week.to_numpy()
    public = days.isin(pd.DatetimeIndex([pd.Timestamp(d) for d in public_holidays]))
    follows = {pd.Timestamp(d).normalize(): w for d, w in (makeup_days or {}).items()}
    schedule = np.array([follows.get(day, -1) for day in days], dtype=np.int64)
    makeup = (schedule >= 0) & (weekday >= 5)
    schedule = np.where(makeup, schedule, -1)
    working = (weekday < 5) | makeup
    expensive = ~working | public
    per_atm = _per_atm(capacity)
    rows: dict[str, list] = {k: [] for k in ("allowed", "visit_cost", "capacity", "bundle",
                                             "daily_rate", "penalty", "lead_days",
                                             "max_interval")}
    missing_capacity = []
    # Each route's visit days and visit costs over the days, made once per route.
    route_days: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for atm in ids:
        route = route_of(routes, atm)
        if route is None:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "ATM {atm!r} is on no route; add it to a route or add a route for every "
                "other ATM").format(atm=atm), column="atms")
        if id(route) not in route_days:
            closed = days.isin(pd.DatetimeIndex([pd.Timestamp(d) for d in route.cit_holidays]))
            route_days[id(route)] = (
                (np.isin(weekday, route.visit_days) | np.isin(schedule, route.visit_days))
                & ~closed,
                route.visit_cost + route.surcharge * expensive)
        allowed, cost = route_days[id(route)]
        rows["allowed"].append(allowed)
        rows["visit_cost"].append(cost)
        amount = atm_capacity(route, atm, per_atm)
        if amount is None:
            missing_capacity.append(atm)
            amount = np.nan
        rows["capacity"].append(amount)
        rows["bundle"].append(route.bundle)
        rows["daily_rate"].append(route.idle_rate / 365.0)
        rows["penalty"].append(route.stockout_penalty)
        rows["lead_days"].append(route.lead_days)
        rows["max_interval"].append(route.max_interval)
    if missing_capacity:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "No cassette capacity for {count} ATM(s) (e.g. {example}); set it for the "
            "route or import a device registry.").format(count=len(missing_capacity),
                                                         example=missing_capacity[0]),
            column="capacity")
    too_small = capacity_problems(routes, ids, per_atm)
    if too_small:
        row, column, message = too_small[0]
        raise InputError(placed([QT_TRANSLATE_NOOP("Core", "route {route!r}").format(
            route=routes[row - 1].route)], message), column=column)
    return AtmRules(**{k: np.array(v) for k, v in rows.items()}, working_day=working)
