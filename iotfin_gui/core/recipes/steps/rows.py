"""Row steps on whole frames: filters, column selection, missing values that need no statistics,
and types (timestamps, numbers, categories).

Every ``run`` returns a new frame with a fresh ``RangeIndex``; none of them learns anything
from the data, so they may run before the train/test split.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.recipes.params import NUMERIC_TYPES, Columns, Param, StepCheck
from iotfin_gui.core.recipes.steps.base import GROUPS, Env, StepType

DEVICE = Param("device", "column", QT_TRANSLATE_NOOP("Core", "Device column"),
               help=QT_TRANSLATE_NOOP("Core", "default: the dataset's device id"))
TIME = Param("time", "column", QT_TRANSLATE_NOOP("Core", "Time column"),
             help=QT_TRANSLATE_NOOP("Core", "default: the dataset's timestamp"))


def _rows(frame: pd.DataFrame, mask: Any) -> pd.DataFrame:
    return frame.loc[np.asarray(mask, dtype=bool)].reset_index(drop=True)


# --- filters --------------------------------------------------------------------------------


def check_filter_devices(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    at.role(columns, params["device"], "device", "device")
    return columns


def run_filter_devices(frame: pd.DataFrame, params: dict, columns: Columns,
                       env: Env) -> pd.DataFrame:
    device = params["device"] or columns.device
    keep = frame[device].astype("str").isin([str(d) for d in params["devices"]])
    return _rows(frame, keep if params["mode"] == "include" else ~keep)


def check_filter_time(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    at.role(columns, params["time"], "time", "time")
    if params["start"] is None and params["end"] is None and params["last_days"] is None:
        raise at.error(QT_TRANSLATE_NOOP("Core", "give a start, an end or a number of last days"),
                       param="start")
    return columns


def run_filter_time(frame: pd.DataFrame, params: dict, columns: Columns,
                    env: Env) -> pd.DataFrame:
    times = frame[params["time"] or columns.time]
    keep = times.notna()
    if params["start"] is not None:
        keep &= times >= pd.Timestamp(params["start"])
    if params["end"] is not None:
        keep &= times < pd.Timestamp(params["end"])
    if params["last_days"] is not None and times.notna().any():
        keep &= times > times.max() - pd.Timedelta(days=params["last_days"])
    return _rows(frame, keep)


def _condition_value(value: Any, kind: str, at: StepCheck, column: str) -> Any:
    """A condition's value converted for a column of logical type ``kind``."""
    if kind in NUMERIC_TYPES and not isinstance(value, str):
        return value
    if kind == "datetime" and isinstance(value, str):
        try:
            return pd.Timestamp(value)
        except (ValueError, OverflowError):
            pass
    if kind in ("text", "category") and isinstance(value, str):
        return value
    raise at.error(QT_TRANSLATE_NOOP(
        "Core", "{value!r} cannot be compared with column {column!r} ({kind})").format(
            value=value, column=column, kind=kind), param="conditions", column=column)


def check_filter_rows(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    for condition in params["conditions"]:
        name = at.column(columns, condition["column"], "conditions")
        kind = columns.types.get(name)
        op = condition["op"]
        if kind is None or op in ("is_missing", "not_missing"):
            continue
        if op in ("<", "<=", ">", ">=") and kind not in (*NUMERIC_TYPES, "datetime"):
            raise at.error(QT_TRANSLATE_NOOP(
                "Core", "column {column!r} is {kind}; {op} needs numbers or times").format(
                    column=name, kind=kind, op=op), param="conditions", column=name)
        values = condition["value"] if op in ("in", "not_in") else [condition["value"]]
        for value in values:
            _condition_value(value, kind, at, name)
    return columns


def run_filter_rows(frame: pd.DataFrame, params: dict, columns: Columns,
                    env: Env) -> pd.DataFrame:
    at = StepCheck(0, "filter_rows")
    masks = []
    for condition in params["conditions"]:
        series, op = frame[condition["column"]], condition["op"]
        kind = columns.types[condition["column"]]
        if op == "is_missing":
            masks.append(series.isna())
        elif op == "not_missing":
            masks.append(series.notna())
        elif op in ("in", "not_in"):
            values = [_condition_value(v, kind, at, condition["column"])
                      for v in condition["value"]]
            inside = series.isin(values)
            masks.append(inside if op == "in" else ~inside)
        else:
            value = _condition_value(condition["value"], kind, at, condition["column"])
            compared = {"==": series.eq, "!=": series.ne, "<": series.lt, "<=": series.le,
                        ">": series.gt, ">=": series.ge}[op](value)
            masks.append(compared.fillna(op == "!=").astype(bool))
    combined = np.logical_and.reduce if params["combine"] == "all" else np.logical_or.reduce
    return _rows(frame, combined([m.to_numpy(dtype=bool) for m in masks]))


def check_select_columns(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    names = [at.column(columns, c, "columns") for c in params["columns"]]
    if params["mode"] == "keep":
        return columns.with_types({c: None for c in columns.types if c not in names})
    return columns.with_types(dict.fromkeys(names))


def run_select_columns(frame: pd.DataFrame, params: dict, columns: Columns,
                       env: Env) -> pd.DataFrame:
    if params["mode"] == "keep":
        return frame[params["columns"]]
    return frame.drop(columns=params["columns"])


# --- missing values -------------------------------------------------------------------------


def check_drop_missing(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    for name in params["columns"] or []:
        at.column(columns, name, "columns")
    return columns


def run_drop_missing(frame: pd.DataFrame, params: dict, columns: Columns,
                     env: Env) -> pd.DataFrame:
    subset = params["columns"] or list(frame.columns)
    missing = frame[subset].isna()
    if params["axis"] == "rows":
        return _rows(frame, missing.mean(axis=1).to_numpy() <= params["threshold"])
    protected = {columns.device, columns.time, columns.target}
    share = missing.mean(axis=0) if len(frame) else pd.Series(0.0, index=subset)
    drop = [c for c in subset if share[c] > params["threshold"] and c not in protected]
    return frame.drop(columns=drop)


def check_missing_indicator(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    names = [at.column(columns, c, "columns") for c in params["columns"]]
    return columns.with_types({f"{c}{params['suffix']}": "integer" for c in names})


def run_missing_indicator(frame: pd.DataFrame, params: dict, columns: Columns,
                          env: Env) -> pd.DataFrame:
    flags = {f"{c}{params['suffix']}": frame[c].isna().astype("int8")
             for c in params["columns"]}
    return frame.assign(**flags)


def check_fill_series(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    if params["method"] == "interpolate":
        at.numeric(columns, params["columns"], "columns")
        at.role(columns, params["time"], "time", "time")
    else:
        for name in params["columns"]:
            at.column(columns, name, "columns")
    if params["device"] is not None:
        at.column(columns, params["device"], "device")
    return columns.with_types(
        {c: "float" for c in params["columns"] if params["method"] == "interpolate"})


def run_fill_series(frame: pd.DataFrame, params: dict, columns: Columns,
                    env: Env) -> pd.DataFrame:
    names, limit = params["columns"], params["limit"]
    device = params["device"] or columns.device
    keys = frame[device].to_numpy() if device else np.zeros(len(frame), dtype=np.int8)
    if params["method"] in ("ffill", "bfill"):
        grouped = frame[names].groupby(keys, sort=False)
        filled = grouped.ffill(limit=limit) if params["method"] == "ffill" else grouped.bfill(
            limit=limit)
    else:
        timed = frame[names].astype("float64").set_axis(frame[params["time"] or columns.time])
        filled = timed.groupby(keys, sort=False).transform(
            lambda part: part.interpolate(method="time", limit=limit, limit_area="inside")
        ).set_axis(frame.index)
    return frame.assign(**{c: filled[c] for c in names})


# --- types ----------------------------------------------------------------------------------


def check_parse_timestamps(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    name = at.column(columns, params["column"], "column", types=("text", "category", "datetime"))
    parsed = columns.with_types({name: "datetime"})
    if params["as_time_role"]:
        from dataclasses import replace

        parsed = replace(parsed, time=name)
    return parsed


def _first_bad(original: pd.Series, converted: pd.Series, at: StepCheck, column: str,
               what: Message) -> None:
    bad = converted.isna() & original.notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise at.error(QT_TRANSLATE_NOOP(
            "Core", "row {row}: {value!r} is not {what} (set errors to 'missing' to turn such "
            "values into missing ones)").format(row=row + 1, value=original.iloc[row], what=what),
            column=column)


def run_parse_timestamps(frame: pd.DataFrame, params: dict, columns: Columns,
                         env: Env) -> pd.DataFrame:
    name = params["column"]
    values = frame[name]
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return frame
    text = values.astype("str").where(values.notna())
    parsed = pd.to_datetime(text, format=params["format"] or None, errors="coerce", utc=True)
    if params["errors"] == "raise":
        _first_bad(values, parsed, StepCheck(0, "parse_timestamps"), name,
                   QT_TRANSLATE_NOOP("Core", "a date or time"))
    return frame.assign(**{name: parsed.dt.tz_localize(None)})


def check_cast(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    names = [at.column(columns, c, "columns") for c in params["columns"]]
    if params["to"] != "text":
        for name in names:
            if columns.types.get(name) == "datetime":
                raise at.error(QT_TRANSLATE_NOOP("Core", "column {column!r} holds times, not "
                                                 "numbers").format(column=name),
                               param="columns", column=name)
    return columns.with_types(dict.fromkeys(names, params["to"]))


def run_cast(frame: pd.DataFrame, params: dict, columns: Columns, env: Env) -> pd.DataFrame:
    at = StepCheck(0, "cast")
    cast = {}
    for name in params["columns"]:
        values = frame[name]
        if params["to"] == "text":
            cast[name] = values.astype("str").where(values.notna())
            continue
        numbers = pd.to_numeric(values.astype("str").where(values.notna()).str.strip()
                                if not pd.api.types.is_numeric_dtype(values) else values,
                                errors="coerce")
        if params["errors"] == "raise":
            _first_bad(values, numbers, at, name, QT_TRANSLATE_NOOP("Core", "a number"))
        if params["to"] == "integer":
            whole = numbers.dropna()
            if params["errors"] == "raise" and not np.all(np.equal(np.mod(whole, 1), 0)):
                raise at.error(QT_TRANSLATE_NOOP("Core", "column {column!r} holds fractions; "
                                                 "cast to float instead").format(column=name),
                               column=name)
            numbers = numbers.where(np.equal(np.mod(numbers, 1), 0)).round().astype("Int64")
        cast[name] = numbers.astype("float64") if params["to"] == "float" else numbers
    return frame.assign(**cast)


def check_categorize(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    names = [at.column(columns, c, "columns") for c in params["columns"]]
    return columns.with_types(dict.fromkeys(names, "category"))


def run_categorize(frame: pd.DataFrame, params: dict, columns: Columns,
                   env: Env) -> pd.DataFrame:
    return frame.assign(**{c: frame[c].astype("category") for c in params["columns"]})


COLUMNS = Param("columns", "columns", QT_TRANSLATE_NOOP("Core", "Columns"), required=True)
ERRORS = Param("errors", "choice", QT_TRANSLATE_NOOP("Core", "Bad values"), default="raise",
               choices=("raise", "missing"),
               help=QT_TRANSLATE_NOOP("Core", "stop at the first value that cannot be "
                                      "converted, or make such values missing"))

STEPS = (
    StepType("filter_devices", QT_TRANSLATE_NOOP("Core", "Keep or drop devices"),
             GROUPS["filter"], "row",
             (Param("devices", "texts", QT_TRANSLATE_NOOP("Core", "Devices"), required=True),
              DEVICE,
              Param("mode", "choice", QT_TRANSLATE_NOOP("Core", "Mode"), default="include",
                    choices=("include", "exclude"))),
             QT_TRANSLATE_NOOP("Core", "Keep (or drop) the rows of the listed devices."),
             check_filter_devices, run_filter_devices),
    StepType("filter_time", QT_TRANSLATE_NOOP("Core", "Time range"), GROUPS["filter"], "row",
             (TIME, Param("start", "datetime", QT_TRANSLATE_NOOP("Core", "From (inclusive)")),
              Param("end", "datetime", QT_TRANSLATE_NOOP("Core", "Until (exclusive)")),
              Param("last_days", "integer", QT_TRANSLATE_NOOP("Core", "Last N days"), minimum=1,
                    maximum=100_000)),
             QT_TRANSLATE_NOOP("Core", "Keep rows in a time range and/or the last N days of the "
                               "data."),
             check_filter_time, run_filter_time),
    StepType("filter_rows", QT_TRANSLATE_NOOP("Core", "Value conditions"), GROUPS["filter"],
             "row",
             (Param("conditions", "conditions", QT_TRANSLATE_NOOP("Core", "Conditions"),
                    required=True),
              Param("combine", "choice", QT_TRANSLATE_NOOP("Core", "Combine"), default="all",
                    choices=("all", "any"))),
             QT_TRANSLATE_NOOP("Core", "Keep rows that meet all (or any) of the conditions."),
             check_filter_rows, run_filter_rows),
    StepType("select_columns", QT_TRANSLATE_NOOP("Core", "Select columns"), GROUPS["filter"],
             "row",
             (COLUMNS, Param("mode", "choice", QT_TRANSLATE_NOOP("Core", "Mode"), default="keep",
                             choices=("keep", "drop"))),
             QT_TRANSLATE_NOOP("Core", "Keep only the listed columns, or drop them."),
             check_select_columns, run_select_columns),
    StepType("drop_missing", QT_TRANSLATE_NOOP("Core", "Drop missing"), GROUPS["missing"], "row",
             (Param("axis", "choice", QT_TRANSLATE_NOOP("Core", "Drop"), default="rows",
                    choices=("rows", "columns")),
              Param("threshold", "number", QT_TRANSLATE_NOOP("Core", "Allowed missing share"),
                    default=0.0, minimum=0.0, maximum=1.0,
                    help=QT_TRANSLATE_NOOP("Core", "drop when the share of missing values is "
                                           "above this")),
              Param("columns", "columns", QT_TRANSLATE_NOOP("Core", "Columns considered"),
                    help=QT_TRANSLATE_NOOP("Core", "default: all"))),
             QT_TRANSLATE_NOOP("Core", "Drop rows, or columns, whose share of missing values is "
                               "above the threshold (columns: decided on the whole data; the "
                               "device, time and target columns stay)."),
             check_drop_missing, run_drop_missing),
    StepType("missing_indicator", QT_TRANSLATE_NOOP("Core", "Missing indicator"),
             GROUPS["missing"], "row",
             (COLUMNS, Param("suffix", "text", QT_TRANSLATE_NOOP("Core", "Suffix"),
                             default="_missing")),
             QT_TRANSLATE_NOOP("Core", "Add a 0/1 column per column telling where its value is "
                               "missing."),
             check_missing_indicator, run_missing_indicator),
    StepType("fill_series", QT_TRANSLATE_NOOP("Core", "Fill along time"), GROUPS["missing"],
             "row",
             (COLUMNS, Param("method", "choice", QT_TRANSLATE_NOOP("Core", "Method"),
                             default="ffill", choices=("ffill", "bfill", "interpolate")),
              Param("limit", "integer", QT_TRANSLATE_NOOP("Core", "At most N in a row"),
                    minimum=1, maximum=1_000_000),
              DEVICE, TIME),
             QT_TRANSLATE_NOOP("Core", "Forward or backward fill, or interpolate in time, within "
                               "each device."),
             check_fill_series, run_fill_series),
    StepType("parse_timestamps", QT_TRANSLATE_NOOP("Core", "Parse timestamps"), GROUPS["types"],
             "row",
             (Param("column", "column", QT_TRANSLATE_NOOP("Core", "Column"), required=True),
              Param("format", "text", QT_TRANSLATE_NOOP("Core", "Format"),
                    help=QT_TRANSLATE_NOOP("Core", "e.g. %d/%m/%Y %H:%M; default: guess")),
              ERRORS,
              Param("as_time_role", "boolean", QT_TRANSLATE_NOOP("Core", "Use as the time column"),
                    default=False)),
             QT_TRANSLATE_NOOP("Core", "Turn texts into UTC timestamps (texts with an offset are "
                               "converted to UTC)."),
             check_parse_timestamps, run_parse_timestamps),
    StepType("cast", QT_TRANSLATE_NOOP("Core", "Cast"), GROUPS["types"], "row",
             (COLUMNS, Param("to", "choice", QT_TRANSLATE_NOOP("Core", "To"), required=True,
                             choices=("float", "integer", "text")), ERRORS),
             QT_TRANSLATE_NOOP("Core", "Convert columns to numbers or texts."),
             check_cast, run_cast),
    StepType("categorize", QT_TRANSLATE_NOOP("Core", "Categories"), GROUPS["types"], "row",
             (COLUMNS,), QT_TRANSLATE_NOOP("Core", "Mark columns as categories."),
             check_categorize, run_categorize),
)
