"""Texts of the data side stay translatable: quarantine reasons, run titles and dataset notes keep
their English words in the store plus what is needed to translate them later, errors and
progress reports of imports and exports are Messages, and older stores upgrade in place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from iotfin_gui.core.errors import InputError, NotFoundError, StoreError, user_message
from iotfin_gui.core.ingest import Mapping, import_file, quarantine_count, quarantined_rows
from iotfin_gui.core.ingest.detect import sniff
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.reports import export_table
from iotfin_gui.core.reports.tables import leaderboard
from iotfin_gui.core.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from iotfin_gui.core.store import Store, message_columns, stored_message

MESSY = (b"device_id,time,v\n"
         b"A,2024-01-01 00:00:00,1\n"
         b"A,2024-01-01 01:00:00,1,extra\n"
         b"A,2024-01-01 02:00:00,abc\n"
         b",2024-01-01 03:00:00,1\n"
         b"A,2023-02-30 00:00:00,1\n"
         b"A,2024-01-01 00:00:00,7\n")


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "messy.csv"
    path.write_bytes(MESSY)
    return path


def test_quarantine_reasons_survive_the_store_with_template_and_values(store, messy) -> None:
    result = import_file(store, messy)
    frame = quarantined_rows(store, result.dataset_id)
    assert quarantine_count(store, result.dataset_id) == len(frame) == 5
    reasons = dict(zip(frame["line"], frame["reason"], strict=True))
    assert all(isinstance(r, Message) and r.context == "Core" for r in reasons.values())
    assert reasons[3].template == "expected {expected} fields, found {found}"
    assert reasons[3].params == {"expected": 3, "found": 4} and reasons[3] == \
        "expected 3 fields, found 4"
    assert reasons[4].template == "is not a number" and not reasons[4].params
    role = reasons[5].params["role"]
    assert reasons[5].template == "the required {role} is missing"
    assert isinstance(role, Message) and role.template == "device id"
    date_format = reasons[6].params["format"]
    assert isinstance(date_format, Message) and date_format.template == "ISO 8601"
    kept = reasons[7].params["kept"]
    assert reasons[7].params["device"] == "A" and kept.template == "the first was kept"
    # The stored text stays the English words, which exports and older readers use.
    stored = dict(store.conn.execute("SELECT line, reason FROM quarantine").fetchall())
    assert stored == {line: str(reason) for line, reason in reasons.items()}


def test_quarantine_export_writes_the_english_reasons(store, messy, tmp_path: Path) -> None:
    import_file(store, messy)
    out = tmp_path / "quarantine.csv"
    export_table(store, "quarantine", out, dataset="messy")
    text = out.read_text(encoding="utf-8-sig")
    assert "expected 3 fields, found 4" in text and "the required device id is missing" in text
    assert "{" not in text


def test_stored_message_rebuilds_nested_values_or_keeps_the_text() -> None:
    inner = QT_TRANSLATE_NOOP("Core", "device id")
    message = QT_TRANSLATE_NOOP("Core", "{count:,} rows miss the {role} ({share:.1%})").format(
        count=12345, role=inner, share=0.25)
    template, params = message_columns(message)
    again = stored_message(str(message), template, params)
    assert isinstance(again, Message) and again == "12,345 rows miss the device id (25.0%)"
    assert again.template == message.template and again.params["role"].template == "device id"
    assert message_columns("plain text") == (None, None)
    assert message_columns(QT_TRANSLATE_NOOP("Core", "no values")) == ("no values", None)
    # No template, words that no longer match, or damaged values: the English text as stored.
    assert type(stored_message("old reason", None, None)) is str
    assert type(stored_message("other words", template, params)) is str
    assert stored_message(str(message), template, "{not json") == str(message)
    assert type(stored_message(str(message), template, json.dumps({"count": 1}))) is str


def test_run_titles_and_dataset_notes_stay_translatable(store, tmp_path: Path) -> None:
    import pandas as pd

    note = QT_TRANSLATE_NOOP("Core", "Predictions of run {run} on {dataset}.").format(
        run=1, dataset="x")
    info = store.write_dataset("notes", pd.DataFrame({"a": [1]}), "table", source="test",
                               note=note)
    assert isinstance(info.note, Message) and info.note.params == {"run": 1, "dataset": "x"}
    plain = store.write_dataset("plain", pd.DataFrame({"a": [1]}), "table", source="test",
                                note="typed by hand")
    assert type(plain.note) is str and plain.note == "typed by hand"
    title = QT_TRANSLATE_NOOP("Core", "Forecast {days} days").format(days=7)
    run_id = store.record_run("forecast", title, started_at="2026-01-01T00:00:00Z",
                              duration_s=1.0, dataset_id=info.id)
    run = store.run(run_id)
    assert isinstance(run["title"], Message) and run["title"].params == {"days": 7}
    assert "title_template" not in run and "title_params" not in run
    [listed] = leaderboard(store)["title"]
    assert isinstance(listed, Message) and listed == "Forecast 7 days"
    out = tmp_path / "runs.csv"
    export_table(store, "runs", out)
    assert "Forecast 7 days" in out.read_text(encoding="utf-8-sig")


def test_a_version_1_store_upgrades_and_its_old_reasons_read_as_stored(tmp_path: Path,
                                                                       messy) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO datasets (id, name, kind, table_name, columns, source, note, "
                 "created_at) VALUES (1, 'old', 'table', 'ds_1', '[]', 'old.csv', "
                 "'an old note', '2024-01-01T00:00:00Z')")
    conn.execute("CREATE TABLE ds_1 (a INTEGER)")
    conn.execute("INSERT INTO imports (id, dataset_id, source_path, started_at, finished_at) "
                 "VALUES (1, 1, 'old.csv', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')")
    conn.execute("INSERT INTO quarantine (import_id, file, line, reason) "
                 "VALUES (1, 'old.csv', 2, 'is not a number')")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        [reason] = quarantined_rows(store, 1)["reason"]
        assert type(reason) is str and reason == "is not a number"
        assert type(store.dataset("old").note) is str
        result = import_file(store, messy)
        assert all(isinstance(r, Message)
                   for r in quarantined_rows(store, result.dataset_id)["reason"])
        migrated = store.conn.execute(
            "SELECT detail FROM audit_log WHERE action = 'store.migrate'").fetchone()[0]
        assert json.loads(migrated) == {"from_version": 1, "to_version": SCHEMA_VERSION}


def test_import_progress_and_warnings_are_messages(store, tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("device_id,time,v\nA,2024-01-01 00:00:00.5,1\nA,2024-01-01 00:00:00,2\n")
    reports: list[tuple[float | None, str]] = []
    ctx = JobContext(lambda fraction, message: reports.append((fraction, message)),
                     min_interval=0.0)
    result = import_file(store, path, ctx=ctx)
    assert reports and all(isinstance(message, Message) for _, message in reports)
    assert reports[-1][1].template == "Imported {rows:,} rows"
    templates = {w.template for w in result.warnings}
    assert templates == {
        "times have fractions of a second; the store keeps whole seconds, so they were cut "
        "to the second.",
        "{count} rows repeat a (device, time) of another row; policy {policy}: see the "
        "quarantine."}


def test_export_progress_names_the_table_by_its_title(demo, tmp_path: Path) -> None:
    # A private copy: an export is recorded in the store, and the shared demo is never changed.
    reports: list[str] = []
    ctx = JobContext(lambda fraction, message: reports.append(message), min_interval=0.0)
    export_table(demo, "dataset", tmp_path / "registry.csv", dataset="demo_atm_registry",
                 ctx=ctx)
    assert reports[0].template == "Exporting {table}"
    assert reports[0].params["table"].template == "Dataset"


@pytest.mark.parametrize(("make", "template"), [
    (lambda store, tmp: sniff(tmp / "missing.csv"), "the file does not exist."),
    (lambda store, tmp: Mapping("telemetry", ()).check(), "no column is selected for import."),
    (lambda store, tmp: store.dataset("nope"), "There is no dataset {dataset!r} in the store."),
    (lambda store, tmp: export_table(store, "nope", tmp / "x.csv"),
     "There is no exportable table {table!r}; choose one of {tables}."),
    (lambda store, tmp: export_table(store, "dataset", tmp / "x.csv"),
     "the {table} table needs a {needs} ({options})"),
    (lambda store, tmp: Store.open(tmp), "{path} is a folder, not a store file."),
])
def test_errors_of_the_data_side_are_translatable(store, tmp_path: Path, make,
                                                  template) -> None:
    with pytest.raises((InputError, NotFoundError, StoreError)) as caught:
        make(store, tmp_path)
    message = user_message(caught.value)
    assert isinstance(message, Message)
    located = message.params.get("message", message)  # InputError may add "file …: "
    assert located.template == template and located.context == "Core"
