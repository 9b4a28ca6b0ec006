"""Load stage: a YAML or JSON file → a plain mapping. Owns pyyaml and text decoding.

YAML is read with a loader that keeps scalars as text unless they are plainly an integer,
a boolean (true/false) or null: YAML 1.1 would otherwise turn 2025.10 into the float
2025.1, 2025-09-01 into a date object and a phone number such as 01234567 into an octal
integer. The model decides what each value means.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import difflib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from .errors import InputError, Location, Problem
from .safety import check_package

MAX_INPUT_BYTES = 20 * 1024 * 1024  # a pairing file is a few KB; refuse anything absurd


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that resolves only null, true/false and decimal integers."""

    yaml_implicit_resolvers: dict = {}

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen[key] = True
        return super().construct_mapping(node, deep=deep)


_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))


def decode_text(data: bytes, file: str | None = None) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.

    Strict decoding in that order; GB18030 covers GBK files saved by Chinese Windows.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"文件以 UTF-8 标记开头，但内容不是有效的 UTF-8（第 {exc.start} 字节）",
                             Location(file=file)) from None
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(codec)
            except UnicodeDecodeError:
                raise InputError("文件标记为 UTF-16，但内容无法解码", Location(file=file)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    _refuse_mixed_encodings(data, file)
    head = data[:4000]
    if len(head) >= 4 and head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a BOM: NUL in every other byte for ASCII text.
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    # Only now guess: statistical detectors misjudge short files, so they come last.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("无法识别文件编码（请另存为 UTF-8）", Location(file=file))
    return str(best)


def _refuse_mixed_encodings(data: bytes, file: str | None) -> None:
    """Some lines valid UTF-8 with Chinese in them, others not: two encodings in one file
    (rows pasted from different sources). Guessing would garble one half silently."""
    utf8 = broken = 0
    for line in data.split(b"\n")[:20000]:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            broken += 1
    if utf8 >= 1 and broken >= 1 and utf8 >= 0.2 * (utf8 + broken):
        raise InputError(f"文件中混有两种编码（{utf8} 行是 UTF-8，{broken} 行不是），请统一另存为 UTF-8",
                         Location(file=file))


def decode_with(data: bytes, encoding: str, file: str | None = None) -> str:
    """Decode with an encoding the user named (--encoding)."""
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"未知的编码名称「{encoding}」（如 utf-8、gbk、gb18030）",
                         Location(key_path="--encoding")) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"按 {encoding} 解码失败（第 {exc.start} 字节）", Location(file=file)) from None


def read_input_bytes(path: Path) -> bytes:
    """Read an input file, turning OS errors into Chinese messages."""
    name = str(path)
    if not path.exists():
        raise InputError("找不到输入文件", Location(file=name))
    if path.is_dir():
        raise InputError("输入路径是文件夹，不是文件", Location(file=name))
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"输入文件过大（{size // 1024 // 1024} MB，上限 "
                             f"{MAX_INPUT_BYTES // 1024 // 1024} MB）", Location(file=name))
        return path.read_bytes()
    except PermissionError:
        raise InputError("没有读取权限", Location(file=name)) from None
    except OSError as exc:
        raise InputError(f"无法读取：{exc.strerror or exc}", Location(file=name)) from None


def parse_yaml(text: str, file: str | None = None) -> Any:
    """Parse YAML text; syntax errors name the line and column."""
    try:
        return yaml.load(text, Loader=_TextLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _yaml_problem_chinese(exc.problem or exc.context or "")
        where = Location(file=file, line=mark.line + 1 if mark else None)
        column = f"第{mark.column + 1}列：" if mark else ""
        raise InputError(f"YAML 格式错误，{column}{problem}", where) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML 格式错误：{exc}", Location(file=file)) from None


def _yaml_problem_chinese(problem: str) -> str:
    known = [
        ("duplicate key", "键重复"),
        ("mapping values are not allowed here", "此处不能出现「:」（是否缺少空格或缩进不对？）"),
        ("could not find expected ':'", "缺少「:」"),
        ("found character '\\t' that cannot start any token", "不能用 Tab 缩进，请用空格"),
        ("found undefined alias", "引用了未定义的锚点"),
        ("did not find expected key", "缩进不一致或缺少键"),
        ("did not find expected node content", "缺少内容"),
        ("found unexpected end of stream", "文件意外结束（引号或括号未闭合？）"),
        ("while scanning a quoted scalar", "引号未闭合"),
        ("expected <block end>", "缩进不一致"),
        ("expected ',' or '}', but got '['", "花括号 {…} 中的值含有 [ ] 等符号时，请给值加引号"),
        ("expected ',' or ']'", "方括号 […] 中的值含有符号时，请给值加引号"),
    ]
    for english, chinese in known:
        if english in problem:
            return f"{chinese}（{problem}）"
    return problem


def parse_json(text: str, file: str | None = None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON 格式错误，第{exc.colno}列：{exc.msg}",
                         Location(file=file, line=exc.lineno)) from None


def load_mapping(path: str | Path) -> Any:
    """Load one input file (.yaml/.yml/.json; other names are read as YAML).

    Returns the parsed data as is; the validate stage checks its shape.
    """
    path = Path(path)
    text = decode_text(read_input_bytes(path), str(path))
    if path.suffix.lower() == ".json":
        return parse_json(text, str(path))
    if path.suffix.lower() in (".docx", ".doc", ".xlsx", ".xls", ".pdf", ".zip"):
        raise InputError("输入数据应为 YAML 或 JSON 文件", Location(file=str(path)))
    data = parse_yaml(text, str(path))
    if data is None:
        raise InputError("输入文件是空的", Location(file=str(path)))
    return data


# --------------------------------------------------------------------------- activity sheets

@dataclass
class ActivitySheet:
    """Activity rows read from a CSV or XLSX sheet, with where each value came from."""

    file: str
    records: list[dict[str, Any]]
    rows: list[int]                # the sheet row of each record (header is row 1 or later)
    columns: dict[str, str]        # canonical field → the header as written
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
        """``summary.activities[3].type`` → row and column of that cell."""
        m = re.match(r"^summary\.activities\[(\d+)\](?:\.(\w+)(?:\.(\w+))?)?", key_path)
        if not m or int(m.group(1)) > len(self.rows):
            return None
        field = m.group(3) or m.group(2)
        return Location(file=self.file, row=self.rows[int(m.group(1)) - 1],
                        column=self.columns.get(field or "", None))


# Header aliases, Chinese as users write them; donation columns are flat in a sheet.
_ACTIVITY_HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("date", "日期", "时间", "活动日期"),
    "type": ("type", "类型", "活动类型"),
    "title": ("title", "名称", "活动名称", "标题", "主题"),
    "host": ("host", "承办方", "主办方", "承办"),
    "place": ("place", "地点"),
    "teachers": ("teachers", "教师人次", "教师", "人次"),
    "lessons": ("lessons", "课时", "节数"),
    "participants": ("participants", "参与人数", "人数"),
    "subjects": ("subjects", "学科"),
    "books": ("books", "图书", "图书册数", "图书（册）"),
    "computers": ("computers", "电脑", "电脑台数", "电脑（台）"),
    "funds": ("funds", "资金", "金额", "资金（元）"),
    "note": ("note", "备注", "说明"),
    "id": ("id", "编号", "结对编号"),
}
_DONATION_FIELDS = ("books", "computers", "funds")
ACTIVITY_SHEET_NAME = "活动记录"


def clean_header(value: Any) -> str:
    """A header cell as matched: surrounding, inner and full-width spaces removed."""
    return re.sub(r"[\s\u3000]+", "", str(value or ""))


def unknown_column(name: str, known: list[str], file: str, row: int,
                   cutoff: float = 0.5) -> Problem:
    """The problem of a header no alias matches, with the closest known one suggested."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=cutoff)
    hint = f"，是否应为「{close[0]}」" if close else ""
    return Problem(f"未知的列名「{name}」{hint}", Location(file=file, row=row, column=name))


def _cell_value(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def sheet_rows(path: Path, sheet: str | None = None,
               encoding: str | None = None) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cell values) of a table's non-empty rows, streamed.

    For a workbook, ``sheet`` names the preferred sheet (else the first one). A CSV is
    decoded strictly (UTF-8, UTF-8 with BOM, GB18030, then a guess) or with ``encoding``.
    """
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        yield from _xlsx_rows(path, sheet)
    elif suffix in (".csv", ".txt"):
        data = read_input_bytes(path)
        text = decode_with(data, encoding, str(path)) if encoding else decode_text(data, str(path))
        for number, row in enumerate(csv.reader(io.StringIO(text)), 1):
            if any(cell.strip() for cell in row):
                yield number, [_cell_value(c) for c in row]
    elif suffix == ".xls":
        raise InputError("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 .csv",
                         Location(file=str(path)))
    else:
        raise InputError("活动记录应为 .xlsx 或 .csv 文件", Location(file=str(path)))


def _open_workbook(path: Path):
    import openpyxl  # loaded only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    read_input_bytes(path)  # existence and size checks, Chinese messages
    if not zipfile.is_zipfile(path):
        raise InputError("不是有效的 Excel（.xlsx）文件", Location(file=str(path)))
    check_package(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise InputError("不是有效的 Excel（.xlsx）文件", Location(file=str(path))) from None


def workbook_sheets(path: Path) -> list[str]:
    """The sheet names of a workbook, in order."""
    book = _open_workbook(path)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _xlsx_rows(path: Path, sheet_name: str | None) -> Iterator[tuple[int, list[Any]]]:
    book = _open_workbook(path)
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


def load_activity_sheet(path: str | Path, pair_id: str | None = None) -> ActivitySheet:
    """Read an activity log sheet: one row per activity, Chinese or canonical headers.

    A column 编号 links rows to pairs: given ``pair_id``, only that pair's rows are kept.
    Unknown headers are reported, with a suggestion when one is close.
    """
    path = Path(path)
    rows = sheet_rows(path, ACTIVITY_SHEET_NAME)
    try:
        header_row, header = next(rows)
    except StopIteration:
        raise InputError("活动记录表是空的", Location(file=str(path))) from None
    lookup = {alias: key for key, aliases in _ACTIVITY_HEADERS.items() for alias in aliases}
    fields: list[str | None] = []
    columns: dict[str, str] = {}
    problems = []
    for index, cell in enumerate(header, 1):
        name = clean_header(cell)
        if not name:
            fields.append(None)
            continue
        key = lookup.get(name)
        if key is None:
            problems.append(unknown_column(name, list(lookup), str(path), header_row))
        elif key in columns:
            problems.append(Problem(f"列「{name}」与「{columns[key]}」重复",
                                    Location(file=str(path), row=header_row, column=name)))
            key = None
        else:
            columns[key] = str(cell).strip()
        fields.append(key)
    if problems:
        raise InputError("活动记录表的表头有问题", Location(file=str(path)), problems)
    if "type" not in columns:
        raise InputError("活动记录表缺少「类型」列", Location(file=str(path), row=header_row))

    records, numbers = [], []
    ids: list[str | None] = []
    other_pairs = 0
    for number, values in rows:
        record: dict[str, Any] = {}
        for key, value in zip(fields, values):
            if key is None or value is None:
                continue
            if key in _DONATION_FIELDS:
                record.setdefault("donation", {})[key] = value
            else:
                record[key] = value
        row_id = record.pop("id", None)
        if pair_id is not None and "id" in columns and str(row_id or "").strip() != pair_id:
            other_pairs += 1
            continue
        if record:
            records.append(record)
            numbers.append(number)
            ids.append(str(row_id).strip() if row_id is not None else None)
    return ActivitySheet(str(path), records, numbers, columns, other_pairs, ids)


def dump_yaml(data: Any) -> str:
    """YAML text for the user to fill in: empty values left empty, Chinese as is."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return re.sub(r"(:|-) null$", r"\1", text, flags=re.M)
