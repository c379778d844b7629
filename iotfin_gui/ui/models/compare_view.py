"""The diff of two runs: the parameters that differ and every score of both, with which is
better; each score named by its metric and scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtWidgets import QWidget

from iotfin_gui.core.model_names import model_label
from iotfin_gui.core.models import diff_runs
from iotfin_gui.ui.i18n import translated
from iotfin_gui.ui.models.leaderboard import LeaderboardModel
from iotfin_gui.ui.models.score_names import metric_name
from iotfin_gui.ui.models.table_pair import TablePair
from iotfin_gui.ui.table_model import DataFrameModel

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store


class CompareView(TablePair):
    """Parameters (left) and metrics (right) of runs A and B."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.params_model = DataFrameModel()
        self.metrics_model = LeaderboardModel()
        super().__init__(self.params_model, self.metrics_model, parent)
        self.params_model.setParent(self)
        self.metrics_model.setParent(self)
        self.clear()

    def clear(self) -> None:
        self.params_model.set_frame(pd.DataFrame())
        self.metrics_model.set_frame(pd.DataFrame())
        self.label.setText(self.tr("Select two runs (Ctrl+click) to compare their parameters "
                                   "and metrics."))

    def show_runs(self, store: Store, a: int, b: int, label_a: str, label_b: str) -> None:
        """The diff of runs ``a`` and ``b`` (shown as ``label_a`` and ``label_b``)."""
        diff = diff_runs(store, a, b)
        params = diff["params"].astype(str).replace("None", "")
        task = str(store.run(a)["params"].get("task"))
        for side in ("a", "b"):  # models by their display names, not their keys
            params[side] = [translated(model_label(task, value)) if key == "model" else value
                            for key, value in zip(params["key"], params[side], strict=True)]
        self.params_model.set_frame(params, {"key": self.tr("Parameter"), "a": label_a,
                                             "b": label_b})
        # The folds' mean threshold is left out: the applied one is a parameter (left).
        metrics = diff["metrics"].loc[diff["metrics"]["name"] != "threshold"].copy()
        scopes = {"": self.tr("cross-validated"), "test": self.tr("test rows"),
                  "time": self.tr("seconds")}
        metrics["scope"] = pd.Series([scopes.get(s, s) for s in metrics["scope"]], dtype=object)
        metrics["name"] = pd.Series([metric_name(n) for n in metrics["name"]], dtype=object)
        metrics["b_better"] = metrics["b_better"].map(
            {True: self.tr("yes"), False: self.tr("no")}).fillna("")
        self.metrics_model.set_frame(
            metrics, {"scope": self.tr("Scope"), "name": self.tr("Metric"), "a": label_a,
                      "b": label_b, "difference": self.tr("b − a"),
                      "b_better": self.tr("b better")})
        self.label.setText(self.tr("<b>A</b> = %1, <b>B</b> = %2: %n parameter(s) differ.", "",
                                   len(diff["params"]))
                           .replace("%1", label_a).replace("%2", label_b))
        self.fit_columns()
