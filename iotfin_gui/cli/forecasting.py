"""``forecast``: forecast a stored dataset's daily series, write the table, optionally a plan.

    iotfin forecast --dataset withdrawals --horizon 56 --level 80,95 --out forecast.csv --json

writes one row per (series, date) with ``series_id,date,forecast,lo_80,hi_80,...`` and records
the run (with its backtest metrics) in the store unless ``--no-save``. With ``--plan-out`` it also
writes the cash plan of this forecast (:func:`iotfin_gui.core.cashplan.jobs.plan_on_model`, the
plan ``main.py plan`` and the window make: visits and fill-to amounts on the store's routes,
from each ATM's cash now, ``--cash-col`` of the dataset and the fleet's readings, and cassette
capacity, ``--capacity`` else the device registry). Both files are written like every export
(:func:`iotfin_gui.core.reports.export_frame`: atomic, formula-safe, personal data masked,
recorded); an existing file is replaced only with ``--force``, the store's files never.
"""

from __future__ import annotations

import argparse
import locale
from typing import Any

from iotfin_gui.core.cashplan.demand import demand_model
from iotfin_gui.core.cashplan.jobs import plan_on_model
from iotfin_gui.core.cashplan.routes import load_routes, longest_interval
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast import (
    MODEL_NAMES,
    ForecastResult,
    forecast_dataset,
    levels_of,
    model_label,
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
    parser.add_argument("--cash-col", help=QT_TRANSLATE_NOOP(
        "Core", "column with the cash left at the end of each day (default: the dataset's "
        "cash-level column)"))
    parser.add_argument("--capacity", type=float, help=QT_TRANSLATE_NOOP(
        "Core", "cassette capacity for every ATM (default: the device registry)"))
    parser.add_argument("--service-level", type=float, default=0.95, help=QT_TRANSLATE_NOOP(
        "Core", "probability of not running out between visits (default 0.95)"))
    parser.add_argument("--force", action="store_true",
                        help=QT_TRANSLATE_NOOP("Core", "overwrite an existing output"))
    parser.set_defaults(run=run)


def _plan(store: Store, result: ForecastResult, args: argparse.Namespace,
          run_id: int | None) -> dict[str, Any]:
    """Write the cash plan of ``result`` to ``--plan-out``; what the summary says about it."""
    info = store.dataset(args.dataset)
    routes = load_routes(store)
    model = demand_model(result, max_cycle=longest_interval(routes))
    outcome = plan_on_model(store, info, result.params, model,
                            service_level=args.service_level, run_id=run_id,
                            cash_col=args.cash_col, capacity=args.capacity, routes=routes)
    plan = outcome.plan
    written = export_frame(store, "replenishment_plan", plan, args.plan_out,
                           options=ExportOptions(force=args.force), run_id=run_id)
    return {"plan_out": str(written.path), "plan_visits": len(plan),
            "atms_planned": int(plan["series_id"].nunique()),
            "internal_level": round(outcome.level, 4), "calibrated": outcome.calibrated,
            "stale_cash_readings": outcome.stale[:20]}


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
    run_id = None
    if not args.no_save:  # first, so that a file that cannot be written loses no run
        run_id = store_forecast(store, result, store.dataset(args.dataset),
                                service_level=args.service_level)
    written = export_frame(store, "forecast", result.forecast, args.out, options=options)
    summary: dict[str, Any] = {"out": str(written.path), "rows": len(result.forecast),
                               **result.summary(), "model_label": model_label(result.model),
                               "holidays": country}
    if run_id is not None:
        summary["run_id"] = run_id
    if args.plan_out:
        summary.update(_plan(store, result, args, run_id))
    return summary
