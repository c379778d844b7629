"""Before/after previews for the Preprocess panel: counts, missing values, a sample of rows,
histograms of the columns a recipe changes, and warnings for steps that drop many rows.

The preview runs the whole recipe on the first ``limit`` rows of the dataset, so it stays quick
on large data; ``limited`` tells the UI when the figures are of such a prefix. ``size`` is the
estimated output of a run on the whole dataset (:mod:`.estimate`), ``refused`` why such a run
would be refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.recipes.document import Recipe
from iotfin_gui.core.recipes.engine import SPLIT_COLUMN, StepReport, apply_recipe, store_env
from iotfin_gui.core.recipes.estimate import SizeEstimate, estimate, limits, refusal
from iotfin_gui.core.store import DatasetInfo, Store

HISTOGRAM_BINS = 20
#: At most this many histograms per preview (a lag step can add hundreds of columns).
MAX_HISTOGRAMS = 40


@dataclass(frozen=True)
class FrameSummary:
    """Size, types and missing values of one side of the preview."""

    rows: int
    columns: int
    types: dict[str, str]
    missing: dict[str, int]


@dataclass(frozen=True)
class Histogram:
    """Counts of a numeric column's values in bins (``len(edges) == len(counts) + 1``)."""

    edges: list[float]
    counts: list[int]


@dataclass(frozen=True)
class ColumnChange:
    """A column the recipe added or changed. ``before`` is None for a new column and for a
    rescaled one (its old and new values would not share bins usefully); otherwise both
    histograms share their bin edges, so they can be drawn over each other."""

    column: str
    before: Histogram | None
    after: Histogram | None


@dataclass
class RecipePreview:
    """What the recipe does to (a prefix of) a dataset."""

    before: FrameSummary
    after: FrameSummary
    sample_before: pd.DataFrame
    sample_after: pd.DataFrame
    added: list[str]
    removed: list[str]
    changes: list[ColumnChange]
    steps: list[StepReport]
    warnings: list[str] = field(default_factory=list)
    limited: bool = False
    #: The estimated size of a run on the whole dataset, and why it would be refused (or None).
    size: SizeEstimate | None = None
    refused: str | None = None


def summarize(frame: pd.DataFrame) -> FrameSummary:
    return FrameSummary(len(frame), len(frame.columns),
                        {str(c): str(t) for c, t in frame.dtypes.items()},
                        {str(c): int(n) for c, n in frame.isna().sum().items()})


def _numbers(series: pd.Series | None) -> np.ndarray:
    if series is None or not (pd.api.types.is_numeric_dtype(series.dtype)
                              and not pd.api.types.is_bool_dtype(series.dtype)):
        return np.zeros(0)
    values = series.to_numpy(dtype="float64", na_value=np.nan)
    return values[np.isfinite(values)]


def _edges(values: np.ndarray, bins: int) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    return np.histogram_bin_edges(values, bins=bins, range=(low, high if high > low else low + 1))


def _comparable(old: np.ndarray, new: np.ndarray) -> bool:
    """True when the two value ranges overlap over at least half of the narrower one; a
    rescaled column (standardised, min-max) is not, and sharing bins would hide its shape."""
    overlap = min(old.max(), new.max()) - max(old.min(), new.min())
    narrower = min(old.max() - old.min(), new.max() - new.min())
    return bool(overlap >= 0.5 * narrower) if narrower > 0 else bool(overlap >= 0)


def histograms(before: pd.Series | None, after: pd.Series | None,
               bins: int = HISTOGRAM_BINS) -> tuple[Histogram | None, Histogram | None]:
    """Histograms of the two versions of a column over the same bin edges, or only the new
    version's over its own edges when the values were rescaled (see :func:`_comparable`)."""
    old, new = _numbers(before), _numbers(after)
    if before is not None and old.size and new.size and not _comparable(old, new):
        return None, Histogram(_edges(new, bins).tolist(),
                               np.histogram(new, bins=_edges(new, bins))[0].tolist())
    both = np.concatenate([old, new])
    if not both.size:
        return None, None
    edges = _edges(both, bins)

    def count(values: np.ndarray, series: pd.Series | None) -> Histogram | None:
        if series is None:
            return None
        return Histogram(edges.tolist(), np.histogram(values, bins=edges)[0].tolist())

    return count(old, before), count(new, after)


def _changed(before: pd.Series, after: pd.Series) -> bool:
    if len(before) != len(after) or before.dtype != after.dtype:
        return True
    return not before.reset_index(drop=True).equals(after.reset_index(drop=True))


def preview_recipe(store: Store, dataset: str | int | DatasetInfo, recipe: Recipe,
                   rows: int = 20, *, limit: int | None = 50_000,
                   ctx: JobContext | None = None) -> RecipePreview:
    """Run ``recipe`` on the first ``limit`` rows (all when None) and compare before/after;
    ``rows`` is the size of the row samples."""
    info = dataset if isinstance(dataset, DatasetInfo) else store.dataset(dataset)
    size = estimate(store, info, recipe, store_env(store))
    before = store.read_dataset(info.id, limit=limit)
    # every column, as shown before: each step's report then names all the columns it drops
    prepared = apply_recipe(store, info, recipe, ctx, limit=limit, columns=info.column_names)
    after = prepared.frame.drop(columns=[SPLIT_COLUMN])
    added = [c for c in after.columns if c not in before.columns]
    removed = [c for c in before.columns if c not in after.columns]
    changes = []
    for column in after.columns:
        if len(changes) >= MAX_HISTOGRAMS:
            break
        old = before[column] if column in before.columns else None
        if old is not None and not _changed(old, after[column]):
            continue
        old_histogram, new_histogram = histograms(old, after[column])
        if new_histogram is not None:
            changes.append(ColumnChange(str(column), old_histogram, new_histogram))
    return RecipePreview(
        before=summarize(before), after=summarize(prepared.frame),
        sample_before=before.head(rows), sample_after=prepared.frame.head(rows),
        added=added, removed=removed, changes=changes, steps=prepared.reports,
        warnings=prepared.warnings,
        limited=limit is not None and info.row_count > limit,
        size=size, refused=refusal(size, limits(store)),
    )
