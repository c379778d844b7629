"""The file shapes of issue 14 imported one by one: rows stored, rows quarantined and the stored
value of one cell, for the project here and (``--baseline ROOT``) for another checkout of it,
side by side: the before/after table of the issue's closing note.

Each shape is written by code into a temporary folder (nothing is copied from real exports) and
imported in a child process, so a reader that aborts the process (calamine on a sparse-cell
bomb) is reported as a crash instead of ending the run. Prints the load average with the table.

    python bench/bench_shapes.py [--baseline ROOT]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, sys, tempfile
sys.path.insert(0, sys.argv[1])
from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.store import Store
options, column, row = json.loads(sys.argv[3]), sys.argv[4], int(sys.argv[5])
with tempfile.TemporaryDirectory() as folder, Store.open(folder + "/s.sqlite") as store:
    try:
        result = import_file(store, sys.argv[2], **options)
    except Exception as error:
        print(json.dumps({"error": type(error).__name__ + ": " + str(error)[:90]}))
        raise SystemExit(0)
    frame = store.read_dataset(result.dataset)
    cell = frame[column].iloc[row] if column in frame.columns and len(frame) > row else "-"
    cell = cell.item() if hasattr(cell, "item") else cell
    print(json.dumps({"rows": result.rows_imported, "quarantined": result.rows_quarantined,
                      "cell": f"{column}={cell!r}"[:60]}))
"""


def text(body: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(body.encode(encoding))


def workbook(rows: list[list], far_cell: str | None = None) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        import openpyxl

        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        if far_cell:
            book.active[far_cell] = "far"
        book.save(path)
    return write


def wide(path: Path) -> None:
    days = [(dt.date(2024, 1, 1) + dt.timedelta(d)).isoformat() for d in range(30)]
    path.write_text("date," + ",".join(f"NN5-{a:03d}" for a in range(1, 6)) + "\n" + "".join(
        f"{d}," + ",".join("" if (i + a) % 11 == 0 else f"{10 + a + i / 7:.2f}"
                           for a in range(1, 6)) + "\n" for i, d in enumerate(days)))


WECHAT = ("".join(t + ",,,,,,,,\r\n" for t in ["微信支付账单明细", "微信昵称：[x]", "", "共2笔记录",
                                              "----------------------微信支付账单明细列表-----"
                                              "---------------"])
          + "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,"
          "备注\r\n"
          + "2024-03-30 12:01:09,商户消费,餐厅,午餐,支出,¥50.00,零钱,支付成功,4200001\t,1\t,/\r\n"
          + "2024-03-10 09:00:00,转账,公司,工资,收入,¥8000.00,/,已存入零钱,100003\t,/,/\r\n")
ALIPAY = ("支付宝交易记录明细查询\r\n账号:[2088001]\r\n-----交易记录明细列表-----\r\n"
          "交易号              ,交易创建时间        ,金额（元）   ,收/支     ,\r\n"
          "2024033122001400001 ,2024-03-31 10:00:01 ,128.80      ,支出      ,\r\n"
          "2024033022001400002 ,2024-03-30 21:15:44 ,1024.00     ,收入      ,\r\n"
          "-----\r\n共2笔记录\r\n已收入:1笔,1024.00元\r\n")
STATEMENT = [["交易明细"], [], ["交易日期", "账号", "金额"],
             [dt.datetime(2024, 1, 5), "6222020200112345678", -1500.0], ["合计", None, -1500.0]]

#: name -> (file name, writer, import options, column shown, row shown)
SHAPES: dict[str, tuple[str, Callable[[Path], None], dict, str, int]] = {
    "quoted thousands, ¥, (accounting)": ("amounts.csv", text(
        'date,amount\n2024-01-01,"7,335.51"\n2024-01-02,"¥4,870.61"\n2024-01-03,"(1,234.00)"\n'),
        {}, "amount", 2),
    "whole numbers, then cents": ("widen.csv", text(
        "atm,v\n" + "".join(f"A,{i}\n" for i in range(20_000)) + "A,-3.5\n"), {}, "v", 20_000),
    "20-digit account numbers": ("accounts.csv", text(
        "acct,v\n12345678901234567890,1\n12345678901234567891,2\n"), {}, "acct", 1),
    "Big5 statement": ("big5.csv", text("交易日期,說明,金額\n2024/01/10,超商繳費,500\n"
                                        "2024/01/12,薪資入帳,50000\n", "big5"), {}, "說明", 0),
    "Shift-JIS statement": ("sjis.csv", text("日付,摘要,金額\n2024/01/10,振込,500\n"
                                             "2024/01/12,給与,50000\n", "shift_jis"), {}, "摘要",
                            1),
    "2026年10月31日 dates": ("cn_dates.csv", text("日期,金额\n2026年10月31日,1\n2026年11月1日,2\n"),
                          {}, "日期", 0),
    "1e400": ("huge.csv", text("v\n1\n1e400\n2.5\n"), {}, "v", 1),
    "rowid and a/A headers": ("names.csv", text("rowid,a,A\n1,2,3\n"), {}, "A_2", 0),
    "CR/DR markers": ("crdr.csv", text('date,amount\n2024-01-02,"1,234.56 CR"\n'
                                       '2024-01-03,"20.00 DR"\n'), {}, "amount", 1),
    "万/亿 units": ("units.csv", text("date,limit\n2024-01-02,1.2万\n2024-01-03,3亿\n"), {},
                  "limit", 0),
    "Arabic-Indic digits": ("arabic.csv", text("date,v\n2024-01-02,١٢٣٫٤٥\n2024-01-03,٧\n"), {},
                            "v", 0),
    "下午3:30 times": ("pm.csv", text("交易时间,金额\n2024/1/5 下午3:30:00,1\n"
                                    "2024/1/6 上午9:05:00,2\n"), {}, "交易时间", 0),
    "Excel day numbers in a CSV": ("serial.csv", text("date,v\n45292,1\n45293,2\n"), {}, "date",
                                   0),
    "month-only dates": ("months.csv", text("月份,v\n2024年1月,1\n2024年2月,2\n"), {}, "月份", 1),
    "wide NN5 (a column per ATM), --unpivot": ("wide.csv", wide, {"unpivot": "auto"}, "value",
                                                0),
    "sparse-cell bomb (A1 + XFD1048576)": ("bomb.xlsx", workbook([["a", "b"], [1, 2]],
                                                                   "XFD1048576"), {}, "a", 0),
    "xlsx: title, blank row, totals": ("statement.xlsx", workbook(STATEMENT), {}, "金额", 0),
    "WeChat Pay bill (title lines)": ("wechat.csv", text(WECHAT, "utf-8-sig"), {}, "金额(元)", 1),
    "Alipay bill (GB18030, footer)": ("alipay.csv", text(ALIPAY, "gb18030"), {}, "金额（元）", 1),
    "Chase CSV (trailing comma)": ("chase.csv", text(
        "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n"
        "DEBIT,03/29/2024,ZELLE,-250.00,QUICKPAY_DEBIT,7139.41,,\n"
        "CREDIT,03/15/2024,PAYROLL,4000.00,ACH_CREDIT,7389.41,,\n"), {}, "Amount", 0),
}


def measure(root: Path, path: Path, options: dict, column: str, row: int) -> str:
    done = subprocess.run([sys.executable, "-c", CHILD, str(root), str(path),
                           json.dumps(options), column, str(row)], capture_output=True, text=True,
                          timeout=600)
    if done.returncode < 0:
        return f"crashed (signal {-done.returncode})"
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return f"failed: {last[:80]}"
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if "error" in found:
        return f"refused: {found['error']}"
    return f"{found['rows']} rows, {found['quarantined']} quarantined, {found['cell']}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, default=None,
                        help="also import with the project checked out at this folder")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}")
    header = "| shape | " + ("before | " if args.baseline else "") + "after |"
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    with tempfile.TemporaryDirectory() as folder:
        for name, (file_name, write, options, column, row) in SHAPES.items():
            path = Path(folder) / file_name
            write(path)
            cells = [measure(args.baseline, path, options, column, row)] if args.baseline else []
            cells.append(measure(ROOT, path, options, column, row))
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
