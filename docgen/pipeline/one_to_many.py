"""One 甲方 with several 乙方 (一对多): several pairs' mappings merged into one agreement's.

A roster keeps one row per pair, so one 甲方 paired with three rural schools is three rows
(often with the 甲方's cells merged over them). ``docgen batch`` writes one agreement per
row; :func:`merge_supported` is what grouping rows by 甲方 builds on: the rows' 乙方 become
the list of 乙方 of one pairing (乙方一、乙方二…).
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from ..errors import InputError, Location, Problem
from ..kinds import PAIRING_SPEC, field_label
from .keys import canonical_keys

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
