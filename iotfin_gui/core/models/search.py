"""Hyperparameter search: grid or randomized candidates from a JSON-able grid, each scored by
cross-validation on the primary metric (ROC AUC, RMSE, silhouette), best first.

Every candidate and fold is a cancel point. The chosen candidate is then cross-validated in
full by the caller; its scores come from the same folds the search used, so they are somewhat
optimistic (no nested CV): the leaderboard marks tuned runs with their search.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.model_selection import ParameterGrid, ParameterSampler

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.models.fitting import Problem, quick_score
from iotfin_gui.core.models.specs import ModelSpec

SEARCHES = ("grid", "random")
#: Candidates a randomized search tries (at most the size of the grid).
RANDOM_CANDIDATES = 8
#: A grid larger than this is refused (the user edits the grid or uses a randomized search).
MAX_GRID = 200


@dataclass(frozen=True)
class SearchResult:
    """The best parameters and every candidate with its score, best first."""

    best_params: dict[str, Any]
    candidates: list[dict[str, Any]]
    metric: str

    def to_dict(self) -> dict[str, Any]:
        return {"best_params": self.best_params, "metric": self.metric,
                "candidates": self.candidates}


def check_grid(spec: ModelSpec, grid: Mapping[str, Any]) -> dict[str, list[Any]]:
    """A grid with every parameter known to the estimator and a list of values each."""
    known = spec.build().get_params()
    out = {}
    for name, values in grid.items():
        if name not in known:
            raise InputError(f"{spec.label} has no parameter {name!r}; it has "
                             f"{', '.join(sorted(k for k in known if '__' not in k))}.")
        values = list(values) if isinstance(values, (list, tuple)) else [values]
        if not values:
            raise InputError(f"The grid gives no values for {name!r}.")
        out[name] = [tuple(v) if isinstance(v, list) else v for v in values]
    return out


def candidates(spec: ModelSpec, grid: Mapping[str, Any] | None, search: str, *,
               n_iter: int = RANDOM_CANDIDATES, seed: int = 0) -> list[dict[str, Any]]:
    """The parameter sets a search tries (``grid`` defaults to the spec's)."""
    if search not in SEARCHES:
        raise InputError(f"Unknown search {search!r}; choose grid or random.")
    checked = check_grid(spec, spec.grid if grid is None else grid)
    if not checked:
        return [{}]
    full = ParameterGrid(checked)
    if search == "grid":
        if len(full) > MAX_GRID:
            raise InputError(f"The grid of {spec.label} has {len(full)} candidates (at most "
                             f"{MAX_GRID}); shrink it or use a randomized search.")
        return list(full)
    return list(ParameterSampler(checked, n_iter=min(n_iter, len(full)), random_state=seed))


def tune(problem: Problem, spec: ModelSpec, grid: Mapping[str, Any] | None, search: str,
         ctx: JobContext, *, n_iter: int = RANDOM_CANDIDATES) -> SearchResult:
    """Score every candidate by cross-validation; progress per candidate."""
    tried = candidates(spec, grid, search, n_iter=n_iter, seed=problem.seed)
    metric = "roc_auc" if problem.task == "classification" else "neg_rmse"
    rows = []
    for number, params in enumerate(tried):
        ctx.progress(number / len(tried), f"{spec.label}: candidate {number + 1} of "
                     f"{len(tried)}")
        rows.append({"params": jsonable(params),
                     "score": quick_score(problem, spec, params, ctx)})
    ctx.progress(1.0, f"{spec.label}: search done")
    order = sorted(range(len(rows)), key=lambda i: -np.nan_to_num(rows[i]["score"], nan=-np.inf))
    return SearchResult(dict(tried[order[0]]), [rows[i] for i in order], metric)


def jsonable(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as JSON values (tuples become lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
