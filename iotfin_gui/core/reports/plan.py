"""A replenishment plan recomputed from a stored forecast run.

A plan needs the forecast's calibration (its backtest residuals), which the store does not keep.
So the run's recorded model and parameters are re-run on the run's dataset; this is refused if
the recomputed forecast does not reproduce the stored one, so the plan always belongs to the
forecast it is exported with. A data hash that differs from the run's (the dataset changed, or
the run was recorded under an older hash) is not refused by itself: the recomputation decides,
and its refusal then says that the dataset changed. Cash levels come from the dataset's cash
column, capacities from the device registry.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast import current_cash, forecast, read_forecast, replenishment_plan
from iotfin_gui.core.forecast.outlook import DEFAULT_SERVICE_LEVEL, cash_column
from iotfin_gui.core.lineage import same_data
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store


def plan_from_run(store: Store, run_id: int, *, service_level: float | None = None
                  ) -> pd.DataFrame:
    """The replenishment plan of forecast run ``run_id`` (see the module docstring), at the
    run's own service level unless ``service_level`` is given (0.95 for runs without one)."""
    run = store.run(run_id)
    params = run["params"]
    if service_level is None:
        service_level = float(params.get("service_level", DEFAULT_SERVICE_LEVEL))
    if run["dataset_id"] is None:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "run {run}'s dataset was deleted; its plan cannot be recomputed").format(
                run=run_id))
    info = store.dataset(run["dataset_id"])
    cash_col = cash_column(info)
    if cash_col is None:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "dataset {dataset!r} has no cash-level column, so run {run} has no "
            "replenishment plan").format(dataset=info.name, run=run_id))
    id_col, time_col, value_col = params["id_col"], params["time_col"], params["value_col"]
    frame = store.read_dataset(info.id, columns=list(dict.fromkeys(
        [id_col, time_col, value_col, cash_col])))
    unchanged = same_data(frame[[id_col, time_col, value_col]], run["data_hash"])
    result = forecast(frame, id_col=id_col, time_col=time_col, value_col=value_col,
                      horizon=params["horizon"], model=params["chosen"], levels=params["levels"],
                      holidays_country=params["holidays_country"],
                      n_origins=params["n_origins"], duplicates=params["duplicates"],
                      seed=params["seed"])
    stored = read_forecast(store, run_id)
    again = result.forecast[["series_id", "date", "forecast"]].sort_values(["series_id", "date"])
    if len(stored) != len(again) or not np.allclose(
            stored["forecast"].to_numpy(float), again["forecast"].to_numpy(float),
            rtol=1e-9, atol=1e-6, equal_nan=True):
        if not unchanged:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "dataset {dataset!r} changed since run {run}; run the forecast again to "
                "plan from current data").format(dataset=info.name, run=run_id))
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "run {run} cannot be reproduced exactly (different library versions?); "
            "export the plan from the Forecast panel instead").format(run=run_id))
    cash = current_cash(frame, id_col=id_col, time_col=time_col, cash_col=cash_col)
    devices = store.devices().dropna(subset=["cassette_capacity"])
    capacity = devices.set_index(devices["device_id"].astype(str))["cassette_capacity"]
    return replenishment_plan(result, cash, capacity.astype(float), service_level=service_level)
