"""What every step type is: its parameters, its phase, how it is checked and how it runs.

A step belongs to one phase, and a recipe lists its steps phase by phase:

* ``row``: stateless, runs on the whole data (filters, types, resampling, features);
* ``split``: at most one, marks each row train or test;
* ``learned``: builds a scikit-learn transformer that is fitted on the training rows only.

``check(params, columns, at, env) -> Columns`` validates parameters against the columns the step
will see (without data) and returns the columns after the step. Row steps also have
``run(frame, params, columns, env) -> frame``; split steps ``split(frame, params, columns, env)
-> boolean test mask``; learned steps ``build(params, columns) -> transformer``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.recipes.params import Columns, Param

Phase = Literal["row", "split", "learned"]
#: How each phase reads in the Preprocess panel.
PHASE_LABELS: dict[str, Message] = {
    "row": QT_TRANSLATE_NOOP("Core", "row"),
    "split": QT_TRANSLATE_NOOP("Core", "split"),
    "learned": QT_TRANSLATE_NOOP("Core", "learned"),
}
#: The groups of the Add step menu, in menu order: key -> label.
GROUPS: dict[str, Message] = {
    "filter": QT_TRANSLATE_NOOP("Core", "Filter"),
    "missing": QT_TRANSLATE_NOOP("Core", "Missing values"),
    "types": QT_TRANSLATE_NOOP("Core", "Types"),
    "time_series": QT_TRANSLATE_NOOP("Core", "Time series"),
    "features": QT_TRANSLATE_NOOP("Core", "Features"),
    "outliers": QT_TRANSLATE_NOOP("Core", "Outliers"),
    "encoding": QT_TRANSLATE_NOOP("Core", "Encoding"),
    "scaling": QT_TRANSLATE_NOOP("Core", "Scaling"),
    "split": QT_TRANSLATE_NOOP("Core", "Split"),
}


@dataclass(frozen=True)
class Env:
    """What steps may need beyond the frame: other datasets of the store (by name)."""

    dataset_columns: Callable[[str], Columns] | None = None
    read_dataset: Callable[[str, list[str]], pd.DataFrame] | None = None


@dataclass(frozen=True)
class StepType:
    """One kind of step: name, UI label and group, phase, parameters and behaviour.

    ``label``, ``group`` (one of :data:`GROUPS`' labels) and ``description`` are translatable
    Messages; ``name`` is the key recipes store."""

    name: str
    label: str
    group: str
    phase: Phase
    params: tuple[Param, ...]
    description: str
    check: Callable[..., Columns]
    run: Callable[..., pd.DataFrame] | None = None
    split: Callable[..., Any] | None = None
    build: Callable[..., Any] | None = None

    @property
    def phase_label(self) -> str:
        """The phase as the Preprocess panel names it."""
        return PHASE_LABELS[self.phase]

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able description of the step type, for building forms."""
        return {"name": self.name, "label": self.label, "group": self.group,
                "phase": self.phase, "description": self.description,
                "params": [p.to_dict() for p in self.params]}

    def with_defaults(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """``params`` with every missing optional parameter set to its default."""
        return {p.name: params.get(p.name, p.default) for p in self.params}
