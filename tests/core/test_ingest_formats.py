"""Import core: formats, encodings, dialects, timestamps, roles, preview and profiles."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

from iotfin_gui.core.ingest import (
    AmbiguousDateError,
    import_file,
    load_profile,
    preview,
    profile_for,
    profile_options,
    save_profile,
    sniff,
)

CHINESE = ("设备编号,时间,温度,金额\nATM-001,2024-01-05 08:00:00,21.5,1000\n"
           "ATM-002,2024-01-05 09:00:00,22.0,2500\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_chinese_headers_survive_every_encoding(tmp_path: Path, store, encoding: str) -> None:
    path = tmp_path / f"atm_{encoding}.csv"
    path.write_bytes(CHINESE.encode(encoding))
    result = import_file(store, path)
    assert result.columns == ["设备编号", "时间", "温度", "金额"]
    assert result.kind == "withdrawals"
    frame = store.read_dataset(result.dataset)
    assert frame["设备编号"].tolist() == ["ATM-001", "ATM-002"]
    assert frame["金额"].tolist() == [1000, 2500]
    assert str(frame["时间"].iloc[0]) == "2024-01-05 08:00:00"


def test_latin1_and_semicolon_decimal_comma(tmp_path: Path, store) -> None:
    path = tmp_path / "eu.csv"
    path.write_bytes("gerät;zeit;messwert\nMüller-1;05.01.2024 08:00;1.234,5\n"
                     "Müller-2;13.01.2024 09:30;2,25\n".encode("latin-1"))
    source = sniff(path)
    assert (source.encoding, source.delimiter, source.decimal, source.thousands) == \
        ("iso8859-1", ";", ",", ".")
    result = import_file(store, path, kind="telemetry",
                         mapping=preview(path, kind="telemetry").mapping.changed(
                             roles={"gerät": "device_id"}))
    frame = store.read_dataset(result.dataset)
    assert frame["messwert"].tolist() == [1234.5, 2.25]
    assert frame["gerät"].tolist() == ["Müller-1", "Müller-2"]
    assert str(frame["zeit"].iloc[1]) == "2024-01-13 09:30:00"


@pytest.mark.parametrize("delimiter", ["\t", "|", ";"])
def test_delimiters_detected(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "t.txt"
    path.write_text(delimiter.join(["a", "b", "c"]) + "\n" + delimiter.join(["1", "x,y", "3"])
                    + "\n")
    assert sniff(path).delimiter == delimiter
    assert preview(path).frame["b"].tolist() == ["x,y"]


def test_ambiguous_dates_are_reported_never_guessed(tmp_path: Path, store) -> None:
    path = tmp_path / "amb.csv"
    path.write_text("device,date,value\nA,01/02/2024,1\nA,03/04/2024,2\n")
    look = preview(path)
    assert "date" in look.ambiguous
    with pytest.raises(AmbiguousDateError, match="dayfirst"):
        import_file(store, path)
    assert store.datasets() == []
    result = import_file(store, path, date_format="dayfirst")
    assert store.read_dataset(result.dataset)["date"].dt.month.tolist() == [2, 4]


def test_day_first_decided_by_the_column_as_a_whole(tmp_path: Path, store) -> None:
    path = tmp_path / "dmy.csv"
    path.write_text("device,date,value\nA,01/02/2024,1\nA,25/02/2024,2\n")
    result = import_file(store, path)
    assert store.read_dataset(result.dataset)["date"].dt.day.tolist() == [1, 25]


def test_epoch_ms_and_time_zone_to_utc(tmp_path: Path, store) -> None:
    path = tmp_path / "epoch.csv"
    path.write_text("device_id,ts,temp\nA,1704067200000,1.5\n")
    result = import_file(store, path)
    assert str(store.read_dataset(result.dataset)["ts"].iloc[0]) == "2024-01-01 00:00:00"
    local = tmp_path / "local.csv"
    local.write_text("device_id,time,temp\nA,2024-01-01 08:00:00,1.5\n")
    result = import_file(store, local, tz="Asia/Shanghai")
    assert str(store.read_dataset(result.dataset)["time"].iloc[0]) == "2024-01-01 00:00:00"
    options = json.loads(store.conn.execute(
        "SELECT options FROM imports WHERE id = ?", [result.import_id]).fetchone()[0])
    assert options["tz"] == "Asia/Shanghai"


def test_excel_parquet_json_jsonl_thingsboard(tmp_path: Path, store) -> None:
    frame = pd.DataFrame({"device_id": ["A", "B"], "time": pd.to_datetime(
        ["2024-01-01 00:00", "2024-01-01 01:00"]), "temp": [1.5, 2.5]})
    frame.to_excel(tmp_path / "t.xlsx", index=False)
    frame.to_parquet(tmp_path / "t.parquet")
    records = [{"device_id": "A", "time": "2024-01-01T00:00:00Z", "reading": {"temp": 1.5}}]
    (tmp_path / "t.json").write_text(json.dumps(records))
    (tmp_path / "mqtt.jsonl").write_text("\n".join(json.dumps(
        {"topic": f"bank/atm/{d}/telemetry", "ts": "2024-01-01T00:00:00Z",
         "payload": {"temp": t, "door": {"open": False}}}) for d, t in [("A", 1), ("B", 2)]))
    (tmp_path / "atm-7.json").write_text(json.dumps(
        {"temp": [{"ts": 1704067200000, "value": "21.5"}, {"ts": 1704070800000, "value": "22"}],
         "cash": [{"ts": 1704067200000, "value": "900"}]}))
    for name in ("t.xlsx", "t.parquet"):
        result = import_file(store, tmp_path / name, name=name)
        assert result.kind == "telemetry" and result.rows_imported == 2
        assert store.read_dataset(name)["temp"].tolist() == [1.5, 2.5]
    result = import_file(store, tmp_path / "t.json", name="json", kind="telemetry")
    assert store.read_dataset("json")["reading.temp"].tolist() == [1.5]
    result = import_file(store, tmp_path / "mqtt.jsonl", name="mqtt", topic_device_segment=2)
    read = store.read_dataset("mqtt")
    assert read["device_id"].tolist() == ["A", "B"] and read["temp"].tolist() == [1, 2]
    assert "door.open" in read.columns
    result = import_file(store, tmp_path / "atm-7.json", name="tb")
    read = store.read_dataset("tb")
    assert result.source.format == "thingsboard" and read["device_id"].tolist() == ["atm-7"] * 2
    assert read["cash"].isna().tolist() == [False, True]


def test_gzip_input(tmp_path: Path, store) -> None:
    path = tmp_path / "t.csv.gz"
    path.write_bytes(gzip.compress(b"device_id,time,v\nA,2024-01-01 00:00:00,1\n"))
    assert import_file(store, path).rows_imported == 1


def test_preview_writes_nothing_and_profiles_round_trip(tmp_path: Path, store) -> None:
    path = tmp_path / "p.csv"
    path.write_text("terminal,when,level\nT1,2024-01-01 00:00:00,3\n")
    before = store.table_counts()
    look = preview(path)
    assert store.table_counts() == before
    assert look.mapping.roles() == {"terminal": "device_id", "when": "timestamp",
                                    "level": "metric"}
    assert look.frame["level"].tolist() == [3]
    mapping = look.mapping.changed(roles={"level": "count"}, kind="withdrawals")
    save_profile(store, "terminals", mapping=mapping, source=look.source, pattern="*.csv")
    assert profile_for(store, tmp_path / "other.csv") == "terminals"
    result = import_file(store, path, **profile_options(load_profile(store, "terminals")))
    assert result.kind == "withdrawals"
    assert store.dataset(result.dataset).roles["level"] == "count"
