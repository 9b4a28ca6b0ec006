"""Load stage for batches: a roster (名单) of pairs → one plain mapping per pair, streamed.

A roster is an .xlsx workbook (first sheet, or the sheet 结对名单; optional sheets 活动记录
and 默认值), a .csv file, or a YAML/JSON list of pairing objects. Headers are Chinese as
the sample roster shows (编号, 甲方学校, 甲方代表, 乙方学校, 开始年月, 签订日期 …) or the
canonical dotted keys (supporter.name); surrounding and full-width spaces are ignored.
Values stay text where text is meant; the model decides what each means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from .errors import InputError, Location, Problem
from .loaders import clean_header, load_mapping, sheet_rows, unknown_column, workbook_sheets
from .model import PAIRING_SPEC, Spec

ROSTER_SHEET = "结对名单"
DEFAULTS_SHEET = "默认值"
ACTIVITIES_SHEET = "活动记录"
_ROSTER_SCOPE = ("id", "authority", "basis", "supporter", "supported", "term", "signed_on",
                 "copies", "other_terms", "seal", "signature")
# Headers that fill more than one field.
_EXTRA_HEADERS = {"学年": ("plan.school_year", "summary.school_year"),
                  "school_year": ("plan.school_year", "summary.school_year")}


def _header_map() -> dict[str, tuple[str, ...]]:
    """Every accepted header → the key paths it fills. Ambiguous short names are left out
    (代表 could be either side's), so a header always means one thing."""
    candidates: dict[str, set[str]] = {}

    def add(name: str, path: str) -> None:
        candidates.setdefault(re.sub(r"[\s\u3000]+", "", name), set()).add(path)

    for top in PAIRING_SPEC.children:
        if top.key not in _ROSTER_SCOPE:
            continue
        leaves: list[tuple[str, Spec, Spec | None]] = (
            [(f"{top.key}.{c.key}", c, top) for c in top.children] if top.kind == "group"
            else [(top.key, top, None)])
        for path, leaf, parent in leaves:
            add(path, path)
            for alias in leaf.aliases:
                add(alias, path)
            if parent is not None:
                for parent_alias in parent.aliases:
                    for alias in (leaf.key, *leaf.aliases):
                        add(parent_alias + alias, path)
                        add(alias + parent_alias, path)  # 盖章 + 甲方 is written 甲方盖章
    headers = {name: tuple(paths) for name, paths in candidates.items() if len(paths) == 1}
    headers.update(_EXTRA_HEADERS)
    return headers


HEADERS = _header_map()


def set_path(target: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        target = target.setdefault(key, {})
    target[last] = value


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


def canonical_keys(data: Any, spec: Spec = PAIRING_SPEC) -> Any:
    """Rename Chinese aliases to canonical keys (values untouched), so that mappings
    written with different spellings can be merged. Unknown keys are kept for the
    validation to report."""
    if not isinstance(data, Mapping):
        return data
    names = {name: c for c in spec.children for name in (c.key, *c.aliases)}
    out: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = str(raw_key).strip()
        child = names.get(key)
        if child is None:
            out[key] = value
        elif child.kind == "group":
            out[child.key] = canonical_keys(value, child)
        elif child.kind == "records" and isinstance(value, list):
            out[child.key] = [canonical_keys(v, child) for v in value]
        else:
            out[child.key] = value
    return out


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

    def __init__(self, path: str | Path, *, encoding: str | None = None) -> None:
        self.path = Path(path)
        self.file = str(self.path)
        self.encoding = encoding
        suffix = self.path.suffix.lower()
        self.kind = ("xlsx" if suffix in (".xlsx", ".xlsm") else
                     "yaml" if suffix in (".yaml", ".yml", ".json") else
                     "csv" if suffix in (".csv", ".txt") else None)
        if self.kind is None:
            raise InputError("名单应为 .xlsx、.csv 或 .yaml 文件", Location(file=self.file))
        self.sheets = workbook_sheets(self.path) if self.kind == "xlsx" else []
        self.sheet = ROSTER_SHEET if ROSTER_SHEET in self.sheets else None
        self._fields: list[tuple[str, ...] | None] = []
        self._headers: list[str] = []
        self._header_row = 0
        if self.kind == "yaml":
            self._items = self._load_yaml()
        else:
            self._read_header()

    # ------------------------------------------------------------------ tables

    def _table(self) -> Iterator[tuple[int, list[Any]]]:
        return sheet_rows(self.path, self.sheet, self.encoding)

    def _read_header(self) -> None:
        rows = self._table()
        try:
            self._header_row, header = next(rows)
        except StopIteration:
            raise InputError("名单是空的", Location(file=self.file)) from None
        problems = []
        seen: dict[str, str] = {}
        for cell in header:
            name = clean_header(cell)
            self._headers.append(str(cell or "").strip())
            if not name:
                self._fields.append(None)
                continue
            paths = HEADERS.get(name)
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
        data = load_mapping(self.path)
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
                data = canonical_keys(item) if isinstance(item, Mapping) else item
                yield RosterRow(number, data, self.file)
        else:
            yield from self._table_rows()

    def defaults(self) -> dict[str, Any]:
        """The sheet 默认值 of a workbook: rows of (column name, value)."""
        if DEFAULTS_SHEET not in self.sheets:
            return {}
        data: dict[str, Any] = {}
        problems = []
        for number, values in sheet_rows(self.path, DEFAULTS_SHEET):
            name = clean_header(values[0])
            value = values[1] if len(values) > 1 else None
            if not name or name in ("字段", "项目", "列名") or value is None:
                continue
            paths = HEADERS.get(name)
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
        return ACTIVITIES_SHEET in self.sheets
