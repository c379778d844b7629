"""The cash outlook of a fleet: a stored forecast run plus what an analyst reads next to it.

One job computes everything the Forecast panel shows: the forecast (recorded as a run), recent
history per ATM for the plot, days to cash-out from each ATM's last cash level, and the
replenishment plan against cassette capacity. Cash-out and plan need a cash-level column and
capacities; without them the outlook still holds the forecast and says why the rest is missing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from iotfin_gui.core.forecast.cashout import current_cash, days_to_cashout, replenishment_plan
from iotfin_gui.core.forecast.service import (
    ForecastResult,
    dataset_columns,
    forecast,
    store_forecast,
)
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import DatasetInfo, Store

HISTORY_DAYS = 120


@dataclass
class CashOutlook:
    """``history``: series_id, date, value for the last days before the forecast;
    ``cashout`` and ``plan``: see :func:`days_to_cashout` / :func:`replenishment_plan`
    (empty, with ``notes`` saying why, when cash levels or capacities are unknown)."""

    dataset: str
    run_id: int
    result: ForecastResult
    history: pd.DataFrame
    cashout: pd.DataFrame
    plan: pd.DataFrame
    service_level: float
    notes: list[str] = field(default_factory=list)

    def atm_table(self) -> pd.DataFrame:
        """One row per ATM: cash now, days to cash-out (median and early at the service
        level) and the first planned refill; only ``series_id`` when cash is unknown."""
        table = pd.DataFrame({"series_id": self.result.series_ids})
        if self.cashout.empty:
            return table
        table = table.merge(self.cashout[["series_id", "cash", "days_median", "days_early"]],
                            on="series_id", how="left")
        if not self.plan.empty:
            first = self.plan.groupby("series_id")["date"].min().rename("next_refill")
            table = table.merge(first, left_on="series_id", right_index=True, how="left")
        return table


def cash_column(info: DatasetInfo) -> str | None:
    """The column holding an ATM's cash level: a metric whose name starts with ``cash``."""
    metrics = [c for c, role in info.roles.items() if role == "metric"]
    return next((c for c in metrics if c.lower().startswith("cash")), None)


def cash_outlook(
    store: Store,
    dataset: str,
    *,
    service_level: float = 0.95,
    cash_col: str | None = None,
    history_days: int = HISTORY_DAYS,
    ctx: JobContext | None = None,
    **options: Any,
) -> CashOutlook:
    """Forecast ``dataset`` (options as :func:`forecast`), record the run, add cash-out and plan."""
    ctx = ctx or JobContext()
    info = store.dataset(dataset)
    id_col, time_col, value_col = dataset_columns(
        info, options.pop("id_col", None), options.pop("time_col", None),
        options.pop("value_col", None))
    cash_col = cash_col or cash_column(info)
    wanted = list(dict.fromkeys([id_col, time_col, value_col, *([cash_col] if cash_col else [])]))
    frame = store.read_dataset(info.id, columns=wanted)
    result = forecast(frame, id_col=id_col, time_col=time_col, value_col=value_col,
                      ctx=ctx.scaled(0.0, 0.9), **options)
    ctx.progress(0.92, QT_TRANSLATE_NOOP("Core", "Saving the forecast"))
    run_id = store_forecast(store, result, info)
    start = result.forecast["date"].min() - pd.Timedelta(days=history_days)
    recent = frame[frame[time_col] >= start]
    history = pd.DataFrame({"series_id": recent[id_col].astype(str),
                            "date": recent[time_col].dt.normalize(),
                            "value": recent[value_col].astype(float)})
    notes: list[str] = []
    cashout = plan = pd.DataFrame()
    if cash_col is None:
        notes.append(QT_TRANSLATE_NOOP(
            "Core", "{dataset} has no cash-level column, so days to cash-out are not known.")
            .format(dataset=info.name))
    else:
        ctx.progress(0.96, QT_TRANSLATE_NOOP("Core", "Days to cash-out and refill plan"))
        cash = current_cash(frame, id_col=id_col, time_col=time_col, cash_col=cash_col)
        cashout = days_to_cashout(result, cash, service_level=service_level)
        capacity = store.devices().set_index("device_id")["cassette_capacity"].dropna()
        missing = sorted(set(result.series_ids) - set(capacity.index.astype(str)))
        if missing:
            notes.append(QT_TRANSLATE_NOOP(
                "Core", "No cassette capacity for {count} ATMs (e.g. {example}); import a device "
                "registry to plan refills.").format(count=len(missing), example=missing[0]))
        else:
            plan = replenishment_plan(result, cash, capacity, service_level=service_level)
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Outlook ready"))
    return CashOutlook(info.name, run_id, result, history, cashout, plan, service_level, notes)


def cash_outlook_job(ctx: JobContext, db_path: str | os.PathLike, dataset: str,
                     **options: Any) -> CashOutlook:
    """Job: :func:`cash_outlook` on the store at ``db_path``."""
    with Store.open(db_path) as store:
        return cash_outlook(store, dataset, ctx=ctx, **options)
