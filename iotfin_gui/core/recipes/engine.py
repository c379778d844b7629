"""Running a recipe: row steps on the whole data, the split, then learned steps fitted on the
training rows only, giving a :class:`PreparedData` for models, previews and saving.

Before anything runs the recipe is validated against the data's columns. Before each row step
the rows are put in device and time order (when the data has a timestamp; a no-op when they
already are), so lags and windows read earlier rows.
Each row step is checked again against the actual columns before it runs (some columns only
exist once data is seen), and a failure names the step. Learned steps become one fitted
scikit-learn ``Pipeline`` that transforms any frame shaped like the row steps' output, so the
same preprocessing can be applied to new data later (scikit-learn is imported when a recipe
runs, not with this module).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.recipes.document import Recipe, columns_of
from iotfin_gui.core.recipes.estimate import check_size
from iotfin_gui.core.recipes.inputs import recipe_inputs
from iotfin_gui.core.recipes.params import Columns, RecipeError, StepCheck
from iotfin_gui.core.recipes.steps import Env
from iotfin_gui.core.store import DatasetInfo, Store

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

SPLIT_COLUMN = "split"
#: A step that drops more than this share of its input rows gets a warning.
DROP_WARNING = 0.10
#: Failures of pandas or scikit-learn on odd data that become a message naming the step.
DATA_ERRORS = (ValueError, TypeError, KeyError, OverflowError, IndexError)


@dataclass(frozen=True)
class StepReport:
    """What one step did: rows and columns before and after, and how long it took."""

    index: int
    type: str
    rows_before: int
    rows_after: int
    columns_added: tuple[str, ...]
    columns_removed: tuple[str, ...]
    seconds: float

    @property
    def dropped_share(self) -> float:
        return 1 - self.rows_after / self.rows_before if self.rows_before else 0.0

    @property
    def warning(self) -> str | None:
        if self.dropped_share <= DROP_WARNING:
            return None
        return QT_TRANSLATE_NOOP(
            "Core", "Step {step} ({type}) drops {share:.0%} of the rows ({dropped:,} of "
            "{rows:,}).").format(step=self.index + 1, type=self.type, share=self.dropped_share,
                                 dropped=self.rows_before - self.rows_after,
                                 rows=self.rows_before)


@dataclass
class PreparedData:
    """The result of a recipe: every row processed, marked train or test, and the fitted
    pipeline of learned steps.

    ``frame`` holds the device and time columns, the features, the target and ``split``
    ("train"/"test"). ``X_*`` are the feature columns only (no device, time, target or split);
    ``groups_*`` and ``time_*`` the device ids and times of the same rows, for grouped or
    time-ordered cross-validation. ``pipeline.transform`` applies the learned steps to new rows
    shaped like the row steps' output (without the target).
    """

    recipe: Recipe
    frame: pd.DataFrame
    pipeline: Pipeline
    target: str | None
    device_column: str | None
    time_column: str | None
    feature_columns: list[str]
    groups: pd.Series | None
    times: pd.Series | None
    reports: list[StepReport]
    seed: int | None = None
    dataset: DatasetInfo | None = None
    input_rows: int = 0
    warnings: list[str] = field(default_factory=list)
    #: Whether the rows had to be sorted into device and time order (before a row step or
    #: the split): then the result cannot be made batch by batch (see :mod:`.batched`).
    reordered: bool = False

    @property
    def test_mask(self) -> np.ndarray:
        return (self.frame[SPLIT_COLUMN] == "test").to_numpy()

    def _part(self, values: pd.Series | pd.DataFrame | None, test: bool) -> Any:
        if values is None:
            return None
        mask = self.test_mask if test else ~self.test_mask
        return values.loc[mask].reset_index(drop=True)

    @property
    def X_train(self) -> pd.DataFrame:
        return self._part(self.frame[self.feature_columns], False)

    @property
    def X_test(self) -> pd.DataFrame:
        return self._part(self.frame[self.feature_columns], True)

    @property
    def y_train(self) -> pd.Series | None:
        return self._part(self.frame[self.target], False) if self.target else None

    @property
    def y_test(self) -> pd.Series | None:
        return self._part(self.frame[self.target], True) if self.target else None

    @property
    def groups_train(self) -> pd.Series | None:
        return self._part(self.groups, False)

    @property
    def groups_test(self) -> pd.Series | None:
        return self._part(self.groups, True)

    @property
    def time_train(self) -> pd.Series | None:
        return self._part(self.times, False)

    @property
    def time_test(self) -> pd.Series | None:
        return self._part(self.times, True)

    def summary(self, columns: Sequence[str] | None = None) -> dict[str, Any]:
        """A JSON-able summary for the CLI and the run record. ``columns`` are the result's
        columns when they are not all in ``frame`` (a result saved batch by batch)."""
        test = int(self.test_mask.sum())
        features = self.feature_columns
        if columns is not None:
            left_out = {self.device_column, self.time_column, self.target, SPLIT_COLUMN,
                        *identifier_columns(self.dataset)}
            features = [c for c in columns if c not in left_out]
        return {"recipe": self.recipe.name, "version": self.recipe.version,
                "dataset": self.dataset.name if self.dataset else None,
                "rows_in": self.input_rows, "rows_out": len(self.frame),
                "train_rows": len(self.frame) - test, "test_rows": test,
                "columns": len(self.frame.columns if columns is None else columns),
                "features": len(features), "target": self.target, "warnings": self.warnings}


def _reason(error: Exception) -> str:
    """What a library error says: its Message when it carries one (still translatable)."""
    single = error.args[0] if len(error.args) == 1 else None
    return single if isinstance(single, Message) else str(error)


def _identity() -> Pipeline:
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    return Pipeline([("identity", FunctionTransformer(feature_names_out="one-to-one")
                      .set_output(transform="pandas"))])


def _order(frame: pd.DataFrame, columns: Columns) -> pd.DataFrame:
    """Rows in device and time order (stable), when there is a time column."""
    if columns.time is None or frame.empty:
        return frame
    keys = [c for c in (columns.device, columns.time) if c is not None]
    ordered = frame[keys]
    if columns.device is None:
        if ordered[columns.time].is_monotonic_increasing:
            return frame
    else:
        device = ordered[columns.device]
        same = device.iloc[1:].to_numpy() == device.iloc[:-1].to_numpy()
        times = ordered[columns.time].to_numpy()
        later = times[1:] >= times[:-1]
        if device.is_monotonic_increasing and np.all(later | ~same):
            return frame
    return frame.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)


def _actual(frame: pd.DataFrame, columns: Columns) -> Columns:
    """``columns`` with the types the frame actually has (roles and zone kept)."""
    actual = Columns.of_frame(frame)
    return replace(columns, types=actual.types, open=False)


def _report(index: int, kind: str, before: pd.DataFrame, after: pd.DataFrame,
            started: float) -> StepReport:
    old, new = list(before.columns), list(after.columns)
    return StepReport(index, kind, len(before), len(after),
                      tuple(c for c in new if c not in old), tuple(c for c in old if c not in new),
                      time.perf_counter() - started)


def run_row_phase(frame: pd.DataFrame, recipe: Recipe, columns: Columns, env: Env,
                  ctx: JobContext | None = None, reports: list[StepReport] | None = None
                  ) -> tuple[pd.DataFrame, Columns, bool]:
    """Run ``recipe``'s row steps on ``frame`` (each after putting the rows in device and time
    order): the rows for the split, their columns (target bound), and whether any step found
    the rows out of order and sorted them. ``reports`` receives each step's report."""
    ctx = ctx or JobContext()
    columns = recipe.bind(_actual(frame, columns))
    total, reordered = len(recipe.steps) + 2, False
    for done, (index, step) in enumerate(recipe.phases()["row"], start=1):
        ctx.progress(done / total, QT_TRANSLATE_NOOP("Core", "Step {step}: {label}").format(
            step=index + 1, label=step.step_type.label))
        started, at, params = time.perf_counter(), StepCheck(index, step.type), step.resolved()
        ordered = _order(frame, columns)
        frame, reordered = ordered, reordered or ordered is not frame
        checked = step.step_type.check(params, columns, at, env)
        try:
            result = step.step_type.run(frame, params, columns, env)
        except RecipeError as error:
            raise error.at_step(index, step.type) from error
        except DATA_ERRORS as error:
            raise at.error(QT_TRANSLATE_NOOP("Core", "cannot run on this data: {error}").format(
                error=_reason(error))) from error
        if reports is not None:
            reports.append(_report(index, step.type, frame, result, started))
        frame, columns = result, _actual(result, checked)
    ordered = _order(frame, columns)
    return ordered, columns, reordered or ordered is not frame


def run_recipe(frame: pd.DataFrame, recipe: Recipe, columns: Columns, env: Env | None = None,
               ctx: JobContext | None = None) -> PreparedData:
    """Run ``recipe`` on ``frame`` (whose roles ``columns`` gives); no store needed."""
    ctx, env = ctx or JobContext(), env or Env()
    recipe.validate(columns, env)
    phases = recipe.phases()
    total = len(recipe.steps) + 2
    input_rows, reports = len(frame), []
    frame, columns, reordered = run_row_phase(frame, recipe, columns, env, ctx, reports)
    test, seed = np.zeros(len(frame), dtype=bool), None
    for index, step in phases["split"]:
        ctx.progress((len(phases["row"]) + 1) / total,
                     QT_TRANSLATE_NOOP("Core", "Splitting train and test"))
        params = step.resolved()
        step.step_type.check(params, columns, StepCheck(index, step.type), env)
        try:
            test = step.step_type.split(frame, params, columns, env)
        except RecipeError as error:
            raise error.at_step(index, step.type) from error
        seed = params["seed"] if params["method"] in ("random", "stratified", "group") else None
    ctx.progress((total - 1) / total,
                 QT_TRANSLATE_NOOP("Core", "Fitting learned steps on the training rows"))
    pipeline, features = _fit_learned(frame, test, recipe, phases["learned"], columns, env,
                                      reports)
    prepared = _assemble(recipe, frame, features, test, columns, pipeline, reports, seed)
    prepared.input_rows, prepared.reordered = input_rows, reordered
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Recipe done"))
    return prepared


def _fit_learned(frame: pd.DataFrame, test: np.ndarray, recipe: Recipe, steps: list,
                 columns: Columns, env: Env, reports: list[StepReport]
                 ) -> tuple[Pipeline, pd.DataFrame]:
    """Fit each learned step on the training rows, transform all rows; the fitted pipeline."""
    from sklearn.pipeline import Pipeline

    target = columns.target
    features = frame.drop(columns=[target]) if target else frame
    if not steps:
        return _identity().fit(features.iloc[:0]), features
    train, other = features.loc[~test], features.loc[test]
    if train.empty:
        raise RecipeError(QT_TRANSLATE_NOOP(
            "Core", "there are no training rows to fit the learned steps on (check the filters "
            "and the split)"), step=steps[0][0], step_type=steps[0][1].type)
    fitted = []
    seen = Recipe.hide_target(columns)
    for index, step in steps:
        started, at, params = time.perf_counter(), StepCheck(index, step.type), step.resolved()
        seen = _actual(train, seen)
        step.step_type.check(params, seen, at, env)
        transformer = step.step_type.build(params, seen)
        before = train
        try:
            train = transformer.fit_transform(train)
            other = transformer.transform(other) if len(other) else train.iloc[:0]
        except DATA_ERRORS as error:
            raise at.error(QT_TRANSLATE_NOOP("Core", "cannot fit on the training rows: {error}")
                           .format(error=_reason(error))) from error
        reports.append(_report(index, step.type, before, train, started))
        fitted.append((f"{index + 1}_{step.type}", transformer))
    combined = pd.concat([train, other]).sort_index() if len(other) else train
    return Pipeline(fitted), combined


def _assemble(recipe: Recipe, rows: pd.DataFrame, features: pd.DataFrame, test: np.ndarray,
              columns: Columns, pipeline: Pipeline, reports: list[StepReport],
              seed: int | None) -> PreparedData:
    """The final frame in a readable column order, with the split column, as PreparedData."""
    if SPLIT_COLUMN in features.columns or columns.target == SPLIT_COLUMN:
        raise RecipeError(QT_TRANSLATE_NOOP(
            "Core", "The result already has a column named {column!r}; rename or drop it (e.g. "
            "with a select_columns step)").format(column=SPLIT_COLUMN), column=SPLIT_COLUMN)
    device, time_column, target = columns.device, columns.time, columns.target
    identifiers = [c for c in (device, time_column) if c is not None]
    original = [c for c in rows.columns if c in features.columns and c not in identifiers]
    order = original + [c for c in features.columns if c not in original and c not in identifiers]
    frame = pd.concat([rows[identifiers], features[order].set_axis(rows.index)], axis=1)
    if target:
        frame = frame.assign(**{target: rows[target].to_numpy()})
    frame = frame.assign(**{SPLIT_COLUMN: np.where(test, "test", "train")})
    excluded = {device, time_column, target, SPLIT_COLUMN}
    return PreparedData(
        recipe=recipe, frame=frame.reset_index(drop=True), pipeline=pipeline, target=target,
        device_column=device, time_column=time_column,
        feature_columns=[c for c in frame.columns if c not in excluded],
        groups=rows[device].reset_index(drop=True) if device else None,
        times=rows[time_column].reset_index(drop=True) if time_column else None,
        reports=reports, seed=seed,
        warnings=[r.warning for r in reports if r.warning],
    )


def store_env(store: Store) -> Env:
    """Lets steps read other datasets of ``store`` (e.g. events for time since a fault)."""
    return Env(dataset_columns=lambda name: columns_of(store.dataset(name)),
               read_dataset=lambda name, names: store.read_dataset(name, columns=names))


def apply_recipe(store: Store, dataset: str | int | DatasetInfo, recipe: Recipe,
                 ctx: JobContext | None = None, *, limit: int | None = None,
                 columns: Sequence[str] | None = None) -> PreparedData:
    """Validate ``recipe`` against a stored dataset and check its output fits the limits
    (:mod:`.estimate`), read the dataset's ``columns`` (by default those the recipe uses,
    :func:`.inputs.recipe_inputs`; its first ``limit`` rows when given) and run the recipe.
    Nothing is written to the store."""
    ctx = ctx or JobContext()
    info = dataset if isinstance(dataset, DatasetInfo) else store.dataset(dataset)
    env = store_env(store)
    check_size(store, info, recipe, env, rows=limit)
    ctx.progress(0.0, QT_TRANSLATE_NOOP("Core", "Reading {dataset}").format(dataset=info.name))
    wanted = recipe_inputs(recipe, info, env) if columns is None else list(columns)
    frame = store.read_dataset(info.id, columns=wanted, limit=limit)
    prepared = without_identifiers(
        run_recipe(frame, recipe, columns_of(info), env, ctx.scaled(0.1, 1.0)), info)
    prepared.dataset = info
    return prepared


def without_identifiers(prepared: PreparedData, info: DatasetInfo) -> PreparedData:
    """``prepared`` with the columns ``info`` marks as identifiers (account numbers, row ids)
    kept in its frame but left out of its features."""
    left_out = identifier_columns(info)
    prepared.feature_columns = [c for c in prepared.feature_columns if c not in left_out]
    return prepared


def identifier_columns(info: DatasetInfo | None) -> set[str]:
    """The columns ``info`` marks as identifiers (none without a dataset)."""
    return {c for c, role in (info.roles if info else {}).items() if role == "identifier"}
