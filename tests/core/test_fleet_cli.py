"""``iotfin fleet``: JSON summary as the last line, the as-of stated, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from iotfin_gui.cli import main
from iotfin_gui.core.backups import duplicate
from iotfin_gui.core.fleet.sources import load_sources
from iotfin_gui.core.store import Store


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_fleet_json_on_the_demo(capsys, demo_path, tmp_path: Path) -> None:
    db = tmp_path / "copy.sqlite"
    duplicate(demo_path, db)
    code, out, _ = _run(capsys, "fleet", "--db", str(db), "--json")
    assert code == 0
    payload = json.loads(out.strip().splitlines()[-1])
    assert payload["as_of"] == "2026-10-31T15:00:00Z" and payload["as_of_source"] == "demo.as_of"
    assert sum(payload["counts"].values()) == 8 == len(payload["atms"])
    assert all(payload["counts"][s] >= 1 for s in ("offline", "fault", "ok"))
    assert payload["counts"]["low_cash"] + payload["counts"]["cash_out"] >= 1
    atm = payload["atms"][0]
    assert set(atm) == {"device_id", "status", "days_to_cashout", "cash_level", "reasons"}
    assert any(a["days_to_cashout"] is not None for a in payload["atms"])
    code, out, _ = _run(capsys, "fleet", "--db", str(db), "--as-of", "2026-10-30 03:00",
                        "--json")
    assert code == 0
    assert json.loads(out.strip().splitlines()[-1])["as_of"] == "2026-10-30T03:00:00Z"
    code, out, _ = _run(capsys, "fleet", "--db", str(db))
    assert code == 0 and out.startswith("Fleet status as of 2026-10-31T15:00:00Z (demo.as_of)")


def test_fleet_errors_exit_2(capsys, tmp_path: Path, demo_path) -> None:
    db = tmp_path / "copy.sqlite"
    duplicate(demo_path, db)
    code, out, err = _run(capsys, "fleet", "--db", str(db), "--as-of", "soon", "--json")
    assert code == 2 and out == "" and "Cannot read the as-of time 'soon'" in err
    code, _, err = _run(capsys, "fleet", "--db", str(tmp_path / "empty.sqlite"), "--json")
    assert code == 2 and "needs telemetry, events or withdrawals" in err


def test_fleet_pins_its_sources_so_an_import_does_not_switch_them(capsys, demo_path,
                                                                   tmp_path: Path) -> None:
    """A store never opened in the window: the first run pins the automatic choice (the demo),
    like the window does; a later import is not used by the next run."""
    db = tmp_path / "copy.sqlite"
    duplicate(demo_path, db)
    code, out, _ = _run(capsys, "fleet", "--db", str(db), "--json")
    assert code == 0
    assert json.loads(out.strip().splitlines()[-1])["sources"]["telemetry"] == "demo_telemetry"
    with Store.open(db) as store:
        assert load_sources(store).telemetry == "demo_telemetry"
        frame = pd.DataFrame({"machineID": ["M1", "M2"], "volt": [170.0, 160.0],
                              "datetime": [pd.Timestamp("2026-10-31 14:00")] * 2})
        store.write_dataset("pdm_telemetry", frame, "telemetry", source="test",
                            roles={"machineID": "device_id", "datetime": "timestamp"})
    code, out, _ = _run(capsys, "fleet", "--db", str(db))
    assert code == 0 and "sources: telemetry demo_telemetry" in out
    assert "M1" not in out
