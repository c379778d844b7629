"""The classes of a classification target and which one is the positive class.

A two-class target is scored for its *positive* class: the event the analyst wants flagged
(a default, a failure, fraud). :func:`default_positive` picks it when the analyst does not: the
one class named like an event (``1``, ``true``, ``yes``, ``bad``, ``default``, ``failure``...),
else the rarer class. :func:`target_classes` lists a stored column's classes with their counts
(reading that one column, so the Models panel can offer the choice).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from iotfin_gui.core.store import Store

#: Class names read as the event of a two-class target (compared lower-cased).
EVENT_NAMES = frozenset({"1", "true", "yes", "y", "bad", "default", "defaulted", "fail",
                         "failed", "failure", "fraud", "churn", "churned", "positive"})
#: The most classes :func:`target_classes` lists (a classification target has at most 50).
MAX_CLASSES = 51


def default_positive(counts: Mapping[Any, int]) -> Any:
    """The positive class of a two-class target given each class's row count: the only class
    named like an event (:data:`EVENT_NAMES`), else the rarer class (the first on a tie)."""
    events = [c for c in counts if str(c).strip().lower() in EVENT_NAMES]
    if len(events) == 1:
        return events[0]
    return min(counts, key=lambda c: counts[c])


def target_classes(store: Store, dataset: str | int, target: str) -> dict[Any, int]:
    """The non-missing values of column ``target`` of ``dataset`` with their row counts, most
    frequent first (at most :data:`MAX_CLASSES`), typed as training reads them; empty when the
    dataset has no such column."""
    if target not in store.dataset(dataset).column_names:
        return {}
    counts = store.read_dataset(dataset, columns=[target])[target].value_counts()
    return {plain_value(value): int(count) for value, count in counts.head(MAX_CLASSES).items()}


def plain_value(value: Any) -> Any:
    """A NumPy scalar as the Python value (JSON-able, as runs record classes)."""
    return value.item() if hasattr(value, "item") else value
