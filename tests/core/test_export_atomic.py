"""Atomic exports: cancel, disk full, existing paths, missing tables; exports and audit rows."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from iotfin_gui.core import outputs
from iotfin_gui.core.errors import JobCancelled, NotFoundError, UserFacingError
from iotfin_gui.core.jobs import JobContext, JobSpec, run_inline
from iotfin_gui.core.reports import ExportOptions, export_job, export_table


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def exports_count(store) -> int:
    return store.conn.execute("SELECT count(*) FROM exports").fetchone()[0]


def test_export_is_recorded_with_the_file_hash(demo, out) -> None:
    before = demo.conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    result = export_table(demo, "dataset", out / "w.csv", dataset="demo_withdrawals")
    row = dict(next(iter(demo.db.query("SELECT * FROM exports"))))
    assert row["what"] == "dataset" and row["dataset_id"] == demo.dataset("demo_withdrawals").id
    assert row["path"] == str(out / "w.csv") and row["row_count"] == 960 == result.rows
    assert row["encoding"] == "utf-8-sig"
    assert row["sha256"] == hashlib.sha256((out / "w.csv").read_bytes()).hexdigest()
    assert json.loads(row["masking"])["card_scan"] is True
    audit = demo.conn.execute("SELECT action, detail FROM audit_log WHERE id > ?",
                              [before]).fetchall()
    assert [a for a, _ in audit] == ["export.write"]
    assert json.loads(audit[0][1])["sha256"] == row["sha256"]
    forecast = export_table(demo, "forecast", out / "f.csv", run_id=1)
    assert forecast.run_id == 1 and forecast.rows == 56
    assert demo.conn.execute("SELECT run_id FROM exports WHERE id = ?",
                             [forecast.export_id]).fetchone()[0] == 1


def test_cancel_mid_export_leaves_no_file_and_no_record(demo, out) -> None:
    checks = {"n": 0}

    def cancel_after_some_rows() -> bool:
        checks["n"] += 1
        return checks["n"] > 4

    ctx = JobContext(cancel_requested=cancel_after_some_rows)
    with pytest.raises(JobCancelled):
        export_table(demo, "dataset", out / "w.csv", dataset="demo_withdrawals",
                     options=ExportOptions(chunk_rows=100), ctx=ctx)
    assert checks["n"] == 5, "cancelled after 3 chunks of 100 rows were written"
    assert list(out.iterdir()) == [] and exports_count(demo) == 0


def test_disk_full_is_a_clear_error_and_leaves_nothing(demo, out, monkeypatch) -> None:
    written = {"n": 0}
    original = outputs.OutputFile.write

    def failing_write(self, data: bytes) -> None:
        written["n"] += 1
        if written["n"] > 2:
            self._handle.write = _raise_enospc
        original(self, data)

    monkeypatch.setattr(outputs.OutputFile, "write", failing_write)
    with pytest.raises(UserFacingError, match=r"Not enough disk space to write .*w\.csv"):
        export_table(demo, "dataset", out / "w.csv", dataset="demo_withdrawals",
                     options=ExportOptions(chunk_rows=100))
    assert list(out.iterdir()) == [] and exports_count(demo) == 0


def _raise_enospc(data: bytes) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_existing_path_is_refused_unless_forced(demo, out) -> None:
    target = out / "w.csv"
    target.write_text("keep me")
    with pytest.raises(UserFacingError, match=r"already exists.*--force"):
        export_table(demo, "runs", target)
    assert target.read_text() == "keep me" and exports_count(demo) == 0
    export_table(demo, "runs", target, options=ExportOptions(force=True))
    assert target.read_text(encoding="utf-8-sig").startswith("run_id,")
    assert [p.name for p in out.iterdir()] == ["w.csv"]


def test_bad_destinations_and_missing_things(demo, out) -> None:
    with pytest.raises(UserFacingError, match="does not exist"):
        export_table(demo, "runs", out / "missing" / "w.csv")
    with pytest.raises(UserFacingError, match="is a folder"):
        export_table(demo, "runs", out)
    with pytest.raises(NotFoundError, match="no exportable table 'nope'"):
        export_table(demo, "nope", out / "w.csv")
    with pytest.raises(NotFoundError, match="no dataset 'nope'"):
        export_table(demo, "dataset", out / "w.csv", dataset="nope")
    with pytest.raises(NotFoundError, match="no run 99"):
        export_table(demo, "forecast", out / "w.csv", run_id=99)
    with pytest.raises(UserFacingError, match="needs a dataset"):
        export_table(demo, "dataset", out / "w.csv")
    assert list(out.iterdir()) == [] and exports_count(demo) == 0


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can write into read-only folders")
def test_read_only_folder_is_refused(demo, out) -> None:
    out.chmod(0o500)
    try:
        with pytest.raises(UserFacingError, match="not writable"):
            export_table(demo, "runs", out / "w.csv")
    finally:
        out.chmod(0o700)


def test_export_job_runs_inline(demo_db, out) -> None:
    spec = JobSpec.of("Export", export_job, db_path=str(demo_db), table="fleet_status",
                      out=str(out / "fleet.csv"), encoding="utf-8")
    summary = run_inline(spec)
    assert summary["rows"] == 8 and summary["encoding"] == "utf-8"
    frame = pd.read_csv(out / "fleet.csv")
    assert list(frame.columns[:3]) == ["as_of", "device_id", "name"]
    assert set(frame["status"]) <= {"ok", "offline", "fault", "low_cash", "cash_out"}
