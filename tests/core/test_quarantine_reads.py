"""A dataset's quarantined rows are read through indexes: the Data panel's Quarantine tab asks for
the first rows of one dataset on the GUI thread, and that must not scan the rows other imports set
aside (SQLite's plan is checked, not a time)."""

from __future__ import annotations

import pandas as pd

from iotfin_gui.core.ingest.importer import quarantine_count, quarantined_rows
from iotfin_gui.core.store import Store


def _plan(store: Store, sql: str) -> str:
    return " | ".join(row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", [1]))


def test_the_quarantine_of_one_dataset_is_searched_not_scanned(tmp_path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        ids = [store.write_dataset(name, pd.DataFrame({"x": [1]}), "table", source="t").id
               for name in ("big", "small")]
        with store.atomic():
            for dataset_id in ids:
                store.conn.execute("INSERT INTO imports (dataset_id, source_path, started_at, "
                                   "finished_at) VALUES (?, 'f.csv', 'now', 'now')", [dataset_id])
            store.conn.executemany(
                "INSERT INTO quarantine (import_id, file, line, column_name, raw, reason) "
                "VALUES (?, 'f.csv', ?, 'x', 'raw', 'bad')",
                [(1, 5000 - line) for line in range(5000)] + [(2, line) for line in (9, 3, 7)])
        assert quarantine_count(store, ids[1]) == 3
        assert quarantined_rows(store, ids[1])["line"].tolist() == [3, 7, 9]
        first = quarantined_rows(store, ids[0], limit=4)
        assert first["line"].tolist() == [1, 2, 3, 4]
        for sql in ("SELECT count(*) FROM quarantine q JOIN imports i ON q.import_id = i.id "
                    "WHERE i.dataset_id = ?",
                    "SELECT q.line FROM quarantine q JOIN imports i ON q.import_id = i.id "
                    "WHERE i.dataset_id = ? ORDER BY q.import_id, q.line, q.id LIMIT 10"):
            plan = _plan(store, sql)
            assert "SEARCH i USING" in plan and "SEARCH q USING" in plan, plan
            assert "SCAN" not in plan, plan
