"""Choose visit days and fill-to amounts per ATM: a shortest path over visit days.

Between two visits (a *cycle*, days ``u .. v-1``) an ATM holds the cash it was filled to. A
cycle's cost is the visit on day ``u`` (with the weekend/holiday surcharge), the idle cash (the
expected cash left at the end of each day times the daily rate of the annual cost of money) and
the stock-out penalty times the probability that the cycle's demand exceeds the fill. The fill
must cover the cycle's demand with at least the service probability ``p``; above that the
optimiser may fill higher (levels between ``p`` and 0.999) when the penalty outweighs the idle
cost. Fills are whole bundles, never above the cassette capacity.

Because the distribution comes from a stored forecast and does not change from day to day,
every cycle's best fill and cost are computed once per :class:`CyclePlanner`; a plan from
today's cash (:meth:`CyclePlanner.plan`) is then a dynamic programme over at most
``window`` days: the first new visit must come when the cash on hand still covers demand
at probability ``p`` (or, if it cannot, as early as the lead time allows: *at risk*), each later
visit at most ``max_cycle`` days after the previous, on an allowed visit day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from iotfin_gui.core.cashplan.demand import DemandModel

#: Extra fill levels the optimiser may choose, as shares of the way from ``p`` to 1.
HIGHER_LEVELS = (0.0, 0.5, 0.8, 0.95)
INFINITE = np.inf
#: The cost of one *risk day* (see :meth:`.DemandModel.exceed_days`) of a cycle or start that
#: misses the service level (capacity too small, cash too low): larger than any real cost, so
#: the plan first keeps the risk beyond the service level to the least, then the cost.
MISS = 1e9


@dataclass(frozen=True)
class AtmRules:
    """Per-ATM operating rules as arrays over the forecast days (atms, horizon) or (atms,);
    ``working_day`` (horizon,): the days crews work as weekdays (Monday to Friday and the
    calendar's make-up working days), the days of the fixed rule's Monday-to-Friday visits."""

    allowed: np.ndarray
    visit_cost: np.ndarray
    capacity: np.ndarray
    bundle: np.ndarray
    daily_rate: np.ndarray
    penalty: np.ndarray
    lead_days: np.ndarray
    max_interval: np.ndarray
    working_day: np.ndarray


@dataclass(frozen=True)
class Decision:
    """A plan from one day: per ATM, the visits in order (day, fill_to, days it covers), whether
    the cash on hand may run out before the first possible visit, and whether a cycle misses
    the service level for lack of capacity."""

    visits: list[list[tuple[int, float, int]]]
    at_risk: np.ndarray
    short_capacity: np.ndarray

    def first(self) -> tuple[np.ndarray, np.ndarray]:
        """Per ATM the first planned visit day (-1 = none) and its fill-to amount."""
        day = np.array([v[0][0] if v else -1 for v in self.visits])
        fill = np.array([v[0][1] if v else np.nan for v in self.visits])
        return day, fill


def _round_up(amount: np.ndarray, bundle: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.where(bundle > 0, np.ceil(amount / np.where(bundle > 0, bundle, 1) - 1e-9)
                        * bundle, amount)


class CyclePlanner:
    """Best fill and cost of every possible cycle of a fleet at service probability ``p``."""

    def __init__(self, model: DemandModel, rules: AtmRules, p: float, *,
                 window: int = 28, headroom: float = 0.0) -> None:
        self.model, self.rules, self.p = model, rules, float(p)
        self.headroom = float(headroom)
        self.window = int(window)
        n, horizon, longest = len(model.ids), model.horizon, model.max_cycle
        bundle = rules.bundle[:, None, None]
        top = np.where(bundle > 0, np.floor(rules.capacity[:, None, None] /
                                            np.where(bundle > 0, bundle, 1)) * bundle,
                       rules.capacity[:, None, None])
        self.required = model.window_quantile(self.p)
        mean = model.mean_cumulative
        starts = np.arange(horizon)
        steps = np.arange(1, longest + 1)
        ends = np.minimum(starts[:, None] + steps[None, :], horizon)
        # expected cash used from the morning of u to the end of day u + j: (atms, u, j)
        used = mean[:, ends] - mean[:, starts][:, :, None]
        self.used = used
        inside = steps[:, None] > np.arange(longest)[None, :]  # day j inside a k-day cycle
        best_cost = np.full((n, horizon, longest), INFINITE)
        best_fill = np.full((n, horizon, longest), np.nan)
        best_level = np.full((n, horizon, longest), np.nan)
        visit = rules.visit_cost[:, :, None]
        missed = np.zeros((n, horizon, longest), dtype=bool)
        risk = np.stack([model.exceed_days(np.arange(n), np.full(n, day), top[:, 0, 0],
                                           1 - self.p) for day in range(horizon)], axis=1)
        for share in HIGHER_LEVELS:
            level = min(self.p + (1 - self.p) * share, 0.999)
            wanted = _round_up(model.window_quantile(level), bundle)
            beyond = wanted > top + 1e-9
            if share == 0.0:
                # The service level itself: a cycle capacity cannot cover is filled to the top
                # and costs MISS; higher levels are only taken where they fit.
                fill, missed = np.where(beyond, top, wanted), beyond
            else:
                fill = wanted
            fill = np.minimum(_round_up(fill + self.headroom * np.maximum(top - fill, 0.0),
                                        bundle), np.maximum(top, fill))
            leftover = np.maximum(fill[:, :, :, None] - used[:, :, None, :], 0.0)
            idle = (leftover * inside[None, None]).sum(axis=3) * rules.daily_rate[:, None, None]
            cost = visit + idle + rules.penalty[:, None, None] * (1 - level)
            cost = cost + MISS * risk * missed if share == 0.0 else \
                np.where(beyond, INFINITE, cost)
            cost = np.where(np.isfinite(wanted), cost, INFINITE)
            better = cost < best_cost
            best_cost = np.where(better, cost, best_cost)
            best_fill = np.where(better, fill, best_fill)
            best_level = np.where(better & ~(missed & (share == 0.0)), level, best_level)
        self.missed = missed
        too_long = steps[None, None, :] > rules.max_interval[:, None, None]
        self.cost = np.where(rules.allowed[:, :, None] & ~too_long, best_cost, INFINITE)
        self.fill = best_fill
        self.level = best_level

    def plan(self, today: int, start_day: np.ndarray, start_cash: np.ndarray,
             visit_at_start: np.ndarray) -> Decision:
        """The cheapest visits from ``today`` on, given each ATM's cash ``start_cash`` on the
        morning of ``start_day`` (>= today; a committed visit's day and fill when
        ``visit_at_start``)."""
        model, rules = self.model, self.rules
        n, horizon, longest = len(model.ids), model.horizon, model.max_cycle
        end = min(today + self.window, horizon)
        rows = np.arange(n)
        days = np.arange(today, end)
        earliest = np.maximum(today + rules.lead_days, start_day + visit_at_start.astype(int))
        # start segment: cash on hand from start_day to the first new visit v
        gap = days[None, :] - start_day[:, None]
        within = (gap >= 0) & (gap <= rules.max_interval[:, None])
        safe_gap = np.clip(gap, 1, longest)
        start_index = np.clip(start_day, 0, horizon - 1)
        need = self.required[rows[:, None], start_index[:, None], safe_gap - 1]
        covered = (gap == 0) | (np.nan_to_num(need, nan=INFINITE) <= start_cash[:, None] + 1e-9)
        start_risk = model.exceed_days(rows, start_day, start_cash, 1 - self.p)
        start_risk = np.concatenate([np.zeros((n, 1)), start_risk], axis=1)[
            rows[:, None], np.clip(gap, 0, longest)]
        possible = rules.allowed[:, today:end] & (days[None, :] >= earliest[:, None]) & within
        at_risk = ~(possible & covered).any(axis=1) & possible.any(axis=1)
        used = self.used[rows[:, None], start_index[:, None],
                         np.clip(np.arange(self.window)[None, :], 0, longest - 1)]
        idle_path = np.maximum(start_cash[:, None] - used, 0.0) * rules.daily_rate[:, None]
        idle_before = np.concatenate([np.zeros((n, 1)), np.cumsum(idle_path, axis=1)], axis=1)
        best = np.full((n, end - today), INFINITE)
        came_from = np.full((n, end - today), -1)
        for index, day in enumerate(days):
            gap_now = np.clip(day - start_day, 0, self.window)
            best[:, index] = np.where(possible[:, index], idle_before[rows, gap_now] +
                                      MISS * start_risk[:, index] * ~covered[:, index], INFINITE)
            if index:
                lengths = np.arange(1, min(longest, index) + 1)
                previous = index - lengths
                candidate = best[:, previous] + self.cost[:, today + previous, lengths - 1]
                pick = candidate.argmin(axis=1)
                value = candidate[rows, pick]
                better = value < best[:, index]
                best[:, index] = np.where(better, value, best[:, index])
                came_from[:, index] = np.where(better, previous[pick], -1)
        final = np.full(n, INFINITE)
        final_from = np.full(n, -2)
        no_visit_gap = end - start_day
        short_enough = no_visit_gap <= rules.max_interval
        if short_enough.any():
            need_all = self.required[rows, start_index, np.clip(no_visit_gap, 1, longest) - 1]
            quiet = short_enough & (np.nan_to_num(need_all, nan=INFINITE)
                                                 <= start_cash + 1e-9) & ~at_risk
            final = np.where(quiet, idle_before[rows, np.clip(no_visit_gap, 0, self.window)],
                             final)
        for index in range(max(0, end - today - longest), end - today):
            length = end - today - index
            candidate = best[:, index] + self.cost[:, today + index, length - 1]
            better = candidate < final
            final = np.where(better, candidate, final)
            final_from = np.where(better, index, final_from)
        visits = [self._chain(i, final_from[i], came_from[i], today, end) for i in range(n)]
        return Decision(visits, at_risk, np.array([
            any(self.missed[i, day, length - 1] for day, _, length in chain)
            for i, chain in enumerate(visits)]))

    def _chain(self, atm: int, last: int, came_from: np.ndarray, today: int,
               end: int) -> list[tuple[int, float, int]]:
        order: list[int] = []
        index = int(last)
        while index >= 0:
            order.append(today + index)
            index = int(came_from[index])
        order.reverse()
        chain = []
        for position, day in enumerate(order):
            following = order[position + 1] if position + 1 < len(order) else end
            length = min(max(following - day, 1), self.model.max_cycle)
            chain.append((day, float(self.fill[atm, day, length - 1]), length))
        return chain
