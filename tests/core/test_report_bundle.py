"""Report bundles and the export/report commands: contents, summary vs store, atomicity, CLI."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pandas as pd
import pytest

from iotfin_gui.cli import main
from iotfin_gui.core.cashplan.jobs import replan
from iotfin_gui.core.errors import JobCancelled, NotFoundError, UserFacingError
from iotfin_gui.core.forecast import forecast_dataset, store_forecast, stored_outlook
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.outputs import MANIFEST
from iotfin_gui.core.reports import build_report, export_table
from iotfin_gui.core.reports.summary import fmt, md_text

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_bundle_contents_and_summary_match_the_store(demo, tmp_path) -> None:
    """Of the session's run 1 (the demo's 7-day weekday-profile forecast), stored before this
    test began, as a bundle is made of a run stored days ago."""
    target = tmp_path / "report"
    run_id = 1
    result = build_report(demo, run_id, target, images={"forecast plot": PNG}, make_zip=True)
    names = sorted(p.name for p in target.iterdir() if p.name != MANIFEST)
    assert names == ["forecast.csv", "forecast_plot.png", "metrics.csv", "plan.csv",
                     "summary.html", "summary.json", "summary.md"]
    for item in result.files:
        assert hashlib.sha256((target / item["name"]).read_bytes()).hexdigest() == item["sha256"]
    facts = json.loads((target / "summary.json").read_text())
    markdown = (target / "summary.md").read_text()
    html = (target / "summary.html").read_text()
    run = demo.run(run_id)
    info = demo.dataset("demo_withdrawals")
    assert run["params"]["chosen"] == "weekday_profile"
    assert facts["run"]["model"] == "Weekday profile"  # the display name, not the key
    assert facts["run"]["seed"] == run["seed"] and facts["params"] == run["params"]
    assert facts["versions"] == run["library_versions"]
    assert facts["forecast"] == {"horizon": 7, "levels": [80, 95], "series": 8,
                                 "first_date": "2026-11-01", "last_date": "2026-11-07"}
    source = facts["data_sources"][0]
    assert (source["dataset"], source["rows"], source["data_hash"]) == \
        (info.name, info.row_count, info.data_hash)
    overall = {(m["scope"], m["name"]): m["value"] for m in facts["metrics"]}
    assert overall == {k: v[0] for k, v in run["metrics"].items()
                       if not k[0].startswith(("series:", "cashout:", "plan:"))}
    for (scope, name), value in overall.items():
        line = f"| {md_text(scope or 'overall')} | {md_text(name)} | {fmt(value)} |"
        assert line in markdown
        assert f"<td>{name}</td><td>{fmt(value)}</td>" in html
    for text in (info.data_hash, run["data_hash"], run["library_versions"]["pandas"],
                 "forecast_plot.png", "Horizon: 7 days"):
        assert md_text(text) in markdown and text in html
    assert '<img src="forecast_plot.png"' in html, "the plot is shown in the summary"
    assert "![forecast_plot.png](forecast_plot.png)" in markdown
    plan = pd.read_csv(target / "plan.csv", encoding="utf-8-sig")
    assert {"series_id", "date", "fill_to", "expected_load"} <= set(plan.columns) and len(plan)
    metrics = pd.read_csv(target / "metrics.csv", encoding="utf-8-sig", keep_default_na=False)
    assert len(metrics) == len(run["metrics"])
    with zipfile.ZipFile(tmp_path / "report.zip") as archive:
        assert sorted(archive.namelist()) == [f"report/{n}" for n in names]
    recorded = demo.conn.execute("SELECT what, path FROM exports ORDER BY id").fetchall()
    assert recorded == [("forecast", str(target / "forecast.csv")),
                        ("run_metrics", str(target / "metrics.csv")),
                        ("replenishment_plan", str(target / "plan.csv"))]
    assert demo.conn.execute("SELECT count(*) FROM audit_log WHERE action = 'report.build'"
                             ).fetchone()[0] == 1


def test_bundle_refuses_existing_folder_and_leaves_nothing_on_cancel(demo, tmp_path) -> None:
    target = tmp_path / "out" / "report"
    target.mkdir(parents=True)
    with pytest.raises(UserFacingError, match="already exists"):
        build_report(demo, 1, target)
    build_report(demo, 1, target, force=True)
    assert (target / "summary.md").exists()
    with pytest.raises(NotFoundError, match="no run 42"):
        build_report(demo, 42, tmp_path / "out" / "r42")
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(JobCancelled):
        build_report(demo, 1, tmp_path / "out" / "cancelled", ctx=JobContext(
            cancel_requested=cancel))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report"]
    with pytest.raises(UserFacingError, match="not a PNG"):
        build_report(demo, 1, tmp_path / "out" / "bad", images={"x": b"GIF89a"})


def test_a_run_without_a_plan_says_why_in_its_bundle(store, tmp_path) -> None:
    days = pd.date_range("2026-01-01", periods=70, freq="D")
    frame = pd.DataFrame({"atm": ["A"] * 70 + ["B"] * 70, "day": list(days) * 2,
                          "amount": [1000.0 + 10 * (i % 7) for i in range(140)]})
    store.write_dataset("no_cash", frame, "withdrawals", roles={
        "atm": "device_id", "day": "timestamp", "amount": "amount"}, source="test")
    result = forecast_dataset(store, "no_cash", horizon=7, model="weekday_profile")
    run_id = store_forecast(store, result, store.dataset("no_cash"))
    build_report(store, run_id, tmp_path / "r")
    assert not (tmp_path / "r" / "plan.csv").exists()
    summary = (tmp_path / "r" / "summary.md").read_text()
    assert "plan.csv: none" in summary and "no cash-level column" in summary


def test_the_exported_plan_is_the_cash_plan_of_the_run(demo, tmp_path) -> None:
    """One plan everywhere: the export (and so the bundle's plan.csv), the Forecast panel's
    outlook and the Cash plan tab's re-plan are the same rows."""
    run_id = 1
    out = tmp_path / "plan.csv"
    export_table(demo, "replenishment_plan", out, run_id=run_id)
    exported = pd.read_csv(out, encoding="utf-8-sig")
    level = demo.run(run_id)["params"]["service_level"]
    plan = replan(demo, run_id, service_level=level).plan
    assert len(plan) and exported["series_id"].tolist() == plan["series_id"].tolist()
    assert exported["fill_to"].tolist() == pytest.approx(plan["fill_to"].tolist())
    assert exported["date"].tolist() == plan["date"].dt.strftime("%Y-%m-%d").tolist()
    shown = stored_outlook(demo, run_id).plan
    pd.testing.assert_frame_equal(shown, plan)


def cli(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    return code, json.loads(lines[-1]) if lines and code == 0 else None, err


def test_cli_export_and_report(capsys, demo_db, tmp_path) -> None:
    db = str(demo_db)
    code, payload, _ = cli(capsys, "export", "--list", "--db", db, "--json")
    assert code == 0 and {"dataset", "forecast", "fleet_status", "audit_log", "quarantine",
                          "runs", "replenishment_plan"} <= {t["name"] for t in payload["tables"]}
    out = tmp_path / "credit.csv"
    code, payload, _ = cli(capsys, "export", "dataset", "--dataset", "demo_credit_applications",
                           "--out", str(out), "--hash", "phone", "--delimiter", ";", "--db", db,
                           "--json")
    assert code == 0 and payload["rows"] == 40 and payload["masking"]["hashed"] == ["phone"]
    assert payload["masking"]["masked"] == {"customer_name": "name"}
    assert out.read_text(encoding="utf-8-sig").startswith("application_id;customer_name;")
    code, payload, err = cli(capsys, "export", "dataset", "--dataset", "demo_credit_applications",
                             "--out", str(out), "--db", db, "--json")
    assert code == 2 and "already exists" in err and len(err.strip().splitlines()) == 1
    code, payload, _ = cli(capsys, "export", "dataset", "--dataset", "demo_credit_applications",
                           "--out", str(out), "--no-mask", "--force", "--encoding", "utf-8",
                           "--db", db, "--json")
    assert code == 0 and payload["masking"]["masked"] == {}
    for args, message in ((["export", "nope", "--out", str(tmp_path / "n.csv")], "nope"),
                          (["export", "forecast", "--run", "9", "--out", str(tmp_path / "n.csv")],
                           "no run 9"),
                          (["export", "runs", "--out", str(tmp_path / "no" / "n.csv")],
                           "does not exist"),
                          (["report", "--run", "9", "--out", str(tmp_path / "r9")], "no run 9")):
        code, _, err = cli(capsys, *args, "--db", db, "--json")
        assert code == 2 and message in err, (args, err)
    code, payload, _ = cli(capsys, "report", "--run", "1", "--out", str(tmp_path / "r1"),
                           "--zip", "--db", db, "--json")
    assert code == 0 and payload["zip"] == str(tmp_path / "r1.zip")
    assert "none" in payload["images"]
    assert "Images: none" in (tmp_path / "r1" / "summary.md").read_text()
    code, _, err = cli(capsys, "report", "--run", "1", "--out", str(tmp_path / "r1"),
                       "--db", db, "--json")
    assert code == 2 and "already exists" in err
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("demo")) == \
        ["credit.csv", "r1", "r1.zip"]
