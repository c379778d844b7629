"""Import core: bank exports in the encodings of East Asia are detected, never read as mojibake.

Each file is shaped like a real statement or ATM journal export (a header, dates, a description
in the local script, amounts) and written here in its encoding, without a byte-order mark.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest import import_file, preview, sniff
from iotfin_gui.core.ingest.detect import guess_encoding, looks_garbled

STATEMENTS = {
    # Mainland China: a bank statement (GB18030, as Excel on Chinese Windows saves CSV).
    "gb18030": ("交易日期,摘要,交易金额,账户余额,对方户名\n",
                "{day},{memo},{amount},{balance},{party}\n",
                ["工资代发", "自动柜员机取款", "跨行转账手续费", "信用卡还款"],
                ["北京分行营业部", "中国建设银行", "上海浦东支行", "招商银行信用卡中心"]),
    # Taiwan: a deposit account statement (Big5).
    "big5": ("交易日期,摘要,支出金額,存入金額,餘額,備註\n",
             "{day},{memo},{amount},,{balance},{party}\n",
             ["薪資轉入", "提款機提款", "跨行轉帳", "信用卡繳款"],
             ["台北分行", "自動櫃員機", "網路銀行", "國泰世華"]),
    # Japan: a passbook export (Shift-JIS).
    "shift_jis": ("取引日,摘要,お引出し,お預入れ,差引残高,備考\n",
                  "{day},{memo},{amount},,{balance},{party}\n",
                  ["ＡＴＭ引出", "給与振込", "口座振替", "カード代金"],
                  ["東京支店", "コンビニＡＴＭ", "電気料金", "三井住友カード"]),
    # Korea: a transaction history (EUC-KR).
    "euc_kr": ("거래일자,적요,출금액,입금액,잔액,거래점\n",
               "{day},{memo},{amount},,{balance},{party}\n",
               ["현금인출", "급여이체", "카드대금", "공과금납부"],
               ["서울중앙지점", "자동화기기", "인터넷뱅킹", "강남지점"]),
}
#: What detection reports (Windows supersets for Shift-JIS and EUC-KR).
DETECTED = {"gb18030": "gb18030", "big5": "big5", "shift_jis": "cp932", "euc_kr": "cp949"}


def statement(encoding: str, rows: int = 40) -> str:
    header, line, memos, parties = STATEMENTS[encoding]
    first = dt.date(2024, 1, 2)
    body = [line.format(day=first + dt.timedelta(days=i), memo=memos[i % 4],
                        amount=f"{100 + 37 * i}.{i % 100:02d}", balance=f"{90000 - 137 * i}.50",
                        party=parties[(i // 4) % 4]) for i in range(rows)]
    return header + "".join(body)


@pytest.mark.parametrize("encoding", sorted(STATEMENTS))
def test_east_asian_statements_are_detected_and_imported_exactly(tmp_path: Path, store,
                                                                 encoding: str) -> None:
    text = statement(encoding)
    path = tmp_path / f"statement_{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    source = sniff(path)
    assert source.encoding == DETECTED[encoding]
    assert source.encoding_confidence is not None and source.encoding_confidence >= 0.9
    assert not source.garbled
    result = import_file(store, path, kind="table")
    assert result.columns == text.splitlines()[0].split(",")
    assert (result.rows_imported, result.rows_quarantined) == (40, 0)
    frame = store.read_dataset(result.dataset)
    memo, party = result.columns[1], result.columns[-1]
    assert frame[memo].tolist()[:4] == STATEMENTS[encoding][2]
    assert frame[party].iloc[39] == STATEMENTS[encoding][3][1]


@pytest.mark.parametrize("encoding", sorted(STATEMENTS))
def test_a_few_rows_are_enough(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "short.csv"
    path.write_bytes(statement(encoding, rows=2).encode(encoding))
    assert sniff(path).encoding == DETECTED[encoding]


def test_short_chinese_is_not_taken_for_korean() -> None:
    """GB2312's common characters share their byte range with EUC-KR's Hangul."""
    assert guess_encoding("姓名,金额\n张三,100\n".encode("gb18030")).encoding == "gb18030"
    assert guess_encoding("이름,금액\n홍길동,100\n".encode("euc_kr")).encoding == "cp949"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, store, codec: str) -> None:
    path = tmp_path / "journal.csv"
    path.write_bytes(statement("gb18030").encode(codec))
    assert sniff(path).encoding == codec
    result = import_file(store, path, kind="table")
    assert result.rows_imported == 40
    assert store.read_dataset(result.dataset)["摘要"].iloc[1] == "自动柜员机取款"


def test_western_exports_keep_their_code_page(tmp_path: Path) -> None:
    path = tmp_path / "eu.csv"
    path.write_bytes("Name;Betrag\nMüller;5 €\nSchön;6 €\n".encode("cp1252"))
    assert sniff(path).encoding == "cp1252" and not sniff(path).garbled


def test_mojibake_is_recognised() -> None:
    big5 = statement("big5", rows=3).encode("big5")
    assert looks_garbled(big5.decode("latin-1"), "latin-1")
    assert looks_garbled("Café,Zürich".encode().decode("cp1252"), "cp1252")
    assert not looks_garbled("Müller-Lüdenscheidt,Genève,Ærø", "latin-1")
    assert not looks_garbled(big5.decode("big5"), "big5")


def test_garbled_text_is_flagged_and_not_imported_until_the_encoding_is_chosen(
        tmp_path: Path, store) -> None:
    data = statement("big5", rows=10).encode("big5")
    # A damaged byte pair: no East Asian code page reads the file whole any more.
    path = tmp_path / "damaged.csv"
    path.write_bytes(data[:200] + b"\x80\x80" + data[200:])
    look = preview(path)
    assert look.source.garbled and look.source.encoding_confidence < 0.6
    assert any("garbled" in str(w) for w in look.warnings)
    with pytest.raises(InputError, match="garbled when read as"):
        import_file(store, path, kind="table")
    assert store.datasets() == []
    result = import_file(store, path, kind="table", encoding="big5")
    assert result.encoding == "big5"
    assert result.rows_imported + result.rows_quarantined == 10
    assert result.rows_quarantined == 1
    assert store.read_dataset(result.dataset)["摘要"].iloc[0] == "薪資轉入"


def test_double_encoded_utf8_is_flagged(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_bytes("name,city\nCafé,Zürich\n".encode().decode("latin-1").encode())
    assert sniff(path).garbled
    assert not sniff(path, encoding="utf-8").garbled
