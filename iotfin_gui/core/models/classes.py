"""The classes of a classification target and which one is the positive class.

A two-class target is scored for its *positive* class: the event the analyst wants flagged
(a default, a failure, fraud). :func:`default_positive` picks it when the analyst does not:
``1`` of 0/1 and ``true`` of false/true, else the one class named like an event (``yes``,
``bad``, ``default``, ``failure``...), else the rarer class. :func:`target_classes` lists a
stored column's classes with their counts (reading that one column, so the Models panel can
offer the choice). :func:`default_task` says which task a target calls for: classification
for a column of few classes, regression for a measure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from iotfin_gui.core.store import Store, quote

#: Class names read as the event of a two-class target (compared lower-cased); ``1`` and
#: ``true`` only against ``0`` and ``false`` (German credit codes good/bad as 1/2).
EVENT_NAMES = frozenset({"yes", "y", "bad", "default", "defaulted", "fail", "failed", "failure",
                         "fraud", "churn", "churned", "positive"})
#: Two-class codings whose positive class is plain: ``1`` of 0/1, ``true`` of false/true.
CODED_POSITIVE = {frozenset({"0", "1"}): "1", frozenset({"false", "true"}): "true"}
#: The most classes :func:`target_classes` lists (a classification target has at most 50).
MAX_CLASSES = 51
#: The most distinct values of a number column that :func:`default_task` reads as classes.
FEW_CLASSES = 10


def is_event_name(value: Any) -> bool:
    return str(value).strip().lower() in EVENT_NAMES


def default_positive(counts: Mapping[Any, int]) -> Any:
    """The positive class of a two-class target given each class's row count (see
    :func:`positive_and_reason`)."""
    return positive_and_reason(counts)[0]


def positive_and_reason(counts: Mapping[Any, int]) -> tuple[Any, str]:
    """The default positive class and why: ``coded`` (``1`` of 0/1, ``true`` of false/true),
    ``event`` (the only class named like an event, :data:`EVENT_NAMES`) or ``rarer`` (the
    rarer class, the first on a tie)."""
    names = {str(c).strip().lower(): c for c in counts}
    coded = CODED_POSITIVE.get(frozenset(names))
    if coded is not None:
        return names[coded], "coded"
    events = [c for c in counts if is_event_name(c)]
    if len(events) == 1:
        return events[0], "event"
    return min(counts, key=lambda c: counts[c]), "rarer"


def target_classes(store: Store, dataset: str | int, target: str) -> dict[Any, int]:
    """The non-missing values of column ``target`` of ``dataset`` with their row counts, most
    frequent first (at most :data:`MAX_CLASSES`), typed as training reads them; empty when the
    dataset has no such column. Counted by one DuckDB query over the dataset's files: the set-up
    form asks on every dataset or target change, so the column is never loaded for it."""
    if target not in store.dataset(dataset).column_names:
        return {}
    column = quote(target)
    counts = store.query_dataset_frame(
        dataset, f"SELECT {column}, count(*) AS rows_of_value FROM data WHERE {column} IS NOT NULL "
        f"GROUP BY {column} ORDER BY rows_of_value DESC, {column} LIMIT {MAX_CLASSES}")
    return {plain_value(value): int(count)
            for value, count in zip(counts[target], counts["rows_of_value"], strict=True)}


def default_task(kind: str, counts: Mapping[Any, int]) -> str:
    """The task a target of logical type ``kind`` whose values have ``counts`` rows calls for:
    ``regression`` for a measure (numbers with fractions, or more than :data:`FEW_CLASSES`
    distinct numbers, or a number held by a single row, which no classifier can
    cross-validate), else ``classification`` (texts, true/false, a few codes such as 0/1)."""
    if kind not in ("integer", "float") or not counts:
        return "classification"
    if len(counts) > FEW_CLASSES or min(counts.values()) < 2:
        return "regression"
    fractions = kind == "float" and any(not float(value).is_integer() for value in counts)
    return "regression" if fractions else "classification"


def plain_value(value: Any) -> Any:
    """A NumPy scalar as the Python value (JSON-able, as runs record classes)."""
    return value.item() if hasattr(value, "item") else value
