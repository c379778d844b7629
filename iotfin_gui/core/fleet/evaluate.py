"""The vectorised rule engine: every ATM's flags and status at many check times at once.

:func:`evaluate` works on an (ATM x time) grid with no Python loop over ATMs or times: as-of
joins (``merge_asof``) find the last sign of life, cash reading and cumulative withdrawals known
at each time, and fault intervals are painted onto the grid with a difference array. Both the
single-time fleet status and the timeline use it, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from iotfin_gui.core.fleet.rules import STATUSES, FleetRules
from iotfin_gui.core.fleet.sources import DAY, FleetData

CODES = {name: code for code, name in enumerate(STATUSES)}


@dataclass(frozen=True)
class Evaluation:
    """Arrays of shape (ATMs, times); rows follow ``FleetData.devices``, columns ``times``.

    ``status`` holds codes into :data:`STATUSES`; ``cash`` and ``demand`` (expected daily
    withdrawals) are NaN when unknown, ``last_seen`` NaT when not seen within the look-back."""

    times: pd.DatetimeIndex
    offline: np.ndarray
    fault: np.ndarray
    low_cash: np.ndarray
    status: np.ndarray
    last_seen: np.ndarray
    cash: np.ndarray
    demand: np.ndarray
    threshold: np.ndarray


def evaluate(data: FleetData, times: pd.DatetimeIndex, rules: FleetRules) -> Evaluation:
    """Flags and status of every ATM at each of ``times`` (naive UTC)."""
    times = pd.DatetimeIndex(times).as_unit("ns")
    n = len(data.devices)
    seen = _asof(data.seen.assign(seen_at=data.seen["time"]), times, n, ["seen_at"],
                 rules.lookback)["seen_at"]
    cash = _asof(data.cash, times, n, ["cash"], rules.lookback)["cash"].astype(float)
    offline = _offline(data.telemetry_start, times, seen, rules)
    fault = _open_faults(data.faults, times, n, rules)
    demand = _demand(data.daily, times, n, rules.demand_window_days)
    threshold = _threshold(data.devices["capacity"].to_numpy(dtype=float), demand, rules)
    with np.errstate(invalid="ignore"):
        empty = cash <= 0
        low_cash = (cash < threshold) | empty
    status = np.full((n, len(times)), CODES["ok"], dtype=np.int8)
    flags = {"offline": offline, "fault": fault, "low_cash": low_cash}
    for name in reversed(rules.precedence):
        status[flags[name]] = CODES[name]
    status[(status == CODES["low_cash"]) & empty] = CODES["cash_out"]
    return Evaluation(times, offline, fault, low_cash, status, seen, cash, demand, threshold)


def _asof(
    frame: pd.DataFrame, times: pd.DatetimeIndex, n: int, columns: list[str],
    tolerance: pd.Timedelta | None,
) -> dict[str, np.ndarray]:
    """For each (ATM, time): the values of the latest row of that ATM at or before the time."""
    left = pd.DataFrame({"time": np.repeat(times.to_numpy(), n),
                         "dev": np.tile(np.arange(n, dtype=np.int64), len(times))})
    right = frame[["time", "dev", *columns]].astype({"dev": np.int64})
    merged = pd.merge_asof(left, right, on="time", by="dev", tolerance=tolerance,
                           direction="backward")
    return {c: merged[c].to_numpy().reshape(len(times), n).T for c in columns}


def _offline(
    telemetry_start: pd.Timestamp, times: pd.DatetimeIndex, seen: np.ndarray, rules: FleetRules
) -> np.ndarray:
    if pd.isna(telemetry_start):
        return np.zeros(seen.shape, dtype=bool)
    limit = rules.offline_after.to_timedelta64()
    covered = np.asarray(times - rules.offline_after >= telemetry_start)
    never = np.isnat(seen)
    gap = times.to_numpy()[None, :] - np.where(never, times.to_numpy()[None, :], seen)
    return covered[None, :] & (never | (gap > limit))


def _open_faults(
    faults: pd.DataFrame, times: pd.DatetimeIndex, n: int, rules: FleetRules
) -> np.ndarray:
    """True where a fault started at or before the time and was not recovered by then."""
    counted = faults[~faults["component"].isin(rules.ignore_components)]
    grid = times.to_numpy()
    lo = np.searchsorted(grid, counted["start"].to_numpy(), side="left")
    ends = counted["end"].to_numpy()
    hi = np.where(np.isnat(ends), len(grid), np.searchsorted(grid, ends, side="left"))
    dev = counted["dev"].to_numpy(dtype=np.int64)
    diff = np.zeros((n, len(grid) + 1), dtype=np.int32)
    np.add.at(diff, (dev, lo), 1)
    np.add.at(diff, (dev, hi), -1)
    return np.cumsum(diff[:, :-1], axis=1) > 0


def _demand(daily: pd.DataFrame, times: pd.DatetimeIndex, n: int, window: int) -> np.ndarray:
    """Mean daily withdrawals over the ``window`` complete days before each time's day."""
    days = times.floor("D")
    unique, position = np.unique(days.to_numpy(), return_inverse=True)
    unique = pd.DatetimeIndex(unique)
    ordered = daily.sort_values(["dev", "date"], ignore_index=True)
    running = ordered.assign(
        time=ordered["date"],
        total=ordered.groupby("dev")["amount"].cumsum(),
        rows=ordered.groupby("dev").cumcount() + 1.0,
    ).sort_values("time", ignore_index=True)
    upto = _asof(running, unique - DAY, n, ["total", "rows"], None)
    before = _asof(running, unique - (window + 1) * DAY, n, ["total", "rows"], None)
    total = upto["total"].astype(float) - np.nan_to_num(before["total"].astype(float))
    rows = upto["rows"].astype(float) - np.nan_to_num(before["rows"].astype(float))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(rows > 0, total / rows, np.nan)
    return mean[:, position.reshape(-1)]


def _threshold(capacity: np.ndarray, demand: np.ndarray, rules: FleetRules) -> np.ndarray:
    """The cash level below which an ATM is low on cash (NaN: no threshold applies)."""
    threshold = np.full(demand.shape, np.nan)
    if rules.low_cash_amount is not None:
        threshold = np.fmax(threshold, rules.low_cash_amount)
    if rules.low_cash_pct is not None:
        threshold = np.fmax(threshold, (capacity * rules.low_cash_pct / 100)[:, None])
    if rules.low_cash_days is not None:
        threshold = np.fmax(threshold, demand * rules.low_cash_days)
    return threshold
