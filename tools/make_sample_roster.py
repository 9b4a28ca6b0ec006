"""Write samples/roster.xlsx and samples/roster-gbk.csv (the batch samples).

Run from the project root:  python tools/make_sample_roster.py
School names are invented in the style of a county's list; some rows are incomplete on
purpose (no 乙方代表, no 签订日期) to show how blanks are reported.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
HEADERS = ["编号", "甲方学校", "甲方代表", "甲方联系人", "甲方电话", "乙方学校", "乙方代表",
           "乙方联系人", "开始年月", "年限", "签订日期"]
CITY = ["常州市实验小学", "常州市局前街小学", "常州市解放路小学", "常州市博爱小学", "常州市西新桥小学",
        "常州市清潭中学", "常州市第二十四中学", "常州市北郊初级中学", "常州市花园中学", "常州市勤业中学",
        "常州市觅渡桥小学"]
RURAL = ["武进区礼嘉中心小学", "金坛区薛埠中心小学", "溧阳市南渡中心小学", "武进区前黄实验学校",
         "金坛区指前实验学校", "溧阳市竹箦中学", "武进区湟里初级中学", "金坛区儒林中学", "溧阳市上黄中学",
         "武进区嘉泽初级中学", "新北区孟河中心小学", "新北区西夏墅中心小学", "金坛区朱林中心小学",
         "溧阳市别桥中心小学", "武进区雪堰中心小学", "新北区春江中心小学", "溧阳市社渚中心小学",
         "金坛区直溪中心小学", "武进区洛阳中心小学", "新北区罗溪中心小学", "溧阳市戴埠中心小学",
         "武进区横山桥中心小学"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁"
GIVEN = ["强", "敏", "伟", "芳", "军", "丽", "磊", "静", "勇", "艳", "杰", "娟", "涛", "霞", "斌", "萍"]


def person(i: int) -> str:
    return SURNAMES[(i * 7) % len(SURNAMES)] + GIVEN[(i * 5) % len(GIVEN)] + GIVEN[(i * 3 + 1) % len(GIVEN)]


def rows() -> list[list[object]]:
    out = []
    for i, rural in enumerate(RURAL):
        city = CITY[i % len(CITY)]
        signed = dt.date(2025, 9, 1 + i % 20)
        row = [f"CZ-2025-{i + 1:03d}", city, person(i), person(i + 40), f"0519-8660{i:04d}",
               rural, person(i + 80), person(i + 120), "2025-09", 3, signed]
        if i % 7 == 3:
            row[6] = None          # 乙方代表 not yet known
        if i % 5 == 4:
            row[10] = None         # not yet signed
        if i % 6 == 5:
            row[7] = None          # no 乙方联系人
        out.append(row)
    return out


def main() -> None:
    data = rows()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "结对名单"
    sheet.append(HEADERS)
    for row in data:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        row[4].number_format = "@"           # phone numbers are text
        row[10].number_format = "yyyy-mm-dd"
    for column, width in zip("ABCDEFGHIJK", (12, 20, 8, 10, 16, 22, 8, 10, 10, 6, 12)):
        sheet.column_dimensions[column].width = width

    defaults = book.create_sheet("默认值")
    defaults.append(["字段", "值"])
    for key, value in (("主管部门", "常州市教育局"), ("依据文件", "关于做好城乡学校结对工作的意见"),
                       ("文号", "常教发〔2007〕23号"), ("学年", "2025-2026")):
        defaults.append([key, value])

    log = book.create_sheet("活动记录")
    log.append(["编号", "日期", "类型", "名称", "承办方", "教师人次", "课时", "参与人数", "学科",
                "图书", "电脑", "资金"])
    for i in range(len(RURAL)):  # every pair has its log: a summary's figures come from it
        pid = f"CZ-2025-{i + 1:03d}"
        log.append([pid, dt.date(2025, 10, 10 + i % 15), "送教示范课", "语文数学示范课", "甲方", 3, 2, 40,
                    "语文、数学", None, None, None])
        log.append([pid, dt.date(2025, 11, 12 + i % 15), "教师跟岗", "青年教师跟岗", "甲方", 4, None, None,
                    None, None, None, None])
        log.append([pid, dt.date(2025, 12, 2 + i % 20), "捐赠", "爱心图书", "甲方", None, None, None, None,
                    200 + 50 * i, 1, 5000])
    book.save(SAMPLES / "roster.xlsx")

    with open(SAMPLES / "roster-gbk.csv", "w", encoding="gbk", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS + ["主管部门", "文号"])
        for row in data[:8]:
            writer.writerow(["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v)
                             for v in row] + ["常州市教育局", "常教发[2007]023号"])
    print("wrote samples/roster.xlsx, samples/roster-gbk.csv")


if __name__ == "__main__":
    main()
