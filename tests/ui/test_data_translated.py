"""The data side in another language: quarantine reasons stored in English are shown translated,
and the import dialog, the export dialog and the quarantine view leave no English text on
screen once every text has a translation (a pseudo translation marks each one)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import Qt, QTranslator
from test_zh_cn_interface import ALLOWED, english_left, texts_of

from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.reports import export_table
from iotfin_gui.ui.export_dialog import ExportDialog
from iotfin_gui.ui.import_dialog import ImportDialog
from iotfin_gui.ui.quarantine_view import QuarantineView

pytestmark = pytest.mark.gui

WAIT = 30_000
MESSY = ("device_id,time,v\n"
         "A,2024-01-01 00:00:00,1\n"
         "A,2024-01-01 01:00:00,1,extra\n"
         "A,2024-01-01 02:00:00,abc\n"
         ",2024-01-01 03:00:00,1\n"
         "A,2023-02-30 00:00:00,1\n")
_PLACEHOLDER = re.compile(r"%\d|%n|\{[^{}]*\}|<[^>]+>")


class DictionaryTranslator(QTranslator):
    """Translates the (context, English text) pairs it is given, nothing else."""

    def __init__(self, texts: dict[tuple[str, str], str]) -> None:
        super().__init__()
        self.texts = texts

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return self.texts.get((context, source))

    def isEmpty(self) -> bool:
        return False


class PseudoTranslator(QTranslator):
    """Every text "translated": 中文 followed by the English text's placeholders and tags."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return "中文" + "".join(f" {part}" for part in _PLACEHOLDER.findall(source))

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def install(qapp):
    """Installs translators for one test and removes them afterwards."""
    installed: list[QTranslator] = []

    def add(translator: QTranslator) -> None:
        assert qapp.installTranslator(translator)
        installed.append(translator)

    yield add
    for translator in installed:
        qapp.removeTranslator(translator)


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "messy.csv"
    path.write_text(MESSY)
    return path


def test_quarantine_reasons_are_stored_in_english_and_shown_translated(
        qtbot, store, messy, tmp_path: Path, install) -> None:
    result = import_file(store, messy)
    install(DictionaryTranslator({
        ("Core", "is not a number"): "不是数字",
        ("Core", "expected {expected} fields, found {found}"):
            "应有 {expected} 个字段，实有 {found} 个",
        ("Core", "the required {role} is missing"): "缺少必需的{role}",
        ("Core", "device id"): "设备编号",
        ("QuarantineView", "Reason"): "原因",
    }))
    view = QuarantineView(store)
    qtbot.addWidget(view)
    assert view.show_dataset(result.dataset_id) == 4
    model = view.model
    column = list(model.frame.columns).index("reason")
    shown = {model.data(model.index(row, 1)): model.data(model.index(row, column))
             for row in range(model.rowCount())}
    assert shown == {"3": "应有 3 个字段，实有 4 个", "4": "不是数字", "5": "缺少必需的设备编号",
                     "6": "is not a valid date/time in the column's format (ISO 8601)"}
    assert model.headerData(column, Qt.Orientation.Horizontal) == "原因"
    stored = [r for (r,) in store.conn.execute("SELECT reason FROM quarantine ORDER BY line")]
    assert stored[:3] == ["expected 3 fields, found 4", "is not a number",
                          "the required device id is missing"]
    out = tmp_path / "quarantine.csv"
    export_table(store, "quarantine", out, dataset=result.dataset)
    written = out.read_text(encoding="utf-8-sig")
    assert "is not a number" in written and "不是数字" not in written


def english_on_screen(widget, allowed: set[str]) -> dict[str, list[str]]:
    return {f"{where}: {text[:80]!r}": words for where, text in texts_of(widget)
            if (words := english_left(text, allowed))}


def test_import_export_and_quarantine_leave_no_english_under_a_translation(
        qtbot, store, runner, messy, tmp_path: Path, install) -> None:
    install(PseudoTranslator())
    allowed = ALLOWED | {"messy", "device_id", "time", "v", "customer_name", "phone",
                         "customers"}

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    dialog = ImportDialog(store, runner, empty)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.preview_failed, timeout=WAIT) as failed:
        pass
    assert failed.args[0].startswith("中文") and "empty.csv" in failed.args[0]
    assert dialog.status_label.text() == failed.args[0]
    assert not english_on_screen(dialog, allowed)

    dialog.set_path(messy)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        pass
    reasons = dialog.rejects_model.frame["reason"].tolist()
    assert len(reasons) == 4 and all(r.startswith("中文") for r in reasons)
    assert not english_on_screen(dialog, allowed)
    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT) as finished:
        dialog.start_import()
    assert finished.args == ["imported"]
    assert dialog.status_label.text().startswith("中文")
    assert not english_on_screen(dialog, allowed)

    view = QuarantineView(store)
    qtbot.addWidget(view)
    view.show_dataset(store.dataset("messy").id)
    assert all(r.startswith("中文") for r in view.model.frame["reason"])
    assert not english_on_screen(view, allowed)

    store.write_dataset("customers", pd.DataFrame({"customer_name": ["张三"],
                                                   "phone": ["13812345678"]}),
                        "table", source="test")
    export = ExportDialog(store, runner, "dataset", dataset="customers", what="customers")
    qtbot.addWidget(export)
    export.show()
    assert export.handling() == {"customer_name": "mask", "phone": "mask"}
    assert not english_on_screen(export, allowed)
    export.set_path(tmp_path / "customers.csv")
    with qtbot.waitSignal(export.exported, timeout=WAIT):
        assert export.start_export()
    assert export.status.text().startswith("中文")
    assert not english_on_screen(export, allowed)
