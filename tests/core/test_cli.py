"""The command line on the same core: JSON output, exit codes, the store left intact."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from iotfin_gui.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_cli(capsys, *args: str) -> tuple[int, dict | str | None, str]:
    """Exit code, the JSON payload (or the text output without --json), and stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    if "--json" not in args:
        return code, out, err
    return code, json.loads(lines[-1]) if lines else None, err


def test_demo_datasets_and_info(capsys, store_path: Path, monkeypatch) -> None:
    from iotfin_gui.core import demo

    config = demo.DemoConfig
    monkeypatch.setattr(demo, "DemoConfig", lambda **kw: config(
        n_atms=5, days=60, telemetry_days=2, credit_rows=30, **kw))
    code, payload, _ = run_cli(capsys, "demo", "--db", str(store_path), "--json")
    assert code == 0 and payload["devices"] == 5
    code, payload, _ = run_cli(capsys, "datasets", "--db", str(store_path), "--json")
    assert code == 0 and len(payload["datasets"]) == 5
    assert all(d["demo"] for d in payload["datasets"])
    code, payload, _ = run_cli(capsys, "--db", str(store_path), "info", "--json")
    assert payload["schema_version"] >= 1 and payload["has_demo_data"] is True
    code, _, err = run_cli(capsys, "demo", "--db", str(store_path))
    assert code == 2 and "already holds the demo data" in err
    code, payload, _ = run_cli(capsys, "demo", "--remove", "--db", str(store_path), "--json")
    assert payload == {"removed_datasets": 5}


def test_text_output_of_an_empty_store(capsys, store_path: Path) -> None:
    code, text, _ = run_cli(capsys, "datasets", "--db", str(store_path))
    assert code == 0
    assert "no datasets" in text and "iotfin demo" in text


def test_bad_store_exits_2_with_one_line_and_is_untouched(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\x00\x01 not sqlite")
    code, _, err = run_cli(capsys, "datasets", "--db", str(bad), "--json")
    assert code == 2
    assert err.strip().count("\n") == 0 and "not an SQLite database" in err
    assert bad.read_bytes() == b"\x00\x01 not sqlite"


def test_environment_variable_chooses_the_store(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IOTFIN_DB", str(tmp_path / "env.sqlite"))
    code, payload, _ = run_cli(capsys, "info", "--json")
    assert code == 0 and payload["store"] == str(tmp_path / "env.sqlite")


@pytest.mark.parametrize("args", [["--help"], ["datasets", "--help"]])
def test_help_exits_cleanly(args: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 0


def test_main_py_runs_headless_as_a_script(store_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "datasets", "--db", str(store_path), "--json"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"datasets": []}


def test_cores_and_cluster_do_not_outlive_the_command(capsys, store_path: Path) -> None:
    """A command's --cores/--cluster reach its workers through the environment; a caller in the
    same process (tests, the fuzz harness) must get its own back, or later jobs would run on
    other cores or try a cluster nobody asked for."""
    import os

    before = {name: os.environ.get(name) for name in ("IOTFIN_CORES", "IOTFIN_CLUSTER")}
    assert main(["datasets", "--db", str(store_path), "--cores", "2"]) == 0
    main(["datasets", "--db", str(store_path), "--cluster", "tcp://127.0.0.1:1"])
    capsys.readouterr()
    assert {name: os.environ.get(name) for name in before} == before
