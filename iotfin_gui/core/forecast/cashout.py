"""Days to cash-out per ATM from a forecast run: at its point forecast and early (service level).

The days themselves are counted by :func:`iotfin_gui.core.fleet.cash_now.days_to_cash_out`, the
one definition Fleet and Forecast share: from each ATM's cash reading, the time until the
cumulative daily demand exceeds the cash. ``days_median`` reads the run's point forecast (what
Fleet shows as days to cash-out); ``days_early`` reads the cumulative demand at the service
level's upper quantile: the point forecast's cumulative path plus the conformal quantile of
cumulative backtest errors (:class:`.intervals.Calibration`, not the sum of daily bounds, which
would overstate them), counted the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.fleet.cash_now import days_to_cash_out, forecast_demand
from iotfin_gui.core.forecast.service import ForecastResult
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

COLUMNS = ("series_id", "cash", "days_median", "date_median", "days_early", "date_early",
           "beyond_horizon")


def _check_level(service_level: float) -> float:
    if not 0.5 <= service_level < 1:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "The service level must be between 0.5 and 1 (e.g. 0.95), not {value!r}.")
            .format(value=service_level))
    return float(service_level)


def cash_readings(cash: pd.DataFrame | Mapping[str, float] | pd.Series,
                  result: ForecastResult) -> pd.DataFrame:
    """Cash now as ``series_id, cash, read_at``: a table of readings as it is, or amounts per
    ATM read at the start of the forecast's first day. Raises :class:`InputError` for a
    negative amount."""
    if isinstance(cash, pd.DataFrame):
        now = cash[["series_id", "cash", "read_at"]].copy()
    else:
        amounts = pd.Series(cash, dtype=float)
        start = pd.Timestamp(result.forecast["date"].min()).normalize()
        now = pd.DataFrame({"series_id": amounts.index.astype(str),
                            "cash": amounts.to_numpy(float), "read_at": start})
    now["series_id"] = now["series_id"].astype(str)
    negative = now["cash"].to_numpy(float) < 0
    if negative.any():
        raise InputError(QT_TRANSLATE_NOOP("Core", "Negative cash level for series {series!r}.")
                         .format(series=now["series_id"].iloc[int(negative.argmax())]),
                         column="cash")
    return now


def _early_demand(result: ForecastResult, level: float) -> pd.DataFrame:
    """Daily demand whose running total is the cumulative demand at quantile ``level``."""
    median = forecast_demand(result.forecast)
    wide = median.pivot(index="series_id", columns="date", values="demand").reindex(
        result.series_ids)
    cumulative = np.cumsum(wide.to_numpy(float), axis=1)
    upper = result.calibration.quantiles(level, cumulative=True)[: cumulative.shape[1]]
    scale = result.scale.reindex(result.series_ids).to_numpy(float)
    early = np.maximum.accumulate(np.maximum(cumulative + upper * scale[:, None], cumulative),
                                  axis=1)
    daily = np.diff(early, axis=1, prepend=0.0)
    return pd.DataFrame({"series_id": np.repeat(wide.index.to_numpy(), wide.shape[1]),
                         "date": np.tile(wide.columns.to_numpy(), wide.shape[0]),
                         "demand": daily.ravel()})


def days_to_cashout(result: ForecastResult,
                    cash: pd.DataFrame | Mapping[str, float] | pd.Series, *,
                    service_level: float = 0.95) -> pd.DataFrame:
    """Per ATM with a cash reading (``cash``: see :func:`cash_readings`): the days from the
    reading until the cash runs out at the point forecast and early at the service level, the
    dates they end on, and ``beyond_horizon`` (the point forecast does not use the cash up
    within the forecast, so ``days_median`` goes on at its last week's demand)."""
    level = _check_level(service_level)
    now = cash_readings(cash, result)
    now = now[now["series_id"].isin(result.series_ids)].reset_index(drop=True)
    read_at = pd.to_datetime(now["read_at"])
    table = pd.DataFrame({"series_id": now["series_id"], "cash": now["cash"].astype(float)})
    for name, demand in (("median", forecast_demand(result.forecast)),
                         ("early", _early_demand(result, level))):
        days = days_to_cash_out(now, demand)
        table[f"days_{name}"] = days
        table[f"date_{name}"] = (read_at + pd.to_timedelta(days, unit="D")).dt.floor("D") \
            .astype("datetime64[ns]")
    end = pd.Timestamp(result.forecast["date"].max()).normalize() + pd.Timedelta(days=1)
    table["beyond_horizon"] = (read_at + pd.to_timedelta(table["days_median"], unit="D")
                               > end).to_numpy(bool)
    return table[list(COLUMNS)]
