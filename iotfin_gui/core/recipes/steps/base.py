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

from iotfin_gui.core.recipes.params import Columns, Param

Phase = Literal["row", "split", "learned"]


@dataclass(frozen=True)
class Env:
    """What steps may need beyond the frame: other datasets of the store (by name)."""

    dataset_columns: Callable[[str], Columns] | None = None
    read_dataset: Callable[[str, list[str]], pd.DataFrame] | None = None


@dataclass(frozen=True)
class StepType:
    """One kind of step: name, UI label and group, phase, parameters and behaviour."""

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
