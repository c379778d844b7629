"""One definition of an ATM's cash now, shared by Fleet, Forecast and the plan.

An ATM's cash now at a check time is its latest cash reading at or before that time: a
telemetry cash level counts from its timestamp, a withdrawals row's end-of-day cash from the end
of its day (as :mod:`.sources` reads them; on equal times telemetry wins). The reading's time
and age go with it, and a reading older than ``stale_after`` (the fleet rules' look-back, 2 days
by default) is *stale*: still shown, flagged, and not used for a status. Readings more than
:data:`MEMORY` before the check time are not looked at.
"""

from __future__ import annotations

import pandas as pd

from iotfin_gui.core.store import Store

#: How far back a reading is looked for at all.
MEMORY = pd.Timedelta(days=60)
COLUMNS = ("series_id", "cash", "read_at", "age_hours", "stale")


def latest_readings(readings: pd.DataFrame, as_of: pd.Timestamp,
                    stale_after: pd.Timedelta) -> pd.DataFrame:
    """Per ATM of ``readings`` (columns ``series_id, time, cash``): the latest reading at or
    before ``as_of`` with its time, age in hours and whether it is stale (:data:`COLUMNS`)."""
    known = readings[(readings["time"] <= as_of) & readings["cash"].notna()]
    known = known.assign(series_id=known["series_id"].astype(str))
    last = known.sort_values("time", kind="stable").groupby("series_id", sort=True).last()
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
    """The end-of-day cash column of a withdrawals table as readings (known at the day's end)."""
    times = pd.to_datetime(frame[time_col]).dt.floor("D") + pd.Timedelta(days=1)
    return pd.DataFrame({"series_id": frame[id_col].astype(str).to_numpy(),
                         "time": times.to_numpy(),
                         "cash": pd.to_numeric(frame[cash_col], errors="coerce").to_numpy()})


def fleet_readings(store: Store, as_of: pd.Timestamp | None = None
                   ) -> tuple[pd.DataFrame, pd.Timestamp, pd.Timedelta]:
    """The fleet's cash readings (telemetry and withdrawals, as the Fleet panel reads them)
    up to ``as_of`` (default: the latest data time), that time and the staleness limit."""
    from iotfin_gui.core.fleet.rules import load_rules
    from iotfin_gui.core.fleet.sources import (
        default_as_of,
        load_fleet_data,
        load_sources,
        resolve_sources,
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
    return readings, when, rules.lookback
