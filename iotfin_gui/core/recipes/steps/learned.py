"""Learned steps: imputation, outlier clipping, encoders and scalers.

Each ``build`` returns an unfitted scikit-learn ``ColumnTransformer`` that transforms its columns
and passes every other column through, with pandas output. The engine chains them into one
``Pipeline`` and fits it on the training rows only, so no statistic (mean, category, bound) ever
comes from a test row. The target column is never transformed.
"""

from __future__ import annotations

from dataclasses import replace

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import (
    MinMaxScaler,
    OneHotEncoder,
    OrdinalEncoder,
    RobustScaler,
    StandardScaler,
)

from iotfin_gui.core.recipes.params import NUMERIC_TYPES, Columns, Param, StepCheck
from iotfin_gui.core.recipes.steps.base import Env, StepType
from iotfin_gui.core.recipes.steps.rows import DEVICE
from iotfin_gui.core.recipes.steps.transformers import FrequencyEncoder, OutlierClipper

SCALERS = {"standard": StandardScaler, "minmax": MinMaxScaler, "robust": RobustScaler}
CATEGORICAL = ("text", "category", "integer", "boolean")


def wrap(*parts: tuple) -> ColumnTransformer:
    """A ColumnTransformer over ``parts`` that passes the other columns through, as pandas."""
    transformer = ColumnTransformer(list(parts), remainder="passthrough",
                                    verbose_feature_names_out=False)
    return transformer.set_output(transform="pandas")


def one_hot_name(feature: str, category: object) -> str:
    """Output column of a one-hot category; the bucket of rare categories is ``<col>_other``."""
    return f"{feature}_other" if category == "infrequent_sklearn" else f"{feature}_{category}"


def in_place(columns: Columns, names: list[str], at: StepCheck) -> None:
    """Refuse to transform the device or time column in place: they identify the rows."""
    for name in names:
        if name in (columns.device, columns.time):
            raise at.error(f"column {name!r} identifies the rows (device or time) and stays as "
                           "it is; use one_hot to make features from a device id",
                           param="columns", column=name)


def check_impute(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    strategy, names = params["strategy"], params["columns"]
    in_place(columns, names, at)
    if strategy in ("mean", "median"):
        at.numeric(columns, names, "columns")
        return columns.with_types(dict.fromkeys(names, "float"))
    allowed = ("text", "category", *NUMERIC_TYPES)
    for name in names:
        at.column(columns, name, "columns", types=allowed)
    if strategy == "constant":
        value = params["fill_value"]
        if value is None:
            raise at.error("a constant fill needs a fill_value", param="fill_value")
        for name in names:
            numeric = columns.types.get(name) in NUMERIC_TYPES
            if numeric == isinstance(value, str):
                raise at.error(f"fill_value {value!r} does not suit column {name!r}",
                               param="fill_value", column=name)
    return columns


def build_impute(params: dict, columns: Columns) -> ColumnTransformer:
    strategy = {"mode": "most_frequent"}.get(params["strategy"], params["strategy"])
    imputer = SimpleImputer(strategy=strategy, fill_value=params["fill_value"],
                            keep_empty_features=True)
    return wrap(("impute", imputer, params["columns"]))


def check_clip(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    in_place(columns, params["columns"], at)
    at.numeric(columns, params["columns"], "columns")
    if params["per_device"]:
        at.role(columns, params["device"], "device", "device")
    if params["lower"] >= params["upper"]:
        raise at.error("the lower quantile must be below the upper one", param="lower")
    return columns.with_types(dict.fromkeys(params["columns"], "float"))


def build_clip(params: dict, columns: Columns) -> ColumnTransformer:
    factor = params["factor"]
    if factor is None:
        factor = 1.5 if params["method"] == "iqr" else 3.0
    clipper = OutlierClipper(params["method"], params["lower"], params["upper"], factor,
                             by_group=params["per_device"])
    device = params["device"] or columns.device
    selected = [device, *params["columns"]] if params["per_device"] else params["columns"]
    return wrap(("clip", clipper, selected))


def check_categorical(params: dict, columns: Columns, at: StepCheck, env: Env) -> list[str]:
    return [at.column(columns, c, "columns", types=CATEGORICAL) for c in params["columns"]]


def check_one_hot(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    names = check_categorical(params, columns, at, env)
    return replace(columns.with_types(dict.fromkeys(names)), open=True)


def build_one_hot(params: dict, columns: Columns) -> ColumnTransformer:
    encoder = OneHotEncoder(max_categories=params["max_categories"], sparse_output=False,
                            handle_unknown="infrequent_if_exist",
                            feature_name_combiner=one_hot_name)
    return wrap(("one_hot", encoder, params["columns"]))


def check_ordinal(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    names = check_categorical(params, columns, at, env)
    in_place(columns, names, at)
    for name in params["orders"] or {}:
        if name not in names:
            raise at.error(f"an order is given for {name!r}, which is not among the columns",
                           param="orders", column=name)
    return columns.with_types(dict.fromkeys(names, "float"))


def build_ordinal(params: dict, columns: Columns) -> ColumnTransformer:
    orders = params["orders"] or {}
    parts = [(f"ordinal_{name}", OrdinalEncoder(
        categories=[orders[name]], handle_unknown="use_encoded_value", unknown_value=-1,
        encoded_missing_value=-1), [name]) for name in params["columns"] if name in orders]
    rest = [name for name in params["columns"] if name not in orders]
    if rest:
        parts.append(("ordinal", OrdinalEncoder(handle_unknown="use_encoded_value",
                                                unknown_value=-1, encoded_missing_value=-1),
                      rest))
    return wrap(*parts)


def check_frequency(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    names = check_categorical(params, columns, at, env)
    in_place(columns, names, at)
    return columns.with_types(dict.fromkeys(names, "float"))


def build_frequency(params: dict, columns: Columns) -> ColumnTransformer:
    return wrap(("frequency", FrequencyEncoder(), params["columns"]))


def check_scale(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    in_place(columns, params["columns"], at)
    at.numeric(columns, params["columns"], "columns")
    return columns.with_types(dict.fromkeys(params["columns"], "float"))


def build_scale(params: dict, columns: Columns) -> ColumnTransformer:
    return wrap(("scale", SCALERS[params["method"]](), params["columns"]))


COLUMNS = Param("columns", "columns", "Columns", required=True)

STEPS = (
    StepType("impute", "Fill missing (learned)", "Missing values", "learned",
             (COLUMNS, Param("strategy", "choice", "Fill with", default="median",
                             choices=("mean", "median", "mode", "constant")),
              Param("fill_value", "scalar", "Constant", help="for the constant strategy")),
             "Fill missing values with the training rows' mean, median or most frequent value, "
             "or a constant.", check_impute, build=build_impute),
    StepType("clip_outliers", "Clip outliers", "Outliers", "learned",
             (COLUMNS, Param("method", "choice", "Bounds", default="quantile",
                             choices=("quantile", "iqr", "zscore")),
              Param("lower", "number", "Lower quantile", default=0.01, minimum=0.0,
                    maximum=1.0),
              Param("upper", "number", "Upper quantile", default=0.99, minimum=0.0,
                    maximum=1.0),
              Param("factor", "number", "IQR or z factor", minimum=0.0, maximum=1000.0,
                    help="default 1.5 for IQR, 3 for z-score"),
              Param("per_device", "boolean", "Per device", default=False), DEVICE),
             "Clip values to bounds learned from the training rows, globally or per device.",
             check_clip, build=build_clip),
    StepType("one_hot", "One-hot encode", "Encoding", "learned",
             (COLUMNS, Param("max_categories", "integer", "Most columns per column", default=10,
                             minimum=2, maximum=1000,
                             help="rarer categories share one <column>_other column")),
             "One 0/1 column per category seen in training; unseen ones go to 'other'.",
             check_one_hot, build=build_one_hot),
    StepType("ordinal", "Ordinal encode", "Encoding", "learned",
             (COLUMNS, Param("orders", "orders", "Category order per column",
                             help="default: sorted; unknown and missing values become -1")),
             "Replace categories by their rank.", check_ordinal, build=build_ordinal),
    StepType("frequency_encode", "Frequency encode", "Encoding", "learned", (COLUMNS,),
             "Replace categories by their share of the training rows (no target used).",
             check_frequency, build=build_frequency),
    StepType("scale", "Scale", "Scaling", "learned",
             (COLUMNS, Param("method", "choice", "Method", default="standard",
                             choices=tuple(SCALERS))),
             "Standard (mean 0, sd 1), min-max (0..1) or robust (median, IQR) scaling learned "
             "from the training rows.", check_scale, build=build_scale),
)
