"""The plan proves itself on history: rolling replays against a fixed rule.

Each backtest origin of a forecast is a *window*: the forecast made from the days before it,
the demand that really followed, and demand scenarios whose residual paths come only from the
origins whose demand was known by then (what a forecast made at that origin could have known:
neither its own errors nor later ones shape its distribution; a window with fewer than
:data:`.demand.MIN_SCENARIOS` such paths, the first one always, is not replayed). A replay walks
the window day by day from full cassettes:

* ``plan``: every morning the optimiser re-plans from the cash left (no new forecast) and the
  visit it wants at the end of the lead time is ordered (an order cannot be taken back);
* ``fixed``: the rule a cash manager already uses: on Monday to Friday and the calendar's
  make-up working days (not on CIT holidays), order a refill to capacity when the cash is
  below the 90 % quantile of demand until the next such day.

On a visit the cassettes are filled to the ordered amount; a day whose demand exceeds the cash
in the ATM is a stock-out day. A *cycle* is the time from one visit to the next (the first from
the start); the realised service is the share of cycles without a stock-out, which is what the
plan's service level promises. The costs are those of the route settings: visits with their
surcharge, idle cash at the daily rate, and the stock-out penalty per cycle that ran dry.

Daily replanning lowers the risk the plan priced in, so the plan's internal probability is
calibrated (:func:`calibrate`) on older windows until its realised service lands on the target;
the policy table reports both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iotfin_gui.core.cashplan.demand import MIN_SCENARIOS, DemandModel, ResidualPaths
from iotfin_gui.core.cashplan.optimise import AtmRules, CyclePlanner
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast.data import Panel, impute
from iotfin_gui.core.forecast.intervals import level_scale
from iotfin_gui.core.forecast.service import ForecastResult
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

FIXED_RULE_QUANTILE = 0.9
#: Headrooms the calibration tries: fill to the cycle's need, or up to capacity.
HEADROOMS = (0.0, 1.0)
#: The internal probabilities the calibration searches between.
LEVEL_RANGE = (0.05, 0.999)
#: How close to the target (share of cycles) a calibrated service counts as on it.
TOLERANCE = 0.005
POLICIES: dict[str, Message] = {
    "plan": QT_TRANSLATE_NOOP("Core", "Plan (re-planned daily)"),
    "fixed": QT_TRANSLATE_NOOP("Core", "Fixed rule (Mon-Fri, 90% quantile)"),
}


@dataclass
class Window:
    """One replay window: the demand model made at its origin and the demand that followed."""

    model: DemandModel
    actual: np.ndarray

    @property
    def days(self) -> int:
        return self.actual.shape[1]


@dataclass
class Replay:
    """What happened in one replay: totals and the fleet's cash and stock-outs per day."""

    policy: str
    target: float | None
    level: float | None
    days: int
    atms: int
    visits: int
    surcharged_visits: int
    stockout_days: int
    cycles: int
    failed_cycles: int
    idle_cash: float
    visit_cost: float
    idle_cost: float
    penalty_cost: float
    fleet_cash: np.ndarray
    fleet_stockouts: np.ndarray
    headroom: float = 0.0

    @property
    def service(self) -> float:
        return 1.0 - self.failed_cycles / self.cycles if self.cycles else float("nan")

    @property
    def total_cost(self) -> float:
        return self.visit_cost + self.idle_cost + self.penalty_cost


def windows_from_backtest(panel: Panel, forecasts: np.ndarray, origins: Sequence[int],
                          max_cycle: int, seed: int = 0) -> list[Window]:
    """Windows from backtest forecasts ``(series, origins, horizon)`` made at ``origins``
    (days known) on ``panel``, for the origins with enough earlier errors (see the module
    docstring). Unrecorded days of the actual demand are imputed."""
    k, horizon = forecasts.shape[1:]
    filled = impute(panel.values)
    levels = np.stack([level_scale(impute(panel.values[:, :o])) for o in origins], axis=1)
    actual = np.stack([panel.values[:, o:o + horizon] for o in origins], axis=1)
    relative = (actual - forecasts) / levels[..., None]
    windows = []
    for index, origin in enumerate(origins):
        known = [j for j in range(k) if origins[j] + horizon <= origin]
        if not known:
            continue
        residuals = ResidualPaths.from_backtest(relative[:, known], seed)
        if len(residuals.paths) < MIN_SCENARIOS:
            continue
        model = DemandModel(list(panel.ids), panel.dates[origin - 1] + pd.Timedelta(days=1),
                            forecasts[:, index], levels[:, index] * residuals.spread,
                            residuals.paths, max_cycle=max_cycle,
                            non_negative=panel.non_negative)
        windows.append(Window(model, filled[:, origin:origin + horizon]))
    return windows


def windows_from_forecast(result: ForecastResult, panel: Panel, max_cycle: int) -> list[Window]:
    """The windows of a forecast's own backtest (its chosen model at each origin)."""
    frame = result.backtest[result.backtest["model"] == result.model]
    if frame.empty:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "This forecast has no backtest forecasts (a reopened run); run the forecast "
            "again to backtest the plan."))
    origins = sorted(frame["origin"].unique())
    known = [int(panel.dates.get_loc(pd.Timestamp(o))) + 1 for o in origins]
    table = frame.pivot_table(index=["series_id", "origin"], columns="date", values="forecast")
    forecasts = np.stack([
        np.stack([table.loc[(i, o)].dropna().to_numpy(float) for o in origins])
        for i in panel.ids])
    windows = windows_from_backtest(panel, forecasts, known, max_cycle,
                                    int(result.params.get("seed", 0)))
    if not windows:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "No backtest window has {count} earlier error paths to draw its demand "
            "from; run the forecast with more backtest origins or ATMs.").format(
                count=MIN_SCENARIOS))
    return windows


def _committed_start(fill: np.ndarray, today: int, lead: np.ndarray,
                     cash: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per ATM: the morning from which the plan starts (the last ordered visit before the lead
    time ends, else today), the cash then and whether it is a visit."""
    start, amount = np.full(len(cash), today), cash.copy()
    ordered = np.zeros(len(cash), dtype=bool)
    for ahead in range(int(lead.max()) if len(lead) else 0):
        day = today + ahead
        if day >= fill.shape[1]:
            break
        hit = (ahead < lead) & np.isfinite(fill[:, day])
        start = np.where(hit, day, start)
        amount = np.where(hit, fill[:, day], amount)
        ordered |= hit
    return start, amount, ordered


def _fixed_orders(window: Window, rules: AtmRules, today: int, cash: np.ndarray,
                  fill: np.ndarray, quantiles: np.ndarray) -> None:
    """The fixed rule's orders of ``today`` (for the day the lead time ends) into ``fill``."""
    model = window.model
    n, horizon = len(model.ids), model.horizon
    start, amount, _ = _committed_start(fill, today, rules.lead_days, cash)
    target = today + rules.lead_days
    rows = np.arange(n)
    open_days = rules.working_day[None, :] & rules.allowed
    for i in rows:
        day = int(target[i])
        if day >= min(window.days, horizon) or not open_days[i, day]:
            continue
        later = np.flatnonzero(open_days[i, day + 1:])
        following = day + 1 + int(later[0]) if later.size else horizon
        length = int(np.clip(following - start[i], 1, min(model.max_cycle,
                                                            horizon - start[i])))
        need = quantiles[i, start[i], length - 1]
        if np.isfinite(need) and amount[i] < need:
            top = rules.capacity[i]
            if rules.bundle[i] > 0:
                top = np.floor(top / rules.bundle[i]) * rules.bundle[i]
            fill[i, day] = top


def replay(window: Window, rules: AtmRules, policy: str, *, level: float | None = None,
           target: float | None = None, start_cash: np.ndarray | None = None,
           headroom: float = 0.0) -> Replay:
    """Replay ``window`` under ``policy`` (``plan`` at internal probability ``level``, or
    ``fixed``), starting from ``start_cash`` (default: full cassettes)."""
    model = window.model
    n, days = len(model.ids), window.days
    cash = (rules.capacity if start_cash is None else start_cash).astype(float).copy()
    fill = np.full((n, days + int(rules.lead_days.max()) + 1), np.nan)
    planner = CyclePlanner(model, rules, level, headroom=headroom) if policy == "plan" \
        else None
    quantiles = model.window_quantile(FIXED_RULE_QUANTILE) if policy == "fixed" else None
    surcharge_day = rules.visit_cost > rules.visit_cost.min(axis=1, keepdims=True)
    in_trouble = np.zeros(n, dtype=bool)
    totals = dict(visits=0, surcharged=0, stockout_days=0, cycles=n, failed=0,
                  visit_cost=0.0, idle=0.0, penalty=0.0)
    fleet_cash, fleet_out = np.zeros(days), np.zeros(days, dtype=int)
    for today in range(days):
        if planner is not None:
            start, amount, ordered = _committed_start(fill, today, rules.lead_days, cash)
            first_day, first_fill = planner.plan(today, start, amount, ordered).first()
            due = (first_day >= 0) & (first_day == today + rules.lead_days)
            fill[due, first_day[due]] = first_fill[due]
        else:
            _fixed_orders(window, rules, today, cash, fill, quantiles)
        visited = np.isfinite(fill[:, today])
        cash = np.where(visited, fill[:, today], cash)
        totals["visits"] += int(visited.sum())
        totals["surcharged"] += int((visited & surcharge_day[:, today]).sum())
        totals["visit_cost"] += float(rules.visit_cost[visited, today].sum())
        totals["cycles"] += int(visited.sum())
        in_trouble &= ~visited
        demand = np.maximum(window.actual[:, today], 0.0)
        out = demand > cash + 1e-9
        totals["stockout_days"] += int(out.sum())
        totals["failed"] += int((out & ~in_trouble).sum())
        totals["penalty"] += float(rules.penalty[out & ~in_trouble].sum())
        in_trouble |= out
        cash = np.maximum(cash - demand, 0.0)
        totals["idle"] += float((cash * rules.daily_rate).sum())
        fleet_cash[today] = cash.sum()
        fleet_out[today] = int(out.sum())
    return Replay(
        policy=policy, target=target, level=level, days=days, atms=n,
        visits=totals["visits"], surcharged_visits=totals["surcharged"],
        stockout_days=totals["stockout_days"], cycles=totals["cycles"],
        failed_cycles=totals["failed"], idle_cash=float(fleet_cash.sum() / (days * n)),
        visit_cost=totals["visit_cost"], idle_cost=totals["idle"],
        penalty_cost=totals["penalty"],
        fleet_cash=fleet_cash, fleet_stockouts=fleet_out, headroom=headroom)


RulesFor = Callable[[Window], AtmRules]


def combined(replays: Sequence[Replay]) -> Replay:
    """Several windows' replays of one policy as one."""
    first = replays[0]
    add = lambda name: sum(getattr(r, name) for r in replays)  # noqa: E731
    days, atms = add("days"), first.atms
    return Replay(
        policy=first.policy, target=first.target, level=first.level, days=days, atms=atms,
        visits=add("visits"), surcharged_visits=add("surcharged_visits"),
        stockout_days=add("stockout_days"), cycles=add("cycles"),
        failed_cycles=add("failed_cycles"),
        idle_cash=sum(r.idle_cash * r.days for r in replays) / days,
        visit_cost=add("visit_cost"), idle_cost=add("idle_cost"),
        penalty_cost=add("penalty_cost"),
        fleet_cash=np.concatenate([r.fleet_cash for r in replays]),
        fleet_stockouts=np.concatenate([r.fleet_stockouts for r in replays]),
        headroom=first.headroom)


def replay_all(windows: Sequence[Window], rules_for: RulesFor, policy: str, *,
               level: float | None = None, target: float | None = None,
               headroom: float = 0.0) -> Replay:
    """One policy replayed on every window, combined."""
    return combined([replay(w, rules_for(w), policy, level=level, target=target,
                            headroom=headroom) for w in windows])


@dataclass(frozen=True)
class Calibration:
    """The plan's settings for a target service: the internal probability ``level`` and the
    ``headroom`` (share of the room between the cycle's need and the capacity that is filled
    too), with the realised service and cost on the calibration windows."""

    target: float
    level: float
    headroom: float
    service: float
    cost: float


def _calibrated_level(windows: Sequence[Window], rules_for: RulesFor, target: float,
                      headroom: float, steps: int) -> Replay:
    """The replay, of those tried, whose service is closest to ``target``: a bisection
    (between 0.05 and 0.999; the service rises with the level) brackets the target, then the
    level is interpolated linearly between the bracket's ends and replayed too."""
    tried: dict[float, Replay] = {}

    def run(level: float) -> Replay:
        if level not in tried:
            tried[level] = replay_all(windows, rules_for, "plan", level=level,
                                      headroom=headroom)
        return tried[level]

    low, high = LEVEL_RANGE
    for _ in range(steps):
        middle = (low + high) / 2
        if run(middle).service < target:
            low = middle
        else:
            high = middle
    below, above = run(low), run(high)
    if below.service < target <= above.service:
        share = (target - below.service) / (above.service - below.service)
        run(low + share * (high - low))
    return min(tried.values(), key=lambda r: (abs(r.service - target), r.total_cost))


def calibrate(windows: Sequence[Window], rules_for: RulesFor, target: float, *,
              steps: int = 6, headrooms: Sequence[float] = HEADROOMS) -> Calibration:
    """The plan settings that realise ``target`` on ``windows``, landing on it rather than
    above it: per headroom the level whose replays come closest (:func:`_calibrated_level`);
    of the headrooms within :data:`TOLERANCE` of the target the cheapest, else the closest."""
    found = []
    for headroom in headrooms:
        best = _calibrated_level(windows, rules_for, target, headroom, steps)
        found.append(Calibration(target, float(best.level), headroom, best.service,
                                 best.total_cost))
    close = [c for c in found if abs(c.service - target) <= TOLERANCE]
    if close:
        return min(close, key=lambda c: c.cost)
    return min(found, key=lambda c: abs(c.service - target))


def policy_table(replays: Sequence[Replay]) -> pd.DataFrame:
    """One row per replay: policy, target and internal level, realised service, stock-out days,
    visits (and on surcharge days), mean idle cash per ATM-day and the costs."""
    return pd.DataFrame([{
        "policy": r.policy, "target": r.target, "level": r.level,
        "headroom": r.headroom if r.policy == "plan" else None,
        "service": r.service, "stockout_days": r.stockout_days,
        "stockout_cycles": r.failed_cycles, "visits": r.visits,
        "surcharged_visits": r.surcharged_visits, "mean_idle_cash": r.idle_cash,
        "visit_cost": r.visit_cost, "idle_cost": r.idle_cost, "penalty_cost": r.penalty_cost,
        "total_cost": r.total_cost,
    } for r in replays])
