"""Personal-data detection on a table of 30 personal and 30 harmless columns (both directions),
and masking inside free text and numbers, in every CSV path."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from iotfin_gui.cli import main
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.reports import ExportOptions, export_frame, find_personal
from iotfin_gui.core.reports.personal import luhn_valid, resident_id_valid
from iotfin_gui.core.reports.privacy import mask_in_text

ROWS = 20


def card(prefix: str, serial: int, length: int = 16) -> str:
    """A Luhn-valid card number: prefix, serial, check digit."""
    body = f"{prefix}{serial:0{length - len(prefix) - 1}d}"
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


def resident_id(serial: int) -> str:
    """A resident ID with a valid check character: region, birth date, serial."""
    birth = f"{1960 + serial % 40}{1 + serial % 12:02d}{1 + serial % 28:02d}"
    body = f"110101{birth}{serial % 1000:03d}"
    return next(body + c for c in "0123456789X" if resident_id_valid(body + c))


def mobile(serial: int) -> str:
    return f"13{serial % 10}{87654321 + serial:08d}"


def names(serial: int) -> str:
    return ["张三", "李四", "王五", "赵六"][serial % 4]


#: Column name -> (values of the rows, the kind it must be found as).
PERSONAL = {
    "cust_name": ([names(i) for i in range(ROWS)], "name"),
    "CustName": ([names(i) for i in range(ROWS)], "name"),
    "customer": ([f"C{i:05d}" for i in range(ROWS)], "name"),
    "client": ([names(i) for i in range(ROWS)], "name"),
    "holder": ([names(i) for i in range(ROWS)], "name"),
    "msisdn": ([mobile(i) for i in range(ROWS)], "phone"),
    "contact": ([mobile(i) for i in range(ROWS)], "other"),
    "nid": ([resident_id(i) for i in range(ROWS)], "id_card"),
    "mail": ([f"user{i}@bank.cn" for i in range(ROWS)], "email"),
    "客户": ([names(i) for i in range(ROWS)], "name"),
    "客户姓名": ([names(i) for i in range(ROWS)], "name"),
    "手机号码": ([mobile(i) for i in range(ROWS)], "phone"),
    "身份证号": ([resident_id(i) for i in range(ROWS)], "id_card"),
    "卡号": ([card("622202", i) for i in range(ROWS)], "card"),
    "账号": ([f"6217{i:012d}" for i in range(ROWS)], "card"),
    "Customer ID": ([f"C{i:05d}" for i in range(ROWS)], "customer_id"),
    "card_holder": ([names(i) for i in range(ROWS)], "name"),
    "EmailAddress": ([f"u{i}@example.com" for i in range(ROWS)], "email"),
    "phone": ([mobile(i) for i in range(ROWS)], "phone"),
    "date_of_birth": (["1990-03-07"] * ROWS, "other"),
    # Found by content alone: neutral names, personal values, text or numbers.
    "ref": ([int(card("4", i)) for i in range(ROWS)], "card"),
    "value_1": ([card("6011", i) for i in range(ROWS)], "card"),
    "attr_a": ([mobile(i) for i in range(ROWS)], "phone"),
    "attr_b": ([int(mobile(i)) for i in range(ROWS)], "phone"),
    "attr_c": ([resident_id(i) for i in range(ROWS)], "id_card"),
    "attr_d": ([f"a{i}@corp.example.org" for i in range(ROWS)], "email"),
    "notes": ([f"{names(i)},{mobile(i)}" for i in range(ROWS)], "text"),
    "remark": (["call wang@example.cn about the ATM"] + ["ok"] * (ROWS - 1), "text"),
    "info": ([f"+86 139 8765 {4321 + i}" for i in range(ROWS)], "phone"),
    "x": ([float(mobile(i)) for i in range(ROWS)], "phone"),
}

HARMLESS = {
    "device_id": [f"ATM-{i:04d}" for i in range(ROWS)],
    "atm_name": [f"Branch {i} lobby" for i in range(ROWS)],
    "branch_name": ["Pudong"] * ROWS,
    "name": [f"ATM {i}" for i in range(ROWS)],
    "amount": [1250.5 + i for i in range(ROWS)],
    "withdrawal_count": list(range(ROWS)),
    "cash_level_end": [400_000 - 1000 * i for i in range(ROWS)],
    "date": pd.date_range("2026-01-01", periods=ROWS).tolist(),
    "status": ["ok", "fault"] * (ROWS // 2),
    "fault_code": [f"E{i:03d}" for i in range(ROWS)],
    "card_reader_status": ["ok"] * ROWS,
    "contactless_txn": list(range(ROWS)),
    "account_balance": [10_000.0 + i for i in range(ROWS)],
    "customer_segment": ["retail", "sme"] * (ROWS // 2),
    "customer_count": list(range(100, 100 + ROWS)),
    "first_seen": ["2026-01-01"] * ROWS,
    "last_update": ["2026-02-01 10:00:00"] * ROWS,
    "temperature": [21.5 + i / 10 for i in range(ROWS)],
    "网点名称": ["浦东支行"] * ROWS,
    "设备编号": [f"SH{i:06d}" for i in range(ROWS)],
    "交易金额": [100.0 * i for i in range(ROWS)],
    "余额": [5000.0] * ROWS,
    "scorecard": [600 + i for i in range(ROWS)],
    "txn_id": [f"2024010512{i:06d}" for i in range(ROWS)],
    "event_ms": [1_767_225_600_000 + 3_600_000 * i for i in range(ROWS)],
    "event_us": [1_767_225_600_000_000 + 1_000_003 * i for i in range(ROWS)],
    "mobile_network_type": ["4G", "5G"] * (ROWS // 2),
    "ip_address": [f"10.0.0.{i}" for i in range(ROWS)],
    "model_name": ["NCR SelfServ 6622"] * ROWS,
    "serial_no": [f"{i:08d}" for i in range(ROWS)],
}


def test_the_table_has_30_personal_and_30_harmless_columns() -> None:
    assert len(PERSONAL) == 30 and len(HARMLESS) == 30


def test_personal_columns_are_found_and_harmless_ones_are_not() -> None:
    sample = {c: values for c, (values, _) in PERSONAL.items()} | HARMLESS
    found = find_personal(list(sample), sample)
    missed = {c: kind for c, (_, kind) in PERSONAL.items() if found.get(c) is None}
    wrong = {c: (found[c].kind, kind) for c, (_, kind) in PERSONAL.items()
             if c in found and found[c].kind != kind}
    false_alarms = {c: found[c].reason for c in HARMLESS if c in found}
    assert (missed, wrong, false_alarms) == ({}, {}, {})
    assert found["ref"].by == "content" and found["cust_name"].by == "name"
    assert "of 20 sampled values" in found["attr_b"].reason


def test_masking_inside_text_and_numbers() -> None:
    assert mask_in_text("李四,13987654321") == ("李四,139****4321", {"phone": 1})
    assert mask_in_text("ID 110101199003077777 ok")[0] == "ID 110101199003077777 ok", \
        "a wrong check digit is not an ID"
    person = resident_id(7)
    assert mask_in_text(f"ID {person}.") == (f"ID {person[:6]}********{person[14:]}.",
                                             {"id_card": 1})
    assert mask_in_text("mail wang.fang@bank.cn now") == ("mail w***@bank.cn now",
                                                          {"email": 1})
    assert mask_in_text("+86 139-8765-4321") == ("+86 139-****-4321", {"phone": 1})
    assert mask_in_text("at 1767225600000 and 1767225600000000") == (
        "at 1767225600000 and 1767225600000000", {}), "timestamps are not cards"


def rows_of(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_computed_frame_is_masked_and_neutralised_and_overridable(demo, tmp_path) -> None:
    frame = pd.DataFrame({
        "device_id": ["=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "-2", "\tx", "＝1"],
        "cust_name": ["张三", "李四", "王五", "赵六", "Wang Fang", "Li"],
        "card_as_int": [int(card("4", i)) for i in range(6)],
        "notes": ["李四,13987654321", "ok", "ok", "ok", "ok", "ok"],
        "amount": [-12.5, 1.0, 2.0, 3.0, 4.0, 5.0],
    })
    out = tmp_path / "frame.csv"
    result = export_frame(demo, "forecast", frame, out)
    rows = rows_of(out)
    assert [r["device_id"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)",
                                              "'-2", "'\tx", "'＝1"]
    assert [r["cust_name"] for r in rows][:2] == ["张*", "李*"]
    assert all("******" in r["card_as_int"] for r in rows)
    assert rows[0]["notes"] == "李四,139****4321" and rows[0]["amount"] == "-12.5"
    assert result.masking["masked"] == {"cust_name": "name", "card_as_int": "card"}
    assert result.masking["detected"]["notes"]["kind"] == "text"
    kept = tmp_path / "kept.csv"
    export_frame(demo, "forecast", frame, kept,
                 options=ExportOptions(keep=["cust_name", "notes"], hash_columns=["card_as_int"]))
    rows = rows_of(kept)
    assert rows[1]["cust_name"] == "李四" and rows[0]["notes"] == "李四,13987654321"
    assert len(rows[0]["card_as_int"]) == 64 and rows[0]["device_id"].startswith("'")
    recorded = demo.conn.execute("SELECT what, path FROM exports ORDER BY id").fetchall()
    assert recorded == [("forecast", str(out)), ("forecast", str(kept))]


def test_keeping_and_masking_one_column_is_refused(demo, tmp_path) -> None:
    frame = pd.DataFrame({"phone": ["13987654321"]})
    with pytest.raises(InputError, match="both kept"):
        export_frame(demo, "forecast", frame, tmp_path / "x.csv",
                     options=ExportOptions(keep=["phone"], mask=["phone"]))
    assert not (tmp_path / "x.csv").exists()


def test_cli_check_shows_the_personal_columns_and_writes_nothing(demo_db, tmp_path,
                                                                 capsys) -> None:
    code = main(["export", "dataset", "--dataset", "demo_credit_applications", "--check",
                 "--keep", "phone", "--db", str(demo_db), "--json"])
    payload = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0 and payload["personal"] == [
        {"column": "customer_name", "kind": "name", "by": "name",
         "reason": "named like a name", "handling": "mask"},
        {"column": "phone", "kind": "phone", "by": "name", "reason": "named like a phone",
         "handling": "keep"}]
    assert not list(tmp_path.glob("*.csv"))
