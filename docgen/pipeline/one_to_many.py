"""One 甲方 with several 乙方 (一对多): several pairs' mappings merged into one agreement's.

A roster keeps one row per pair, so one 甲方 paired with three rural schools is three rows
(often with the 甲方's cells merged over them). ``docgen batch`` writes one agreement per
row; :func:`merge_supported` is what grouping rows by 甲方 builds on: the rows' 乙方 become
the list of 乙方 of one pairing (乙方一、乙方二…).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping, Sequence

from ..errors import InputError, Location, Problem
from ..kinds import PAIRING_SPEC, field_label
from .keys import canonical_keys
from .sheets import set_path

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
    merged: dict[str, Any] = {}
    given: dict[str, tuple[int, Any]] = {}
    schools: list[Any] = []
    problems = []
    for number, pair in enumerate(pairs, 1):
        data = canonical_keys(pair, PAIRING_SPEC)
        if not isinstance(data, Mapping):
            raise InputError(f"第{number}个结对不是键值表", Location(file=file))
        supported = data.get(_SUPPORTED)
        schools.extend(supported if isinstance(supported, list) else [supported or {}])
        for path, value in _leaves(data):
            if path.split(".")[0] == _SUPPORTED or value in (None, ""):
                continue
            known = given.get(path) or _written_otherwise(given, path)
            if known is None:
                given[path] = (number, value)
                set_path(merged, path, value)
            elif known[1] != value and path not in _FIRST_KEPT:
                first, was = known
                label = field_label(path) or path
                problems.append(Problem(
                    f"「{label}」不一致：第{first}个结对为「{was}」，第{number}个结对为「{value}」"
                    "（合并为一份一对多协议时，除乙方外各项应相同）",
                    Location(file=file, key_path=path)))
    if problems:
        raise InputError("这些结对不能合并为一份一对多协议", Location(file=file), problems)
    merged[_SUPPORTED] = schools[0] if len(schools) == 1 else schools
    return merged


def _written_otherwise(given: dict[str, tuple[int, Any]], path: str) -> tuple[int, Any] | None:
    """What an earlier pair gave for a group written whole (依据 as one string) where this
    pair gives one of its fields, or the other way round."""
    parts = path.split(".")
    for parent in (".".join(parts[:i]) for i in range(1, len(parts))):
        if parent in given:
            return given[parent]
    return next((known for key, known in given.items() if key.startswith(path + ".")), None)


def _leaves(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, value) of every value below nested mappings; lists are values."""
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _leaves(value, path + ".")
        else:
            yield path, value
