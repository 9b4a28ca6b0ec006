"""Load stage for batches: a roster (名单) of pairs → one plain mapping per pair, streamed.

A roster is a workbook (.xlsx, or an old .xls; the sheet 结对名单, else the sheet whose
header best matches the roster's columns; optional sheets 活动记录 and 默认值), a .csv
file, or a YAML/JSON list of pairing objects. A sheet is read as an office lays it out —
titles, notes, 序号, merged cells, hidden columns (see :mod:`.grid` and :mod:`.table`);
its headers are the names the schema declares (编号, 甲方学校, 支援学校, 校长 beside a
school, 结对时间 …) or the canonical dotted keys (supporter.name). Values stay as the
sheet holds them; the validate stage decides what each means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

import dataclasses

from ..errors import InputError, Location, Problem
from ..kinds import PAIRING_SPEC, SHARED_COLUMNS
from ..pairing.model import SIDES
from .grid import Workbook
from .keys import Vocabulary, canonical_keys, clean_name, vocabulary
from .load import Source, as_source, load_document
from .table import Table, find_table, set_path

ROSTER_SHEET = "结对名单"
DEFAULTS_SHEET = "默认值"
ACTIVITY_SHEET = "活动记录"


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


def _vocabulary() -> Vocabulary:
    """Every accepted header → the key paths it fills: the fields declared as roster
    columns, and the names the fields of SHARED_COLUMNS share (学年 fills both)."""
    columns = dataclasses.replace(PAIRING_SPEC, children=tuple(
        c for c in PAIRING_SPEC.children if c.column))
    specs = [PAIRING_SPEC.child(head).child(rest) for head, rest in
             (path.split(".", 1) for path in SHARED_COLUMNS)]
    shared = set.intersection(*(set(s.names) for s in specs))
    return vocabulary(columns, {name: SHARED_COLUMNS for name in sorted(shared)},
                      [header for _, header in preferred_headers()])


ROSTER_VOCABULARY = _vocabulary()


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
    """An opened roster: its table found at once, rows read lazily."""

    def __init__(self, source: Source | str | Path, *, encoding: str | None = None) -> None:
        self.source = as_source(source)
        self.file = self.source.name
        suffix = self.source.suffix
        self.kind = "yaml" if suffix in (".yaml", ".yml", ".json") else "table"
        if self.source.data is None:  # read once
            self.source = Source(self.file, self.source.path, self.source.read())
        self._repaired: list[Problem] = []  # what reading a typed YAML roster repaired
        self.table: Table | None = None
        self.book: Workbook | None = None
        if self.kind == "yaml":
            self._items = self._load_yaml()
        else:
            self.book = Workbook(self.source, encoding)
            self.table = self._find_table(self.book)

    # ------------------------------------------------------------------ tables

    def _find_table(self, book: Workbook) -> Table:
        """The roster's table: the sheet 结对名单, else the visible sheet whose header
        matches the roster's columns best (never 默认值, 活动记录 or a 填表说明 sheet)."""
        if ROSTER_SHEET in book.names:
            return find_table(book.grid(ROSTER_SHEET), ROSTER_VOCABULARY, what="名单")
        candidates = [s.name for s in book.sheets
                      if not s.hidden and s.name not in (DEFAULTS_SHEET, ACTIVITY_SHEET)]
        best: Table | None = None
        first_error: InputError | None = None
        for name in candidates or [book.sheets[0].name]:
            try:
                table = find_table(book.grid(name or None), ROSTER_VOCABULARY, what="名单")
            except InputError as exc:
                first_error = first_error or exc
                continue
            if best is None or len(table.used) > len(best.used):
                best = table
        if best is None:
            assert first_error is not None
            if len(candidates) > 1:
                raise InputError(f"名单的各工作表（{'、'.join(candidates)}）中都找不到表头",
                                 Location(file=self.file), first_error.problems)
            raise first_error
        return best

    def notices(self) -> list[Problem]:
        """How the roster was read: the header row, unused columns, skipped rows (or what
        was repaired in a typed YAML roster)."""
        return self.table.notices() if self.table else list(self._repaired)

    # ------------------------------------------------------------------ YAML / JSON

    def _load_yaml(self) -> list[Any]:
        loaded = load_document(self.source, spec=PAIRING_SPEC, roster=True, expected="结对的列表")
        self._repaired = loaded.notices
        data = loaded.data
        if isinstance(data, Mapping):
            data = data.get("pairs", data.get("名单", data.get("结对")))
        if not isinstance(data, list):
            raise InputError("YAML 名单应为结对的列表（每项一个结对）", Location(file=self.file))
        return data

    # ------------------------------------------------------------------ public

    def rows(self) -> Iterator[RosterRow]:
        """Each pair of the roster in order, with its row number."""
        if self.table is None:
            for number, item in enumerate(self._items, 1):
                data = canonical_keys(item, PAIRING_SPEC) if isinstance(item, Mapping) else item
                yield RosterRow(number, data, self.file)
            return
        for number, data, headers in self.table.records():
            yield RosterRow(number, data, self.table.where, headers)

    def defaults(self) -> dict[str, Any]:
        """The sheet 默认值 of a workbook: rows of (column name, value)."""
        if self.book is None or DEFAULTS_SHEET not in self.book.names:
            return {}
        data: dict[str, Any] = {}
        problems = []
        grid = self.book.grid(DEFAULTS_SHEET)
        for number, values in grid.rows:
            name = clean_name(values[0])
            value = values[1] if len(values) > 1 else None
            if not name or name in ("字段", "项目", "列名") or value is None:
                continue
            paths = ROSTER_VOCABULARY.resolve(name).paths
            if not paths:
                problems.append(Problem(f"未知的字段「{name}」", Location(file=grid.where, row=number)))
                continue
            for path in paths:
                set_path(data, path, value)
        if problems:
            raise InputError("「默认值」表有问题", Location(file=self.file), problems)
        return data

    @property
    def has_activities_sheet(self) -> bool:
        return self.book is not None and ACTIVITY_SHEET in self.book.names
