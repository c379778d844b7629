"""One definition of an ATM's cash now, shared by Fleet, Forecast and the plan.

An ATM's cash now at a check time is its latest cash reading at or before that time: a
telemetry cash level counts from its timestamp, a withdrawals row's end-of-day cash from the end
of its day, the next midnight (as :mod:`.sources` reads them). Two readings of one ATM at the
same time (a telemetry reading at midnight and the day's end-of-day cash) are ordered by
:func:`reading_order`: the lower cash counts, whichever source it comes from, since a plan must
never count on cash that might not be there. The reading's time and age go with it, and a
reading older than ``stale_after`` (the fleet rules' look-back, 2 days by default) is *stale*:
still shown, flagged, and not used for a status. Readings more than :data:`MEMORY` before the
check time are not looked at. The check time is the newest time known: the fleet's latest
data time or the dataset's newest end-of-day cash, whichever is later
(:func:`combined_cash_now`). A plan from cash now starts on the morning of its newest
reading's day (:func:`plan_start`), whichever screen or command makes it.

Days to cash-out is one definition too (:func:`days_to_cash_out`, what Fleet and Forecast
show): from the cash reading's time, the time until the cumulative *point forecast* of the
dataset's forecast run (the median path, not the service level's quantile; a negative day
counts as 0) exceeds the cash now: the rest of the reading's day at that day's forecast, then
whole days, interpolated within the day the cash runs out. Days before the forecast's first
day (a reading taken during the last recorded day, or a few days old: up to
:data:`WEEK_BEFORE`) count at the forecast of the same weekday in its first week; days beyond
its last day at the mean of its last :data:`TAIL_DAYS` days. Where no forecast covers the
reading's day, the recent daily demand the Fleet rules measure stands for every day (cash /
demand).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.store import DatasetInfo, Store

#: How far back a reading is looked for at all.
MEMORY = pd.Timedelta(days=60)
COLUMNS = ("series_id", "cash", "read_at", "age_hours", "stale")
#: Beyond a forecast's last day, demand goes on at the mean of its last days.
TAIL_DAYS = 7
#: A reading up to this many days before the forecast's first day (the rest of the last
#: recorded day, a reading a few days old) counts those days at the forecast's first week.
WEEK_BEFORE = 7
DAY = pd.Timedelta(days=1)


def reading_order(readings: pd.DataFrame) -> pd.DataFrame:
    """``readings`` (columns ``time`` and ``cash`` at least) in time order, and on equal times
    the higher cash first: the last reading at or before a time is then the lowest of that
    time's (what every "latest reading" of the fleet picks)."""
    return readings.sort_values(["time", "cash"], ascending=[True, False], kind="stable",
                                ignore_index=True)


def latest_readings(readings: pd.DataFrame, as_of: pd.Timestamp,
                    stale_after: pd.Timedelta) -> pd.DataFrame:
    """Per ATM of ``readings`` (columns ``series_id, time, cash``): the latest reading at or
    before ``as_of`` (the lowest cash of equal times, :func:`reading_order`) with its time,
    age in hours and whether it is stale (:data:`COLUMNS`)."""
    known = readings[(readings["time"] <= as_of) & readings["cash"].notna()]
    known = known.assign(series_id=known["series_id"].astype(str))
    last = reading_order(known).groupby("series_id", sort=True).last()
    age = (as_of - last["time"]) / pd.Timedelta(hours=1)
    return pd.DataFrame({
        "series_id": last.index.astype(str),
        "cash": last["cash"].astype(float).to_numpy(),
        "read_at": last["time"].to_numpy(),
        "age_hours": age.to_numpy(dtype=float),
        "stale": (age > stale_after / pd.Timedelta(hours=1)).to_numpy(dtype=bool),
    }, columns=list(COLUMNS))


def dataset_readings(frame: pd.DataFrame, *, id_col: str, time_col: str,
                     cash_col: str) -> pd.DataFrame:
    """The end-of-day cash column of a withdrawals table as readings (known at the day's end,
    in naive UTC as the fleet's readings: :func:`.sources.utc_times`)."""
    from iotfin_gui.core.fleet.sources import utc_times

    times = utc_times(frame[time_col]).dt.floor("D") + pd.Timedelta(days=1)
    return pd.DataFrame({"series_id": frame[id_col].astype(str).to_numpy(),
                         "time": times.to_numpy(),
                         "cash": pd.to_numeric(frame[cash_col], errors="coerce").to_numpy()})


class FleetReadings(NamedTuple):
    """The fleet's cash readings (``series_id, time, cash``), its check time (its latest data
    time), the staleness limit (the fleet rules' look-back) and whether that time is a set
    clock no newer reading moves (the demo's simulated "now", or a time given)."""

    readings: pd.DataFrame
    time: pd.Timestamp
    stale_after: pd.Timedelta
    fixed: bool


def fleet_readings(store: Store, as_of: pd.Timestamp | None = None) -> FleetReadings:
    """The fleet's cash readings (telemetry and withdrawals, as the Fleet panel reads them)
    up to ``as_of`` (default: the latest data time), that time and the staleness limit."""
    from iotfin_gui.core.fleet.rules import load_rules
    from iotfin_gui.core.fleet.sources import (
        default_as_of,
        load_fleet_data,
        load_sources,
        resolve_sources,
        simulated_now,
    )

    rules = load_rules(store)
    sources = load_sources(store)
    resolved = resolve_sources(store, sources)
    when = default_as_of(store, resolved) if as_of is None else pd.Timestamp(as_of)
    data = load_fleet_data(store, sources, start=when, end=when, lookback=MEMORY,
                           demand_days=rules.demand_window_days, resolved=resolved)
    ids = data.devices["device_id"].astype(str).to_numpy()
    readings = pd.DataFrame({"series_id": ids[data.cash["dev"].to_numpy(dtype=int)],
                             "time": data.cash["time"].to_numpy(),
                             "cash": data.cash["cash"].to_numpy(dtype=float)})
    fixed = as_of is not None or simulated_now(store, resolved) is not None
    return FleetReadings(readings, when, rules.lookback, fixed)


def cash_column(info: DatasetInfo) -> str | None:
    """The column of a dataset holding an ATM's cash level, the one definition Fleet, Forecast
    and the cash plan read: the column with the role ``cash_level`` (stated by the user, or
    guessed from its name by :func:`.roles.name_is_cash_level` when importing; a dataset stored
    before the role existed got it from store migration 6). None without one: a column with
    the role ``metric`` is a metric, whatever its name."""
    return info.column_for("cash_level")


def dataset_cash_now(store: Store, frame: pd.DataFrame | None, ids: list[str], *, id_col: str,
                     time_col: str, cash_col: str | None) -> pd.DataFrame:
    """Each ATM's cash now from the fleet's readings of these ATMs together with the dataset's
    end-of-day cash (``frame``'s ``cash_col``; none when either is ``None``), at the check time
    of :func:`combined_cash_now` (:data:`COLUMNS`). Fleet, Forecast, the window's plan and
    ``main.py plan`` all take an ATM's cash now from here."""
    if frame is None or cash_col is None:
        readings = pd.DataFrame({"series_id": pd.Series(dtype=str),
                                 "time": pd.Series(dtype="datetime64[ns]"),
                                 "cash": pd.Series(dtype=float)})
    else:
        readings = dataset_readings(frame, id_col=id_col, time_col=time_col, cash_col=cash_col)
    try:
        fleet = fleet_readings(store)
    except UserFacingError:
        fleet = None
    return combined_cash_now(readings, fleet, ids)


def combined_cash_now(readings: pd.DataFrame, fleet: FleetReadings | None,
                      ids: list[str]) -> pd.DataFrame:
    """Cash now (:data:`COLUMNS`) of the ATMs ``ids`` from a dataset's ``readings``
    (:func:`dataset_readings`) and the ``fleet``'s readings of these ATMs, at the newest time
    known from either: the dataset's latest time or the fleet's check time, whichever is later
    (a fleet reading older than the dataset's newest then shows its true age). A fixed fleet
    check time (the demo's simulated "now") stands, the dataset's rows after it in its future.
    Without fleet readings of these ATMs, the dataset's latest time alone. Stale beyond the
    fleet rules' look-back (without a fleet, :data:`.sources.DEFAULT_LOOKBACK`)."""
    from iotfin_gui.core.fleet.sources import DEFAULT_LOOKBACK

    when, stale_after = readings["time"].max(), DEFAULT_LOOKBACK
    known = readings
    if fleet is not None:
        stale_after = fleet.stale_after
        own = fleet.readings[fleet.readings["series_id"].isin(ids)]
        if not own.empty:
            known = pd.concat([readings, own], ignore_index=True)
            when = fleet.time if fleet.fixed or pd.isna(when) else max(when, fleet.time)
    now = latest_readings(known, when, stale_after)
    return now[now["series_id"].isin(ids)].reset_index(drop=True)


def plan_start(now: pd.DataFrame, first_day: pd.Timestamp) -> pd.Timestamp:
    """The morning a plan from cash now ``now`` (:func:`dataset_cash_now`) starts: the day of
    its newest reading (a day's end-of-day cash is read at the next midnight, so the next
    day), never before the forecast's ``first_day``."""
    first = pd.Timestamp(first_day).normalize()
    newest = pd.to_datetime(now["read_at"]).max() if len(now) else pd.NaT
    return first if pd.isna(newest) else max(first, pd.Timestamp(newest).normalize())


def forecast_demand(forecast: pd.DataFrame) -> pd.DataFrame:
    """A forecast table (``series_id, date, forecast``) as the daily demand days to cash-out
    reads (``series_id, date, demand``; negative days count as 0)."""
    return pd.DataFrame({"series_id": forecast["series_id"].astype(str).to_numpy(),
                         "date": pd.to_datetime(forecast["date"]).dt.normalize().to_numpy(),
                         "demand": np.maximum(forecast["forecast"].to_numpy(float), 0.0)})


def run_demand(store: Store, dataset: int | str) -> pd.DataFrame | None:
    """The daily demand of ``dataset``'s newest forecast run (:func:`forecast_demand`), or
    ``None`` when it has none."""
    from iotfin_gui.core.forecast.outlook import latest_forecast_run
    from iotfin_gui.core.forecast.service import read_forecast

    run_id = latest_forecast_run(store, dataset)
    return None if run_id is None else forecast_demand(read_forecast(store, run_id))


def days_to_cash_out(now: pd.DataFrame, demand: pd.DataFrame | None,
                     rate: pd.Series | None = None) -> np.ndarray:
    """Days from each reading of ``now`` (``series_id, cash, read_at``) until the cash is used
    up at the daily ``demand`` (``series_id, date, demand``; see the module docstring), one
    value per row of ``now``. A row whose ATM or reading day the demand does not cover uses
    ``rate`` (daily demand per series id): cash / rate. ``NaN``: not known (no reading, no
    demand, or demand that never uses the cash up)."""
    cash = now["cash"].to_numpy(float)
    ids = now["series_id"].astype(str).to_numpy()
    read_at = pd.to_datetime(now["read_at"]).to_numpy("datetime64[ns]")
    days = np.full(len(now), np.nan)
    if rate is not None:
        per_day = pd.Series(rate, dtype=float)
        per_day.index = per_day.index.astype(str)
        flat = per_day.reindex(ids).to_numpy(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            days = np.where(flat > 0, cash / flat, np.nan)
    if demand is not None and not demand.empty and len(now):
        wide = demand.pivot_table(index="series_id", columns="date", values="demand",
                                  aggfunc="sum")
        covered = _forecast_days(wide.reindex(ids).to_numpy(float), pd.DatetimeIndex(
            wide.columns), cash, read_at)
        days = np.where(np.isnan(covered), days, covered)
    return np.where(cash <= 0, 0.0, days)


def _forecast_days(daily: np.ndarray, dates: pd.DatetimeIndex, cash: np.ndarray,
                   read_at: np.ndarray) -> np.ndarray:
    """:func:`days_to_cash_out` for rows whose reading day ``daily`` (rows, days) covers."""
    daily, dates = _week_before(daily, dates)
    rows, horizon = daily.shape
    stamps = pd.DatetimeIndex(read_at)
    start = ((stamps.floor("D") - dates[0]) / DAY).to_numpy(float)
    known = np.isfinite(start) & (start >= 0) & (start < horizon) & np.isfinite(cash)
    first = np.where(known, start, 0).astype(int)
    share = 1.0 - ((stamps - stamps.floor("D")) / DAY).to_numpy(float)
    share = np.where(known, share, 1.0)
    last = daily[:, -min(TAIL_DAYS, horizon):]
    with np.errstate(invalid="ignore"):
        tail = np.nansum(last, axis=1) / np.isfinite(last).sum(axis=1)
    steps = np.arange(horizon)
    position = first[:, None] + steps[None, :]
    use = np.where(position < horizon, daily[np.arange(rows)[:, None],
                                             np.minimum(position, horizon - 1)], tail[:, None])
    known &= ~np.isnan(use).any(axis=1)
    use = np.nan_to_num(use)
    use[:, 0] *= share
    cumulative = np.cumsum(use, axis=1)
    reached = cumulative >= cash[:, None] - 1e-12
    hit = reached.any(axis=1)
    column = np.where(hit, reached.argmax(axis=1), horizon - 1)
    before = np.where(column > 0, cumulative[np.arange(rows), np.maximum(column - 1, 0)], 0.0)
    began = np.where(column > 0, share + column - 1, 0.0)
    width = np.where(column > 0, 1.0, share)
    amount = use[np.arange(rows), column]
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        inside = began + np.where(amount > 0, (cash - before) / amount * width, 0.0)
        beyond = share + horizon - 1 + np.where(tail > 0, (cash - cumulative[:, -1]) / tail,
                                                np.nan)
    days = np.where(known, np.where(hit, inside, beyond), np.nan)
    return np.where(np.isfinite(days), days, np.nan)


def _week_before(daily: np.ndarray, dates: pd.DatetimeIndex
                 ) -> tuple[np.ndarray, pd.DatetimeIndex]:
    """The forecast with :data:`WEEK_BEFORE` days put in front: each the forecast of the same
    weekday in its first week (the mean day when it is shorter than a week)."""
    horizon = daily.shape[1]
    if horizon >= WEEK_BEFORE:
        before = daily[:, :WEEK_BEFORE]
    else:
        with np.errstate(invalid="ignore"):
            mean = np.nansum(daily, axis=1) / np.isfinite(daily).sum(axis=1)
        before = np.repeat(mean[:, None], WEEK_BEFORE, axis=1)
    return (np.concatenate([before, daily], axis=1),
            pd.date_range(dates[0] - WEEK_BEFORE * DAY, periods=horizon + WEEK_BEFORE))
