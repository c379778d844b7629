"""Parameter schemas of recipe steps, the recipe error, and the static column schema.

A :class:`Param` describes one parameter (kind, default, limits, choices) so that the Preprocess
panel can build a form for any step and :meth:`Param.coerce` can check a value read from JSON.
A :class:`Columns` is what a step knows about the data without reading it: each column's logical
type (the store's: integer, float, text, boolean, datetime, plus category), which columns play
the device and timestamp roles, and the time zone of the timestamps. Recipes are validated by
passing a :class:`Columns` through every step's ``check``.

Labels, help texts and choice labels (:data:`CHOICE_LABELS`) are translatable Messages, and so
are the messages of :class:`RecipeError`, including its "Step N (type), parameter 'x': " place;
choices, parameter names and step types stay the English keys recipes store.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from iotfin_gui.core.data_hash import logical_type
from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message, as_message, placed

NUMERIC_TYPES = ("integer", "float", "boolean")
#: Kinds of parameter; the UI picks a widget per kind.
PARAM_KINDS = (
    "column", "columns", "choice", "choices", "integer", "integers", "number", "boolean", "text",
    "texts", "datetime", "scalar", "conditions", "aggregations", "orders",
)
CONDITION_OPS = ("==", "!=", "<", "<=", ">", ">=", "in", "not_in", "is_missing", "not_missing")
AGGREGATIONS = ("sum", "mean", "last", "first", "max", "min", "count")
#: Longest list or text accepted in a parameter (a guard against hostile files).
MAX_ITEMS = 10_000
#: How the Preprocess panel shows the choices of ``choice``/``choices`` parameters and the
#: aggregations; the choices themselves (what recipes store) stay these English keys.
CHOICE_LABELS: dict[str, Message] = {
    "include": QT_TRANSLATE_NOOP("Core", "include"),
    "exclude": QT_TRANSLATE_NOOP("Core", "exclude"),
    "all": QT_TRANSLATE_NOOP("Core", "all"),
    "any": QT_TRANSLATE_NOOP("Core", "any"),
    "keep": QT_TRANSLATE_NOOP("Core", "keep"),
    "drop": QT_TRANSLATE_NOOP("Core", "drop"),
    "rows": QT_TRANSLATE_NOOP("Core", "rows"),
    "columns": QT_TRANSLATE_NOOP("Core", "columns"),
    "ffill": QT_TRANSLATE_NOOP("Core", "forward fill"),
    "bfill": QT_TRANSLATE_NOOP("Core", "backward fill"),
    "interpolate": QT_TRANSLATE_NOOP("Core", "interpolate in time"),
    "raise": QT_TRANSLATE_NOOP("Core", "stop with an error"),
    "missing": QT_TRANSLATE_NOOP("Core", "make them missing"),
    "float": QT_TRANSLATE_NOOP("Core", "decimal number"),
    "integer": QT_TRANSLATE_NOOP("Core", "whole number"),
    "text": QT_TRANSLATE_NOOP("Core", "text"),
    "hourly": QT_TRANSLATE_NOOP("Core", "hourly"),
    "daily": QT_TRANSLATE_NOOP("Core", "daily"),
    "weekly": QT_TRANSLATE_NOOP("Core", "weekly"),
    "sum": QT_TRANSLATE_NOOP("Core", "sum"),
    "mean": QT_TRANSLATE_NOOP("Core", "mean"),
    "median": QT_TRANSLATE_NOOP("Core", "median"),
    "mode": QT_TRANSLATE_NOOP("Core", "most frequent"),
    "constant": QT_TRANSLATE_NOOP("Core", "constant"),
    "std": QT_TRANSLATE_NOOP("Core", "standard deviation"),
    "min": QT_TRANSLATE_NOOP("Core", "minimum"),
    "max": QT_TRANSLATE_NOOP("Core", "maximum"),
    "first": QT_TRANSLATE_NOOP("Core", "first"),
    "last": QT_TRANSLATE_NOOP("Core", "last"),
    "count": QT_TRANSLATE_NOOP("Core", "count"),
    "day_of_week": QT_TRANSLATE_NOOP("Core", "day of week"),
    "day_of_month": QT_TRANSLATE_NOOP("Core", "day of month"),
    "month": QT_TRANSLATE_NOOP("Core", "month"),
    "week_of_year": QT_TRANSLATE_NOOP("Core", "week of year"),
    "is_weekend": QT_TRANSLATE_NOOP("Core", "weekend"),
    "is_month_end": QT_TRANSLATE_NOOP("Core", "month end"),
    "days_to_month_end": QT_TRANSLATE_NOOP("Core", "days to month end"),
    "is_payday": QT_TRANSLATE_NOOP("Core", "payday"),
    "is_holiday": QT_TRANSLATE_NOOP("Core", "holiday"),
    "days_to_holiday": QT_TRANSLATE_NOOP("Core", "days to the next holiday"),
    "days_since_holiday": QT_TRANSLATE_NOOP("Core", "days since the last holiday"),
    "hours": QT_TRANSLATE_NOOP("Core", "hours"),
    "days": QT_TRANSLATE_NOOP("Core", "days"),
    "quantile": QT_TRANSLATE_NOOP("Core", "quantiles"),
    "iqr": QT_TRANSLATE_NOOP("Core", "IQR fences"),
    "zscore": QT_TRANSLATE_NOOP("Core", "z-score"),
    "standard": QT_TRANSLATE_NOOP("Core", "standard (mean 0, sd 1)"),
    "minmax": QT_TRANSLATE_NOOP("Core", "min-max (0 to 1)"),
    "robust": QT_TRANSLATE_NOOP("Core", "robust (median, IQR)"),
    "random": QT_TRANSLATE_NOOP("Core", "random"),
    "stratified": QT_TRANSLATE_NOOP("Core", "stratified"),
    "group": QT_TRANSLATE_NOOP("Core", "by device"),
    "time": QT_TRANSLATE_NOOP("Core", "by time"),
}


def choice_label(choice: str) -> str:
    """How a choice (or aggregation) reads in a form; unknown ones read as themselves."""
    return CHOICE_LABELS.get(choice, choice)


class RecipeError(UserFacingError):
    """A recipe that cannot be read or run; names the step (index and type), parameter, column
    and, for a document, the JSON path of the bad value (``steps[3].params.lags[2]``)."""

    def __init__(
        self,
        message: str,
        *,
        step: int | None = None,
        step_type: str | None = None,
        param: str | None = None,
        column: str | None = None,
        path: str | None = None,
    ) -> None:
        self.step, self.step_type, self.param, self.column = step, step_type, param, column
        self.message, self.path = message, path
        where: list[Message] = []
        if step is not None:
            where.append(
                QT_TRANSLATE_NOOP("Core", "Step {step} ({type})").format(step=step + 1,
                                                                         type=step_type)
                if step_type else QT_TRANSLATE_NOOP("Core", "Step {step}").format(step=step + 1))
        if param is not None:
            where.append((QT_TRANSLATE_NOOP("Core", "parameter {param!r}") if where
                          else QT_TRANSLATE_NOOP("Core", "Parameter {param!r}")).format(
                              param=param))
        if path is not None:
            where.append(QT_TRANSLATE_NOOP("Core", "at {path}").format(path=path))
        # A Message without a place is already written capitalised; a plain text is made so.
        plain = not where and not isinstance(message, Message)
        super().__init__(message[:1].upper() + message[1:] if plain else placed(where, message))

    def at_step(self, index: int, step_type: str) -> RecipeError:
        """The same error, placed at step ``index`` (for errors raised while a step runs)."""
        return RecipeError(self.message, step=index, step_type=step_type, param=self.param,
                           column=self.column, path=self.path)


@dataclass(frozen=True)
class Param:
    """One parameter of a step type: what the UI shows and what :meth:`coerce` accepts."""

    name: str
    kind: str
    label: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able description, for building forms."""
        return {"name": self.name, "kind": self.kind, "label": self.label,
                "required": self.required, "default": self.default,
                "choices": list(self.choices), "minimum": self.minimum,
                "maximum": self.maximum, "help": self.help}

    def coerce(self, value: Any) -> Any:
        """``value`` checked against the kind and limits; raises ``ValueError`` with a reason."""
        checker = getattr(self, f"_coerce_{self.kind}")
        return checker(value)

    def choice_label(self, choice: str) -> str:
        """How one of the choices reads in a form (see :data:`CHOICE_LABELS`)."""
        return choice_label(choice)

    def _bounded(self, number: float) -> float:
        if self.minimum is not None and number < self.minimum:
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must be at least {minimum:g}, not "
                                               "{value:g}").format(minimum=self.minimum,
                                                                   value=number))
        if self.maximum is not None and number > self.maximum:
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must be at most {maximum:g}, not "
                                               "{value:g}").format(maximum=self.maximum,
                                                                   value=number))
        return number

    def _coerce_column(self, value: Any) -> str:
        if not isinstance(value, str) or not value or len(value) > 1000:
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must be a column name, not {value}")
                             .format(value=_show(value)))
        return value

    def _coerce_columns(self, value: Any) -> list[str]:
        items = _list(value, QT_TRANSLATE_NOOP("Core", "a list of column names"))
        if not items:
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must name at least one column"))
        names = [self._coerce_column(item) for item in items]
        if len(set(names)) != len(names):
            raise ValueError(QT_TRANSLATE_NOOP("Core", "names a column twice"))
        return names

    def _coerce_choice(self, value: Any) -> str:
        if not isinstance(value, str) or value not in self.choices:
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must be one of {choices}, not {value}")
                             .format(choices=", ".join(self.choices), value=_show(value)))
        return value

    def _coerce_choices(self, value: Any) -> list[str]:
        items = [self._coerce_choice(v) for v in _list(value, QT_TRANSLATE_NOOP("Core",
                                                                                "a list"))]
        if not items or len(set(items)) != len(items):
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must list at least one choice, each "
                                               "once"))
        return items

    def _coerce_integer(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must be a whole number, not {value}")
                             .format(value=_show(value)))
        return int(self._bounded(value))

    def _coerce_integers(self, value: Any) -> list[int]:
        items = [self._coerce_integer(v) for v in _list(
            value, QT_TRANSLATE_NOOP("Core", "a list of whole numbers"))]
        if not items or len(set(items)) != len(items):
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must list at least one number, each "
                                               "once"))
        return items

    def _coerce_number(self, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must be a number, not {value}")
                             .format(value=_show(value)))
        if not math.isfinite(value):
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must be a finite number"))
        return self._bounded(value)

    def _coerce_boolean(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must be true or false, not {value}")
                             .format(value=_show(value)))
        return value

    def _coerce_text(self, value: Any) -> str:
        if not isinstance(value, str) or len(value) > 1000:
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must be a text, not {value}")
                             .format(value=_show(value)))
        return value

    def _coerce_texts(self, value: Any) -> list[str]:
        return [self._coerce_text(v) for v in _list(value, QT_TRANSLATE_NOOP("Core",
                                                                             "a list of texts"))]

    def _coerce_datetime(self, value: Any) -> str:
        text = self._coerce_text(value)
        try:
            stamp = pd.Timestamp(text)
        except (ValueError, OverflowError) as error:
            raise ValueError(QT_TRANSLATE_NOOP(
                "Core", "must be a date or time such as 2026-01-31, not {value!r}").format(
                    value=text)) from error
        if stamp is pd.NaT or stamp.tzinfo is not None:
            raise ValueError(QT_TRANSLATE_NOOP(
                "Core", "must be a date or time without a zone, not {value!r}").format(
                    value=text))
        return text

    def _coerce_scalar(self, value: Any) -> str | float | bool:
        if isinstance(value, bool | str):
            return self._coerce_text(value) if isinstance(value, str) else value
        return self._coerce_number(value)

    def _coerce_conditions(self, value: Any) -> list[dict[str, Any]]:
        conditions = []
        for item in _list(value, QT_TRANSLATE_NOOP("Core", "a list of conditions")):
            if not isinstance(item, dict) or not {"column", "op"} <= set(item) or not set(
                item) <= {"column", "op", "value"}:
                raise ValueError(QT_TRANSLATE_NOOP("Core", "each condition must have a column, "
                                                   "an op and (for most ops) a value"))
            op = item["op"]
            if op not in CONDITION_OPS:
                raise ValueError(QT_TRANSLATE_NOOP("Core", "op must be one of {ops}, not "
                                                   "{value}").format(ops=", ".join(CONDITION_OPS),
                                                                     value=_show(op)))
            condition: dict[str, Any] = {"column": self._coerce_column(item["column"]), "op": op}
            if op in ("in", "not_in"):
                condition["value"] = [self._coerce_scalar(v) for v in _list(
                    item.get("value"), QT_TRANSLATE_NOOP("Core", "a list of values"))]
            elif op not in ("is_missing", "not_missing"):
                if "value" not in item:
                    raise ValueError(QT_TRANSLATE_NOOP(
                        "Core", "the condition on {column!r} needs a value").format(
                            column=item["column"]))
                condition["value"] = self._coerce_scalar(item["value"])
            conditions.append(condition)
        if not conditions:
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must hold at least one condition"))
        return conditions

    def _coerce_aggregations(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict) or not value or len(value) > MAX_ITEMS:
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must map column names to an aggregation "
                                               "such as sum or mean"))
        result = {}
        for column, how in value.items():
            if how not in AGGREGATIONS:
                raise ValueError(QT_TRANSLATE_NOOP(
                    "Core", "aggregation of {column!r} must be one of {choices}, not {value}")
                    .format(column=column, choices=", ".join(AGGREGATIONS), value=_show(how)))
            result[self._coerce_column(column)] = how
        return result

    def _coerce_orders(self, value: Any) -> dict[str, list]:
        if not isinstance(value, dict) or len(value) > MAX_ITEMS:
            raise ValueError(QT_TRANSLATE_NOOP("Core", "must map column names to their "
                                               "categories in order"))
        result = {}
        for column, order in value.items():
            items = [self._coerce_scalar(v) for v in _list(
                order, QT_TRANSLATE_NOOP("Core", "a list of categories"))]
            if not items or len(set(map(repr, items))) != len(items):
                raise ValueError(QT_TRANSLATE_NOOP(
                    "Core", "the order of {column!r} must list each category once").format(
                        column=column))
            result[self._coerce_column(column)] = items
        return result


def _list(value: Any, what: Message) -> list:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise ValueError(QT_TRANSLATE_NOOP("Core", "must be {what}, not {value}").format(
            what=what, value=_show(value)))
    return value


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True)
class Columns:
    """The columns a step sees: name -> logical type, the role columns and the time zone.

    ``open`` is true after a step whose output columns depend on the data (one-hot encoding):
    references to unknown columns are then checked when the recipe runs, not before. ``hidden``
    maps columns steps may not use to the message saying why.
    """

    types: Mapping[str, str]
    device: str | None = None
    time: str | None = None
    timezone: str = "UTC"
    open: bool = False
    roles: Mapping[str, str] = field(default_factory=dict)
    target: str | None = None
    hidden: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of_frame(cls, frame: pd.DataFrame, **roles: Any) -> Columns:
        return cls({str(c): frame_type(frame[c]) for c in frame.columns}, **roles)

    def with_types(self, changes: Mapping[str, str | None]) -> Columns:
        """A copy with columns added or retyped (type) or removed (``None``)."""
        types = {k: v for k, v in self.types.items() if changes.get(k, v) is not None}
        types.update({k: v for k, v in changes.items() if v is not None})
        device = self.device if self.device in types else None
        time = self.time if self.time in types else None
        target = self.target if self.target in types or self.target in self.hidden else None
        return replace(self, types=types, device=device, time=time, target=target)


def frame_type(series: pd.Series) -> str:
    """The store's logical type of a pandas column, or ``category`` for categoricals."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return "category"
    return logical_type(series)


@dataclass(frozen=True)
class StepCheck:
    """Where a check happens (for error messages): step index and type."""

    index: int
    type: str

    def error(self, message: str, *, param: str | None = None,
              column: str | None = None) -> RecipeError:
        return RecipeError(message, step=self.index, step_type=self.type, param=param,
                           column=column)

    def column(self, columns: Columns, name: str, param: str, *,
               types: Sequence[str] | None = None) -> str:
        """``name`` if it exists (and has one of ``types``); else a :class:`RecipeError`."""
        kind = columns.types.get(name)
        if name in columns.hidden:
            raise self.error(as_message(columns.hidden[name]), param=param, column=name)
        if kind is None:
            if columns.open:
                return name
            known = ", ".join(list(columns.types)[:20])
            raise self.error(QT_TRANSLATE_NOOP(
                "Core", "column {name!r} does not exist (columns: {known})").format(
                    name=name, known=known), param=param, column=name)
        if types is not None and kind not in types:
            raise self.error(QT_TRANSLATE_NOOP(
                "Core", "column {name!r} is {kind}, but this step needs {types} values").format(
                    name=name, kind=kind, types=" or ".join(types)), param=param, column=name)
        return name

    def numeric(self, columns: Columns, names: Sequence[str], param: str) -> list[str]:
        return [self.column(columns, n, param, types=NUMERIC_TYPES) for n in names]

    def role(self, columns: Columns, given: str | None, role: str, param: str) -> str:
        """The column given, else the dataset's ``device``/``time`` role column."""
        name = given if given is not None else getattr(columns, role)
        if name is None:
            raise self.error(
                QT_TRANSLATE_NOOP("Core", "the data has no device id column; name one or set "
                                  "the device id role of the dataset") if role == "device" else
                QT_TRANSLATE_NOOP("Core", "the data has no timestamp column; name one or set "
                                  "the timestamp role of the dataset"), param=param)
        types = ("datetime",) if role == "time" else None
        return self.column(columns, name, param, types=types)
