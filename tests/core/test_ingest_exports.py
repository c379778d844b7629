"""Real export shapes, recreated by code (no file is copied): WeChat Pay and Alipay bills with
their title and footer lines, a Chase checking CSV with a trailing comma on every row, a China
Merchants Bank workbook with account lines above the table, an HSBC UK CSV without a header, a
South African statement with ``R`` amounts and a Taiwanese Big5 statement with split debit and
credit columns. Each imports with the right values; what cannot be data is set aside, with its
line, never guessed into a number."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from iotfin_gui.core.ingest import import_file, preview, quarantined_rows

WECHAT_TITLE = [
    "微信支付账单明细", "微信昵称：[银行分析员]", "起始时间：[2024-01-01 00:00:00] 终止时间：["
    "2024-03-31 23:59:59]", "导出类型：[全部]", "导出时间：[2024-04-01 09:30:12]", "",
    "共3笔记录", "收入：1笔 8000.00元", "支出：2笔 62.50元", "中性交易：0笔 0.00元", "注：",
    "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
    "2. 本明细仅展示当前账单中的交易，不包括已删除的记录", "3. 本明细仅供个人对账使用", "",
    "----------------------微信支付账单明细列表--------------------",
]
WECHAT_ROWS = [
    ["2024-03-30 12:01:09", "商户消费", "某某餐厅", '"午餐, 两人"', "支出", "¥50.00", "零钱",
     "支付成功", "4200002024033012345678901\t", "10001\t", "/"],
    ["2024-03-15 18:22:41", "扫二维码付款", "便利店", "饮料", "支出", "¥12.50", "招商银行(1234)",
     "已转账", "1000050001202403151234\t", "\t", "/"],
    ["2024-03-10 09:00:00", "转账", "公司", "工资", "收入", "¥8000.00", "/", "已存入零钱",
     "1000039901202403100001\t", "/", "/"],
]


def test_wechat_pay_bill(tmp_path: Path, store) -> None:
    """UTF-8 with a BOM, 16 title and note lines of 9 fields, then the 11-column table."""
    header = ("交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,"
              "备注")
    lines = [t + "," * 8 for t in WECHAT_TITLE] + [header] + [",".join(r) for r in WECHAT_ROWS]
    path = tmp_path / "微信支付账单(20240101-20240331).csv"
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig") + b"\r\n")
    look = preview(path)
    assert look.source.header_row == 17
    assert any("line 17" in str(w) for w in look.warnings)
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert (result.rows_imported, result.rows_quarantined) == (3, 0)
    assert frame["金额(元)"].tolist() == [50.0, 12.5, 8000.0]
    assert frame["交易时间"].iloc[0] == pd.Timestamp("2024-03-30 12:01:09")
    assert frame["商品"].iloc[0] == "午餐, 两人"
    assert frame["交易单号"].iloc[0].strip() == "4200002024033012345678901"  # text, all digits


def test_alipay_bill_in_gb18030_with_padding_and_footer(tmp_path: Path, store) -> None:
    """GB18030, 4 title lines, cells padded with spaces, a trailing comma on every table line,
    and a footer of counts and totals after the table."""
    names = ["交易号", "商家订单号", "交易创建时间", "付款时间", "金额（元）", "收/支", "交易状态"]
    rows = [["2024033122001400001234567890", "T200P1234", "2024-03-31 10:00:01",
             "2024-03-31 10:00:05", "128.80", "支出", "交易成功"],
            ["2024033022001400001234567891", "", "2024-03-30 21:15:44", "", "1024.00",
             "收入", "交易成功"]]
    pad = [26, 18, 21, 21, 11, 8, 10]
    table = [",".join(f"{c:<{w}}" for c, w in zip(r, pad, strict=True)) + ","
             for r in [names, *rows]]
    lines = ["支付宝交易记录明细查询", "账号:[20880012345678900156]",
             "起始日期:[2024-03-01 00:00:00]    终止日期:[2024-04-01 00:00:00]",
             "---------------------------------交易记录明细列表------------------------------------",
             *table,
             "------------------------------------------------------------------------------------",
             "共2笔记录", "已收入:1笔,1024.00元", "待收入:0笔,0.00元", "已支出:1笔,128.80元",
             "待支出:0笔,0.00元", "导出时间:[2024-04-01 08:00:00]"]
    path = tmp_path / "alipay_record_20240401.csv"
    path.write_bytes("\r\n".join(lines).encode("gb18030") + b"\r\n")
    look = preview(path)
    assert look.source.encoding == "gb18030"
    assert [c.source for c in look.mapping.columns] == names
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert result.rows_imported == 2
    assert frame["金额（元）"].tolist() == [128.8, 1024.0]
    assert frame["付款时间"].isna().tolist() == [False, True]
    assert frame["交易号"].str.strip().tolist() == [r[0] for r in rows]
    footer = quarantined_rows(store, result.dataset_id)
    assert result.rows_quarantined == len(footer) == 7  # the rule and the footer lines
    assert footer["line"].min() == 8


def test_chase_checking_csv_with_a_trailing_comma(tmp_path: Path, store) -> None:
    path = tmp_path / "Chase1234_Activity_20240401.CSV"
    path.write_text(
        "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n"
        'DEBIT,03/29/2024,"ZELLE PAYMENT TO J SMITH 1234",-250.00,QUICKPAY_DEBIT,7139.41,,\n'
        'CREDIT,03/15/2024,"PAYROLL ACME CORP PPD ID: 99",4000.00,ACH_CREDIT,7389.41,,\n'
        'DSLIP,03/02/2024,"DEPOSIT ID NUMBER 123",150.25,DEPOSIT,3389.41,,\n')
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert (result.rows_imported, result.rows_quarantined) == (3, 0)
    assert frame["Amount"].tolist() == [-250.0, 4000.0, 150.25]
    assert frame["Posting Date"].dt.day.tolist() == [29, 15, 2]


def test_cmb_workbook_with_account_lines_above_the_table(tmp_path: Path, store) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["招商银行交易流水"], ["户    名：张三"], ["账号：6214830212345678"],
                ["币    种：人民币"], [],
                ["记账日期", "货币", "交易金额", "联机余额", "交易摘要", "对手信息"],
                ["1/31/2024", "人民币", -1500, 48500.25, "ATM取款", ""],
                ["1/25/2024", "人民币", 12000.5, 50000.25, "代发工资", "某某公司"],
                ["1/13/2024", "人民币", -20.8, 38000.75, "快捷支付", "财付通"]):
        sheet.append(row)
    path = tmp_path / "招商银行交易流水.xlsx"
    book.save(path)
    look = preview(path)
    assert look.source.header_row == 6
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["交易金额"].tolist() == [-1500.0, 12000.5, -20.8]
    assert frame["记账日期"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-31", "2024-01-25",
                                                               "2024-01-13"]


def test_hsbc_uk_csv_without_a_header(tmp_path: Path, store) -> None:
    path = tmp_path / "TransactionHistory.csv"
    path.write_text('23/03/2024,"TESCO STORES 2041",-42.17\n'
                    '15/03/2024,"SALARY ACME LTD","2,750.00"\n'
                    '02/03/2024,"TFL TRAVEL CH",-6.80\n')
    look = preview(path)
    assert not look.source.header
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["column_3"].tolist() == [-42.17, 2750.0, -6.8]
    assert frame["column_1"].dt.day.tolist() == [23, 15, 2]


def test_rand_amounts(tmp_path: Path, store) -> None:
    path = tmp_path / "statement_za.csv"
    path.write_text('Date,Description,Amount\n23/09/2025,"IB PAYMENT",-R 30000.00\n'
                    '29/09/2025,Woolworths,"-R 287.96"\n'
                    '08/09/2025,"CREDIT TRANSFER","R 1,140.01"\n')
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["Amount"].tolist() == [-30000.0, -287.96, 1140.01]


def test_taiwan_big5_statement_with_split_debit_and_credit(tmp_path: Path, store) -> None:
    path = tmp_path / "cathay.csv"
    path.write_bytes(("交易日期,交易說明,提款金額,存款金額,餘額\n"
                      "2024/01/10,超商繳費,500,,12345.00\n"
                      "2024/01/12,薪資入帳,,50000,62345.00\n"
                      "2024/01/15,ATM提款,2000,,60345.00\n").encode("big5"))
    look = preview(path)
    assert look.source.encoding in ("big5", "cp950", "big5hkscs")
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["提款金額"].tolist()[0] == 500 and pd.isna(frame["提款金額"].iloc[1])
    assert frame["存款金額"].tolist()[1] == 50000
    assert frame["交易說明"].tolist() == ["超商繳費", "薪資入帳", "ATM提款"]
