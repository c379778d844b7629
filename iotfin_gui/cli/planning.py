"""``plan``: a replenishment plan from today's cash and a stored forecast, without forecasting.

    iotfin plan --dataset withdrawals --routes routes.csv --out plan.csv
    iotfin plan --run 12 --cash-now cash.csv --today 2026-11-02 --service-level 0.9 --out plan.csv

The forecast is the dataset's newest forecast run (or ``--run``); route settings come from
``--routes`` (a CSV, see :mod:`iotfin_gui.core.cashplan.routes`; ``--save-routes`` keeps them in
the store) or from the store; cash now from ``--cash-now`` (a CSV with ``series_id`` or
``atm`` and ``cash`` columns) or, as in the window, from the dataset's end-of-day cash and the
fleet's readings (:mod:`iotfin_gui.core.fleet.cash_now`); the plan starts on the day of the
newest reading (or ``--today``) and counts the forecast run's holidays (or ``--holidays``):
it goes through :func:`iotfin_gui.core.cashplan.jobs.replan`, as the Cash plan tab does. The
plan is written like every export (atomic, formula-safe, recorded); an existing file is
replaced only with ``--force``. The ``routes`` command, which shows, imports and exports the
store's route settings, is :mod:`.routes`.
"""

from __future__ import annotations

import argparse
from typing import Any

import pandas as pd

from iotfin_gui.core.cashplan.jobs import RUN_CALENDAR, replan
from iotfin_gui.core.cashplan.replan import NOTES
from iotfin_gui.core.cashplan.routes import read_routes_csv, save_routes
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast import latest_forecast_run
from iotfin_gui.core.forecast.service import check_service_level
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.outputs import check_file_target
from iotfin_gui.core.reports import ExportOptions, export_frame
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import check_input_path


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("plan", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "plan ATM visits and fill-to amounts from today's cash and a stored forecast"))
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--dataset", help=QT_TRANSLATE_NOOP(
        "Core", "plan from this dataset's newest forecast run"))
    source.add_argument("--run", type=int, dest="run_id", help=QT_TRANSLATE_NOOP(
        "Core", "plan from this forecast run"))
    parser.add_argument("--routes", metavar="FILE.csv", help=QT_TRANSLATE_NOOP(
        "Core", "route settings (visit days, CIT holidays, lead time, costs, ...); default: "
        "those saved in the store"))
    parser.add_argument("--save-routes", action="store_true", help=QT_TRANSLATE_NOOP(
        "Core", "keep the --routes settings in the store"))
    parser.add_argument("--cash-now", metavar="FILE.csv", help=QT_TRANSLATE_NOOP(
        "Core", "cash now per ATM (columns series_id or atm, and cash); default: the latest "
        "readings in the store, as Fleet, Forecast and the window's plan read them"))
    parser.add_argument("--today", help=QT_TRANSLATE_NOOP(
        "Core", "the day to plan from (default: the day of the newest cash reading, not "
        "before the forecast's first day, as the window plans)"))
    parser.add_argument("--service-level", type=float, default=0.95, help=QT_TRANSLATE_NOOP(
        "Core", "probability that a fill covers the demand until the next visit (default "
        "0.95)"))
    parser.add_argument("--capacity", type=float, help=QT_TRANSLATE_NOOP(
        "Core", "cassette capacity for ATMs whose route sets none (default: the device "
        "registry)"))
    parser.add_argument(
        "--holidays", default=RUN_CALENDAR, metavar="CODE", help=QT_TRANSLATE_NOOP(
            "Core", "public holidays on which visits cost the surcharge: run (the forecast's "
            "calendar, as the window plans; default), CN, GB-ENG, ... or none"))
    parser.add_argument("--out", required=True, metavar="FILE.csv",
                        help=QT_TRANSLATE_NOOP("Core", "plan to write"))
    parser.add_argument("--force", action="store_true",
                        help=QT_TRANSLATE_NOOP("Core", "overwrite an existing output"))
    parser.set_defaults(run=run)


def read_cash_csv(path: str) -> pd.Series:
    """Cash now per ATM from a CSV with ``series_id`` (or ``atm``) and ``cash`` columns."""
    check_input_path(path)
    try:
        table = pd.read_csv(path, dtype={"series_id": str, "atm": str})
    except (OSError, ValueError) as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "cannot read the cash file: {reason}").format(
            reason=str(error)), file=path) from error
    ids = "series_id" if "series_id" in table.columns else "atm"
    for column in (ids, "cash"):
        if column not in table.columns:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "the cash file needs the columns series_id (or atm) and cash"),
                file=path, column=column)
    cash = pd.to_numeric(table["cash"], errors="coerce")
    bad = cash.isna() | (cash < 0)
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise InputError(QT_TRANSLATE_NOOP("Core", "{value!r} is not a cash amount").format(
            value=table["cash"].iloc[row]), file=path, row=row + 1, column="cash")
    if table[ids].duplicated().any():
        row = int(table[ids].duplicated().to_numpy().argmax())
        raise InputError(QT_TRANSLATE_NOOP("Core", "ATM {atm!r} is listed twice").format(
            atm=table[ids].iloc[row]), file=path, row=row + 1, column=ids)
    return pd.Series(cash.to_numpy(float), index=table[ids].astype(str), name="cash")


def _today(text: str | None) -> pd.Timestamp | None:
    if not text:
        return None
    try:
        return pd.Timestamp(text).normalize()
    except ValueError as error:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "--today {value!r} is not a date (write 2026-11-02)").format(
                value=text)) from error


def run(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    target = check_file_target(args.out, store=store, force=args.force)
    level = check_service_level(args.service_level)
    run_id = args.run_id if args.run_id is not None else \
        latest_forecast_run(store, args.dataset)
    if run_id is None:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "Dataset {dataset!r} has no forecast run; run the forecast first.").format(
                dataset=args.dataset))
    routes = read_routes_csv(args.routes) if args.routes else None
    holidays = args.holidays
    if holidays.lower() in ("", "none"):
        holidays = None
    outcome = replan(store, run_id, service_level=level, routes=routes,
                     cash=read_cash_csv(args.cash_now) if args.cash_now else None,
                     today=_today(args.today), capacity=args.capacity,
                     holidays_country=holidays, ctx=ctx)
    plan = outcome.plan
    if args.save_routes and routes is not None:
        save_routes(store, routes)
    written = export_frame(store, "replenishment_plan", plan, target,
                           options=ExportOptions(force=args.force), run_id=run_id)
    read_at = pd.to_datetime(outcome.cash_now["read_at"]).max()
    return {"out": str(written.path), "run_id": run_id, "today": str(outcome.today.date()),
            "cash_now": round(float(outcome.cash_now["cash"].sum()), 2),
            "cash_read_at": None if pd.isna(read_at) else read_at.isoformat(),
            "visits": len(plan), "atms_planned": int(plan["series_id"].nunique()),
            "atms_at_risk": int(plan.loc[plan["note"] == NOTES["at_risk"], "series_id"]
                                .nunique()), "service_level": level,
            "internal_level": round(outcome.level, 4), "headroom": outcome.headroom,
            "calibrated": outcome.calibrated,
            "stale_cash_readings": outcome.stale[:20]}
