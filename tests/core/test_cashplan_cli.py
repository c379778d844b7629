"""``main.py plan``: a plan from a stored run and today's cash, written like every export."""

from __future__ import annotations

import json

import pandas as pd

from iotfin_gui.cli import main


def run(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    return code, json.loads(lines[-1]) if code == 0 and lines else None, err


def test_plan_from_the_latest_run_with_routes_and_cash_files(capsys, demo_db, tmp_path) -> None:
    routes = tmp_path / "routes.csv"
    routes.write_text("route,visit_days,lead_days,denomination,notes_per_bundle\n"
                      "all,Mon-Fri,1,100,50\n", encoding="utf-8")
    out = tmp_path / "plan.csv"
    code, payload, err = run(capsys, "plan", "--db", str(demo_db), "--dataset",
                             "demo_withdrawals", "--routes", str(routes), "--save-routes",
                             "--out", str(out))
    assert code == 0, err
    assert payload["run_id"] == 1 and payload["visits"] > 0 and not payload["calibrated"]
    plan = pd.read_csv(out, encoding="utf-8-sig", parse_dates=["date"])
    assert len(plan) == payload["visits"] and (plan["fill_to"] % 5000 == 0).all()
    assert set(plan["date"].dt.day_of_week) <= {0, 1, 2, 3, 4}
    cash = tmp_path / "cash.csv"
    cash.write_text("atm,cash\n" + "".join(f"ATM-{i:04d},{1000 * i}\n" for i in range(1, 9)),
                    encoding="utf-8")
    code, payload, err = run(capsys, "plan", "--db", str(demo_db), "--run", "1", "--cash-now",
                             str(cash), "--out", str(out))
    assert code == 2 and "exists" in err  # never replaced without --force
    code, payload, err = run(capsys, "plan", "--db", str(demo_db), "--run", "1", "--cash-now",
                             str(cash), "--service-level", "0.9", "--out", str(out), "--force")
    assert code == 0, err
    assert payload["atms_at_risk"] >= 1  # 1,000 does not last the day's lead time
    plan = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    at_risk = plan.loc[plan["note"].str.startswith("at risk"), "series_id"]
    assert payload["atms_at_risk"] == at_risk.nunique() <= payload["atms_planned"] == 8


def test_atms_at_risk_counts_atms_not_notes(capsys, demo_db, tmp_path) -> None:
    """Cassettes smaller than a day's demand note every visit, but no ATM is at risk before
    its first possible visit when it holds plenty of cash."""
    cash = tmp_path / "cash.csv"
    cash.write_text("atm,cash\n" + "".join(f"ATM-{i:04d},200000\n" for i in range(1, 9)),
                    encoding="utf-8")
    routes = tmp_path / "routes.csv"
    routes.write_text("route,denomination,notes_per_bundle\nall,100,10\n", encoding="utf-8")
    out = tmp_path / "plan.csv"
    code, payload, err = run(capsys, "plan", "--db", str(demo_db), "--run", "1", "--cash-now",
                             str(cash), "--routes", str(routes), "--capacity", "5000", "--out",
                             str(out))
    assert code == 0, err
    plan = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert plan["note"].str.startswith("capacity too small").sum() > 0
    assert payload["atms_at_risk"] == 0


def test_a_bundle_larger_than_the_cassettes_is_an_input_error(capsys, demo_db,
                                                               tmp_path) -> None:
    """It once planned every visit with a fill of 0; now nothing is written and the message
    names the route, the ATM, the capacity and the bundle."""
    out = tmp_path / "plan.csv"
    code, _, err = run(capsys, "plan", "--db", str(demo_db), "--run", "1", "--capacity", "5000",
                       "--out", str(out))
    assert code == 2 and not out.exists()
    assert "route 'default': ATM 'ATM-0001' holds 5,000 in its cassettes" in err
    assert "one bundle of 10,000 (100 notes of 100)" in err and "8 ATM(s)" in err
    routes = tmp_path / "routes.csv"
    routes.write_text("route,capacity,notes_per_bundle\nall,5000,100\n", encoding="utf-8")
    code, _, err = run(capsys, "plan", "--db", str(demo_db), "--run", "1", "--routes",
                       str(routes), "--out", str(out))
    assert code == 2 and "row 1" in err and "capacity" in err
    assert "the cassettes hold 5,000, less than one bundle of 10,000" in err


def test_bad_inputs_are_named(capsys, demo_db, tmp_path) -> None:
    cash = tmp_path / "cash.csv"
    cash.write_text("series_id,cash\nATM-0001,lots\n", encoding="utf-8")
    out = str(tmp_path / "plan.csv")
    code, _, err = run(capsys, "plan", "--db", str(demo_db), "--run", "1", "--cash-now",
                       str(cash), "--out", out)
    assert code == 2 and "row 1" in err and "'lots' is not a cash amount" in err
    code, _, err = run(capsys, "plan", "--db", str(demo_db), "--dataset", "demo_telemetry",
                       "--out", out)
    assert code == 2 and "has no forecast run" in err
    code, _, err = run(capsys, "plan", "--db", str(demo_db), "--run", "1", "--service-level",
                       "1.5", "--out", out)
    assert code == 2 and "--service-level 1.5 is out of range" in err and "0.5 to 0.99" in err
