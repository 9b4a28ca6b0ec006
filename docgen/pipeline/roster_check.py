"""``docgen batch --check``: how a roster is understood, and every problem, writing nothing.

The roster is read exactly as a batch reads it (:func:`~.batch.open_inputs`) and each row
is validated as a batch validates it, activity log included; nothing is rendered and
nothing is written. The report says which field each column fills (列对应), which rows
were skipped and why, and each problem and notice with its row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocgenError, Location, Problem, ValidationError
from ..kinds import field_label
from .activity_sheet import ActivitySheet
from .batch import DEFAULT_KINDS, open_inputs, read_pair
from .load import Source
from .roster import Roster, RosterRow, deep_merge


@dataclass(frozen=True)
class ColumnReading:
    """One column of the roster and what docgen makes of it."""

    letter: str
    header: str
    meaning: str          # the field's label, or why it is not used
    used: bool


@dataclass
class RosterCheck:
    """The outcome of checking a roster."""

    where: str
    header_rows: tuple[int, ...]
    columns: list[ColumnReading]
    pairs: int = 0
    pairs_with_problems: int = 0
    notices: list[Problem] = field(default_factory=list)   # how the sheets were read
    problems: list[Problem] = field(default_factory=list)  # what stops a document
    warnings: list[Problem] = field(default_factory=list)  # what was repaired or looks wrong

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


def _columns(roster: Roster) -> list[ColumnReading]:
    if roster.table is None:
        return []
    out = []
    for column in roster.table.columns:
        if not column.header:
            continue
        if column.paths:
            meaning = "、".join(field_label(p) or p for p in column.paths)
            meaning += "（隐藏列）" if column.hidden else ""
        else:
            reason = column.reason if column.reason != "未知的列" else "不认识，不使用"
            meaning = f"未使用：{reason}" + ("（隐藏列）" if column.hidden else "")
        out.append(ColumnReading(column.letter, column.header, meaning, bool(column.paths)))
    return out


def check_roster(roster: Source | str | Path, *, activities: Source | str | Path | None = None,
                 defaults: Source | str | Path | None = None, encoding: str | None = None,
                 kinds: tuple[str, ...] = DEFAULT_KINDS) -> RosterCheck:
    """Read and validate a roster as ``docgen batch`` would, without writing anything.

    Raises :class:`~docgen.errors.InputError` when the roster cannot be read at all (no
    header, a broken file), as a batch would."""
    table, default_data, sheet, notices = open_inputs(
        roster, activities=activities, defaults=defaults, encoding=encoding, kinds=kinds)
    where = table.table.where if table.table else table.file
    header_rows = table.table.header_rows if table.table else ()
    report = RosterCheck(where, header_rows, _columns(table))
    report.notices = notices
    base = table.source.folder
    sheet = sheet if "summary" in kinds else None  # as a batch: the log is the summary's
    for row in table.rows():
        report.pairs += 1
        if not isinstance(row.data, dict):
            report.problems.append(Problem("这一项不是键值表（一个结对）", Location(file=row.file, row=row.number)))
            report.pairs_with_problems += 1
            continue
        found = _check_row(row.data, default_data, row, base, sheet, report)
        report.pairs_with_problems += bool(found)
    return report


def _check_row(data: dict, default_data: dict, row: RosterRow, base: Path | None,
               sheet: ActivitySheet | None, report: RosterCheck) -> list[Problem]:
    try:
        pairing, log_error = read_pair(deep_merge(default_data, data), row, base, sheet)
    except DocgenError as exc:
        problems = _problems(exc)
        report.problems.extend(problems)
        return problems
    problems = []
    if log_error is not None:  # the summary alone fails: say whose log it is
        problems = [Problem(f"（名单第{row.number}行的工作总结）{p.message}", p.where)
                    for p in _problems(log_error)]
    report.warnings.extend(pairing.warnings)
    report.problems.extend(problems)
    return problems


def _problems(exc: DocgenError) -> list[Problem]:
    if isinstance(exc, ValidationError):
        return list(exc.problems)
    return [Problem(exc.message, exc.where)] + list(exc.problems)
