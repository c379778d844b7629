"""The set-up form's "Train runs N model(s), about T" line follows the CV scheme: a hold-out or
time-series CV chooses each fold's threshold with an inner CV (two more fits per fold), k-fold
schemes take it from the other folds."""

from __future__ import annotations

import re

from iotfin_gui.ui.models.setup_form import SetupForm
from tests.core.models_fixtures import classification_frame


def _seconds(text: str) -> int:
    """Seconds of the first h:mm:ss or m:ss clock in ``text``."""
    found = re.search(r"(\d+(?::\d\d)+)", text)
    assert found, text
    seconds = 0
    for part in found.group(1).split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


def test_the_estimate_follows_the_cv_scheme(qtbot, store):
    store.write_dataset("apps", classification_frame(rows=6_000), "table",
                        roles={"bad": "label"}, source="test")
    form = SetupForm(store)
    qtbot.addWidget(form)
    form.refresh()
    form.dataset_box.setCurrentText("apps")
    assert form.cv_box.currentData() == "stratified"
    kfold = form.estimate_label.text()
    assert "about" in kfold
    form.cv_box.setCurrentIndex(form.cv_box.findData("holdout"))
    holdout = form.estimate_label.text()
    assert _seconds(holdout) > 2 * _seconds(kfold)
