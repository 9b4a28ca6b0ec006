"""Proper names of a document: who and where, and how each is written in another script.

A document's people (from the fields declared as people's names, the labels of an existing
document, a names file) and places (school names, the authority, the gazetteer names any
text mentions) become exact phrases for the conversion (see :mod:`docgen.script.text`), so
each is written the same way wherever it appears, in every document of a batch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from ..errors import InputError, Location
from .names import looks_like_person, person_form
from .places import place_form, places_in, towns_in
from .text import ScriptConverter, read_term_lines

_FORM_SEPARATOR = re.compile(r"\s*[=＝:：\t]\s*")
_PLACE_WORDS = ("省", "市", "县", "区", "镇", "乡", "村", "街道", "社区", "学校", "小学", "中学",
                "幼儿园", "教育局")


@dataclass(frozen=True)
class ProperNames:
    """The people and places of a document, in the script of its source text."""

    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()        # whole values naming a place: school names …
    texts: tuple[str, ...] = ()         # other text, searched for gazetteer names
    forms: Mapping[str, str] = field(default_factory=dict)  # forms the user wrote out

    @classmethod
    def by_kind(cls, texts: Mapping[str, Sequence[str]]) -> "ProperNames":
        """From texts grouped as schema.texts_by_proper groups them ("person", "place", "")."""
        return cls(tuple(texts["person"]), tuple(texts["place"]), tuple(texts[""]))

    def __or__(self, other: "ProperNames") -> "ProperNames":
        return ProperNames(_unique(self.people + other.people),
                           _unique(self.places + other.places),
                           _unique(self.texts + other.texts), {**self.forms, **other.forms})

    def phrases(self, source: str, target: str, keep: Sequence[str] = ()) -> dict[str, str]:
        """Each name → how ``target`` writes it; ``keep`` words stay as they are inside
        names too."""
        if source == target:
            return dict(self.forms)
        protect = (tuple(keep), tuple(self.forms.items()))
        result: dict[str, str] = {}
        for text in (*self.places, *self.texts):
            for name in places_in(text, source):
                result.setdefault(name, place_form(name, source, target, *protect))
        for place in self.places:
            result[place] = place_form(place, source, target, *protect)
            for town in towns_in(place, source):  # 里庄镇 in 天台县里庄镇中心小学
                result.setdefault(town, place_form(town, source, target, *protect))
        for person in self.people:
            result[person] = person_form(person, source, target)
        result.update(self.forms)
        return {k: v for k, v in result.items() if k}


def split_keep(terms: Iterable[str], people: Sequence[str] = ()) -> tuple[list[str], ProperNames]:
    """Words to keep as they are, and the people among them. A person's name written under
    ``keep`` keeps its surname while its given name still converts (干建军 → 干建軍): a
    term is read as a name when it is one of ``people`` or has three characters and starts
    with a surname (two-character terms are mostly words: 后宅, 叶子)."""
    kept, named = [], []
    for term in terms:
        is_name = term in people or (len(term) == 3 and looks_like_person(term))
        (named if is_name else kept).append(term)
    return kept, ProperNames(people=tuple(named))


def names_from_list(entries: Sequence[str], where: str = "names") -> ProperNames:
    """The ``names:`` of a data file: ``干志明`` (a person), ``里庄镇`` (a place), or
    ``原文=写法`` for a form written out."""
    return _names((entry, Location(key_path=f"{where}[{i}]")) for i, entry in enumerate(entries))


def read_names_file(path: str, data: bytes) -> ProperNames:
    """A --names file: UTF-8, one name (or 原文=写法) a line; # starts a comment."""
    return _names((line, Location(file=path, line=number))
                  for number, line in read_term_lines(path, data))


def _names(entries: Iterable[tuple[str, Location]]) -> ProperNames:
    people, places, forms = [], [], {}
    for entry, location in entries:
        entry = entry.strip()
        parts = _FORM_SEPARATOR.split(entry, maxsplit=1)
        if len(parts) == 2:
            if not parts[0] or not parts[1]:
                raise InputError(f"写法应为「原文=写法」，实际为 {entry!r}", location)
            forms[parts[0]] = parts[1]
        elif looks_like_person(entry) and not entry.endswith(_PLACE_WORDS):
            people.append(entry)
        elif entry:
            places.append(entry)
    return ProperNames(tuple(people), tuple(places), (), forms)


def converter_with_names(source: str, target: str, names: ProperNames, *,
                         keep: Sequence[str] = (),
                         phrases: Mapping[str, str] | None = None) -> ScriptConverter:
    """A converter between scripts that writes ``names`` as names; ``keep`` words stay as
    they are (people among them as names) and ``phrases`` (--dict) win over everything."""
    kept, people = split_keep(keep, names.people)
    all_names = names | people
    fixed = {**all_names.phrases(source, target, kept), **(phrases or {})}
    return ScriptConverter.between(source, target, kept, fixed)


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))
