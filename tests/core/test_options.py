"""The one table of option ranges: every numeric option of the command line is checked before
any work, with a message naming the option, the value and the range; --help shows the ranges;
origins x horizon must fit in the history; a full disk is named as such."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.cli import main
from iotfin_gui.core import disk_space, options
from iotfin_gui.core.options import COST_FP, ORIGINS, SEED, OptionError, check_backtest


def run(capsys, *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as done:
        code = done.code
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("argv", "named"), [
    (["train", "--dataset", "d", "--task", "classification", "--seed", "-1"], "--seed -1"),
    (["train", "--dataset", "d", "--task", "classification", "--cost-fp", "nan"],
     "--cost-fp nan"),
    (["train", "--dataset", "d", "--task", "classification", "--cost-fn", "inf"],
     "--cost-fn inf"),
    (["train", "--dataset", "d", "--task", "classification", "--cv", "99999999"], "--cv"),
    (["forecast", "--dataset", "d", "--out", "f.csv", "--origins", "0"], "--origins 0"),
    (["forecast", "--dataset", "d", "--out", "f.csv", "--origins", "1000"], "--origins 1000"),
    (["forecast", "--dataset", "d", "--out", "f.csv", "--capacity", "-1"], "--capacity -1"),
    (["forecast", "--dataset", "d", "--out", "f.csv", "--capacity", "nan"], "--capacity nan"),
    (["forecast", "--dataset", "d", "--out", "f.csv", "--service-level", "1"],
     "--service-level 1"),
    (["predict", "--run", str(2**70), "--dataset", "d", "--out", "p.csv"], "--run"),
    (["trash", "restore", "0"], "ID 0"),
    (["datasets", "--cores", "0"], "--cores 0"),
])
def test_out_of_range_options_are_refused_before_any_work(capsys, store_path: Path, argv,
                                                          named) -> None:
    code, err = run(capsys, *argv, "--db", str(store_path), "--quiet")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert named in err and ("from" in err or "between" in err or "above" in err)
    assert not store_path.exists()


def test_an_empty_model_list_is_refused_not_read_as_every_model(capsys, store_path: Path) -> None:
    code, err = run(capsys, "train", "--dataset", "d", "--task", "classification", "--models",
                    " , ", "--db", str(store_path))
    assert code == 2 and "--models names no model" in err


def test_both_costs_zero_is_refused(capsys, store_path: Path) -> None:
    code, err = run(capsys, "train", "--dataset", "d", "--task", "classification",
                    "--cost-fp", "0", "--cost-fn", "0", "--db", str(store_path))
    assert code == 2 and "both 0" in err


def test_a_value_argparse_cannot_read_is_one_line(capsys, store_path: Path) -> None:
    code, err = run(capsys, "train", "--dataset", "d", "--task", "classification", "--seed",
                    "abc", "--db", str(store_path))
    assert code == 2 and err.count("\n") == 1 and "--seed" in err and "usage" not in err


def test_help_shows_each_range(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["forecast", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "range: a whole number from 1 to 20" in text
    assert "range: a number above 0, at most 1,000,000,000,000" in text
    assert text.count("range: a whole number from 1 to 1,024") == 1, "--cores: its range once"


def test_every_command_of_the_table_exists() -> None:
    from iotfin_gui.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for key, ranges in options.COMMAND_OPTIONS.items():
        if not key:
            continue
        name, _, action = key.partition(" ")
        sub = commands[name]
        if action:
            sub = next(a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"
                       ).choices[action]
        dests = {a.dest for a in sub._actions}
        assert set(ranges) <= dests, (key, set(ranges) - dests)


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.booleans(),
                 st.text(max_size=5), st.none()))
def test_a_range_accepts_exactly_its_values(value) -> None:
    for spec in (SEED, COST_FP, ORIGINS, options.CAPACITY, options.SERVICE_LEVEL):
        fits = (not isinstance(value, bool) and (isinstance(value, int) if spec.whole
                                                 else isinstance(value, int | float))
                and math.isfinite(value) and spec.contains(value))
        if fits:
            assert spec.check(value) == value
        else:
            with pytest.raises(OptionError, match=spec.flag):
                spec.check(value)


def test_origins_times_horizon_must_fit_the_history() -> None:
    check_backtest(120, 7, 13, 28)
    with pytest.raises(OptionError, match="at most 13 origin"):
        check_backtest(120, 7, 14, 28)
    with pytest.raises(OptionError, match="at most 0 origin"):
        check_backtest(30, 7, 1, 28)


def test_a_full_disk_is_named_with_the_figures(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(disk_space.shutil, "disk_usage",
                        lambda path: disk_space.shutil._ntuple_diskusage(4_000_000, 4_000_000, 0))
    error = sqlite3.OperationalError("disk I/O error")
    message = disk_space.explain(error, tmp_path / "s.sqlite", needed=2_500_000)
    assert "is full" in message and "0 bytes free of 4.0 MB" in message
    assert "about 2.5 MB needed" in message and str(tmp_path) in message
    assert disk_space.explain(ValueError("disk I/O error"), tmp_path) is None


def test_a_failure_with_space_left_is_not_called_a_full_disk(tmp_path: Path) -> None:
    assert disk_space.explain(sqlite3.OperationalError("disk I/O error"), tmp_path) is None


def test_the_cli_says_the_disk_is_full(capsys, store_path: Path, monkeypatch) -> None:
    from iotfin_gui.cli import basic

    def full(*args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(basic, "run_datasets", full)
    monkeypatch.setattr(disk_space.shutil, "disk_usage",
                        lambda path: disk_space.shutil._ntuple_diskusage(10**9, 10**9, 0))
    code, err = run(capsys, "datasets", "--db", str(store_path))
    assert code == 2 and "is full: 0 bytes free of 1.0 GB" in err and "Traceback" not in err


def test_a_job_on_a_full_disk_says_so(store, monkeypatch) -> None:
    from iotfin_gui.core.jobs import describe_error

    monkeypatch.setattr(disk_space.shutil, "disk_usage",
                        lambda path: disk_space.shutil._ntuple_diskusage(10**9, 10**9, 0))
    try:
        raise sqlite3.OperationalError("database or disk is full")
    except sqlite3.OperationalError as error:
        message, details = describe_error(error)
    assert f"The disk holding {store.path.parent} is full" in message and "Traceback" in details


def test_a_reader_that_stops_early_gets_no_traceback(store_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen([sys.executable, str(root / "main.py"), "recipe", "steps", "--db",
                              str(store_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 0 and "Traceback" not in err and "Broken" not in err


def test_an_import_onto_a_full_disk_is_refused_first_with_the_space_needed(
        capsys, store_path: Path, tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "cash.csv"
    data.write_text("device_id,amount\n" + "A1,5\n" * 600_000)
    monkeypatch.setattr(disk_space.shutil, "disk_usage",
                        lambda path: disk_space.shutil._ntuple_diskusage(10**9, 10**9, 0))
    code, err = run(capsys, "import", str(data), "--db", str(store_path))
    assert code == 2 and "is full: 0 bytes free of 1.0 GB, about 3.0 MB needed" in err
    assert not store_path.exists()
