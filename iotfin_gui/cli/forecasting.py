"""``forecast``: forecast a stored dataset's daily series, write the table, optionally a plan.

    iotfin forecast --dataset withdrawals --horizon 56 --level 80,95 --out forecast.csv --json

writes one row per (series, date) with ``series_id,date,forecast,lo_80,hi_80,...`` and records
the run (with its backtest metrics) in the store unless ``--no-save``. With ``--plan-out`` it also
writes a replenishment plan from each ATM's last cash level (``--cash-col``) and its cassette
capacity (``--capacity``, else the device registry). Both files are written like every export
(:func:`iotfin_gui.core.reports.export_frame`: atomic, formula-safe, personal data masked,
recorded); an existing file is replaced only with ``--force``, the store's files never.
"""

from __future__ import annotations

import argparse
import locale
from typing import Any

import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast import (
    MODEL_NAMES,
    current_cash,
    dataset_columns,
    days_to_cashout,
    forecast_dataset,
    levels_of,
    model_label,
    replenishment_plan,
    store_forecast,
)
from iotfin_gui.core.forecast.calendar import holidays_for
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.outputs import check_file_target
from iotfin_gui.core.reports import ExportOptions, export_frame
from iotfin_gui.core.store import Store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("forecast", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "forecast daily series (e.g. ATM withdrawals) with intervals and backtest "
        "metrics"))
    parser.add_argument("--dataset", required=True, help=QT_TRANSLATE_NOOP("Core", "dataset name"))
    parser.add_argument("--id-col", help=QT_TRANSLATE_NOOP(
        "Core", "series id column (default: the device_id role)"))
    parser.add_argument("--time-col", help=QT_TRANSLATE_NOOP(
        "Core", "date column (default: the timestamp role)"))
    parser.add_argument("--value-col", help=QT_TRANSLATE_NOOP(
        "Core", "value column (default: the amount role)"))
    parser.add_argument("--horizon", type=int, default=56,
                        help=QT_TRANSLATE_NOOP("Core", "days ahead (default 56)"))
    parser.add_argument("--model", default="auto", choices=["auto", *MODEL_NAMES],
                        help=QT_TRANSLATE_NOOP("Core", "model, or auto to pick by rolling-origin "
                                               "backtest (default)"))
    parser.add_argument("--level", default="80,95", help=QT_TRANSLATE_NOOP(
        "Core", "interval levels in %% (default 80,95)"))
    parser.add_argument("--holidays", default="auto", metavar="CODE", help=QT_TRANSLATE_NOOP(
        "Core", "holiday calendar: auto (default: where the registry's ATMs are, else your "
        "locale's), CN, GB-ENG, US, ... or none"))
    parser.add_argument("--origins", type=int, help=QT_TRANSLATE_NOOP(
        "Core", "backtest origins (default: 3, fewer when the history is short)"))
    parser.add_argument("--duplicates", default="error", choices=["error", "sum", "mean", "last"],
                        help=QT_TRANSLATE_NOOP("Core", "what to do with two rows for one series "
                                               "and day (default error)"))
    parser.add_argument("--out", required=True, metavar="FILE.csv",
                        help=QT_TRANSLATE_NOOP("Core", "forecast table to write"))
    parser.add_argument("--no-save", action="store_true",
                        help=QT_TRANSLATE_NOOP("Core", "do not record the run"))
    parser.add_argument("--plan-out", metavar="FILE.csv",
                        help=QT_TRANSLATE_NOOP("Core", "also write a replenishment plan"))
    parser.add_argument("--cash-col", default="cash_level_end", help=QT_TRANSLATE_NOOP(
        "Core", "column with the cash left at the end of each day"))
    parser.add_argument("--capacity", type=float, help=QT_TRANSLATE_NOOP(
        "Core", "cassette capacity for every ATM (default: the device registry)"))
    parser.add_argument("--service-level", type=float, default=0.95, help=QT_TRANSLATE_NOOP(
        "Core", "probability of not running out between visits (default 0.95)"))
    parser.add_argument("--force", action="store_true",
                        help=QT_TRANSLATE_NOOP("Core", "overwrite an existing output"))
    parser.set_defaults(run=run)


def _capacities(store: Store, args: argparse.Namespace) -> float | pd.Series:
    if args.capacity is not None:
        return args.capacity
    devices = store.devices().dropna(subset=["cassette_capacity"])
    if devices.empty:
        raise InputError(QT_TRANSLATE_NOOP("Core", "No cassette capacity: give --capacity or "
                                           "load a device registry."))
    return devices.set_index(devices["device_id"].astype(str))["cassette_capacity"].astype(float)


def _check_outputs(args: argparse.Namespace, store: Store) -> None:
    """Refuse bad output files before the forecast is computed (they are checked again when
    written)."""
    outs = [check_file_target(args.out, store=store, force=args.force)]
    if args.plan_out:
        outs.append(check_file_target(args.plan_out, store=store, force=args.force))
    if len(set(outs)) < len(outs):
        raise InputError(QT_TRANSLATE_NOOP("Core", "--out and --plan-out name the same file "
                                           "{path}; give two files.").format(path=str(outs[0])))


def run(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    _check_outputs(args, store)
    options = ExportOptions(force=args.force)
    country = holidays_for(args.holidays, store.devices(), locale.getlocale()[0])
    levels = levels_of(args.level)
    result = forecast_dataset(
        store, args.dataset, id_col=args.id_col, time_col=args.time_col,
        value_col=args.value_col, horizon=args.horizon, model=args.model, levels=levels,
        holidays_country=country, n_origins=args.origins, duplicates=args.duplicates,
        ctx=ctx.scaled(0.0, 0.95),
    )
    written = export_frame(store, "forecast", result.forecast, args.out, options=options)
    summary: dict[str, Any] = {"out": str(written.path), "rows": len(result.forecast),
                               **result.summary(), "model_label": model_label(result.model),
                               "holidays": country}
    if args.plan_out:
        info = store.dataset(args.dataset)
        id_col, time_col, _ = dataset_columns(info, args.id_col, args.time_col, args.value_col)
        frame = store.read_dataset(info.id, columns=[id_col, time_col, args.cash_col])
        cash = current_cash(frame, id_col=id_col, time_col=time_col, cash_col=args.cash_col)
        plan = replenishment_plan(result, cash, _capacities(store, args),
                                  service_level=args.service_level)
        outlook = days_to_cashout(result, cash, service_level=args.service_level)
        summary["plan_out"] = str(export_frame(store, "replenishment_plan", plan,
                                               args.plan_out, options=options).path)
        summary["plan_visits"] = len(plan)
        summary["atms_out_within_7_days"] = int((outlook["days_early"].fillna(99) <= 7).sum())
    if not args.no_save:
        summary["run_id"] = store_forecast(store, result, store.dataset(args.dataset),
                                           service_level=args.service_level)
    return summary
