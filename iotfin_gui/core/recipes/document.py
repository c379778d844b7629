"""The recipe document: a versioned, human-readable JSON description of the steps to run.

    {
      "format": "iotfin-recipe",
      "name": "atm_daily_features",
      "version": 2,
      "created": "2026-10-31T09:00:00Z",
      "author": "A. Analyst",
      "note": "daily cash features for the cash-out model",
      "target": "amount",
      "steps": [
        {"type": "resample", "params": {"frequency": "daily", "aggregations": {"amount": "sum"}}},
        {"type": "lags", "params": {"columns": ["amount"], "lags": [1, 7]}}
      ]
    }

Reading is strict: anything that is not such a document (bad JSON, more than
:data:`MAX_DOCUMENT_BYTES` bytes or :data:`MAX_DEPTH` levels of nesting, unknown keys, unknown
step types or parameters, values of the wrong kind) raises a :class:`RecipeError` naming the
step (index and type), the parameter and the JSON path of the bad value, e.g.
``steps[3].params.lags[2]``. :meth:`Recipe.validate` then checks the steps against a
dataset's columns without reading any data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, as_message
from iotfin_gui.core.recipes.params import Columns, Param, RecipeError, StepCheck
from iotfin_gui.core.recipes.steps import STEP_TYPES, Env, StepType
from iotfin_gui.core.store import DatasetInfo

FORMAT = "iotfin-recipe"
PHASES = ("row", "split", "learned")
DOCUMENT_KEYS = {"format", "name", "version", "created", "author", "note", "target", "steps"}
#: Largest recipe file or text accepted, in characters, and in bytes (UTF-8).
MAX_DOCUMENT = 1_000_000
MAX_DOCUMENT_BYTES = 4 * MAX_DOCUMENT
#: Deepest nesting of arrays and objects a recipe may hold (real recipes need 5).
MAX_DEPTH = 32
MAX_STEPS = 500


@dataclass(frozen=True)
class Step:
    """One step: its type and its parameters (only those given; defaults fill the rest)."""

    type: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def step_type(self) -> StepType:
        return STEP_TYPES[self.type]

    def resolved(self) -> dict[str, Any]:
        """The parameters with defaults filled in."""
        return self.step_type.with_defaults(self.params)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "params": dict(self.params)}


@dataclass(frozen=True)
class Recipe:
    """A named list of steps. ``version`` and ``created`` are set when the store saves it."""

    name: str
    steps: tuple[Step, ...]
    note: str = ""
    author: str = ""
    target: str | None = None
    version: int | None = None
    created: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "steps", tuple(self.steps))
        check_document(self)

    # --- JSON ------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "name": self.name, "version": self.version,
                "created": self.created, "author": self.author, "note": self.note,
                "target": self.target, "steps": [s.to_dict() for s in self.steps]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Recipe:
        """Read a recipe document; any problem is a :class:`RecipeError` saying where."""
        if isinstance(text, bytes):
            if len(text) > MAX_DOCUMENT_BYTES:
                raise RecipeError(QT_TRANSLATE_NOOP(
                    "Core", "The recipe is too large ({size:,} bytes; at most {limit:,})").format(
                        size=len(text), limit=MAX_DOCUMENT_BYTES))
            try:
                text = text.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise RecipeError(QT_TRANSLATE_NOOP(
                    "Core", "The recipe is not UTF-8 text ({reason})").format(
                        reason=error.reason)) from error
        if len(text) > MAX_DOCUMENT:
            raise RecipeError(QT_TRANSLATE_NOOP(
                "Core", "The recipe is too large ({characters:,} characters)").format(
                    characters=len(text)))
        _check_depth(text)
        try:
            document = json.loads(text, parse_constant=_no_constant)
        except (ValueError, RecursionError) as error:
            raise RecipeError(QT_TRANSLATE_NOOP("Core", "The recipe is not valid JSON: {error}")
                              .format(error=str(error))) from error
        return cls.from_dict(document)

    @classmethod
    def from_dict(cls, document: Any) -> Recipe:
        if not isinstance(document, dict):
            raise RecipeError(QT_TRANSLATE_NOOP(
                "Core", "A recipe must be a JSON object with a name and steps"))
        unknown = set(document) - DOCUMENT_KEYS
        if unknown:
            raise RecipeError(QT_TRANSLATE_NOOP(
                "Core", "Unknown recipe field(s) {unknown}; expected {known}").format(
                    unknown=sorted(map(str, unknown)), known=sorted(DOCUMENT_KEYS)),
                path=str(sorted(map(str, unknown))[0])[:40])
        if document.get("format", FORMAT) != FORMAT:
            raise RecipeError(QT_TRANSLATE_NOOP(
                "Core", "This is not an IoTFin recipe (format {format!r})").format(
                    format=document["format"]), path="format")
        steps = document.get("steps")
        if not isinstance(steps, list):
            raise RecipeError(QT_TRANSLATE_NOOP("Core", "A recipe needs a list of steps"),
                              path="steps")
        if len(steps) > MAX_STEPS:
            raise RecipeError(QT_TRANSLATE_NOOP("Core", "A recipe holds at most {steps} steps")
                              .format(steps=MAX_STEPS), path="steps")
        version = document.get("version")
        if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
            raise RecipeError(QT_TRANSLATE_NOOP("Core", "The version must be a whole number"),
                              path="version")
        for key in ("created", "target", "name", "note", "author"):
            optional = key in ("created", "target")
            value = document.get(key) if optional else document.get(key, "")
            if not isinstance(value, str) and not (optional and value is None):
                raise RecipeError(QT_TRANSLATE_NOOP("Core", "The recipe's {key} must be a text")
                                  .format(key=key), path=key)
        return cls(name=document.get("name", ""), steps=tuple(map(_read_step, steps, range(
            len(steps)))), note=document.get("note", ""), author=document.get("author", ""),
            target=document.get("target"), version=version, created=document.get("created"))

    # --- checks ----------------------------------------------------------------------------

    def validate(self, dataset: DatasetInfo | Columns, env: Env | None = None) -> Columns:
        """Check every step against the dataset's columns (no data read); returns the columns
        the learned steps produce. Raises :class:`RecipeError` naming step and column."""
        columns = dataset if isinstance(dataset, Columns) else columns_of(dataset)
        env = env or Env()
        columns = self.bind(columns)
        for index, step in enumerate(self.steps):
            at = StepCheck(index, step.type)
            if step.step_type.phase == "learned" and columns.target is not None:
                columns = self.hide_target(columns)
            columns = step.step_type.check(step.resolved(), columns, at, env)
        return columns

    def bind(self, columns: Columns) -> Columns:
        """``columns`` with this recipe's target (else the dataset's label column) set."""
        target = self.target or columns.roles.get("label")
        if self.target is not None and self.target not in columns.types:
            raise RecipeError(QT_TRANSLATE_NOOP(
                "Core", "The target column {column!r} does not exist").format(
                    column=self.target), column=self.target)
        return replace(columns, target=target if target in columns.types else None)

    @staticmethod
    def hide_target(columns: Columns) -> Columns:
        """The columns learned steps see: all but the target, which they must not change."""
        target = columns.target
        if target is None or target not in columns.types:
            return columns
        hidden = {target: QT_TRANSLATE_NOOP(
            "Core", "column {name!r} is the recipe's target; learned steps do not transform "
            "it").format(name=target)}
        return replace(columns.with_types({target: None}), target=target, hidden=hidden)

    def phases(self) -> dict[str, list[tuple[int, Step]]]:
        """The steps by phase, with their index in the recipe."""
        grouped: dict[str, list[tuple[int, Step]]] = {phase: [] for phase in PHASES}
        for index, step in enumerate(self.steps):
            grouped[step.step_type.phase].append((index, step))
        return grouped

    def content(self) -> dict[str, Any]:
        """What makes two versions the same recipe (not the version, date or author)."""
        return {"target": self.target, "note": self.note,
                "steps": [s.to_dict() for s in self.steps]}


def columns_of(dataset: DatasetInfo) -> Columns:
    """A stored dataset's columns with its roles."""
    return Columns({c.name: c.type for c in dataset.columns}, device=dataset.column_for(
        "device_id"), time=dataset.column_for("timestamp"), roles=_by_role(dataset.roles))


def _by_role(roles: Mapping[str, str]) -> dict[str, str]:
    """column -> role turned into role -> first column."""
    result: dict[str, str] = {}
    for column, role in roles.items():
        result.setdefault(role, column)
    return result


def _check_depth(text: str) -> None:
    """Refuse a text whose arrays and objects nest deeper than :data:`MAX_DEPTH` (before the
    JSON parser recurses into it)."""
    depth, in_string, escaped = 0, False, False
    for position, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise RecipeError(QT_TRANSLATE_NOOP(
                    "Core", "The recipe nests more than {limit} levels deep (at character "
                    "{position:,})").format(limit=MAX_DEPTH, position=position + 1))
        elif char in "]}":
            depth -= 1


def _no_constant(name: str) -> None:
    raise ValueError(QT_TRANSLATE_NOOP("Core", "{name} is not allowed in a recipe").format(
        name=name))


def _read_step(item: Any, index: int) -> Step:
    if not isinstance(item, dict) or "type" not in item:
        raise RecipeError(QT_TRANSLATE_NOOP(
            "Core", "each step must be an object with a type and params"), step=index,
            path=f"steps[{index}]")
    kind = item["type"]
    if not isinstance(kind, str) or kind not in STEP_TYPES:
        raise RecipeError(QT_TRANSLATE_NOOP(
            "Core", "unknown step type {type!r}; known types: {known}").format(
                type=str(kind)[:40], known=", ".join(STEP_TYPES)), step=index,
            path=f"steps[{index}].type")
    extra = set(item) - {"type", "params"}
    if extra:
        raise RecipeError(QT_TRANSLATE_NOOP("Core", "unknown field(s) {fields} in the step")
                          .format(fields=sorted(map(str, extra))), step=index, step_type=kind,
                          path=f"steps[{index}].{sorted(map(str, extra))[0][:40]}")
    params = item.get("params", {})
    if not isinstance(params, dict):
        raise RecipeError(QT_TRANSLATE_NOOP("Core", "params must be an object"), step=index,
                          step_type=kind, path=f"steps[{index}].params")
    return Step(kind, params)


def check_document(recipe: Recipe) -> None:
    """The structural checks every recipe passes: name, step order, parameter kinds."""
    if not isinstance(recipe.name, str) or not recipe.name.strip() or len(recipe.name) > 200:
        raise RecipeError(QT_TRANSLATE_NOOP("Core", "A recipe needs a name (at most 200 "
                                            "characters)"))
    if recipe.version is not None and recipe.version < 1:
        raise RecipeError(QT_TRANSLATE_NOOP("Core", "The version must be 1 or more"))
    phase_seen = 0
    for index, step in enumerate(recipe.steps):
        if not isinstance(step, Step) or step.type not in STEP_TYPES:
            raise RecipeError(QT_TRANSLATE_NOOP("Core", "unknown step type"), step=index)
        kind = step.step_type
        order = PHASES.index(kind.phase)
        if order < phase_seen:
            raise RecipeError(QT_TRANSLATE_NOOP(
                "Core", "steps must be ordered row steps, then at most one split, then learned "
                "steps; move this step"), step=index, step_type=step.type)
        phase_seen = order + (kind.phase == "split")
        checked = _checked_params(kind, step.params, index)
        object.__setattr__(step, "params", checked)


def _checked_params(kind: StepType, params: Mapping[str, Any], index: int) -> dict[str, Any]:
    known = {p.name: p for p in kind.params}
    for name in params:
        if name not in known:
            raise RecipeError(QT_TRANSLATE_NOOP("Core", "unknown parameter; {type} takes "
                                                "{known}").format(type=kind.name,
                                                                  known=", ".join(known)),
                              step=index, step_type=kind.name, param=str(name)[:40],
                              path=f"steps[{index}].params.{str(name)[:40]}")
    checked = {}
    for param in kind.params:
        if param.name not in params or params[param.name] is None:
            if param.required:
                raise RecipeError(QT_TRANSLATE_NOOP("Core", "this parameter is required"),
                                  step=index, step_type=kind.name, param=param.name,
                                  path=f"steps[{index}].params.{param.name}")
            continue
        try:
            checked[param.name] = param.coerce(params[param.name])
        except ValueError as error:
            raise RecipeError(as_message(error.args[0]) if error.args else str(error),
                              step=index, step_type=kind.name, param=param.name,
                              path=f"steps[{index}].params.{param.name}"
                              f"{_bad_item(param, params[param.name])}") from error
    return checked


def _bad_item(param: Param, value: Any) -> str:
    """``[i]`` of the first item of a list ``value`` that ``param`` refuses on its own, or ""."""
    if not isinstance(value, list) or not param.kind.endswith("s"):
        return ""
    for position, item in enumerate(value[:MAX_STEPS * 20]):
        try:
            param.coerce([item])
        except ValueError:
            return f"[{position}]"
    return ""


def make_recipe(name: str, steps: Sequence[tuple[str, Mapping[str, Any]] | Step],
                **fields: Any) -> Recipe:
    """A recipe from ``(type, params)`` pairs: ``make_recipe("x", [("lags", {...})])``."""
    return Recipe(name, tuple(s if isinstance(s, Step) else Step(s[0], dict(s[1]))
                              for s in steps), **fields)
