"""``main.py routes``: show, import and export the cash plan's route settings; a bad file is
named and changes nothing; an export is never written over a file without --force."""

from __future__ import annotations

import json

from iotfin_gui.cli import main
from iotfin_gui.core.cashplan import load_routes
from iotfin_gui.core.cashplan.routes import read_routes_csv
from iotfin_gui.core.store import Store

ROUTES = ("route,atms,visit_days,cit_holidays,lead_days,capacity,idle_rate\n"
          "north,ATM-0001;ATM-0002,Mon-Sat,2026-12-25,2,\"400,000\",7%\n"
          "rest,*,\"Mon,Wed,Fri\",,1,,0.05\n")


def run(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    return code, json.loads(lines[-1]) if code == 0 and lines else None, err


def test_routes_import_show_export_round_trip(capsys, store_path, tmp_path) -> None:
    db = str(store_path)
    code, payload, err = run(capsys, "routes", "show", "--db", db)
    assert code == 0, err
    assert [r["route"] for r in payload["routes"]] == ["default"]

    source = tmp_path / "routes.csv"
    source.write_text(ROUTES, encoding="utf-8")
    code, payload, err = run(capsys, "routes", "import", str(source), "--db", db)
    assert code == 0, err
    assert payload == {"imported": 2, "routes": ["north", "rest"]}
    code, payload, err = run(capsys, "routes", "show", "--db", db)
    north = payload["routes"][0]
    assert north["atms"] == "ATM-0001;ATM-0002" and north["visit_days"] == "Mon,Tue,Wed,Thu,Fri,Sat"
    assert north["capacity"] == 400_000.0 and payload["routes"][1]["atms"] == "*"

    out = tmp_path / "out.csv"
    code, payload, err = run(capsys, "routes", "export", "--out", str(out), "--db", db)
    assert code == 0, err
    assert read_routes_csv(out) == read_routes_csv(source)
    code, _, err = run(capsys, "routes", "export", "--out", str(out), "--db", db)
    assert code == 2 and "exists" in err
    code, _, err = run(capsys, "routes", "export", "--out", str(out), "--db", db, "--force")
    assert code == 0, err

    bad = tmp_path / "bad.csv"
    bad.write_text("route,max_interval\nx,0\n", encoding="utf-8")
    code, _, err = run(capsys, "routes", "import", str(bad), "--db", db)
    assert code == 2 and "row 1" in err and "max_interval" in err
    with Store.open(store_path) as store:
        assert [r.route for r in load_routes(store)] == ["north", "rest"]
        saves = store.audit_log()
        saves = saves[saves["action"] == "cashplan.routes.save"]
        assert len(saves) == 1 and "north" in saves["detail"].iloc[0]
