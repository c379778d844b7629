"""Forecasting of daily ATM cash demand and days to cash-out (no Qt).

Start with :func:`forecast` (a long table in, a :class:`ForecastResult` out), then
:func:`store_forecast` to record it, or run :func:`forecast_job` from the GUI's job pool.
:func:`days_to_cashout` turns a result and cash now into days to cash-out (the refill plan
is :mod:`iotfin_gui.core.cashplan`'s); :func:`cash_outlook` does all of it for the Forecast
panel, :func:`stored_outlook` reopens a recorded run without forecasting again and
:func:`latest_forecast_run` finds a dataset's newest. The modules: ``data`` (daily grid,
missing vs zero, imputation), ``models`` (classical per-series models), ``ml`` (the global
gradient-boosting model), ``calendar`` (holiday features), ``echo`` (last year's holiday
carried to this year's forecast), ``backtest`` (rolling origins, model
registry), ``partition`` (the backtest in chunks of ATMs on a Dask cluster), ``intervals``
(conformal bounds), ``metrics``, ``service`` (entry points, store glue), ``stored`` (Arrow reads
of stored parts), ``cashout`` and ``outlook``.
"""

from iotfin_gui.core.forecast.backtest import MODEL_LABELS, MODEL_NAMES, model_label
from iotfin_gui.core.forecast.cashout import days_to_cashout
from iotfin_gui.core.forecast.metrics import metric_label
from iotfin_gui.core.forecast.outlook import (
    CashOutlook,
    cash_outlook,
    cash_outlook_job,
    latest_forecast_run,
    stored_outlook,
    stored_outlook_job,
)
from iotfin_gui.core.forecast.service import (
    ForecastResult,
    dataset_columns,
    forecast,
    forecast_dataset,
    forecast_job,
    levels_of,
    read_forecast,
    store_forecast,
)

__all__ = [
    "MODEL_LABELS",
    "MODEL_NAMES",
    "CashOutlook",
    "ForecastResult",
    "cash_outlook",
    "cash_outlook_job",
    "dataset_columns",
    "days_to_cashout",
    "forecast",
    "forecast_dataset",
    "forecast_job",
    "latest_forecast_run",
    "levels_of",
    "metric_label",
    "model_label",
    "read_forecast",
    "store_forecast",
    "stored_outlook",
    "stored_outlook_job",
]
