"""Personal data: detection by column name, masking, salted hashing, Luhn card numbers."""

from __future__ import annotations

import csv
import json

import pytest

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.reports import ExportOptions, detect_personal, export_table, hash_salt
from iotfin_gui.core.reports.personal import luhn_valid
from iotfin_gui.core.reports.privacy import (
    SALT_SETTING,
    hash_value,
    mask_cards,
    mask_value,
)


def rows_of(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_personal_columns_are_detected_in_english_and_chinese() -> None:
    found = detect_personal(["customer_name", "Phone", "手机号", "联系电话", "身份证号",
                             "id_card", "卡号", "card_number", "Customer ID", "客户号",
                             "email", "姓名", "name", "device_id", "amount", "telemetry_x",
                             "scorecard"])
    assert found == {"customer_name": "name", "Phone": "phone", "手机号": "phone",
                     "联系电话": "phone", "身份证号": "id_card", "id_card": "id_card",
                     "卡号": "card", "card_number": "card", "Customer ID": "customer_id",
                     "客户号": "customer_id", "email": "email", "姓名": "name"}


def test_mask_values() -> None:
    assert mask_value("13812345678", "phone") == "138****5678"
    assert mask_value("张三", "name") == "张*"
    assert mask_value("欧阳娜娜", "name") == "欧***"
    assert mask_value("6222021234567890123", "card") == "622202*********0123"
    assert mask_value("110101199003071234", "id_card") == "110101********1234"
    assert mask_value("wang@example.cn", "email") == "w***@example.cn"


def test_luhn_true_and_false_positives() -> None:
    assert luhn_valid("4111111111111111") and luhn_valid("6011000990139424")
    assert not luhn_valid("2024010512345678"), "an order number failing Luhn"
    assert mask_cards("card 4111 1111 1111 1111 paid") == ("card 4111 11** **** 1111 paid", 1)
    assert mask_cards("4111-1111-1111-1111") == ("4111-11**-****-1111", 1)
    assert mask_cards("order 2024010512345678") == ("order 2024010512345678", 0)
    assert mask_cards("4111111111111111111111") == ("4111111111111111111111", 0), "22 digits"
    assert mask_cards("tel 13812345678") == ("tel 13812345678", 0)


def test_export_masks_personal_columns_and_cards_by_default(demo, tmp_path) -> None:
    frame = demo.read_dataset("demo_credit_applications")
    frame["note"] = "card 4111 1111 1111 1111, order 2024010512345678"
    out = tmp_path / "credit.csv"
    result = export_table(demo, "replenishment_plan", out, frame=frame)
    rows = rows_of(out)
    assert result.masking["masked"] == {"customer_name": "name", "phone": "phone"}
    assert result.masking["cards_masked"] == len(frame)
    for row, name, phone in zip(rows, frame["customer_name"], frame["phone"], strict=True):
        assert row["customer_name"] == name[0] + "*" * (len(name) - 1)
        assert row["phone"] == phone[:3] + "****" + phone[-4:]
        assert row["note"] == "card 4111 11** **** 1111, order 2024010512345678"
    plain = tmp_path / "plain.csv"
    export_table(demo, "replenishment_plan", plain, frame=frame,
                 options=ExportOptions(auto_mask=False, mask=["city"]))
    rows = rows_of(plain)
    assert rows[0]["customer_name"] == frame["customer_name"][0]
    assert "4111 1111 1111 1111" in rows[0]["note"] and "*" in rows[0]["city"]


def test_hashing_uses_the_stored_salt(demo, tmp_path) -> None:
    salt = hash_salt(demo)
    assert hash_salt(demo) == salt == demo.setting(SALT_SETTING) and len(salt) == 64
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    options = ExportOptions(hash_columns=["phone", "customer_name"])
    export_table(demo, "dataset", first, dataset="demo_credit_applications", options=options)
    export_table(demo, "dataset", second, dataset="demo_credit_applications", options=options)
    a, b = rows_of(first), rows_of(second)
    phones = demo.read_dataset("demo_credit_applications")["phone"]
    assert [r["phone"] for r in a] == [r["phone"] for r in b] == \
        [hash_value(p, salt) for p in phones]
    assert hash_value(phones[0], salt) != hash_value(phones[0], "another salt")
    assert len({r["customer_name"] for r in a}) > 1
    masking = json.loads(demo.conn.execute(
        "SELECT masking FROM exports ORDER BY id DESC").fetchone()[0])
    assert masking["hashed"] == ["customer_name", "phone"] and masking["masked"] == {}
    assert salt not in json.dumps(masking)


def test_unknown_mask_column_is_an_input_error(demo, tmp_path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(InputError, match="no such column"):
        export_table(demo, "dataset", folder / "x.csv", dataset="demo_credit_applications",
                     options=ExportOptions(mask=["nope"]))
    assert list(folder.iterdir()) == []
