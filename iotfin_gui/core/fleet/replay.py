"""One check time of the whole fleet from per-ATM sorted arrays: the "as of" slider's step.

:func:`~.evaluate.evaluate` answers for a grid of times with as-of joins over every row, which
is right for a timeline but makes one slider step a scan of the loaded window (0.4-0.7 s for
10,000 ATMs). :class:`ReplayIndex` sorts the data once per load, by ATM then time, under one
integer key per row (the ATM's code times the number of distinct times, plus the time's rank),
so "each ATM's last reading at or before t" is one ``searchsorted`` of one key per ATM, and "each
ATM's readings in ``[a, b]``" two: a step costs O(ATMs log rows), not O(rows).
:func:`replay_index` keeps the index beside the data it was built from (not in it: FleetData is
pickled between processes and the index is rebuilt where it is used).

Every answer is the one the pandas path gives; ``tests/core/test_fleet_replay.py`` compares
them on random fleets. Among rows of one ATM at the same time the later row wins, as in
``merge_asof``.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iotfin_gui.core.fleet.evaluate import CODES, Evaluation, _offline, _threshold
from iotfin_gui.core.fleet.rules import FleetRules
from iotfin_gui.core.fleet.sources import DAY, FleetData

NAT = np.datetime64("NaT", "ns")


@dataclass(frozen=True)
class SortedRows:
    """Rows of one frame ordered by (ATM code, time), rows of equal both in their first order.

    ``order``: the frame's row positions in that order; ``dev`` and ``time`` (int64 ns) follow
    it; ``keys`` is ``dev * len(times) + rank of the time in times`` (sorted distinct times)."""

    order: np.ndarray
    dev: np.ndarray
    time: np.ndarray
    times: np.ndarray
    keys: np.ndarray

    @classmethod
    def of(cls, dev: np.ndarray, time: np.ndarray) -> SortedRows:
        dev = np.asarray(dev, dtype=np.int64)
        time = np.asarray(time, dtype="datetime64[ns]").view(np.int64)
        order = np.lexsort((time, dev))
        dev, time = dev[order], time[order]
        times = np.unique(time)
        keys = dev * max(len(times), 1) + np.searchsorted(times, time)
        return cls(order, dev, time, times, keys)

    def _bound(self, codes: np.ndarray, rank: int) -> np.ndarray:
        """Per ATM code: how many rows come before (code, rank)."""
        return np.searchsorted(self.keys, codes * len(self.times) + rank)

    def last_at(self, n: int, when: pd.Timestamp) -> np.ndarray:
        """Per ATM: the sorted position of its last row at or before ``when`` (-1: none)."""
        if not len(self.keys):
            return np.full(n, -1)
        codes = np.arange(n, dtype=np.int64)
        before = self._bound(codes, int(np.searchsorted(self.times, _ns(when), side="right"))) - 1
        mine = (before >= 0) & (self.dev[np.maximum(before, 0)] == codes)
        return np.where(mine, before, -1)

    def between(self, codes: np.ndarray, low: pd.Timestamp, high: pd.Timestamp
                ) -> tuple[np.ndarray, np.ndarray]:
        """Sorted positions of the rows with ``low <= time <= high`` of the ATMs ``codes``
        (ascending), ATM by ATM, and the ATM of each."""
        if not len(self.keys):
            return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
        first = self._bound(codes, int(np.searchsorted(self.times, _ns(low), side="left")))
        stop = self._bound(codes, int(np.searchsorted(self.times, _ns(high), side="right")))
        lengths = np.maximum(stop - first, 0)
        devs = np.repeat(codes, lengths)
        starts = np.repeat(first - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        return starts + np.arange(len(devs)), devs


@dataclass(frozen=True)
class ReplayIndex:
    """The sorted rows of a :class:`FleetData` that a check time needs."""

    n: int
    seen: SortedRows
    cash: SortedRows
    cash_values: np.ndarray
    daily: SortedRows
    daily_total: np.ndarray
    daily_rows: np.ndarray
    faults: SortedRows

    @classmethod
    def of(cls, data: FleetData) -> ReplayIndex:
        cash = SortedRows.of(data.cash["dev"].to_numpy(), data.cash["time"].to_numpy())
        ordered = data.daily.sort_values(["dev", "date"], ignore_index=True)
        totals = ordered.groupby("dev")["amount"].cumsum().to_numpy(dtype=float)
        counts = (ordered.groupby("dev").cumcount() + 1.0).to_numpy(dtype=float)
        daily = SortedRows.of(ordered["dev"].to_numpy(), ordered["date"].to_numpy())
        return cls(
            n=len(data.devices),
            seen=SortedRows.of(data.seen["dev"].to_numpy(), data.seen["time"].to_numpy()),
            cash=cash,
            cash_values=data.cash["cash"].to_numpy(dtype=float)[cash.order],
            daily=daily,
            daily_total=totals[daily.order],
            daily_rows=counts[daily.order],
            faults=SortedRows.of(data.faults["dev"].to_numpy(), data.faults["start"].to_numpy()),
        )

    def last_seen(self, as_of: pd.Timestamp, lookback: pd.Timedelta) -> np.ndarray:
        """Each ATM's last sign of life within ``lookback`` before ``as_of`` (NaT: none)."""
        return self._recent(self.seen, as_of, lookback)[1]

    def cash_now(self, as_of: pd.Timestamp, lookback: pd.Timedelta
                 ) -> tuple[np.ndarray, np.ndarray]:
        """Each ATM's cash reading within ``lookback`` before ``as_of`` and its time (NaN, NaT:
        none)."""
        position, read_at = self._recent(self.cash, as_of, lookback)
        return _take(self.cash_values, position, np.nan), read_at

    def _recent(self, rows: SortedRows, as_of: pd.Timestamp, lookback: pd.Timedelta
                ) -> tuple[np.ndarray, np.ndarray]:
        position = rows.last_at(self.n, as_of)
        time = _take(rows.time, position, 0)
        fresh = (position >= 0) & (_ns(as_of) - time <= lookback.value)
        return (np.where(fresh, position, -1),
                np.where(fresh, time.view("datetime64[ns]"), NAT))

    def demand(self, as_of: pd.Timestamp, window: int) -> np.ndarray:
        """Mean daily withdrawals over the ``window`` complete days before ``as_of``'s day."""
        day = as_of.floor("D")
        upto = self.daily.last_at(self.n, day - DAY)
        before = self.daily.last_at(self.n, day - (window + 1) * DAY)
        total = _take(self.daily_total, upto, np.nan) - np.nan_to_num(
            _take(self.daily_total, before, np.nan))
        rows = _take(self.daily_rows, upto, np.nan) - np.nan_to_num(
            _take(self.daily_rows, before, np.nan))
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(rows > 0, total / rows, np.nan)

    def evaluate(self, data: FleetData, as_of: pd.Timestamp, rules: FleetRules) -> Evaluation:
        """What :func:`~.evaluate.evaluate` gives for the single time ``as_of``."""
        times = pd.DatetimeIndex([as_of]).as_unit("ns")
        seen = self.last_seen(as_of, rules.lookback)[:, None]
        cash = self.cash_now(as_of, rules.lookback)[0][:, None]
        offline = _offline(data.telemetry_start, times, seen, rules)
        fault = self.faulty(data, as_of, rules)[:, None]
        demand = self.demand(as_of, rules.demand_window_days)[:, None]
        threshold = _threshold(data.devices["capacity"].to_numpy(dtype=float), demand, rules)
        with np.errstate(invalid="ignore"):
            empty = cash <= 0
            low_cash = (cash < threshold) | empty
        status = np.full((self.n, 1), CODES["ok"], dtype=np.int8)
        flags = {"offline": offline, "fault": fault, "low_cash": low_cash}
        for name in reversed(rules.precedence):
            status[flags[name]] = CODES[name]
        status[(status == CODES["low_cash"]) & empty] = CODES["cash_out"]
        return Evaluation(times, offline, fault, low_cash, status, seen, cash, demand, threshold)

    def faulty(self, data: FleetData, as_of: pd.Timestamp, rules: FleetRules) -> np.ndarray:
        """Per ATM: whether a counted fault (component not ignored) is open at ``as_of``."""
        flags = np.zeros(self.n, dtype=bool)
        counted = _counted_open(data, as_of, rules)
        flags[data.faults["dev"].to_numpy(dtype=np.int64)[counted]] = True
        return flags

    def fault_details(self, data: FleetData, as_of: pd.Timestamp,
                      rules: FleetRules) -> pd.DataFrame:
        """Per ATM code: ``last_fault`` and ``last_fault_component`` (the latest fault started
        by ``as_of``), ``open_faults`` (components of the open counted faults, by start, each
        once; NaN: none) and ``fault_since`` (the first open one's start)."""
        components = data.faults["component"].to_numpy(dtype=object)
        starts = data.faults["start"].to_numpy(dtype="datetime64[ns]")
        last = self.faults.last_at(self.n, as_of)
        has = last >= 0
        rows = self.faults.order[last[has]]
        last_fault = np.full(self.n, NAT)
        last_fault[has] = starts[rows]
        last_component = np.full(self.n, np.nan, dtype=object)
        last_component[has] = components[rows]
        counted = _counted_open(data, as_of, rules)
        in_order = self.faults.order[counted[self.faults.order]]
        named: dict[int, dict[str, None]] = {}
        since = np.full(self.n, NAT)
        for dev, component, start in zip(data.faults["dev"].to_numpy()[in_order],
                                         components[in_order], starts[in_order],
                                         strict=True):
            if dev not in named:
                named[dev] = {}
                since[dev] = start
            named[dev][component] = None
        joined = np.full(self.n, np.nan, dtype=object)
        for dev, parts in named.items():
            joined[dev] = ", ".join(parts)
        return pd.DataFrame({"last_fault": last_fault, "last_fault_component": last_component,
                             "open_faults": joined, "fault_since": since})

    def low_cash_since(self, as_of: pd.Timestamp, threshold: np.ndarray,
                       lookback: pd.Timedelta) -> np.ndarray:
        """Per ATM: the first reading of the current run of readings below ``threshold`` in
        ``[as_of - lookback, as_of]`` (NaT: the last reading there is not below). Only ATMs
        whose cash now is below are looked at: for the others the run is empty."""
        with np.errstate(invalid="ignore"):
            low = np.flatnonzero(self.cash_now(as_of, lookback)[0] < threshold)
        positions, devs = self.cash.between(low, as_of - lookback, as_of)
        with np.errstate(invalid="ignore"):
            below = self.cash_values[positions] < threshold[devs]
        times = self.cash.time[positions]
        last_ok = np.full(self.n, np.iinfo(np.int64).min)
        np.maximum.at(last_ok, devs[~below], times[~below])
        after = below & (times > last_ok[devs])
        first = np.full(self.n, NAT)
        found, where = np.unique(devs[after], return_index=True)
        first[found] = times[after][where].view("datetime64[ns]")
        return first


def _counted_open(data: FleetData, as_of: pd.Timestamp, rules: FleetRules) -> np.ndarray:
    """Which faults of a component the rules count started by ``as_of`` and were not recovered
    by then."""
    faults, when = data.faults, as_of.to_datetime64()
    end = faults["end"].to_numpy(dtype="datetime64[ns]")
    return ((faults["start"].to_numpy(dtype="datetime64[ns]") <= when)
            & (np.isnat(end) | (end > when))
            & ~faults["component"].isin(rules.ignore_components).to_numpy())


def _take(values: np.ndarray, position: np.ndarray, missing: float) -> np.ndarray:
    """``values`` at ``position``, ``missing`` where it is -1 (no row)."""
    if not len(values):
        return np.full(len(position), missing, dtype=values.dtype)
    return np.where(position >= 0, values[position], missing)


def _ns(stamp: pd.Timestamp) -> int:
    return pd.Timestamp(stamp).as_unit("ns").value


_INDEXES: dict[int, tuple[weakref.ref, ReplayIndex]] = {}


def replay_index(data: FleetData) -> ReplayIndex:
    """The index of ``data``, built on first use and kept while ``data`` lives."""
    key = id(data)
    held = _INDEXES.get(key)
    if held is not None and held[0]() is data:
        return held[1]
    index = ReplayIndex.of(data)
    _INDEXES[key] = (weakref.ref(data, lambda _ref: _INDEXES.pop(key, None)), index)
    return index
