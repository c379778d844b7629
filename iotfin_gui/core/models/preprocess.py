"""Which columns a model sees and the default preprocessing, fitted inside every CV fold.

:func:`model_inputs` picks the features of a frame (everything but the target, the device id
and time columns, datetimes and identifier-like text) and checks the target for the task, with a
clear :class:`InputError` for data a model cannot learn from. :func:`default_preprocessor` is
a ColumnTransformer (median impute + scale for numbers, most-frequent impute + one-hot for
categories); it is part of each model's pipeline, so it is refitted on each training fold and
never sees the rows it is scored on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message, joined

#: A text column with more distinct values than this share of rows (and more than
#: :data:`MAX_CATEGORIES`) is an identifier (application id, name, phone) and is not a feature.
ID_LIKE_SHARE = 0.5
MAX_CATEGORIES = 50


@dataclass(frozen=True)
class ModelInputs:
    """The features and target of a task, and the columns left out (with why)."""

    X: pd.DataFrame
    y: pd.Series | None
    numeric: list[str]
    categorical: list[str]
    dropped: dict[str, Message]
    rows: np.ndarray

    @property
    def features(self) -> list[str]:
        return list(self.X.columns)


def _is_numeric(series: pd.Series) -> bool:
    return bool(pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series))


def model_inputs(frame: pd.DataFrame, target: str | None, task: str, *,
                 exclude: Sequence[str] = (), features: Sequence[str] | None = None
                 ) -> ModelInputs:
    """Split ``frame`` into features and target for ``task``, checking both.

    ``features`` (e.g. those of a trained model) fixes the columns instead of choosing them."""
    if task != "clustering":
        if not target:
            raise InputError(QT_TRANSLATE_NOOP("Core", "A supervised model needs a target "
                                               "column."))
        if target not in frame.columns:
            raise InputError(QT_TRANSLATE_NOOP("Core", "There is no target column {target!r} in "
                                               "the data.").format(target=target), column=target)
    y = None
    if task != "clustering":
        y = check_target(frame[target].reset_index(drop=True), task, target)
    dropped: dict[str, Message] = {}
    if features is None:
        candidates = [c for c in frame.columns if c != target and c not in exclude]
        chosen = []
        for column in candidates:
            reason = _not_a_feature(frame[column])
            if reason:
                dropped[column] = reason
            else:
                chosen.append(column)
    else:
        missing = [c for c in features if c not in frame.columns]
        if missing:
            raise InputError(QT_TRANSLATE_NOOP("Core", "The data lacks the model's feature "
                                               "column(s) {columns}.")
                             .format(columns=joined(missing)))
        chosen = list(features)
    if not chosen:
        raise InputError(QT_TRANSLATE_NOOP("Core", "No usable feature columns remain (every "
                                           "column is the target, an id, a time or empty)."))
    X = frame[chosen].reset_index(drop=True)
    rows = np.arange(len(frame))
    if y is not None:
        keep = y.notna().to_numpy()
        rows = rows[keep]
        X, y = X.loc[keep].reset_index(drop=True), y.loc[keep].reset_index(drop=True)
    numeric = [c for c in chosen if _is_numeric(X[c])]
    categorical = [c for c in chosen if c not in numeric]
    return ModelInputs(X, y, numeric, categorical, dropped, rows)


def _not_a_feature(series: pd.Series) -> Message | None:
    if pd.api.types.is_datetime64_any_dtype(series):
        return QT_TRANSLATE_NOOP("Core", "a date/time column (derive features from it with a "
                                 "recipe)")
    if series.isna().all():
        raise InputError(QT_TRANSLATE_NOOP("Core", "The column has no values at all; drop it or "
                                           "fill it with a recipe."), column=str(series.name))
    if not _is_numeric(series):
        distinct = series.nunique(dropna=True)
        if distinct > MAX_CATEGORIES and distinct > ID_LIKE_SHARE * series.notna().sum():
            return QT_TRANSLATE_NOOP("Core", "an identifier-like text column (almost every "
                                     "value differs)")
    return None


def check_target(target: pd.Series, task: str, name: str) -> pd.Series:
    """The target, checked: values present, numeric for regression; for classification two
    to :data:`MAX_CATEGORIES` classes of at least two rows each."""
    present = target.dropna()
    if present.empty:
        raise InputError(QT_TRANSLATE_NOOP("Core", "The target column has no values."),
                         column=name)
    if task == "regression":
        if not _is_numeric(target):
            raise InputError(QT_TRANSLATE_NOOP("Core", "A regression target must be numeric; "
                                               "this column holds text (use classification, or "
                                               "convert it with a recipe)."), column=name)
        values = target.astype("float64")
        if not np.isfinite(values.dropna()).all():
            raise InputError(QT_TRANSLATE_NOOP("Core", "The target holds infinite values."),
                             column=name)
        if values.nunique() < 2:
            raise InputError(QT_TRANSLATE_NOOP("Core", "The target is constant: there is "
                                               "nothing to predict."), column=name)
        return values
    classes = present.nunique()
    if classes < 2:
        raise InputError(QT_TRANSLATE_NOOP("Core", "The target has only one class ({value!r}): "
                                           "a classifier needs at least two.")
                         .format(value=present.iloc[0]), column=name)
    if _is_numeric(target) and classes > MAX_CATEGORIES:
        raise InputError(QT_TRANSLATE_NOOP("Core", "The target has {classes} distinct numbers; "
                                           "that looks like a regression task, not "
                                           "classification.").format(classes=classes),
                         column=name)
    if classes > MAX_CATEGORIES:
        raise InputError(QT_TRANSLATE_NOOP("Core", "The target has {classes} classes (more than "
                                           "{most}); that looks like an identifier column, not "
                                           "a class to predict.")
                         .format(classes=classes, most=MAX_CATEGORIES), column=name)
    counts = present.value_counts()
    if counts.min() < 2:
        raise InputError(QT_TRANSLATE_NOOP("Core", "The class {value!r} has a single row; every "
                                           "class needs at least two to be cross-validated.")
                         .format(value=counts.idxmin()), column=name)
    return target


def default_preprocessor(numeric: Sequence[str] | make_column_selector,
                         categorical: Sequence[str] | make_column_selector) -> ColumnTransformer:
    """Impute + scale numbers, impute + one-hot categories (unseen categories are ignored);
    each group of columns is a list of names or a selector (which may select none)."""
    parts = []
    if isinstance(numeric, make_column_selector) or len(numeric):
        parts.append(("numeric", make_pipeline(SimpleImputer(strategy="median"),
                                               StandardScaler()), _columns(numeric)))
    if isinstance(categorical, make_column_selector) or len(categorical):
        parts.append(("categorical", make_pipeline(
            SimpleImputer(strategy="most_frequent"),
            OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=5,
                          sparse_output=False)), _columns(categorical)))
    return ColumnTransformer(parts, remainder="drop")


def _columns(columns: Sequence[str] | make_column_selector) -> list[str] | make_column_selector:
    return columns if isinstance(columns, make_column_selector) else list(columns)


def plain_types(frame: pd.DataFrame) -> pd.DataFrame:
    """Text and category columns as object dtype (missing as NaN), booleans as floats, so
    every scikit-learn step takes them whatever pandas dtype they came in."""
    changes = {}
    for column in frame.columns:
        series = frame[column]
        if _is_numeric(series) and (pd.api.types.is_bool_dtype(series)
                                    or pd.api.types.is_extension_array_dtype(series)):
            changes[column] = series.astype("float64")
        elif not _is_numeric(series):
            values = series.astype(object)
            changes[column] = values.where(series.notna(), np.nan)
    return frame.assign(**changes) if changes else frame


def recipe_output_columns(exclude: Sequence[str]) -> tuple[make_column_selector,
                                                           make_column_selector]:
    """Selectors of the numeric and the other columns a fold's recipe steps output, but the
    ``exclude``d ones (the device id, columns that are not features).

    A recipe's learned steps are refitted in every fold, and their output columns depend on
    the fold's training rows (a one-hot step with ``max_categories`` keeps the categories
    frequent in those rows), so the model takes whatever columns its fold produced."""
    pattern = None
    if exclude:
        pattern = "^(?!(?:" + "|".join(re.escape(str(c)) for c in exclude) + ")$)"
    return (make_column_selector(pattern=pattern, dtype_include="number"),
            make_column_selector(pattern=pattern, dtype_exclude="number"))


def model_pipeline(numeric: Sequence[str], categorical: Sequence[str], estimator: object,
                   recipe_steps: Pipeline | None = None, exclude: Sequence[str] = ()
                   ) -> Pipeline:
    """``[recipe learned steps] -> default preprocessing -> estimator`` (all unfitted).

    Without recipe steps, ``numeric`` and ``categorical`` name the columns the preprocessing
    receives; after recipe steps it takes the columns they output but ``exclude``
    (:func:`recipe_output_columns`)."""
    steps = [] if recipe_steps is None else [("recipe", recipe_steps)]
    columns = (numeric, categorical) if recipe_steps is None else recipe_output_columns(exclude)
    steps += [("types", FunctionTransformer(plain_types)),
              ("prep", default_preprocessor(*columns)),
              ("model", estimator)]
    return Pipeline(steps)
