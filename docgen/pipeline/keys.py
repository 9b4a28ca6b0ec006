"""How users name fields: as YAML keys, as column headers, in either script.

Every name comes from the schema (a field's key, aliases and label). Column headers add
what tables write: a group's name joined to its field's (甲方学校, 甲方盖章 or 盖章甲方)
as well as a label with its unit (图书（册）). A name written in traditional characters
(甲方學校, 聯繫人) is read through OpenCC's simplified form, so no traditional spelling is
listed anywhere.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, Sequence

from ..pairing.schema import Spec
from ..script.text import simplified_forms, to_simplified


def clean_name(value: Any) -> str:
    """A key or header as matched: inner, outer and full-width spaces removed, brackets
    written full-width."""
    text = re.sub(r"[\s\u3000]+", "", str(value if value is not None else ""))
    return text.replace("(", "（").replace(")", "）")


def lookup(table: Mapping[str, Any], name: str) -> Any:
    """``table[name]``, or the entry of a simplified form of it (a name written in
    traditional characters, or in Hong Kong's or Taiwan's usage); None when none is there."""
    found = table.get(name)
    if found is None and not name.isascii():
        for form in simplified_forms(name):
            found = table.get(form)
            if found is not None:
                break
    return found


@lru_cache(maxsize=None)
def _children_by_name(spec: Spec) -> dict[str, Spec]:
    return {clean_name(name): child for child in spec.children for name in child.names}


def find_child(spec: Spec, name: str) -> Spec | None:
    """The child of a group that ``name`` (a YAML key) means."""
    return lookup(_children_by_name(spec), clean_name(name))


@lru_cache(maxsize=None)
def flat_names(record: Spec) -> dict[str, str]:
    """The names of a record's groups' fields that a record may also write flat, as a
    sheet's columns do (图书, 图书（册）, 捐赠图书 beside 类型 in an activity) → their key
    path in the record (donation.books)."""
    return {name: paths[0] for name, paths in column_names(record).items()
            if len(paths) == 1 and paths[0].count(".") == 1
            and record.child(paths[0].split(".")[0]).kind == "group"}


def closest_child(spec: Spec, name: str) -> tuple[str, Spec] | None:
    """The name (and field) of a group closest to an unknown ``name``, if one is close:
    what to suggest (是否应为…). A traditional spelling is compared in simplified form."""
    name = clean_name(name)
    if not name.isascii():
        name = to_simplified(name)
    table = _children_by_name(spec)
    close = difflib.get_close_matches(name, list(table), n=1, cutoff=0.6)
    return (close[0], table[close[0]]) if close else None


def column_names(record: Spec,
                 shared: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, tuple[str, ...]]:
    """Every header a table of ``record`` rows may have → the key paths it fills.

    Fields of the record and of its groups (one level down) are columns; ``shared`` adds
    headers that fill several fields. A name that would mean two fields (代表: whose?) is
    left out, so a header always means one thing."""
    candidates: dict[str, set[str]] = {}

    def add(name: str, path: str) -> None:
        candidates.setdefault(clean_name(name), set()).add(path)

    for top in record.children:
        if top.kind == "group":
            leaves = [(f"{top.key}.{leaf.key}", leaf, top) for leaf in top.children]
        else:
            leaves = [(top.key, top, None)]
        for path, leaf, parent in leaves:
            add(path, path)
            for name in leaf.names:
                add(name, path)
            if parent is not None:
                for parent_name in (parent.key, *parent.aliases):
                    for name in (leaf.key, *leaf.aliases):
                        add(parent_name + name, path)
                        add(name + parent_name, path)  # 盖章 + 甲方 is also written 甲方盖章
    headers = {name: tuple(sorted(paths)) for name, paths in candidates.items() if len(paths) == 1}
    headers.update({clean_name(name): paths for name, paths in (shared or {}).items()})
    return headers


_QUALIFIER = re.compile(r"（[^（）]*）|[*＊★]")


def without_qualifiers(name: str) -> str:
    """A header less what qualifies it: 支援学校（城区） → 支援学校, 联系电话* → 联系电话."""
    return _QUALIFIER.sub("", name)


@dataclass(frozen=True)
class Resolved:
    """What a header means: the key paths it fills (none when unused) and why not."""

    paths: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """The headers a table of ``record`` rows may have, read in context.

    ``names`` are the headers that mean one field wherever they stand (甲方学校, 编号);
    ``by_group`` the names of a group's field without the group (校长, 联系电话), which
    mean that field of the group named last to their left — in the same header row or
    in the row above (支援学校（城区） over 学校名称 / 校长 / 联系电话); ``groups`` the
    names of the groups themselves."""

    names: Mapping[str, tuple[str, ...]]
    by_group: Mapping[str, Mapping[str, str]]
    groups: Mapping[str, str]
    suggestions: tuple[str, ...]
    headlines: tuple[str, ...] = ()     # key paths of the fields that stand for their group

    def group_of(self, header: Any) -> str | None:
        """The group a header names alone (支援学校（城区） → supporter), if any."""
        for name in self._forms(header):
            found = lookup(self.groups, name)
            if found:
                return found
        return None

    def resolve(self, header: Any, recent: Sequence[str] = ()) -> Resolved:
        """What ``header`` means after the groups ``recent`` (nearest last)."""
        for name in self._forms(header):
            paths = lookup(self.names, name)
            if paths:
                return Resolved(paths)
            choices = lookup(self.by_group, name)
            if choices:
                for group in reversed(recent):
                    if group in choices:
                        return Resolved((choices[group],))
                sides = "或".join(f"「{g}{name}」" for g in self._group_words(choices))
                return Resolved(reason=f"看不出是哪一方的，请写成{sides}")
        return Resolved(reason="未知的列")

    def suggest(self, header: Any) -> str | None:
        """The real header closest to an unknown one, only when it is close."""
        name = clean_name(header)
        close = difflib.get_close_matches(name, self.suggestions, n=1, cutoff=0.75)
        return close[0] if close else None

    def _group_words(self, choices: Mapping[str, str]) -> list[str]:
        words = {}
        for word, group in self.groups.items():
            if group in choices and not word.isascii():  # 甲方, not supporter
                words.setdefault(group, word)
        return list(words.values())

    @staticmethod
    def _forms(header: Any) -> list[str]:
        name = clean_name(header)
        bare = without_qualifiers(name)
        return [name, bare] if bare and bare != name else [name]


def vocabulary(record: Spec, shared: Mapping[str, tuple[str, ...]] | None = None,
               suggestions: Sequence[str] = ()) -> Vocabulary:
    """The :class:`Vocabulary` of a table of ``record`` rows (see :func:`column_names`)."""
    names = column_names(record, shared)
    by_group: dict[str, dict[str, str]] = {}
    groups: dict[str, str] = {}
    headlines = []
    for top in record.children:
        if top.kind != "group":
            continue
        for name in top.names:
            groups.setdefault(clean_name(name), top.key)
        for leaf in top.children:
            for name in (leaf.key, *leaf.aliases):
                by_group.setdefault(clean_name(name), {})[top.key] = f"{top.key}.{leaf.key}"
        # A column named after the group alone: the group written as text, or its headline.
        headline = next((leaf.key for leaf in top.children if leaf.headline), None)
        if headline:
            headlines.append(f"{top.key}.{headline}")
        alone = (top.key,) if top.from_text else (f"{top.key}.{headline}",) if headline else None
        if alone:
            for name in top.names:
                names.setdefault(clean_name(name), alone)
    return Vocabulary(names, by_group, groups, tuple(suggestions) or tuple(names), tuple(headlines))


def canonical_keys(data: Any, spec: Spec) -> Any:
    """Rename keys to canonical ones (values untouched), so that mappings written with
    different names can be merged. Unknown keys are kept for the validation to report."""
    if not isinstance(data, Mapping):
        return data
    out: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = str(raw_key).strip()
        child = find_child(spec, key)
        if child is None:
            out[key] = value
        elif child.kind == "group" and not (child.more and isinstance(value, list)):
            out[child.key] = canonical_keys(value, child)
        elif child.kind in ("group", "records") and isinstance(value, list):
            out[child.key] = [canonical_keys(v, child) for v in value]
        else:
            out[child.key] = value
    return out
