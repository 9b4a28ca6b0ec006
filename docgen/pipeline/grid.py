"""Load stage for tables: a sheet's cells as the user sees them. Owns openpyxl and xlrd.

A workbook (.xlsx/.xlsm through openpyxl, old .xls through xlrd) or a CSV file is read
into :class:`Grid` s, one a sheet, holding what the user sees in Excel or WPS rather than
what the file happens to store:

- a merged range gives its value to every cell it covers (a city school merged over the
  three rows of its three rural schools is that school on each row);
- a number keeps the text the sheet displays (:class:`NumberCell`): 2026.10 typed into a
  General cell is stored as 2026.1, a phone typed as a number lost its leading 0, and only
  the displayed text and the number format tell what was meant;
- a date cell is a :class:`datetime.date`; formulas give their cached results;
- hidden columns and sheets are marked, so that what the user cannot see is never used
  without being named.

Which format a file is comes from its first bytes, not its name: a renamed .xls, a
password-protected workbook (an encrypted package inside an OLE file) and an OpenDocument
sheet each get their own Chinese message.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import struct
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..errors import InputError, Location
from ..ooxml.package import ZIP_ERRORS, is_zip, read_part
from ..ooxml.safety import check_package
from .load import Source, decode_text, decode_with

# The table files docgen reads, and how a user is told so.
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
TABLE_KINDS_TEXT = "Excel（.xlsx、.xls）或 CSV"
MAX_COLUMNS = 200        # a roster has a few dozen; formatted-but-empty columns are cut
MAX_EMPTY_RUN = 1000     # stop after this many empty rows (a sheet may declare a million)
# What a damaged workbook makes the readers raise while its parts are read.
# MemoryError: a damaged .xls may claim a size xlrd then tries to allocate (inputs are
# capped at 20 MB, so a real workbook never gets there).
_DAMAGED = (*ZIP_ERRORS, struct.error, KeyError, ValueError, IndexError, TypeError, AssertionError,
            OSError, UnicodeDecodeError, SyntaxError, OverflowError, MemoryError, LookupError)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class NumberCell:
    """A number from a sheet with the text the sheet displays for it.

    ``general`` is true when the cell has Excel's General format: the text is what was
    typed, less any trailing zeros after the decimal point (2026.10 shows as 2026.1)."""

    value: int | float
    shown: str
    general: bool = True

    def __str__(self) -> str:
        return self.shown


@dataclass
class Grid:
    """One sheet: its non-empty rows (sheet row number, values by column) and what is hidden."""

    file: str
    sheet: str | None
    rows: list[tuple[int, list[Any]]]
    hidden_columns: frozenset[int] = frozenset()   # 0-based column indexes
    # Row number → the columns a horizontal merge spans in that row (first, last), widest.
    merged_across: dict[int, tuple[int, int]] = field(default_factory=dict)
    merges_known: bool = True    # False for CSV: a merged cell's value is on its first row only

    @property
    def where(self) -> str:
        """The file and sheet for messages: 名单.xlsx#2026年名单."""
        return f"{self.file}#{self.sheet}" if self.sheet else self.file


@dataclass(frozen=True)
class SheetInfo:
    name: str
    hidden: bool


# --------------------------------------------------------------------------- numbers

_DECIMALS = re.compile(r"\.([0#?]+)")


def shown_number(value: int | float, number_format: str | None) -> NumberCell:
    """A number as a sheet with ``number_format`` displays it (the digits only: thousands
    separators, currency signs and colours are left out, they are not data)."""
    fmt = (number_format or "General").split(";")[0]
    fmt = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", fmt)  # literals, colours, escapes
    if fmt.strip().lower() in ("general", "", "@"):
        if isinstance(value, float) and value.is_integer():
            return NumberCell(int(value), str(int(value)), True)
        if isinstance(value, float):
            return NumberCell(value, format(value, ".15g"), True)
        return NumberCell(value, str(value), True)
    m = _DECIMALS.search(fmt)
    least = m.group(1).count("0") if m else 0
    most = len(m.group(1)) if m else 0
    if "%" in fmt:
        value = value * 100
    text = f"{value:.{most}f}"
    if most > least:  # '#' places: trailing zeros are not shown
        whole, _, part = text.partition(".")
        part = part.rstrip("0").ljust(least, "0")
        text = f"{whole}.{part}" if part else whole
    number = int(value) if isinstance(value, float) and value.is_integer() else value
    return NumberCell(number, text, False)


def _date(moment: _dt.datetime | _dt.date, number_format: str | None) -> Any:
    """A date cell as precise as it is shown: a cell formatted 2026年9月 means a month, so
    it reads as 2026-09 (text the validate stage parses), not as the 1st of September."""
    fmt = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", (number_format or "").split(";")[0]).lower()
    if "y" in fmt and "d" not in fmt and "h" not in fmt:
        return f"{moment.year}-{moment.month:02d}" if "m" in fmt else str(moment.year)
    if isinstance(moment, _dt.datetime):
        return moment.date() if moment.time() == _dt.time() else moment
    return moment


def _text(value: str) -> str | None:
    return value if value.strip(" \t\r\n\u3000") else None


_CSV_NUMBER = re.compile(r"^-?(?:[1-9]\d*|0)(?:\.\d+)?$")


def _csv_value(text: str) -> Any:
    """A CSV cell: Excel and WPS export a number as the text it displayed, so a number is
    read as a General number cell showing that text (2026.1 is then as ambiguous as in
    the sheet); text with a leading 0 (001, 0551…) stays text."""
    value = _text(text)
    if value is None or not _CSV_NUMBER.match(value.strip()):
        return value
    shown = value.strip()
    number = float(shown) if "." in shown else int(shown)
    return NumberCell(number, shown, True)


# --------------------------------------------------------------------------- opening

class Workbook:
    """An opened table file: its sheets' names and each sheet as a :class:`Grid`."""

    def __init__(self, source: Source, encoding: str | None = None) -> None:
        self.source = source
        self.file = source.name
        self.encoding = encoding
        data = source.read()
        self.format = _format_of(data, source)
        self._book: Any = None
        if self.format == "xlsx":
            self._book = _open_xlsx(data, self.file)
            self.sheets = [SheetInfo(ws.title, ws.sheet_state != "visible")
                           for ws in self._book.worksheets]
        elif self.format == "xls":
            self._book = _open_xls(data, self.file)
            try:
                self.sheets = [SheetInfo(s.name, bool(s.visibility)) for s in self._book.sheets()]
            except _DAMAGED:
                raise InputError("无法读取这个 .xls 文件（可能已损坏）", Location(file=self.file)) from None
        else:
            self._data = data
            self.sheets = [SheetInfo("", False)]
        if not self.sheets:
            raise InputError("工作簿中没有工作表（文件可能已损坏）", Location(file=self.file))

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.sheets if s.name]

    def grid(self, sheet: str | None = None) -> Grid:
        """The sheet named ``sheet`` (else the first visible one) as the user sees it."""
        try:
            return self._grid(sheet)
        except InputError:
            raise
        except _DAMAGED:
            raise InputError("工作表无法读取（文件可能已损坏）：请在 Excel 或 WPS 中打开后“另存为” .xlsx 再用",
                             Location(file=self.file, key_path=sheet)) from None

    def _grid(self, sheet: str | None) -> Grid:
        if self.format == "csv":
            return _csv_grid(self._data, self.file, self.encoding)
        visible = [s.name for s in self.sheets if not s.hidden] or [self.sheets[0].name]
        name = sheet if sheet in self.names else visible[0]
        if self.format == "xlsx":
            return _xlsx_grid(self._book[name], self.file)
        return _xls_grid(self._book, self._book.sheet_by_name(name), self.file)


def _format_of(data: bytes, source: Source) -> str:
    suffix = source.suffix
    where = Location(file=source.name)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise InputError("工作簿设置了打开密码，无法读取：请在 Excel 或 WPS 中取消密码"
                             "（文件 → 信息 → 保护工作簿 / 文档加密）后另存为 .xlsx", where)
        return "xls"  # an .xls, also when renamed .xlsx (WPS's .et is refused by xlrd)
    if is_zip(data):
        try:
            mimetype = read_part(data, "mimetype") or b""
        except ZIP_ERRORS:
            mimetype = b""
        if b"opendocument" in mimetype:
            raise InputError("这是 OpenDocument 表格（.ods），请在 WPS、LibreOffice 或 Excel 中"
                             "“另存为” .xlsx 后再用", where)
        if suffix in (".csv", ".txt"):
            raise InputError("文件名是 .csv，内容却是 Excel 工作簿：请把扩展名改为 .xlsx", where)
        return "xlsx"
    if suffix == ".et":
        raise InputError("这是 WPS 表格文件（.et），请在 WPS 中“另存为” Excel 文件（.xlsx）后再用", where)
    if suffix in (".xlsx", ".xlsm"):
        raise InputError("不是有效的 Excel（.xlsx）文件（文件可能已损坏或只下载了一部分）", where)
    if suffix == ".xls":
        raise InputError("不是有效的 Excel（.xls）文件（文件可能已损坏）", where)
    if suffix in (".csv", ".txt"):
        return "csv"
    raise InputError(f"表格应为 {TABLE_KINDS_TEXT} 文件", where)


def _open_xlsx(data: bytes, file: str) -> Any:
    import openpyxl  # loaded only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    check_package(data, name=file)
    try:
        # Not read-only: merged ranges and column widths (hidden columns) are only there.
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, *_DAMAGED):  # SyntaxError: XML errors in a damaged part
        raise InputError("不是有效的 Excel（.xlsx）文件（文件可能已损坏）", Location(file=file)) from None


def _open_xls(data: bytes, file: str) -> Any:
    import xlrd  # .xls (Excel 97–2003) only; loaded only when one is read
    from xlrd.compdoc import CompDocError

    try:
        # xlrd reports oddities of the file on stdout unless given somewhere else to write.
        return xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False,
                                  logfile=io.StringIO())
    except (xlrd.XLRDError, CompDocError) as exc:
        if "encrypted" in str(exc).lower():
            raise InputError("工作簿设置了打开密码，无法读取：请在 Excel 或 WPS 中取消密码后另存为 .xlsx",
                             Location(file=file)) from None
        raise InputError("无法读取这个 .xls 文件（可能已损坏，或是 WPS 的 .et 文件改了扩展名）："
                         "请在 Excel 或 WPS 中“另存为” .xlsx 后再用", Location(file=file)) from None
    except _DAMAGED:
        raise InputError("无法读取这个 .xls 文件（可能已损坏）：请在 Excel 或 WPS 中“另存为” .xlsx 后再用",
                         Location(file=file)) from None


# --------------------------------------------------------------------------- reading

def _fill_merged(cells: dict[tuple[int, int], Any],
                 ranges: Iterable[tuple[int, int, int, int]]) -> dict[int, tuple[int, int]]:
    """Give each merged range's top-left value to every cell it covers (rows and columns
    1-based, inclusive); returns the widest horizontal merge of each row."""
    across: dict[int, tuple[int, int]] = {}
    # A range reaches no further than the last cell with a value (a damaged or odd file
    # may declare a merge over a million rows).
    last_row = max((row for row, _ in cells), default=0)
    for top, left, bottom, right in ranges:
        right = min(right, MAX_COLUMNS)
        value = cells.get((top, left))
        if value is None or top > last_row or left > right:
            continue
        for row in range(top, min(bottom, last_row) + 1):
            for column in range(left, right + 1):
                if value is not None:
                    cells[(row, column)] = value
            if right > left and (row not in across or
                                 right - left > across[row][1] - across[row][0]):
                across[row] = (left - 1, right - 1)
    return across


def _as_rows(cells: dict[tuple[int, int], Any]) -> list[tuple[int, list[Any]]]:
    by_row: dict[int, dict[int, Any]] = {}
    for (row, column), value in cells.items():
        if value is not None and column <= MAX_COLUMNS:
            by_row.setdefault(row, {})[column] = value
    rows = []
    for row in sorted(by_row):
        found = by_row[row]
        rows.append((row, [found.get(c) for c in range(1, max(found) + 1)]))
    return rows


def _xlsx_value(cell: Any) -> Any:
    value = cell.value
    if value is None:
        return None
    if isinstance(value, (_dt.datetime, _dt.date)):
        return _date(value, cell.number_format)
    if isinstance(value, _dt.time):
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return shown_number(value, cell.number_format)
    if isinstance(value, str):
        return None if value.startswith("#") and value in _ERRORS else _text(value)
    return _text(str(value))


_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!"}


def _xlsx_grid(sheet: Any, file: str) -> Grid:
    cells: dict[tuple[int, int], Any] = {}
    empty_run = 0
    for row in sheet.iter_rows():
        found = False
        for cell in row[:MAX_COLUMNS]:
            value = _xlsx_value(cell)
            if value is not None:
                cells[(cell.row, cell.column)] = value
                found = True
        empty_run = 0 if found else empty_run + 1
        if empty_run > MAX_EMPTY_RUN:
            break
    ranges = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
    across = _fill_merged(cells, ranges)
    hidden = set()
    from openpyxl.utils import column_index_from_string

    for key, dimension in sheet.column_dimensions.items():
        if dimension.hidden:
            first = dimension.min or column_index_from_string(key)
            last = dimension.max or first
            hidden.update(range(first - 1, min(last, MAX_COLUMNS)))
    return Grid(file, sheet.title, _as_rows(cells), frozenset(hidden), across)


def _xls_grid(book: Any, sheet: Any, file: str) -> Grid:
    import xlrd

    cells: dict[tuple[int, int], Any] = {}
    empty_run = 0
    for r in range(sheet.nrows):
        found = False
        for c in range(min(sheet.row_len(r), MAX_COLUMNS)):
            cell = sheet.cell(r, c)
            value: Any = None
            if cell.ctype == xlrd.XL_CELL_TEXT:
                value = _text(cell.value)
            elif cell.ctype == xlrd.XL_CELL_NUMBER:
                xf = book.xf_list[cell.xf_index]
                value = shown_number(cell.value, book.format_map[xf.format_key].format_str)
            elif cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    moment = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                    value = _date(moment, book.format_map[book.xf_list[cell.xf_index].format_key]
                                  .format_str)
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    value = shown_number(cell.value, None)
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(cell.value)
            if value is not None:
                cells[(r + 1, c + 1)] = value
                found = True
        empty_run = 0 if found else empty_run + 1
        if empty_run > MAX_EMPTY_RUN:
            break
    ranges = [(top + 1, left + 1, bottom, right) for top, bottom, left, right in sheet.merged_cells]
    across = _fill_merged(cells, ranges)
    hidden = frozenset(c for c, info in sheet.colinfo_map.items() if info.hidden and c < MAX_COLUMNS)
    return Grid(file, sheet.name, _as_rows(cells), hidden, across)


def _csv_grid(data: bytes, file: str, encoding: str | None) -> Grid:
    text = decode_with(data, encoding, file) if encoding else decode_text(data, file)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    line = 0  # a quoted cell may hold line breaks: a record starts after the last one's end
    try:
        for row in reader:
            number, line = line + 1, reader.line_num
            values = [_csv_value(cell) for cell in row[:MAX_COLUMNS]]
            if any(v is not None for v in values):
                rows.append((number, values))
    except csv.Error as exc:
        raise InputError(f"CSV 格式错误：{exc}", Location(file=file)) from None
    return Grid(file, None, rows, merges_known=False)
