"""Feature row steps: lags, rolling windows, differences, calendar features, time since an event.

Lags, rolling windows and differences work within each device on rows in time order (the engine
sorts by device and time first), counting rows, not clock time: resample first for a regular
grid. They never look forward: a lag or window only reads earlier rows of the same device, and
a rolling window leaves the current row out unless ``include_current`` is set.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.forecast.calendar import calendar_features, holiday_calendar
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.recipes.params import Columns, Param, RecipeError, StepCheck
from iotfin_gui.core.recipes.steps.base import GROUPS, Env, StepType
from iotfin_gui.core.recipes.steps.rows import DEVICE, TIME

ROLLING_STATS = ("mean", "std", "min", "max", "sum")
CALENDAR_FEATURES = (
    "day_of_week", "day_of_month", "month", "week_of_year", "is_weekend", "is_month_end",
    "days_to_month_end", "is_payday", "is_holiday", "days_to_holiday", "days_since_holiday",
)
HOLIDAY_FEATURES = ("is_holiday", "days_to_holiday", "days_since_holiday")
#: Our names for :func:`calendar_features`' keys.
_FORECAST_NAMES = {"day_of_week": "weekday"}


def _device_keys(frame: pd.DataFrame, params: dict, columns: Columns) -> np.ndarray:
    device = params["device"] or columns.device
    return frame[device].to_numpy() if device else np.zeros(len(frame), dtype=np.int8)


def _check_numeric(params: dict, columns: Columns, at: StepCheck,
                   names: list[str]) -> Columns:
    at.numeric(columns, params["columns"], "columns")
    if params["device"] is not None:
        at.column(columns, params["device"], "device")
    return columns.with_types(dict.fromkeys(names, "float"))


def lag_names(params: dict) -> list[str]:
    return [f"{c}_lag{k}" for c in params["columns"] for k in params["lags"]]


def check_lags(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    return _check_numeric(params, columns, at, lag_names(params))


def run_lags(frame: pd.DataFrame, params: dict, columns: Columns, env: Env) -> pd.DataFrame:
    grouped = frame[params["columns"]].astype("float64").groupby(
        _device_keys(frame, params, columns), sort=False)
    new = {}
    for lag in params["lags"]:
        shifted = grouped.shift(lag)
        new.update({f"{c}_lag{lag}": shifted[c] for c in params["columns"]})
    return frame.assign(**{name: new[name] for name in lag_names(params)})


def rolling_names(params: dict) -> list[str]:
    return [f"{c}_roll{w}_{s}" for c in params["columns"] for w in params["windows"]
            for s in params["stats"]]


def check_rolling(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    return _check_numeric(params, columns, at, rolling_names(params))


def run_rolling(frame: pd.DataFrame, params: dict, columns: Columns, env: Env) -> pd.DataFrame:
    keys = _device_keys(frame, params, columns)
    values = frame[params["columns"]].astype("float64")
    if not params["include_current"]:
        values = values.groupby(keys, sort=False).shift(1)
    grouped = values.groupby(keys, sort=False)
    new = {}
    for window in params["windows"]:
        least = window if params["min_periods"] is None else min(params["min_periods"], window)
        rolled = grouped.rolling(window, min_periods=least)
        for stat in params["stats"]:
            result = getattr(rolled, stat)().droplevel(0).reindex(values.index)
            new.update({f"{c}_roll{window}_{stat}": result[c] for c in params["columns"]})
    return frame.assign(**{name: new[name] for name in rolling_names(params)})


def diff_names(params: dict) -> list[str]:
    return [f"{c}_diff{k}" for c in params["columns"] for k in params["periods"]]


def check_diff(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    return _check_numeric(params, columns, at, diff_names(params))


def run_diff(frame: pd.DataFrame, params: dict, columns: Columns, env: Env) -> pd.DataFrame:
    values = frame[params["columns"]].astype("float64")
    grouped = values.groupby(_device_keys(frame, params, columns), sort=False)
    new = {}
    for periods in params["periods"]:
        changed = values - grouped.shift(periods)
        new.update({f"{c}_diff{periods}": changed[c] for c in params["columns"]})
    return frame.assign(**{name: new[name] for name in diff_names(params)})


def check_calendar(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    at.role(columns, params["time"], "time", "time")
    country = params["holidays"]
    if country:
        try:
            holiday_calendar(country, range(2024, 2025))
        except UserFacingError as error:
            raise at.error(user_message(error), param="holidays") from error
        except Exception as error:  # the holidays package rejects odd codes in many ways
            raise at.error(QT_TRANSLATE_NOOP(
                "Core", "unknown holiday calendar {country!r}; use a country code such as CN, US "
                "or GB-ENG").format(country=country), param="holidays") from error
    elif set(params["features"]) & set(HOLIDAY_FEATURES):
        raise at.error(QT_TRANSLATE_NOOP("Core", "holiday features need a holiday calendar (e.g. "
                                         "CN)"), param="holidays")
    if "is_payday" in params["features"] and not params["paydays"]:
        raise at.error(QT_TRANSLATE_NOOP("Core", "is_payday needs the paydays (days of the "
                                         "month)"), param="paydays")
    return columns.with_types({params["prefix"] + f: "integer" for f in params["features"]})


def paydays(days: pd.DatetimeIndex, paydays: list[int]) -> np.ndarray:
    """1 on a payday, moved to the Friday before when it falls on a weekend; a payday past the
    month's last day (e.g. 31 in April) is the month's last day."""
    marks = np.zeros(len(days), dtype=np.int8)
    month_start = (days - pd.to_timedelta(days.day - 1, unit="D")).to_numpy()
    for payday in paydays:
        day = np.minimum(payday, days.days_in_month.to_numpy())
        due = pd.DatetimeIndex(month_start + (day - 1).astype("timedelta64[D]"))
        shift = np.where(due.day_of_week == 5, 1, np.where(due.day_of_week == 6, 2, 0))
        paid = due - pd.to_timedelta(shift, unit="D")
        marks |= (paid.to_numpy() == days.to_numpy()).astype(np.int8)
    return marks


def run_calendar(frame: pd.DataFrame, params: dict, columns: Columns, env: Env) -> pd.DataFrame:
    times = frame[params["time"] or columns.time]
    codes, uniques = pd.factorize(times.dt.normalize())
    days = pd.DatetimeIndex(uniques)
    base = calendar_features(days, params["holidays"] or None)
    known = {
        "is_weekend": (days.day_of_week >= 5).astype(np.int8),
        "is_month_end": days.is_month_end.astype(np.int8),
    }
    if "is_payday" in params["features"]:
        known["is_payday"] = paydays(days, params["paydays"])
    new = {}
    for feature in params["features"]:
        per_day = np.asarray(known[feature] if feature in known else
                             base[_FORECAST_NAMES.get(feature, feature)], dtype=np.int64)
        column = pd.Series(per_day.take(codes) if len(per_day) else np.zeros(len(codes),
                                                                               np.int64))
        if (codes < 0).any():
            column = column.astype("Int64").mask(codes < 0)
        new[params["prefix"] + feature] = column.set_axis(frame.index)
    return frame.assign(**new)


def check_time_since(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    at.role(columns, params["time"], "time", "time")
    at.role(columns, params["device"], "device", "device")
    if env.dataset_columns is None:
        return columns.with_types({_since_name(params): "float"})
    try:
        events = env.dataset_columns(params["events_dataset"])
    except UserFacingError as error:
        raise at.error(user_message(error), param="events_dataset") from error
    event_column = params["event_column"] or events.roles.get("event_type")
    if event_column is None:
        raise at.error(QT_TRANSLATE_NOOP(
            "Core", "dataset {dataset!r} has no event type column; name one").format(
                dataset=params["events_dataset"]), param="event_column")
    at.column(events, event_column, "event_column")
    if events.device is None or events.time is None:
        raise at.error(QT_TRANSLATE_NOOP(
            "Core", "dataset {dataset!r} needs device id and timestamp roles").format(
                dataset=params["events_dataset"]), param="events_dataset")
    return columns.with_types({_since_name(params): "float"})


def _since_name(params: dict) -> str:
    return params["output"] or f"{params['unit']}_since_{params['event_type']}"


def run_time_since(frame: pd.DataFrame, params: dict, columns: Columns,
                   env: Env) -> pd.DataFrame:
    if env.dataset_columns is None or env.read_dataset is None:
        raise RecipeError(QT_TRANSLATE_NOOP(
            "Core", "this step reads the dataset {dataset}, so the recipe must run on a dataset "
            "in the store").format(dataset=params["events_dataset"]), param="events_dataset")
    events_info = env.dataset_columns(params["events_dataset"])
    event_column = params["event_column"] or events_info.roles["event_type"]
    events = env.read_dataset(params["events_dataset"],
                              [events_info.device, events_info.time, event_column])
    events = events[events[event_column].astype("str") == params["event_type"]]
    stamps = events[events_info.time]
    if columns.timezone != "UTC":
        stamps = stamps.dt.tz_localize("UTC").dt.tz_convert(columns.timezone).dt.tz_localize(None)
    right = pd.DataFrame({"device": events[events_info.device].astype("str").to_numpy(),
                          "event_time": stamps.astype("datetime64[us]").to_numpy()})
    right = right.dropna().sort_values("event_time", kind="stable")
    time, device = params["time"] or columns.time, params["device"] or columns.device
    left = pd.DataFrame({"device": frame[device].astype("str").to_numpy(),
                         "time": frame[time].astype("datetime64[us]").to_numpy(),
                         "row": np.arange(len(frame))})
    left = left.dropna(subset=["time"]).sort_values("time", kind="stable")
    merged = pd.merge_asof(left, right, left_on="time", right_on="event_time", by="device",
                           direction="backward")
    unit = pd.Timedelta(hours=1) if params["unit"] == "hours" else pd.Timedelta(days=1)
    since = np.full(len(frame), np.nan)
    since[merged["row"].to_numpy()] = ((merged["time"] - merged["event_time"]) / unit).to_numpy(
        dtype="float64", na_value=np.nan)
    return frame.assign(**{_since_name(params): since})


COLUMNS = Param("columns", "columns", QT_TRANSLATE_NOOP("Core", "Columns"), required=True)

STEPS = (
    StepType("lags", QT_TRANSLATE_NOOP("Core", "Lags"), GROUPS["features"], "row",
             (COLUMNS, Param("lags", "integers", QT_TRANSLATE_NOOP("Core", "Lags (rows back)"),
                             required=True, minimum=1, maximum=10_000), DEVICE),
             QT_TRANSLATE_NOOP("Core", "The value N rows earlier within the same device."),
             check_lags, run_lags),
    StepType("rolling", QT_TRANSLATE_NOOP("Core", "Rolling windows"), GROUPS["features"], "row",
             (COLUMNS, Param("windows", "integers",
                             QT_TRANSLATE_NOOP("Core", "Window sizes (rows)"), required=True,
                             minimum=1, maximum=10_000),
              Param("stats", "choices", QT_TRANSLATE_NOOP("Core", "Statistics"), default=["mean"],
                    choices=ROLLING_STATS),
              Param("min_periods", "integer", QT_TRANSLATE_NOOP("Core", "Fewest values"),
                    minimum=1, maximum=10_000,
                    help=QT_TRANSLATE_NOOP("Core", "default: a full window")),
              Param("include_current", "boolean",
                    QT_TRANSLATE_NOOP("Core", "Include the current row"), default=False),
              DEVICE),
             QT_TRANSLATE_NOOP("Core", "Statistics over the previous N rows within the same "
                               "device."),
             check_rolling, run_rolling),
    StepType("diff", QT_TRANSLATE_NOOP("Core", "Differences"), GROUPS["features"], "row",
             (COLUMNS, Param("periods", "integers", QT_TRANSLATE_NOOP("Core", "Rows back"),
                             default=[1], minimum=1, maximum=10_000), DEVICE),
             QT_TRANSLATE_NOOP("Core", "The change from N rows earlier within the same device."),
             check_diff, run_diff),
    StepType("calendar", QT_TRANSLATE_NOOP("Core", "Calendar features"), GROUPS["features"],
             "row",
             (TIME, Param("features", "choices", QT_TRANSLATE_NOOP("Core", "Features"),
                          default=["day_of_week", "day_of_month", "month"],
                          choices=CALENDAR_FEATURES),
              Param("holidays", "text", QT_TRANSLATE_NOOP("Core", "Holiday calendar"), default="",
                    help=QT_TRANSLATE_NOOP("Core", "country code such as CN, US or GB-ENG; empty "
                                           "for none")),
              Param("paydays", "integers", QT_TRANSLATE_NOOP("Core", "Paydays (day of month)"),
                    default=[], minimum=1, maximum=31),
              Param("prefix", "text", QT_TRANSLATE_NOOP("Core", "Column prefix"), default="")),
             QT_TRANSLATE_NOOP("Core", "Day of week, month, holidays, paydays and month ends of "
                               "each row's date."),
             check_calendar, run_calendar),
    StepType("time_since_event", QT_TRANSLATE_NOOP("Core", "Time since last event"),
             GROUPS["features"], "row",
             (Param("events_dataset", "text", QT_TRANSLATE_NOOP("Core", "Events dataset"),
                    required=True),
              Param("event_type", "text", QT_TRANSLATE_NOOP("Core", "Event type"), required=True,
                    help=QT_TRANSLATE_NOOP("Core", "e.g. fault")),
              Param("event_column", "column", QT_TRANSLATE_NOOP("Core", "Event type column"),
                    help=QT_TRANSLATE_NOOP("Core", "default: the events dataset's event type")),
              Param("unit", "choice", QT_TRANSLATE_NOOP("Core", "Unit"), default="hours",
                    choices=("hours", "days")),
              Param("output", "text", QT_TRANSLATE_NOOP("Core", "Output column"), default="",
                    help=QT_TRANSLATE_NOOP("Core", "default: <unit>_since_<event type>")),
              DEVICE, TIME),
             QT_TRANSLATE_NOOP("Core", "Hours (or days) since the device's last event of a type "
                               "at or before each row's time; missing before its first such "
                               "event."),
             check_time_since, run_time_since),
)
