"""How a run was tuned: nested or not, the inner CV, the candidates of the final search (each
with its score named, e.g. ``ROC AUC (inner stratified 3 CV)``) and the parameters each outer
fold chose."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from iotfin_gui.core.model_names import SEARCH_LABELS, describe_cv
from iotfin_gui.ui.i18n import translated
from iotfin_gui.ui.models.score_names import inner_header
from iotfin_gui.ui.models.table_pair import TablePair
from iotfin_gui.ui.table_model import DataFrameModel


def params_text(params: dict[str, Any] | None) -> str:
    """Estimator parameters as ``name=value, ...`` (names and values are data)."""
    return ", ".join(f"{name}={json.dumps(value)}" for name, value in (params or {}).items())


class SearchView(TablePair):
    """The search of one run: what it says, its candidates (left) and each outer fold's
    chosen parameters (right)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.candidates_model = DataFrameModel()
        self.folds_model = DataFrameModel()
        super().__init__(self.candidates_model, self.folds_model, parent)
        self.candidates_model.setParent(self)
        self.folds_model.setParent(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)

    def show_run(self, run_label: str, params: dict[str, Any]) -> None:
        """The search of the run ``run_label`` with stored parameters ``params``."""
        results = params.get("search_results") or {}
        candidates = results.get("candidates") or []
        inner = params.get("inner_cv") or {}
        inner_label = (translated(describe_cv(str(inner["scheme"]), int(inner["folds"]), 1))
                       if inner else "")
        score = inner_header(str(results.get("metric") or "roc_auc"), inner_label)
        self.candidates_model.set_frame(pd.DataFrame(
            [{"params": params_text(c.get("params")),
              **{k: v for k, v in c.items() if k != "params"}} for c in candidates]),
            {"score": score, "params": self.tr("Parameters")})
        folds = params.get("fold_params") or []
        self.folds_model.set_frame(pd.DataFrame(
            [{"repeat": f["repeat"] + 1, "fold": f["fold"] + 1,
              "params": params_text(f["params"]), "inner_score": f.get("inner_score")}
             for f in folds]),
            {"repeat": self.tr("Repeat"), "fold": self.tr("Outer fold"),
             "params": self.tr("Chosen parameters"), "inner_score": score})
        self.fit_columns()
        if params.get("task") == "clustering" or not candidates:
            text = self.tr("%1 was not tuned: it was trained with its default parameters.")
        elif params.get("nested"):
            text = self.tr(
                "%1: nested %2 search. Its leaderboard scores come from the outer folds; in each "
                "outer fold the search saw only that fold's training rows (inner CV %3; right: "
                "the parameters each outer fold chose). The saved model was tuned on all rows "
                "(left: its candidates, scored by the inner CV, so the best score is optimistic) "
                "and refitted on all rows.")
        else:
            text = self.tr("%1: %2 search, not nested (trained before nested searches): its "
                           "scores come from the folds the search chose on, so they are "
                           "optimistic.")
        search = SEARCH_LABELS.get(str(params.get("search")))
        self.label.setText(text.replace("%1", run_label)
                           .replace("%2", translated(search) if search else "")
                           .replace("%3", inner_label))
