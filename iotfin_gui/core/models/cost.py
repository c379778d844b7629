"""Expected cost under a cost matrix and the cost-minimising decision threshold.

A false positive (flagging a good case) costs ``cost_fp``; a false negative (missing a bad
case) costs ``cost_fn``; correct decisions cost nothing. The threshold on the predicted
probability of the positive class is chosen on *validation* rows (an inner split of the
training fold), never on the rows it is scored on.
"""

from __future__ import annotations

import numpy as np

#: Thresholds tried (besides the Bayes cut-off ``cost_fp / (cost_fp + cost_fn)``).
THRESHOLD_GRID = np.round(np.linspace(0.01, 0.99, 99), 2)


def average_cost(y_true: np.ndarray, positive: np.ndarray, cost_fp: float,
                 cost_fn: float) -> float:
    """Mean cost per row of the 0/1 decisions ``positive`` against 0/1 truth ``y_true``."""
    y_true, positive = np.asarray(y_true, bool), np.asarray(positive, bool)
    false_pos = np.sum(positive & ~y_true)
    false_neg = np.sum(~positive & y_true)
    return float((cost_fp * false_pos + cost_fn * false_neg) / max(len(y_true), 1))


def cost_curve(y_true: np.ndarray, score: np.ndarray, cost_fp: float, cost_fn: float,
               thresholds: np.ndarray = THRESHOLD_GRID) -> tuple[np.ndarray, np.ndarray]:
    """Average cost at each threshold (flag a row when ``score >= threshold``)."""
    y = np.asarray(y_true, bool)
    score = np.asarray(score, float)
    flagged = score[None, :] >= np.asarray(thresholds)[:, None]
    false_pos = (flagged & ~y).sum(axis=1)
    false_neg = (~flagged & y).sum(axis=1)
    costs = (cost_fp * false_pos + cost_fn * false_neg) / max(len(y), 1)
    return np.asarray(thresholds, float), costs.astype(float)


def bayes_threshold(cost_fp: float, cost_fn: float) -> float:
    """The cut-off that minimises expected cost for calibrated probabilities."""
    return float(cost_fp / (cost_fp + cost_fn))


def best_threshold(y_true: np.ndarray, score: np.ndarray, cost_fp: float,
                   cost_fn: float) -> float:
    """The threshold with the lowest average cost on these (validation) rows.

    Ties go to the threshold closest to the Bayes cut-off, so flat cost curves on small
    validation sets do not push the threshold to an extreme."""
    bayes = bayes_threshold(cost_fp, cost_fn)
    grid = np.union1d(THRESHOLD_GRID, [bayes])
    thresholds, costs = cost_curve(y_true, score, cost_fp, cost_fn, grid)
    lowest = np.flatnonzero(np.isclose(costs, costs.min()))
    return float(thresholds[lowest[np.argmin(np.abs(thresholds[lowest] - bayes))]])
