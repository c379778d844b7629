"""Display names of the models a run used, whatever kind of run it is.

A training run names its model by the Models registry's key (``random_forest``) and a forecast
run by the forecast model's key (``ml``, ``seasonal_naive``); the analyst reads neither.
:func:`run_model_label` gives the translatable display name (a :class:`Message`) for both, for
tables, reports and the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from iotfin_gui.core.messages import Message


def run_model_label(kind: str, params: Mapping[str, Any]) -> Message | str | None:
    """The display name of the model of a run of ``kind`` with ``params``: a forecast's chosen
    model, a training run's model; None when the run has no model."""
    name = params.get("chosen") or params.get("model")
    if not name:
        return None
    if kind == "train":
        from iotfin_gui.core.models.specs import model_label

        return model_label(str(params.get("task")), str(name))
    if kind == "forecast":
        from iotfin_gui.core.forecast.backtest import model_label as forecast_label

        return forecast_label(str(name))
    return str(name)
