"""Hyperparameter search: grid or randomized candidates from a JSON-able grid, each scored by
an inner cross-validation on the primary metric (ROC AUC, RMSE), best first.

A tuned model is evaluated by *nested* cross-validation (:func:`nested_cross_validate`): in
every outer fold the search runs on that fold's training rows only (inner CV of
:data:`~iotfin_gui.core.model_names.INNER_FOLDS` folds by default, same scheme as the outer CV,
k-fold inside a hold-out), the best candidate is fitted on the whole training fold and scored
on the outer test fold. So the reported scores never come from rows the search looked at; the
best candidate's own inner score (kept with the search results) is optimistic, the outer scores
are not. The saved model is then tuned once more on all rows (the same inner CV over every row)
and refitted on all rows. The run records that it was nested, the inner CV and the parameters
chosen in each outer fold.

Cost: every candidate is fitted ``inner folds`` times in every outer fold, plus once per inner
fold for the final tuning: (outer folds + 1) x candidates x inner folds fits. Three inner folds
keep that about a third cheaper than five, at the price of a slightly noisier choice.

Every candidate and inner fold is a cancel point, and progress is reported per candidate.
Candidates are independent pieces, and so are the outer folds (each with its own search inside,
see :class:`FoldSearch`): :func:`iotfin_gui.core.parallel.run_tasks` runs them in parallel when
the job has cores to spare, with the same result as a serial run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.model_selection import ParameterGrid, ParameterSampler

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message, joined
from iotfin_gui.core.model_names import INNER_FOLDS, SEARCHES, describe_cv
from iotfin_gui.core.models.cv import Fold, inner_scheme
from iotfin_gui.core.models.fitting import CVOutcome, Problem, cross_validate, quick_score
from iotfin_gui.core.models.specs import ModelSpec
from iotfin_gui.core.parallel import run_tasks, takes_context

#: Candidates a randomized search tries (at most the size of the grid).
RANDOM_CANDIDATES = 8
#: A grid larger than this is refused (the user edits the grid or uses a randomized search).
MAX_GRID = 200


@dataclass(frozen=True)
class SearchResult:
    """The best parameters and every candidate with its (inner CV) score, best first."""

    best_params: dict[str, Any]
    candidates: list[dict[str, Any]]
    metric: str

    @property
    def best_score(self) -> float:
        """The best candidate's mean inner CV score (optimistic: it won the search)."""
        return float(self.candidates[0]["score"]) if self.candidates else float("nan")

    def to_dict(self) -> dict[str, Any]:
        return {"best_params": self.best_params, "metric": self.metric,
                "candidates": self.candidates}


@dataclass
class NestedOutcome:
    """A nested search: the outer folds' scores (with the parameters each fold chose) and the
    final search over all rows that gives the saved model its parameters."""

    outcome: CVOutcome
    final: SearchResult
    fold_choices: list[dict[str, Any]] = field(default_factory=list)
    inner_cv: dict[str, Any] = field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        """What the run keeps: the final search's candidates plus the nesting."""
        return {**self.final.to_dict(), "nested": True, "inner_cv": self.inner_cv,
                "fold_params": self.fold_choices}


def check_grid(spec: ModelSpec, grid: Mapping[str, Any]) -> dict[str, list[Any]]:
    """A grid with every parameter known to the estimator and a list of values each."""
    known = spec.build().get_params()
    out = {}
    for name, values in grid.items():
        if name not in known:
            raise InputError(QT_TRANSLATE_NOOP("Core", "{model} has no parameter {name!r}; it "
                                               "has {known}.")
                             .format(model=spec.label, name=name,
                                     known=joined(sorted(k for k in known if "__" not in k))))
        values = list(values) if isinstance(values, (list, tuple)) else [values]
        if not values:
            raise InputError(QT_TRANSLATE_NOOP("Core", "The grid gives no values for {name!r}.")
                             .format(name=name))
        out[name] = [tuple(v) if isinstance(v, list) else v for v in values]
        for value in out[name]:
            _check_value(spec, name, value)
    return out


def _check_value(spec: ModelSpec, name: str, value: Any) -> None:
    """Refuse a value the estimator owning parameter ``name`` would reject when fitted (its
    own parameter constraints), naming the parameter."""
    estimator = spec.build()
    owner_path = name.rpartition("__")[0]
    try:
        estimator.set_params(**{name: value})
        owner = estimator.get_params()[owner_path] if owner_path else estimator
        validate = getattr(owner, "_validate_params", None)
        if validate is not None:
            validate()
    except (TypeError, ValueError) as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "{model}: {value!r} is not a valid value of "
                                           "{name!r}: {error}")
                         .format(model=spec.label, value=value, name=name,
                                 error=str(error))) from None


def candidates(spec: ModelSpec, grid: Mapping[str, Any] | None, search: str, *,
               n_iter: int = RANDOM_CANDIDATES, seed: int = 0) -> list[dict[str, Any]]:
    """The parameter sets a search tries (``grid`` defaults to the spec's)."""
    if search not in SEARCHES:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Unknown search {search!r}; choose grid or "
                                           "random.").format(search=search))
    checked = check_grid(spec, spec.grid if grid is None else grid)
    if not checked:
        return [{}]
    full = ParameterGrid(checked)
    if search == "grid":
        if len(full) > MAX_GRID:
            raise InputError(QT_TRANSLATE_NOOP("Core", "The grid of {model} has {count} "
                                               "candidates (at most {most}); shrink it or use a "
                                               "randomized search.")
                             .format(model=spec.label, count=len(full), most=MAX_GRID))
        return list(full)
    return list(ParameterSampler(checked, n_iter=min(n_iter, len(full)), random_state=seed))


def search_metric(problem: Problem) -> str:
    """The score a search ranks candidates by."""
    return "roc_auc" if problem.task == "classification" else "neg_rmse"


def run_search(problem: Problem, spec: ModelSpec, tried: list[dict[str, Any]],
               folds: list[Fold], ctx: JobContext, where: Message | None = None
               ) -> SearchResult:
    """Score every candidate of ``tried`` on ``folds``, best first; progress per candidate
    (``where`` names the outer fold, if any); candidates run in parallel when they can."""

    def describe(number: int) -> Message:
        values = {"model": spec.label, "candidate": number + 1, "candidates": len(tried)}
        if where is None:
            return QT_TRANSLATE_NOOP("Core", "{model}: candidate {candidate} of "
                                     "{candidates}").format(**values)
        return QT_TRANSLATE_NOOP("Core", "{model}, {where}: candidate {candidate} of "
                                 "{candidates}").format(where=where, **values)

    rows_per_fit = int(np.mean([len(f.train) for f in folds])) if folds else len(problem.X)
    cost = problem.fit_cost(spec, rows_per_fit, fits=len(folds))
    pieces = [(problem, spec, params, folds) for params in tried]
    scores = dict(run_tasks(score_candidate, pieces, ctx, weights=[cost] * len(tried),
                            describe=describe, seconds=cost * len(tried)))
    rows = [{"params": jsonable(params), "score": scores[number]}
            for number, params in enumerate(tried)]
    order = sorted(range(len(rows)), key=lambda i: -np.nan_to_num(rows[i]["score"], nan=-np.inf))
    return SearchResult(dict(tried[order[0]]), [rows[i] for i in order], search_metric(problem))


@takes_context
def score_candidate(problem: Problem, spec: ModelSpec, params: Mapping[str, Any],
                    folds: list[Fold], ctx: JobContext | None = None) -> float:
    """One candidate's mean inner-CV score (a piece of :func:`run_search`)."""
    return quick_score(problem, spec, params, ctx, folds)


@dataclass(frozen=True)
class FoldSearch:
    """The search inside one outer fold (a picklable tuner for
    :func:`~iotfin_gui.core.models.fitting.cross_validate`): ``tried`` scored on an inner CV
    of ``inner`` folds over the fold's training rows only."""

    spec: ModelSpec
    tried: list[dict[str, Any]]
    inner: int

    def __call__(self, problem: Problem, number: int, fold: Fold, ctx: JobContext
                 ) -> SearchResult:
        where = QT_TRANSLATE_NOOP("Core", "outer fold {fold} of {folds}").format(
            fold=number + 1, folds=len(problem.folds))
        return run_search(problem, self.spec, self.tried,
                          problem.inner_folds(fold.train, self.inner), ctx, where)


def nested_cross_validate(problem: Problem, spec: ModelSpec, grid: Mapping[str, Any] | None,
                          search: str, ctx: JobContext, *, n_iter: int = RANDOM_CANDIDATES,
                          inner: int = INNER_FOLDS) -> NestedOutcome:
    """Cross-validate ``spec`` with the search inside every outer fold (on its training rows
    only), then tune on all rows for the saved model. Progress: 80 % outer folds, 20 % the
    final search."""
    tried = candidates(spec, grid, search, n_iter=n_iter, seed=problem.seed)
    inner_fits = len(tried) * inner * (inner - 1) / inner
    outcome = cross_validate(problem, spec, None, ctx.scaled(0.0, 0.8),
                             tune=FoldSearch(spec, tried, inner), inner_fits=inner_fits)
    final = run_search(problem, spec, tried, problem.inner_folds(folds=inner),
                       ctx.scaled(0.8, 1.0), QT_TRANSLATE_NOOP("Core", "all rows"))
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "{model}: search done").format(model=spec.label))
    scheme = inner_scheme(problem.scheme, problem.task == "classification")
    inner_cv = {"scheme": scheme, "folds": inner, "label": str(describe_cv(scheme, inner, 1))}
    choices = [{"repeat": int(fold.repeat), "fold": int(fold.index),
                "params": jsonable(result.best_params),
                "inner_score": _number(result.best_score)}
               for fold, result in zip(problem.folds, outcome.fold_searches, strict=True)]
    return NestedOutcome(outcome, final, choices, inner_cv)


def _number(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def jsonable(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as JSON values (tuples become lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
