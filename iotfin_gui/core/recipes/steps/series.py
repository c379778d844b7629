"""Time-series row steps per device: time-zone conversion and resampling to a regular grid.

Stored timestamps are naive UTC. ``timezone`` turns them into naive local wall-clock time, so
that a following daily resample or calendar step works on local days. ``resample`` aggregates
each device's rows into hourly, daily or weekly (Monday-based) periods, fills the grid between a
device's first and last period and marks the periods that had no rows (``gap_column``).
"""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.recipes.params import NUMERIC_TYPES, Columns, Param, StepCheck
from iotfin_gui.core.recipes.steps.base import GROUPS, Env, StepType
from iotfin_gui.core.recipes.steps.rows import DEVICE, TIME

PERIODS = {"hourly": pd.Timedelta(hours=1), "daily": pd.Timedelta(days=1),
           "weekly": pd.Timedelta(days=7)}
NUMERIC_AGGREGATIONS = ("sum", "mean", "max", "min")


def _zone(name: str, at: StepCheck, param: str) -> str:
    try:
        ZoneInfo(name)
    except Exception as error:  # any failure means the name is not a usable zone
        raise at.error(QT_TRANSLATE_NOOP(
            "Core", "{name!r} is not a time zone such as Asia/Shanghai or UTC").format(name=name),
            param=param) from error
    return name


def check_timezone(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    name = at.role(columns, params["time"], "time", "time")
    _zone(params["from_zone"], at, "from_zone")
    _zone(params["to_zone"], at, "to_zone")
    return replace(columns, timezone=params["to_zone"]) if name == columns.time else columns


def run_timezone(frame: pd.DataFrame, params: dict, columns: Columns, env: Env) -> pd.DataFrame:
    name = params["time"] or columns.time
    local = (frame[name].dt.tz_localize(params["from_zone"], ambiguous="NaT",
                                        nonexistent="NaT")
             .dt.tz_convert(params["to_zone"]).dt.tz_localize(None))
    return frame.assign(**{name: local})


def check_resample(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    if columns.time is None and params["time"] is None:
        raise at.error(QT_TRANSLATE_NOOP(
            "Core", "resampling needs a timestamp column, and this data has none; parse one "
            "with a parse_timestamps step or set the dataset's timestamp role"), param="time")
    time = at.role(columns, params["time"], "time", "time")
    device = at.column(columns, params["device"], "device") if params["device"] else (
        columns.device)
    types: dict[str, str | None] = {c: None for c in columns.types if c not in (device, time)}
    for name, how in params["aggregations"].items():
        if name in (device, time):
            raise at.error(QT_TRANSLATE_NOOP(
                "Core", "column {column!r} is the device or time column itself").format(
                    column=name), param="aggregations", column=name)
        if how in NUMERIC_AGGREGATIONS:
            at.column(columns, name, "aggregations", types=NUMERIC_TYPES)
        else:
            at.column(columns, name, "aggregations")
        kind = columns.types.get(name, "float")
        types[name] = ("integer" if how == "count" else
                       "float" if how in NUMERIC_AGGREGATIONS or kind == "integer" else kind)
    if params["gap_column"]:
        types[params["gap_column"]] = "integer"
    return replace(columns.with_types(types), device=device, time=time)


def period_start(times: pd.Series, frequency: str) -> pd.Series:
    """The start of each time's hourly, daily or weekly (Monday) period."""
    if frequency == "hourly":
        return times.dt.floor("h")
    days = times.dt.floor("D")
    if frequency == "daily":
        return days
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def _grid(present: pd.MultiIndex | pd.Index, step: pd.Timedelta,
          has_device: bool) -> pd.MultiIndex | pd.Index:
    """Every period from each device's first to its last present period."""
    keys = present.to_frame(index=False)
    keys.columns = ["device", "time"][-keys.shape[1]:]
    bounds = keys.groupby("device", sort=False)["time"].agg(["min", "max"]) if has_device else (
        pd.DataFrame({"min": [keys["time"].min()], "max": [keys["time"].max()]}))
    lengths = ((bounds["max"] - bounds["min"]) // step).to_numpy().astype(np.int64) + 1
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    starts = np.repeat(bounds["min"].to_numpy(), lengths)
    times = starts + offsets * step.to_timedelta64()
    if not has_device:
        return pd.Index(times, name=present.name)
    return pd.MultiIndex.from_arrays([np.repeat(bounds.index.to_numpy(), lengths), times],
                                     names=present.names)


def run_resample(frame: pd.DataFrame, params: dict, columns: Columns, env: Env) -> pd.DataFrame:
    time = params["time"] or columns.time
    device = params["device"] or columns.device
    aggregations = params["aggregations"]
    starts = period_start(frame[time], params["frequency"])
    keys = [frame[device], starts] if device else [starts]
    grouped = frame.groupby(keys, sort=True, observed=True)
    result = grouped.agg(**{name: (name, how) for name, how in aggregations.items()})
    sizes = grouped.size()
    if len(result):
        grid = _grid(result.index, PERIODS[params["frequency"]], device is not None)
        result = result.reindex(grid)
        sizes = sizes.reindex(grid)
    for name, how in aggregations.items():
        if how == "count":
            result[name] = result[name].fillna(0).astype("int64")
    if params["gap_column"]:
        result[params["gap_column"]] = sizes.isna().to_numpy().astype("int8")
    return result.reset_index()


STEPS = (
    StepType("timezone", QT_TRANSLATE_NOOP("Core", "Time zone"), GROUPS["time_series"], "row",
             (TIME, Param("to_zone", "text", QT_TRANSLATE_NOOP("Core", "To zone"), required=True,
                          help=QT_TRANSLATE_NOOP("Core", "e.g. Asia/Shanghai; times become "
                                                 "local wall-clock time")),
              Param("from_zone", "text", QT_TRANSLATE_NOOP("Core", "From zone"),
                    default="UTC")),
             QT_TRANSLATE_NOOP("Core", "Convert timestamps from one zone (stored times are UTC) "
                               "to local time."),
             check_timezone, run_timezone),
    StepType("resample", QT_TRANSLATE_NOOP("Core", "Resample"), GROUPS["time_series"], "row",
             (Param("frequency", "choice", QT_TRANSLATE_NOOP("Core", "Period"), required=True,
                    choices=tuple(PERIODS)),
              Param("aggregations", "aggregations",
                    QT_TRANSLATE_NOOP("Core", "Aggregation per column"), required=True),
              DEVICE, TIME,
              Param("gap_column", "text", QT_TRANSLATE_NOOP("Core", "Gap marker column"),
                    default="is_gap",
                    help=QT_TRANSLATE_NOOP("Core", "1 where a period had no rows; empty for "
                                           "none"))),
             QT_TRANSLATE_NOOP("Core", "Aggregate each device's rows into regular periods; other "
                               "columns are dropped."),
             check_resample, run_resample),
)
