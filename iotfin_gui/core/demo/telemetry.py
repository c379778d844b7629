"""Hourly telemetry of the demo fleet for its last days: cash level, temperature, heartbeats.

Cash level follows the day's withdrawals through an intraday profile (lunch and evening peaks)
and jumps at the cash-in-transit visit. Heartbeats count the minutes an ATM reached the host in
that hour; an ATM that is offline for the whole hour sends no row at all. In the 36 hours
before a dispenser fault, dispense retries and cabinet temperature rise: the precursor signal a
failure model can learn.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Share of a day's withdrawals made in each hour (midnight first): lunch and evening peaks.
INTRADAY = np.array([
    0.6, 0.3, 0.2, 0.2, 0.3, 0.6, 1.5, 3.0, 4.5, 5.0, 5.5, 6.5,
    8.0, 7.5, 6.0, 5.5, 5.5, 6.5, 8.0, 7.5, 6.0, 4.5, 3.0, 1.5,
])
INTRADAY = INTRADAY / INTRADAY.sum()
PRECURSOR_HOURS = 36


def _overlap_minutes(hours: pd.DatetimeIndex, start: pd.Timestamp, end: pd.Timestamp) -> np.ndarray:
    hour_start = hours.to_numpy()
    hour_end = hour_start + np.timedelta64(1, "h")
    lo = np.maximum(hour_start, np.datetime64(start))
    hi = np.minimum(hour_end, np.datetime64(end))
    return np.clip((hi - lo) / np.timedelta64(1, "m"), 0, 60)


def simulate_telemetry(
    registry: pd.DataFrame,
    withdrawals: pd.DataFrame,
    faults: pd.DataFrame,
    as_of: pd.Timestamp,
    days: int,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Hourly rows per ATM for the ``days`` up to ``as_of`` (hour starts, local time)."""
    hours = pd.date_range(end=as_of, periods=days * 24, freq="h")
    hour_of_day = hours.hour.to_numpy()
    cumulative = np.cumsum(INTRADAY)[hour_of_day]
    day_index = hours.floor("D")
    frames = []
    for atm in registry.itertuples():
        daily = withdrawals[withdrawals["device_id"] == atm.device_id].set_index("date")
        previous_end = daily["cash_level_end"].shift(1).bfill()
        served = daily["amount"].reindex(day_index).to_numpy()
        loaded = daily["replenished"].reindex(day_index).to_numpy()
        start_level = previous_end.reindex(day_index).to_numpy()
        level = start_level + loaded * (hour_of_day >= 10) - served * cumulative
        outdoor = atm.site_type in ("transit", "campus")
        base_temp = rng.normal(16, 3) if outdoor else rng.normal(24, 1.2)
        amplitude = rng.uniform(3, 6) if outdoor else rng.uniform(0.5, 1.5)
        temperature = (base_temp + amplitude * np.sin(2 * np.pi * (hour_of_day - 9) / 24)
                       + rng.normal(0, 0.4, len(hours)))
        retries = rng.poisson(0.15, len(hours)).astype(float)
        online = np.full(len(hours), 60.0)
        mine = faults[faults["device_id"] == atm.device_id]
        spans = zip(mine["start"], mine["end"], mine["component"], strict=True)
        for began, ended, component in spans:
            if component == "network":
                online -= _overlap_minutes(hours, began, ended)
            elif component == "dispenser":
                warning = _overlap_minutes(
                    hours, began - pd.Timedelta(hours=PRECURSOR_HOURS), began) > 0
                retries[warning] += rng.poisson(3.0, warning.sum())
                temperature[warning] += 2.5
        frames.append(pd.DataFrame({
            "device_id": atm.device_id,
            "timestamp": hours,
            "cash_level": np.maximum(np.round(level / 100) * 100, 0.0),
            "temperature_c": np.round(temperature, 1),
            "dispense_retries": retries.astype("int64"),
            "heartbeat": np.round(np.clip(online, 0, 60)).astype("int64"),
        })[online > 0])
    return pd.concat(frames, ignore_index=True)
