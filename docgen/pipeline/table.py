"""Load stage for tables: find the table in a sheet as an office laid it out.

A sheet from a bureau or a school rarely starts with its header: a title sits above it
(2026年××县城乡学校结对帮扶名单), a 填报单位 line perhaps, and notes below it (注：…,
填表人：… 审核人：…). The header is the row among the first ones whose cells best match
the column names of the schema (:class:`~.keys.Vocabulary`), or two rows read together
when a merged upper row groups the columns below it (支援学校（城区） over 学校名称 /
校长 / 联系电话). Columns no field claims (序号, 备注, a hidden 身份证号) are set aside and
named; rows that are notes, totals (合计) or a repeated header are skipped and named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..errors import InputError, Location, Problem
from .grid import Grid
from .keys import Resolved, Vocabulary, clean_name

HEADER_SEARCH_ROWS = 20   # the header is among the first rows of a sheet
_NOTE = re.compile(r"^(注|备注|说明|附注|填表说明|填表人|填报人|审核人|制表人|负责人|填表日期|制表日期|"
                   r"填报日期|填报单位|单位|联系人|联系电话|盖章)\s*\d*\s*[:：.、]")
_NOTE_WORDS = ("填表人", "审核人", "制表人", "填报人")
_TOTALS = {"合计", "小计", "总计", "累计", "总数"}


def set_path(target: dict[str, Any], path: str, value: Any) -> None:
    """``target['a']['b'] = value`` for ``path`` 'a.b', creating the mappings on the way."""
    *parents, last = path.split(".")
    for key in parents:
        target = target.setdefault(key, {})
    target[last] = value


@dataclass(frozen=True)
class Column:
    """A column of the table: where it is, its header as written, and what it fills."""

    index: int                     # 0-based
    header: str                    # as written; two header rows joined with ／
    paths: tuple[str, ...]         # the key paths it fills; () when unused
    reason: str = ""               # why it is unused
    hidden: bool = False

    @property
    def letter(self) -> str:
        """The column's letter as Excel shows it (A, B, … AA)."""
        n, letters = self.index + 1, ""
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(65 + rest) + letters
        return letters


@dataclass
class Table:
    """The table found in a sheet: its columns and its data rows, with what was skipped."""

    where: str                             # file, or file#sheet
    header_rows: tuple[int, ...]
    columns: list[Column]
    rows: list[tuple[int, list[Any]]]      # (sheet row, values) of the data rows
    skipped: list[tuple[int, str]] = field(default_factory=list)   # (sheet row, why)
    filled: list[tuple[str, list[int]]] = field(default_factory=list)  # (header, rows) filled down

    @property
    def used(self) -> list[Column]:
        return [c for c in self.columns if c.paths]

    @property
    def unused(self) -> list[Column]:
        return [c for c in self.columns if not c.paths and c.header]

    def has(self, path: str) -> bool:
        return any(path in c.paths for c in self.columns)

    def records(self) -> Iterator[tuple[int, dict[str, Any], dict[str, str]]]:
        """(sheet row, data by key path, key path → header) of each data row."""
        for number, values in self.rows:
            data: dict[str, Any] = {}
            headers: dict[str, str] = {}
            for column in self.used:
                value = values[column.index] if column.index < len(values) else None
                if value is None:
                    continue
                for path in column.paths:
                    set_path(data, path, value)
                    headers[path] = column.header
            yield number, data, headers

    def notices(self) -> list[Problem]:
        """How the sheet was read, for the user: header rows, unused columns, skipped rows."""
        where = Location(file=self.where)
        out = []
        if self.header_rows[0] > 1:
            out.append(Problem(f"表头在第{'、'.join(map(str, self.header_rows))}行，上方的标题行已跳过",
                               where))
        if self.unused:
            out.append(Problem(f"未使用的列：{'、'.join(_unused_text(c) for c in self.unused)}", where))
        by_reason: dict[str, list[int]] = {}
        for number, reason in self.skipped:
            by_reason.setdefault(reason, []).append(number)
        for reason, numbers in by_reason.items():
            out.append(Problem(f"已跳过{reason}（第{_row_list(numbers)}行）", where))
        for header, numbers in self.filled:
            out.append(Problem(f"第{_row_list(numbers)}行的「{header}」是空的，已按上一行填入"
                               "（CSV 中合并单元格只有第一行有值）", where))
        return out


def _unused_text(column: Column) -> str:
    detail = [c for c in ("隐藏列" if column.hidden else "",
                          "" if column.reason == "未知的列" else column.reason) if c]
    return f"{column.header}（{'，'.join(detail)}）" if detail else column.header


def _row_list(numbers: list[int]) -> str:
    """1、2、3、7 → 1–3、7."""
    parts, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return "、".join(parts)


# --------------------------------------------------------------------------- the header

def _cell_name(value: Any) -> str:
    return clean_name(value) if isinstance(value, str) else ""


def _read_header(cells: list[str], vocabulary: Vocabulary,
                 upper: list[str] | None = None) -> list[Resolved]:
    """What each header cell means, groups named to the left (or above) giving context."""
    recent: list[str] = []
    out = []
    for i, name in enumerate(cells):
        above = upper[i] if upper and i < len(upper) else ""
        resolved = Resolved(reason="未知的列")
        if above and above != name:
            group = vocabulary.group_of(above)
            context = recent + [group] if group else recent
            for candidate in ((name, context), (above + name, recent), (above, recent)):
                if candidate[0]:
                    resolved = vocabulary.resolve(*candidate)
                    if resolved.paths:
                        break
        elif name:
            resolved = vocabulary.resolve(name, recent)
        for path in resolved.paths:
            if "." in path:
                recent.append(path.split(".")[0])
        out.append(resolved)
    return out


def _score(resolved: list[Resolved]) -> int:
    return len({path for r in resolved for path in r.paths})


def find_table(grid: Grid, vocabulary: Vocabulary, *, what: str, minimum: int = 2) -> Table:
    """The table of ``grid``: its header row (or two), columns and data rows.

    ``what`` names the table in messages (名单, 活动记录表). A sheet whose best row
    matches fewer than ``minimum`` known columns is refused, showing its first rows."""
    head = grid.rows[:HEADER_SEARCH_ROWS]
    singles = []
    for number, values in head:
        resolved = _read_header([_cell_name(v) for v in values], vocabulary)
        singles.append((_score(resolved), (number,), resolved, list(values)))
    best = max(singles, key=lambda c: c[0], default=None)  # the first of the best
    for i in range(len(head) - 1):
        (number, upper_values), (next_number, lower_values) = head[i], head[i + 1]
        if next_number != number + 1:
            continue
        upper = [_cell_name(v) for v in upper_values]
        lower = [_cell_name(v) for v in lower_values]
        width = max(len(upper), len(lower))
        upper += [""] * (width - len(upper))
        lower += [""] * (width - len(lower))
        resolved = _read_header([lower[j] or upper[j] for j in range(width)], vocabulary, upper)
        score = _score(resolved)
        # Two rows are one header only when together they say more than either alone.
        if best is not None and score > max(singles[i][0], singles[i + 1][0], best[0]):
            shown = [_joined_header(upper_values, lower_values, j) for j in range(width)]
            best = (score, (number, next_number), resolved, shown)
    if best is None or best[0] < minimum:
        raise InputError(f"{what}中找不到表头", Location(file=grid.where), _first_rows(grid, vocabulary))
    _, header_rows, resolved, shown = best
    columns = _columns(grid, resolved, shown, what)
    typos = _typos(grid, columns, vocabulary, header_rows[-1])
    if typos:
        raise InputError(f"{what}的表头有写错的列名（其他不认识的列会被忽略）", Location(file=grid.where),
                         typos)
    table = Table(grid.where, header_rows, columns, [])
    _collect_rows(grid, table)
    if not grid.merges_known:
        for headline in vocabulary.headlines:
            _fill_down(table, headline)
    return table


def _joined_header(upper: list[Any], lower: list[Any], j: int) -> str:
    top = str(upper[j]).strip() if j < len(upper) and upper[j] is not None else ""
    bottom = str(lower[j]).strip() if j < len(lower) and lower[j] is not None else ""
    return f"{top}／{bottom}" if top and bottom and top != bottom else top or bottom


def _columns(grid: Grid, resolved: list[Resolved], shown: list[Any], what: str) -> list[Column]:
    columns = []
    claimed: dict[str, Column] = {}
    problems = []
    for index, meaning in enumerate(resolved):
        header = str(shown[index]).strip() if index < len(shown) and shown[index] is not None else ""
        column = Column(index, header, meaning.paths, meaning.reason, index in grid.hidden_columns)
        for path in meaning.paths:
            if path in claimed:
                problems.append(Problem(
                    f"列「{header}」与「{claimed[path].header}」（{claimed[path].letter}列）指同一项，"
                    f"请删去或改名其中一列", Location(file=grid.where, column=f"{column.letter}列 {header}")))
            claimed[path] = column
        columns.append(column)
    if problems:
        raise InputError(f"{what}的表头有重复的列", Location(file=grid.where), problems)
    return columns


def _typos(grid: Grid, columns: list[Column], vocabulary: Vocabulary, row: int) -> list[Problem]:
    """Unknown headers close to a real one: a typo, refused rather than ignored (a column
    meant as 乙方学校 must not leave every document's 乙方 blank)."""
    out = []
    for column in columns:
        close = vocabulary.suggest(column.header) if column.reason == "未知的列" else None
        if close:
            out.append(Problem(f"未知的列名「{column.header}」，是否应为「{close}」？",
                               Location(file=grid.where, row=row, column=f"{column.letter}列")))
    return out


def _first_rows(grid: Grid, vocabulary: Vocabulary) -> list[Problem]:
    """The sheet's first rows and the column names expected, for a sheet with no header."""
    shown = []
    for number, values in grid.rows[:5]:
        cells = "｜".join(str(v).strip() for v in values if v is not None)
        shown.append(Problem(f"第{number}行：{cells[:80]}", Location(file=grid.where, row=number)))
        for value in values:
            close = vocabulary.suggest(value) if isinstance(value, str) else None
            if close and not vocabulary.resolve(value).paths:
                shown.append(Problem(f"未知的列名「{value.strip()}」，是否应为「{close}」？",
                                     Location(file=grid.where, row=number)))
    expected = "、".join(vocabulary.suggestions[:12])
    shown.append(Problem(f"表头应有这些列名中的几个：{expected}……", Location(file=grid.where)))
    return shown


# --------------------------------------------------------------------------- the rows

def _collect_rows(grid: Grid, table: Table) -> None:
    last_header = table.header_rows[-1]
    header_names = {clean_name(c.header.split("／")[-1]) for c in table.columns if c.header}
    used = [c.index for c in table.used]
    for number, values in grid.rows:
        if number <= last_header:
            continue
        texts = [clean_name(v) for v in values if v is not None]
        if any(t in _TOTALS for t in texts):
            table.skipped.append((number, "合计行"))
        elif _is_note(number, values, texts, grid):
            table.skipped.append((number, "说明行"))
        elif not any(i < len(values) and values[i] is not None for i in used):
            table.skipped.append((number, "没有数据的行"))
        elif len(header_names) > 2 and sum(t in header_names for t in texts) > len(texts) // 2:
            table.skipped.append((number, "重复的表头行"))
        else:
            table.rows.append((number, values))


def _fill_down(table: Table, headline: str) -> None:
    """A CSV keeps a merged cell's value on its first row only: a row without the school
    that stands for its group (甲方学校) but with other data takes that group's empty
    cells from the row above, as the merged cell showed them."""
    column = next((c for c in table.used if headline in c.paths), None)
    if column is None:
        return
    group = headline.split(".")[0] + "."
    members = [c.index for c in table.used if any(p.startswith(group) for p in c.paths)]
    above: list[Any] | None = None
    filled = []
    for i, (number, values) in enumerate(table.rows):
        if column.index < len(values) and values[column.index] is not None:
            above = values
            continue
        if above is None:
            continue
        values = list(values) + [None] * (max(members) + 1 - len(values))
        for index in members:
            if values[index] is None and index < len(above):
                values[index] = above[index]
        table.rows[i] = (number, values)
        filled.append(number)
    if filled:
        table.filled.append((column.header, filled))


def _is_note(number: int, values: list[Any], texts: list[str], grid: Grid) -> bool:
    first = texts[0] if texts else ""
    if _NOTE.match(first) or any(word in t for t in texts for word in _NOTE_WORDS):
        return True
    span = grid.merged_across.get(number)
    # One text merged across the row: a line of the form, not a pair.
    return bool(span and span[1] - span[0] >= 2 and len(set(texts)) == 1)
