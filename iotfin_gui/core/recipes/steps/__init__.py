"""The registry of step types, in the order the Preprocess panel lists them."""

from __future__ import annotations

from iotfin_gui.core.recipes.steps import features, learned, rows, series, splits
from iotfin_gui.core.recipes.steps.base import Env, StepType

#: name -> step type, for every step a recipe can hold.
STEP_TYPES: dict[str, StepType] = {
    step.name: step
    for module in (rows, series, features, learned, splits)
    for step in module.STEPS
}

__all__ = ["STEP_TYPES", "Env", "StepType"]
