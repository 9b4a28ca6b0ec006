"""Load stage for tables: rows of a .xlsx or .csv, and activity logs. Owns openpyxl.

A table's header names its columns with the names the schema declares (see
:mod:`.keys`); each row becomes a mapping the validate stage reads like a YAML file.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..errors import InputError, Location, Problem
from ..kinds import PAIRING_SPEC
from ..ooxml.package import ZIP_ERRORS, is_zip
from ..ooxml.safety import check_package
from .keys import clean_name, column_names, lookup, unknown_column
from .load import Source, decode_text, decode_with

ACTIVITY_SHEET = "活动记录"
_ACTIVITIES = PAIRING_SPEC.child("summary").child("activities")


def _cell_value(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def sheet_rows(source: Source, sheet: str | None = None,
               encoding: str | None = None) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cell values) of a table's non-empty rows, streamed.

    For a workbook, ``sheet`` names the preferred sheet (else the first one). A CSV is
    decoded strictly (UTF-8, UTF-8 with BOM, GB18030, then a guess) or with ``encoding``.
    """
    if source.suffix in (".xlsx", ".xlsm"):
        yield from _xlsx_rows(source, sheet)
    elif source.suffix in (".csv", ".txt"):
        data = source.read()
        text = decode_with(data, encoding, source.name) if encoding else decode_text(data, source.name)
        for number, row in enumerate(csv.reader(io.StringIO(text)), 1):
            if any(cell.strip() for cell in row):
                yield number, [_cell_value(c) for c in row]
    elif source.suffix == ".xls":
        raise InputError("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 .csv",
                         Location(file=source.name))
    else:
        raise InputError("表格应为 .xlsx 或 .csv 文件", Location(file=source.name))


def _open_workbook(source: Source) -> Any:
    import openpyxl  # loaded only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    data = source.read()  # existence and size checks, Chinese messages
    if not is_zip(data):
        raise InputError("不是有效的 Excel（.xlsx）文件", Location(file=source.name))
    check_package(data, name=source.name)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, EOFError, SyntaxError,
            *ZIP_ERRORS):  # SyntaxError: the XML parsers' errors on a damaged part
        raise InputError("不是有效的 Excel（.xlsx）文件", Location(file=source.name)) from None


def workbook_sheets(source: Source) -> list[str]:
    """The sheet names of a workbook, in order."""
    book = _open_workbook(source)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _xlsx_rows(source: Source, sheet_name: str | None) -> Iterator[tuple[int, list[Any]]]:
    book = _open_workbook(source)
    try:
        sheet = book[sheet_name] if sheet_name in book.sheetnames else book.worksheets[0]
        empty_run = 0
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
            values = [_cell_value(v) for v in row]
            if any(v is not None for v in values):
                empty_run = 0
                yield number, values
            else:
                # A sheet may declare a million formatted but empty rows: stop after a
                # long run of empty ones rather than reading them all.
                empty_run += 1
                if empty_run > 1000:
                    break
    finally:
        book.close()


def set_path(target: dict[str, Any], path: str, value: Any) -> None:
    """``target['a']['b'] = value`` for ``path`` 'a.b', creating the mappings on the way."""
    *parents, last = path.split(".")
    for key in parents:
        target = target.setdefault(key, {})
    target[last] = value


# --------------------------------------------------------------------------- activity logs

def _activity_headers() -> dict[str, tuple[str, ...]]:
    """Headers of an activity sheet: the activity's fields (a donation's flat: 图书), and
    the pair's 编号 linking a row to its pair."""
    headers = column_names(_ACTIVITIES)
    for name in PAIRING_SPEC.child("id").names:
        headers[clean_name(name)] = ("id",)
    return headers


ACTIVITY_HEADERS = _activity_headers()


@dataclass
class ActivitySheet:
    """Activity rows read from a CSV or XLSX sheet, with where each value came from."""

    file: str
    records: list[dict[str, Any]]
    rows: list[int]                # the sheet row of each record (header is row 1 or later)
    columns: dict[str, str]        # field path in an activity (donation.books) → the header
    other_pairs: int = 0           # rows left out because their 编号 is another pair's
    ids: list[str | None] = field(default_factory=list)  # each record's 编号, if any

    def for_pair(self, pair_id: str | None) -> "ActivitySheet":
        """The rows of one pair (by 编号); all rows when the sheet has no 编号 column."""
        if "id" not in self.columns:
            return self
        keep = [i for i, row_id in enumerate(self.ids) if row_id == pair_id and pair_id]
        return ActivitySheet(self.file, [self.records[i] for i in keep], [self.rows[i] for i in keep],
                             self.columns, len(self.records) - len(keep), [self.ids[i] for i in keep])

    def locate(self, key_path: str) -> Location | None:
        """``summary.activities[3].donation.books`` → row and column of that cell."""
        m = re.match(r"^summary\.activities\[(\d+)\](?:\.([\w.]+))?", key_path)
        if not m or int(m.group(1)) > len(self.rows):
            return None
        path = m.group(2) or ""
        column = self.columns.get(path) or self.columns.get(path.split(".")[0])
        return Location(file=self.file, row=self.rows[int(m.group(1)) - 1], column=column)


def load_activity_sheet(source: Source, pair_id: str | None = None) -> ActivitySheet:
    """Read an activity log sheet: one row per activity, Chinese or canonical headers.

    A column 编号 links rows to pairs: given ``pair_id``, only that pair's rows are kept.
    Unknown headers are reported, with a suggestion when one is close.
    """
    rows = sheet_rows(source, ACTIVITY_SHEET)
    try:
        header_row, header = next(rows)
    except StopIteration:
        raise InputError("活动记录表是空的", Location(file=source.name)) from None
    paths: list[str | None] = []
    columns: dict[str, str] = {}
    problems = []
    for cell in header:
        name = clean_name(cell)
        if not name:
            paths.append(None)
            continue
        found = lookup(ACTIVITY_HEADERS, name)
        path = found[0] if found else None
        if path is None:
            problems.append(unknown_column(name, list(ACTIVITY_HEADERS), source.name, header_row))
        elif path in columns:
            problems.append(Problem(f"列「{name}」与「{columns[path]}」重复",
                                    Location(file=source.name, row=header_row, column=name)))
            path = None
        else:
            columns[path] = str(cell).strip()
        paths.append(path)
    if problems:
        raise InputError("活动记录表的表头有问题", Location(file=source.name), problems)
    if "type" not in columns:
        raise InputError("活动记录表缺少「类型」列", Location(file=source.name, row=header_row))

    records, numbers = [], []
    ids: list[str | None] = []
    other_pairs = 0
    for number, values in rows:
        record: dict[str, Any] = {}
        for path, value in zip(paths, values):
            if path is not None and value is not None:
                set_path(record, path, value)
        row_id = record.pop("id", None)
        if pair_id is not None and "id" in columns and str(row_id or "").strip() != pair_id:
            other_pairs += 1
            continue
        if record:
            records.append(record)
            numbers.append(number)
            ids.append(str(row_id).strip() if row_id is not None else None)
    return ActivitySheet(source.name, records, numbers, columns, other_pairs, ids)
