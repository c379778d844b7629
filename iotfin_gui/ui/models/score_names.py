"""How a score reads on screen: its metric, what it was measured on and, for the scores a
decision threshold changes, that they were taken at the run's threshold. Texts are translated
in the "ModelScores" context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from iotfin_gui.core.models import METRIC_LABELS
from iotfin_gui.ui.i18n import translated

#: Two-class scores that depend on the decision threshold (flagged or not).
AT_THRESHOLD = frozenset({"accuracy", "balanced_accuracy", "precision", "recall", "f1",
                          "expected_cost"})


def metric_name(metric: str) -> str:
    """The metric's display name (``neg_rmse``, the search's score, reads as negated RMSE)."""
    if metric == "neg_rmse":
        return QCoreApplication.translate("ModelScores", "−RMSE")
    return translated(METRIC_LABELS.get(metric, metric))


def cv_header(metric: str, *, two_class: bool = True) -> str:
    """A leaderboard column of cross-validated means, e.g. ``ROC AUC (CV)`` or ``F1 at
    threshold (CV)``; the applied threshold is the kept model's."""
    if metric == "threshold":
        return QCoreApplication.translate("ModelScores", "Threshold applied")
    if two_class and metric in AT_THRESHOLD:
        text = QCoreApplication.translate("ModelScores", "%1 at threshold (CV)")
    else:
        text = QCoreApplication.translate("ModelScores", "%1 (CV)")
    return text.replace("%1", metric_name(metric))


def test_header(metric: str) -> str:
    """A leaderboard column of the recipe's hold-out rows, e.g. ``ROC AUC (test rows)``."""
    return QCoreApplication.translate(
        "ModelScores", "%1 (test rows)").replace("%1", metric_name(metric))


def inner_header(metric: str, inner_cv: str) -> str:
    """A search candidate's score, e.g. ``ROC AUC (inner stratified 3 CV)``."""
    if not inner_cv:
        text = QCoreApplication.translate("ModelScores", "%1 (search CV)")
        return text.replace("%1", metric_name(metric))
    return QCoreApplication.translate(
        "ModelScores", "%1 (inner %2 CV)").replace("%1", metric_name(metric)).replace(
        "%2", inner_cv)

