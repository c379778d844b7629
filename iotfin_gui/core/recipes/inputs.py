"""Which stored columns a recipe reads, found from the recipe alone (no data read).

A recipe's result depends on the columns its steps name (parameters of the kinds ``column``,
``columns``, ``conditions``, ``aggregations`` and ``orders``), on the device, time and target
columns (rows are put in device and time order before each row step, a split may stratify by
the target), and on the columns that survive every step into the result (a column no step
names passes through unchanged). Any other stored column is read for nothing: a ``resample``
or a ``select_columns`` drops it before the result. :func:`recipe_inputs` walks the steps'
checks as :meth:`Recipe.validate` does and returns the stored columns needed, in stored order.

A step that looks at every column it is given (``drop_missing`` without a column list) needs
every column present at that point (it is a row step, so it runs before any learned step whose
output columns depend on the data, such as ``one_hot``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from iotfin_gui.core.recipes.document import Recipe, Step, columns_of
from iotfin_gui.core.recipes.params import Columns, StepCheck
from iotfin_gui.core.recipes.steps import Env
from iotfin_gui.core.store import DatasetInfo


def named_columns(step: Step) -> set[str]:
    """The column names ``step``'s parameters give (not the role columns it may default to)."""
    params = step.resolved()
    names: set[str] = set()
    for param in step.step_type.params:
        value = params.get(param.name)
        if value is None:
            continue
        if param.kind == "column":
            names.add(value)
        elif param.kind == "columns":
            names.update(value)
        elif param.kind == "conditions":
            names.update(condition["column"] for condition in value)
        elif param.kind in ("aggregations", "orders"):
            names.update(value)
    return names


def _reads_every_column(step: Step) -> bool:
    return step.type == "drop_missing" and not step.resolved()["columns"]


def _roles(columns: Columns) -> set[str]:
    return {c for c in (columns.device, columns.time, columns.target) if c is not None}


def recipe_inputs(recipe: Recipe, info: DatasetInfo, env: Env | None = None, *,
                  survivors: bool = True) -> list[str]:
    """The stored columns of ``info`` that running ``recipe`` on it reads, in stored order:
    reading only these gives the same result as reading them all. Without ``survivors``, only
    the columns the steps use (and the device, time and target): the same rows, split and
    learned steps, without the columns that merely pass through. Raises the
    :class:`RecipeError` of :meth:`Recipe.validate` for a recipe that does not fit the data."""
    stored = info.column_names
    env = env or Env()
    columns = recipe.bind(columns_of(info))
    needed = _roles(columns)
    for index, step in enumerate(recipe.steps):
        if step.step_type.phase == "learned" and columns.target is not None:
            columns = recipe.hide_target(columns)
        needed |= named_columns(step) | _roles(columns)
        if _reads_every_column(step):
            needed |= set(columns.types)
        columns = step.step_type.check(step.resolved(), columns, StepCheck(index, step.type),
                                       env)
    if survivors:
        needed |= set(columns.types) | set(columns.hidden)
    return in_stored_order(stored, needed)


def in_stored_order(stored: Iterable[str], wanted: Iterable[Any]) -> list[str]:
    """The names of ``stored`` that ``wanted`` holds, in stored order."""
    chosen = set(wanted)
    return [name for name in stored if name in chosen]
