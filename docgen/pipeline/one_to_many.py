"""One 甲方 with several 乙方 (一对多): several pairs' mappings merged into one agreement's.

A roster keeps one row per pair, so one 甲方 paired with three rural schools is three rows
(often with the 甲方's cells merged over them). ``docgen batch`` writes one agreement per
row; :func:`merge_supported` is what grouping rows by 甲方 builds on: the rows' 乙方 become
the list of 乙方 of one pairing (乙方一、乙方二…).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..errors import DocgenError, InputError, Location, Problem
from ..kinds import PAIRING_SPEC, field_label
from .keys import canonical_keys, clean_name
from .roster import RosterRow
from .validate import validate_pairing

_SUPPORTED = "supported"
_FIRST_KEPT = ("id",)  # each row's own 编号: the merged pairing keeps the first


def merge_supported(pairs: Sequence[Mapping[str, Any]], *, file: str | None = None) -> dict[str, Any]:
    """One pairing mapping whose 乙方 is the list of every pair's 乙方, in order.

    ``pairs`` are pairing mappings sharing one 甲方 (roster rows, or YAML written with any
    of the names users write: they are made canonical first). A pair whose 乙方 is already
    a list adds each of its schools. Every other field given by more than one pair must
    be the same in each (a field some pairs leave out takes the value the others give);
    编号 is the first pair's. A field given differently raises :class:`InputError` naming
    it and the pairs — among them 乙方盖章 and 乙方签字, whose pictures an agreement holds
    for 乙方一 only.
    """
    if not pairs:
        raise InputError("没有可合并的结对", Location(file=file))
    merger = _Merger(file)
    schools: list[Any] = []
    for number, pair in enumerate(pairs, 1):
        data = canonical_keys(pair, PAIRING_SPEC)
        if not isinstance(data, Mapping):
            raise InputError(f"第{number}个结对不是键值表", Location(file=file))
        supported = data.get(_SUPPORTED)
        schools.extend(supported if isinstance(supported, list) else [supported or {}])
        merger.take(merger.merged, {k: v for k, v in data.items() if k != _SUPPORTED}, "", number)
    if merger.problems:
        raise InputError("这些结对不能合并为一份一对多协议", Location(file=file), merger.problems)
    merger.merged[_SUPPORTED] = schools[0] if len(schools) == 1 else schools
    return merger.merged


class _Merger:
    """The merged mapping, which pair gave each value, and the values that disagree."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.merged: dict[str, Any] = {}
        self.given: dict[str, int] = {}
        self.problems: list[Problem] = []

    def take(self, merged: dict[str, Any], data: Mapping[str, Any], prefix: str, number: int) -> None:
        """Add pair ``number``'s values below ``prefix``; nested mappings merge."""
        for key, value in data.items():
            path = f"{prefix}{key}"
            if value is None or value == "":
                continue
            if isinstance(value, Mapping) and isinstance(merged.get(key, {}), dict):
                self.take(merged.setdefault(key, {}), value, path + ".", number)
            elif key not in merged:
                merged[key] = value
                self.given[path] = number
            elif merged[key] != value and path not in _FIRST_KEPT:
                self.problems.append(Problem(
                    f"「{_label(path)}」不一致：第{self.given.get(path, 1)}个结对为「{merged[key]}」，"
                    f"第{number}个结对为「{value}」（合并为一份一对多协议时，除乙方外各项应相同）",
                    Location(file=self.file, key_path=path)))


def _label(path: str) -> str:
    """The label of a field or of a group (依据文件); the path itself if neither."""
    spec = PAIRING_SPEC
    try:
        for key in path.split("."):
            spec = spec.child(key)
    except KeyError:
        return field_label(path) or path
    return spec.label


# --------------------------------------------------------------------------- rosters

@dataclass
class RowGroup:
    """Roster rows sharing one 甲方 (``docgen batch --group``): one agreement for them all."""

    rows: list[RosterRow]
    data: dict[str, Any]            # the merged pairing: every row's 乙方 as a list
    error: str | None = None

    @property
    def row(self) -> RosterRow:
        """The group as one roster row: the first row, pointing at each member's cells."""
        first, members = self.rows[0], self.rows

        def locate(key_path: str) -> Location:
            m = re.match(r"^supported\[(\d+)\](.*)$", key_path)
            if m and 1 <= int(m.group(1)) <= len(members):
                return members[int(m.group(1)) - 1].locate("supported" + m.group(2))
            return first.locate(key_path)

        grouped = RosterRow(first.number, self.data, first.file, first.columns)
        grouped.locate = locate  # type: ignore[method-assign]
        return grouped


def group_rows(rows: Sequence[tuple[RosterRow, dict[str, Any]]]) -> list[RowGroup]:
    """Rows (with their data, defaults applied) grouped by 甲方学校, in roster order.

    A group of several rows is checked as a batch would check each row; fields other
    than 编号 and 乙方 must mean the same in every row (2026.9 and 2026年9月 do) — a
    difference is the group's error, naming the field and the rows."""
    groups: dict[str, list[tuple[RosterRow, dict[str, Any]]]] = {}
    for row, data in rows:
        name = _supporter_name(data)
        groups.setdefault(name or f"#{row.number}", []).append((row, data))
    return [_group(members) for members in groups.values()]


def _supporter_name(data: Mapping[str, Any]) -> str:
    school = data.get("supporter")
    value = school.get("name") if isinstance(school, Mapping) else None
    return clean_name(value) if value not in (None, "") else ""


def _group(members: list[tuple[RosterRow, dict[str, Any]]]) -> RowGroup:
    rows = [row for row, _ in members]
    first = dict(members[0][1])
    if len(members) == 1:
        return RowGroup(rows, first)
    first["supported"] = [data.get("supported") or {} for _, data in members]
    try:
        pairings = [validate_pairing(data, file=row.file, locate=row.locate) for row, data in members]
    except DocgenError as exc:
        return RowGroup(rows, first, f"组内有一行有错：{exc}".replace("\n", " "))
    ignored = {"id", "supported", "more_supported", "warnings"}
    base = pairings[0]
    differ = []
    for f in dataclasses.fields(base):
        if f.name in ignored:
            continue
        values = [getattr(p, f.name) for p in pairings]
        if any(v != values[0] for v in values[1:]):
            numbers = "、".join(str(r.number) for r in rows)
            differ.append(f"「{_label(f.name)}」各行不同（第{numbers}行）")
    if differ:
        return RowGroup(rows, first, "这些行的甲方相同，但不能合并为一份协议：" + "；".join(differ))
    return RowGroup(rows, first)
