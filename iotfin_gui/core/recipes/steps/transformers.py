"""scikit-learn transformers that scikit-learn lacks: outlier clipping (global or per device)
and target-free frequency encoding. Both take and return DataFrames and are picklable."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

MISSING = "\x00missing"


class OutlierClipper(TransformerMixin, BaseEstimator):
    """Clip columns to bounds learned at ``fit``: quantiles, Tukey's IQR fences or mean ± k·std.

    With ``by_group`` the first column is a group key (a device id) that passes through
    unchanged and the bounds are learned per group; a group not seen at fit gets the global ones.
    Bounds are kept as plain dicts (column -> bound, column -> group -> bound).
    """

    def __init__(self, method: str = "quantile", lower: float = 0.01, upper: float = 0.99,
                 factor: float = 1.5, by_group: bool = False) -> None:
        self.method = method
        self.lower = lower
        self.upper = upper
        self.factor = factor
        self.by_group = by_group

    def _bounds(self, values: Any) -> tuple[Any, Any]:
        if self.method == "quantile":
            return values.quantile(self.lower), values.quantile(self.upper)
        if self.method == "iqr":
            first, third = values.quantile(0.25), values.quantile(0.75)
            spread = third - first
            return first - self.factor * spread, third + self.factor * spread
        mean, std = values.mean(), values.std(ddof=0)
        return mean - self.factor * std, mean + self.factor * std

    def fit(self, X: pd.DataFrame, y: Any = None) -> OutlierClipper:
        frame = pd.DataFrame(X)
        self.feature_names_in_ = np.asarray(frame.columns, dtype=object)
        self.n_features_in_ = frame.shape[1]
        values = frame.iloc[:, 1:] if self.by_group else frame
        values = values.astype("float64")
        low, high = self._bounds(values)
        self.lower_, self.upper_ = _plain(pd.Series(low)), _plain(pd.Series(high))
        if self.by_group:
            grouped = values.groupby(frame.iloc[:, 0].to_numpy(), sort=True)
            low, high = self._bounds(grouped)
            self.group_lower_ = {name: _plain(low[name]) for name in low.columns}
            self.group_upper_ = {name: _plain(high[name]) for name in high.columns}
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        check_is_fitted(self, "lower_")
        frame = pd.DataFrame(X).copy()
        names = list(frame.columns[1:] if self.by_group else frame.columns)
        for name in names:
            low = np.full(len(frame), self.lower_[name])
            high = np.full(len(frame), self.upper_[name])
            if self.by_group:
                keys = frame.iloc[:, 0]
                low = keys.map(self.group_lower_[name]).fillna(self.lower_[name]).to_numpy()
                high = keys.map(self.group_upper_[name]).fillna(self.upper_[name]).to_numpy()
            frame[name] = np.clip(frame[name].astype("float64").to_numpy(), low, high)
        return frame

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray(self.feature_names_in_, dtype=object)


def _plain(values: pd.Series) -> dict[Any, float]:
    """A Series as a dict of plain Python keys and floats: the safe model format (skops) stores
    no pandas objects, and a model holding them fell back to a pickle that is never shared."""
    return dict(zip(values.index.tolist(), values.astype("float64").tolist(), strict=True))


class FrequencyEncoder(TransformerMixin, BaseEstimator):
    """Replace each category by its share of the training rows (unseen categories: 0).

    Uses no target, so it cannot leak one; missing values are a category of their own."""

    def fit(self, X: pd.DataFrame, y: Any = None) -> FrequencyEncoder:
        frame = pd.DataFrame(X)
        self.feature_names_in_ = np.asarray(frame.columns, dtype=object)
        self.n_features_in_ = frame.shape[1]
        self.shares_ = {name: _keys(frame[name]).value_counts(normalize=True).to_dict()
                        for name in frame.columns}
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        check_is_fitted(self, "shares_")
        frame = pd.DataFrame(X)
        return pd.DataFrame(
            {name: _keys(frame[name]).map(self.shares_[name]).fillna(0.0).astype("float64")
             for name in frame.columns}, index=frame.index)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray(self.feature_names_in_, dtype=object)


def _keys(values: pd.Series) -> pd.Series:
    return values.astype("object").where(values.notna(), MISSING)
