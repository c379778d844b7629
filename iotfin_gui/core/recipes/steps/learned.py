"""Learned steps: imputation, outlier clipping, encoders and scalers.

Each ``build`` returns an unfitted scikit-learn ``ColumnTransformer`` that transforms its columns
and passes every other column through, with pandas output. The engine chains them into one
``Pipeline`` and fits it on the training rows only, so no statistic (mean, category, bound) ever
comes from a test row. The target column is never transformed.

scikit-learn is imported by the ``build`` functions, when a recipe runs: listing, showing,
checking, importing or exporting recipes (and everything that imports the recipe document,
such as the trash) needs no scikit-learn.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.recipes.params import NUMERIC_TYPES, Columns, Param, StepCheck
from iotfin_gui.core.recipes.steps.base import GROUPS, Env, StepType
from iotfin_gui.core.recipes.steps.rows import DEVICE

if TYPE_CHECKING:
    from sklearn.compose import ColumnTransformer

#: The ``scale`` step's methods: scikit-learn's StandardScaler, MinMaxScaler and RobustScaler.
SCALERS = ("standard", "minmax", "robust")
CATEGORICAL = ("text", "category", "integer", "boolean")


def wrap(*parts: tuple) -> ColumnTransformer:
    """A ColumnTransformer over ``parts`` that passes the other columns through, as pandas."""
    from sklearn.compose import ColumnTransformer

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
            raise at.error(QT_TRANSLATE_NOOP(
                "Core", "column {column!r} identifies the rows (device or time) and stays as it "
                "is; use one_hot to make features from a device id").format(column=name),
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
            raise at.error(QT_TRANSLATE_NOOP("Core", "a constant fill needs a fill_value"),
                           param="fill_value")
        for name in names:
            numeric = columns.types.get(name) in NUMERIC_TYPES
            if numeric == isinstance(value, str):
                raise at.error(QT_TRANSLATE_NOOP(
                    "Core", "fill_value {value!r} does not suit column {column!r}").format(
                        value=value, column=name), param="fill_value", column=name)
    return columns


def build_impute(params: dict, columns: Columns) -> ColumnTransformer:
    from sklearn.impute import SimpleImputer

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
        raise at.error(QT_TRANSLATE_NOOP("Core", "the lower quantile must be below the upper "
                                         "one"), param="lower")
    return columns.with_types(dict.fromkeys(params["columns"], "float"))


def build_clip(params: dict, columns: Columns) -> ColumnTransformer:
    from iotfin_gui.core.recipes.steps.transformers import OutlierClipper

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
    from sklearn.preprocessing import OneHotEncoder

    encoder = OneHotEncoder(max_categories=params["max_categories"], sparse_output=False,
                            handle_unknown="infrequent_if_exist",
                            feature_name_combiner=one_hot_name)
    return wrap(("one_hot", encoder, params["columns"]))


def check_ordinal(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    names = check_categorical(params, columns, at, env)
    in_place(columns, names, at)
    for name in params["orders"] or {}:
        if name not in names:
            raise at.error(QT_TRANSLATE_NOOP(
                "Core", "an order is given for {column!r}, which is not among the columns")
                .format(column=name), param="orders", column=name)
    return columns.with_types(dict.fromkeys(names, "float"))


def build_ordinal(params: dict, columns: Columns) -> ColumnTransformer:
    from sklearn.preprocessing import OrdinalEncoder

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
    from iotfin_gui.core.recipes.steps.transformers import FrequencyEncoder

    return wrap(("frequency", FrequencyEncoder(), params["columns"]))


def check_scale(params: dict, columns: Columns, at: StepCheck, env: Env) -> Columns:
    in_place(columns, params["columns"], at)
    at.numeric(columns, params["columns"], "columns")
    return columns.with_types(dict.fromkeys(params["columns"], "float"))


def build_scale(params: dict, columns: Columns) -> ColumnTransformer:
    from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

    scaler = {"standard": StandardScaler, "minmax": MinMaxScaler, "robust": RobustScaler}
    return wrap(("scale", scaler[params["method"]](), params["columns"]))


COLUMNS = Param("columns", "columns", QT_TRANSLATE_NOOP("Core", "Columns"), required=True)

STEPS = (
    StepType("impute", QT_TRANSLATE_NOOP("Core", "Fill missing (learned)"), GROUPS["missing"],
             "learned",
             (COLUMNS, Param("strategy", "choice", QT_TRANSLATE_NOOP("Core", "Fill with"),
                             default="median", choices=("mean", "median", "mode", "constant")),
              Param("fill_value", "scalar", QT_TRANSLATE_NOOP("Core", "Constant"),
                    help=QT_TRANSLATE_NOOP("Core", "for the constant strategy"))),
             QT_TRANSLATE_NOOP("Core", "Fill missing values with the training rows' mean, median "
                               "or most frequent value, or a constant."),
             check_impute, build=build_impute),
    StepType("clip_outliers", QT_TRANSLATE_NOOP("Core", "Clip outliers"), GROUPS["outliers"],
             "learned",
             (COLUMNS, Param("method", "choice", QT_TRANSLATE_NOOP("Core", "Bounds"),
                             default="quantile", choices=("quantile", "iqr", "zscore")),
              Param("lower", "number", QT_TRANSLATE_NOOP("Core", "Lower quantile"), default=0.01,
                    minimum=0.0, maximum=1.0),
              Param("upper", "number", QT_TRANSLATE_NOOP("Core", "Upper quantile"), default=0.99,
                    minimum=0.0, maximum=1.0),
              Param("factor", "number", QT_TRANSLATE_NOOP("Core", "IQR or z factor"), minimum=0.0,
                    maximum=1000.0,
                    help=QT_TRANSLATE_NOOP("Core", "default 1.5 for IQR, 3 for z-score")),
              Param("per_device", "boolean", QT_TRANSLATE_NOOP("Core", "Per device"),
                    default=False), DEVICE),
             QT_TRANSLATE_NOOP("Core", "Clip values to bounds learned from the training rows, "
                               "globally or per device."),
             check_clip, build=build_clip),
    StepType("one_hot", QT_TRANSLATE_NOOP("Core", "One-hot encode"), GROUPS["encoding"],
             "learned",
             (COLUMNS, Param("max_categories", "integer",
                             QT_TRANSLATE_NOOP("Core", "Most columns per column"), default=10,
                             minimum=2, maximum=1000,
                             help=QT_TRANSLATE_NOOP("Core", "rarer categories share one "
                                                    "<column>_other column"))),
             QT_TRANSLATE_NOOP("Core", "One 0/1 column per category seen in training; unseen "
                               "ones go to 'other'."),
             check_one_hot, build=build_one_hot),
    StepType("ordinal", QT_TRANSLATE_NOOP("Core", "Ordinal encode"), GROUPS["encoding"],
             "learned",
             (COLUMNS, Param("orders", "orders",
                             QT_TRANSLATE_NOOP("Core", "Category order per column"),
                             help=QT_TRANSLATE_NOOP("Core", "default: sorted; unknown and missing "
                                                    "values become -1"))),
             QT_TRANSLATE_NOOP("Core", "Replace categories by their rank."),
             check_ordinal, build=build_ordinal),
    StepType("frequency_encode", QT_TRANSLATE_NOOP("Core", "Frequency encode"),
             GROUPS["encoding"], "learned", (COLUMNS,),
             QT_TRANSLATE_NOOP("Core", "Replace categories by their share of the training rows "
                               "(no target used)."),
             check_frequency, build=build_frequency),
    StepType("scale", QT_TRANSLATE_NOOP("Core", "Scale"), GROUPS["scaling"], "learned",
             (COLUMNS, Param("method", "choice", QT_TRANSLATE_NOOP("Core", "Method"),
                             default="standard", choices=SCALERS)),
             QT_TRANSLATE_NOOP("Core", "Standard (mean 0, sd 1), min-max (0..1) or robust "
                               "(median, IQR) scaling learned from the training rows."),
             check_scale, build=build_scale),
)
