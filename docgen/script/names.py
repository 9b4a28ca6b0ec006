"""People's names in another script.

OpenCC converts a name as ordinary words, so a surname that is also a word changes
(干志明 → 幹志明, 余秋雨 → 餘秋雨, 钟 → 鐘 in 钟声). Here a name is read as surname + given
name: the surname is written as the surname table says (``surnames.txt``: 干 stays 干, 钟 is
鍾), the given name converts as ordinary text (干建军 → 干建軍). The same table recognises a
name: a short run of Han characters starting with a known surname.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .text import ScriptConverter

_HAN = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003134f]+$")
# Given-name characters a traditional → simplified conversion must not merge: 乾 in a name
# is qián (乾隆, 张乾), not the 乾 (dry) that simplifies to 干.
_GIVEN_KEPT_TO_HANS = ("乾",)


@dataclass(frozen=True)
class Surnames:
    """The surname table, read once: simplified → traditional, and back."""

    to_traditional: dict[str, str]
    to_simplified: dict[str, str]

    @property
    def longest(self) -> int:
        return max(map(len, self.to_traditional))


@lru_cache(maxsize=1)
def surnames() -> Surnames:
    text = resources.files(__package__).joinpath("surnames.txt").read_text(encoding="utf-8")
    forward: dict[str, str] = {}
    back: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        simplified, traditional = line.split()
        forward[simplified] = traditional
        back.setdefault(traditional, simplified)
    return Surnames(forward, back)


def split_name(name: str) -> tuple[str, str] | None:
    """(surname, given name) when ``name`` starts with a known surname, in either script
    (compound surnames first: 欧阳 before 欧); None otherwise."""
    table = surnames()
    for size in range(min(table.longest, len(name) - 1), 0, -1):
        head = name[:size]
        if head in table.to_traditional or head in table.to_simplified:
            return head, name[size:]
    return None


def looks_like_person(text: str) -> bool:
    """Whether ``text`` reads as a Han person's name: 2–4 Han characters starting with a
    known surname (a given name of one or two characters)."""
    if not 2 <= len(text) <= 4 or not _HAN.match(text):
        return False
    parts = split_name(text)
    return parts is not None and 1 <= len(parts[1]) <= 2


@lru_cache(maxsize=16384)
def person_form(name: str, source: str, target: str) -> str:
    """How ``name`` is written in ``target``: surname from the table, given name converted.

    A name that does not start with a known surname (or is not all Han characters, as
    阿卜杜拉·买买提) converts as ordinary text.
    """
    converter = ScriptConverter.between(source, target)
    parts = split_name(name) if _HAN.match(name) else None
    if parts is None:
        return converter.convert(name)
    surname, given = parts
    table = surnames()
    if target == "hans":
        surname = table.to_simplified.get(surname, surname if surname in table.to_traditional
                                          else converter.convert(surname))
        given = ScriptConverter.between(source, target, keep=_GIVEN_KEPT_TO_HANS).convert(given)
    else:
        if surname in table.to_traditional:
            surname = table.to_traditional[surname]
        elif source == "hans":
            surname = converter.convert(surname)
        given = converter.convert(given)
    return surname + given
