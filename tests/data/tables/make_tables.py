#!/usr/bin/env python3
"""Build the roster and activity tables in this folder, and expected.json, the truth about them.

The tables look like what a Chinese county education bureau or a school really keeps:
merged titles and notes around the data, merged supporter cells, a hidden column, dates
written every way people write them, phone numbers that Excel turned into numbers. See
README.md for each file's producer and quirks.

    python tests/data/tables/make_tables.py            # rebuild everything here
    python tests/data/tables/make_tables.py --check    # report what survived each conversion

Needs openpyxl, LibreOffice (soffice) for the .xls/.ods/-lo.xlsx copies and protected.xls
(through Debian's python3-uno, run with /usr/bin/python3), and msoffcrypto-tool for
protected.xlsx. Zip entry times and document dates are pinned, so the output is the same on
every run except protected.xls (LibreOffice picks a random salt) and, now and then,
county-excel.ods (LibreOffice orders the page layouts in styles.xml as it likes).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PASSWORD = "1234"
FIXED_TIME = "2026-09-01T08:00:00Z"
FIXED_DT = dt.datetime(2026, 9, 1, 8, 0, 0)

COUNTY = "青山县"

# ---------------------------------------------------------------------------------------
# Cell values: what the user typed, how Excel stores it, and what it must mean.
# ---------------------------------------------------------------------------------------


class Cell:
    """A value as stored in the sheet, its number format, and what docgen must read."""

    def __init__(self, value, fmt="General", truth=None, written=None, **extra):
        self.value = value
        self.fmt = fmt
        self.truth = truth if truth is not None else value
        self.written = written
        self.extra = extra


def display(value, fmt: str) -> str:
    """The text Excel shows (and writes to CSV) for a stored value and its number format."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (dt.datetime, dt.date)):
        y, m, d = value.year, value.month, value.day
        return {'yyyy"年"m"月"': f"{y}年{m}月",
                'yyyy"年"m"月"d"日"': f"{y}年{m}月{d}日",
                "yyyy/m/d": f"{y}/{m}/{d}"}[fmt]
    if fmt == "0.00":
        return f"{value:.2f}"
    if fmt == "General":
        if isinstance(value, int) or float(value).is_integer():
            return str(int(value))
        return f"{value:.10g}"
    raise ValueError(f"no display rule for {fmt!r}")


def id_number(area: str, birth: str, seq: str) -> str:
    """An 18-digit resident ID (fake person) with a correct check digit (GB 11643)."""
    body = area + birth + seq
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def phone(value):
    """A 联系电话 cell: an int (Excel ate the leading 0 of a landline) or text as typed."""
    if isinstance(value, int):
        digits = str(value)
        if digits.startswith("1") and len(digits) == 11:  # a mobile number: nothing lost
            return Cell(value, truth=digits, written="number (mobile)")
        return Cell(value, truth={"value": "0" + digits, "restored": True, "shown": digits},
                    written=f"number ({len(digits)} digits, landline that lost its 0)")
    return Cell(value, fmt="@", truth=value, written="text")


# ---------------------------------------------------------------------------------------
# The schools and people (fake), shared by the roster and the activity files.
# ---------------------------------------------------------------------------------------

S_EXP = f"{COUNTY}实验小学"
S_EXP2 = f"{COUNTY}第二实验小学"
S_MID1 = f"{COUNTY}第一初级中学"
S_SOUTH = f"{COUNTY}城南小学"
S_NORTH = f"{COUNTY}城北小学"
S_KG = f"{COUNTY}实验幼儿园"
R_DONGHU = f"{COUNTY}东湖乡中心小学"
R_TAOYUAN = f"{COUNTY}东湖乡桃园村小学"
R_GAOLING = f"{COUNTY}高岭镇中心小学"
R_NANTANG = f"{COUNTY}南塘镇中心小学"
R_NANTANG_MID = f"{COUNTY}南塘镇初级中学"
R_LUOGANG = f"{COUNTY}南塘镇罗岗村小学"
R_BAISHI = f"{COUNTY}白石乡中心小学"
R_LIUSHU = f"{COUNTY}白石乡柳树村小学"
R_KG = f"{COUNTY}东湖乡中心幼儿园"

YM = 'yyyy"年"m"月"'
YMD = 'yyyy"年"m"月"d"日"'


def ym(year, month):
    return f"{year:04d}-{month:02d}"


# ---------------------------------------------------------------------------------------
# Styling, as Excel (Chinese Windows) saves a bureau's form.
# ---------------------------------------------------------------------------------------


def styles():
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin", color="000000")
    return {
        "title": Font(name="方正小标宋简体", size=18),
        "caption": Font(name="宋体", size=11),
        "header": Font(name="黑体", size=11),
        "body": Font(name="宋体", size=11),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=False),
    }


def set_props(wb) -> None:
    p = wb.properties
    p.creator = "Administrator"
    p.lastModifiedBy = "Administrator"
    p.title = None
    p.created = FIXED_DT
    p.modified = FIXED_DT


def frame(ws, first_row: int, last_row: int, ncols: int, st, left_cols=()) -> None:
    """Borders and body font over the table area (merged cells included, as Excel does)."""
    for r in range(first_row, last_row + 1):
        for c in range(1, ncols + 1):
            cell = ws.cell(r, c)
            cell.border = st["border"]
            if cell.font is None or cell.font.name != "黑体":
                cell.font = st["body"]
            cell.alignment = st["left"] if c in left_cols else st["center"]


def landscape(ws) -> None:
    """Print setup a clerk sets before printing: A4 landscape, all columns on one page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def put(ws, row: int, col: int, cell):
    """Write a Cell (or a bare value) and its number format."""
    target = ws.cell(row, col)
    if isinstance(cell, Cell):
        target.value = cell.value
        if cell.fmt != "General":
            target.number_format = cell.fmt
    else:
        target.value = cell
    return target


# ---------------------------------------------------------------------------------------
# county-excel.xlsx: instructions sheet first, then the roster.
# ---------------------------------------------------------------------------------------

EXCEL_HEADER = ["序号", "支援学校", "校长", "联系人", "联系电话", "受援学校", "受援学校校长",
                "校长身份证号", "结对时间", "帮扶年限", "备注"]

# One supporter block per entry: the supporter's four cells, then its rows (sheet row
# numbers as Excel shows them), each: supported school, its principal, the principal's ID,
# 结对时间, 帮扶年限, 备注.
EXCEL_BLOCKS = [
    (4, (S_EXP, "陈志刚", "刘洋", phone(55166719256)), [
        (R_DONGHU, Cell("赵国强"), id_number("340122", "19750312", "561"),
         Cell(dt.datetime(2026, 9, 1), YM, ym(2026, 9), "date cell, format yyyy\"年\"m\"月\""),
         Cell(3, truth=3, written="number"), ""),
        (R_TAOYUAN, Cell("孙丽"), id_number("340122", "19820725", "382"),
         Cell("2026.9", truth=ym(2026, 9), written="text"),
         Cell("3年", truth=3, written="text"), "教学点"),
        (R_GAOLING, Cell("周文斌"), id_number("340122", "19790918", "013"),
         Cell("2026年9月", truth=ym(2026, 9), written="text"),
         Cell("三年", truth=3, written="text (Chinese numeral)"), ""),
    ]),
    (7, (S_EXP2, Cell("　李明　", truth="李明", written="full-width spaces around"), "何静",
         phone(13905510001)), [
        (R_NANTANG, Cell("吴海涛"), id_number("340122", "19770204", "275"),
         Cell("2026-9", truth=ym(2026, 9), written="text"), Cell(3, truth=3), ""),
    ]),
    # row 8 is left empty
    (9, (S_MID1, "郑晓东", "马丽娟", phone(5516671925)), [
        (R_NANTANG_MID, Cell("黄志明"), id_number("340122", "19730630", "431"),
         Cell(2026.9, truth=ym(2026, 9), written="number 2026.9, General"),
         Cell(3, truth=3), ""),
    ]),
    (10, (Cell(S_SOUTH + " ", truth=S_SOUTH, written="trailing ASCII space"), "钱红梅",
          "许文", phone("0551-66719256")), [
        (R_BAISHI, Cell("李　明", truth="李　明", written="full-width space inside (kept)"),
         id_number("340122", "19811109", "052"),
         Cell(2026.1, "0.00", ym(2026, 10), "number 2026.1, format 0.00 (shows 2026.10)"),
         Cell("3年", truth=3), "续签"),
    ]),
    (11, (S_NORTH, "冯建华", "朱敏", phone("13805516688")), [
        (R_LIUSHU, Cell("蒋涛"), id_number("340122", "19860521", "617"),
         Cell(2026.1, truth={"value": ym(2026, 1), "ambiguous": True},
              written="number 2026.1, General (typed 2026.1 or 2026.10?)"),
         Cell(3, truth=3), ""),
    ]),
    (12, (S_KG, "韩雪", "杨柳", phone(13956012345)), [
        (R_KG, Cell("曹丽华"), id_number("340122", "19840817", "248"),
         Cell(dt.datetime(2026, 3, 1), "yyyy/m/d", ym(2026, 3), "date cell 2026/3/1, format yyyy/m/d"),
         Cell(3, truth=3), "学前教育结对"),
    ]),
]

EXCEL_TITLE = f"2026年{COUNTY}城乡学校结对帮扶名单"
EXCEL_CAPTION = f"填报单位（盖章）：{COUNTY}教育局　　　　　　　　填报日期：2026年9月1日"
EXCEL_NOTE = "注：1. 结对时间填写到月；2. 帮扶年限一般为三年。"
INSTRUCTIONS = [
    "填表说明",
    "1. 支援学校填写全称，不得使用简称。",
    "2. 结对时间填写到月，如“2026年9月”。",
    "3. 支援学校、受援学校各占一列；一所支援学校结对多所受援学校的，支援学校一栏可合并单元格。",
    "4. 帮扶年限一般为三年，填写数字即可。",
    "5. 联系电话填写办公电话或手机号码，办公电话请加区号。",
    "6. 请于2026年9月10日前将电子版及盖章扫描件报送县教育局基础教育股。",
]


def merged_line(ws, row: int, ncols: int, text: str, font, alignment, height: float) -> None:
    """A title or caption across the table, as offices merge them: one cell over all columns."""
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    cell = ws.cell(row, 1, text)
    cell.font = font
    cell.alignment = alignment
    ws.row_dimensions[row].height = height


def build_county_excel():
    from openpyxl import Workbook
    from openpyxl.styles import Font

    st = styles()
    wb = Workbook()
    set_props(wb)
    info = wb.active
    info.title = "填表说明"
    for i, line in enumerate(INSTRUCTIONS, 1):
        c = info.cell(i, 1, line)
        c.font = Font(name="宋体", size=12, bold=(i == 1))
    info.column_dimensions["A"].width = 100

    ws = wb.create_sheet("2026年名单")
    ncols = len(EXCEL_HEADER)
    merged_line(ws, 1, ncols, EXCEL_TITLE, st["title"], st["center"], 36)
    merged_line(ws, 2, ncols, EXCEL_CAPTION, st["caption"], st["left"], 22)
    for c, name in enumerate(EXCEL_HEADER, 1):
        ws.cell(3, c, name)
    ws.row_dimensions[3].height = 30

    seq = 0
    last = 3
    for top, supporter, rows in EXCEL_BLOCKS:
        for i, (sname, srep, sid, start, years, note) in enumerate(rows):
            r = top + i
            seq += 1
            ws.cell(r, 1, seq)
            if i == 0:
                for col, value in zip((2, 3, 4, 5), supporter):
                    put(ws, r, col, value)
            put(ws, r, 6, sname)
            put(ws, r, 7, srep)
            put(ws, r, 8, Cell(sid, "@"))
            put(ws, r, 9, start)
            put(ws, r, 10, years)
            put(ws, r, 11, note or None)
            last = r
        if len(rows) > 1:
            for col in (2, 3, 4, 5):
                ws.merge_cells(start_row=top, start_column=col, end_row=top + len(rows) - 1,
                               end_column=col)
    frame(ws, 3, last, ncols, st)
    for c in range(1, ncols + 1):
        ws.cell(3, c).font = st["header"]

    note_row, sign_row = last + 1, last + 2
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=ncols)
    ws.cell(note_row, 1, EXCEL_NOTE).font = st["caption"]
    ws.cell(note_row, 1).alignment = st["left"]
    # The signature line typed into two cells of the table's columns, as clerks do.
    ws.cell(sign_row, 2, "填表人：王芳").font = st["caption"]
    ws.cell(sign_row, 6, "审核人：李强").font = st["caption"]

    widths = [6, 22, 9, 9, 15, 26, 12, 21, 12, 10, 14]
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(65 + i)].width = w
    ws.column_dimensions["H"].hidden = True
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    landscape(ws)
    wb.active = 1
    info.sheet_view.tabSelected = False
    return wb, {"note_row": note_row, "sign_row": sign_row, "ncols": ncols}


def excel_truth(layout):
    pairs = []
    for top, supporter, rows in EXCEL_BLOCKS:
        sup = {}
        for key, value in zip(("name", "representative", "contact", "phone"), supporter):
            sup[key] = value.truth if isinstance(value, Cell) else value
        for i, (sname, srep, _sid, start, years, _note) in enumerate(rows):
            pairs.append({
                "row": top + i,
                "supporter": dict(sup),
                "supported": {"name": sname, "representative": srep.truth},
                "start": start.truth,
                "years": years.truth,
                "written": {k: v for k, v in (
                    ("start", start.written), ("years", years.written),
                    ("supporter.name", getattr(supporter[0], "written", None)),
                    ("supporter.representative", getattr(supporter[1], "written", None)),
                    ("supporter.phone", getattr(supporter[3], "written", None)),
                    ("supported.representative", srep.written)) if v},
                **({"supporter_merged_from_row": top} if i else {}),
            })
    skipped = [{"row": 1, "reason": "title", "text": EXCEL_TITLE},
               {"row": 2, "reason": "title", "text": EXCEL_CAPTION},
               {"row": 8, "reason": "empty"},
               {"row": layout["note_row"], "reason": "note", "text": EXCEL_NOTE},
               {"row": layout["sign_row"], "reason": "note",
                "cells": {"B": "填表人：王芳", "F": "审核人：李强"}}]
    return pairs, skipped


EXCEL_COLUMNS = {
    "序号": None, "支援学校": "supporter.name", "校长": "supporter.representative",
    "联系人": "supporter.contact", "联系电话": "supporter.phone", "受援学校": "supported.name",
    "受援学校校长": "supported.representative", "校长身份证号": None, "结对时间": "start",
    "帮扶年限": "years", "备注": None,
}

# ---------------------------------------------------------------------------------------
# county-twolevel.xlsx: a two-level header.
# ---------------------------------------------------------------------------------------

TWO_TITLE = f"{COUNTY}2026年城乡义务教育学校结对帮扶一览表"
TWO_SIGN = "填表人：王芳　　　　联系电话：0551-66719256"
# (row, supporter (name, principal, phone) or None under a merge, supported (name, principal, phone), start, years)
TWO_ROWS = [
    (4, (S_EXP2, "李明", phone("0551-66702233")), (R_NANTANG, "吴海涛", phone("0551-66581234")),
     Cell(dt.datetime(2026, 9, 1), YM, ym(2026, 9), "date cell"), Cell(3, truth=3)),
    (5, None, (R_LUOGANG, "潘玉兰", phone(13705519876)),
     Cell("2026年9月", truth=ym(2026, 9), written="text"), Cell(3, truth=3)),
    (6, (S_MID1, "郑晓东", phone(55166703456)), (R_NANTANG_MID, "黄志明", phone("18955101234")),
     Cell("2026.09", truth=ym(2026, 9), written="text"), Cell("3年", truth=3)),
    (7, (S_SOUTH, "钱红梅", phone("0551-66719256")), (R_BAISHI, "李明", phone(55166593456)),
     Cell(2026.9, truth=ym(2026, 9), written="number 2026.9, General"), Cell(3, truth=3)),
]


def build_county_twolevel():
    from openpyxl import Workbook

    st = styles()
    wb = Workbook()
    set_props(wb)
    ws = wb.active
    ws.title = "Sheet1"
    ncols = 9
    merged_line(ws, 1, ncols, TWO_TITLE, st["title"], st["center"], 36)
    ws["A2"] = "序号"
    ws["B2"] = "支援学校（城区）"
    ws["E2"] = "受援学校（农村）"
    ws["H2"] = "结对时间"
    ws["I2"] = "帮扶年限"
    for c, name in enumerate(["学校名称", "校长", "联系电话"] * 2, 2):
        ws.cell(3, c, name)
    for rng in ("A2:A3", "B2:D2", "E2:G2", "H2:H3", "I2:I3"):
        ws.merge_cells(rng)
    seq = 0
    for r, sup, sd, start, years in TWO_ROWS:
        seq += 1
        ws.cell(r, 1, seq)
        if sup:
            for c, v in zip((2, 3, 4), sup):
                put(ws, r, c, v)
        for c, v in zip((5, 6, 7), sd):
            put(ws, r, c, v)
        put(ws, r, 8, start)
        put(ws, r, 9, years)
    ws.merge_cells("B4:B5")
    ws.merge_cells("C4:C5")
    ws.merge_cells("D4:D5")
    last = TWO_ROWS[-1][0]
    frame(ws, 2, last, ncols, st)
    for r in (2, 3):
        for c in range(1, ncols + 1):
            ws.cell(r, c).font = st["header"]
    sign = last + 1
    ws.merge_cells(start_row=sign, start_column=1, end_row=sign, end_column=ncols)
    ws.cell(sign, 1, TWO_SIGN).font = st["caption"]
    for i, w in enumerate([6, 22, 9, 15, 26, 9, 15, 12, 10]):
        ws.column_dimensions[chr(65 + i)].width = w
    ws.freeze_panes = "A4"
    landscape(ws)
    return wb, {"sign_row": sign}


def twolevel_truth(layout):
    pairs = []
    current = None
    top = None
    for r, sup, sd, start, years in TWO_ROWS:
        if sup:
            current = {"name": sup[0], "representative": sup[1], "contact": None,
                       "phone": sup[2].truth}
            top = r
        pairs.append({
            "row": r,
            "supporter": dict(current),
            "supported": {"name": sd[0], "representative": sd[1], "phone": sd[2].truth},
            "start": start.truth,
            "years": years.truth,
            "written": {k: v for k, v in (("start", start.written),) if v},
            **({"supporter_merged_from_row": top} if top != r else {}),
        })
    skipped = [{"row": 1, "reason": "title", "text": TWO_TITLE},
               {"row": layout["sign_row"], "reason": "note", "text": TWO_SIGN}]
    return pairs, skipped


TWO_COLUMNS = {
    "序号": None,
    "支援学校（城区）/学校名称": "supporter.name", "支援学校（城区）/校长": "supporter.representative",
    "支援学校（城区）/联系电话": "supporter.phone",
    "受援学校（农村）/学校名称": "supported.name", "受援学校（农村）/校长": "supported.representative",
    "受援学校（农村）/联系电话": "supported.phone",
    "结对时间": "start", "帮扶年限": "years",
}

# ---------------------------------------------------------------------------------------
# Activity records kept by a school.
# ---------------------------------------------------------------------------------------

FULL_TYPE = {"送教": "送教示范课", "跟岗": "教师跟岗", "讲座": "专题讲座", "手拉手": "学生手拉手",
             "教研": "教研活动"}
PAIR_IDS = {"QS-2026-001": (S_EXP, R_DONGHU), "QS-2026-002": (S_EXP, R_TAOYUAN),
            "QS-2026-003": (S_EXP, R_GAOLING)}


def d(y, m, day, fmt=YMD):
    return Cell(dt.datetime(y, m, day), fmt, f"{y:04d}-{m:02d}-{day:02d}", f"date cell, {fmt}")


def t(text, truth):
    return Cell(text, truth=truth, written="text")


# (编号, 活动时间, 活动类型 as written, 活动内容, 承办学校, 参与教师, 课时, 参与人数, 图书, 备注)
SCHOOL_ACTIVITIES = [
    ("QS-2026-001", d(2026, 9, 18), "送教", "语文、数学送教示范课", S_EXP, 4, 4, 120, None, ""),
    ("QS-2026-002", t("2026.9.25", "2026-09-25"), "讲座", "家校共育专题讲座", S_EXP, 1, None, 60, None, "线上"),
    ("QS-2026-001", d(2026, 10, 15, "yyyy/m/d"), "跟岗", "东湖乡中心小学3名青年教师到我校跟岗学习一周", S_EXP, 3, None, None, None, ""),
    ("QS-2026-003", t("2026年10月28日", "2026-10-28"), "教研", "数学同课异构联合教研", R_GAOLING, 6, 2, 30, None, ""),
    ("QS-2026-002", d(2026, 11, 12), "送教示范课", "英语送教示范课", S_EXP, 2, 2, 45, None, ""),
    ("QS-2026-001", d(2026, 11, 20), "手拉手", "“手拉手 共成长”书信交流", R_DONGHU, 2, None, 80, None, ""),
    ("QS-2026-003", d(2026, 12, 3), "领导互访", "校长一行到高岭镇中心小学调研交流", R_GAOLING, 3, None, None, None, ""),
    ("QS-2026-002", d(2026, 12, 18), "捐赠", "捐赠图书及学习用品", S_EXP, 2, None, None, 500, "价值约1.2万元"),
    ("QS-2026-001", t("2027.3.16", "2027-03-16"), "教研", "科学学科联合教研", R_DONGHU, 5, 2, 25, None, ""),
    ("QS-2026-003", d(2027, 4, 9, "yyyy/m/d"), "送教", "音乐、美术送教下乡", S_EXP, 3, 3, 90, None, ""),
    ("QS-2026-002", t("2027年5月", "2027-05"), "讲座", "心理健康教育专题讲座", S_EXP, 1, 1, 50, None, "具体日期待补"),
]

NOID_ACTIVITIES = [
    (d(2026, 9, 18), "送教", "语文、数学送教示范课", S_EXP, 4, 4, 120, None, ""),
    (d(2026, 10, 15, "yyyy/m/d"), "跟岗", "我校3名青年教师到实验小学跟岗学习一周", S_EXP, 3, None, None, None, ""),
    (t("2026.10.30", "2026-10-30"), "教研", "语文阅读教学联合教研", R_DONGHU, 5, 2, 20, None, ""),
    (d(2026, 11, 20), "手拉手", "“手拉手 共成长”书信交流", R_DONGHU, 2, None, 80, None, ""),
    (d(2026, 12, 10), "领导互访", "实验小学校长来校指导工作", R_DONGHU, 2, None, None, None, ""),
    (d(2026, 12, 18), "捐赠", "实验小学捐赠图书", S_EXP, 1, None, None, 300, ""),
    (t("2027年3月16日", "2027-03-16"), "教研", "科学学科联合教研", R_DONGHU, 5, 2, 25, None, ""),
    (d(2027, 4, 22), "讲座", "班主任工作专题讲座", S_EXP, 1, 1, 40, None, ""),
]

NUM_COLS = ("teachers", "lessons", "participants", "books")


def build_activities(with_id: bool):
    from openpyxl import Workbook

    st = styles()
    wb = Workbook()
    school = S_EXP if with_id else R_DONGHU
    title = f"{school}2026—2027学年结对帮扶活动记录表"
    set_props(wb)
    ws = wb.active
    ws.title = "活动记录" if with_id else "Sheet1"
    header = (["序号"] + (["编号"] if with_id else []) +
              ["活动时间", "活动类型", "活动内容", "承办学校", "参与教师（人次）", "课时（节）",
               "参与人数", "图书（册）", "备注"])
    ncols = len(header)
    merged_line(ws, 1, ncols, title, st["title"], st["center"], 36)
    for c, name in enumerate(header, 1):
        ws.cell(2, c, name)
    rows = SCHOOL_ACTIVITIES if with_id else [(None,) + a for a in NOID_ACTIVITIES]
    first = 3
    for i, (pid, when, kind, content, host, *rest) in enumerate(rows):
        r = first + i
        values = [i + 1] + ([pid] if with_id else []) + [when, kind, content, host] + rest
        for c, v in enumerate(values, 1):
            put(ws, r, c, v if v != "" else None)
    last = first + len(rows) - 1
    total = last + 1
    num0 = header.index("参与教师（人次）") + 1
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=num0 - 1)
    ws.cell(total, 1, "合计")
    from openpyxl.utils import get_column_letter
    for c in range(num0, num0 + 4):
        L = get_column_letter(c)
        ws.cell(total, c, f"=SUM({L}{first}:{L}{last})")
    frame(ws, 2, total, ncols, st, left_cols=(header.index("活动内容") + 1,))
    for c in range(1, ncols + 1):
        ws.cell(2, c).font = st["header"]
    sign = total + 1
    signer = "刘洋" if with_id else "孙浩"
    sign_text = f"填表人：{signer}　　　　　　填表日期：2027年6月30日"
    ws.merge_cells(start_row=sign, start_column=1, end_row=sign, end_column=ncols)
    ws.cell(sign, 1, sign_text).font = st["caption"]
    widths = [6] + ([14] if with_id else []) + [14, 12, 34, 24, 10, 8, 10, 10, 14]
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    ws.freeze_panes = "A3"
    landscape(ws)

    supporter, supported = S_EXP, R_DONGHU
    expected_rows = []
    for i, (pid, when, kind, content, host, *nums) in enumerate(rows):
        if with_id:
            supporter, supported = PAIR_IDS[pid]
        item = {"row": first + i}
        if with_id:
            item["id"] = pid
        item.update({
            "date": when.truth, "type": FULL_TYPE.get(kind, kind), "type_written": kind,
            "content": content, "host": host,
            "host_side": "supporter" if host == supporter else "supported",
        })
        assert host in (supporter, supported), (host, supporter, supported)
        item.update(dict(zip(NUM_COLS, nums[:4])))
        if when.written != "text":
            item["date_written"] = when.written
        expected_rows.append(item)
    totals = {k: sum(r[k] or 0 for r in expected_rows) for k in NUM_COLS}
    truth = {
        "kind": "activities",
        "sheet": ws.title,
        "school": school,
        "title_rows": [1], "header_rows": [2],
        "columns": {h: m for h, m in zip(header, [None] + (["pair_id"] if with_id else []) +
                                          ["date", "type", "content", "host", *NUM_COLS, None])},
        "ignored_columns": ["序号", "备注"],
        "activities": expected_rows,
        "skipped": [{"row": 1, "reason": "title", "text": title},
                    {"row": total, "reason": "total", "text": "合计", "sums": totals},
                    {"row": sign, "reason": "note", "text": sign_text}],
    }
    if with_id:
        truth["pairs"] = {k: {"supporter": a, "supported": b} for k, (a, b) in PAIR_IDS.items()}
    else:
        truth["pair"] = {"supporter": supporter, "supported": supported}
    return wb, truth


def build_not_a_roster():
    from openpyxl import Workbook

    wb = Workbook()
    set_props(wb)
    ws = wb.active
    ws.title = "三年级二班"
    rows = [("学号", "姓名", "性别", "年龄", "家庭住址", "监护人电话"),
            (1, "张子涵", "女", 9, "东湖乡桃园村", 13805510123),
            (2, "王浩然", "男", 9, "东湖乡东湖村", 13905517788),
            (3, "李欣怡", "女", 8, "东湖乡桃园村", 15255123456),
            (4, "刘宇轩", "男", 9, "东湖乡新街", 18156001234),
            (5, "陈思琪", "女", 8, "东湖乡东湖村", 13665519900),
            (6, "杨梓豪", "男", 10, "东湖乡桃园村", 13505512468)]
    for row in rows:
        ws.append(row)
    for col, w in zip("ABCDEF", (6, 10, 6, 6, 16, 14)):
        ws.column_dimensions[col].width = w
    return wb


# ---------------------------------------------------------------------------------------
# CSV as Excel / WPS write it: displayed text, merged cells empty after the first.
# ---------------------------------------------------------------------------------------


def sheet_as_displayed(ws) -> list[list[str]]:
    out = []
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
        out.append([display(c.value, c.number_format) for c in row])
    return out


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


# ---------------------------------------------------------------------------------------
# Determinism: pinned zip entry times and document dates.
# ---------------------------------------------------------------------------------------

_DATE_PATTERNS = [
    (rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + FIXED_TIME.encode() + rb"\g<2>"),
    (rb"(<meta:creation-date>)[^<]*(</meta:creation-date>)", rb"\g<1>2026-09-01T08:00:00\g<2>"),
    (rb"(<dc:date>)[^<]*(</dc:date>)", rb"\g<1>2026-09-01T08:00:00\g<2>"),
    (rb"(<meta:editing-duration>)[^<]*(</meta:editing-duration>)", rb"\g<1>PT0S\g<2>"),
]


def pin_zip(path: Path) -> None:
    """Rewrite a zip package with fixed entry times and fixed document dates."""
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info)) for info in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info, data in entries:
            if info.filename in ("docProps/core.xml", "meta.xml"):
                for pat, rep in _DATE_PATTERNS:
                    data = re.sub(pat, rep, data)
            new = zipfile.ZipInfo(info.filename, date_time=(2026, 9, 1, 8, 0, 0))
            new.compress_type = info.compress_type
            new.external_attr = 0o644 << 16
            out.writestr(new, data, compresslevel=6 if info.compress_type else None)
    path.write_bytes(buf.getvalue())


def save(wb, path: Path) -> None:
    wb.save(path)
    pin_zip(path)


# ---------------------------------------------------------------------------------------
# LibreOffice.
# ---------------------------------------------------------------------------------------

FILTERS = {"xls": "xls:MS Excel 97", "ods": "ods:calc8", "xlsx": "xlsx:Calc MS Excel 2007 XML"}


def soffice(profile: Path, src: Path, ext: str, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", FILTERS[ext], "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=300)
    out = outdir / (src.stem + "." + ext)
    if not out.exists():
        raise RuntimeError(f"LibreOffice made no {out.name}")
    return out


def uno_encrypted_xls(src: Path, dest: Path, profile: Path) -> None:
    """Run with Debian's /usr/bin/python3 (python3-uno): save src as a password .xls."""
    import uno  # noqa: PLC0415 - only in this mode
    from com.sun.star.beans import PropertyValue

    def pv(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    pipe = f"docgen_tables_{os.getpid()}"
    proc = subprocess.Popen(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                             "--invisible", "--norestore", f"--accept=pipe,name={pipe};urp;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.5)
        if ctx is None:
            raise RuntimeError("LibreOffice did not answer on its pipe")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(src)), "_blank", 0,
                                           (pv("Hidden", True),))
        doc.storeToURL(uno.systemPathToFileUrl(str(dest)),
                       (pv("FilterName", "MS Excel 97"), pv("Password", PASSWORD)))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge drops as it quits
            pass
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()


def encrypt_xlsx(src: Path, dest: Path) -> None:
    """Agile-encrypt (ECMA-376, as Excel 2010+) with a seeded 'random' so output is stable."""
    import msoffcrypto.method.container.ecma376_encrypted as container
    import msoffcrypto.method.ecma376_agile as agile
    from msoffcrypto.format.ooxml import OOXMLFile

    counter = [0]

    def seeded(size):
        counter[0] += 1
        return hashlib.sha512(b"docgen-tables-%d" % counter[0]).digest()[:size]

    class FixedClock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return FIXED_DT

    saved = agile._random_buffer, container.datetime
    agile._random_buffer, container.datetime = seeded, FixedClock
    try:
        out = io.BytesIO()
        with src.open("rb") as f:
            OOXMLFile(f).encrypt(PASSWORD, out)
        dest.write_bytes(out.getvalue())
    finally:
        agile._random_buffer, container.datetime = saved


# ---------------------------------------------------------------------------------------
# Build.
# ---------------------------------------------------------------------------------------


def csv_pair(pair: dict, rows: list[list[str]]) -> dict:
    """A pair as read from the CSV: same truth, and ``written`` is the text on the line."""
    line = rows[pair["row"] - 1]
    top = rows[pair.get("supporter_merged_from_row", pair["row"]) - 1]
    return {**pair, "written": {"start": line[8], "years": line[9], "supporter.name": top[1],
                                "supporter.representative": top[2], "supporter.phone": top[4],
                                "supported.representative": line[6]}}


def roster_entry(producer, sheet, pairs, skipped, columns, ignored, header_rows, **more):
    return {"kind": "roster", "producer": producer, "sheet": sheet, **more,
            "header_rows": header_rows, "columns": columns, "ignored_columns": ignored,
            "pairs": pairs, "skipped": skipped}


def build(out: Path) -> None:
    made: dict[str, dict] = {}
    wb, layout = build_county_excel()
    save(wb, out / "county-excel.xlsx")
    pairs, skipped = excel_truth(layout)
    excel_entry = dict(sheet="2026年名单", pairs=pairs, skipped=skipped, columns=EXCEL_COLUMNS,
                       ignored=["序号", "校长身份证号", "备注"], header_rows=[3],
                       ignored_sheets=["填表说明"], hidden_columns=["H"])
    made["county-excel.xlsx"] = roster_entry("openpyxl (styled as Excel saves it)", **excel_entry)
    rows = sheet_as_displayed(wb["2026年名单"])
    csv_entry = dict(excel_entry, sheet=None, pairs=[csv_pair(p, rows) for p in pairs])
    csv_entry.pop("ignored_sheets")
    csv_entry.pop("hidden_columns")
    write_csv(out / "county-excel-utf8bom.csv", rows, "utf-8-sig")
    made["county-excel-utf8bom.csv"] = roster_entry(
        "csv module, as Excel's 「CSV UTF-8（逗号分隔）」 (UTF-8 with BOM, CRLF)",
        encoding="utf-8-sig", **csv_entry)
    write_csv(out / "county-wps-gbk.csv", rows, "gbk")
    made["county-wps-gbk.csv"] = roster_entry(
        "csv module, as WPS / Excel 「CSV（逗号分隔）」 on Chinese Windows (GBK, CRLF)",
        encoding="gbk", **csv_entry)

    wb2, layout2 = build_county_twolevel()
    save(wb2, out / "county-twolevel.xlsx")
    pairs2, skipped2 = twolevel_truth(layout2)
    two_entry = dict(sheet="Sheet1", pairs=pairs2, skipped=skipped2, columns=TWO_COLUMNS,
                     ignored=["序号"], header_rows=[2, 3])
    made["county-twolevel.xlsx"] = roster_entry("openpyxl (styled as Excel saves it)", **two_entry)

    for with_id, name in ((True, "activities-school.xlsx"), (False, "activities-noid.xlsx")):
        wba, truth = build_activities(with_id)
        save(wba, out / name)
        made[name] = {"producer": "openpyxl (formulas without cached values)",
                      "formulas_cached": False, **truth}

    save(build_not_a_roster(), out / "not-a-roster.xlsx")
    made["not-a-roster.xlsx"] = {"kind": "bad", "producer": "openpyxl", "error": "no-header",
                                 "note": "a class list (学号/姓名/性别/年龄…): no roster header"}

    data = (out / "county-excel.xlsx").read_bytes()
    (out / "broken.xlsx").write_bytes(data[: len(data) // 2])
    made["broken.xlsx"] = {"kind": "bad", "producer": "county-excel.xlsx cut to half its bytes",
                           "error": "corrupt"}

    try:
        encrypt_xlsx(out / "county-excel.xlsx", out / "protected.xlsx")
        made["protected.xlsx"] = {"kind": "bad", "error": "encrypted", "password": PASSWORD,
                                  "contains": "county-excel.xlsx",
                                  "producer": "msoffcrypto-tool (ECMA-376 agile, as Excel 2010+), "
                                              "county-excel.xlsx inside"}
    except ImportError:
        print("msoffcrypto-tool missing: protected.xlsx not made (pip install msoffcrypto-tool)",
              file=sys.stderr)

    lo = "LibreOffice {} ({})"
    version = subprocess.run(["soffice", "--version"], capture_output=True, text=True,
                             timeout=120).stdout.split()[1:2] if shutil.which("soffice") else []
    if not version:
        print("soffice missing: no .xls/.ods/-lo.xlsx copies", file=sys.stderr)
    else:
        ver = version[0]
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            profile = tmp / "profile"
            conversions = [
                ("county-excel.xlsx", "xls", "county-excel.xls"),
                ("county-excel.xlsx", "ods", "county-excel.ods"),
                ("county-excel.xlsx", "xlsx", "county-excel-lo.xlsx"),
                ("county-twolevel.xlsx", "xls", "county-twolevel.xls"),
                ("county-twolevel.xlsx", "ods", "county-twolevel.ods"),
                ("activities-school.xlsx", "xlsx", "activities-school-lo.xlsx"),
                ("activities-school.xlsx", "xls", "activities-school.xls"),
            ]
            for src, ext, dest in conversions:
                made_file = soffice(profile, out / src, ext, tmp / f"{dest}.d")
                shutil.move(made_file, out / dest)
                if ext in ("xlsx", "ods"):
                    pin_zip(out / dest)
                how = lo.format(ver, f"--convert-to {FILTERS[ext]} of {src}")
                base = made[src]
                made[dest] = {**base, "producer": how}
                if "formulas_cached" in base:
                    made[dest]["formulas_cached"] = True
            sys_python = "/usr/bin/python3"
            try:
                subprocess.run([sys_python, str(Path(__file__).resolve()), "--uno-xls",
                                str(out / "county-excel.xlsx"), str(out / "protected.xls"),
                                str(tmp / "profile-uno")], check=True, timeout=300)
                made["protected.xls"] = {
                    "kind": "bad", "error": "encrypted", "password": PASSWORD,
                    "contains": "county-excel.xlsx",
                    "producer": lo.format(ver, "UNO storeToURL, filter MS Excel 97, Password; "
                                               "county-excel.xlsx inside")}
            except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
                print(f"protected.xls not made: {e}", file=sys.stderr)

    order = ["county-excel.xlsx", "county-excel-lo.xlsx", "county-excel.xls", "county-excel.ods",
             "county-excel-utf8bom.csv", "county-wps-gbk.csv", "county-twolevel.xlsx",
             "county-twolevel.xls", "county-twolevel.ods", "activities-school.xlsx",
             "activities-school-lo.xlsx", "activities-school.xls", "activities-noid.xlsx",
             "broken.xlsx", "protected.xlsx", "protected.xls", "not-a-roster.xlsx"]
    files = {name: made[name] for name in order if name in made}
    expected = {
        "about": ("The truth about every table in this folder, written by make_tables.py. "
                  "Rows are 1-based sheet rows as Excel shows them (CSV: line numbers). "
                  "start is YYYY-MM, or {value, ambiguous} when the cell cannot tell; a phone "
                  "is the text a correct document prints, or {value, restored, shown} when a "
                  "number lost its leading 0 (shown: what the cell displays). written tells how "
                  "a value was typed. columns maps each header to its field (null: ignore)."),
        "password": PASSWORD,
        "files": files,
    }
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")


# ---------------------------------------------------------------------------------------
# --check: what survived each conversion.
# ---------------------------------------------------------------------------------------


def check_xlsx(path: Path) -> dict:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[wb.sheetnames[-1]] if "2026年名单" not in wb.sheetnames else wb["2026年名单"]
    hidden = [k for k, v in ws.column_dimensions.items() if v.hidden]
    date_cells = {c.coordinate: (str(c.value), c.number_format) for row in ws.iter_rows()
                  for c in row if getattr(c, "is_date", False)}
    formats = {c.coordinate: c.number_format for row in ws.iter_rows() for c in row
               if c.value is not None and c.number_format != "General"}
    values = openpyxl.load_workbook(path, data_only=True)[ws.title]
    formulas = {c.coordinate: (c.value, values[c.coordinate].value) for row in ws.iter_rows()
                for c in row if isinstance(c.value, str) and c.value.startswith("=")}
    return {"sheets": wb.sheetnames, "active": wb.active.title,
            "merged": sorted(str(m) for m in ws.merged_cells.ranges), "hidden_cols": hidden,
            "dates": date_cells, "formats": formats, "formulas": formulas,
            "numbers": {c.coordinate: f"{c.value!r}[{c.number_format}]" for row in ws.iter_rows()
                        for c in row[1:] if type(c.value) in (int, float)}}


def check_xls(path: Path) -> dict:
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True)
    sh = book.sheet_by_name("2026年名单") if "2026年名单" in book.sheet_names() else book.sheet_by_index(book.nsheets - 1)
    merged = sorted(f"{xlrd.formula.colname(c0)}{r0 + 1}:{xlrd.formula.colname(c1 - 1)}{r1}"
                    for r0, r1, c0, c1 in sh.merged_cells)
    hidden = [xlrd.formula.colname(c) for c, info in sh.colinfo_map.items() if info.hidden]
    dates, formats, cached = {}, {}, {}
    for r in range(sh.nrows):
        for c in range(sh.ncols):
            cell = sh.cell(r, c)
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            xf = book.xf_list[cell.xf_index]
            fmt = book.format_map[xf.format_key].format_str
            ref = f"{xlrd.formula.colname(c)}{r + 1}"
            if cell.ctype == xlrd.XL_CELL_DATE:
                dates[ref] = (str(xlrd.xldate_as_datetime(cell.value, book.datemode)), fmt)
            elif fmt != "General":
                formats[ref] = fmt
            if sh.cell(r, 0).value == "合计" and cell.ctype == xlrd.XL_CELL_NUMBER:
                cached[ref] = cell.value
    return {"sheets": book.sheet_names(), "merged": merged, "hidden_cols": hidden,
            "dates": dates, "formats": formats, "total_row_values": cached}


def _ods_formats(roots, ns) -> dict[str, str]:
    """Cell style name -> a readable number format (e.g. 0.00, YYYY"年"M"月")."""
    S, N = "{%s}" % ns["style"], "{%s}" % ns["number"]
    data = {}
    for el in (e for root in roots for e in root.iter()):
        if el.tag.startswith(N) and el.tag.endswith("-style") and el.get(S + "name"):
            parts = []
            for child in el:
                tag = child.tag[len(N):] if child.tag.startswith(N) else ""
                long_ = child.get(N + "style") == "long"
                if tag == "number":
                    places = int(child.get(N + "decimal-places", "0"))
                    parts.append("0" + ("." + "0" * places if places else ""))
                elif tag in ("year", "month", "day"):
                    parts.append({"year": "YYYY" if long_ else "YY", "month": "MM" if long_ else "M",
                                  "day": "DD" if long_ else "D"}[tag])
                elif tag == "text":
                    parts.append('"%s"' % (child.text or ""))
            data[el.get(S + "name")] = "".join(parts) or el.tag[len(N):]
    cells = {}
    for el in (e for root in roots for e in root.iter(S + "style")):
        if el.get(S + "family") == "table-cell":
            cells[el.get(S + "name")] = data.get(el.get(S + "data-style-name"), "General")
    return cells


def check_ods(path: Path) -> dict:
    import xml.etree.ElementTree as ET

    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
          "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"}
    T = "{%s}" % ns["table"]
    O = "{%s}" % ns["office"]
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("content.xml"))
        styles_root = ET.fromstring(z.read("styles.xml"))
    formats = _ods_formats((styles_root, root), ns)
    tables = root.findall(".//table:table", ns)
    sheet = tables[-1]
    cols = []
    for col in sheet.iter(T + "table-column"):
        for _ in range(int(col.get(T + "number-columns-repeated", "1"))):
            cols.append(col.get(T + "visibility", "visible"))
    merged, dates, numbers, formulas = [], {}, {}, {}
    r = 0
    for row in sheet.iter(T + "table-row"):  # header rows (print titles) included, in order
        r += 1
        c = 0
        for cell in row:
            rep = int(cell.get(T + "number-columns-repeated", "1"))
            if cell.tag == T + "table-cell":
                ref = f"{chr(65 + c)}{r}"
                rs, cs = cell.get(T + "number-rows-spanned"), cell.get(T + "number-columns-spanned")
                if rs or cs:
                    merged.append(f"{ref}:{chr(65 + c + int(cs or 1) - 1)}{r + int(rs or 1) - 1}")
                vt = cell.get(O + "value-type")
                fmt = formats.get(cell.get(T + "style-name"), "General")
                if cell.get(T + "formula"):
                    formulas[ref] = (cell.get(T + "formula"), cell.get(O + "value"))
                elif vt == "date":
                    dates[ref] = (cell.get(O + "date-value"), fmt)
                elif vt == "float" and c > 0:
                    numbers[ref] = f"{cell.get(O + 'value')}[{fmt}]"
            c += rep
        r += int(row.get(T + "number-rows-repeated", "1")) - 1
    return {"sheets": [t.get(T + "name") for t in tables], "merged": merged,
            "hidden_cols": [chr(65 + i) for i, v in enumerate(cols[:26]) if v != "visible"],
            "dates": dates, "numbers": numbers, "formulas": formulas}


def check(out: Path) -> None:
    for name in sorted(os.listdir(out)):
        path = out / name
        if name in ("broken.xlsx", "protected.xlsx", "protected.xls"):
            continue
        if name.endswith(".xlsx"):
            info = check_xlsx(path)
        elif name.endswith(".xls"):
            info = check_xls(path)
        elif name.endswith(".ods"):
            info = check_ods(path)
        else:
            continue
        print(f"== {name}")
        for k, v in info.items():
            print(f"   {k}: {v}")


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--uno-xls":
        uno_encrypted_xls(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report what survived each conversion")
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args()
    if args.check:
        check(args.out)
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        build(args.out)


if __name__ == "__main__":
    main()
