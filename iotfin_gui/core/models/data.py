"""From a stored dataset (optionally through a preprocessing recipe) to a :class:`Problem`.

Without a recipe the features are the dataset's own columns (see
:func:`~iotfin_gui.core.models.preprocess.model_inputs`) but for the device id, the time and
the columns marked as identifiers (account numbers, row ids); the device id and time roles give
the groups and times for grouped and time-series CV. With a recipe, its row steps (lags,
filters, joins...) and its train/test split run on the data, and its learned steps are cloned
into every model's pipeline so that, like the default preprocessing, they are refitted inside
each fold (a learned step that reads the device id, such as a per-device outlier clip, gets it as
an input column that is no feature); the recipe's test rows, if any, give a final hold-out
score. Only the columns used are read (:func:`training_columns`): a recipe's inputs, else every
column but the identifiers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from sklearn.pipeline import Pipeline

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, joined
from iotfin_gui.core.models.classes import default_positive, plain_value
from iotfin_gui.core.models.cv import make_folds
from iotfin_gui.core.models.fitting import Problem
from iotfin_gui.core.models.preprocess import ModelInputs, model_inputs
from iotfin_gui.core.store import DatasetInfo, Store


@dataclass
class TrainingData:
    """A problem ready for training, with its lineage and an optional hold-out part."""

    problem: Problem
    dataset: DatasetInfo
    target: str | None
    inputs: ModelInputs
    recipe: Any = None
    recipe_id: int | None = None
    X_test: pd.DataFrame | None = None
    y_test: np.ndarray | None = None

    @property
    def recipe_label(self) -> str | None:
        """The recipe as ``name vN`` (stored with each run), None without a recipe."""
        return None if self.recipe is None else f"{self.recipe.name} v{self.recipe.version}"


def resolve_recipe(store: Store, recipe: Any) -> tuple[Any, int]:
    """A stored recipe (name, ``name@version`` or a saved Recipe) and its row id."""
    from iotfin_gui.core.recipes import Recipe, load_recipe
    from iotfin_gui.core.recipes.storage import recipe_id

    if isinstance(recipe, Recipe):
        if recipe.version is None:
            raise InputError(QT_TRANSLATE_NOOP("Core", "Save the recipe {recipe!r} before "
                                               "training with it, so the run can record its "
                                               "version.").format(recipe=recipe.name))
        loaded = recipe
    else:
        name, _, version = str(recipe).partition("@")
        loaded = load_recipe(store, name, int(version) if version.isdigit() else None)
    return loaded, recipe_id(store, loaded.name, loaded.version)


def row_steps_only(recipe: Any, *, keep_split: bool = True) -> Any:
    """The recipe without its learned steps (and without its split unless ``keep_split``)."""
    phases = ("row", "split") if keep_split else ("row",)
    return replace(recipe, steps=tuple(s for s in recipe.steps if s.step_type.phase in phases))


def run_row_steps(store: Store, info: DatasetInfo, recipe: Any, frame: pd.DataFrame,
                  ctx: JobContext, *, keep_split: bool = True) -> Any:
    """Run a recipe's row (and split) steps on ``frame``: a PreparedData of raw features."""
    from iotfin_gui.core.recipes import columns_of, run_recipe
    from iotfin_gui.core.recipes.engine import store_env, without_identifiers

    return without_identifiers(run_recipe(frame, row_steps_only(recipe, keep_split=keep_split),
                                          columns_of(info), store_env(store), ctx), info)


def recipe_row_inputs(store: Store, info: DatasetInfo, recipe: Any, *,
                      keep_split: bool = True) -> list[str]:
    """The stored columns of ``info`` that ``recipe``'s row steps (and split unless not
    ``keep_split``) read, in stored order (the target of a recipe run on data without it, as
    predictions are, is left to the run to add)."""
    from iotfin_gui.core.recipes.engine import store_env
    from iotfin_gui.core.recipes.inputs import recipe_inputs

    rows_only = row_steps_only(recipe, keep_split=keep_split)
    if rows_only.target is not None and rows_only.target not in info.column_names:
        rows_only = replace(rows_only, target=None)
    return recipe_inputs(rows_only, info, store_env(store))


def training_columns(store: Store, info: DatasetInfo, recipe: Any, target: str | None
                     ) -> list[str]:
    """The stored columns training reads: with a recipe, those its row steps and split use
    and the target (its learned steps read their own through
    :func:`~iotfin_gui.core.recipes.apply_recipe`); without one, all but the columns marked
    as identifiers, which are never features."""
    if recipe is not None:
        wanted = {*recipe_row_inputs(store, info, recipe), target}
        return [c for c in info.column_names if c in wanted]
    identifiers = {c for c, role in info.roles.items() if role == "identifier"} - {target}
    return [c for c in info.column_names if c not in identifiers]


def _learned_steps_read(recipe: Any, column: str) -> bool:
    """Whether a learned step of ``recipe`` reads ``column`` (the device id: a per-device
    outlier clip groups by it, a one-hot step may encode it); the models then get it as an
    input column, not as a feature."""
    for step in recipe.steps:
        if step.step_type.phase != "learned":
            continue
        params = step.resolved()
        if column in (params.get("columns") or ()) or params.get("per_device"):
            return True
    return False


def _class_coding(y: pd.Series, positive: Any) -> tuple[np.ndarray, tuple[Any, ...]]:
    """Integer coding of a class target: (codes, classes), ``classes[code]`` being the class.

    Two classes are coded 0/1 as (negative, positive); three or more are coded 0..K-1 in
    sorted order, and a ``positive`` class (a two-class notion) is refused."""
    classes = sorted(y.unique(), key=str)
    if len(classes) > 2:
        if positive is not None:
            raise InputError(QT_TRANSLATE_NOOP("Core", "A positive class applies to two-class "
                                               "targets; this one has {classes} classes. Leave "
                                               "the positive class empty, or combine classes "
                                               "with a recipe.").format(classes=len(classes)),
                             column=str(y.name))
        codes = pd.Categorical(y, categories=classes).codes
        return codes.astype(int), tuple(plain_value(c) for c in classes)
    if positive is None:
        positive = default_positive(y.value_counts(sort=False).reindex(classes).to_dict())
    matches = [c for c in classes if c == positive or str(c) == str(positive)]
    if not matches:
        raise InputError(QT_TRANSLATE_NOOP("Core", "The positive class {positive!r} is not in "
                                           "the target (classes: {classes}).")
                         .format(positive=positive, classes=joined(map(str, classes))),
                         column=str(y.name))
    positive = matches[0]
    negative = next(c for c in classes if c is not positive and c != positive)
    return (y == positive).to_numpy().astype(int), (plain_value(negative), plain_value(positive))


def _test_codes(y_test: pd.Series, classes: tuple[Any, ...]) -> np.ndarray:
    """The hold-out target coded like the training target; a class the training rows lack is
    refused (no model could predict it)."""
    if len(classes) == 2:
        return (y_test == classes[1]).to_numpy().astype(int)
    known = y_test.isin(classes).to_numpy()
    if not known.all():
        unseen = sorted({str(v) for v in y_test[~known]})
        raise InputError(QT_TRANSLATE_NOOP("Core", "The recipe's test rows hold the class(es) "
                                           "{classes}, which no training row has; no model can "
                                           "learn them.").format(classes=joined(unseen)),
                         column=str(y_test.name))
    return pd.Categorical(y_test, categories=list(classes)).codes.astype(int)


def training_data(store: Store, dataset: str | int, *, target: str | None, task: str,
                  cv: str = "kfold", folds: int = 5, repeats: int = 1, seed: int = 0,
                  recipe: Any = None, positive: Any = None, cost_fp: float = 1.0,
                  cost_fn: float = 5.0, threshold: str | float = "validation",
                  balanced: bool = False, gap_hours: float = 0.0,
                  ctx: JobContext | None = None) -> TrainingData:
    """Read ``dataset``, check the target and features, and build the folds (time-series CV:
    training rows purged ``gap_hours`` before each scored fold)."""
    ctx = ctx or JobContext()
    info = store.dataset(dataset)
    recipe_obj, recipe_row = resolve_recipe(store, recipe) if recipe is not None else (None, None)
    ctx.progress(0.0, QT_TRANSLATE_NOOP("Core", "Reading {dataset}").format(dataset=info.name))
    frame = store.read_dataset(info.id, columns=training_columns(store, info, recipe_obj, target))
    if not len(frame):
        raise InputError(QT_TRANSLATE_NOOP("Core", "The dataset {dataset!r} has no rows.")
                         .format(dataset=info.name))
    recipe_steps = None
    X_test = y_test = None
    device, time_column = info.column_for("device_id"), info.column_for("timestamp")
    if task != "clustering" and target is None:
        target = info.column_for("label")
        if recipe is None and target is None:
            raise InputError(QT_TRANSLATE_NOOP("Core", "Name the target column: dataset "
                                               "{dataset!r} has no column marked as the label.")
                             .format(dataset=info.name))
    if recipe is not None:
        from iotfin_gui.core.recipes import apply_recipe

        full = apply_recipe(store, info, recipe_obj, ctx.scaled(0.0, 0.5))
        raw = run_row_steps(store, info, recipe_obj, frame, ctx.scaled(0.5, 0.9))
        target = target or full.target
        if task != "clustering" and target != full.target:
            raise InputError(QT_TRANSLATE_NOOP("Core", "The recipe's target is {recipe_target!r}, "
                                               "not {target!r}.")
                             .format(recipe_target=full.target, target=target))
        learned = model_inputs(full.X_train.assign(**({target: full.y_train} if target else {})),
                               target, task)
        recipe_steps = full.pipeline
        test_mask = raw.test_mask
        train_frame = raw.frame.loc[~test_mask].reset_index(drop=True)
        read = [c for c in [raw.device_column] if c and _learned_steps_read(recipe_obj, c)]
        inputs = model_inputs(train_frame, target, task, features=read + raw.feature_columns)
        inputs = replace(inputs, numeric=learned.numeric, categorical=learned.categorical,
                         dropped=learned.dropped)
        not_features = (*read, *learned.dropped)
        groups = None if raw.groups is None else raw.groups.loc[~test_mask].reset_index(drop=True)
        times = None if raw.times is None else raw.times.loc[~test_mask].reset_index(drop=True)
        if test_mask.any() and target:
            test_frame = raw.frame.loc[test_mask].reset_index(drop=True)
            X_test, y_test = test_frame[read + raw.feature_columns], test_frame[target]
    else:
        identifiers = [c for c, role in info.roles.items() if role == "identifier"]
        inputs = model_inputs(frame, target, task, exclude=[
            c for c in (device, time_column, *identifiers) if c and c != target])
        not_features = ()
        groups = frame[device].iloc[inputs.rows].reset_index(drop=True) if device else None
        times = frame[time_column].iloc[inputs.rows].reset_index(drop=True) \
            if time_column else None
    y, classes = None, None
    if task == "classification":
        y, classes = _class_coding(inputs.y, positive)
    elif task == "regression":
        y = inputs.y.to_numpy(float)
    fold_list = [] if task == "clustering" else make_folds(
        cv, len(inputs.X), folds=folds, repeats=repeats, seed=seed,
        y=pd.Series(y) if task == "classification" else None, groups=groups, times=times,
        gap_hours=gap_hours)
    problem = Problem(task, inputs.X, y, inputs.numeric, inputs.categorical, fold_list, seed,
                      cost_fp, cost_fn, threshold, balanced,
                      recipe_steps if isinstance(recipe_steps, Pipeline) else None, classes,
                      scheme=cv, groups=groups, times=times, gap_hours=gap_hours,
                      not_features=tuple(not_features))
    data = TrainingData(problem, info, target, inputs, recipe_obj, recipe_row)
    if X_test is not None and y_test is not None and len(X_test):
        keep = y_test.notna().to_numpy()
        data.X_test = X_test.loc[keep].reset_index(drop=True)
        if task == "classification":
            data.y_test = _test_codes(y_test[keep], classes)
        else:
            data.y_test = y_test[keep].to_numpy(float)
    return data
