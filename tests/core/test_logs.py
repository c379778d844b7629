"""The log file: where it goes, what the job pool and the CLI write to it, crash reports."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sample_jobs

from iotfin_gui.core import logs
from iotfin_gui.core.jobs import JobPool, JobSpec

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A fresh log folder and file handler for the test; removed afterwards."""
    folder = tmp_path / "logs"
    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(folder))
    monkeypatch.setattr(logs, "_file_handler", None)
    yield folder
    handler = logs._file_handler
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()


def read_log(folder: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (folder / logs.LOG_FILE).read_text(encoding="utf-8")


def test_a_log_file_that_cannot_be_written_warns_once_without_tracebacks(
        log_folder: Path, capsys: pytest.CaptureFixture) -> None:
    """Under a file-size limit or on a full disk, each record used to print a 'Logging error'
    traceback on stderr, burying the job's own message."""
    logs.setup_logging()

    class FullDisk:
        def write(self, text: str) -> None:
            raise OSError(27, "File too large")

        def flush(self) -> None:
            pass

        def seek(self, offset: int, whence: int = 0) -> int:
            return 0

        def tell(self) -> int:
            return 0

    logs._file_handler.stream = FullDisk()
    for number in range(3):
        logging.getLogger("iotfin.test").warning("record %d", number)
    err = capsys.readouterr().err
    assert err.count("cannot be written") == 1 and "File too large" in err
    assert "Logging error" not in err and "Traceback" not in err
    logs._file_handler.stream = None


def test_the_log_goes_to_the_folder_the_variable_names(log_folder: Path) -> None:
    assert logs.log_dir() == log_folder
    path = logs.setup_logging()
    assert path == log_folder / "iotfin.log"
    assert logs.setup_logging() == path  # once per process
    logging.getLogger("iotfin.ui").info("取款 imported: 12 rows")
    logging.getLogger("some.library").info("chatter that stays out")
    logging.getLogger("some.library").warning("a library warning that matters")
    text = read_log(log_folder)
    assert "IoTFin Workstation" in text and "started" in text
    assert "取款 imported: 12 rows" in text
    assert "a library warning that matters" in text and "chatter" not in text


def test_an_unwritable_log_folder_does_not_stop_the_app(tmp_path: Path, monkeypatch,
                                                        capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(blocker / "logs"))
    monkeypatch.setattr(logs, "_file_handler", None)
    assert logs.setup_logging() is None
    assert "no log file" in capsys.readouterr().err


def test_the_job_pool_logs_start_end_errors_and_durations(log_folder: Path) -> None:
    logs.setup_logging()
    pool = JobPool(max_workers=1, warm_imports=(), prestart=False)
    try:
        done = pool.wait(pool.submit(JobSpec.of("Adding", sample_jobs.add, a=2, b=3)), 120)
        failed = pool.wait(pool.submit(JobSpec.of("Buggy", sample_jobs.fail_with_bug)), 120)
    finally:
        pool.shutdown()
    assert (done.kind, done.result, failed.kind) == ("done", 5, "error")
    text = read_log(log_folder)
    assert "started: Adding (1 core(s))" in text
    assert "finished after" in text and "s: Adding" in text
    assert "failed after" in text and "Buggy" in text and "Traceback" in text


def test_a_crash_writes_a_report_and_says_where(log_folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    told: list[tuple[Path | None, str]] = []
    logs.install_crash_handlers(lambda report, error, details: told.append((report, details)))
    try:
        raise ZeroDivisionError("a bug in a slot")
    except ZeroDivisionError as error:
        sys.excepthook(type(error), error, error.__traceback__)

    def broken() -> None:
        raise KeyError("in a thread")

    thread = threading.Thread(target=broken, name="reader")
    thread.start()
    thread.join()
    assert len(told) == 2
    main_report, thread_report = (Path(report) for report, _ in told)
    assert main_report.parent == log_folder and thread_report.parent == log_folder
    text = main_report.read_text(encoding="utf-8")
    assert "IoTFin Workstation" in text and "ZeroDivisionError: a bug in a slot" in text
    assert "main thread" in text and "scikit-learn" in text
    assert "thread reader" in thread_report.read_text(encoding="utf-8")


def test_a_cli_command_is_logged_with_its_outcome(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    env = {**os.environ, logs.LOG_DIR_VARIABLE: str(folder)}
    subprocess.run([sys.executable, str(ROOT / "main.py"), "datasets", "--db",
                    str(tmp_path / "s.sqlite")], env=env, check=True, capture_output=True,
                   timeout=300)
    refused = subprocess.run([sys.executable, str(ROOT / "main.py"), "forecast", "--db",
                              str(tmp_path / "s.sqlite"), "--dataset", "missing",
                              "--out", str(tmp_path / "f.csv")],
                             env=env, capture_output=True, timeout=300)
    assert refused.returncode == 2
    text = (folder / logs.LOG_FILE).read_text(encoding="utf-8")
    assert "command datasets ended with exit code 0 after" in text
    assert "command forecast ended with exit code 2" in text and "missing" in text


def test_version_names_the_key_libraries_without_importing_them() -> None:
    shown = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"],
                           capture_output=True, text=True, check=True, timeout=120).stdout
    assert shown.startswith("IoTFin Workstation 0.")
    for library in ("Python 3.", "PySide6-Essentials", "pandas", "scikit-learn", "numpy"):
        assert library in shown
