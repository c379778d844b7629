"""Tables show counts and money for people: grouped, whatever the integer type, right-aligned."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QLocale, Qt

from iotfin_gui.ui.table_model import DataFrameModel, display_text

pytestmark = pytest.mark.gui


def test_counts_and_money_are_grouped_in_english_and_chinese() -> None:
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    for locale in (english, chinese):
        assert display_text(np.int64(43133), locale) == "43,133"
        assert display_text(43133, locale) == "43,133"
        assert display_text(np.float64(1234567.891), locale) == "1,234,567.89"
        assert display_text(2.3, locale) == "2.30" and display_text(109000.0, locale) == "109,000"
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert display_text(np.float64(1234.5), german) == "1.234,50"
    assert display_text(np.bool_(True), english) == "True" and display_text(np.nan, english) == ""


def test_integer_columns_are_right_aligned(qapp) -> None:
    model = DataFrameModel(pd.DataFrame({"rows": np.array([43133], dtype="int64"),
                                         "flag": [True]}))
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.data(model.index(0, 0)) == "43,133"
