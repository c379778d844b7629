"""Cross-validation schemes: which rows train and which rows score, fold by fold.

Schemes: ``holdout`` (one 80/20 split, stratified for classification), ``kfold``,
``stratified``, ``group`` (every device's rows in one fold only) and ``time`` (expanding
window: each fold trains only on rows before the rows it scores). ``repeats`` > 1 reshuffles
and repeats the shuffled schemes, so every metric gets a mean and a spread.

Time-series CV takes a ``gap_hours`` purge: a training row is kept only when its time lies more
than ``gap_hours`` before the first time its fold scores. A label that looks ahead (a failure
within the next 24 h) makes the last training rows before a fold's start carry outcomes from
the scored period; a gap equal to the label's horizon (24) removes exactly those rows. The
scored rows stay the same, so scores with and without a gap compare fold by fold.

:func:`inner_folds` splits the training rows of one fold again (for a nested search): the same
scheme on those rows only, with fewer folds (:data:`INNER_FOLDS` by default) and no repeats; a
hold-out split is searched with stratified (classification) or plain k-fold inside.

Scheme names (:data:`~iotfin_gui.core.model_names.CV_SCHEMES`) are data;
:mod:`iotfin_gui.core.model_names` gives their translatable display texts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.model_selection import (
    KFold,
    RepeatedKFold,
    RepeatedStratifiedKFold,
    StratifiedKFold,
    TimeSeriesSplit,
    train_test_split,
)

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, joined
from iotfin_gui.core.model_names import CV_SCHEMES, INNER_FOLDS

#: Schemes whose folds choose each other's validation thresholds (no extra fit, see
#: :func:`iotfin_gui.core.models.fitting.assign_cross_fold_thresholds`): a hold-out has no
#: other fold, and time-series CV would take a fold's threshold from later periods, so both
#: choose it with an inner CV of each fold's training rows instead.
CROSS_FOLD_THRESHOLD_SCHEMES = ("kfold", "stratified", "group")
#: Inner folds whose out-of-fold probabilities choose a fold's decision threshold otherwise.
THRESHOLD_FOLDS = 3


@dataclass(frozen=True)
class Fold:
    """One split: row positions to train on and to score, and which repeat it belongs to."""

    train: np.ndarray
    test: np.ndarray
    repeat: int
    index: int


def make_folds(scheme: str, n_rows: int, *, folds: int = 5, repeats: int = 1, seed: int = 0,
               y: pd.Series | None = None, groups: pd.Series | None = None,
               times: pd.Series | None = None, gap_hours: float = 0.0) -> list[Fold]:
    """The folds of ``scheme`` over ``n_rows`` rows (positions 0..n_rows-1); ``gap_hours``
    (time-series CV only) purges the training rows that close to each fold's scored rows."""
    if scheme not in CV_SCHEMES:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Unknown CV scheme {scheme!r}; choose one of "
                                           "{schemes}.").format(scheme=scheme,
                                                                schemes=joined(CV_SCHEMES)))
    if scheme != "holdout" and not 2 <= folds <= n_rows:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Cross-validation needs 2 to {rows} folds, not "
                                           "{folds}.").format(rows=n_rows, folds=folds))
    if repeats < 1:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Repeats must be 1 or more."))
    if not gap_hours >= 0:
        raise InputError(QT_TRANSLATE_NOOP("Core", "The gap between training and scored rows "
                                           "must be zero or more hours, not {hours:g}.")
                         .format(hours=gap_hours))
    if gap_hours and scheme != "time":
        raise InputError(QT_TRANSLATE_NOOP("Core", "A gap between training and scored rows "
                                           "applies to time-series CV only."))
    positions = np.arange(n_rows)
    if scheme == "holdout":
        return _holdout(positions, y, repeats, seed)
    if scheme == "group":
        return _grouped(groups, folds, repeats, seed)
    if scheme == "time":
        return _expanding(times, folds, gap_hours)
    if scheme == "stratified":
        if y is None:
            raise InputError(QT_TRANSLATE_NOOP("Core", "Stratified CV needs a class target."))
        smallest = int(pd.Series(y).value_counts().min())
        if smallest < folds:
            raise InputError(QT_TRANSLATE_NOOP("Core", "The smallest class has {rows} rows, fewer "
                                               "than the {folds} folds; use fewer folds.")
                             .format(rows=smallest, folds=folds))
        splitter = (RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=seed)
                    if repeats > 1 else StratifiedKFold(folds, shuffle=True, random_state=seed))
        splits = splitter.split(positions, np.asarray(y))
    else:
        splitter = (RepeatedKFold(n_splits=folds, n_repeats=repeats, random_state=seed)
                    if repeats > 1 else KFold(folds, shuffle=True, random_state=seed))
        splits = splitter.split(positions)
    return [Fold(train, test, i // folds, i % folds) for i, (train, test) in enumerate(splits)]


def _holdout(positions: np.ndarray, y: pd.Series | None, repeats: int, seed: int) -> list[Fold]:
    out = []
    for repeat in range(repeats):
        stratify = np.asarray(y) if y is not None else None
        train, test = train_test_split(positions, test_size=0.2, random_state=seed + repeat,
                                       stratify=stratify)
        out.append(Fold(np.sort(train), np.sort(test), repeat, 0))
    return out


def _grouped(groups: pd.Series | None, folds: int, repeats: int, seed: int) -> list[Fold]:
    """Whole groups (devices) to folds, shuffled per repeat, balancing rows per fold."""
    if groups is None:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Grouped CV needs a device id column (the "
                                           "dataset's device_id role)."))
    codes, uniques = pd.factorize(pd.Series(groups).astype(str))
    if len(uniques) < folds:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Grouped CV needs at least {folds} devices; "
                                           "the data has {devices}. Use fewer folds.")
                         .format(folds=folds, devices=len(uniques)))
    sizes = np.bincount(codes)
    out = []
    for repeat in range(repeats):
        order = np.random.default_rng(seed + repeat).permutation(len(uniques))
        order = order[np.argsort(-sizes[order], kind="stable")]
        load, fold_of = np.zeros(folds), np.empty(len(uniques), dtype=int)
        for group in order:
            fold_of[group] = int(np.argmin(load))
            load[fold_of[group]] += sizes[group]
        row_fold = fold_of[codes]
        for index in range(folds):
            test = np.flatnonzero(row_fold == index)
            out.append(Fold(np.flatnonzero(row_fold != index), test, repeat, index))
    return out


def _expanding(times: pd.Series | None, folds: int, gap_hours: float = 0.0) -> list[Fold]:
    """Expanding-window folds in time order; rows at the same instant stay on one side, and
    training rows within ``gap_hours`` before a fold's first scored time are left out."""
    if times is None:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Time-series CV needs a time column (the "
                                           "dataset's timestamp role)."))
    stamps = pd.Series(pd.to_datetime(times)).reset_index(drop=True)
    if stamps.isna().any():
        raise InputError(QT_TRANSLATE_NOOP("Core", "Time-series CV needs a time on every row; "
                                           "some are missing."))
    instants = np.sort(stamps.unique())
    if len(instants) <= folds:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Time-series CV with {folds} folds needs more "
                                           "than {folds} distinct times.").format(folds=folds))
    gap = pd.Timedelta(hours=gap_hours)
    out = []
    for index, (before, after) in enumerate(TimeSeriesSplit(n_splits=folds).split(instants)):
        train_times, test_times = instants[before], instants[after]
        train_times = train_times[train_times < test_times[0] - gap]
        if not len(train_times):
            raise InputError(QT_TRANSLATE_NOOP("Core", "With a gap of {hours:g} h, fold {fold} has "
                                               "no training rows left; use a smaller gap or "
                                               "fewer folds.")
                             .format(hours=gap_hours, fold=index + 1))
        train = np.flatnonzero(stamps.isin(train_times).to_numpy())
        test = np.flatnonzero(stamps.isin(test_times).to_numpy())
        out.append(Fold(train, test, 0, index))
    return out


def threshold_fits(scheme: str) -> float:
    """Extra fits (in training-fold sizes) that choosing a validation threshold costs in each
    fold of ``scheme``: none when the folds choose each other's, else an inner CV of
    :data:`THRESHOLD_FOLDS` folds."""
    if scheme in CROSS_FOLD_THRESHOLD_SCHEMES:
        return 0.0
    return THRESHOLD_FOLDS * (THRESHOLD_FOLDS - 1) / THRESHOLD_FOLDS


def inner_scheme(scheme: str, classification: bool) -> str:
    """The scheme of a nested search's inner CV: the outer one, except that a hold-out split
    is searched with (stratified for classes) k-fold."""
    if scheme == "holdout":
        return "stratified" if classification else "kfold"
    return scheme


def inner_folds(scheme: str, rows: np.ndarray, *, folds: int = INNER_FOLDS, seed: int = 0,
                y: np.ndarray | None = None, groups: pd.Series | None = None,
                times: pd.Series | None = None, gap_hours: float = 0.0) -> list[Fold]:
    """Folds over the row positions ``rows`` only (an outer fold's training rows, or all rows),
    of ``scheme`` (an inner scheme, see :func:`inner_scheme`) with the same ``gap_hours``; the
    folds hold positions of the whole data, like ``rows``. ``y``, ``groups`` and ``times`` are
    those of the whole data."""
    rows = np.asarray(rows)

    def pick(values: np.ndarray | pd.Series | None) -> pd.Series | None:
        return None if values is None else pd.Series(np.asarray(values)[rows])

    try:
        local = make_folds(scheme, len(rows), folds=folds, seed=seed, y=pick(y),
                           groups=pick(groups), times=pick(times), gap_hours=gap_hours)
    except InputError as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "The inner cross-validation of the search "
                                           "cannot split the training rows: {reason}")
                         .format(reason=error.args[0])) from error
    return [Fold(rows[fold.train], rows[fold.test], 0, fold.index) for fold in local]
