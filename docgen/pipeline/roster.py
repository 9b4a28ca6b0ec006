"""Load stage for batches: a roster (名单) of pairs → one plain mapping per pair, streamed.

A roster is an .xlsx workbook (first sheet, or the sheet 结对名单; optional sheets 活动记录
and 默认值), a .csv file, or a YAML/JSON list of pairing objects. Headers are Chinese as
the sample roster shows (编号, 甲方学校, 甲方代表, 乙方学校, 开始年月, 签订日期 …) or the
canonical dotted keys (supporter.name); surrounding and full-width spaces are ignored.
Values stay text where text is meant; the model decides what each means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

import dataclasses

from ..errors import InputError, Location, Problem
from ..kinds import PAIRING_SPEC, SHARED_COLUMNS
from ..pairing.model import SIDES
from .keys import canonical_keys, clean_name, column_names, lookup, unknown_column
from .load import Source, as_source, load_document
from .sheets import ACTIVITY_SHEET, set_path, sheet_rows, workbook_sheets

ROSTER_SHEET = "结对名单"
DEFAULTS_SHEET = "默认值"


def _headers() -> dict[str, tuple[str, ...]]:
    """Every accepted header → the key paths it fills: the fields declared as roster
    columns, and the names the fields of SHARED_COLUMNS share (学年 fills both)."""
    columns = dataclasses.replace(PAIRING_SPEC, children=tuple(
        c for c in PAIRING_SPEC.children if c.column))
    specs = [PAIRING_SPEC.child(head).child(rest) for head, rest in
             (path.split(".", 1) for path in SHARED_COLUMNS)]
    shared = set.intersection(*(set(s.names) for s in specs))
    return column_names(columns, {name: SHARED_COLUMNS for name in sorted(shared)})


HEADERS = _headers()


def preferred_headers() -> list[tuple[str, str]]:
    """(key path, header) of every roster column as a roster writes it: a school's field
    after its side's name (甲方学校, 乙方代表), any other field by its label (开始年月)."""
    out = []
    for top in (c for c in PAIRING_SPEC.children if c.column):
        if top.kind != "group":
            out.append((top.key, top.label))
        elif top.key in SIDES:  # a school of one side
            out.extend((f"{top.key}.{c.key}", top.label + c.aliases[0]) for c in top.children)
        else:
            out.extend((f"{top.key}.{c.key}", c.label) for c in top.children)
    return out


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``override`` over ``base``; nested mappings merge, everything else replaces.

    New dicts are built along the way; neither input is modified (leaf values are
    shared, which is safe as nothing downstream mutates them)."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@dataclass
class RosterRow:
    """One pair of the roster: its data and how to point at its cells."""

    number: int                       # the sheet row (or the item's position in a YAML list)
    data: dict[str, Any]
    file: str
    columns: dict[str, str] = field(default_factory=dict)   # key path → header as written

    @property
    def pair_id(self) -> str | None:
        value = self.data.get("id")
        return str(value).strip() if value not in (None, "") else None

    def locate(self, key_path: str) -> Location:
        column = None
        for path, header in self.columns.items():
            if key_path == path or key_path.startswith(path + ".") or key_path.startswith(path + "["):
                column = header
                break
        return Location(file=self.file, row=self.number, column=column,
                        key_path=None if column else key_path)


class Roster:
    """An opened roster: headers checked at once, rows read lazily (twice at most)."""

    def __init__(self, source: Source | str | Path, *, encoding: str | None = None) -> None:
        self.source = as_source(source)
        self.file = self.source.name
        self.encoding = encoding
        suffix = self.source.suffix
        self.kind = ("xlsx" if suffix in (".xlsx", ".xlsm") else
                     "yaml" if suffix in (".yaml", ".yml", ".json") else
                     "csv" if suffix in (".csv", ".txt") else None)
        if self.kind is None:
            raise InputError("名单应为 .xlsx、.csv 或 .yaml 文件", Location(file=self.file))
        if self.source.data is None:  # read once: rows are streamed twice
            self.source = Source(self.file, self.source.path, self.source.read())
        self.sheets = workbook_sheets(self.source) if self.kind == "xlsx" else []
        self.sheet = ROSTER_SHEET if ROSTER_SHEET in self.sheets else None
        self._fields: list[tuple[str, ...] | None] = []
        self._headers: list[str] = []
        self._header_row = 0
        self.notices: list[Problem] = []  # what reading a typed YAML roster repaired
        if self.kind == "yaml":
            self._items = self._load_yaml()
        else:
            self._read_header()

    # ------------------------------------------------------------------ tables

    def _table(self) -> Iterator[tuple[int, list[Any]]]:
        return sheet_rows(self.source, self.sheet, self.encoding)

    def _read_header(self) -> None:
        rows = self._table()
        try:
            self._header_row, header = next(rows)
        except StopIteration:
            raise InputError("名单是空的", Location(file=self.file)) from None
        problems = []
        seen: dict[str, str] = {}
        for cell in header:
            name = clean_name(cell)
            self._headers.append(str(cell or "").strip())
            if not name:
                self._fields.append(None)
                continue
            paths = lookup(HEADERS, name)
            if paths is None:
                problems.append(unknown_column(name, list(HEADERS), self.file, self._header_row,
                                               cutoff=0.6))
                self._fields.append(None)
                continue
            for path in paths:
                if path in seen:
                    problems.append(Problem(f"列「{name}」与「{seen[path]}」指同一项",
                                            Location(file=self.file, row=self._header_row, column=name)))
                seen[path] = name
            self._fields.append(paths)
        if problems:
            raise InputError("名单的表头有问题", Location(file=self.file), problems)
        if not any(self._fields):
            raise InputError("名单没有可识别的列", Location(file=self.file, row=self._header_row))

    def _table_rows(self) -> Iterator[RosterRow]:
        rows = self._table()
        for number, values in rows:
            if number <= self._header_row:
                continue
            data: dict[str, Any] = {}
            columns: dict[str, str] = {}
            for paths, header, value in zip(self._fields, self._headers, values):
                if not paths or value is None:
                    continue
                for path in paths:
                    set_path(data, path, value)
                    columns[path] = header
            if data:
                yield RosterRow(number, data, self.file, columns)

    # ------------------------------------------------------------------ YAML / JSON

    def _load_yaml(self) -> list[Any]:
        loaded = load_document(self.source, spec=PAIRING_SPEC, roster=True, expected="结对的列表")
        self.notices = loaded.notices
        data = loaded.data
        if isinstance(data, Mapping):
            data = data.get("pairs", data.get("名单", data.get("结对")))
        if not isinstance(data, list):
            raise InputError("YAML 名单应为结对的列表（每项一个结对）", Location(file=self.file))
        return data

    # ------------------------------------------------------------------ public

    def rows(self) -> Iterator[RosterRow]:
        """Each pair of the roster in order, with its row number."""
        if self.kind == "yaml":
            for number, item in enumerate(self._items, 1):
                data = canonical_keys(item, PAIRING_SPEC) if isinstance(item, Mapping) else item
                yield RosterRow(number, data, self.file)
        else:
            yield from self._table_rows()

    def defaults(self) -> dict[str, Any]:
        """The sheet 默认值 of a workbook: rows of (column name, value)."""
        if DEFAULTS_SHEET not in self.sheets:
            return {}
        data: dict[str, Any] = {}
        problems = []
        for number, values in sheet_rows(self.source, DEFAULTS_SHEET):
            name = clean_name(values[0])
            value = values[1] if len(values) > 1 else None
            if not name or name in ("字段", "项目", "列名") or value is None:
                continue
            paths = lookup(HEADERS, name)
            if paths is None:
                problems.append(Problem(f"未知的字段「{name}」",
                                        Location(file=f"{self.file}#{DEFAULTS_SHEET}", row=number)))
                continue
            for path in paths:
                set_path(data, path, value)
        if problems:
            raise InputError("「默认值」表有问题", Location(file=self.file), problems)
        return data

    @property
    def has_activities_sheet(self) -> bool:
        return ACTIVITY_SHEET in self.sheets
