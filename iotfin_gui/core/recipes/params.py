"""Parameter schemas of recipe steps, the recipe error, and the static column schema.

A :class:`Param` describes one parameter (kind, default, limits, choices) so that the Preprocess
panel can build a form for any step and :meth:`Param.coerce` can check a value read from JSON.
A :class:`Columns` is what a step knows about the data without reading it: each column's logical
type (the store's: integer, float, text, boolean, datetime, plus category), which columns play
the device and timestamp roles, and the time zone of the timestamps. Recipes are validated by
passing a :class:`Columns` through every step's ``check``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.store import logical_type

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


class RecipeError(UserFacingError):
    """A recipe that cannot be read or run; names the step (index and type), parameter, column."""

    def __init__(
        self,
        message: str,
        *,
        step: int | None = None,
        step_type: str | None = None,
        param: str | None = None,
        column: str | None = None,
    ) -> None:
        self.step, self.step_type, self.param, self.column = step, step_type, param, column
        self.message = message
        where = []
        if step is not None:
            where.append(f"step {step + 1}" + (f" ({step_type})" if step_type else ""))
        if param is not None:
            where.append(f"parameter {param!r}")
        text = f"{', '.join(where)}: {message}" if where else message
        super().__init__(text[:1].upper() + text[1:])

    def at_step(self, index: int, step_type: str) -> RecipeError:
        """The same error, placed at step ``index`` (for errors raised while a step runs)."""
        return RecipeError(self.message, step=index, step_type=step_type, param=self.param,
                           column=self.column)


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

    def _bounded(self, number: float) -> float:
        if self.minimum is not None and number < self.minimum:
            raise ValueError(f"must be at least {self.minimum:g}, not {number:g}")
        if self.maximum is not None and number > self.maximum:
            raise ValueError(f"must be at most {self.maximum:g}, not {number:g}")
        return number

    def _coerce_column(self, value: Any) -> str:
        if not isinstance(value, str) or not value or len(value) > 1000:
            raise ValueError(f"must be a column name, not {_show(value)}")
        return value

    def _coerce_columns(self, value: Any) -> list[str]:
        items = _list(value, "a list of column names")
        if not items:
            raise ValueError("must name at least one column")
        names = [self._coerce_column(item) for item in items]
        if len(set(names)) != len(names):
            raise ValueError("names a column twice")
        return names

    def _coerce_choice(self, value: Any) -> str:
        if not isinstance(value, str) or value not in self.choices:
            raise ValueError(f"must be one of {', '.join(self.choices)}, not {_show(value)}")
        return value

    def _coerce_choices(self, value: Any) -> list[str]:
        items = [self._coerce_choice(v) for v in _list(value, "a list")]
        if not items or len(set(items)) != len(items):
            raise ValueError("must list at least one choice, each once")
        return items

    def _coerce_integer(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number, not {_show(value)}")
        return int(self._bounded(value))

    def _coerce_integers(self, value: Any) -> list[int]:
        items = [self._coerce_integer(v) for v in _list(value, "a list of whole numbers")]
        if not items or len(set(items)) != len(items):
            raise ValueError("must list at least one number, each once")
        return items

    def _coerce_number(self, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number, not {_show(value)}")
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        return self._bounded(value)

    def _coerce_boolean(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, not {_show(value)}")
        return value

    def _coerce_text(self, value: Any) -> str:
        if not isinstance(value, str) or len(value) > 1000:
            raise ValueError(f"must be a text, not {_show(value)}")
        return value

    def _coerce_texts(self, value: Any) -> list[str]:
        return [self._coerce_text(v) for v in _list(value, "a list of texts")]

    def _coerce_datetime(self, value: Any) -> str:
        text = self._coerce_text(value)
        try:
            stamp = pd.Timestamp(text)
        except (ValueError, OverflowError) as error:
            raise ValueError(f"must be a date or time such as 2026-01-31, not {text!r}") from error
        if stamp is pd.NaT or stamp.tzinfo is not None:
            raise ValueError(f"must be a date or time without a zone, not {text!r}")
        return text

    def _coerce_scalar(self, value: Any) -> str | float | bool:
        if isinstance(value, bool | str):
            return self._coerce_text(value) if isinstance(value, str) else value
        return self._coerce_number(value)

    def _coerce_conditions(self, value: Any) -> list[dict[str, Any]]:
        conditions = []
        for item in _list(value, "a list of conditions"):
            if not isinstance(item, dict) or not {"column", "op"} <= set(item) or not set(
                item) <= {"column", "op", "value"}:
                raise ValueError("each condition must be {column, op, value}")
            op = item["op"]
            if op not in CONDITION_OPS:
                raise ValueError(f"op must be one of {', '.join(CONDITION_OPS)}, not {_show(op)}")
            condition: dict[str, Any] = {"column": self._coerce_column(item["column"]), "op": op}
            if op in ("in", "not_in"):
                condition["value"] = [self._coerce_scalar(v) for v in _list(
                    item.get("value"), "a list of values")]
            elif op not in ("is_missing", "not_missing"):
                if "value" not in item:
                    raise ValueError(f"the condition on {item['column']!r} needs a value")
                condition["value"] = self._coerce_scalar(item["value"])
            conditions.append(condition)
        if not conditions:
            raise ValueError("must hold at least one condition")
        return conditions

    def _coerce_aggregations(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict) or not value or len(value) > MAX_ITEMS:
            raise ValueError("must map column names to an aggregation such as sum or mean")
        result = {}
        for column, how in value.items():
            if how not in AGGREGATIONS:
                raise ValueError(f"aggregation of {column!r} must be one of "
                                 f"{', '.join(AGGREGATIONS)}, not {_show(how)}")
            result[self._coerce_column(column)] = how
        return result

    def _coerce_orders(self, value: Any) -> dict[str, list]:
        if not isinstance(value, dict) or len(value) > MAX_ITEMS:
            raise ValueError("must map column names to their categories in order")
        result = {}
        for column, order in value.items():
            items = [self._coerce_scalar(v) for v in _list(order, "a list of categories")]
            if not items or len(set(map(repr, items))) != len(items):
                raise ValueError(f"the order of {column!r} must list each category once")
            result[self._coerce_column(column)] = items
        return result


def _list(value: Any, what: str) -> list:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise ValueError(f"must be {what}, not {_show(value)}")
    return value


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True)
class Columns:
    """The columns a step sees: name -> logical type, the role columns and the time zone.

    ``open`` is true after a step whose output columns depend on the data (one-hot encoding):
    references to unknown columns are then checked when the recipe runs, not before.
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
            raise self.error(f"column {name!r} {columns.hidden[name]}", param=param, column=name)
        if kind is None:
            if columns.open:
                return name
            known = ", ".join(list(columns.types)[:20])
            raise self.error(f"column {name!r} does not exist (columns: {known})",
                             param=param, column=name)
        if types is not None and kind not in types:
            raise self.error(f"column {name!r} is {kind}, but this step needs "
                             f"{' or '.join(types)} values", param=param, column=name)
        return name

    def numeric(self, columns: Columns, names: Sequence[str], param: str) -> list[str]:
        return [self.column(columns, n, param, types=NUMERIC_TYPES) for n in names]

    def role(self, columns: Columns, given: str | None, role: str, param: str) -> str:
        """The column given, else the dataset's ``device``/``time`` role column."""
        name = given if given is not None else getattr(columns, role)
        if name is None:
            what = "device id" if role == "device" else "timestamp"
            raise self.error(f"the data has no {what} column; name one or set the {what} role "
                             "of the dataset", param=param)
        types = ("datetime",) if role == "time" else None
        return self.column(columns, name, param, types=types)
