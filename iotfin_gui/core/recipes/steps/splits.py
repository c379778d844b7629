"""The train/test split: random, stratified by a column, grouped by device, or by time.

``split`` returns a boolean mask of the test rows. A time split puts every row before ``before``
(or before the last ``last_days`` days, or before the latest ``test_fraction`` of the distinct
times) in training and the rest in test, so a model is always evaluated on its future.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.recipes.params import Columns, Param, StepCheck
from iotfin_gui.core.recipes.steps.base import GROUPS, Env, StepType
from iotfin_gui.core.recipes.steps.rows import DEVICE, TIME


def check_split(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    method = params["method"]
    if method == "stratified":
        name = params["stratify"] or columns.target
        if name is None:
            raise at.error(QT_TRANSLATE_NOOP("Core", "a stratified split needs a column (or a "
                                             "recipe target)"), param="stratify")
        at.column(columns, name, "stratify")
    elif method == "group":
        at.role(columns, params["device"], "device", "device")
    elif method == "time":
        at.role(columns, params["time"], "time", "time")
        if params["before"] is not None and params["last_days"] is not None:
            raise at.error(QT_TRANSLATE_NOOP("Core", "give either a date or a number of last "
                                             "days, not both"), param="last_days")
    return columns


def run_split(frame: pd.DataFrame, params: dict, columns: Columns, env: Env) -> np.ndarray:
    """The test-row mask of ``frame``."""
    from sklearn.model_selection import GroupShuffleSplit, train_test_split  # only when run

    at = StepCheck(0, "split")
    rows, fraction, seed = len(frame), params["test_fraction"], params["seed"]
    test = np.zeros(rows, dtype=bool)
    if rows < 2:
        return test
    positions = np.arange(rows)
    method = params["method"]
    if method == "time":
        return _time_test(frame[params["time"] or columns.time], params)
    if method == "group":
        devices = frame[params["device"] or columns.device]
        groups = devices.astype(object).where(devices.notna(), "").astype("str")
        if groups.nunique() < 2:
            raise at.error(QT_TRANSLATE_NOOP("Core", "a grouped split needs at least two "
                                             "devices"), param="device")
        splitter = GroupShuffleSplit(n_splits=1, test_size=fraction, random_state=seed)
        _, chosen = next(splitter.split(positions, groups=groups.to_numpy()))
    else:
        labels = None
        if method == "stratified":
            labels = frame[params["stratify"] or columns.target]
            if labels.isna().any():
                raise at.error(QT_TRANSLATE_NOOP("Core", "the stratify column has missing "
                                                 "values"), param="stratify")
            labels = labels.astype("str").to_numpy()
        try:
            _, chosen = train_test_split(positions, test_size=fraction, random_state=seed,
                                         stratify=labels)
        except ValueError as error:
            raise at.error(QT_TRANSLATE_NOOP("Core", "cannot split so: {error}").format(
                error=str(error)), param="test_fraction") from error
    test[chosen] = True
    return test


def _time_test(times: pd.Series, params: dict) -> np.ndarray:
    if params["before"] is not None:
        cut = pd.Timestamp(params["before"])
    elif params["last_days"] is not None:
        cut = times.max() - pd.Timedelta(days=params["last_days"])
        return (times > cut).to_numpy(dtype=bool, na_value=False)
    else:
        distinct = np.sort(times.dropna().unique())
        if not len(distinct):
            return np.zeros(len(times), dtype=bool)
        cut = distinct[min(len(distinct) - 1, int(len(distinct) * (1 - params["test_fraction"])))]
    return (times >= cut).to_numpy(dtype=bool, na_value=False)


STEPS = (
    StepType("split", QT_TRANSLATE_NOOP("Core", "Train/test split"), GROUPS["split"], "split",
             (Param("method", "choice", QT_TRANSLATE_NOOP("Core", "Method"), default="time",
                    choices=("random", "stratified", "group", "time")),
              Param("test_fraction", "number", QT_TRANSLATE_NOOP("Core", "Test share"),
                    default=0.2, minimum=0.01, maximum=0.99),
              Param("seed", "integer", QT_TRANSLATE_NOOP("Core", "Seed"), default=0, minimum=0,
                    maximum=2**32 - 1),
              Param("stratify", "column", QT_TRANSLATE_NOOP("Core", "Stratify by"),
                    help=QT_TRANSLATE_NOOP("Core", "default: the recipe's target")),
              DEVICE, TIME,
              Param("before", "datetime", QT_TRANSLATE_NOOP("Core", "Train before"),
                    help=QT_TRANSLATE_NOOP("Core", "time split: the first test time")),
              Param("last_days", "integer", QT_TRANSLATE_NOOP("Core", "Test on the last N days"),
                    minimum=1, maximum=100_000)),
             QT_TRANSLATE_NOOP("Core", "Mark rows train or test; learned steps are fitted on the "
                               "training rows only."),
             check_split, split=run_split),
)
